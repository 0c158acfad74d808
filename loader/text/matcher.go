package text

import (
	"hash/maphash"
	"strings"
)

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
	exact map[string][]entry[T]
	// seen is a bitset of the hashes of the keys of exact: most words start
	// no phrase, and a bit test on the hash the tokenizer computed once per
	// reading turns them away cheaper than a map lookup. Its size grows
	// with the keys so that few words pass it in vain.
	seen keySet
	// prefix holds the single-token wildcard phrases in a trie of their
	// letters: a word is walked once, letter by letter, instead of looking
	// up each of its beginnings, and the walk ends at the first letter no
	// phrase continues with.
	prefix trie[T]
}

// trie is a letter trie; node 0 is the root.
type trie[T any] struct {
	letters
	nodes [][]entry[T] // phrases ending at each node
}

// letters are the edges of a trie. They do not depend on the phrases'
// values, so that the walk is plain (not generic) code.
type letters struct {
	// root holds the children of the root by letter for the letters
	// below rootLetters (Latin and Arabic), 0 for none: most walks end
	// after one or two letters, and this saves the first lookup.
	root []int32
	next map[trieEdge]int32
}

// rootLetters bounds the letters of trie.root: the Latin and Arabic blocks.
const rootLetters = 0x700

// trieEdge is a node and the letter leaving it, packed for a fast map key.
type trieEdge uint64

func edge(node int32, r rune) trieEdge { return trieEdge(uint64(node)<<32 | uint64(uint32(r))) }

// insert returns the node of key, creating the missing ones.
func (t *trie[T]) insert(key string) int32 {
	if t.nodes == nil {
		t.root, t.next, t.nodes = make([]int32, rootLetters), map[trieEdge]int32{}, make([][]entry[T], 1)
	}
	n := int32(0)
	for _, r := range key {
		c, ok := t.child(n, r)
		if !ok {
			c = int32(len(t.nodes))
			t.nodes = append(t.nodes, nil)
			if n == 0 && r >= 0 && r < rootLetters {
				t.root[r] = c
			} else {
				t.next[edge(n, r)] = c
			}
		}
		n = c
	}
	return n
}

// child returns the child of node n by letter r.
func (t *letters) child(n int32, r rune) (int32, bool) {
	if n == 0 && r >= 0 && r < rootLetters {
		c := t.root[r]
		return c, c != 0
	}
	c, ok := t.next[edge(n, r)]
	return c, ok
}

// maxWalk is room on the stack for the trie nodes a word usually walks
// through.
const maxWalk = 8

// walk appends to dst the nodes, shortest first, of the beginnings of s of
// two letters or more that are in the trie.
func (t *letters) walk(s string, dst []int32) []int32 {
	n, depth := int32(0), 0
	for b := 0; b < len(s); {
		r, size := nextRune(s, b)
		b += size
		c, ok := t.child(n, r)
		if !ok {
			break
		}
		n = c
		depth++
		if depth >= 2 {
			dst = append(dst, n)
		}
	}
	return dst
}

// NewMatcher returns an empty matcher.
func NewMatcher[T any]() *Matcher[T] {
	return &Matcher[T]{exact: map[string][]entry[T]{}}
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
		n := m.prefix.insert(norms[0])
		m.prefix.nodes[n] = append(m.prefix.nodes[n], e)
		return
	}
	if _, ok := m.exact[norms[0]]; !ok {
		m.markSeen(norms[0])
	}
	m.exact[norms[0]] = append(m.exact[norms[0]], e)
}

// seenBitsPerKey sizes the bitset: with one hash, about one word in
// seenBitsPerKey that starts no phrase still passes it.
const seenBitsPerKey = 16

// markSeen sets the bit of a new key of exact, first doubling the bitset
// (and setting the bits of the other keys again) when it gets crowded.
func (m *Matcher[T]) markSeen(key string) {
	if bits := 64 * len(m.seen); bits < seenBitsPerKey*(len(m.exact)+1) {
		m.seen = make(keySet, max(1, 2*len(m.seen)))
		for k := range m.exact {
			m.seen.add(normHash(k))
		}
	}
	m.seen.add(normHash(key))
}

// keySet is a bitset of hashes; its length is a power of two.
type keySet []uint64

func (s keySet) add(h uint32) {
	b := h & uint32(64*len(s)-1)
	s[b/64] |= 1 << (b % 64)
}

// mayHave reports whether a reading may be a key of the set.
func (s keySet) mayHave(st *Stem) bool {
	if len(s) == 0 {
		return false
	}
	h := st.hash
	if h == 0 {
		h = normHash(st.Norm)
	}
	b := h & uint32(64*len(s)-1)
	return s[b/64]&(1<<(b%64)) != 0
}

// hashSeed is the seed of the hashes of readings; one per process, shared by
// the tokenizer and every matcher.
var hashSeed = maphash.MakeSeed()

// normHash returns the hash of a normalised reading; never 0, which marks a
// hash not computed. 32 bits index any bitset a phrase list needs.
func normHash(norm string) uint32 {
	return uint32(maphash.String(hashSeed, norm)) | 1<<31
}

// At returns every phrase that starts at toks[i], longest first.
func (m *Matcher[T]) At(toks []Token, i int) []Match[T] {
	var out []Match[T]
	readings := toks[i].Readings
	if readings == nil {
		readings = Stems(toks[i].Norm)
	}
	for k := range readings {
		st := &readings[k]
		if m.seen.mayHave(st) {
			for _, e := range m.exact[st.Norm] {
				if n, ok := e.matchRest(toks, i+1, st.Article); ok {
					out = append(out, Match[T]{Value: e.value, Len: 1 + n, Stem: *st})
				}
			}
		}
		if m.prefix.nodes != nil {
			// Every beginning of two letters or more that is a phrase,
			// shortest first.
			var ends [maxWalk]int32
			for _, n := range m.prefix.walk(st.Norm, ends[:0]) {
				for _, e := range m.prefix.nodes[n] {
					out = append(out, Match[T]{Value: e.value, Len: 1, Stem: *st})
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
