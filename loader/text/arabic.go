// Package text holds the pure text stages of the extraction pipeline: a
// normaliser for matching, a tokenizer whose tokens keep their offsets into the
// original text, clitic handling for Arabic and a sentence splitter. Nothing
// here knows about entities or Neo4j; every stage maps original text to values
// that point back into it.
package text

// Arabic letters and marks used by the normaliser and the clitic rules. Named
// so that rules read as letters rather than as invisible code points.
const (
	Hamza            = 'ء'
	AlefMadda        = 'آ'
	AlefHamzaAbove   = 'أ'
	WawHamza         = 'ؤ'
	AlefHamzaBelow   = 'إ'
	YehHamza         = 'ئ'
	Alef             = 'ا'
	Beh              = 'ب'
	TehMarbuta       = 'ة'
	Teh              = 'ت'
	Feh              = 'ف'
	Kaf              = 'ك'
	Lam              = 'ل'
	Meem             = 'م'
	Noon             = 'ن'
	Heh              = 'ه'
	Waw              = 'و'
	AlefMaksura      = 'ى'
	Yeh              = 'ي'
	Tatweel          = 'ـ'
	AlefWasla        = 'ٱ'
	SuperscriptAlef  = '\u0670'
	FarsiYeh         = 'ی'
	Keheh            = 'ک'
	ArabicComma      = '،'
	ArabicSemicolon  = '؛'
	ArabicQuestion   = '؟'
	ArabicFullStop   = '۔'
	harakatFirst     = '\u064B' // fathatan
	harakatLast      = '\u0652' // sukun
	quranicMarkFirst = '\u06D6'
	quranicMarkLast  = '\u06ED'
)

// IsArabicLetter reports whether r is a letter of the Arabic block that takes
// part in words (marks and punctuation excluded).
func IsArabicLetter(r rune) bool {
	switch {
	case r >= 0x0621 && r <= 0x064A:
		return r != Tatweel
	case r == AlefWasla || r == FarsiYeh || r == Keheh:
		return true
	case r >= 0x0671 && r <= 0x06D3:
		return true
	}
	return false
}

// IsArabicMark reports whether r is a diacritic or tatweel: characters that
// belong to a word but are dropped for matching.
func IsArabicMark(r rune) bool {
	return (r >= harakatFirst && r <= harakatLast) || r == SuperscriptAlef || r == Tatweel ||
		(r >= quranicMarkFirst && r <= quranicMarkLast)
}

// foldArabic maps one Arabic rune to its matching form; ok is false when the
// rune is dropped altogether.
func foldArabic(r rune) (rune, bool) {
	switch r {
	case AlefMadda, AlefHamzaAbove, AlefHamzaBelow, AlefWasla:
		return Alef, true
	case AlefMaksura, FarsiYeh, YehHamza:
		return Yeh, true
	case WawHamza:
		return Waw, true
	case TehMarbuta:
		return Heh, true
	case Keheh:
		return Kaf, true
	}
	if IsArabicMark(r) {
		return 0, false
	}
	return r, true
}
