package graph_test

import (
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
)

type hit struct {
	Score float64
	Node  struct {
		Typename string `json:"__typename"`
		ID       string
	}
}

// TestSearch checks that search is ranked, spans entities and statements,
// and matches Arabic whatever its hamza, diacritics and clitics.
func TestSearch(t *testing.T) {
	e := corpus(t)
	tests := []struct {
		name  string
		text  string
		types string
		want  string // id among the hits
		only  string // every hit is of this __typename
	}{
		{"Arabic", "أوكرانيا", "", "UA", ""},
		{"Arabic without hamza", "اوكرانيا", "", "UA", ""},
		{"Arabic with diacritics", "أُوكْرَانِيَا", "", "UA", ""},
		{"Arabic with a clitic", "لأوكرانيا", "", "UA", ""},
		{"Arabic name", "زيلينسكي", "", "person:volodymyr-zelensky", ""},
		{"English, any case", "ZELENSKY", "", "person:volodymyr-zelensky", ""},
		{"English with a typo", "Zelenskyy", "", "person:volodymyr-zelensky", ""},
		{"statements only", "نشر القوات", "[STATEMENT]", "seed-paris-security-guarantees#1340", "Statement"},
		{"persons only", "روته", "[PERSON]", "person:mark-rutte", "Person"},
		{"events", "Paris", "[EVENT]", "event:summit-paris-2025-09-04", "Event"},
		{"query syntax is inert", `روسيا) OR "* \ AND: [أوكرانيا`, "", "UA", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp struct {
				Search struct {
					TotalCount int
					Edges      []hit
				}
			}
			types := ""
			if tt.types != "" {
				types = ", types: " + tt.types
			}
			e.query(t, `query($text: String!) { search(text: $text`+types+`, first: 50) { totalCount edges { score node { __typename id } } } }`, &resp, client.Var("text", tt.text))
			hits := resp.Search.Edges
			if len(hits) == 0 || resp.Search.TotalCount < len(hits) {
				t.Fatalf("%d hits, totalCount %d", len(hits), resp.Search.TotalCount)
			}
			found := false
			for i, h := range hits {
				found = found || h.Node.ID == tt.want
				if i > 0 && h.Score > hits[i-1].Score {
					t.Errorf("hit %d (%s, %.2f) scores above hit %d (%.2f)", i, h.Node.ID, h.Score, i-1, hits[i-1].Score)
				}
				if tt.only != "" && h.Node.Typename != tt.only {
					t.Errorf("hit %s is a %s", h.Node.ID, h.Node.Typename)
				}
			}
			if !found {
				t.Errorf("%s not found: %+v", tt.want, hits)
			}
		})
	}
	t.Run("entities and statements in one ranking", func(t *testing.T) {
		var resp struct{ Search struct{ Edges []hit } }
		e.query(t, `{ search(text: "روسيا", first: 50) { edges { score node { __typename id } } } }`, &resp)
		kinds := map[string]bool{}
		for _, h := range resp.Search.Edges {
			kinds[h.Node.Typename] = true
		}
		if !kinds["State"] || !kinds["Statement"] {
			t.Errorf("kinds of hits: %v", kinds)
		}
	})
	t.Run("paging", func(t *testing.T) {
		var p1, p2 struct {
			Search struct {
				Edges    []hit
				PageInfo struct{ EndCursor string }
			}
		}
		e.query(t, `{ search(text: "روسيا", first: 3) { edges { score node { id } } pageInfo { endCursor } } }`, &p1)
		e.query(t, `query($after: String) { search(text: "روسيا", first: 3, after: $after) { edges { score node { id } } } }`, &p2, client.Var("after", p1.Search.PageInfo.EndCursor))
		if len(p1.Search.Edges) != 3 || len(p2.Search.Edges) == 0 {
			t.Fatalf("pages of %d and %d hits", len(p1.Search.Edges), len(p2.Search.Edges))
		}
		if p2.Search.Edges[0].Score > p1.Search.Edges[2].Score || p2.Search.Edges[0].Node.ID == p1.Search.Edges[2].Node.ID {
			t.Errorf("second page starts with %+v after %+v", p2.Search.Edges[0], p1.Search.Edges[2])
		}
	})
}

