package extract

import (
	"fmt"
	"sort"

	"github.com/geokg/geokg/loader/lexicon"
	"github.com/geokg/geokg/loader/text"
)

// minQuoteWords separates quotations from scare quotes around a term
// ("تحالف الراغبين", "technical"): shorter quotes are not statements.
const minQuoteWords = 4

// speakerWindow is how many tokens after a speech verb its subject may start
// (Arabic puts the verb first: "وقال الرئيس الروسي بوتين يوم الأربعاء إن").
const speakerWindow = 8

// complementWindow is how far after the speaker the complementizer of
// reported speech may be.
const complementWindow = 16

// quoteSpan is a quotation between tokens open and close (both quote marks).
type quoteSpan struct{ open, close int }

// quotes pairs the quote marks of a sentence.
func quotes(s *sentence) []quoteSpan {
	var out []quoteSpan
	open := -1
	for i, t := range s.toks {
		if t.Kind != text.Quote {
			continue
		}
		r := []rune(t.Text)[0]
		switch {
		case open < 0 && r != '»' && r != '”':
			open = i
		case open >= 0 && r != '«' && r != '“':
			words := 0
			for k := open + 1; k < i; k++ {
				if s.toks[k].Kind == text.Word {
					words++
				}
			}
			if words >= minQuoteWords {
				out = append(out, quoteSpan{open, i})
			}
			open = -1
		}
	}
	return out
}

// attribute finds the statements of a sentence: for each speech cue, its
// speaker and its content, quoted (direct) or reported.
func (d *doc) attribute(si int, s *sentence) {
	qs := quotes(s)
	inQuote := func(i int) bool {
		for _, q := range qs {
			if i > q.open && i < q.close {
				return true
			}
		}
		return false
	}
	claimed := -1 // tokens before this index belong to a statement already
	for v := 0; v < len(s.toks); v++ {
		if v <= claimed || inQuote(v) {
			continue
		}
		if ac, ok := cueOf(s.cues[v], lexicon.According); ok {
			if end := d.according(si, s, v, ac.Len); end > claimed {
				claimed = end
			}
			continue
		}
		sp, ok := cueOf(s.cues[v], lexicon.Speech)
		if !ok {
			continue
		}
		_, isCont := cueOf(s.cues[v], lexicon.Continue)
		after := v + sp.Len
		speaker, spEnd := d.speakerAfter(s, after)
		if speaker == "" {
			speaker = d.speakerBefore(s, v, claimed)
			spEnd = after
		}
		cont := false
		if speaker == "" {
			// "وقال:", "وأضاف أن", "he added": the last speaker goes on.
			if (isCont || opensContent(s, after) || pronounBefore(s, v)) && d.lastSpeaker != "" && si-d.lastSpeakerSent <= 3 {
				speaker, spEnd, cont = d.lastSpeaker, after, true
			} else {
				continue
			}
		}
		from, to, direct := d.content(s, qs, v, spEnd)
		if from < 0 {
			continue
		}
		// A continuation right after a quote ("..."، مضيفا أن ...) belongs to
		// the same statement.
		if direct {
			for k := to + 1; k < len(s.toks); k++ {
				if hasCue(s.cues[k], lexicon.Continue) {
					to = len(s.toks) - 1
					break
				}
				if s.toks[k].Kind == text.Word {
					break
				}
			}
		}
		d.addStatement(si, s, speaker, from, to, direct, cont)
		if to > claimed {
			claimed = to
		}
		if spEnd-1 > claimed && spEnd-1 > to {
			claimed = spEnd - 1
		}
	}
}

// opensContent reports whether what follows a speech verb opens content
// directly: a colon, a quote or a complementizer.
func opensContent(s *sentence, i int) bool {
	if i >= len(s.toks) {
		return false
	}
	t := s.toks[i]
	return t.Text == ":" || t.Kind == text.Quote || hasCue(s.cues[i], lexicon.Complement)
}

func pronounBefore(s *sentence, v int) bool {
	if v == 0 {
		return false
	}
	switch s.toks[v-1].Norm {
	case "he", "she", "they":
		return true
	}
	return false
}

// speakerAfter finds the subject of a verb-first clause: the first actor
// within speakerWindow tokens, before the content opens.
func (d *doc) speakerAfter(s *sentence, from int) (string, int) {
	for i := from; i < len(s.toks) && i < from+speakerWindow; i++ {
		if opensContent(s, i) || hasCue(s.cues[i], lexicon.Speech) {
			return "", 0
		}
		if mi := d.mentionAt(s, i); mi >= 0 {
			m := s.ments[mi]
			if canSpeak(m) && !d.isObject(s, i) {
				return m.entityID, m.j
			}
			i = m.j - 1
		}
	}
	return "", 0
}

