package extract

import (
	"fmt"
	"strings"

	"github.com/geokg/geokg/loader/lexicon"
	"github.com/geokg/geokg/loader/text"
)

// minQuoteWords separates quotations from scare quotes around a term
// ("تحالف الراغبين", "technical"): shorter quotes are not statements.
const minQuoteWords = 4

// speakerWindow is how many tokens after a speech verb its subject may start
// (Arabic puts the verb first: "وقال الرئيس الروسي بوتين يوم الأربعاء إن").
const speakerWindow = 8

// appositiveWindow bounds an appositive between commas after a speaker
// (", the chief minister of Jammu and Kashmir,").
const appositiveWindow = 10

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
		r := firstRune(t.Text)
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
	arabic := s.arabic()
	claimed := -1 // tokens up to this index belong to a statement already
	subject := "" // the subject of the sentence's first attributed clause
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
		cue, kind, ok := speechCue(s.cues[v])
		if !ok {
			continue
		}
		after := v + cue.Len
		speaker, spEnd, cont := "", after, false
		relative := false
		switch {
		case kind == lexicon.Report:
			speaker, spEnd = d.speakerAfterFrom(s, after)
			if speaker == "" {
				// The agency that reports is not the speaker; without
				// the one it quotes there is no statement.
				claimed = max(claimed, d.quotingEnd(s, after))
				continue
			}
		case kind == lexicon.Participle:
			// "..., مؤكداً أن", "saying that": the clause's subject goes on.
			speaker = subject
			if speaker == "" {
				speaker = d.firstSubject(s, v)
			}
		default:
			if ante := d.relativeAntecedent(s, v); ante != "" {
				// "زيلينسكي، الذي وصف ...", "Hegseth, who said ...".
				speaker, relative = ante, true
			} else if arabic {
				if !precededByQad(s, v) && !fronted(s, v) {
					speaker, spEnd = d.speakerAfter(s, after)
				}
				if speaker == "" {
					speaker, spEnd = d.firstSubject(s, v), after
				}
			} else {
				speaker = d.speakerBefore(s, v, claimed)
				if speaker == "" && !pronounBefore(s, v) {
					speaker, spEnd = d.speakerInverted(s, after)
				}
				if speaker == "" && v > 0 && s.toks[v-1].Norm == "and" {
					// "Sharif thanked Trump ... and said": the clause's subject.
					speaker = subject
					if speaker == "" {
						speaker = d.firstSubject(s, v)
					}
				}
			}
			if speaker == "" && subject != "" && !pronounBefore(s, v) {
				// A second verb of the same subject: "..."، فقال اليوم".
				speaker = subject
			}
		}
		if speaker == "" {
			// "وقال:", "وأضاف أن", "he added": the one spoken of goes on.
			_, isCont := cueOf(s.cues[v], lexicon.Continue)
			if isCont || kind == lexicon.Participle || opensContent(s, after) || pronounBefore(s, v) {
				speaker = d.antecedent(si, s, v)
				cont = speaker != ""
			}
			if speaker == "" {
				continue
			}
		}
		from, to, direct := d.content(s, qs, v, spEnd, kind)
		if from < 0 || from > to {
			continue
		}
		if relative {
			// A relative clause ends where the main clause resumes.
			to = min(to, d.clauseEnd(s, from))
		}
		// A continuation right after a quote ("..."، مضيفاً أن ...) belongs to
		// the same statement.
		if direct {
			for k := to + 2; k < len(s.toks); k++ {
				if hasCue(s.cues[k], lexicon.Continue) || hasCue(s.cues[k], lexicon.Participle) {
					to = lastContentToken(s)
					break
				}
				if s.toks[k].Kind == text.Word {
					break
				}
			}
		}
		if d.extendLast(si, s, speaker, to) {
			// "..., he said, adding that ...", "X said ... and warned
			// that ...": one statement per speaker and sentence, as the
			// gold convention has it.
			claimed = max(claimed, to)
			continue
		}
		d.addStatement(si, s, speaker, from, to, direct, cont)
		if subject == "" {
			subject = speaker
		}
		claimed = max(claimed, to, spEnd-1)
	}
	if !found(d.stmts, si) {
		d.quoteContinuation(si, s, qs)
	}
	if !found(d.stmts, si) {
		for _, m := range s.ments {
			if m.typ == Person && !m.prep && !d.isObject(s, m.i) {
				d.lastSubject, d.lastSubjectSent = m.entityID, si
				break
			}
		}
	}
}