type graphView struct {
	Truncated bool
	Nodes     []struct {
		ID       string
		Type     string
		Label    string
		Distance int
		Node     struct{ ID string }
	}
	Edges []struct {
		ID, Type, Source, Target string
	}
}

// TestNeighborhood checks the graph view: the centre, nodes by distance,
// edges only between nodes of the view, limit and types.
func TestNeighborhood(t *testing.T) {
	e := corpus(t)
	tests := []struct {
		name      string
		args      string
		maxNodes  int
		wantNode  string
		types     []string // allowed node types besides the centre's
		truncated bool
	}{
		{"depth 1", `id: "person:mark-rutte", depth: 1`, 100, "seed-paris-security-guarantees#1340", nil, false},
		{"depth 2", `id: "person:mark-rutte", depth: 2, limit: 200`, 200, "RU", nil, false},
		{"limit", `id: "UA", depth: 2, limit: 10`, 10, "", nil, true},
		{"types", `id: "person:mark-rutte", depth: 2, types: [STATEMENT, STATE]`, 100, "RU", []string{"STATEMENT", "STATE"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp struct{ Neighborhood graphView }
			e.query(t, `{ neighborhood(`+tt.args+`) { truncated nodes { id type label distance node { id } } edges { id type source target } } }`, &resp)
			g := resp.Neighborhood
			if len(g.Nodes) == 0 || g.Nodes[0].Distance != 0 || len(g.Nodes) > tt.maxNodes || g.Truncated != tt.truncated {
				t.Fatalf("%d nodes (at most %d), first %+v, truncated %v", len(g.Nodes), tt.maxNodes, g.Nodes[0], g.Truncated)
			}
			in := map[string]bool{}
			found := tt.wantNode == ""
			for i, n := range g.Nodes {
				in[n.ID] = true
				found = found || n.ID == tt.wantNode
				if n.Label == "" || n.Node.ID != n.ID || i > 0 && n.Distance < g.Nodes[i-1].Distance {
					t.Errorf("node %d: %+v", i, n)
				}
				if i > 0 && tt.types != nil && !contains(tt.types, n.Type) {
					t.Errorf("node %s of type %s", n.ID, n.Type)
				}
			}
			if !found {
				t.Errorf("%s not in the view", tt.wantNode)
			}
			if len(g.Edges) == 0 {
				t.Error("no edges")
			}
			for _, ed := range g.Edges {
				if !in[ed.Source] || !in[ed.Target] || ed.ID == "" || ed.Type == "" {
					t.Errorf("edge %+v leaves the view", ed)
				}
			}
		})
	}
}

// TestNeighborhoodViews checks that a view that asks only for labels and
// edge ends (read with store.View's lean projections) gives the nodes,
// labels, distances and edges of one that asks for everything, and edge
// ids only when asked.
func TestNeighborhoodViews(t *testing.T) {
	e := corpus(t)
	type view struct {
		Neighborhood struct {
			Nodes []struct {
				ID, Type, Label, Ar string
				Distance            int
			}
			Edges []struct{ ID, Type, Source, Target string }
		}
	}
	var lean, full view
	args := `id: "person:mark-rutte", depth: 2, limit: 200`
	e.query(t, `{ neighborhood(`+args+`) { nodes { id type label ar: label(lang: AR) distance } edges { type source target } } }`, &lean)
	e.query(t, `{ neighborhood(`+args+`) { nodes { id type label ar: label(lang: AR) distance node { id } } edges { id type source target } } }`, &full)
	ln, fn := lean.Neighborhood, full.Neighborhood
	if len(ln.Nodes) < 20 || len(ln.Nodes) != len(fn.Nodes) || len(ln.Edges) != len(fn.Edges) {
		t.Fatalf("lean view: %d nodes, %d edges; full view: %d nodes, %d edges", len(ln.Nodes), len(ln.Edges), len(fn.Nodes), len(fn.Edges))
	}
	shortened := 0
	for i, n := range ln.Nodes {
		if n != fn.Nodes[i] {
			t.Errorf("node %d: lean %+v, full %+v", i, n, fn.Nodes[i])
		}
		if strings.HasSuffix(n.Label, "…") {
			shortened++
		}
	}
	if shortened == 0 {
		t.Error("no label was shortened: the test does not reach long statements")
	}
	for i, ed := range ln.Edges {
		f := fn.Edges[i]
		if ed.ID != "" || f.ID == "" || ed.Type != f.Type || ed.Source != f.Source || ed.Target != f.Target {
			t.Errorf("edge %d: lean %+v, full %+v", i, ed, f)
		}
	}
}

