package text

import (
	"unicode"
	"unicode/utf8"
)

// latinFold maps accented Latin letters to their base letter so that
// "Sánchez" and "Sanchez" match. The table covers the letters found in
// European names; anything else is kept as is.
var latinFold = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'ā': 'a', 'ă': 'a', 'ą': 'a',
	'ç': 'c', 'ć': 'c', 'č': 'c', 'ď': 'd', 'đ': 'd',
	'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e', 'ē': 'e', 'ė': 'e', 'ę': 'e', 'ě': 'e',
	'ğ': 'g', 'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ī': 'i', 'ı': 'i', 'İ': 'i',
	'ł': 'l', 'ñ': 'n', 'ń': 'n', 'ň': 'n',
	'ò': 'o', 'ó': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o', 'ø': 'o', 'ō': 'o', 'ő': 'o',
	'ř': 'r', 'ś': 's', 'š': 's', 'ş': 's', 'ș': 's', 'ť': 't', 'ţ': 't', 'ț': 't',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ū': 'u', 'ů': 'u', 'ű': 'u',
	'ý': 'y', 'ÿ': 'y', 'ź': 'z', 'ż': 'z', 'ž': 'z',
	'’': '\'', '‘': '\'', 'ʼ': '\'',
}

// FoldRune returns the matching form of one rune, and false when the rune is
// dropped (Arabic diacritics and tatweel).
func FoldRune(r rune) (rune, bool) {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r, true
	}
	if r >= 0x0600 && r <= 0x06FF {
		return foldArabic(r)
	}
	r = unicode.ToLower(r)
	if f, ok := latinFold[r]; ok {
		return f, true
	}
	return r, true
}

// Normalize returns the matching form of s: Arabic hamza and alef forms
// unified, alef maqsura as ya, ta marbuta as ha, diacritics and tatweel
// removed; Latin lower-cased without accents. It never changes word order or
// spacing, so a normalised phrase can be compared token by token.
func Normalize(s string) string {
	// Much text is its own matching form: find the first code point that
	// is not, and return s itself when there is none.
	b := 0
	for b < len(s) {
		r, size := nextRune(s, b)
		if r == utf8.RuneError && size == 1 {
			break // invalid UTF-8 is written as U+FFFD
		}
		if uint32(r) < tableRunes {
			if foldTable[r] != r {
				break
			}
		} else if f, ok := FoldRune(r); !ok || f != r {
			break
		}
		b += size
	}
	if b == len(s) {
		return s
	}
	buf := make([]byte, b, len(s)+utf8.UTFMax)
	copy(buf, s[:b])
	for b < len(s) {
		r, size := nextRune(s, b)
		b += size
		if f, ok := fold(r); ok {
			buf = utf8.AppendRune(buf, f)
		}
	}
	return string(buf)
}

// tableRunes bounds the code points whose matching form and class are
// looked up in tables rather than computed: Latin with its accents, Greek,
// Cyrillic and Arabic, nearly every letter of the news.
const tableRunes = 0x700

// foldTable holds FoldRune of each code point below tableRunes, -1 for a
// dropped one.
var foldTable [tableRunes]rune

func init() {
	for r := range rune(tableRunes) {
		f, ok := FoldRune(r)
		if !ok {
			f = -1
		}
		foldTable[r] = f
	}
}

// fold is FoldRune through foldTable, and of the replacement character
// when r is not a valid code point (as when r is written into a string
// first).
func fold(r rune) (rune, bool) {
	if uint32(r) < tableRunes {
		f := foldTable[r]
		return f, f >= 0
	}
	return FoldRune(validRune(r))
}

// appendNormalized appends the matching form of runes to dst, as Normalize
// does for the string of runes.
func appendNormalized(dst []byte, runes []rune) []byte {
	for _, r := range runes {
		if f, ok := fold(r); ok {
			dst = utf8.AppendRune(dst, f)
		}
	}
	return dst
}

// foldsToItself reports whether runes are their own matching form, so that
// a token's normalised form can share its text.
func foldsToItself(runes []rune) bool {
	for _, r := range runes {
		if f, ok := fold(r); !ok || f != r {
			return false
		}
	}
	return true
}

// validRune returns r, or the replacement character that converting r to a
// string would write.
func validRune(r rune) rune {
	if !utf8.ValidRune(r) {
		return utf8.RuneError
	}
	return r
}

// IsArabic reports whether s contains at least one Arabic letter.
func IsArabic(s string) bool {
	for _, r := range s {
		if IsArabicLetter(r) {
			return true
		}
	}
	return false
}