// extendLast extends the previous statement, when the same speaker made it
// in the same sentence, to token to; it reports whether it did.
func (d *doc) extendLast(si int, s *sentence, speaker string, to int) bool {
	n := len(d.stmts)
	if n == 0 || d.stmts[n-1].sentence != si || d.stmts[n-1].SpeakerID != speaker {
		return false
	}
	st := &d.stmts[n-1]
	if end := s.toks[to].End; end > st.End {
		st.End = end
		st.Text = d.src.Slice(st.Start, st.End)
	}
	return true
}

// found reports whether the sentence si has a statement.
func found(stmts []Statement, si int) bool {
	return len(stmts) > 0 && stmts[len(stmts)-1].sentence == si
}

// quoteContinuation attributes a sentence that is nothing but a quotation
// to the one who spoke in the sentence before: a quote running over
// several paragraphs ("...," he said. "This is a breach ...").
func (d *doc) quoteContinuation(si int, s *sentence, qs []quoteSpan) {
	if len(qs) != 1 || d.lastSpeakerSent != si-1 || d.lastSpeaker == "" {
		return
	}
	q := qs[0]
	if !onlyPunct(s, 0, q.open) || !onlyPunct(s, q.close+1, len(s.toks)) {
		return
	}
	d.addStatement(si, s, d.lastSpeaker, q.open+1, q.close-1, true, true)
}

// relativeAntecedent returns the actor a relative clause hangs on when the
// verb at v opens one: "X، الذي قال", "X, who said".
func (d *doc) relativeAntecedent(s *sentence, v int) string {
	k := v - 1
	if k < 0 || !relativePronouns[s.toks[k].Norm] {
		return ""
	}
	k--
	if k >= 0 && s.toks[k].Text == "," || k >= 0 && s.toks[k].Norm == "،" {
		k--
	}
	if mi := d.mentionEndingAt(s, k+1); mi >= 0 && canSpeak(s.ments[mi]) {
		return s.ments[mi].entityID
	}
	return ""
}

var relativePronouns = map[string]bool{"الذي": true, "التي": true, "الذين": true, "اللذين": true, "who": true, "which": true}

// clauseEnd returns the last token of a clause that starts at from: before
// the next comma that is followed by a speech verb ("، فقال").
func (d *doc) clauseEnd(s *sentence, from int) int {
	for k := from; k+1 < len(s.toks); k++ {
		if (s.toks[k].Text == "," || s.toks[k].Text == "،") && hasCue(s.cues[k+1], lexicon.Speech) {
			return k - 1
		}
	}
	return lastContentToken(s)
}

// fronted reports an Arabic subject placed before its verb: "أما روته
// فوصف", where the verb carries the particle ف.
func fronted(s *sentence, v int) bool {
	return strings.HasPrefix(s.toks[v].Norm, "ف") && v > 0 && s.toks[v-1].Kind == text.Word
}

// antecedent resolves "he said", "وأضاف" and a bare "وقال:": the speaker of
// the previous statement, unless a person was the subject of a sentence
// since ("Misri returned to the cameras ... "..." he said").
func (d *doc) antecedent(si int, s *sentence, v int) string {
	if d.lastSubjectSent > d.lastSpeakerSent && si-d.lastSubjectSent <= 2 {
		return d.lastSubject
	}
	return d.recentSpeaker(si)
}

// speechCue returns the speech cue at a token and its kind: Report,
// Participle or Speech, in that order of precedence.
func speechCue(ms []text.Match[lexicon.Cue]) (text.Match[lexicon.Cue], lexicon.CueKind, bool) {
	for _, k := range []lexicon.CueKind{lexicon.Report, lexicon.Participle, lexicon.Speech} {
		if m, ok := cueOf(ms, k); ok {
			return m, k, true
		}
	}
	return text.Match[lexicon.Cue]{}, 0, false
}

