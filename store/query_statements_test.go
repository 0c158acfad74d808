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

// TestOfficialsOnly checks that the date walk of officialsTop is taken only
// for a state's statements with conditions on their own properties: every
// other field of StatementFilter, set alone or as an empty list, turns it
// off, so that a field added later cannot be ignored by the walk.
func TestOfficialsOnly(t *testing.T) {
	direct := true
	own := StatementFilter{From: "2024-01-01", To: "2024-12-31", Direct: &direct, Language: "en"}
	if v, ok := officialsOnly(own, BySpeakerState); !ok || v != "pid" {
		t.Errorf("nested with own conditions: %q %v", v, ok)
	}
	top := own
	top.SpeakerState = "US"
	if v, ok := officialsOnly(top, NoAnchor); !ok || v != "$speakerState" {
		t.Errorf("top level: %q %v", v, ok)
	}
	if _, ok := officialsOnly(top, BySpeakerState); ok {
		t.Error("nested with a state filter too: walk taken")
	}
	if _, ok := officialsOnly(own, ByTopic); ok {
		t.Error("another anchor: walk taken")
	}
	typ := reflect.TypeOf(StatementFilter{})
	for i := 0; i < typ.NumField(); i++ {
		name := typ.Field(i).Name
		switch name {
		case "SpeakerState", "From", "To", "Direct", "Language":
			continue
		}
		for _, empty := range []bool{false, true} {
			f := top
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
			if _, ok := officialsOnly(f, NoAnchor); ok {
				t.Errorf("%s set (empty %v): walk taken", name, empty)
			}
		}
	}
}
