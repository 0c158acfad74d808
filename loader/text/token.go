package text

import "unicode"

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
	switch r {
	case '"', '«', '»', '“', '”', '„', '‟', '〝', '〞':
		return true
	}
	return false
}

func isWordRune(r rune) bool {
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
func Tokenize(runes []rune, from, to int) []Token {
	// About one token per five characters in news text.
	toks := make([]Token, 0, (to-from)/5+1)
	newline := false
	i := from
	for i < to {
		r := runes[i]
		switch {
		case r == '\n':
			newline = true
			i++
			continue
		case unicode.IsSpace(r) || r == '\u200f' || r == '\u200e' || r == '\u200c' || r == '\u200d':
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
		s := string(runes[start:i])
		norm := Normalize(s)
		toks = append(toks, Token{Text: s, Norm: norm, Start: start, End: i, Kind: kind, NewlineBefore: newline, Readings: readingsOf(s, norm)})
		newline = false
	}
	return toks
}

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
	st := Stems(norm)
	if !hamzaAlefLam(text) {
		return st
	}
	out := st[:0:0]
	for _, r := range st {
		if !r.Article && !(r.Prefix > 0 && len(r.Norm) > len("ال") && r.Norm[:len("ال")] == "ال") {
			out = append(out, r)
		}
	}
	return out
}

// hamzaAlefLam reports a word whose letters after any proclitic start with
// an alef carrying hamza or madda and then lam: "ألكسندر", "وإلمندورف".
func hamzaAlefLam(text string) bool {
	var letters []rune
	for _, r := range text {
		if IsArabicMark(r) {
			continue
		}
		letters = append(letters, r)
		if len(letters) == 4 {
			break
		}
	}
	for k := 0; k+1 < len(letters) && k <= 2; k++ {
		switch letters[k] {
		case AlefHamzaAbove, AlefHamzaBelow, AlefMadda:
			return letters[k+1] == Lam
		case Waw, Feh, Beh, Lam, Kaf:
			continue
		}
		return false
	}
	return false
}
