package extract

import (
	"strings"
	"unicode"

	"github.com/geokg/geokg/loader/kb"
	"github.com/geokg/geokg/loader/lexicon"
	"github.com/geokg/geokg/loader/text"
)

// maxNameTokens bounds the words taken as an unknown person's name
// ("مشعل الأحمد الجابر الصباح" has four).
const maxNameTokens = 4

// maxTitleTokens bounds a title phrase: the office, its qualifiers and
// whose office it is ("المتحدث الرسمي باسم وزارة الخارجية القطرية").
const maxTitleTokens = 12

// titleConnectorsAr join a title to whose office it is: "المتحدث باسم
// الحكومة", "المبعوث الخاص إلى اليمن", "مستشار الرئيس لشؤون الأمن".
var titleConnectorsAr = map[string]bool{"باسم": true, "الي": true, "لدي": true, "لشوون": true, "في": true, "عن": true}

// actorPhrases finds titles and what follows them: "الأمين العام لحلف شمال
// الأطلسي مارك روته", "الرئيس الفرنسي", "المتحدث العسكري باسم جماعة الحوثيين
// يحيى سريع", "Spanish Prime Minister Pedro Sánchez", "NATO's secretary
// general", and collective speakers ("مسؤولون أوروبيون"). Each becomes one
// mention of a person or group covering the whole phrase, so that the
// attributor sees one actor; the office it states becomes a role.
func (d *doc) actorPhrases(s *sentence) {
	if !s.arabic() {
		d.fixLatinNames(s)
	}
	for i := 0; i < len(s.toks); i++ {
		if m, ok := cueOf(s.cues[i], lexicon.Group); ok && !d.inMention(s, i) {
			if n := d.groupPhrase(s, i, m); n > 0 {
				i += n - 1
				continue
			}
		}
		tm, ok := longestCue(s.cues[i], lexicon.Title)
		if !ok || d.inMention(s, i) {
			continue
		}
		if end := d.titlePhrase(s, i, tm); end > i {
			i = end - 1
		}
	}
	if len(s.toks) > 0 && !text.IsArabic(s.toks[0].Text) {
		d.appositions(s)
	}
}

// fixLatinNames corrects two mistakes of matching names word by word in
// English: "Oleksiy Kuleba" is not Dmytro Kuleba (a known surname after an
// unknown first name is someone else), and "Wellington Koo" or "German
// Galushchenko" are people, not a capital or a gentilic followed by a word.
func (d *doc) fixLatinNames(s *sentence) {
	for mi := 0; mi < len(s.ments); mi++ {
		m := s.ments[mi]
		if m.j-m.i != 1 {
			continue
		}
		k := m.i
		switch {
		case m.typ == Person && k+1 < len(s.toks) && isNameWord(s, k+1) && !d.inMention(s, k+1) && len(d.local.At(s.toks, k)) > 0:
			// A surname learned from this article followed by more of a
			// name is someone else of that family name ("Kim Yong-hyun"
			// after "Kim Jong Un").
			n := 1 + d.nameAfter(s, k+1, true)
			d.dropMention(s, mi)
			name := joinTokens(d.src, s.toks[k], s.toks[k+n-1])
			d.discoverPerson(s, k, n, name)
			d.replaceMentions(s, k, k+n, "person:"+slug(name), Person)
			mi = -1
		case m.typ == Person && k > 0 && isNameWord(s, k-1) && !d.inMention(s, k-1):
			d.dropMention(s, mi)
			name := joinTokens(d.src, s.toks[k-1], s.toks[k])
			d.discoverPerson(s, k-1, 2, name)
			d.replaceMentions(s, k-1, k+1, "person:"+slug(name), Person)
			mi = -1
		case m.typ != Person && m.kind != refName || m.typ == Place:
			if k+1 < len(s.toks) && isNameWord(s, k+1) && !d.inMention(s, k+1) && (k == 0 || !isCapitalised(s.toks[k-1]) || hasCue(s.cues[k-1], lexicon.Title)) {
				d.dropMention(s, mi)
				name := joinTokens(d.src, s.toks[k], s.toks[k+1])
				d.discoverPerson(s, k, 2, name)
				d.replaceMentions(s, k, k+2, "person:"+slug(name), Person)
				mi = -1
			}
		}
	}
}

