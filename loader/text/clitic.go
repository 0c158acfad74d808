package text

import "unicode/utf8"

// Stem is a candidate reading of an Arabic word with its proclitics removed.
// Prefix is the number of code points removed from the front (as counted in
// the normalised word) and Article tells whether the definite article was
// among them.
type Stem struct {
	Norm    string
	Prefix  int
	Article bool
	// hash is normHash(Norm), computed once by the tokenizer for the
	// matchers; 0 when not computed.
	hash uint32
}

// minStem is the shortest stem kept after a conjunction (و ف); after a
// preposition or the article a stem needs minStemPrep letters, because
// two-letter remainders are mostly false splits ("كان" is not ك + أن, "لأن"
// is not ل + أن).
const (
	minStem     = 2
	minStemPrep = 3
)

// Stems returns the readings of a normalised Arabic word, the whole word
// first. Proclitics stack in a fixed order: a conjunction (و ف), then a
// preposition (ب ل ك), then the article (ال); ل before ال loses the alef
// (لل). Non-Arabic words have just one reading. Readings share the word's
// memory: Stems allocates only the slice.
func Stems(norm string) []Stem {
	var spans [maxStems]stemSpan
	sp := appendStemSpans(spans[:0], norm)
	out := make([]Stem, len(sp))
	for i, s := range sp {
		out[i] = s.stem(norm)
	}
	return out
}

// maxStems is room on the stack for the readings of a word (five at most).
const maxStems = 8

// stemSpan is a reading located in its word, so that the tokenizer can
// find the readings of a whole sentence before building any of them.
type stemSpan struct {
	// off is where the reading starts in the word; withAl restores the
	// article's alef that ل dropped: the reading is "ال" + word[off:].
	off     int
	prefix  int
	article bool
	withAl  bool
}

// stem returns the reading of the word norm that s locates.
func (s stemSpan) stem(norm string) Stem {
	if s.withAl {
		return Stem{Norm: "ال" + norm[s.off:], Prefix: s.prefix, Article: s.article}
	}
	return Stem{Norm: norm[s.off:], Prefix: s.prefix, Article: s.article}
}

// startsWithAl reports whether the reading s of the word norm starts with
// the article and has letters after it.
func (s stemSpan) startsWithAl(norm string) bool {
	if s.withAl {
		return len(norm) > s.off
	}
	r := norm[s.off:]
	return len(r) > len("ال") && r[:len("ال")] == "ال"
}

// appendStemSpans appends the readings of norm to dst (see Stems).
func appendStemSpans(dst []stemSpan, norm string) []stemSpan {
	out := append(dst, stemSpan{})
	first, _ := utf8.DecodeRuneInString(norm)
	if !IsArabicLetter(first) {
		return out
	}
	// Byte offsets of the first five letters and the letter count; Arabic
	// letters are two bytes each in UTF-8, but decode to be safe.
	var at [6]int
	var w [5]rune
	n, total := 0, 0
	for i := 0; i < len(norm); total++ {
		r, size := nextRune(norm, i)
		if n < len(w) {
			w[n], at[n] = r, i
			n++
		}
		i += size
	}
	if total < minStem+1 {
		return out
	}
	if n < len(at) {
		at[n] = len(norm)
	} else {
		// at[5] is only read when the word has more than five letters.
		_, size := utf8.DecodeRuneInString(norm[at[4]:])
		at[5] = at[4] + size
	}
	add := func(p int, article bool) {
		need := minStem
		if article || p > 1 || w[0] != Waw && w[0] != Feh {
			need = minStemPrep
		}
		if total-p >= need {
			out = append(out, stemSpan{off: at[p], prefix: p, article: article})
		}
	}
	q := 0
	if w[0] == Waw || w[0] == Feh {
		q = 1
		add(q, false)
	}
	letter := func(k int) rune {
		if k < n {
			return w[k]
		}
		return 0
	}
	if q+1 < total && (letter(q) == Beh || letter(q) == Kaf || letter(q) == Lam) {
		// لل: preposition lam followed by the article without its alef.
		if letter(q) == Lam && q+2 < total && letter(q+1) == Lam {
			add(q+2, true)
			// Names written with the article ("الجزائر") lose its alef
			// after ل: "للجزائر" reads as ل + الجزائر.
			if total-q-2 >= minStemPrep {
				out = append(out, stemSpan{off: at[q+2], prefix: q + 1, withAl: true})
			}
		}
		add(q+1, false)
		if q+3 < total && letter(q+1) == Alef && letter(q+2) == Lam {
			add(q+3, true)
		}
	}
	if q+2 < total && letter(q) == Alef && letter(q+1) == Lam {
		add(q+2, true)
	}
	return out
}
