// Package eval scores extractions against gold annotations (the format of
// testdata/articles/FORMAT.md). The matching rules:
//
//   - Entities: a gold entity is found when an extracted entity of the same
//     type has its English name, its Arabic name or one of its mentions equal
//     to the gold name or one of the gold aliases, compared after
//     normalisation (package text) and with Arabic clitics removed from both
//     sides. Extracted entities without mentions (role targets the text never
//     names) are not scored. An extracted entity matching only an optional
//     gold entity is neither rewarded nor punished.
//   - Statements: a gold statement is found by an extracted statement whose
//     speaker is the gold speaker (by the entity rule) and whose text
//     contains the gold key (normalised, spaces and punctuation ignored).
//     Each extracted statement matches one gold statement at most.
//   - Topics: micro precision and recall of topic ids over matched
//     statements. Dates, direct/reported and places: accuracy over matched
//     statements for which the gold gives the field.
//   - Roles: (person, title, of) triples; titles compare after mapping
//     office-specific names to a common one ("Secretary of State" is a
//     foreign minister); the holder matches by the entity rule or by its
//     normalised name (the gold may name it only in the role). Extracted roles of persons the gold does not list
//     are not scored.
//   - Events: a gold event is found by an extracted event of the same type
//     at the same place; participants are scored over found events.
package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/geokg/geokg/loader/article"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/loader/text"
)

// Gold is the hand annotation of one article.
type Gold struct {
	Entities   []GoldEntity    `json:"entities"`
	Statements []GoldStatement `json:"statements"`
	Events     []GoldEvent     `json:"events"`
}

// GoldEntity is an entity of the gold.
type GoldEntity struct {
	Type     string    `json:"type"`
	Name     string    `json:"name"`
	Aliases  []string  `json:"aliases"`
	Role     *GoldRole `json:"role"`
	Optional bool      `json:"optional"`
}

// GoldRole is the role of a gold person.
type GoldRole struct {
	Title string `json:"title"`
	Of    string `json:"of"`
}

// GoldStatement is a statement of the gold.
type GoldStatement struct {
	Speaker  string   `json:"speaker"`
	Key      string   `json:"key"`
	Direct   bool     `json:"direct"`
	Topics   []string `json:"topics"`
	Date     string   `json:"date"`
	Place    string   `json:"place"`
	Optional bool     `json:"optional"`
}

// GoldEvent is an event of the gold.
type GoldEvent struct {
	Type         string   `json:"type"`
	Name         string   `json:"name"`
	Place        string   `json:"place"`
	Date         string   `json:"date"`
	Participants []string `json:"participants"`
	Optional     bool     `json:"optional"`
}

// Count holds true positives, false positives and false negatives.
type Count struct{ TP, FP, FN int }