// isObject reports whether the mention at i is the object of a preposition
// rather than a subject ("قال لوكالة", "told Reuters").
func (d *doc) isObject(s *sentence, i int) bool {
	if i > 0 && hasCue(s.cues[i-1], lexicon.Locative) {
		return true
	}
	if i > 0 {
		switch s.toks[i-1].Norm {
		case "مع", "to", "with", "عن":
			return true
		}
	}
	return false
}

// speakerBefore finds the subject before a verb ("روته قد أصر", "Rutte
// said"): the nearest actor that ends within a few tokens of it.
func (d *doc) speakerBefore(s *sentence, v, claimed int) string {
	best := ""
	for _, m := range s.ments {
		if m.j > v || m.i <= claimed {
			continue
		}
		if v-m.j <= 6 && canSpeak(m) && !d.isObject(s, m.i) {
			best = m.entityID
		}
	}
	return best
}

func canSpeak(m mention) bool {
	switch m.typ {
	case Person, Group, Organization:
		return true
	case State:
		return m.kind != refGentilic
	}
	return false
}

// content finds what a speech verb at v introduces; spEnd is the token after
// its speaker. It returns a token range [from, to] and whether it is quoted.
func (d *doc) content(s *sentence, qs []quoteSpan, v, spEnd int) (int, int, bool) {
	// A quote that follows: "وقال: "..."", "said: "...""
	for _, q := range qs {
		if q.open >= v && q.open-spEnd <= 3 {
			return q.open + 1, q.close - 1, true
		}
	}
	// Quote first: ""..." قال روته", ""...," Rutte said."
	for _, q := range qs {
		if q.close < v && v-q.close <= 4 {
			return q.open + 1, q.close - 1, true
		}
	}
	// Reported: after the complementizer or a colon, which may come after
	// a date or a relative clause about the speaker ("قال ماكرون، الذي كان
	// يتحدث في باريس، إن"); another speech verb or a quote ends the search.
	for i := spEnd; i < len(s.toks) && i <= spEnd+complementWindow; i++ {
		if i > spEnd && (hasCue(s.cues[i], lexicon.Speech) || s.toks[i].Kind == text.Quote) {
			break
		}
		if hasCue(s.cues[i], lexicon.Complement) || s.toks[i].Text == ":" {
			if i+1 < len(s.toks) {
				return i + 1, lastContentToken(s), false
			}
		}
	}
	// English "X said the deal ..." without "that", or a reported clause
	// before "..., X said."
	if !text.IsArabic(s.toks[v].Text) {
		if spEnd < len(s.toks)-2 && spEnd > v {
			return spEnd, lastContentToken(s), false
		}
		if v > 2 {
			end := v - 1
			for end > 0 && s.toks[end].Kind != text.Punct {
				end--
			}
			if end > 1 {
				return 0, end - 1, false
			}
		}
	}
	return -1, -1, false
}

func lastContentToken(s *sentence) int {
	i := len(s.toks) - 1
	for i > 0 && s.toks[i].Kind == text.Punct {
		i--
	}
	return i
}

// according handles "بحسب X" and "according to X": the speaker follows the
// cue; the content is the rest of the sentence on the other side. It returns
// the last token used.
func (d *doc) according(si int, s *sentence, v, n int) int {
	speaker, spEnd := "", 0
	for i := v + n; i < len(s.toks) && i < v+n+3; i++ {
		if hasCue(s.cues[i], lexicon.Speech) || hasCue(s.cues[i], lexicon.From) {
			continue
		}
		if mi := d.mentionAt(s, i); mi >= 0 && canSpeak(s.ments[mi]) {
			speaker, spEnd = s.ments[mi].entityID, s.ments[mi].j
			break
		}
	}
	// "حسبما نقلت مصادر عن دبلوماسيين": the one speaking to us is after عن.
	for i := v + n; i < len(s.toks) && i < v+n+6; i++ {
		if hasCue(s.cues[i], lexicon.From) {
			for k := i + 1; k < len(s.toks) && k < i+4; k++ {
				if mi := d.mentionAt(s, k); mi >= 0 && canSpeak(s.ments[mi]) {
					speaker, spEnd = s.ments[mi].entityID, s.ments[mi].j
					break
				}
			}
		}
	}
	if speaker == "" {
		return v
	}
	from, to := 0, v-1
	for to > 0 && s.toks[to].Kind == text.Punct {
		to--
	}
	if to < 2 {
		from, to = spEnd, lastContentToken(s)
		for from < to && s.toks[from].Kind == text.Punct {
			from++
		}
	}
	if to-from < 2 {
		return v
	}
	d.addStatement(si, s, speaker, from, to, false, false)
	return max(spEnd-1, v)
}

