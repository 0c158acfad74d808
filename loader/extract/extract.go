package extract

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/geokg/geokg/loader/article"
	"github.com/geokg/geokg/loader/kb"
	"github.com/geokg/geokg/loader/lexicon"
	"github.com/geokg/geokg/loader/text"
)

// Extractor extracts articles. It is safe for concurrent use: all per-article
// state lives in the doc it builds for each call.
type Extractor struct {
	kb  *kb.KB
	lx  *lexicon.Lexicon
	gaz *text.Matcher[ref]
	// names holds the normalised words of the names of the knowledge
	// base's persons, which nameHasWord needs for every mention.
	names map[*kb.Person]nameWords
}

// nameWords are the normalised words of a person's names, with the names
// they were made from.
type nameWords struct {
	name, nameAr string
	words        []string
}

// New returns an extractor over a knowledge base and lexicon.
func New(k *kb.KB, lx *lexicon.Lexicon) *Extractor {
	x := &Extractor{kb: k, lx: lx, gaz: buildGazetteer(k), names: map[*kb.Person]nameWords{}}
	for i := range k.Persons {
		p := &k.Persons[i]
		x.names[p] = nameWords{name: p.Name, nameAr: p.NameAr, words: personWords(p)}
	}
	return x
}

// Default returns an extractor over the embedded knowledge base (with the
// user's additions from kbDir, if not empty) and lexicons.
func Default(kbDir string) (*Extractor, error) {
	k, err := kb.Load(kbDir)
	if err != nil {
		return nil, err
	}
	lx, err := lexicon.Load()
	if err != nil {
		return nil, err
	}
	return New(k, lx), nil
}

// KB returns the knowledge base the extractor links to.
func (x *Extractor) KB() *kb.KB { return x.kb }

// Lexicon returns the extractor's word lists.
func (x *Extractor) Lexicon() *lexicon.Lexicon { return x.lx }

// sentence is one sentence with its tokens and what the stages found in it.
type sentence struct {
	span text.Span
	toks []text.Token
	body bool // false for the title: entities count, statements do not
	cues [][]text.Match[lexicon.Cue]
	// topics are the topic terms at each token, matched on first use.
	topics [][]text.Match[lexicon.TopicHit]
	// topicFeats are the topic model's features of the tokens and
	// topicProbs its probabilities for the whole sentence, computed on
	// first use.
	topicFeats []lexicon.TokenFeatures
	topicProbs []float64
	ments      []mention // entity mentions, in token order, not overlapping
}

// mention is an entity reference covering tokens [i, j).
type mention struct {
	i, j     int
	entityID string
	typ      string
	kind     refKind
	// start, end are the offsets of the name itself (clitics excluded).
	start, end int
	// locative is set when a preposition of place precedes the mention.
	locative bool
	// lam is set when the clitic preposition ل ("for, to") is attached.
	lam bool
	// prep is set when any clitic preposition (ب ل ك) is attached: the
	// mention is an object, not a subject.
	prep bool
}

// doc is the per-article state of an extraction.
type doc struct {
	x   *Extractor
	art article.Article
	// src is the text; runes are its code points, the unit of offsets.
	src   *text.Source
	runes []rune
	pub   time.Time
	sents []*sentence

	ents   map[string]*Entity
	order  []string
	roles  []Role
	stmts  []Statement
	events []Event
	// local holds names discovered in this article (surnames of new
	// people), matched before the knowledge base.
	local   *text.Matcher[ref]
	learned map[string]bool
	// lastSpeaker is the most recent explicit speaker, for "وأضاف" and "he
	// added"; lastSpeakerSent is the sentence index where it spoke.
	lastSpeaker     string
	lastSpeakerSent int
	// lastSubject is the person a recent sentence without a statement was
	// about ("Misri returned to the cameras"), for a following "he said".
	lastSubject     string
	lastSubjectSent int
	// defaultDate is the day of the article's main event: statements that
	// name no day of their own were made then.
	defaultDate string
	// topicWeight is how strongly the article as a whole is about each
	// topic, 1 for its main topic (see articleTopics).
	topicWeight map[string]float64
	// mainTopics are the article's main topics, the context of its
	// statements' weak terms.
	mainTopics []string
}

