package extract

import (
	"strings"
	"unicode"

	"github.com/geokg/geokg/loader/lexicon"
	"github.com/geokg/geokg/loader/text"
)

// maxOrgTokens bounds a discovered organisation's name.
const maxOrgTokens = 8

// orgHeadsAr are the nouns that open the name of an organisation
// ("هيئة عمليات التجارة البحرية البريطانية", "بعثة الاتحاد الأوروبي البحرية"),
// in normalised form without the article.
var orgHeadsAr = map[string]bool{}

// orgHeadsEn are the words that make a capitalised phrase an organisation
// ("Taiwan Affairs Office", "Eastern Theater Command").
var orgHeadsEn = map[string]bool{}

func init() {
	// Nouns that also name non-organisations in news ("قيادة" leadership,
	// "حركة" movement of, "شركة" any company) are left out.
	for _, w := range strings.Fields("وزارة سفارة هيئة منظمة وكالة مجلس لجنة مكتب جماعة حزب مركز بعثة مفوضية محكمة جيش صندوق جهاز") {
		orgHeadsAr[text.Normalize(w)] = true
	}
	for _, w := range strings.Fields("ministry embassy office council committee agency command army navy forces party commission court department headquarters guard bank fund organization organisation authority staff board service corps") {
		orgHeadsEn[w] = true
	}
}

// portfolio is a government portfolio: the English name of its ministry and
// the words that name it.
type portfolio struct {
	en    string
	words []string // normalised Arabic (without article) and English
}

var portfolios = []portfolio{
	{"Foreign Affairs", []string{"خارجيه", "foreign"}},
	{"Defence", []string{"دفاع", "defence", "defense"}},
	{"Interior", []string{"داخليه", "interior"}},
	{"Health", []string{"صحه", "health"}},
	{"Finance", []string{"ماليه", "finance"}},
	{"Oil", []string{"نفط", "oil"}},
	{"Energy", []string{"طاقه", "energy"}},
	{"Justice", []string{"عدل", "justice"}},
	{"Economy", []string{"اقتصاد", "economy"}},
	{"Trade", []string{"تجاره", "trade"}},
	{"Information", []string{"اعلام", "information"}},
}

// portfolioByWord indexes portfolios by their words: the first portfolio
// that has the word.
var portfolioByWord = map[string]int{}

func init() {
	for i, p := range portfolios {
		for _, w := range p.words {
			if _, ok := portfolioByWord[w]; !ok {
				portfolioByWord[w] = i
			}
		}
	}
}

// portfolioOf returns the portfolio a word names, trying its readings in
// order.
func portfolioOf(t text.Token) (portfolio, bool) {
	for _, st := range readings(t) {
		if i, ok := portfolioByWord[st.Norm]; ok {
			return portfolios[i], true
		}
	}
	return portfolio{}, false
}

// orgPhrases finds organisations the knowledge base does not list: a
// state's ministry ("وزارة الخارجية الإماراتية", "الخارجية الإيرانية",
// "Taiwan's defence ministry"), named with a canonical English name so that
// both languages land on one node; an army ("الجيش اللبناني"); and phrases
// opened by an organisation noun ("هيئة عمليات التجارة البحرية البريطانية",
// "Taiwan Affairs Office").
func (d *doc) orgPhrases(s *sentence) {
	titled := d.titleCovered(s)
	for i := 0; i < len(s.toks); i++ {
		if d.inMention(s, i) || titled[i] || s.toks[i].Kind != text.Word {
			continue
		}
		var n int
		if text.IsArabic(s.toks[i].Text) {
			n = d.orgArabic(s, i)
		} else {
			n = d.orgEnglish(s, i)
		}
		if n > 0 {
			i += n - 1
		}
	}
}

// titleCovered marks the tokens inside office titles ("وزير الخارجية"):
// a portfolio there names an office, not a ministry.
func (d *doc) titleCovered(s *sentence) []bool {
	out := make([]bool, len(s.toks))
	for i := range s.toks {
		if m, ok := longestCue(s.cues[i], lexicon.Title); ok {
			for k := i; k < i+m.Len && k < len(out); k++ {
				out[k] = true
			}
		}
	}
	return out
}