// TestPaths checks that paths run from one entity to the other along
// edges that join consecutive nodes.
func TestPaths(t *testing.T) {
	e := corpus(t)
	var resp struct {
		Paths []struct {
			Length int
			Nodes  []struct{ ID string }
			Edges  []struct{ Type, Source, Target string }
		}
	}
	e.query(t, `{ paths(from: "person:mark-rutte", to: "person:vladimir-putin", maxLength: 4, first: 3) { length nodes { id } edges { type source target } } }`, &resp)
	if len(resp.Paths) == 0 {
		t.Fatal("no path from Mark Rutte to Vladimir Putin")
	}
	for i, p := range resp.Paths {
		if p.Length != len(p.Edges) || len(p.Nodes) != len(p.Edges)+1 || p.Length > 4 {
			t.Fatalf("path %d: length %d, %d nodes, %d edges", i, p.Length, len(p.Nodes), len(p.Edges))
		}
		if p.Nodes[0].ID != "person:mark-rutte" || p.Nodes[len(p.Nodes)-1].ID != "person:vladimir-putin" {
			t.Errorf("path %d runs from %s to %s", i, p.Nodes[0].ID, p.Nodes[len(p.Nodes)-1].ID)
		}
		for j, ed := range p.Edges {
			a, b := p.Nodes[j].ID, p.Nodes[j+1].ID
			if !(ed.Source == a && ed.Target == b || ed.Source == b && ed.Target == a) {
				t.Errorf("path %d, edge %d %+v does not join %s and %s", i, j, ed, a, b)
			}
		}
		if i > 0 && p.Length < resp.Paths[i-1].Length {
			t.Errorf("paths not shortest first")
		}
	}
}

