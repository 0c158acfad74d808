package store

import (
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