func (s *sentence) arabic() bool {
	for _, t := range s.toks {
		if t.Kind == text.Word {
			return text.IsArabic(t.Text)
		}
	}
	return false
}

// recentSpeaker returns the last speaker if it spoke in one of the last few
// sentences; a continuation further away is too uncertain.
func (d *doc) recentSpeaker(si int) string {
	if si-d.lastSpeakerSent <= 3 {
		return d.lastSpeaker
	}
	return ""
}

// precededByQad reports the Arabic pluperfect "كان X قد قال": the subject
// stands before the verb.
func precededByQad(s *sentence, v int) bool {
	return v > 0 && (s.toks[v-1].Norm == "قد" || s.toks[v-1].Norm == "وقد" || s.toks[v-1].Norm == "لقد")
}

// opensContent reports whether what follows a speech verb opens content
// directly: a colon, a quote or a complementizer.
func opensContent(s *sentence, i int) bool {
	if i >= len(s.toks) {
		return false
	}
	t := s.toks[i]
	return isColon(s, i) || t.Kind == text.Quote || hasCue(s.cues[i], lexicon.Complement)
}

// isColon reports whether token i is a colon that opens what follows, not
// one inside a number ("7:10", "3:1").
func isColon(s *sentence, i int) bool {
	t := s.toks[i]
	if t.Text != ":" {
		return false
	}
	inNumber := i > 0 && i+1 < len(s.toks) &&
		s.toks[i-1].Kind == text.Number && s.toks[i-1].End == t.Start &&
		s.toks[i+1].Kind == text.Number && s.toks[i+1].Start == t.End
	return !inNumber
}

func pronounBefore(s *sentence, v int) bool {
	if v == 0 {
		return false
	}
	switch s.toks[v-1].Norm {
	case "he", "she", "they", "we":
		return true
	}
	return false
}

// speakerAfter finds the subject of an Arabic verb-first clause: the first
// actor within speakerWindow tokens, before the content opens and not the
// object of a preposition.
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

// speakerAfterFrom finds the one a report is attributed to: "نقلت الوكالة
// عن المتحدث", "نُقل عن", "quoted X as saying".
func (d *doc) speakerAfterFrom(s *sentence, from int) (string, int) {
	for i := from; i < len(s.toks) && i < from+speakerWindow+4; i++ {
		if hasCue(s.cues[i], lexicon.From) || s.toks[i].Norm == "quoted" {
			for k := i + 1; k < len(s.toks) && k < i+speakerWindow; k++ {
				if mi := d.mentionAt(s, k); mi >= 0 && canSpeak(s.ments[mi]) {
					return s.ments[mi].entityID, s.ments[mi].j
				}
				if blockingCue(s.cues[k]) {
					break
				}
			}
			return "", 0
		}
	}
	// English "X quoted Y as saying": Y follows directly.
	return d.speakerInverted(s, from)
}

// quotingEnd returns the token of "قوله" after a report, or the report.
func (d *doc) quotingEnd(s *sentence, from int) int {
	for k := from; k < len(s.toks) && k < from+speakerWindow+4; k++ {
		if hasCue(s.cues[k], lexicon.Quoting) {
			return k
		}
	}
	return from - 1
}

// speakerInverted finds the subject right after an English verb ("said
// Foreign Minister X", "said X").
func (d *doc) speakerInverted(s *sentence, from int) (string, int) {
	if mi := d.mentionAt(s, from); mi >= 0 && canSpeak(s.ments[mi]) && s.ments[mi].typ != State {
		return s.ments[mi].entityID, s.ments[mi].j
	}
	return "", 0
}

// firstSubject returns the first actor of the sentence before v that is not
// the object of a preposition: the subject of "وأيد ماكرون دعوة ميرتس،
// معتبراً أن".
func (d *doc) firstSubject(s *sentence, v int) string {
	for _, m := range s.ments {
		if m.i >= v {
			break
		}
		if canSpeak(m) && m.typ != State && !d.isObject(s, m.i) && !m.prep {
			return m.entityID
		}
	}
	return ""
}