// isNameWord reports a capitalised word that is no cue and no common word
// that starts sentences.
func isNameWord(s *sentence, k int) bool {
	t := s.toks[k]
	return isCapitalised(t) && !blocksName(s, k) && !sentenceWordsEn[t.Norm]
}

// blocksName reports whether token k carries a cue that keeps it out of an
// English name. A month name does not unless a number stands by it: "Jan
// Lipavsky" is a name, "Jan 5" a date.
func blocksName(s *sentence, k int) bool {
	for _, c := range s.cues[k] {
		if c.Value.Kind != lexicon.Month || nextToNumber(s, k, c.Len) {
			return true
		}
	}
	return false
}

// nextToNumber reports whether a number stands right before token k or
// right after its n tokens.
func nextToNumber(s *sentence, k, n int) bool {
	return k > 0 && s.toks[k-1].Kind == text.Number || k+n < len(s.toks) && s.toks[k+n].Kind == text.Number
}

// sentenceWordsEn are capitalised at the start of sentences without being
// names.
var sentenceWordsEn = map[string]bool{}

func init() {
	for _, w := range strings.Fields("the a an and but or so in on at by for from to of with as after before while when if then this that these those it its he she they we i his her their our there here what who which why how yet also meanwhile however president minister") {
		sentenceWordsEn[w] = true
	}
}

// dropMention removes mention mi from the sentence and from its entity.
func (d *doc) dropMention(s *sentence, mi int) {
	m := s.ments[mi]
	s.ments = append(s.ments[:mi:mi], s.ments[mi+1:]...)
	if e := d.ents[m.entityID]; e != nil {
		for k, em := range e.Mentions {
			if em.Start == m.start {
				e.Mentions = append(e.Mentions[:k:k], e.Mentions[k+1:]...)
				break
			}
		}
	}
}

