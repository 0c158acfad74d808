package text

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

// FuzzTokenize checks, for any input, that tokens and sentences stay inside
// the text, in order, and that normalising never panics.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"وقال: «نعم»، ثم", "Russia's \"war\" 1,037.", "للجزائر والولايات المتحدة", "\x00\xff", "ـــ َ ً", "ألكسندر وإلمندورف للألمان", "İstanbul Ⱥ K Sánchez’s", "a\xd8b\xd9\x84\xe2\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			checkNormalize(t, s)
			checkSource(t, s)
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
		checkNormalize(t, s)
		checkSource(t, s)
	})
}

// checkNormalize compares Normalize with its definition: FoldRune of every
// code point, invalid UTF-8 read as U+FFFD.
func checkNormalize(t *testing.T, s string) {
	t.Helper()
	var want []rune
	for _, r := range s {
		if f, ok := FoldRune(r); ok {
			want = append(want, f)
		}
	}
	if got := Normalize(s); got != string(want) {
		t.Fatalf("Normalize(%q) = %q, want %q", s, got, string(want))
	}
}

// checkSource checks that a Source agrees with the plain conversions, for
// any string (invalid UTF-8 included): the same code points, slices equal
// to their re-encoding, and the same tokens as Tokenize.
func checkSource(t *testing.T, s string) {
	t.Helper()
	r := []rune(s)
	src := NewSource(s)
	if !reflect.DeepEqual(src.Runes(), r) && len(r) > 0 {
		t.Fatalf("NewSource(%q) runes %q, want %q", s, src.Runes(), r)
	}
	// Every position of a short input, a spread of them in a long one:
	// each check copies the slice, so all of them is quadratic and starved
	// the fuzzer on large inputs.
	step := 1 + len(r)/256
	for i := 0; i <= len(r); i = next(i, step, len(r)) {
		if got := src.Slice(0, i); got != string(r[:i]) {
			t.Fatalf("Slice(0, %d) of %q = %q, want %q", i, s, got, string(r[:i]))
		}
		if got := src.Slice(i, len(r)); got != string(r[i:]) {
			t.Fatalf("Slice(%d, %d) of %q = %q, want %q", i, len(r), s, got, string(r[i:]))
		}
	}
	want, got := Tokenize(r, 0, len(r)), src.Tokenize(0, len(r))
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Source.Tokenize(%q) = %+v, want %+v", s, got, want)
	}
	for _, tok := range got {
		if tok.Norm != Normalize(tok.Text) {
			t.Fatalf("token %q: norm %q, want %q", tok.Text, tok.Norm, Normalize(tok.Text))
		}
		if st := readingsOf(tok.Text, tok.Norm); !sameReadings(tok.Readings, st) {
			t.Fatalf("token %q: readings %+v, want %+v", tok.Text, tok.Readings, st)
		}
	}
}

// next steps from position i towards n by step, landing on n itself.
func next(i, step, n int) int {
	if i < n && i+step > n {
		return n
	}
	return i + step
}

// sameReadings compares readings but not their cached hashes.
func sameReadings(a, b []Stem) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Norm != b[i].Norm || a[i].Prefix != b[i].Prefix || a[i].Article != b[i].Article {
			return false
		}
	}
	return true
}

func TestLeadingBytes(t *testing.T) {
	for _, s := range []string{"", "a", "ب", "abcdefgh", "بببببببب", "a\x80\xbf\xc0\xff\x7f\x40\xc2\x80ذذ€😀", "\x80\x80\x80\x80\x80\x80\x80\x80\x80"} {
		want := 0
		for k := 0; k < len(s); k++ {
			if s[k]&0xC0 != 0x80 {
				want++
			}
		}
		if got := leadingBytes(s); got != want {
			t.Errorf("leadingBytes(%q) = %d, want %d", s, got, want)
		}
	}
}