// Extract runs the pipeline on one validated article.
func (x *Extractor) Extract(a article.Article) (*Extraction, error) {
	res, _, err := x.extract(a)
	return res, err
}

func (x *Extractor) extract(a article.Article) (*Extraction, *doc, error) {
	pub, err := time.Parse(time.DateOnly, a.Published)
	if err != nil {
		return nil, nil, fmt.Errorf("extract %s: published: %w", a.ID, err)
	}
	src := text.NewSource(a.Text)
	d := &doc{x: x, art: a, src: src, runes: src.Runes(), pub: pub, ents: map[string]*Entity{}, local: text.NewMatcher[ref](), learned: map[string]bool{}, lastSpeakerSent: -10, lastSubjectSent: -10}
	d.split()
	for _, s := range d.sents {
		d.annotate(s)
	}
	d.defaultDate = d.ledeDate()
	d.topicWeight, d.mainTopics = d.articleTopics()
	for si, s := range d.sents {
		if s.body {
			d.attribute(si, s)
			d.findEvents(s)
		}
	}
	d.propagateOccasion()
	d.eventStatements()
	d.kbRoles()
	return d.result(), d, nil
}

// split finds the title, the body sentences, and drops "see also" lines and
// the related-news block, which are headlines of other articles.
func (d *doc) split() {
	lines := lineSpans(d.runes)
	first := true
	for _, ln := range lines {
		line := strings.TrimSpace(d.src.Slice(ln.Start, min(ln.End, ln.Start+maxMarkerLine)))
		if line == "" {
			continue
		}
		norm := text.Normalize(line)
		if ln.End-ln.Start <= maxMarkerLine && isRelatedHeading(norm) {
			break
		}
		if isSeeAlso(norm) {
			continue
		}
		for _, sp := range text.Sentences(d.runes, ln.Start, ln.End) {
			toks := d.src.Tokenize(sp.Start, sp.End)
			// A "sentence" of thousands of words is no prose (a table, a
			// list, hostile input); cut it into pieces at commas so that
			// the work per sentence stays bounded.
			for len(toks) > maxSentenceTokens {
				cut := maxSentenceTokens
				for k := maxSentenceTokens - 1; k > maxSentenceTokens/2; k-- {
					if isComma(toks[k]) {
						cut = k + 1
						break
					}
				}
				piece := text.Span{Start: toks[0].Start, End: toks[cut-1].End}
				d.sents = append(d.sents, &sentence{span: piece, toks: toks[:cut:cut], body: !first})
				toks = toks[cut:]
				sp.Start = toks[0].Start
			}
			d.sents = append(d.sents, &sentence{span: sp, toks: toks, body: !first})
		}
		first = false
	}
}

func lineSpans(r []rune) []text.Span {
	var out []text.Span
	start := 0
	for i, c := range r {
		if c == '\n' {
			out = append(out, text.Span{Start: start, End: i})
			start = i + 1
		}
	}
	return append(out, text.Span{Start: start, End: len(r)})
}

// maxSentenceTokens bounds the tokens of one sentence; longer runs are cut.
const maxSentenceTokens = 400

// maxMarkerLine is how much of a line is read to recognise a "see also"
// line or a related-news heading; they start a line and are short.
const maxMarkerLine = 40

// Headings that open the related-news block, and prefixes of "see also"
// lines, in their normalised forms.
var (
	relatedHeadings = []string{"اخبار ذات صله", "اقرا ايضا", "مواضيع ذات صله", "related news", "related stories", "related articles", "more on this story"}
	seeAlsoPrefixes = []string{"شاهد ايضا", "شاهد ايضاً", "اقرا ايضا:", "see also", "read more", "watch:", "read also"}
)

// isRelatedHeading and isSeeAlso take a normalised line, which is in lower
// case already (lower-casing it again would cost a case lookup per Arabic
// letter of every line).
func isRelatedHeading(norm string) bool {
	n := strings.Trim(norm, " :.-")
	for _, h := range relatedHeadings {
		if n == h {
			return true
		}
	}
	return false
}

