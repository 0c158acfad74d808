package text

// Stem is a candidate reading of an Arabic word with its proclitics removed.
// Prefix is the number of code points removed from the front (as counted in
// the normalised word) and Article tells whether the definite article was
// among them.
type Stem struct {
	Norm    string
	Prefix  int
	Article bool
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
// (لل). Non-Arabic words have just one reading.
func Stems(norm string) []Stem {
	w := []rune(norm)
	out := []Stem{{Norm: norm}}
	if len(w) < minStem+1 || !IsArabicLetter(w[0]) {
		return out
	}
	add := func(p int, article bool) {
		need := minStem
		if article || p > 1 || w[0] != Waw && w[0] != Feh {
			need = minStemPrep
		}
		if len(w)-p >= need {
			out = append(out, Stem{Norm: string(w[p:]), Prefix: p, Article: article})
		}
	}
	p := 0
	if w[p] == Waw || w[p] == Feh {
		p++
		add(p, false)
	}
	conj := p
	for _, q := range []int{conj} {
		if q+1 < len(w) && (w[q] == Beh || w[q] == Kaf || w[q] == Lam) {
			// لل: preposition lam followed by the article without its alef.
			if w[q] == Lam && q+2 < len(w) && w[q+1] == Lam {
				add(q+2, true)
				// Names written with the article ("الجزائر") lose its alef
				// after ل: "للجزائر" reads as ل + الجزائر.
				if len(w)-q-2 >= minStemPrep {
					out = append(out, Stem{Norm: "ال" + string(w[q+2:]), Prefix: q + 1})
				}
			}
			add(q+1, false)
			if q+3 < len(w) && w[q+1] == Alef && w[q+2] == Lam {
				add(q+3, true)
			}
		}
		if q+2 < len(w) && w[q] == Alef && w[q+1] == Lam {
			add(q+2, true)
		}
	}
	return out
}