// titlePhrase reads the phrase of a title cue at i and returns the token
// after it (i when nothing was made of it).
func (d *doc) titlePhrase(s *sentence, i int, tm text.Match[lexicon.Cue]) int {
	title := tm.Value.Value
	arabic := text.IsArabic(s.toks[i].Text)
	start := i
	of := ""
	ofMention := func(mi int) bool {
		m := s.ments[mi]
		if (m.typ == State || m.typ == Organization) && of == "" {
			of = m.entityID
		}
		return m.typ == State || m.typ == Organization || m.typ == Place
	}
	// English puts the holder first: "Spanish Prime Minister", "NATO
	// Secretary General", "Canada's prime minister".
	if !arabic {
		if mi := d.mentionEndingAt(s, i); mi >= 0 && ofMention(mi) {
			start = s.ments[mi].i
		} else if i >= 3 && s.toks[i-1].Norm == "s" && s.toks[i-2].Text == "'" {
			if mi := d.mentionEndingAt(s, i-2); mi >= 0 && ofMention(mi) {
				start = s.ments[mi].i
			}
		}
	}
	j := i + tm.Len
	// "وزير الطاقة", "energy minister": a minister of a portfolio.
	if title == "Minister" {
		if p, ok := portfolioOf(s.toks[min(j, len(s.toks)-1)]); ok && j < len(s.toks) && arabic {
			title, j = portfolioMinister(p), j+1
		} else if p, ok := portfolioOf(s.toks[max(i-1, 0)]); ok && i > 0 && !arabic {
			title, start = portfolioMinister(p), i-1
		}
	}
	// A title cue never reaches into a name: "رئيسة المفوضية" stops before
	// "المفوضية الأوروبية".
	for k := i + 1; k < j; k++ {
		if d.inMention(s, k) {
			j = k
			break
		}
	}
	for n := 0; j < len(s.toks) && n < maxTitleTokens; n++ {
		t := s.toks[j]
		if m, ok := longestCue(s.cues[j], lexicon.Title); ok && !d.inMention(s, j) {
			if arabic && strings.HasPrefix(string([]rune(t.Norm)[:m.Stem.Prefix]), string(text.Waw)) {
				// "الرئيس التركي وأمير قطر ...": "and" opens the title of
				// someone else.
				break
			}
			j += m.Len // "مستشار رئيس الوزراء", "special envoy"
			continue
		}
		if mi := d.mentionAt(s, j); mi >= 0 {
			m := s.ments[mi]
			if m.typ == Person || m.typ == Group {
				break
			}
			if arabic || m.kind == refName && j > 0 && isOfWord(s.toks[j-1].Norm) {
				ofMention(mi)
				j = m.j
				continue
			}
			break
		}
		if arabic {
			// Qualifiers carry the article ("العسكري", "للمنظمة") or join
			// the title to its holder ("باسم", "إلى").
			if t.Kind == text.Word && !blockingCue(s.cues[j]) && d.titleQualifier(s, j) {
				j++
				continue
			}
			break
		}
		if isOfWord(t.Norm) || t.Norm == "the" {
			j++
			continue
		}
		break
	}
	// Trim connectors left dangling at the end ("المبعوث الخاص إلى").
	for j > i+tm.Len && (titleConnectorsAr[s.toks[j-1].Norm] || isOfWord(s.toks[j-1].Norm) || s.toks[j-1].Norm == "the") {
		j--
	}
	k := j
	if k < len(s.toks) && s.toks[k].Text == "," && !arabic {
		k++
	}
	// A known person right after the title.
	if mi := d.mentionAt(s, k); mi >= 0 && s.ments[mi].typ == Person {
		pid, end := s.ments[mi].entityID, s.ments[mi].j
		if of != "" {
			d.textRole(pid, title, of, s.toks[start].Start, s.toks[end-1].End)
		}
		d.replaceMentions(s, start, end, pid, Person)
		return end
	}
	// An unknown name: a person the knowledge base does not have.
	// Headlines are too compressed to find new names in.
	if n := d.nameAfter(s, k, of != ""); n > 0 && s.body && (of != "" || j > i+tm.Len || !arabic) {
		name := joinTokens(d.src, s.toks[k], s.toks[k+n-1])
		pid := d.discoverPerson(s, k, n, name)
		if k > 0 && honorific(s.cues[k-1]) {
			// "الأمير عبد العزيز بن سلمان": the honorific goes with the name.
			e := d.ents[pid]
			e.Mentions[len(e.Mentions)-1].Start = s.toks[k-1].Start
			e.Mentions[len(e.Mentions)-1].Text = d.src.Slice(s.toks[k-1].Start, s.toks[k+n-1].End)
		}
		if of != "" {
			d.textRole(pid, title, of, s.toks[start].Start, s.toks[k+n-1].End)
		}
		d.replaceMentions(s, start, k+n, pid, Person)
		return k + n
	}
	// "وأضاف الوزير", "the minister said": the person of the article who
	// was last given that title.
	if of == "" && j == i+tm.Len && definite(s, i) {
		for k := len(d.roles) - 1; k >= 0; k-- {
			r := d.roles[k]
			if r.Source == "text" && (r.Title == title || strings.HasSuffix(r.Title, " "+title)) {
				e := d.ents[r.PersonID]
				st, en := s.toks[i].Start, s.toks[j-1].End
				e.Mentions = append(e.Mentions, Mention{Text: d.src.Slice(st, en), Start: st, End: en})
				d.replaceMentions(s, i, j, r.PersonID, Person)
				return j
			}
		}
	}
	// A title alone ("الرئيس الفرنسي", "NATO's secretary general"): the
	// holder at the article's date — unless the office is a former one.
	if of != "" && !d.formerTitle(s, start, j) {
		if p := d.holder(title, of); p != nil {
			pid := d.kbEntity(ref{typ: Person, id: p.ID})
			e := d.ents[pid]
			st, en := s.toks[start].Start, s.toks[j-1].End
			e.Mentions = append(e.Mentions, Mention{Text: d.src.Slice(st, en), Start: st, End: en})
			d.replaceMentions(s, start, j, pid, Person)
			return j
		}
	}
	return i
}

// titleQualifier reports whether Arabic token j continues a title phrase:
// an adjective or noun with the article ("العسكري", "الخاص"), a connector
// ("باسم", "إلى"), a noun of a construct chain ("حقوق الإنسان", "شؤون
// الأسرى"), or a word with ل before the article or a construct chain when
// the phrase goes on after it ("للمنظمة البحرية", "لحقوق الإنسان") — but
// not "للصحفيين" at the end of a phrase, which is the audience.
func (d *doc) titleQualifier(s *sentence, j int) bool {
	t := s.toks[j]
	if titleConnectorsAr[t.Norm] {
		return true
	}
	next := j+1 < len(s.toks) && s.toks[j+1].Kind == text.Word && articleOnly(s.toks[j+1])
	if articleOnly(t) {
		return true
	}
	for _, st := range readings(t)[1:] {
		if (st.Article || titleNounsAr[st.Norm]) && next {
			return true
		}
	}
	return titleNounsAr[t.Norm] && next
}

