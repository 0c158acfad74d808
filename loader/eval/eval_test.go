package eval

import (
	"bytes"
	"testing"

	"github.com/geokg/geokg/loader/extract"
)

func TestScoreMatchingRules(t *testing.T) {
	x := &extract.Extraction{
		Entities: []extract.Entity{
			{ID: "person:mark-rutte", Type: extract.Person, Name: "Mark Rutte", Mentions: []extract.Mention{{Text: "روته"}}},
			{ID: "UA", Type: extract.State, Name: "Ukraine", Mentions: []extract.Mention{{Text: "لأوكرانيا"}}},
			{ID: "org:nato", Type: extract.Organization, Name: "NATO"}, // no mention: not scored
			{ID: "person:someone", Type: extract.Person, Name: "Someone", Mentions: []extract.Mention{{Text: "Someone"}}},
		},
		Roles: []extract.Role{{PersonID: "person:mark-rutte", Title: "Secretary General", OfID: "org:nato"}},
		Statements: []extract.Statement{
			{SpeakerID: "person:mark-rutte", Text: "ليس من حقهم، أن يقرروا ذلك.", Date: "2025-09-04", Direct: true, Topics: []string{"troop-deployment", "alliances"}},
			{SpeakerID: "person:someone", Text: "something else"},
		},
	}
	g := Gold{
		Entities: []GoldEntity{
			{Type: "Person", Name: "Mark Rutte", Aliases: []string{"مارك روته", "روته"}, Role: &GoldRole{Title: "Secretary-General", Of: "NATO"}},
			{Type: "State", Name: "Ukraine", Aliases: []string{"أوكرانيا"}},
			{Type: "Organization", Name: "NATO", Aliases: []string{"الناتو"}},
			{Type: "Place", Name: "Prague", Aliases: []string{"براغ"}, Optional: true},
		},
		Statements: []GoldStatement{{Speaker: "Mark Rutte", Key: "ليس من حقهم أن يقرروا ذلك", Direct: true, Topics: []string{"troop-deployment"}, Date: "2025-09-04"}},
	}
	s := ScoreOne("t", x, g)
	tests := []struct {
		name      string
		got, want Count
	}{
		{"person found by alias, extra person counted", *s.Entities[extract.Person], Count{TP: 1, FP: 1}},
		{"state found through clitic-stripped mention", *s.Entities[extract.State], Count{TP: 1}},
		{"organisation without mention is missed, not matched", *s.Entities[extract.Organization], Count{FN: 1}},
		{"optional place neither rewarded nor punished", *s.Entities[extract.Place], Count{}},
		{"statement matches ignoring punctuation", s.Statements, Count{TP: 1, FP: 1}},
		{"topics compared on matched statements", s.Topics, Count{TP: 1, FP: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %+v, want %+v", tt.got, tt.want)
			}
		})
	}
	if s.Dates != (Acc{1, 1}) || s.Direct != (Acc{1, 1}) {
		t.Errorf("dates %+v direct %+v", s.Dates, s.Direct)
	}
}

// TestTestdata scores the extraction of every gold article in testdata and
// holds it above floors a little below the figures measured when they were
// set, so that a change that makes extraction worse fails here. Run with -v
// to see the report.
func TestTestdata(t *testing.T) {
	x, err := extract.Default("")
	if err != nil {
		t.Fatal(err)
	}
	pairs, err := ReadDir("../../testdata/articles")
	if err != nil {
		t.Fatal(err)
	}
	scores, total, err := Run(x, pairs)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	Report(&b, scores, total, testing.Verbose())
	t.Log("\n" + b.String())
	floors := []struct {
		name  string
		got   float64
		floor float64
	}{
		{"statement F1", total.Statements.F1(), 0.91},
		{"entity F1 (Person, State, Organization)", total.KeyEntities().F1(), 0.94},
		{"role F1", total.Roles.F1(), 0.89},
		{"topic F1", total.Topics.F1(), 0.76},
		{"date accuracy", total.Dates.Value(), 0.93},
	}
	for _, f := range floors {
		if f.got < f.floor {
			t.Errorf("%s = %.3f, below its floor %.2f", f.name, f.got, f.floor)
		}
	}
}
