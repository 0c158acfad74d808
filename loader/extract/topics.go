package extract

import (
	"sort"

	"github.com/geokg/geokg/loader/lexicon"
	"github.com/geokg/geokg/loader/text"
)

// maxArticleTopics is how many of the article's main topics stand as
// context for the weak terms of its statements.
const maxArticleTopics = 1

// Evidence for a statement's topics. News tags a statement with the issue
// the story is about as much as with what the statement's own words name
// (a minister "welcoming the decision" in a sanctions story speaks about
// sanctions), so a statement's topics weigh three sources: its own words,
// the rest of its sentence, and the article's topics.
const (
	// topicInContent is the score of a topic the statement's words name.
	topicInContent = 3.0
	// topicInSentence is the score of a topic named elsewhere in its
	// sentence: alone too weak to count, it counts for a topic the article
	// is about.
	topicInSentence = 1.0
	// topicInArticle is the score the article's main topic lends every
	// statement; other article topics lend in proportion to their weight.
	topicInArticle = 2.0
	// minTopicScore is the least score a topic needs.
	minTopicScore = 2.0
	// topicModelInContent and topicModelInSentence weigh the topic model's
	// probability of a topic for the statement's words and for its whole
	// sentence. The model reads what the terms miss (topics implied, not
	// named), but it is trained on little text: it adds to the terms'
	// and the article's evidence (a topic the lede names tips a statement
	// that implies it) and reaches minTopicScore alone only when it is
	// certain, to the last bit, for both the statement and its sentence.
	// Heavier weights let it decide alone more often, and its precision
	// then costs more than its recall brings.
	topicModelInContent  = 1.0
	topicModelInSentence = 1.0
	// minTopicModelProb is the least probability of a topic the model's
	// score counts for.
	minTopicModelProb = 0.5
	// minTopicShare is the least share of the best topic's score a topic
	// needs: the article's topic does not stand beside a statement whose
	// words name another topic and not it.
	minTopicShare = 0.5
)

// articleTopics weighs the topics of the article by where they are named:
// its title counts most, then the lede (the first paragraph of the body),
// where news states what the story is about, then the rest. The weights are
// scaled so that the main topic has 1; it also returns the main topics.
func (d *doc) articleTopics() (map[string]float64, []string) {
	count := map[string]int{}
	para := 0
	for k, s := range d.sents {
		if k > 0 && s.body && d.newParagraph(s) {
			para++
		}
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
	most := 0
	for t, n := range count {
		out = append(out, t)
		most = max(most, n)
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
	weight := make(map[string]float64, len(count))
	for t, n := range count {
		weight[t] = float64(n) / float64(most)
	}
	return weight, out
}

// newParagraph reports whether a sentence starts a paragraph.
func (d *doc) newParagraph(s *sentence) bool {
	return len(s.toks) > 0 && s.toks[0].NewlineBefore || s.span.Start > 0 && d.runes[s.span.Start-1] == '\n'
}

// topics finds the topics of a statement (tokens [from, to] of sentence s)
// by the scores above. Weak terms count when their topic is in context: the
// same speaker's previous statement or the article's main topics.
func (d *doc) topics(s *sentence, from, to int, speaker string) []string {
	context := map[string]bool{}
	if n := len(d.stmts); n > 0 && d.stmts[n-1].SpeakerID == speaker {
		for _, t := range d.stmts[n-1].Topics {
			context[t] = true
		}
	}
	for _, t := range d.mainTopics {
		context[t] = true
	}
	score := map[string]float64{}
	for _, t := range d.topicsIn(s, from, to, context) {
		score[t] += topicInContent
	}
	for _, t := range d.topicsIn(s, 0, len(s.toks)-1, context) {
		score[t] += topicInSentence
	}
	for t, w := range d.topicWeight {
		score[t] += topicInArticle * w
	}
	d.modelTopics(s, from, to, score)
	best := 0.0
	for _, v := range score {
		best = max(best, v)
	}
	out := []string{}
	for t, v := range score {
		if v >= minTopicScore && v >= minTopicShare*best {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// modelTopics adds the topic model's evidence for the statement (tokens
// [from, to] of sentence s) and its sentence to score. The sentence's
// features and probabilities are computed once and kept: its statements
// share them. A lexicon without a model adds nothing.
func (d *doc) modelTopics(s *sentence, from, to int, score map[string]float64) {
	m := d.x.lx.TopicModel
	if m == nil {
		return
	}
	if s.topicProbs == nil {
		s.topicFeats = m.Features(s.toks)
		s.topicProbs = m.Scores(s.topicFeats, 0, len(s.toks)-1, nil)
	}
	var buf [16]float64
	p := m.Scores(s.topicFeats, from, to, buf[:0])
	for k, t := range m.Topics {
		if p[k] >= minTopicModelProb {
			score[t] += topicModelInContent * p[k]
		}
		if q := s.topicProbs[k]; q >= minTopicModelProb {
			score[t] += topicModelInSentence * q
		}
	}
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
