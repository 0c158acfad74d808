package text

import (
	"math"
	"math/bits"
	"unicode/utf8"
)

// Source is a text as code points, the unit of every offset in the
// pipeline, together with the byte offset of each code point in a string that
// spells them: stages index by code point and still cut strings out of the
// text without encoding them again.
type Source struct {
	runes []rune
	// text spells runes in UTF-8: the original text, or its re-encoding
	// when the original is not valid UTF-8 (invalid bytes read as U+FFFD).
	text string
	// at holds the byte offset in text of each code point, and len(text)
	// last; nil for a text too long for 32 bits, whose strings are then
	// encoded again.
	at []int32
}

// NewSource decodes s.
func NewSource(s string) *Source {
	if len(s) > math.MaxInt32 {
		return &Source{runes: []rune(s)}
	}
	// In valid UTF-8 every code point has one leading byte; invalid text
	// is detected below and decoded apart.
	n := leadingBytes(s)
	runes, at := make([]rune, n), make([]int32, n+1)
	b := 0
	for k := range runes {
		if b >= len(s) {
			return newSourceInvalid(s)
		}
		at[k] = int32(b)
		c := s[b]
		if c < utf8.RuneSelf {
			runes[k] = rune(c)
			b++
			continue
		}
		r, size := nextRune(s, b)
		if r == utf8.RuneError && size == 1 {
			return newSourceInvalid(s)
		}
		runes[k] = r
		b += size
	}
	if b != len(s) {
		return newSourceInvalid(s)
	}
	at[n] = int32(len(s))
	return &Source{runes: runes, text: s, at: at}
}

// leadingBytes counts the bytes of s that are not continuation bytes
// (10xxxxxx), eight at a time.
func leadingBytes(s string) int {
	const high = 0x8080808080808080
	n := len(s)
	k := 0
	for ; k+8 <= len(s); k += 8 {
		w := uint64(s[k]) | uint64(s[k+1])<<8 | uint64(s[k+2])<<16 | uint64(s[k+3])<<24 |
			uint64(s[k+4])<<32 | uint64(s[k+5])<<40 | uint64(s[k+6])<<48 | uint64(s[k+7])<<56
		// A continuation byte has its top bit set and the next one
		// clear; shifting brings each byte's second bit under its top.
		n -= bits.OnesCount64(w &^ (w << 1) & high)
	}
	for ; k < len(s); k++ {
		if s[k]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// newSourceInvalid decodes a string that is not valid UTF-8 as a conversion
// to []rune does, and spells it again so that text and runes agree.
func newSourceInvalid(s string) *Source {
	runes := []rune(s)
	src := &Source{runes: runes, text: string(runes), at: make([]int32, len(runes)+1)}
	b := 0
	for k, r := range runes {
		src.at[k] = int32(b)
		b += utf8.RuneLen(validRune(r))
	}
	src.at[len(runes)] = int32(b)
	return src
}

// Runes returns the code points of the text; the caller must not modify
// them.
func (s *Source) Runes() []rune { return s.runes }

// Slice returns the text of the code points [start, end), as
// string(s.Runes()[start:end]) would, without copying.
func (s *Source) Slice(start, end int) string {
	if s.at == nil {
		return string(s.runes[start:end])
	}
	return s.text[s.at[start]:s.at[end]]
}

// Tokenize is Tokenize over the source's code points; the tokens' texts
// share the source's memory.
func (s *Source) Tokenize(from, to int) []Token {
	if s.at == nil {
		return Tokenize(s.runes, from, to)
	}
	return tokenize(s.runes, s, from, to)
}

// nextRune decodes the code point at s[b:] as utf8.DecodeRuneInString does,
// with the one- and two-byte cases (ASCII, accented Latin and Arabic
// letters) inline: Arabic text would otherwise spend a call per letter.
func nextRune(s string, b int) (rune, int) {
	c := s[b]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c >= 0xC2 && c < 0xE0 && b+1 < len(s) && s[b+1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(s[b+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s[b:])
}