// stateOf returns the state a mention at token k names (by name, capital
// or gentilic), or "".
func (d *doc) stateAt(s *sentence, k int) (string, int) {
	if mi := d.mentionAt(s, k); mi >= 0 && s.ments[mi].typ == State {
		return s.ments[mi].entityID, s.ments[mi].j
	}
	return "", 0
}

func (d *doc) orgArabic(s *sentence, i int) int {
	t := s.toks[i]
	head := ""
	for _, st := range readings(t) {
		if orgHeadsAr[st.Norm] {
			head = st.Norm
		}
	}
	// "الخارجية الإيرانية": the ministry named by its portfolio alone. The
	// gentilic is feminine, agreeing with the unwritten وزارة; a masculine
	// one qualifies the word itself ("النفط الروسي" is Russian oil).
	if p, ok := portfolioOf(t); ok && head == "" && hasArticle(t) {
		if st, end := d.stateAt(s, i+1); st != "" && s.ments[d.mentionAt(s, i+1)].kind == refGentilic && feminineAr(s.toks[end-1]) {
			d.ministry(s, i, end, p, st)
			return end - i
		}
		return 0
	}
	if head == "" {
		return 0
	}
	j := i + 1
	state := ""
	var port *portfolio
	for n := 0; j < len(s.toks) && n < maxOrgTokens; n++ {
		tk := s.toks[j]
		if mi := d.mentionAt(s, j); mi >= 0 {
			m := s.ments[mi]
			if m.typ == Person || m.typ == Group {
				break
			}
			if m.typ == State && state == "" {
				state = m.entityID
			}
			j = m.j
			continue
		}
		if tk.Kind != text.Word || len(s.cues[j]) > 0 && !hasCue(s.cues[j], lexicon.Locative) {
			break
		}
		if p, ok := portfolioOf(tk); ok && port == nil && j == i+1 {
			port = &p
			j++
			continue
		}
		if tk.Norm == "لدي" || tk.Norm == "لشوون" {
			j++ // "السفارة الأميركية لدى اليمن"
			continue
		}
		if tk.Norm == "في" && j+1 < len(s.toks) && orgHeadsAr[lastReading(s.toks[j+1])] {
			j++ // "لجنة العلاقات الخارجية في مجلس الشيوخ"
			continue
		}
		if isFunctionWordAr(tk.Norm) || relativePronouns[tk.Norm] {
			break
		}
		if hasArticle(tk) {
			j++
			continue
		}
		break
	}
	for j > i+1 && (s.toks[j-1].Norm == "لدي" || s.toks[j-1].Norm == "لشوون" || s.toks[j-1].Norm == "في" || hasCue(s.cues[j-1], lexicon.Locative)) {
		j--
	}
	if j == i+1 {
		return 0
	}
	switch {
	case head == text.Normalize("وزارة") && port != nil && state != "":
		d.ministry(s, i, j, *port, state)
	case head == text.Normalize("جيش"):
		// Only "الجيش اللبناني": the army of a state named by its gentilic.
		if state == "" || j != i+2 {
			return 0
		}
		d.army(s, i, j, state)
	default:
		// The name starts at the head noun with its article, without an
		// attached preposition or conjunction.
		start := t.Start
		for _, st := range readings(t) {
			if st.Norm == "ال"+head {
				start = stemStart(t, st.Prefix)
				break
			}
			if st.Norm == head {
				start = stemStart(t, st.Prefix)
			}
		}
		name := d.src.Slice(start, s.toks[j-1].End)
		d.newOrg(s, i, j, "org:"+slug(name), name, name, state, start)
	}
	return j - i
}

