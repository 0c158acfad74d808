package text

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// Kind classifies a token.
type Kind uint8

// Token kinds. Quotes are their own kind because statements are built around
// them.
const (
	Word Kind = iota
	Number
	Punct
	Quote
)

// Token is one word, number or punctuation mark. Start and End are offsets in
// code points into the original text (End exclusive); Text is the original
// surface form and Norm its matching form (see Normalize).
type Token struct {
	Text  string
	Norm  string
	Start int
	End   int
	Kind  Kind
	// NewlineBefore is set when a line break separates the token from the
	// previous one; paragraph structure matters for quotes and headings.
	NewlineBefore bool
	// Readings are the readings of Norm with Arabic clitics removed (see
	// Stems), computed once here because every matcher needs them.
	Readings []Stem
}

// IsQuoteRune reports whether r opens or closes a quotation.
func IsQuoteRune(r rune) bool {
	if uint32(r) < tableRunes {
		return runeClasses[r]&quoteClass != 0
	}
	return quoteRune(r)
}

func quoteRune(r rune) bool {
	switch r {
	case '"', '«', '»', '“', '”', '„', '‟', '〝', '〞':
		return true
	}
	return false
}

// runeClasses holds the classes of each code point below tableRunes, as
// their functions (wordRune, quoteRune, unicode.IsSpace) compute them.
var runeClasses [tableRunes]uint8

// Classes of code points, bits of runeClasses.
const (
	wordClass uint8 = 1 << iota
	quoteClass
	spaceClass
)

func init() {
	for r := range rune(tableRunes) {
		var c uint8
		if wordRune(r) {
			c |= wordClass
		}
		if quoteRune(r) {
			c |= quoteClass
		}
		if unicode.IsSpace(r) {
			c |= spaceClass
		}
		runeClasses[r] = c
	}
}

func isWordRune(r rune) bool {
	if uint32(r) < tableRunes {
		return runeClasses[r]&wordClass != 0
	}
	return wordRune(r)
}

// isSpace is unicode.IsSpace, from the table when it can.
func isSpace(r rune) bool {
	if uint32(r) < tableRunes {
		return runeClasses[r]&spaceClass != 0
	}
	return unicode.IsSpace(r)
}