// blockingCue reports cues that end a title or name phrase: speech,
// complementizers, dates, events. Collective nouns ("الوزراء") do not.
func blockingCue(ms []text.Match[lexicon.Cue]) bool {
	for _, m := range ms {
		switch m.Value.Kind {
		case lexicon.Group, lexicon.RegionGentilic, lexicon.Title, lexicon.Locative:
		default:
			return true
		}
	}
	return false
}

// articleOnly reports whether an Arabic word carries the article with
// nothing before it but a conjunction.
func articleOnly(t text.Token) bool {
	for _, st := range readings(t)[1:] {
		if st.Article && st.Prefix <= 3 && (st.Prefix == 2 || strings.HasPrefix(t.Norm, "و") || strings.HasPrefix(t.Norm, "ف")) {
			return true
		}
	}
	return false
}

// titleNounsAr are nouns that head construct chains inside titles
// ("مفوضة حقوق الإنسان", "رئيس هيئة الأركان").
var titleNounsAr = map[string]bool{}

func init() {
	for _, w := range strings.Fields("حقوق شؤون مجلس لجنة هيئة قوات اركان جهاز وزارة دائرة ادارة مكتب مقر") {
		titleNounsAr[w] = true
	}
}

// formerTitle reports "a former Dutch prime minister", "الرئيس السابق".
func (d *doc) formerTitle(s *sentence, start, end int) bool {
	if start > 0 && (s.toks[start-1].Norm == "former" || s.toks[start-1].Norm == "ex") {
		return true
	}
	for k := start; k < end+1 && k < len(s.toks); k++ {
		switch s.toks[k].Norm {
		case "السابق", "السابقه", "former":
			return true
		}
	}
	return false
}

// definite reports a title used as a definite description: "الوزير" with
// the article, "the minister".
func definite(s *sentence, i int) bool {
	t := s.toks[i]
	if text.IsArabic(t.Text) {
		return articleOnly(t)
	}
	return i > 0 && s.toks[i-1].Norm == "the"
}

// honorific reports a title that is part of how a name is said: "الأمير",
// "الشيخ", "Prince", "Sheikh".
func honorific(ms []text.Match[lexicon.Cue]) bool {
	m, ok := longestCue(ms, lexicon.Title)
	return ok && (m.Value.Value == "Emir" || m.Value.Value == "Sheikh" || m.Value.Value == "Prince")
}

// portfolioMinister names the minister of a portfolio ("Foreign Minister",
// "Energy Minister").
func portfolioMinister(p portfolio) string {
	if p.en == "Foreign Affairs" {
		return "Foreign Minister"
	}
	return p.en + " Minister"
}

func isOfWord(norm string) bool { return norm == "of" || norm == "for" }

// hasArticle reports whether an Arabic word carries the definite article,
// alone or after a preposition ("العسكري", "للمنظمة", "بالخارجية").
func hasArticle(t text.Token) bool {
	for _, st := range readings(t) {
		if st.Article {
			return true
		}
	}
	return false
}

// readings returns a token's clitic readings (computed by the tokenizer).
func readings(t text.Token) []text.Stem {
	if t.Readings != nil {
		return t.Readings
	}
	return text.Stems(t.Norm)
}

// mentionEndingAt returns the index of the mention that ends right before
// token i, or -1.
func (d *doc) mentionEndingAt(s *sentence, i int) int {
	for k, m := range s.ments {
		if m.j == i {
			return k
		}
	}
	return -1
}

