package graph_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestPartialRowsAnswerAsWholeRows checks that a page of statements that
// reads only the properties its selection asks for (store.Props) answers
// as the node loader's whole rows do: every statement of the page, asked
// the same selection through node(id), must answer the same. The
// selections name every field the property maps list, with fragments on
// every actor type, and fields that are not listed.
func TestPartialRowsAnswerAsWholeRows(t *testing.T) {
	e := corpus(t)
	const actor = `__typename id name arName: name(lang: AR) nameAr aliases
  ... on Person { qid statements(first: 2) { totalCount } }
  ... on State { qid }
  ... on Organization { qid kind }`
	tests := []struct {
		name, sel string
	}{
		{"the search page's fields", `id text date speaker { id name } article { id title }`},
		{"every listed field", `__typename id text direct date language start end confidence
  provenance { start end sentenceStart sentenceEnd text }
  speakerRole { title }
  speaker { ` + actor + ` }
  article { __typename id title source url published language }`},
		{"a field not listed", `id text speaker { id name ... on Organization { state { id name } } } article { id title text }`},
		{"ids only", `speaker { id } article { id }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var page struct {
				Statements conn[json.RawMessage]
			}
			e.query(t, `{ statements(first: 40) { edges { node { id `+tt.sel+` } } } }`, &page)
			nodes := page.Statements.nodes()
			if len(nodes) != 40 {
				t.Fatalf("%d statements, want 40", len(nodes))
			}
			// One request for all the lookups, as aliases.
			var b strings.Builder
			b.WriteString("{")
			for i, n := range nodes {
				var s struct{ ID string }
				_ = json.Unmarshal(n, &s)
				b.WriteString(q(" s%d: node(id: %q) { ... on Statement { id %s } }", i, s.ID, tt.sel))
			}
			b.WriteString(" }")
			var whole map[string]json.RawMessage
			e.query(t, b.String(), &whole)
			for i, n := range nodes {
				if !sameJSON(n, whole[q("s%d", i)]) {
					t.Errorf("statement %d answers\n%s\nthrough the page, and\n%s\nthrough node(id)", i, n, whole[q("s%d", i)])
				}
			}
		})
	}
}

// TestPartialRowsStayInTheirPage reads a page whose speakers' rows are
// partial (their ids only) and asks the statements for their mentions,
// which the node loader answers after the page: the speakers among them
// must answer with everything, as they do alone. Were partial rows primed
// into the loader, they would answer with empty names.
func TestPartialRowsStayInTheirPage(t *testing.T) {
	e := corpus(t)
	type mention struct {
		ID      string
		Name    string
		NameAr  *string
		Aliases []string
	}
	var page struct {
		Statements conn[struct {
			Speaker  struct{ ID string }
			Mentions []mention
		}]
	}
	e.query(t, `{ statements(first: 100) { edges { node { speaker { id } mentions { id ... on Entity { name nameAr aliases } } } } } }`, &page)
	speakers := map[string]bool{}
	for _, n := range page.Statements.nodes() {
		speakers[n.Speaker.ID] = true
	}
	var got []mention
	var ids []string
	for _, n := range page.Statements.nodes() {
		for _, m := range n.Mentions {
			if speakers[m.ID] {
				got = append(got, m)
				ids = append(ids, q("%q", m.ID))
			}
		}
	}
	if len(got) == 0 {
		t.Fatal("no statement of the page mentions a speaker of the page; the test needs one")
	}
	var alone struct{ Nodes []mention }
	e.query(t, `{ nodes(ids: [`+strings.Join(ids, ", ")+`]) { ... on Entity { id name nameAr aliases } } }`, &alone)
	if !reflect.DeepEqual(got, alone.Nodes) {
		t.Errorf("the speakers mentioned answer\n%+v\nin the page, and\n%+v\nalone", got, alone.Nodes)
	}
}

// sameJSON reports whether two JSON texts hold the same value.
func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}