// wordRune reports whether r belongs to a word: a letter or a mark.
func wordRune(r rune) bool {
	switch {
	case r < 0x80:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	case r >= 0x0600 && r <= 0x06FF:
		return IsArabicLetter(r) || IsArabicMark(r)
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// Tokenize splits runes[from:to] into tokens with absolute offsets. Words are
// maximal runs of letters and marks (an apostrophe between letters stays inside
// an English word only for contractions such as "don't"; the possessive "'s" is
// split off so that "Russia's" matches "Russia"). Numbers keep internal
// separators such as "1,037" and "3.5".
//
// The texts, normalised forms and readings of all tokens share three
// allocations per call rather than several per token: tokenizing is on the
// path of every character of every article. Source.Tokenize saves another
// by cutting the texts out of the source.
func Tokenize(runes []rune, from, to int) []Token {
	return tokenize(runes, nil, from, to)
}

// tokenize is Tokenize, taking the texts of the tokens from src when it is
// not nil. It first locates every token, its normalised form and its
// readings in scratch buffers without pointers, then builds them all at
// once: pointers in the buffers would be work for the garbage collector.
func tokenize(runes []rune, src *Source, from, to int) []Token {
	sc := scratchPool.Get().(*scratch)
	spans, buf := sc.spans[:0], sc.buf[:0]
	newline := false
	i := from
	for i < to {
		r := runes[i]
		switch {
		case r == '\n':
			newline = true
			i++
			continue
		case isSpace(r) || r == '\u200f' || r == '\u200e' || r == '\u200c' || r == '\u200d':
			i++
			continue
		}
		start := i
		kind := Punct
		switch {
		case isWordRune(r):
			kind = Word
			for i < to {
				c := runes[i]
				if isWordRune(c) {
					i++
					continue
				}
				// Keep "don't" whole but split "Russia's".
				if (c == '\'' || c == '’') && i+1 < to && isWordRune(runes[i+1]) && !isPossessive(runes, i, to) && !IsArabicLetter(runes[i-1]) {
					i += 2
					continue
				}
				break
			}
		case unicode.IsDigit(r):
			kind = Number
			for i < to {
				c := runes[i]
				if unicode.IsDigit(c) {
					i++
					continue
				}
				if (c == ',' || c == '.' || c == '٫' || c == '٬') && i+1 < to && unicode.IsDigit(runes[i+1]) {
					i += 2
					continue
				}
				break
			}
		case IsQuoteRune(r):
			kind = Quote
			i++
		default:
			i++
		}
		sp := tokenSpan{start: start, end: i, kind: kind, newline: newline}
		if src != nil {
			sp.text = [2]int{int(src.at[start]), int(src.at[i])}
		} else {
			sp.text[0] = len(buf)
			for _, c := range runes[start:i] {
				buf = utf8.AppendRune(buf, c)
			}
			sp.text[1] = len(buf)
		}
		sp.sameNorm = foldsToItself(runes[start:i])
		if !sp.sameNorm {
			sp.norm[0] = len(buf)
			buf = appendNormalized(buf, runes[start:i])
			sp.norm[1] = len(buf)
		}
		spans = append(spans, sp)
		newline = false
	}
	all := string(buf)
	toks := make([]Token, len(spans))
	stems := sc.stems[:0]
	for k := range toks {
		t, sp := &toks[k], &spans[k]
		t.Start, t.End, t.Kind, t.NewlineBefore = sp.start, sp.end, sp.kind, sp.newline
		if src != nil {
			t.Text = src.text[sp.text[0]:sp.text[1]]
		} else {
			t.Text = all[sp.text[0]:sp.text[1]]
		}
		t.Norm = t.Text
		if !sp.sameNorm {
			t.Norm = all[sp.norm[0]:sp.norm[1]]
		}
		sp.stems[0] = len(stems)
		stems = appendReadings(stems, runes[t.Start:t.End], t.Norm)
		sp.stems[1] = len(stems)
	}
	readings := make([]Stem, len(stems))
	for k := range toks {
		t, from, to := &toks[k], spans[k].stems[0], spans[k].stems[1]
		for j := from; j < to; j++ {
			st := stems[j].stem(t.Norm)
			st.hash = normHash(st.Norm)
			readings[j] = st
		}
		// Full slice expressions: a caller appending to one token's
		// readings must not overwrite the next token's.
		t.Readings = readings[from:to:to]
	}
	// A huge input's buffers are not kept.
	if len(buf) <= maxScratch && len(spans) <= maxScratch {
		sc.spans, sc.buf, sc.stems = spans[:0], buf[:0], stems[:0]
		scratchPool.Put(sc)
	}
	return toks
}

// tokenSpan locates a token, its text, normalised form and readings in the
// buffers of a tokenize call (the text in the source when there is one).
type tokenSpan struct {
	start, end        int
	kind              Kind
	newline, sameNorm bool // sameNorm: the text is its own normalised form
	text, norm, stems [2]int
}

// scratch holds the buffers of one tokenize call; they are reused so that
// only the returned tokens and their strings are allocated.
type scratch struct {
	spans []tokenSpan
	buf   []byte
	stems []stemSpan
}

// maxScratch bounds the buffers kept for reuse, in bytes or tokens.
const maxScratch = 1 << 16

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// isPossessive reports whether the apostrophe at i starts an English
// possessive "'s" ending the word.
func isPossessive(runes []rune, i, to int) bool {
	if i+1 >= to || (runes[i+1] != 's' && runes[i+1] != 'S') {
		return false
	}
	return i+2 >= to || !isWordRune(runes[i+2])
}

// readingsOf returns the clitic readings of a token. Normalisation writes
// every alef bare, so "ألكسندر" (Alexander) and "إلمندورف" would read as
// carrying the article; the article is written with a bare alef, and the
// original spelling keeps such names whole.
func readingsOf(text, norm string) []Stem {
	sp := appendReadings(nil, []rune(text), norm)
	out := make([]Stem, len(sp))
	for i, s := range sp {
		out[i] = s.stem(norm)
	}
	return out
}

// appendReadings appends the readings of a token, given the runes of its
// text, to dst (see readingsOf).
func appendReadings(dst []stemSpan, text []rune, norm string) []stemSpan {
	n := len(dst)
	dst = appendStemSpans(dst, norm)
	if !hamzaAlefLam(text) {
		return dst
	}
	out := dst[:n]
	for _, r := range dst[n:] {
		if !r.article && !(r.prefix > 0 && r.startsWithAl(norm)) {
			out = append(out, r)
		}
	}
	return out
}

// hamzaAlefLam reports a word whose letters after any proclitic start with
// an alef carrying hamza or madda and then lam: "ألكسندر", "وإلمندورف".
func hamzaAlefLam(text []rune) bool {
	// k counts the letters read; marks do not count. Up to two proclitic
	// letters may come before the alef, and the letter after it decides.
	k, alef := 0, false
	for _, r := range text {
		if IsArabicMark(r) {
			continue
		}
		if alef {
			return r == Lam
		}
		if k > 2 {
			return false
		}
		switch r {
		case AlefHamzaAbove, AlefHamzaBelow, AlefMadda:
			alef = true
		case Waw, Feh, Beh, Lam, Kaf:
		default:
			return false
		}
		k++
	}
	return false
}