func isSeeAlso(norm string) bool {
	n := strings.ReplaceAll(norm, "ً", "")
	for _, p := range seeAlsoPrefixes {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}

// annotate finds the cues and entity mentions of a sentence.
func (d *doc) annotate(s *sentence) {
	s.cues = make([][]text.Match[lexicon.Cue], len(s.toks))
	for i := range s.toks {
		s.cues[i] = d.x.lx.Cues.At(s.toks, i)
	}
	for i := 0; i < len(s.toks); {
		m, ok := d.lookup(s.toks, i)
		if !ok {
			i++
			continue
		}
		d.addMention(s, i, m)
		i += m.Len
	}
	d.orgPhrases(s)
	d.venuePhrases(s)
	d.actorPhrases(s)
}

// lookup finds the longest known name at toks[i]: names discovered in this
// article first, then the knowledge base.
func (d *doc) lookup(toks []text.Token, i int) (text.Match[ref], bool) {
	if toks[i].Kind != text.Word {
		return text.Match[ref]{}, false
	}
	// Longest first; on equal length a name beats a gentilic, which beats a
	// capital ("عمان" is Oman before it is Amman).
	best, found := text.Match[ref]{}, false
	for _, mm := range [][]text.Match[ref]{d.local.At(toks, i), d.x.gaz.At(toks, i)} {
		for _, m := range mm {
			if m.Value.acronym && !isAcronym(toks[i].Text) {
				continue
			}
			if !found || m.Len > best.Len || m.Len == best.Len && m.Stem.Prefix == best.Stem.Prefix && m.Value.kind < best.Value.kind {
				best, found = m, true
			}
		}
	}
	return best, found
}

// stemStart maps a clitic prefix counted in normalised runes to an offset in
// the original token (diacritics are dropped by normalisation).
func stemStart(t text.Token, prefix int) int {
	if prefix == 0 {
		return t.Start
	}
	n, i := 0, 0
	for _, r := range t.Text {
		if n == prefix {
			return t.Start + i
		}
		if _, kept := text.FoldRune(r); kept {
			n++
		}
		i++
	}
	return t.End
}

// runePrefix returns the first n code points of s.
func runePrefix(s string, n int) string {
	k := 0
	for b := range s {
		if k == n {
			return s[:b]
		}
		k++
	}
	return s
}

// firstRune returns the first code point of s.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// addMention records a gazetteer match as a mention of an entity, deciding
// whether a capital is the city or the state it stands for.
func (d *doc) addMention(s *sentence, i int, m text.Match[ref]) {
	start := stemStart(s.toks[i], m.Stem.Prefix)
	end := s.toks[i+m.Len-1].End
	r := m.Value
	loc := d.isLocative(s, i, m.Stem)
	typ, id := r.typ, r.id
	switch {
	case r.kind == refCapital && (loc || d.afterEventNoun(s, i)),
		r.typ == State && r.kind == refName && loc && cityState(d.x.kb.State(r.id)):
		// "في باريس", "قمة باريس": the city itself.
		st := d.x.kb.State(r.id)
		cap := kb.Place{ID: slug(st.Capital), Name: st.Capital, NameAr: st.CapitalAr, Kind: "city", State: st.ID}
		id = d.entity(Place, "place:"+cap.ID, func(e *Entity) {
			e.Name, e.NameAr, e.Kind, e.StateID, e.Known = cap.Name, cap.NameAr, cap.Kind, cap.State, true
		})
		typ = Place
	case r.typ == Organization && (loc || d.afterEventNoun(s, i)) && d.x.kb.Organization(r.id).Venue:
		// "في البيت الأبيض", "at the Kremlin": the building.
		o := d.x.kb.Organization(r.id)
		id = d.entity(Place, "place:"+o.ID, func(e *Entity) {
			e.Name, e.NameAr, e.Kind, e.StateID, e.Known = o.Name, o.NameAr, "site", o.State, true
		})
		typ = Place
	default:
		id = d.kbEntity(r)
	}
	if typ == Person && m.Len > 1 {
		// Later in the article the surname alone names the same person
		// ("وزعم سريع", "Rutte added"), even when the knowledge base
		// does not list it: it is unambiguous within the story. Only a
		// word of the person's name counts, not of a title alias ("ولي
		// العهد السعودي").
		if p := d.x.kb.Person(r.id); p != nil {
			last := s.toks[i+m.Len-1]
			if d.x.kb.FamilyNameFirst(p) {
				last = s.toks[i]
			}
			if d.x.nameHasWord(p, last.Norm) {
				d.learn(last.Text, r.id)
			}
		}
	}
	e := d.ents[id]
	e.Mentions = append(e.Mentions, Mention{Text: d.src.Slice(start, end), Start: start, End: end})
	pre := runePrefix(s.toks[i].Norm, m.Stem.Prefix)
	lam := strings.ContainsRune(pre, text.Lam)
	prep := lam || strings.ContainsRune(pre, text.Beh) || strings.ContainsRune(pre, text.Kaf)
	s.ments = append(s.ments, mention{i: i, j: i + m.Len, entityID: id, typ: typ, kind: r.kind, start: start, end: end, locative: loc, lam: lam, prep: prep})
}

// cityState reports a state named like its capital (Kuwait, Singapore,
// Djibouti): "في الكويت" is then the city.
func cityState(st *kb.State) bool {
	if st == nil || st.Capital == "" {
		return false
	}
	trim := func(s string) string {
		s = text.Normalize(s)
		for _, w := range []string{"مدينه ", " city", "city of "} {
			s = strings.ReplaceAll(s, w, "")
		}
		return strings.TrimSpace(s)
	}
	return trim(st.Capital) == trim(st.Name) || trim(st.CapitalAr) == trim(st.NameAr)
}

// nameHasWord reports whether a normalised word is a word of a person's
// name in either language.
func (x *Extractor) nameHasWord(p *kb.Person, norm string) bool {
	c, ok := x.names[p]
	words := c.words
	if !ok || c.name != p.Name || c.nameAr != p.NameAr {
		// Not a person of the knowledge base the extractor was built
		// on, or renamed since.
		words = personWords(p)
	}
	for _, w := range words {
		if w == norm {
			return true
		}
	}
	return false
}

// personWords returns the normalised words of a person's names, English
// first.
func personWords(p *kb.Person) []string {
	return append(strings.Fields(text.Normalize(p.Name)), strings.Fields(text.Normalize(p.NameAr))...)
}

// isLocative reports whether a preposition of place precedes token i: a
// separate word ("في", "in") or the clitic ب ("بباريس").
func (d *doc) isLocative(s *sentence, i int, st text.Stem) bool {
	if st.Prefix > 0 {
		if strings.ContainsRune(runePrefix(s.toks[i].Norm, st.Prefix), text.Beh) {
			return true
		}
	}
	if i > 0 && hasCue(s.cues[i-1], lexicon.Locative) {
		return true
	}
	// "بمدينة أنكوريج", "في ولاية ألاسكا", "in the city of Kharkiv": a noun
	// of place between the preposition and the name.
	if i > 0 && placeHeads[lastReading(s.toks[i-1])] {
		k := i - 1
		if r := readings(s.toks[k]); len(r) > 1 && strings.HasPrefix(s.toks[k].Norm, "ب") {
			return true
		}
		for k > 0 && (s.toks[k-1].Norm == "the" || s.toks[k-1].Norm == "of") {
			k--
		}
		return k > 0 && hasCue(s.cues[k-1], lexicon.Locative)
	}
	if i > 1 && s.toks[i-1].Norm == "of" && placeHeads[s.toks[i-2].Norm] {
		return d.isLocative(s, i-2, text.Stem{})
	}
	return false
}

// placeHeads are nouns that put a place name after them: "مدينة", "ولاية",
// "city", "port".
var placeHeads = map[string]bool{}

func init() {
	for _, w := range strings.Fields("مدينة ولاية منطقة محافظة مقاطعة العاصمة قاعدة ميناء جزيرة بلدة قرية إقليم city port town region province village island capital") {
		placeHeads[text.Normalize(w)] = true
	}
}

// lastReading returns the shortest clitic reading of a token ("بمدينة" →
// "مدينة").
func lastReading(t text.Token) string {
	r := readings(t)
	return r[len(r)-1].Norm
}

// afterEventNoun reports whether an event noun directly precedes token i
// ("قمة باريس", "the Paris summit" is handled by the noun after).
func (d *doc) afterEventNoun(s *sentence, i int) bool {
	if i > 0 && hasCue(s.cues[i-1], lexicon.Event) {
		return true
	}
	return i+1 < len(s.toks) && hasCue(s.cues[i+1], lexicon.Event) && !text.IsArabic(s.toks[i].Text)
}

func hasCue(ms []text.Match[lexicon.Cue], k lexicon.CueKind) bool {
	_, ok := cueOf(ms, k)
	return ok
}

func cueOf(ms []text.Match[lexicon.Cue], k lexicon.CueKind) (text.Match[lexicon.Cue], bool) {
	for _, m := range ms {
		if m.Value.Kind == k {
			return m, true
		}
	}
	return text.Match[lexicon.Cue]{}, false
}

// entity returns the id of an entity of the article, creating it with fill
// on first use.
func (d *doc) entity(typ, id string, fill func(*Entity)) string {
	if _, ok := d.ents[id]; !ok {
		e := &Entity{ID: id, Type: typ}
		fill(e)
		d.ents[id] = e
		d.order = append(d.order, id)
	}
	return id
}

// EntityID returns the graph id of a knowledge-base entity of a type: ISO
// codes for states, prefixed slugs for the others.
func EntityID(typ, kbID string) string {
	switch typ {
	case State:
		return kbID
	case Person:
		return "person:" + kbID
	case Organization:
		return "org:" + kbID
	case Place:
		return "place:" + kbID
	case Group:
		return "group:" + kbID
	}
	return kbID
}

// kbEntity returns the article entity for a knowledge-base reference.
func (d *doc) kbEntity(r ref) string {
	k := d.x.kb
	id := EntityID(r.typ, r.id)
	return d.entity(r.typ, id, func(e *Entity) {
		e.Known = true
		switch r.typ {
		case State:
			s := k.State(r.id)
			e.Name, e.NameAr, e.QID = s.Name, s.NameAr, s.QID
		case Organization:
			o := k.Organization(r.id)
			e.Name, e.NameAr, e.QID, e.Kind, e.StateID = o.Name, o.NameAr, o.QID, o.Kind, o.State
		case Place:
			p := k.Place(r.id)
			e.Name, e.NameAr, e.QID, e.Kind, e.StateID = p.Name, p.NameAr, p.QID, p.Kind, p.State
		case Person:
			if p := k.Person(r.id); p != nil {
				e.Name, e.NameAr, e.QID = p.Name, p.NameAr, p.QID
			} else {
				// A surname of a person discovered earlier in this article.
				e.Known = false
			}
		}
	})
}

// result assembles the extraction in a stable order.
func (d *doc) result() *Extraction {
	a := d.art
	x := &Extraction{Article: ArticleInfo{ID: a.ID, Title: a.Title(), Language: a.Language, Published: a.Published, Source: a.Source, ContentHash: a.ContentHash()}}
	if a.URL != nil {
		x.Article.URL = *a.URL
	}
	// An entity whose only mention was taken back ("Wellington" in
	// "Wellington Koo") is left out unless something refers to it.
	used := map[string]bool{}
	for _, r := range d.roles {
		used[r.PersonID], used[r.OfID] = true, true
	}
	for _, st := range d.stmts {
		used[st.SpeakerID], used[st.PlaceID] = true, true
		for _, m := range st.MentionIDs {
			used[m] = true
		}
	}
	for _, ev := range d.events {
		used[ev.PlaceID] = true
		for _, p := range ev.ParticipantIDs {
			used[p] = true
		}
	}
	for _, id := range d.order {
		if e := d.ents[id]; len(e.Mentions) > 0 || used[id] {
			x.Entities = append(x.Entities, *e)
		}
	}
	x.Roles = d.roles
	x.Statements = d.stmts
	x.Events = d.events
	if x.Entities == nil {
		x.Entities = []Entity{}
	}
	if x.Roles == nil {
		x.Roles = []Role{}
	}
	if x.Statements == nil {
		x.Statements = []Statement{}
	}
	if x.Events == nil {
		x.Events = []Event{}
	}
	sort.SliceStable(x.Roles, func(i, j int) bool { return x.Roles[i].PersonID < x.Roles[j].PersonID })
	return x
}