func (d *doc) orgEnglish(s *sentence, i int) int {
	// "Taiwan's defence ministry", "the Russian foreign ministry".
	if p, ok := portfolioOf(s.toks[i]); ok && i+1 < len(s.toks) && s.toks[i+1].Norm == "ministry" {
		st := ""
		k := i - 1
		if k >= 1 && s.toks[k].Norm == "s" && s.toks[k-1].Text == "'" {
			k -= 2
		}
		if mi := d.mentionEndingAt(s, k+1); mi >= 0 && s.ments[mi].typ == State {
			st = s.ments[mi].entityID
			d.ministry(s, s.ments[mi].i, i+2, p, st)
			return 2
		}
		return 0
	}
	if !isCapitalised(s.toks[i]) || i > 0 && isCapitalised(s.toks[i-1]) && !d.inMention(s, i-1) {
		return 0
	}
	// A state's name may open the name: "Taiwan Affairs Office".
	first := i
	if mi := d.mentionEndingAt(s, i); mi >= 0 && s.ments[mi].typ == State && s.ments[mi].kind == refName && s.ments[mi].j-s.ments[mi].i == 1 && isCapitalised(s.toks[i-1]) {
		first = i - 1
	}
	// A capitalised run with an organisation noun in it, "of" and "the"
	// allowed inside: "Eastern Theater Command", "Ministry of National
	// Defense", "People's Liberation Army".
	j, headAt := i, -1
	for j < len(s.toks) && j-i < maxOrgTokens {
		t := s.toks[j]
		switch {
		case isCapitalised(t) && !d.inMention(s, j) && (len(s.cues[j]) == 0 || orgHeadsEn[t.Norm]):
			if orgHeadsEn[t.Norm] {
				headAt = j
			}
			j++
		case (t.Norm == "of" || t.Norm == "for" || t.Norm == "the") && j+1 < len(s.toks) && isCapitalised(s.toks[j+1]) && j > i:
			j++
		case t.Text == "'" && j+2 < len(s.toks) && s.toks[j+1].Norm == "s" && isCapitalised(s.toks[j+2]) && j > i:
			j += 2
		default:
			goto done
		}
	}
done:
	if headAt < 0 || j-i < 2 {
		return 0
	}
	if s.toks[first].Norm == "the" {
		first++
	}
	name := d.src.Slice(s.toks[first].Start, s.toks[j-1].End)
	if unicode.IsLower(firstRune(name)) {
		return 0
	}
	d.newOrg(s, first, j, "org:"+slug(name), name, "", "", s.toks[first].Start)
	return j - i
}

// ministry records a state's ministry under its canonical name.
func (d *doc) ministry(s *sentence, i, j int, p portfolio, state string) {
	st := d.x.kb.State(state)
	if st == nil {
		return
	}
	if o := d.x.kb.Ministry(state, p.en); o != nil {
		// Known: one node whichever way the text names it.
		d.orgMention(s, i, j, d.kbEntity(ref{typ: Organization, id: o.ID}), s.toks[i].Start)
		return
	}
	adj := st.Name
	if len(st.Demonyms) > 0 {
		adj = st.Demonyms[0]
	}
	name := adj + " Ministry of " + p.en
	ar := ""
	if text.IsArabic(s.toks[i].Text) {
		ar = d.src.Slice(stemStart(s.toks[i], 0), s.toks[j-1].End)
	}
	d.newOrg(s, i, j, "org:ministry-"+slug(p.en)+"-"+strings.ToLower(state), name, ar, state, s.toks[i].Start)
}

// army records a state's armed forces ("الجيش اللبناني").
func (d *doc) army(s *sentence, i, j int, state string) {
	st := d.x.kb.State(state)
	if st == nil {
		return
	}
	adj := st.Name
	if len(st.Demonyms) > 0 {
		adj = st.Demonyms[0]
	}
	d.newOrg(s, i, j, "org:armed-forces-"+strings.ToLower(state), adj+" Armed Forces", d.src.Slice(s.toks[i].Start, s.toks[j-1].End), state, s.toks[i].Start)
}

