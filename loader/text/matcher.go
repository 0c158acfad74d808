package text

import "strings"

// Match is one phrase found at a token position. Len counts tokens; Stem is
// the reading of the first token that matched (its clitics removed).
type Match[T any] struct {
	Value T
	Len   int
	Stem  Stem
}

type entry[T any] struct {
	rest     []string // normalised tokens after the first
	wildcard bool     // the last token matches as a prefix
	value    T
}

// Matcher finds phrases in token streams. Phrases are tokenized and
// normalised like the text, so "الولايات المتحدة" or "U.S." match whatever
// their spelling variants; the first token of a phrase may carry Arabic
// clitics in the text ("لأوكرانيا" matches "أوكرانيا"). A phrase ending in
// "*" matches any ending of its last token.
type Matcher[T any] struct {
	exact  map[string][]entry[T]
	prefix map[string][]entry[T] // single-token wildcard phrases by prefix
	maxPre int
}

// NewMatcher returns an empty matcher.
func NewMatcher[T any]() *Matcher[T] {
	return &Matcher[T]{exact: map[string][]entry[T]{}, prefix: map[string][]entry[T]{}}
}

// Add registers phrase with its value; empty phrases are ignored.
func (m *Matcher[T]) Add(phrase string, value T) {
	wild := strings.HasSuffix(phrase, "*")
	phrase = strings.TrimSuffix(phrase, "*")
	r := []rune(strings.TrimSpace(phrase))
	toks := Tokenize(r, 0, len(r))
	if len(toks) == 0 {
		return
	}
	norms := make([]string, len(toks))
	for i, t := range toks {
		norms[i] = t.Norm
	}
	e := entry[T]{rest: norms[1:], wildcard: wild, value: value}
	if wild && len(norms) == 1 {
		m.prefix[norms[0]] = append(m.prefix[norms[0]], e)
		if n := len([]rune(norms[0])); n > m.maxPre {
			m.maxPre = n
		}
		return
	}
	m.exact[norms[0]] = append(m.exact[norms[0]], e)
}

// At returns every phrase that starts at toks[i], longest first.
func (m *Matcher[T]) At(toks []Token, i int) []Match[T] {
	var out []Match[T]
	readings := toks[i].Readings
	if readings == nil {
		readings = Stems(toks[i].Norm)
	}
	for _, st := range readings {
		for _, e := range m.exact[st.Norm] {
			if n, ok := e.matchRest(toks, i+1, st.Article); ok {
				out = append(out, Match[T]{Value: e.value, Len: 1 + n, Stem: st})
			}
		}
		if len(m.prefix) > 0 {
			// Every prefix of two letters or more, by byte offset so that
			// no string is built.
			n := 0
			for b := range st.Norm {
				if n >= 2 && n <= m.maxPre {
					for _, e := range m.prefix[st.Norm[:b]] {
						out = append(out, Match[T]{Value: e.value, Len: 1, Stem: st})
					}
				}
				n++
			}
			if n >= 2 && n <= m.maxPre {
				for _, e := range m.prefix[st.Norm] {
					out = append(out, Match[T]{Value: e.value, Len: 1, Stem: st})
				}
			}
		}
	}
	// Longest first; among equals, the reading with fewer clitics removed.
	for a := 1; a < len(out); a++ {
		for b := a; b > 0 && (out[b].Len > out[b-1].Len || out[b].Len == out[b-1].Len && out[b].Stem.Prefix < out[b-1].Stem.Prefix); b-- {
			out[b], out[b-1] = out[b-1], out[b]
		}
	}
	return out
}

// Longest returns the longest phrase starting at toks[i].
func (m *Matcher[T]) Longest(toks []Token, i int) (Match[T], bool) {
	ms := m.At(toks, i)
	if len(ms) == 0 {
		return Match[T]{}, false
	}
	return ms[0], true
}

// matchRest matches the phrase's remaining tokens from toks[j]. When the
// first word carried the Arabic article, the following words of the phrase
// may carry it too ("الكوري الجنوبي" for "كوري جنوبي").
func (e entry[T]) matchRest(toks []Token, j int, article bool) (int, bool) {
	if j+len(e.rest) > len(toks) {
		return 0, false
	}
	for k, want := range e.rest {
		got := toks[j+k].Norm
		last := k == len(e.rest)-1
		if article && strings.HasPrefix(got, "ال") && !strings.HasPrefix(want, "ال") {
			got = strings.TrimPrefix(got, "ال")
		}
		if got == want || last && e.wildcard && strings.HasPrefix(got, want) {
			continue
		}
		// A later word written with the article in the phrase may carry a
		// preposition before it in the text ("نشر للقوات" for "نشر القوات").
		if strings.HasPrefix(want, "ال") && hasArticleStem(got, strings.TrimPrefix(want, "ال")) {
			continue
		}
		return 0, false
	}
	return len(e.rest), true
}

func hasArticleStem(norm, stem string) bool {
	if !strings.HasSuffix(norm, stem) {
		return false
	}
	for _, st := range Stems(norm)[1:] {
		if st.Article && st.Norm == stem {
			return true
		}
	}
	return false
}