// appositions finds English "Hakan Fidan, Turkey's foreign minister," and
// "Hakan Fidan, the Turkish foreign minister,": an unknown capitalised name
// followed by a title phrase between commas.
func (d *doc) appositions(s *sentence) {
	for k := 0; k+3 < len(s.toks); k++ {
		if d.inMention(s, k) {
			continue
		}
		n := d.nameAfter(s, k, false)
		if n == 0 || k+n >= len(s.toks) || s.toks[k+n].Text != "," {
			continue
		}
		if k > 0 && s.toks[k-1].Kind == text.Word && unicode.IsUpper(firstRune(s.toks[k-1].Text)) {
			continue // inside a longer capitalised run
		}
		j := k + n + 1
		if j < len(s.toks) && (s.toks[j].Norm == "the" || s.toks[j].Norm == "a") {
			j++
		}
		of := ""
		if mi := d.mentionAt(s, j); mi >= 0 && (s.ments[mi].typ == State || s.ments[mi].typ == Organization) {
			of = s.ments[mi].entityID
			j = s.ments[mi].j
			if j+1 < len(s.toks) && s.toks[j].Text == "'" && s.toks[j+1].Norm == "s" {
				j += 2
			}
		}
		// A gentilic may stand between: "the Turkish foreign minister".
		if mi := d.mentionAt(s, j); of == "" && mi >= 0 && s.ments[mi].kind == refGentilic {
			of = s.ments[mi].entityID
			j = s.ments[mi].j
		}
		tm, ok := longestCue(s.cues[min(j, len(s.toks)-1)], lexicon.Title)
		if !ok {
			continue
		}
		// "a spokesperson for the Taiwan Affairs Office": whose office follows.
		if e := j + tm.Len; of == "" && e+1 < len(s.toks) && isOfWord(s.toks[e].Norm) {
			e++
			if s.toks[e].Norm == "the" && e+1 < len(s.toks) {
				e++
			}
			if mi := d.mentionAt(s, e); mi >= 0 && (s.ments[mi].typ == State || s.ments[mi].typ == Organization) {
				of = s.ments[mi].entityID
			}
		}
		name := joinTokens(d.src, s.toks[k], s.toks[k+n-1])
		pid := d.discoverPerson(s, k, n, name)
		if of != "" {
			d.textRole(pid, tm.Value.Value, of, s.toks[k].Start, s.toks[j+tm.Len-1].End)
		}
		d.replaceMentions(s, k, k+n, pid, Person)
		k = j + tm.Len - 1
	}
}

func longestCue(ms []text.Match[lexicon.Cue], k lexicon.CueKind) (text.Match[lexicon.Cue], bool) {
	for _, m := range ms { // At returns longest first
		if m.Value.Kind == k {
			return m, true
		}
	}
	return text.Match[lexicon.Cue]{}, false
}

// groupPhrase makes a Group of a collective noun qualified by a gentilic:
// "مسؤولون أوروبيون" (European officials), "British officials". It returns
// the number of tokens used, 0 if the noun stands alone.
func (d *doc) groupPhrase(s *sentence, i int, g text.Match[lexicon.Cue]) int {
	noun := g.Value.Value
	adj, n := "", 0
	check := func(k int) bool {
		if k < 0 || k >= len(s.toks) {
			return false
		}
		if rg, ok := cueOf(s.cues[k], lexicon.RegionGentilic); ok && rg.Value.Value != "Senior" {
			adj, n = rg.Value.Value, rg.Len
			return true
		}
		if mi := d.mentionAt(s, k); mi >= 0 && s.ments[mi].kind == refGentilic && s.ments[mi].typ == State {
			st := d.x.kb.State(strings.TrimPrefix(s.ments[mi].entityID, ""))
			if st != nil && len(st.Demonyms) > 0 {
				adj, n = st.Demonyms[0], s.ments[mi].j-s.ments[mi].i
				return true
			}
		}
		return false
	}
	english := !text.IsArabic(s.toks[i].Text)
	var from, to int
	switch {
	case english && check(i-1):
		from, to = i-1, i+g.Len
	case !english && check(i+g.Len):
		from, to = i, i+g.Len+n
	default:
		return 0
	}
	if english {
		from = i - n
	}
	name := adj + " " + noun
	id := d.entity(Group, "group:"+slug(name), func(e *Entity) { e.Name = name })
	e := d.ents[id]
	if text.IsArabic(s.toks[i].Text) && e.NameAr == "" {
		e.NameAr = joinTokens(d.src, s.toks[from], s.toks[to-1])
	}
	st, en := s.toks[from].Start, s.toks[to-1].End
	e.Mentions = append(e.Mentions, Mention{Text: d.src.Slice(st, en), Start: st, End: en})
	d.replaceMentions(s, from, to, id, Group)
	return to - i
}

