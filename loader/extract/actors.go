package extract

import (
	"strings"
	"unicode"

	"github.com/geokg/geokg/loader/kb"
	"github.com/geokg/geokg/loader/lexicon"
	"github.com/geokg/geokg/loader/text"
)

// actor is a phrase that can speak: a person (by name, or by title resolved
// through the knowledge base), a group, an organisation or a state.
type actor struct {
	i, j     int
	entityID string
	typ      string
}

// maxNameTokens bounds the words taken as an unknown person's name.
const maxNameTokens = 3

// actorPhrases finds titles and what follows them: "الأمين العام لحلف شمال
// الأطلسي مارك روته", "الرئيس الفرنسي", "وزير الخارجية التركي هاكان فيدان",
// "Turkey's foreign minister Hakan Fidan", and collective speakers
// ("مسؤولون أوروبيون"). Each becomes a mention of a person or group covering
// the whole phrase, so that the attributor sees one actor.
func (d *doc) actorPhrases(s *sentence) {
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
		title := tm.Value.Value
		j := i + tm.Len
		// The office's holder: a state or organisation, as a gentilic
		// ("الفرنسي"), an "of" phrase ("لحلف", "of NATO") or a possessive
		// before the title ("Turkey's foreign minister").
		of := ""
		if mi := d.mentionAt(s, j); mi >= 0 {
			mm := s.ments[mi]
			lamOf := strings.HasPrefix(s.toks[j].Norm, "ل") && mm.start > s.toks[j].Start
			if (mm.kind == refGentilic || lamOf) && (mm.typ == State || mm.typ == Organization) {
				of = mm.entityID
				j = mm.j
			}
		}
		if of == "" && j+1 < len(s.toks) && s.toks[j].Norm == "of" {
			k := j + 1
			if k < len(s.toks) && s.toks[k].Norm == "the" {
				k++
			}
			if mi := d.mentionAt(s, k); mi >= 0 && (s.ments[mi].typ == State || s.ments[mi].typ == Organization) {
				of = s.ments[mi].entityID
				j = s.ments[mi].j
			}
		}
		if of == "" && i >= 3 && s.toks[i-1].Norm == "s" && s.toks[i-2].Text == "'" {
			if mi := d.mentionAt(s, i-3); mi >= 0 && (s.ments[mi].typ == State || s.ments[mi].typ == Organization) {
				of = s.ments[mi].entityID
			}
		}
		// A known person right after the title (a comma may stand between).
		k := j
		if k < len(s.toks) && s.toks[k].Text == "," {
			k++
		}
		if mi := d.mentionAt(s, k); mi >= 0 && s.ments[mi].typ == Person {
			pid, end := s.ments[mi].entityID, s.ments[mi].j
			if of != "" {
				d.textRole(pid, title, of, s.toks[i].Start, s.toks[end-1].End)
			}
			d.replaceMentions(s, i, end, pid, Person)
			i = end - 1
			continue
		}
		// An unknown name after the title: a person the knowledge base
		// does not have.
		if n := d.nameAfter(s, k, of != ""); n > 0 && of != "" {
			name := joinTokens(d.runes, s.toks[k], s.toks[k+n-1])
			pid := d.discoverPerson(s, k, n, name)
			d.textRole(pid, title, of, s.toks[i].Start, s.toks[k+n-1].End)
			d.replaceMentions(s, i, k+n, pid, Person)
			i = k + n - 1
			continue
		}
		// A title alone ("الرئيس الفرنسي"): the holder at the article's date.
		if of != "" {
			if p := d.holder(title, of); p != nil {
				pid := d.kbEntity(ref{typ: Person, id: p.ID})
				e := d.ents[pid]
				st, en := s.toks[i].Start, s.toks[j-1].End
				e.Mentions = append(e.Mentions, Mention{Text: string(d.runes[st:en]), Start: st, End: en})
				d.replaceMentions(s, i, j, pid, Person)
				i = j - 1
			}
		}
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
		e.NameAr = joinTokens(d.runes, s.toks[from], s.toks[to-1])
	}
	st, en := s.toks[from].Start, s.toks[to-1].End
	e.Mentions = append(e.Mentions, Mention{Text: string(d.runes[st:en]), Start: st, End: en})
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
// name: in English, capitalised words; in Arabic, words that are no cue,
// no known name and carry no article. Two words at least, or one when the
// title was qualified (so the office is clear) and a boundary follows: a
// cue, punctuation or the end ("الرئيس الروسي بوتين يوم الأربعاء").
func (d *doc) nameAfter(s *sentence, k int, qualified bool) int {
	n := 0
	for ; n < maxNameTokens && k+n < len(s.toks); n++ {
		t := s.toks[k+n]
		if t.Kind != text.Word || len(s.cues[k+n]) > 0 || d.inMention(s, k+n) {
			break
		}
		if text.IsArabic(t.Text) {
			if n == 0 && strings.HasPrefix(t.Norm, "ال") || isFunctionWordAr(t.Norm) {
				break
			}
		} else if !unicode.IsUpper([]rune(t.Text)[0]) {
			break
		}
	}
	if n == 1 && qualified && (k+1 == len(s.toks) || s.toks[k+1].Kind != text.Word || len(s.cues[k+1]) > 0) {
		return 1
	}
	if n < 2 {
		return 0
	}
	return n
}

// functionWordsAr are frequent Arabic words that never start or continue a
// name after a title.
var functionWordsAr = map[string]bool{}

func init() {
	for _, w := range strings.Fields("ان انه انها الذي التي الذين على عن في من الى مع قد لقد كان كانت يكون تكون هو هي هم لا لم لن ما ماذا هذا هذه ذلك تلك بعد قبل خلال حول ضد يوم امس اليوم ثم او و اذا كما حتى لدي عند بين عبر دون غير اي كل بعض منذ") {
		functionWordsAr[w] = true
	}
}

func isFunctionWordAr(norm string) bool { return functionWordsAr[norm] }

func joinTokens(r []rune, a, b text.Token) string { return string(r[a.Start:b.End]) }

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
	e.Mentions = append(e.Mentions, Mention{Text: string(d.runes[st:en]), Start: st, End: en})
	d.local.Add(name, ref{typ: Person, id: strings.TrimPrefix(id, "person:")})
	d.local.Add(s.toks[k+n-1].Text, ref{typ: Person, id: strings.TrimPrefix(id, "person:")})
	return id
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
	return canonicalTitle(kbTitle) == title
}

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

// kbRoles adds, for every known person mentioned, the roles the knowledge
// base says they held at the article's date, unless the text stated them.
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
		for _, r := range p.Roles {
			if !r.ValidAt(d.art.Published) {
				continue
			}
			of := r.Of
			typ := State
			if d.x.kb.State(of) == nil {
				typ = Organization
			}
			ofID := d.kbEntity(ref{typ: typ, id: of})
			title := canonicalTitle(r.Title)
			dup := false
			for i, have := range d.roles {
				if have.PersonID == id && have.OfID == ofID && have.Title == title {
					d.roles[i].TitleAr, d.roles[i].Since, d.roles[i].Until = r.TitleAr, r.Since, r.Until
					dup = true
				}
			}
			if !dup {
				d.roles = append(d.roles, Role{PersonID: id, Title: title, TitleAr: r.TitleAr, OfID: ofID, Since: r.Since, Until: r.Until, Source: "kb"})
			}
		}
	}
}