// TestAggregates checks the dashboard aggregates against the statement
// lists they summarise.
func TestAggregates(t *testing.T) {
	e := corpus(t)
	t.Run("timeline by month adds up", func(t *testing.T) {
		var resp struct {
			StatementTimeline []struct {
				Start, End string
				Count      int
				Topics     []struct {
					Topic struct{ ID string }
					Count int
				}
			}
			Statements struct{ TotalCount int }
		}
		e.query(t, `{ statementTimeline(where: {from: "2025-01-01", to: "2025-09-30"}, interval: MONTH) { start end count topics { topic { id } count } }
		  statements(where: {from: "2025-01-01", to: "2025-09-30"}) { totalCount } }`, &resp)
		bs := resp.StatementTimeline
		if len(bs) != 9 || bs[0].Start != "2025-01-01" || bs[8].End != "2025-09-30" {
			t.Fatalf("buckets %+v", bs)
		}
		sum := 0
		for i, b := range bs {
			sum += b.Count
			if i > 0 && b.Start <= bs[i-1].End {
				t.Errorf("bucket %s starts before %s ends", b.Start, bs[i-1].End)
			}
			for _, tc := range b.Topics {
				if tc.Count < 1 || tc.Count > b.Count {
					t.Errorf("%s: %s counts %d of %d", b.Start, tc.Topic.ID, tc.Count, b.Count)
				}
			}
		}
		if sum != resp.Statements.TotalCount || sum == 0 {
			t.Errorf("buckets add up to %d, the statements are %d", sum, resp.Statements.TotalCount)
		}
	})
	t.Run("timeline by week starts on Mondays", func(t *testing.T) {
		var resp struct {
			StatementTimeline []struct {
				Start, End string
				Count      int
			}
		}
		e.query(t, `{ statementTimeline(where: {topics: ["troop-deployment"]}, interval: WEEK) { start end count } }`, &resp)
		if len(resp.StatementTimeline) == 0 {
			t.Fatal("no buckets")
		}
		for _, b := range resp.StatementTimeline {
			d, err := time.Parse(time.DateOnly, b.Start)
			if err != nil || d.Weekday() != time.Monday || b.End != d.AddDate(0, 0, 6).Format(time.DateOnly) {
				t.Errorf("week %s–%s", b.Start, b.End)
			}
		}
	})
	t.Run("top speakers match their statements", func(t *testing.T) {
		var resp struct {
			TopSpeakers []struct {
				Actor struct {
					ID         string
					Statements struct{ TotalCount int }
				}
				Count int
			}
		}
		e.query(t, `{ topSpeakers(first: 5) { actor { id statements { totalCount } } count } }`, &resp)
		if len(resp.TopSpeakers) != 5 {
			t.Fatalf("%d top speakers", len(resp.TopSpeakers))
		}
		for i, s := range resp.TopSpeakers {
			if s.Count != s.Actor.Statements.TotalCount || i > 0 && s.Count > resp.TopSpeakers[i-1].Count {
				t.Errorf("%s: count %d, statements %d", s.Actor.ID, s.Count, s.Actor.Statements.TotalCount)
			}
		}
	})
	t.Run("top speakers by the state they spoke for", func(t *testing.T) {
		var resp struct {
			TopSpeakers []struct {
				Actor struct {
					Typename              string `json:"__typename"`
					ID                    string
					StatementsByOfficials struct{ TotalCount int }
				}
				Count int
			}
		}
		e.query(t, `{ topSpeakers(where: {topics: ["troop-deployment"]}, by: SPEAKER_STATE, first: 50) {
		    actor { __typename id ... on State { statementsByOfficials(where: {topics: ["troop-deployment"]}) { totalCount } }
		                          ... on Organization { statementsByOfficials(where: {topics: ["troop-deployment"]}) { totalCount } } } count } }`, &resp)
		var got []string
		for _, s := range resp.TopSpeakers {
			got = append(got, s.Actor.ID)
			if s.Actor.Typename != "State" && s.Actor.Typename != "Organization" {
				t.Errorf("%s is a %s", s.Actor.ID, s.Actor.Typename)
			}
			// A state's count is that of statementsByOfficials with the
			// same filter.
			if s.Count != s.Actor.StatementsByOfficials.TotalCount {
				t.Errorf("%s: %d statements, statementsByOfficials says %d", s.Actor.ID, s.Count, s.Actor.StatementsByOfficials.TotalCount)
			}
		}
		if !contains(got, "org:nato") {
			t.Errorf("NATO (Mark Rutte) missing from %v", got)
		}
	})
	t.Run("co-mentions", func(t *testing.T) {
		var resp struct {
			CoMentions []struct {
				Entity     struct{ ID string }
				Statements int
				Articles   int
			}
		}
		e.query(t, `{ coMentions(id: "UA", first: 10) { entity { id } statements articles } }`, &resp)
		var got []string
		for i, c := range resp.CoMentions {
			got = append(got, c.Entity.ID)
			if c.Entity.ID == "UA" || c.Statements < 1 || i > 0 && c.Statements > resp.CoMentions[i-1].Statements {
				t.Errorf("co-mention %d: %+v", i, c)
			}
		}
		if !contains(got, "RU") {
			t.Errorf("Russia not co-mentioned with Ukraine: %v", got)
		}
	})
}