// mentionAt returns the index of the mention starting at token i, or -1.
func (d *doc) mentionAt(s *sentence, i int) int {
	for k, m := range s.ments {
		if m.i == i {
			return k
		}
	}
	return -1
}

func (d *doc) inMention(s *sentence, i int) bool {
	for _, m := range s.ments {
		if i >= m.i && i < m.j {
			return true
		}
	}
	return false
}

// replaceMentions makes tokens [i, j) one mention of id. The entity
// mentions inside stay on their entities (they are still mentioned) but the
// attributor sees only the phrase.
func (d *doc) replaceMentions(s *sentence, i, j int, id, typ string) {
	var keep []mention
	inserted := false
	for _, m := range s.ments {
		if m.j <= i || m.i >= j {
			if m.i >= j && !inserted {
				keep = append(keep, mention{i: i, j: j, entityID: id, typ: typ, start: s.toks[i].Start, end: s.toks[j-1].End})
				inserted = true
			}
			keep = append(keep, m)
		}
	}
	if !inserted {
		keep = append(keep, mention{i: i, j: j, entityID: id, typ: typ, start: s.toks[i].Start, end: s.toks[j-1].End})
	}
	s.ments = keep
}

// nameAfter returns how many tokens from k look like an unknown person's
// name. In English: capitalised words, with particles ("von der", "bin",
// "al-") between them. In Arabic: a first word without the article, then
// words up to a boundary (a cue, punctuation, a function word, a known name,
// or a word with a preposition or conjunction attached). Two words at least,
// or one when the title was qualified (the office is clear) and a boundary
// follows ("الرئيس الروسي بوتين يوم الأربعاء").
func (d *doc) nameAfter(s *sentence, k int, qualified bool) int {
	if k >= len(s.toks) {
		return 0
	}
	n := 0
	if !text.IsArabic(s.toks[k].Text) {
		for k+n < len(s.toks) && n < maxNameTokens+2 {
			t := s.toks[k+n]
			if t.Kind != text.Word || d.inMention(s, k+n) || blocksName(s, k+n) && n > 0 {
				break
			}
			if unicode.IsUpper(firstRune(t.Text)) {
				if blocksName(s, k+n) {
					break
				}
				n++
				continue
			}
			// Lower-case particles inside a name, followed by a capital.
			if n > 0 && nameParticles[t.Norm] && k+n+1 < len(s.toks) && isCapitalised(s.toks[k+n+1]) {
				n++
				continue
			}
			break
		}
		// "al-Sharaa", "Kim Yong-hyun": hyphenated parts.
		for n > 0 && k+n+1 < len(s.toks) && s.toks[k+n].Text == "-" && s.toks[k+n+1].Kind == text.Word && !d.inMention(s, k+n+1) {
			n += 2
		}
		if n == 1 && !qualified {
			return 0
		}
		return n
	}
	for ; n < maxNameTokens && k+n < len(s.toks); n++ {
		t := s.toks[k+n]
		if t.Kind != text.Word || len(s.cues[k+n]) > 0 || d.inMention(s, k+n) || !text.IsArabic(t.Text) {
			break
		}
		if nameLinksAr[t.Norm] && n > 0 {
			continue // "عبد العزيز بن سلمان", "أبو"
		}
		if isFunctionWordAr(t.Norm) || isPrepositionAr(t) || d.x.lx.Common[lastReading(t)] {
			break
		}
		if n == 0 && (hasArticle(t) || strings.HasPrefix(t.Norm, "و")) {
			break
		}
		if n >= 1 && prepArticle(t) || n >= 2 && startsWithClitic(t.Norm) {
			break
		}
	}
	// A name ends at a boundary: punctuation, a cue, a function word, a
	// word with a preposition attached, or the end. A run of words that
	// goes on is a clause, not a name.
	if n >= 2 && k+n < len(s.toks) {
		b := s.toks[k+n]
		if b.Kind == text.Word && len(s.cues[k+n]) == 0 && !d.inMention(s, k+n) && !isFunctionWordAr(b.Norm) && !isPrepositionAr(b) && !startsWithClitic(b.Norm) && d.dateLen(s, k+n) == 0 {
			return 0
		}
	}
	if n == 1 && qualified && !isPrepositionAr(s.toks[k]) && (k+1 == len(s.toks) || s.toks[k+1].Kind != text.Word || len(s.cues[k+1]) > 0 || isFunctionWordAr(s.toks[k+1].Norm)) {
		return 1
	}
	if n < 2 {
		return 0
	}
	return n
}

