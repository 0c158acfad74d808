package text

import (
	"strings"
	"unicode"
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
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f, ok := FoldRune(r); ok {
			b.WriteRune(f)
		}
	}
	return b.String()
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