// newOrg makes tokens [i, j) one mention of a discovered organisation.
func (d *doc) newOrg(s *sentence, i, j int, id, name, nameAr, state string, start int) {
	id = d.entity(Organization, id, func(e *Entity) {
		e.Name, e.NameAr, e.StateID = name, nameAr, state
	})
	if e := d.ents[id]; e.NameAr == "" && nameAr != "" {
		e.NameAr = nameAr
	}
	d.orgMention(s, i, j, id, start)
}

// orgMention makes tokens [i, j) one mention of the organisation id,
// starting at offset start.
func (d *doc) orgMention(s *sentence, i, j int, id string, start int) {
	e := d.ents[id]
	end := s.toks[j-1].End
	e.Mentions = append(e.Mentions, Mention{Text: d.src.Slice(start, end), Start: start, End: end})
	d.replaceMentions(s, i, j, id, Organization)
}

// venueHeadsEn and venueHeadsAr are nouns that name a building or site
// where people meet: "Lancaster House", "قصر الإليزيه", "المجمع الرئاسي".
var (
	venueHeadsEn = map[string]bool{}
	venueHeadsAr = map[string]bool{}
)

func init() {
	for _, w := range strings.Fields("house palace hall complex centre center hotel castle resort base square") {
		venueHeadsEn[w] = true
	}
	for _, w := range strings.Fields("قصر مجمع فندق منتجع قاعة قاعدة مقر") {
		venueHeadsAr[text.Normalize(w)] = true
	}
}

// venuePhrases finds sites the knowledge base does not list, named after
// a preposition of place: "at Lancaster House", "في قصر الشعب", "في المجمع
// الرئاسي". They become places of kind site, in the state of the place
// named right after them when there is one ("... in London").
func (d *doc) venuePhrases(s *sentence) {
	for i := 1; i < len(s.toks); i++ {
		if !hasCue(s.cues[i-1], lexicon.Locative) || d.inMention(s, i) {
			continue
		}
		j := i
		if text.IsArabic(s.toks[i].Text) {
			if !venueHeadsAr[lastReading(s.toks[i])] {
				continue
			}
			j++
			for j < len(s.toks) && j < i+4 && s.toks[j].Kind == text.Word && !d.inMention(s, j) && !blockingCue(s.cues[j]) && articleOnly(s.toks[j]) {
				j++
			}
		} else {
			head := false
			if s.toks[j].Norm == "the" {
				j++
			}
			first := j
			for j < len(s.toks) && j < first+5 && isCapitalised(s.toks[j]) && !d.inMention(s, j) {
				head = head || venueHeadsEn[s.toks[j].Norm]
				j++
			}
			if !head {
				continue
			}
			i = first
		}
		if j <= i+1 && text.IsArabic(s.toks[i].Text) || j <= i {
			continue
		}
		name := d.src.Slice(s.toks[i].Start, s.toks[j-1].End)
		state := ""
		if j+1 < len(s.toks) && hasCue(s.cues[j], lexicon.Locative) {
			if mi := d.mentionAt(s, j+1); mi >= 0 {
				state = d.ents[s.ments[mi].entityID].StateID
				if s.ments[mi].typ == State {
					state = s.ments[mi].entityID
				}
			}
		}
		id := d.entity(Place, "place:"+slug(name), func(e *Entity) {
			e.Name, e.Kind, e.StateID = name, "site", state
			if text.IsArabic(name) {
				e.NameAr = name
			}
		})
		e := d.ents[id]
		e.Mentions = append(e.Mentions, Mention{Text: name, Start: s.toks[i].Start, End: s.toks[j-1].End})
		d.replaceMentions(s, i, j, id, Place)
		for k := range s.ments {
			if s.ments[k].i == i {
				s.ments[k].locative = true
			}
		}
		i = j - 1
	}
}

// feminineAr reports whether an Arabic word ends in ta marbuta (ة, or ه as
// often typed).
func feminineAr(t text.Token) bool {
	n := []rune(t.Norm)
	return len(n) > 0 && n[len(n)-1] == text.Heh
}