// addStatement records a statement over tokens [from, to] of a sentence.
func (d *doc) addStatement(si int, s *sentence, speaker string, from, to int, direct, cont bool) {
	start, end := s.toks[from].Start, s.toks[to].End
	st := Statement{
		ID:            fmt.Sprintf("%s#%d", d.art.ID, start),
		SpeakerID:     speaker,
		Text:          string(d.runes[start:end]),
		Direct:        direct,
		Start:         start,
		End:           end,
		SentenceStart: s.span.Start,
		SentenceEnd:   s.span.End,
		Confidence:    0.8,
	}
	if cont {
		st.Confidence = 0.6
	}
	if direct {
		st.Confidence += 0.1
	}
	st.Topics = d.topics(s, from, to, speaker)
	st.Date, st.dated = d.sentenceDate(s, from, to)
	st.PlaceID = d.placeOutside(s, from, to)
	seen := map[string]bool{}
	for _, m := range s.ments {
		if m.i >= from && m.j <= to+1 && m.entityID != speaker && !seen[m.entityID] {
			seen[m.entityID] = true
			st.MentionIDs = append(st.MentionIDs, m.entityID)
		}
	}
	if st.MentionIDs == nil {
		st.MentionIDs = []string{}
	}
	d.stmts = append(d.stmts, st)
	d.lastSpeaker, d.lastSpeakerSent = speaker, si
}

// topics finds the topics of a statement's content; when the content names
// none, the rest of the sentence is read.
// A weak term also counts when the same speaker's previous statement has its
// topic: a run of quotes stays on its subject.
func (d *doc) topics(s *sentence, from, to int, speaker string) []string {
	var context map[string]bool
	if n := len(d.stmts); n > 0 && d.stmts[n-1].SpeakerID == speaker {
		context = map[string]bool{}
		for _, t := range d.stmts[n-1].Topics {
			context[t] = true
		}
	}
	t := d.topicsIn(s, from, to, context)
	if len(t) == 0 {
		t = d.topicsIn(s, 0, len(s.toks)-1, context)
	}
	return t
}

// topicsIn returns the topics named in tokens [from, to]: a topic counts
// when one of its strong terms appears, or two different weak ones ("نشر"
// and "قوات"). Words inside entity names are skipped: "حلف شمال الأطلسي" in
// a speaker's title is not a statement about alliances.
func (d *doc) topicsIn(s *sentence, from, to int, context map[string]bool) []string {
	strong := map[string]bool{}
	weak := map[string]map[string]bool{}
	for i := from; i <= to; i++ {
		if d.inNamedEntity(s, i) {
			continue
		}
		for _, m := range d.x.lx.TopicTerms.At(s.toks, i) {
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

// inNamedEntity reports whether token i is part of the name of a person,
// state, organisation or place (gentilics and groups are not names).
func (d *doc) inNamedEntity(s *sentence, i int) bool {
	for _, m := range s.ments {
		if i >= m.i && i < m.j {
			return m.kind == refName && m.typ != Group
		}
	}
	return false
}

// placeOutside returns the place named after a preposition of place in the
// sentence but outside the content ("قال روته خلال زيارة إلى براغ"); a place
// inside the content is what the statement is about, not where it was made.
func (d *doc) placeOutside(s *sentence, from, to int) string {
	for _, m := range s.ments {
		if m.typ == Place && m.locative && (m.j <= from || m.i > to) {
			return m.entityID
		}
	}
	return ""
}

// propagateOccasion treats a run of consecutive statements by one speaker
// as one occasion: an undated statement takes the date stated before it in
// the run, and a quote without a place takes the place one of the run
// states.
func (d *doc) propagateOccasion() {
	for i := 0; i < len(d.stmts); {
		j := i
		place := ""
		for j < len(d.stmts) && d.stmts[j].SpeakerID == d.stmts[i].SpeakerID {
			if place == "" {
				place = d.stmts[j].PlaceID
			}
			if j > i && !d.stmts[j].dated && d.stmts[j-1].dated {
				d.stmts[j].Date, d.stmts[j].dated = d.stmts[j-1].Date, true
			}
			j++
		}
		for k := i; k < j; k++ {
			if d.stmts[k].PlaceID == "" && d.stmts[k].Direct {
				d.stmts[k].PlaceID = place
			}
		}
		i = j
	}
}
