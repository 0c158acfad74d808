package text

import "unicode"

// Span is a half-open range of code points [Start, End) in the original text.
type Span struct {
	Start, End int
}

// Sentences splits runes[from:to] into sentence spans. A sentence ends at a
// full stop, question or exclamation mark, or a line break — except inside a
// quotation, so that a quote of several sentences stays whole with its
// attribution ("...ذلك." قال روته). A full stop after a single capital letter
// ("U.S.") or inside a number does not end a sentence. Leading and trailing
// spaces are trimmed; empty spans are dropped.
func Sentences(runes []rune, from, to int) []Span {
	var spans []Span
	start := from
	inQuote := false
	var closeWith rune
	emit := func(end int) {
		s, e := start, end
		for s < e && unicode.IsSpace(runes[s]) {
			s++
		}
		for e > s && unicode.IsSpace(runes[e-1]) {
			e--
		}
		if e > s {
			spans = append(spans, Span{s, e})
		}
		start = end
	}
	for i := from; i < to; i++ {
		r := runes[i]
		if IsQuoteRune(r) {
			switch {
			case !inQuote:
				inQuote = true
				closeWith = closingQuote(r)
			case r == closeWith || (closeWith == '"' && r == '"'):
				inQuote = false
				// A quote that ends with its own full stop ends the sentence
				// only if a line break or a new quote follows.
			}
			continue
		}
		if r == '\n' {
			// A quote never crosses a paragraph: a dangling quote mark must
			// not swallow the rest of the article.
			inQuote = false
			emit(i + 1)
			continue
		}
		if inQuote {
			continue
		}
		if r == '.' || r == '!' || r == '?' || r == ArabicQuestion || r == ArabicFullStop || r == '…' {
			if r == '.' && isAbbrevDot(runes, i, from, to) {
				continue
			}
			end := i + 1
			for end < to && (runes[end] == '.' || runes[end] == '!' || runes[end] == '?') {
				end++
			}
			emit(end)
			i = end - 1
		}
	}
	emit(to)
	return spans
}

func closingQuote(r rune) rune {
	switch r {
	case '«':
		return '»'
	case '“':
		return '”'
	case '„':
		return '“'
	}
	return r
}

// isAbbrevDot reports whether the full stop at i belongs to an abbreviation or
// a number rather than ending a sentence.
func isAbbrevDot(runes []rune, i, from, to int) bool {
	if isLowerAbbrevDot(runes, i, from, to) {
		return true
	}
	if i > from && i+1 < to && unicode.IsDigit(runes[i-1]) && unicode.IsDigit(runes[i+1]) {
		return true
	}
	// Single letter before the dot: "U.S.", "J. D. Vance".
	if i > from && unicode.IsUpper(runes[i-1]) && (i-1 == from || !unicode.IsLetter(runes[i-2])) {
		return true
	}
	// Common English title abbreviations.
	for _, abbr := range titleAbbrevs {
		n := len(abbr)
		if i-n >= from && spells(runes[i-n:i], abbr) && (i-n == from || !unicode.IsLetter(runes[i-n-1])) {
			return true
		}
	}
	return false
}

// titleAbbrevs are common English title abbreviations, ASCII so that their
// length in bytes is their length in code points.
var titleAbbrevs = []string{"Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Sen", "Rep", "Gov", "St", "Jr", "Sr", "Prof", "No", "vs"}

// spells reports whether runes spell the ASCII word w, without building a
// string for every full stop of the text.
func spells(runes []rune, w string) bool {
	if len(runes) != len(w) {
		return false
	}
	for k, r := range runes {
		if r != rune(w[k]) {
			return false
		}
	}
	return true
}

// isLowerAbbrevDot reports a full stop of a lower-case abbreviation: one
// directly followed by a letter ("a.m", "e.g"), or closing one ("a.m.",
// "p.m.", "i.e.") when the text goes on in lower case or with a number.
func isLowerAbbrevDot(runes []rune, i, from, to int) bool {
	if i+1 < to && i > from && unicode.IsLower(runes[i-1]) && unicode.IsLetter(runes[i+1]) {
		return true
	}
	if i-2 < from || runes[i-2] != '.' || !unicode.IsLower(runes[i-1]) {
		return false
	}
	for k := i + 1; k < to; k++ {
		if !unicode.IsSpace(runes[k]) {
			return unicode.IsLower(runes[k]) || unicode.IsDigit(runes[k]) || runes[k] == '('
		}
	}
	return false
}
