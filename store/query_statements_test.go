package store

import (
	"reflect"
	"strings"
	"testing"
)

// TestStatementMatchText checks the Cypher statementMatch builds for every
// anchor with every filter set: the templates are filled (no fmt error
// text), the date and the other property conditions sit in the WHERE of
// the driving clause, and the driving condition is not checked again.
func TestStatementMatchText(t *testing.T) {
	direct := true
	f := StatementFilter{
		IDs: []string{"s"}, Topics: []string{"t"}, Speaker: "sp", SpeakerState: "st",
		Mentions: []string{"m"}, From: "2024-01-01", To: "2024-12-31", Direct: &direct,
		Language: "en", Article: "a", Event: "e", Place: "p",
	}
	for a := NoAnchor; a < ByParticipant; a++ {
		m, _, err := statementMatch(f, a)
		if err != nil {
			t.Fatalf("anchor %d: %v", a, err)
		}
		if strings.Contains(m, "%!") {
			t.Errorf("anchor %d: a template is not filled:\n%s", a, m)
		}
		drive, filter, _ := strings.Cut(m, "WITH DISTINCT")
		if !strings.Contains(drive, "n.date >= date($from)") || strings.Contains(filter, "$from") {
			t.Errorf("anchor %d: the date is not checked in the drive:\n%s", a, m)
		}
	}
	m, _, err := statementMatch(StatementFilter{Topics: []string{"t"}, From: "2024-01-01"}, NoAnchor)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(m, "$topics") != 1 || !strings.HasSuffix(m, "WHERE true") {
		t.Errorf("the driving topics are checked again:\n%s", m)
	}
}

// TestWalkOf checks that a date walk is taken only for a state's
// statements or a topic's, with conditions on their own properties: every
// other field of StatementFilter, set alone or as an empty list, turns it
// off, so that a field added later cannot be ignored by the walk.
func TestWalkOf(t *testing.T) {
	direct := true
	own := StatementFilter{From: "2024-01-01", To: "2024-12-31", Direct: &direct, Language: "en"}
	state, topics := own, StatementFilter{Topics: []string{"t"}, Direct: &direct, Language: "en"}
	state.SpeakerState = "US"
	ranged := topics
	ranged.From = "2024-01-01"
	cases := []struct {
		name   string
		f      StatementFilter
		anchor Anchor
		top    string
		value  string
	}{
		{"a state's, nested", own, BySpeakerState, officialsTop, "pid"},
		{"a state's", state, NoAnchor, officialsTop, "$speakerState"},
		{"a topic's", topics, NoAnchor, topicsTop, "$topics"},
		{"a state's, nested, with a state filter", state, BySpeakerState, "", ""},
		{"a state's, nested, with topics", topics, BySpeakerState, "", ""},
		{"a topic's, nested", own, ByTopic, "", ""},
		{"a topic's in a date range", ranged, NoAnchor, topicsRangeTop, "$topics"},
		{"own conditions only", own, NoAnchor, "", ""},
	}
	for _, c := range cases {
		top, v, ok := walkOf(c.f, c.anchor)
		if top != c.top || v != c.value || ok != (c.top != "") {
			t.Errorf("%s: walk %v, value %q", c.name, ok, v)
		}
	}
	typ := reflect.TypeOf(StatementFilter{})
	for i := 0; i < typ.NumField(); i++ {
		name := typ.Field(i).Name
		switch name {
		case "SpeakerState", "Topics", "From", "To", "Direct", "Language":
			continue
		}
		for _, base := range []StatementFilter{state, topics, ranged} {
			for _, empty := range []bool{false, true} {
				f := base
				v := reflect.ValueOf(&f).Elem().Field(i)
				switch v.Kind() {
				case reflect.String:
					if empty {
						continue
					}
					v.SetString("x")
				case reflect.Slice:
					n := 1
					if empty {
						n = 0
					}
					v.Set(reflect.MakeSlice(v.Type(), n, n))
				default:
					t.Fatalf("field %s: kind %s not covered", name, v.Kind())
				}
				if _, _, ok := walkOf(f, NoAnchor); ok {
					t.Errorf("%s set (empty %v): walk taken", name, empty)
				}
			}
		}
	}
}