// nameLinksAr join the parts of Arabic names.
var nameLinksAr = map[string]bool{"بن": true, "بنت": true, "ابن": true, "ابو": true, "ال": true, "عبد": true}

// prepArticle reports a word with a preposition before the article
// ("للصحفيين", "بالقرار"): never part of a name.
func prepArticle(t text.Token) bool {
	norm := t.Norm
	for _, st := range readings(t)[1:] {
		if st.Article && st.Prefix > 2 {
			return true
		}
		if st.Article && (strings.HasPrefix(norm, "لل") || strings.HasPrefix(norm, "بال") || strings.HasPrefix(norm, "كال")) {
			return true
		}
	}
	return false
}

// nameParticles are lower-case words inside Latin-script names.
var nameParticles = map[string]bool{"von": true, "der": true, "van": true, "de": true, "bin": true, "al": true, "el": true, "la": true, "le": true, "du": true, "da": true, "di": true, "ibn": true}

func isCapitalised(t text.Token) bool {
	return t.Kind == text.Word && unicode.IsUpper(firstRune(t.Text))
}

// startsWithClitic reports whether an Arabic word begins with a letter that
// is often an attached preposition or conjunction (و ف ب ل ك).
func startsWithClitic(norm string) bool {
	switch []rune(norm)[0] {
	case text.Waw, text.Feh, text.Beh, text.Lam, text.Kaf:
		return true
	}
	return false
}

// functionWordsAr are frequent Arabic words that never start or continue a
// name after a title.
var functionWordsAr = map[string]bool{}

func init() {
	for _, w := range strings.Fields("ان انه انها الذي التي الذين على عن في من الى مع قد لقد كان كانت يكون تكون هو هي هم لا لم لن ما ماذا هذا هذه ذلك تلك بعد قبل خلال حول ضد يوم امس اليوم ثم او و اذا كما حتى لدي عند بين عبر دون غير اي كل بعض منذ نحو عام مساء صباح امام وسط عقب اثر لدى ايضا") {
		functionWordsAr[w] = true
	}
}

func isFunctionWordAr(norm string) bool { return functionWordsAr[norm] }

// isPrepositionAr reports an Arabic preposition. "على" and the name "علي"
// fall together once normalised; the original spelling tells them apart.
func isPrepositionAr(t text.Token) bool {
	if t.Norm == "علي" {
		return strings.HasSuffix(t.Text, "ى")
	}
	return prepositionsAr[t.Norm]
}

// prepositionsAr are never a one-word name, although "على" normalises to
// the name "علي".
var prepositionsAr = map[string]bool{"علي": true, "الي": true, "في": true, "من": true, "عن": true, "مع": true, "حتي": true}

func joinTokens(src *text.Source, a, b text.Token) string { return src.Slice(a.Start, b.End) }

// discoverPerson makes a person the knowledge base does not know, and
// teaches the article its surname so later surname-only mentions link.
func (d *doc) discoverPerson(s *sentence, k, n int, name string) string {
	id := d.entity(Person, "person:"+slug(name), func(e *Entity) {
		e.Name = name
		if text.IsArabic(name) {
			e.NameAr = name
		}
	})
	e := d.ents[id]
	st, en := s.toks[k].Start, s.toks[k+n-1].End
	e.Mentions = append(e.Mentions, Mention{Text: d.src.Slice(st, en), Start: st, End: en})
	d.learn(name, strings.TrimPrefix(id, "person:"))
	d.learn(s.toks[k+n-1].Text, strings.TrimPrefix(id, "person:"))
	return id
}

// learn teaches the article a name of a person (a surname, a discovered
// full name), once.
func (d *doc) learn(name, personID string) {
	key := text.Normalize(name) + "\x00" + personID
	if d.learned[key] {
		return
	}
	d.learned[key] = true
	d.local.Add(name, ref{typ: Person, id: personID})
}

