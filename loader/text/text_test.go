package text

import (
	"reflect"
	"testing"
	"unicode"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"alef with hamza above", "أوكرانيا", "اوكرانيا"},
		{"alef with hamza below", "إيمانويل", "ايمانويل"},
		{"alef madda", "آسيا", "اسيا"},
		{"alef maqsura", "مصطفى", "مصطفي"},
		{"ta marbuta", "القمة", "القمه"},
		{"diacritics", "خَبَرَيْن", "خبرين"},
		{"tatweel", "الرئيـــس", "الرييس"},
		{"hamza on ya", "رئيس", "رييس"},
		{"english case", "NATO Allies", "nato allies"},
		{"latin accents", "Sánchez", "sanchez"},
		{"curly apostrophe", "Russia’s", "russia's"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStems(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // readings after the whole word
	}{
		{"waw", "وروسيا", []string{"روسيا"}},
		{"lam", "لاوكرانيا", []string{"اوكرانيا"}},
		{"article", "الفرنسي", []string{"فرنسي"}},
		{"lam plus article", "للقوات", []string{"قوات", "لقوات", "القوات"}},
		{"waw then beh then article", "وبالقوات", []string{"بالقوات", "القوات", "قوات"}},
		{"two-letter remainder after preposition is no split", "كان", nil},
		{"latin word", "russia", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Stems(tt.in)
			if got[0].Norm != tt.in {
				t.Fatalf("first reading %q, want the word itself", got[0].Norm)
			}
			var rest []string
			for _, s := range got[1:] {
				rest = append(rest, s.Norm)
			}
			if !sameSet(rest, tt.want) {
				t.Errorf("Stems(%q) = %q, want %q", tt.in, rest, tt.want)
			}
		})
	}
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}

func TestTokenizeOffsets(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"arabic with punctuation", "وقال: «نعم»، ثم", []string{"وقال", ":", "«", "نعم", "»", "،", "ثم"}},
		{"possessive split", "Russia's war", []string{"Russia", "'", "s", "war"}},
		{"contraction kept", "don't go", []string{"don't", "go"}},
		{"number with separator", "day 1,037 and 3.5%", []string{"day", "1,037", "and", "3.5", "%"}},
		{"diacritics inside word", "خَبَرَيْن.", []string{"خَبَرَيْن", "."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := []rune(tt.in)
			toks := Tokenize(r, 0, len(r))
			var got []string
			for _, tok := range toks {
				if string(r[tok.Start:tok.End]) != tok.Text {
					t.Errorf("token %q has offsets [%d,%d) pointing at %q", tok.Text, tok.Start, tok.End, string(r[tok.Start:tok.End]))
				}
				got = append(got, tok.Text)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"two sentences", "قال روته ذلك. ثم غادر.", []string{"قال روته ذلك.", "ثم غادر."}},
		{"quote keeps its inner full stops", `وقال: "إنها دولة. ليس من حقهم." ثم غادر.`, []string{`وقال: "إنها دولة. ليس من حقهم." ثم غادر.`}},
		{"quote first with attribution", `"لا يمكن لأحد أن يقرر ذلك." قال روته.`, []string{`"لا يمكن لأحد أن يقرر ذلك." قال روته.`}},
		{"arabic question mark", "هل تنجح الجهود؟ نعم.", []string{"هل تنجح الجهود؟", "نعم."}},
		{"abbreviation", "U.S. President Trump spoke. He left.", []string{"U.S. President Trump spoke.", "He left."}},
		{"lower-case abbreviations", "It fell at 7:10 a.m. on Monday, i.e. early. Then at 9 p.m. Nobody saw it.", []string{"It fell at 7:10 a.m. on Monday, i.e. early.", "Then at 9 p.m.", "Nobody saw it."}},
		{"line break ends a sentence", "العنوان\nالنص", []string{"العنوان", "النص"}},
		{"dangling quote stops at the paragraph", "قال \"كذا\nسطر آخر.", []string{"قال \"كذا", "سطر آخر."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := []rune(tt.in)
			var got []string
			for _, sp := range Sentences(r, 0, len(r)) {
				got = append(got, string(r[sp.Start:sp.End]))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMatcher(t *testing.T) {
	m := NewMatcher[string]()
	m.Add("الولايات المتحدة", "US")
	m.Add("كوري جنوبي", "KR-gentilic")
	m.Add("قوات*", "troops")
	m.Add("U.S.", "US-abbr")
	tests := []struct {
		name string
		in   string
		at   int
		want string
		len  int
	}{
		{"multiword with clitic", "وبالولايات المتحدة", 0, "US", 2},
		{"article on every word", "الكوري الجنوبي", 0, "KR-gentilic", 2},
		{"wildcard ending", "قواتها", 0, "troops", 1},
		{"abbreviation with dots", "the U.S. side", 1, "US-abbr", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := []rune(tt.in)
			toks := Tokenize(r, 0, len(r))
			got, ok := m.Longest(toks, tt.at)
			if !ok || got.Value != tt.want || got.Len != tt.len {
				t.Errorf("Longest = %+v, %v; want %q over %d tokens", got, ok, tt.want, tt.len)
			}
		})
	}
}

// TestNormalizeIsLowerCase checks that the matching form of every code point
// is its own lower case, so that normalised text never needs lower-casing.
func TestNormalizeIsLowerCase(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if f, ok := FoldRune(r); ok && unicode.ToLower(f) != f {
			t.Fatalf("FoldRune(%U) = %U, whose lower case is %U", r, f, unicode.ToLower(f))
		}
	}
}
