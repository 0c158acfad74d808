package text

import (
	"testing"
	"unicode/utf8"
)

// FuzzTokenize checks, for any input, that tokens and sentences stay inside
// the text, in order, and that normalising never panics.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"وقال: «نعم»، ثم", "Russia's \"war\" 1,037.", "للجزائر والولايات المتحدة", "\x00\xff", "ـــ َ ً"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		r := []rune(s)
		last := 0
		for _, tok := range Tokenize(r, 0, len(r)) {
			if tok.Start < last || tok.End > len(r) || tok.Start >= tok.End {
				t.Fatalf("token %q at [%d,%d) in %d runes after %d", tok.Text, tok.Start, tok.End, len(r), last)
			}
			if string(r[tok.Start:tok.End]) != tok.Text {
				t.Fatalf("token %q does not match its offsets", tok.Text)
			}
			last = tok.End
			_ = Stems(tok.Norm)
		}
		last = 0
		for _, sp := range Sentences(r, 0, len(r)) {
			if sp.Start < last || sp.End > len(r) || sp.Start >= sp.End {
				t.Fatalf("sentence [%d,%d) out of order or range", sp.Start, sp.End)
			}
			last = sp.End
		}
		_ = Normalize(s)
	})
}