// holder returns the known person who held title of (an entity id) at the
// article's date, or nil when none or several did.
func (d *doc) holder(title, of string) *kb.Person {
	ofKB := strings.TrimPrefix(of, "org:")
	var found *kb.Person
	for i := range d.x.kb.Persons {
		p := &d.x.kb.Persons[i]
		for _, r := range p.Roles {
			if r.Of == ofKB && titleMatches(r.Title, title) && r.ValidAt(d.art.Published) {
				if found != nil && found != p {
					return nil
				}
				found = p
			}
		}
	}
	return found
}

// titleMatches compares a knowledge-base title with a title found in text,
// allowing the office-specific names ("Secretary of State" is a foreign
// minister).
func titleMatches(kbTitle, title string) bool {
	if strings.EqualFold(kbTitle, title) {
		return true
	}
	// "President of the European Commission" is the commission's President.
	if head, _, ok := strings.Cut(kbTitle, " of "); ok && headTitles[head] && head == title {
		return true
	}
	return canonicalTitle(kbTitle) == title
}

// headTitles name the head of a body; which one a body uses is the
// knowledge base's to say.
var headTitles = map[string]bool{"President": true, "Chairperson": true, "Chair": true, "Chairman": true, "Head": true, "Chief": true, "Leader": true}

var titleSynonyms = map[string]string{
	"secretary of state":   "Foreign Minister",
	"foreign secretary":    "Foreign Minister",
	"secretary of defense": "Defence Minister",
	"secretary of war":     "Defence Minister",
	"defence secretary":    "Defence Minister",
	"press secretary":      "Spokesperson",
	"special envoy":        "Envoy",
}

func canonicalTitle(t string) string {
	if c, ok := titleSynonyms[strings.ToLower(t)]; ok {
		return c
	}
	return t
}

// textRole records a role stated in the text.
func (d *doc) textRole(personID, title, of string, start, end int) {
	for _, r := range d.roles {
		if r.PersonID == personID && r.Title == title && r.OfID == of {
			return
		}
	}
	d.roles = append(d.roles, Role{PersonID: personID, Title: title, OfID: of, Source: "text", Start: start, End: end})
}

// kbRoles completes the roles from the knowledge base. A known person the
// text gives an office keeps that office, with the dates the knowledge base
// has for it; one the text gives none gets the office the knowledge base
// lists first among those held at the article's date — the one news means
// when it names them.
func (d *doc) kbRoles() {
	for _, id := range d.order {
		e := d.ents[id]
		if e.Type != Person || !e.Known {
			continue
		}
		p := d.x.kb.Person(strings.TrimPrefix(id, "person:"))
		if p == nil {
			continue
		}
		stated := false
		for i := range d.roles {
			if d.roles[i].PersonID != id {
				continue
			}
			stated = true
			for _, r := range p.Roles {
				if !r.ValidAt(d.art.Published) || d.kbEntityIDOf(r.Of) != d.roles[i].OfID {
					continue
				}
				if head, _, _ := strings.Cut(r.Title, " of "); headTitles[d.roles[i].Title] && headTitles[head] {
					// "رئيسة المفوضية": the head of a body under the
					// title it gives itself (President, Chairperson).
					d.roles[i].Title = head
				}
				if titleMatches(r.Title, d.roles[i].Title) {
					d.roles[i].TitleAr, d.roles[i].Since, d.roles[i].Until = r.TitleAr, r.Since, r.Until
				}
			}
		}
		if stated {
			continue
		}
		for _, r := range p.Roles {
			if !r.ValidAt(d.art.Published) {
				continue
			}
			typ := State
			if d.x.kb.State(r.Of) == nil {
				typ = Organization
			}
			ofID := d.kbEntity(ref{typ: typ, id: r.Of})
			d.roles = append(d.roles, Role{PersonID: id, Title: canonicalTitle(r.Title), TitleAr: r.TitleAr, OfID: ofID, Since: r.Since, Until: r.Until, Source: "kb"})
			break
		}
	}
}

// kbEntityIDOf returns the entity id of a role holder named by its
// knowledge-base id (an ISO code or an organisation id).
func (d *doc) kbEntityIDOf(of string) string {
	if d.x.kb.State(of) != nil {
		return of
	}
	return EntityID(Organization, of)
}
