package store

import (
	"errors"
	"strings"
	"testing"
)

// TestFullTextQuery checks that user text becomes a Lucene query with
// only escaped, normalised words and their clitic forms.
func TestFullTextQuery(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		all     bool
		has     []string // clauses or terms in the query
		hasNot  []string
		invalid bool
	}{
		{"Arabic word with hamza", "أوكرانيا", true, []string{"+(اوكرانيا ", "لاوكرانيا", "باوكرانيا"}, []string{"أ"}, false},
		{"diacritics and tatweel go", "أُوكْرَانِـيَا", true, []string{"(اوكرانيا "}, []string{"ُ", "ـ"}, false},
		{"clitic stripped", "لأوكرانيا", true, []string{"لاوكرانيا", " اوكرانيا "}, nil, false},
		{"English lower-cased, fuzzy when long", "ZELENSKY", false, []string{"(zelensky zelensky~1)"}, []string{"ZELENSKY", "+"}, false},
		{"several words, any, with phrase", "Mark Rutte", false, []string{"(mark)", "(rutte rutte~1)", `"mark rutte"^2`}, nil, false},
		{"several words, all", "Mark Rutte", true, []string{"+(mark)", "+(rutte rutte~1)"}, []string{`"`}, false},
		{"operators and syntax are inert", `a) OR b* "c" \d: AND [e TO f]`, true, []string{"+(or)", "+(and)", "+(to)"}, []string{"*", `\`, ":", "[", ")+"}, false},
		{"only punctuation", "!?()", true, nil, nil, true},
		{"empty", "", true, nil, nil, true},
		{"too long", strings.Repeat("ب", MaxTextLen+1), true, nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := fullTextQuery(tt.text, tt.all)
			if tt.invalid {
				if !errors.Is(err, ErrInvalid) {
					t.Errorf("query %q, error %v; want ErrInvalid", q, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.has {
				if !strings.Contains(q, s) {
					t.Errorf("query %q lacks %q", q, s)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(q, s) {
					t.Errorf("query %q has %q", q, s)
				}
			}
		})
	}
}

func TestEscapeLucene(t *testing.T) {
	if got := escapeLucene(`a+b-c&&d||e!f(g)h{i}j[k]l^m"n~o*p?q:r\s/t`); got != `a\+b\-c\&\&d\|\|e\!f\(g\)h\{i\}j\[k\]l\^m\"n\~o\*p\?q\:r\\s\/t` {
		t.Errorf("escaped: %s", got)
	}
}