// Add adds another count.
func (c *Count) Add(o Count) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// P is precision (1 when nothing was predicted).
func (c Count) P() float64 {
	if c.TP+c.FP == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// R is recall (1 when nothing was expected).
func (c Count) R() float64 {
	if c.TP+c.FN == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F1 is the harmonic mean of P and R.
func (c Count) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Acc counts right answers out of those scored.
type Acc struct{ Right, Total int }

// Add adds another accuracy count.
func (a *Acc) Add(o Acc) { a.Right += o.Right; a.Total += o.Total }

// Value is the accuracy (1 when nothing was scored).
func (a Acc) Value() float64 {
	if a.Total == 0 {
		return 1
	}
	return float64(a.Right) / float64(a.Total)
}

// Score is the result for one article or a sum over articles.
type Score struct {
	Article      string
	Entities     map[string]*Count // by type
	Statements   Count
	Topics       Count
	Roles        Count
	Events       Count
	Participants Count
	Dates        Acc
	Direct       Acc
	Places       Acc
	// Misses lists what was missed or wrong, for the report.
	Misses []string
}

func newScore(name string) *Score {
	s := &Score{Article: name, Entities: map[string]*Count{}}
	for _, t := range EntityTypes {
		s.Entities[t] = &Count{}
	}
	return s
}

// EntityTypes are the scored entity types, in report order.
var EntityTypes = []string{extract.Person, extract.State, extract.Organization, extract.Place, extract.Group}

// Add sums another score into s.
func (s *Score) Add(o *Score) {
	for t, c := range o.Entities {
		s.Entities[t].Add(*c)
	}
	s.Statements.Add(o.Statements)
	s.Topics.Add(o.Topics)
	s.Roles.Add(o.Roles)
	s.Events.Add(o.Events)
	s.Participants.Add(o.Participants)
	s.Dates.Add(o.Dates)
	s.Direct.Add(o.Direct)
	s.Places.Add(o.Places)
}

// KeyEntities sums the entity counts of Person, State and Organization, the
// types the targets are set on.
func (s *Score) KeyEntities() Count {
	var c Count
	for _, t := range []string{extract.Person, extract.State, extract.Organization} {
		c.Add(*s.Entities[t])
	}
	return c
}

// Pair is an article with its gold, as found in a directory.
type Pair struct {
	Name    string
	Article article.Article
	Gold    Gold
}

// ReadDir reads every STEM.json with a STEM.gold.json beside it.
func ReadDir(dir string) ([]Pair, error) {
	golds, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(golds)
	var out []Pair
	for _, g := range golds {
		stem := strings.TrimSuffix(filepath.Base(g), ".gold.json")
		ab, err := os.ReadFile(filepath.Join(dir, stem+".json"))
		if err != nil {
			return nil, fmt.Errorf("gold %s without article: %w", g, err)
		}
		a, err := article.ParseJSON(ab)
		if err != nil {
			return nil, fmt.Errorf("%s.json: %w", stem, err)
		}
		gb, err := os.ReadFile(g)
		if err != nil {
			return nil, err
		}
		var gold Gold
		if err := json.Unmarshal(gb, &gold); err != nil {
			return nil, fmt.Errorf("%s: %w", g, err)
		}
		out = append(out, Pair{Name: stem, Article: a, Gold: gold})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no *.gold.json files in %s", dir)
	}
	return out, nil
}

// forms returns the comparable forms of a surface string: its normalised
// form and, for Arabic, its readings without clitics.
func forms(s string) []string {
	n := strings.TrimSpace(text.Normalize(s))
	out := []string{n}
	words := strings.Fields(n)
	if len(words) > 0 && text.IsArabic(words[0]) {
		for _, st := range text.Stems(words[0])[1:] {
			out = append(out, strings.Join(append([]string{st.Norm}, words[1:]...), " "))
		}
	}
	return out
}

// squash removes everything but letters and digits, for key containment.
func squash(s string) string {
	var b strings.Builder
	for _, r := range text.Normalize(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ScoreOne compares an extraction with its gold.
func ScoreOne(name string, x *extract.Extraction, g Gold) *Score {
	s := newScore(name)
	// Entity matching: gold index by surface forms.
	goldForms := map[string][]int{}
	for gi, ge := range g.Entities {
		for _, f := range append([]string{ge.Name}, ge.Aliases...) {
			for _, ff := range forms(f) {
				goldForms[ge.Type+"|"+ff] = append(goldForms[ge.Type+"|"+ff], gi)
			}
		}
	}
	// match maps extracted entity ids to gold entity indexes.
	match := map[string]int{}
	found := make([]bool, len(g.Entities))
	for _, e := range x.Entities {
		if len(e.Mentions) == 0 {
			continue
		}
		cands := []string{e.Name, e.NameAr}
		for _, m := range e.Mentions {
			cands = append(cands, m.Text)
		}
		gi := -1
	search:
		for _, c := range cands {
			if c == "" {
				continue
			}
			for _, f := range forms(c) {
				if gs := goldForms[e.Type+"|"+f]; len(gs) > 0 {
					gi = gs[0]
					break search
				}
			}
		}
		cnt := s.Entities[e.Type]
		if cnt == nil {
			continue
		}
		switch {
		case gi < 0:
			cnt.FP++
			s.Misses = append(s.Misses, fmt.Sprintf("extra %s %q", e.Type, e.Name))
		default:
			match[e.ID] = gi
			if !found[gi] && !g.Entities[gi].Optional {
				cnt.TP++
			}
			found[gi] = true
		}
	}
	for gi, ge := range g.Entities {
		if !found[gi] && !ge.Optional {
			if c := s.Entities[ge.Type]; c != nil {
				c.FN++
			}
			s.Misses = append(s.Misses, fmt.Sprintf("missed %s %q", ge.Type, ge.Name))
		}
	}
	goldIndex := map[string]int{}
	for gi, ge := range g.Entities {
		goldIndex[ge.Name] = gi
	}
	is := func(id, goldName string) bool {
		gi, ok := match[id]
		gj, ok2 := goldIndex[goldName]
		return ok && ok2 && gi == gj
	}
	names := map[string]string{}
	for _, e := range x.Entities {
		names[e.ID] = e.Name
	}
	scoreStatements(s, x, g, is, names)
	scoreRoles(s, x, g, match, names)
	scoreEvents(s, x, g, is)
	return s
}

func scoreStatements(s *Score, x *extract.Extraction, g Gold, is func(string, string) bool, names map[string]string) {
	used := make([]bool, len(x.Statements))
	for _, gs := range g.Statements {
		key := squash(gs.Key)
		hit := -1
		for i, st := range x.Statements {
			if !used[i] && is(st.SpeakerID, gs.Speaker) && strings.Contains(squash(st.Text), key) {
				hit = i
				break
			}
		}
		if hit < 0 {
			if !gs.Optional {
				s.Statements.FN++
				s.Misses = append(s.Misses, fmt.Sprintf("missed statement by %s: %q", gs.Speaker, gs.Key))
			}
			continue
		}
		used[hit] = true
		st := x.Statements[hit]
		if gs.Optional {
			continue
		}
		s.Statements.TP++
		gt := map[string]bool{}
		for _, t := range gs.Topics {
			gt[t] = true
		}
		for _, t := range st.Topics {
			if gt[t] {
				s.Topics.TP++
				delete(gt, t)
			} else {
				s.Topics.FP++
				s.Misses = append(s.Misses, fmt.Sprintf("extra topic %s on %q", t, gs.Key))
			}
		}
		for _, t := range gs.Topics { // in the gold's order: reports stay stable
			if gt[t] {
				s.Topics.FN++
				s.Misses = append(s.Misses, fmt.Sprintf("missed topic %s on %q", t, gs.Key))
			}
		}
		if gs.Date != "" {
			s.Dates.Total++
			if st.Date == gs.Date {
				s.Dates.Right++
			} else {
				s.Misses = append(s.Misses, fmt.Sprintf("date %s, want %s: %q", st.Date, gs.Date, gs.Key))
			}
		}
		s.Direct.Total++
		if st.Direct == gs.Direct {
			s.Direct.Right++
		} else {
			s.Misses = append(s.Misses, fmt.Sprintf("direct=%v, want %v: %q", st.Direct, gs.Direct, gs.Key))
		}
		if gs.Place != "" {
			s.Places.Total++
			if is(st.PlaceID, gs.Place) {
				s.Places.Right++
			} else {
				s.Misses = append(s.Misses, fmt.Sprintf("place %q, want %s: %q", names[st.PlaceID], gs.Place, gs.Key))
			}
		}
	}
	for i, st := range x.Statements {
		if !used[i] {
			s.Statements.FP++
			s.Misses = append(s.Misses, fmt.Sprintf("extra statement by %s: %q", names[st.SpeakerID], clip(st.Text)))
		}
	}
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 70 {
		return string(r[:70]) + "…"
	}
	return s
}

// titleWords maps a title to comparable words: lower case, hyphens as
// spaces, office-specific names and gendered forms mapped to one word, and
// small words dropped.
func titleWords(t string) []string {
	t = strings.ToLower(strings.ReplaceAll(t, "-", " "))
	for _, r := range [][2]string{
		{"secretary of state", "foreign minister"}, {"foreign secretary", "foreign minister"},
		{"minister of foreign affairs", "foreign minister"}, {"secretary of defense", "defence minister"},
		{"secretary of war", "defence minister"}, {"defence secretary", "defence minister"},
		{"defense", "defence"}, {"spokesman", "spokesperson"}, {"spokeswoman", "spokesperson"},
		{"press secretary", "spokesperson"}, {"chairman", "chairperson"}, {"chairwoman", "chairperson"},
		{"premier", "prime minister"}, {"adviser", "advisor"},
		{"high representative", "foreign policy chief"},
	} {
		t = strings.ReplaceAll(t, r[0], r[1])
	}
	var out []string
	for _, w := range strings.Fields(t) {
		switch w {
		case "of", "the", "for", "and", "to":
			continue
		}
		out = append(out, w)
	}
	return out
}

// titlesMatch reports whether two titles name the same office: one's words
// appear, in order and together, in the other's ("spokesperson" and
// "military spokesperson", "aide" and "aide to the president").
func titlesMatch(a, b string) bool {
	// A gold title may join two offices: "Crown Prince and Prime Minister".
	for _, sep := range []string{" and ", " & "} {
		if strings.Contains(b, sep) {
			for _, part := range strings.Split(b, sep) {
				if titlesMatch(a, part) {
					return true
				}
			}
		}
	}
	wa, wb := titleWords(a), titleWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	for i := 0; i+len(wa) <= len(wb); i++ {
		if strings.Join(wb[i:i+len(wa)], " ") == strings.Join(wa, " ") {
			return true
		}
	}
	return false
}

// scoreRoles matches the gold role of each person with the extracted roles
// of the same person: same holder (or the holder's state, when one side
// names a ministry and the other its state) and a matching title. Several
// extracted roles matching one gold role count once; extracted roles of
// people the gold gives no role are not scored.
func scoreRoles(s *Score, x *extract.Extraction, g Gold, match map[string]int, names map[string]string) {
	goldIndex := map[string]int{}
	for gi, ge := range g.Entities {
		goldIndex[ge.Name] = gi
	}
	stateOf := map[string]string{}
	for _, e := range x.Entities {
		stateOf[e.ID] = e.StateID
	}
	nameOf := map[string][]string{}
	for _, e := range x.Entities {
		nameOf[e.ID] = []string{e.Name, e.NameAr}
	}
	holderMatches := func(ofID string, goldOf string) bool {
		// By name: the gold may name the holder only in the role, and a
		// holder the text never names has no mention to match by.
		for _, n := range nameOf[ofID] {
			if n != "" && text.Normalize(n) == text.Normalize(goldOf) {
				return true
			}
		}
		gi, ok := goldIndex[goldOf]
		if !ok {
			return false
		}
		if m, ok := match[ofID]; ok && m == gi {
			return true
		}
		// One side names a ministry, the other its state.
		if st := stateOf[ofID]; st != "" {
			if m, ok := match[st]; ok && m == gi {
				return true
			}
		}
		for id, m := range match {
			if m == gi && stateOf[id] != "" && stateOf[id] == ofID {
				return true
			}
		}
		return false
	}
	for gi, ge := range g.Entities {
		if ge.Role == nil || ge.Optional {
			continue
		}
		var mine []extract.Role
		for _, r := range x.Roles {
			if p, ok := match[r.PersonID]; ok && p == gi {
				mine = append(mine, r)
			}
		}
		hit := false
		for _, r := range mine {
			if titlesMatch(r.Title, ge.Role.Title) && holderMatches(r.OfID, ge.Role.Of) {
				hit = true
			}
		}
		if hit {
			s.Roles.TP++
		} else {
			s.Roles.FN++
			s.Misses = append(s.Misses, fmt.Sprintf("missed role %s: %s of %s", ge.Name, ge.Role.Title, ge.Role.Of))
		}
		for _, r := range mine {
			if !(titlesMatch(r.Title, ge.Role.Title) && holderMatches(r.OfID, ge.Role.Of)) {
				s.Roles.FP++
				s.Misses = append(s.Misses, fmt.Sprintf("extra role %s: %s of %s", ge.Name, r.Title, names[r.OfID]))
			}
		}
	}
}

func scoreEvents(s *Score, x *extract.Extraction, g Gold, is func(string, string) bool) {
	used := make([]bool, len(x.Events))
	for _, ge := range g.Events {
		hit := -1
		for i, e := range x.Events {
			if !used[i] && strings.EqualFold(e.Type, ge.Type) && is(e.PlaceID, ge.Place) {
				hit = i
				break
			}
		}
		if hit < 0 {
			if !ge.Optional {
				s.Events.FN++
				s.Misses = append(s.Misses, fmt.Sprintf("missed event %s %q", ge.Type, ge.Name))
			}
			continue
		}
		used[hit] = true
		if ge.Optional {
			continue
		}
		s.Events.TP++
		want := map[string]bool{}
		for _, p := range ge.Participants {
			want[p] = true
		}
		for _, pid := range x.Events[hit].ParticipantIDs {
			ok := false
			for p := range want {
				if is(pid, p) {
					ok = true
					delete(want, p)
					break
				}
			}
			if ok {
				s.Participants.TP++
			} else {
				s.Participants.FP++
			}
		}
		s.Participants.FN += len(want)
	}
	for i, e := range x.Events {
		if !used[i] {
			s.Events.FP++
			s.Misses = append(s.Misses, fmt.Sprintf("extra event %s", e.Name))
		}
	}
}