// isObject reports whether the mention at i is the object of a preposition
// rather than a subject ("قال لوكالة", "told Reuters").
func (d *doc) isObject(s *sentence, i int) bool {
	if i > 0 && hasCue(s.cues[i-1], lexicon.Locative) {
		return true
	}
	if i > 0 {
		switch s.toks[i-1].Norm {
		case "مع", "to", "with", "عن", "told", "by", "against", "on", "about", "for":
			return true
		}
	}
	for _, m := range s.ments {
		if m.i == i {
			return m.prep && text.IsArabic(s.toks[i].Text)
		}
	}
	return false
}

// speakerBefore finds the subject before a verb ("روته قد أصر", "Rutte
// said", "Trudeau, speaking to reporters in London, said"): the nearest
// actor before it, looking past a parenthetical between commas.
func (d *doc) speakerBefore(s *sentence, v, claimed int) string {
	end := v
	if end > 0 && s.toks[end-1].Text == "," {
		// "Omar Abdullah, the chief minister of Jammu and Kashmir, wrote":
		// an appositive that describes (opened by an article or a title)
		// follows the speaker; a body named in it is not the speaker.
		if k := prevComma(s, end-2, claimed); k > 0 && k+1 < end-1 && (s.toks[k+1].Norm == "the" || s.toks[k+1].Norm == "a" || hasCue(s.cues[k+1], lexicon.Title)) {
			if mi := d.mentionEndingAt(s, k); mi >= 0 && s.ments[mi].typ == Person && s.ments[mi].i > claimed {
				return s.ments[mi].entityID
			}
		}
		// "India's foreign secretary, Vikram Misri, told": the appositive
		// right before the verb names the speaker.
		if mi := d.mentionEndingAt(s, end-1); mi >= 0 && canSpeak(s.ments[mi]) && s.ments[mi].i > claimed {
			return s.ments[mi].entityID
		}
		// Skip back over ", ... ," to the phrase it interrupts.
		k := end - 2
		for k > claimed && k >= 0 && s.toks[k].Text != "," {
			k--
		}
		if k > claimed && k >= 0 {
			end = k
		}
	}
	best := ""
	for _, m := range s.ments {
		if m.j > end || m.i <= claimed {
			continue
		}
		if end-m.j <= 6 && canSpeak(m) && !d.isObject(s, m.i) {
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
// Following the gold convention, a quote that follows a complementizer ("قال
// إن بلاده "..."") is reported speech with a quoted phrase, not a direct
// quote.
func (d *doc) content(s *sentence, qs []quoteSpan, v, spEnd int, kind lexicon.CueKind) (int, int, bool) {
	for _, q := range qs {
		if q.open < v || q.open < spEnd-1 {
			continue
		}
		// A quote that follows the verb and speaker, with only punctuation
		// between: "وقال: "..."", "said: "...""
		if onlyPunct(s, spEnd, q.open) {
			return q.open + 1, q.close - 1, true
		}
		// Or after a colon a few words on: "writing on his platform on
		// Saturday: "..."", "وقال في بيان: "...""
		if q.open-v <= complementWindow && isColon(s, q.open-1) && !d.speechBetween(s, v+1, q.open) {
			return q.open + 1, q.close - 1, true
		}
	}
	// Quote first: ""..." قال روته", ""...," Rutte said", ""...," he told
	// reporters": only punctuation and the speaker stand between. A
	// participle after a quote continues its clause instead.
	for _, q := range qs {
		if kind != lexicon.Participle && q.close < v && v-q.close <= speakerWindow+appositiveWindow && d.onlySpeakerBetween(s, q.close+1, v) {
			return q.open + 1, q.close - 1, true
		}
	}
	if !s.arabic() {
		return d.contentEnglish(s, v, spEnd)
	}
	// "وصف الوفد الروسي بأنه "صوري"": what was described and how.
	if describeVerbsAr[s.toks[v].Norm] {
		for k := spEnd; k < len(s.toks) && k <= spEnd+complementWindow; k++ {
			if hasCue(s.cues[k], lexicon.Complement) && k > spEnd {
				return spEnd, lastContentToken(s), false
			}
		}
	}
	// Reported: after the complementizer or a colon, which may come after
	// a date or a relative clause about the speaker ("قال ماكرون، الذي كان
	// يتحدث في باريس، إن"); another speech verb ends the search.
	for i := spEnd; i < len(s.toks) && i <= spEnd+complementWindow; i++ {
		if i > spEnd && hasCue(s.cues[i], lexicon.Speech) {
			break
		}
		if hasCue(s.cues[i], lexicon.Complement) || isColon(s, i) {
			if i+1 < len(s.toks) {
				return i + 1, lastContentToken(s), false
			}
		}
	}
	// Verbs like أكد، شدد على، دعا إلى، رحب ب take the claim as their object:
	// "وأكد أردوغان، خلال لقاءات ثنائية، ضرورة تثبيت وقف إطلاق النار".
	if kind == lexicon.Speech && !needsComplementAr[s.toks[v].Norm] {
		k := spEnd
		if k < len(s.toks) && isComma(s.toks[k]) {
			for k++; k < len(s.toks) && !isComma(s.toks[k]); k++ {
			}
			k++
		}
		for k < len(s.toks) && d.dateLen(s, k) > 0 {
			k += d.dateLen(s, k)
		}
		if k < len(s.toks)-1 && s.toks[k].Kind == text.Word {
			return k, lastContentToken(s), false
		}
	}
	return -1, -1, false
}

// describeVerbsAr describe something "بأنه ..." ("وصف الوفد بأنه صوري").
var describeVerbsAr = map[string]bool{"وصف": true, "وصفت": true, "ووصف": true, "ووصفت": true, "فوصف": true, "فوصفت": true, "واصفا": true, "واصفه": true}

// needsComplementAr are the verbs of saying that introduce content only
// through إن/أن or a colon; what follows them otherwise is not a claim.
// Written normalised (hamza on alef dropped).
var needsComplementAr = map[string]bool{}

func init() {
	for _, w := range []string{"قال", "قالت", "قالوا", "يقول", "تقول", "يقولون", "وقال", "وقالت", "فقال", "فقالت", "اضاف", "اضافت", "واضاف", "واضافت", "تابع", "تابعت", "وتابع", "وتابعت", "ذكر", "ذكرت", "وذكر", "وذكرت", "اشار", "اشارت", "واشار", "واشارت", "كتب", "كتبت", "وكتب", "وكتبت",
		// أقر admits "that" but adopts a noun: "أقر الاتحاد حزمة عقوبات".
		"اقر", "اقرت", "واقر", "واقرت"} {
		needsComplementAr[w] = true
	}
}

func isComma(t text.Token) bool { return t.Text == "," || t.Text == "،" }

// contentEnglish finds reported content in English: after the verb, its
// object and time phrases ("told reporters on Wednesday that ..."), with or
// without "that"; or, when the verb ends the sentence, the clause before
// it (", X said.").
func (d *doc) contentEnglish(s *sentence, v, spEnd int) (int, int, bool) {
	// Attribution after the claim: "The vessel was hit ..., Kiper said on
	// Telegram." and "..., he said, adding that ...": the verb is followed
	// by nothing, a comma or a prepositional phrase, and the claim is the
	// clause before the speaker.
	if v+1 >= len(s.toks) || s.toks[v+1].Kind == text.Punct || trailingPreps[s.toks[v+1].Norm] {
		if c := d.clauseBefore(s, v); c > 0 {
			return 0, c, false
		}
	}
	// "told a news conference in the Japanese capital on Wednesday that":
	// a complementizer a few words on opens the content.
	for k := max(spEnd, v+1); k < len(s.toks) && k <= v+complementWindow; k++ {
		t := s.toks[k]
		if t.Kind == text.Quote || t.Text == ";" || k > v+1 && hasCue(s.cues[k], lexicon.Speech) {
			break
		}
		if hasCue(s.cues[k], lexicon.Complement) || isColon(s, k) {
			if k+1 < len(s.toks)-1 {
				return k + 1, lastContentToken(s), false
			}
			break
		}
	}
	if describeVerbs[s.toks[v].Norm] {
		// "described Spain's position as "terrible"", "called the deal "a
		// vital step forward"": the object and what it was called are the
		// claim.
		for k := v + 1; k < len(s.toks) && k <= v+complementWindow; k++ {
			if (s.toks[k].Norm == "as" || s.toks[k].Kind == text.Quote) && k > v+1 {
				return v + 1, lastContentToken(s), false
			}
		}
	}
	if !bareContentVerbs[s.toks[v].Norm] {
		return -1, -1, false
	}
	k := max(spEnd, v+1)
	told := reportTold[s.toks[v].Norm]
	for k < len(s.toks) {
		switch {
		case d.dateLen(s, k) > 0:
			k += d.dateLen(s, k)
		case reportFillers[s.toks[k].Norm]:
			k++
		case reportOpeners[s.toks[k].Norm] || told && k == max(spEnd, v+1) && (reportDeterminers[s.toks[k].Norm] || reportNouns[s.toks[k].Norm]):
			// "in an interview", "after the talks", "told a news
			// conference": a determiner and the nouns of the setting. A
			// determiner not opened so, or after the object of "told",
			// starts the content ("said the talks failed", "told
			// reporters the meeting went well").
			if reportOpeners[s.toks[k].Norm] {
				k++
			}
			if k < len(s.toks) && reportDeterminers[s.toks[k].Norm] {
				k++
			}
			for k < len(s.toks) && reportNouns[s.toks[k].Norm] {
				k++
			}
		case d.mentionAt(s, k) >= 0 && k > 0 && (s.toks[k-1].Norm == "told" || s.toks[k-1].Norm == "to" || s.toks[k-1].Norm == "tells"):
			k = s.ments[d.mentionAt(s, k)].j
		default:
			goto done
		}
	}
done:
	if k < len(s.toks) && (hasCue(s.cues[k], lexicon.Complement) || isColon(s, k)) {
		k++
	}
	if k < len(s.toks)-1 && s.toks[k].Kind != text.Punct {
		return k, lastContentToken(s), false
	}
	// A reported clause before ", X said."
	if v > 2 {
		end := v - 1
		for end > 0 && s.toks[end].Text != "," {
			end--
		}
		if end > 1 {
			return 0, end - 1, false
		}
	}
	return -1, -1, false
}

// trailingPreps open the phrases that follow a sentence-final "said" ("said
// on Telegram", "said in a statement").
var trailingPreps = map[string]bool{"on": true, "in": true, "at": true, "during": true, "after": true, "before": true, "late": true, "early": true, "via": true, "by": true, "from": true, "later": true, "afterwards": true, "yesterday": true, "today": true, "this": true, "last": true}

// clauseBefore returns the last token of the clause before the speaker of
// the verb at v — the token before the comma that precedes the speaker
// phrase — or 0 when there is none.
func (d *doc) clauseBefore(s *sentence, v int) int {
	k := v - 1
	// Back over the speaker: a mention or a pronoun, and an appositive
	// between commas ("Oleh Kiper, the governor of the Odesa region,").
	if k >= 0 && isComma(s.toks[k]) {
		k--
		for k >= 0 && !isComma(s.toks[k]) {
			k--
		}
		k--
	}
	if k < 0 {
		return 0
	}
	if mi := d.mentionEndingAt(s, k+1); mi >= 0 {
		k = s.ments[mi].i - 1
	} else if pronounBefore(s, k+1) {
		k--
	} else {
		return 0
	}
	if k < 1 || !isComma(s.toks[k]) {
		return 0
	}
	return k - 1
}

// bareContentVerbs take reported content without "that" ("Rutte said the
// deal would ..."); other verbs need "that", a colon or a quote, because
// their object is not speech ("confirmed the agreement", "welcomed the
// ceasefire").
var bareContentVerbs = map[string]bool{"said": true, "says": true, "say": true, "told": true, "tells": true, "added": true, "adds": true,
	"insisted": true, "warned": true, "argued": true, "noted": true, "stressed": true, "acknowledged": true, "claimed": true,
	"wrote": true, "predicted": true, "suggested": true, "saying": true, "adding": true, "telling": true, "warning": true, "insisting": true, "noting": true}

// describeVerbs take an object and what it is called ("described X as Y").
var describeVerbs = map[string]bool{"described": true, "describing": true, "called": true, "calling": true, "branded": true, "labelled": true, "labeled": true, "dismissed": true, "hailed": true, "condemned": true, "denounced": true}

// The words between an English speech verb and its content: "said in an
// interview on Wednesday", "told reporters at a news conference", "said
// later". reportOpeners open a phrase of the setting, reportNouns fill it
// (and are the objects of "told"), reportFillers stand alone.
var (
	reportTold        = map[string]bool{"told": true, "tells": true, "tell": true}
	reportOpeners     = map[string]bool{"in": true, "at": true, "on": true, "after": true, "during": true, "late": true, "early": true, "last": true, "this": true}
	reportDeterminers = map[string]bool{"the": true, "a": true, "an": true}
	reportNouns       = map[string]bool{"reporters": true, "journalists": true, "news": true, "conference": true, "parliament": true, "lawmakers": true, "briefing": true, "press": true, "state": true, "television": true, "tv": true, "statement": true, "interview": true, "talks": true, "meeting": true}
	reportFillers     = map[string]bool{"later": true, "also": true, "again": true}
)

// onlySpeakerBetween reports whether tokens [a, b) hold nothing but
// punctuation, an actor and pronouns: the gap between a quote and its
// verb.
func (d *doc) onlySpeakerBetween(s *sentence, a, b int) bool {
	speaker := false
	plain := 0 // tokens outside an appositive
	for k := a; k < b; k++ {
		t := s.toks[k]
		if speaker && isComma(t) {
			// An appositive after the speaker: ""...," Omar Abdullah, the
			// chief minister of Jammu and Kashmir, wrote".
			if c := nextComma(s, k+1, b); c > k && c-k <= appositiveWindow {
				k = c
				continue
			}
		}
		plain++
		if t.Kind != text.Word && t.Kind != text.Number {
			continue
		}
		if mi := d.mentionAt(s, k); mi >= 0 && canSpeak(s.ments[mi]) {
			speaker = true
			plain += s.ments[mi].j - 1 - k
			k = s.ments[mi].j - 1
			continue
		}
		switch t.Norm {
		case "he", "she", "they", "we", "it":
			continue
		}
		return false
	}
	return plain <= speakerWindow
}

// prevComma returns the last comma in tokens (floor, k], or -1.
func prevComma(s *sentence, k, floor int) int {
	for ; k > floor && k >= 0; k-- {
		if isComma(s.toks[k]) {
			return k
		}
	}
	return -1
}

// nextComma returns the first comma in tokens [a, b), or -1.
func nextComma(s *sentence, a, b int) int {
	for k := a; k < b; k++ {
		if isComma(s.toks[k]) {
			return k
		}
	}
	return -1
}

// speechBetween reports whether a speech cue or a complementizer stands in
// tokens [a, b).
func (d *doc) speechBetween(s *sentence, a, b int) bool {
	for k := a; k < b; k++ {
		if _, _, ok := speechCue(s.cues[k]); ok || hasCue(s.cues[k], lexicon.Complement) {
			return true
		}
	}
	return false
}

// onlyPunct reports whether tokens [a, b) are all punctuation.
func onlyPunct(s *sentence, a, b int) bool {
	for k := a; k < b; k++ {
		if s.toks[k].Kind == text.Word || s.toks[k].Kind == text.Number {
			return false
		}
	}
	return true
}

// dateLen returns the number of tokens of a date expression at i, or 0.
func (d *doc) dateLen(s *sentence, i int) int {
	if _, n, ok := d.dateAt(s, i); ok {
		return n
	}
	return 0
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
		if hasCue(s.cues[i], lexicon.Speech) || hasCue(s.cues[i], lexicon.From) || hasCue(s.cues[i], lexicon.Report) {
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
		Text:          d.src.Slice(start, end),
		Direct:        direct,
		Start:         start,
		End:           end,
		SentenceStart: s.span.Start,
		SentenceEnd:   s.span.End,
		Confidence:    0.8,
		sentence:      si,
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
