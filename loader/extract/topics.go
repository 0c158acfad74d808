package extract

import (
	"sort"

	"github.com/geokg/geokg/loader/lexicon"
	"github.com/geokg/geokg/loader/text"
)

// maxArticleTopics is how many of the article's main topics stand as
// context for its statements.
const maxArticleTopics = 1

// articleTopics finds the main topics of the article: those named most in
// its title and lede (the first paragraph of the body), where news states
// what the story is about.
func (d *doc) articleTopics() []string {
	count := map[string]int{}
	para := 0
	for k, s := range d.sents {
		if k > 0 && s.body && d.newParagraph(s) {
			para++
		}
		// The headline says most what the story is about, then the lede,
		// then the body.
		w := 1
		switch {
		case !s.body:
			w = 4
		case para <= 1:
			w = 2
		}
		for _, t := range d.topicsIn(s, 0, len(s.toks)-1, nil) {
			count[t] += w
		}
	}
	var out []string
	for t := range count {
		out = append(out, t)
	}
	sort.Slice(out, func(a, b int) bool {
		if count[out[a]] != count[out[b]] {
			return count[out[a]] > count[out[b]]
		}
		return out[a] < out[b]
	})
	if len(out) > maxArticleTopics {
		out = out[:maxArticleTopics]
	}
	return out
}

// newParagraph reports whether a sentence starts a paragraph.
func (d *doc) newParagraph(s *sentence) bool {
	return len(s.toks) > 0 && s.toks[0].NewlineBefore || s.span.Start > 0 && d.runes[s.span.Start-1] == '\n'
}

// topics finds the topics of a statement: those its content names; if it
// names none, those of its sentence; if still none, the article's main
// topics. Weak terms count when the topic is in context: the same
// speaker's previous statement or the article's main topics.
func (d *doc) topics(s *sentence, from, to int, speaker string) []string {
	context := map[string]bool{}
	if n := len(d.stmts); n > 0 && d.stmts[n-1].SpeakerID == speaker {
		for _, t := range d.stmts[n-1].Topics {
			context[t] = true
		}
	}
	t := d.topicsIn(s, from, to, context)
	if len(t) > 0 && len(d.mainTopics) > 0 && !contains(t, d.mainTopics[0]) {
		whole := d.topicsIn(s, 0, len(s.toks)-1, map[string]bool{d.mainTopics[0]: true})
		if contains(whole, d.mainTopics[0]) {
			t = append(t, d.mainTopics[0])
			sort.Strings(t)
		}
	}
	if len(t) == 0 {
		t = d.topicsIn(s, 0, len(s.toks)-1, context)
		if len(t) > 2 {
			t = nil
		}
	}
	if len(t) == 0 {
		// The sentence before, which often sets the subject of a quote.
		for k, o := range d.sents {
			if o == s && k > 0 && d.sents[k-1].body {
				t = d.topicsIn(d.sents[k-1], 0, len(d.sents[k-1].toks)-1, context)
			}
		}
		if len(t) > 2 {
			t = nil // a sentence that lists many issues sets no one subject
		}
	}
	if len(t) == 0 {
		t = append([]string{}, d.mainTopics...)
	}
	return t
}

// topicsIn returns the topics named in tokens [from, to]: a topic counts
// when one of its strong terms appears, or two different weak ones ("نشر"
// and "قوات"), or one weak one when the topic is in context. Words inside
// entity names are skipped: "حلف شمال الأطلسي" in a speaker's title is not
// a statement about alliances.
func (d *doc) topicsIn(s *sentence, from, to int, context map[string]bool) []string {
	strong := map[string]bool{}
	weak := map[string]map[string]bool{}
	for i := from; i <= to; i++ {
		if d.inNamedEntity(s, i) {
			continue
		}
		for _, m := range d.topicHits(s, i) {
			if i+m.Len-1 > to {
				continue
			}
			if !m.Value.Weak {
				strong[m.Value.Topic] = true
				continue
			}
			if weak[m.Value.Topic] == nil {
				weak[m.Value.Topic] = map[string]bool{}
			}
			weak[m.Value.Topic][m.Stem.Norm] = true
		}
	}
	for t, terms := range weak {
		if len(terms) >= 2 || context[t] {
			strong[t] = true
		}
	}
	out := []string{}
	for t := range strong {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// topicHits returns the topic terms starting at token i, matched once per
// sentence and kept: statements, their sentences and the article's topics
// all read them.
func (d *doc) topicHits(s *sentence, i int) []text.Match[lexicon.TopicHit] {
	if s.topics == nil {
		s.topics = make([][]text.Match[lexicon.TopicHit], len(s.toks))
		for k := range s.toks {
			s.topics[k] = d.x.lx.TopicTerms.At(s.toks, k)
		}
	}
	return s.topics[i]
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
