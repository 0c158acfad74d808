package graph_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/99designs/gqlgen/client"
	"github.com/geokg/geokg/loader/text"
)

// TestTroopDeploymentStatements is the acceptance query of the first slice:
// statements on troop deployments give Mark Rutte's, dated 2025-09-04, with
// their article.
func TestTroopDeploymentStatements(t *testing.T) {
	e := fresh(t, seed)
	var resp struct{ Statements conn[stmt] }
	e.query(t, `{ statements(where: {topics: ["troop-deployment"]}, first: 10) {
	    totalCount edges { node { `+stmtFields+` } } } }`, &resp)
	if resp.Statements.TotalCount != len(resp.Statements.Edges) {
		t.Errorf("totalCount %d, but %d edges on a page of 10", resp.Statements.TotalCount, len(resp.Statements.Edges))
	}
	rutte, direct := 0, 0
	for _, n := range resp.Statements.nodes() {
		if n.Article.Title != "ضمانات أمنية لأوكرانيا في قمة باريس" {
			t.Errorf("statement %q: article title %q", n.Text, n.Article.Title)
		}
		if n.Speaker.Name != "Mark Rutte" {
			continue
		}
		rutte++
		if n.Direct {
			direct++
		}
		if n.Date != "2025-09-04" {
			t.Errorf("Rutte's statement %q dated %s, want 2025-09-04", n.Text, n.Date)
		}
	}
	if rutte != 3 || direct != 2 {
		t.Errorf("got %d statements by Mark Rutte (%d direct), want 3 (2 direct): %+v", rutte, direct, resp.Statements.Edges)
	}
}

func TestStatementsPaging(t *testing.T) {
	e := corpus(t)
	type page struct{ Statements conn[struct{ ID string }] }
	var first page
	e.query(t, `{ statements(first: 5) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, &first)
	fs := first.Statements
	if len(fs.Edges) != 5 || !fs.PageInfo.HasNextPage || fs.PageInfo.HasPreviousPage || fs.TotalCount <= 5 {
		t.Fatalf("first page: %+v", fs)
	}
	if *fs.PageInfo.StartCursor != fs.Edges[0].Cursor || *fs.PageInfo.EndCursor != fs.Edges[4].Cursor {
		t.Errorf("page info cursors %v %v do not match the edges", *fs.PageInfo.StartCursor, *fs.PageInfo.EndCursor)
	}
	seen := map[string]bool{}
	for _, e := range fs.Edges {
		seen[e.Node.ID] = true
	}
	var next page
	e.query(t, `query($after: String) { statements(first: 5, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`, &next,
		client.Var("after", *fs.PageInfo.EndCursor))
	if len(next.Statements.Edges) != 5 || !next.Statements.PageInfo.HasPreviousPage {
		t.Errorf("second page: %+v", next.Statements)
	}
	for _, e := range next.Statements.Edges {
		if seen[e.Node.ID] {
			t.Errorf("statement %s on both pages", e.Node.ID)
		}
	}
	if next.Statements.TotalCount != fs.TotalCount {
		t.Errorf("totalCount changed between pages: %d, %d", fs.TotalCount, next.Statements.TotalCount)
	}
	// The last page says there is no next one.
	var last page
	e.query(t, q(`{ statements(first: 100) { edges { node { id } } pageInfo { hasNextPage } } }`), &last)
	if fs.TotalCount <= 100 && (last.Statements.PageInfo.HasNextPage || len(last.Statements.Edges) != fs.TotalCount) {
		t.Errorf("a page of all %d statements: %d edges, hasNextPage %v", fs.TotalCount, len(last.Statements.Edges), last.Statements.PageInfo.HasNextPage)
	}
}

// TestStatementFilters checks each filter of statements: every statement
// returned meets it, and robust facts of the test data are found.
func TestStatementFilters(t *testing.T) {
	e := corpus(t)
	var all struct{ Statements conn[stmt] }
	e.query(t, `{ statements(first: 1) { totalCount } }`, &all)
	total := all.Statements.TotalCount
	tests := []struct {
		name  string
		where string
		order string
		// each must hold for every statement returned
		each func(stmt) bool
		// want must be among the statements returned (robust facts)
		want string
	}{
		{"topics", `{topics: ["troop-deployment"]}`, "", func(s stmt) bool { return s.hasTopic("troop-deployment") }, "seed-paris-security-guarantees#1340"},
		{"topics any of", `{topics: ["troop-deployment", "nuclear"]}`, "", func(s stmt) bool { return s.hasTopic("troop-deployment") || s.hasTopic("nuclear") }, "seed-paris-security-guarantees#1340"},
		{"speaker", `{speaker: "person:mark-rutte"}`, "", func(s stmt) bool { return s.Speaker.ID == "person:mark-rutte" }, "seed-paris-security-guarantees#1395"},
		{"speakerState: the president", `{speakerState: "RU", from: "2025-09-01"}`, "", func(s stmt) bool {
			return s.Speaker.Typename != "Group" && (s.Speaker.Typename != "State" || s.Speaker.ID == "RU")
		}, "seed-paris-security-guarantees#2341"},
		{"speakerState: an organisation's official", `{speakerState: "org:nato"}`, "", func(s stmt) bool { return s.Speaker.ID == "person:mark-rutte" || s.Speaker.ID == "org:nato" }, "seed-paris-security-guarantees#1340"},
		{"mentions", `{mentions: ["RU"]}`, "", func(s stmt) bool { return s.mentions("RU") }, "seed-paris-security-guarantees#1340"},
		{"from and to", `{from: "2025-09-01", to: "2025-09-30"}`, "", func(s stmt) bool { return s.Date >= "2025-09-01" && s.Date <= "2025-09-30" }, "seed-paris-security-guarantees#1340"},
		{"direct", `{direct: true, speaker: "person:mark-rutte"}`, "", func(s stmt) bool { return s.Direct }, "seed-paris-security-guarantees#1395"},
		{"reported", `{direct: false, speaker: "person:mark-rutte"}`, "", func(s stmt) bool { return !s.Direct }, "seed-paris-security-guarantees#1340"},
		{"language", `{language: "en"}`, "", func(s stmt) bool { return s.Language == "en" }, ""},
		{"article", `{article: "seed-paris-security-guarantees"}`, "", func(s stmt) bool { return s.Article.ID == "seed-paris-security-guarantees" }, "seed-paris-security-guarantees#2341"},
		{"place", `{place: "place:prague"}`, "", func(s stmt) bool { return s.Place != nil && s.Place.ID == "place:prague" }, "seed-paris-security-guarantees#1395"},
		// "لاوكرانيا": no hamza, a clitic; the statements say "أوكرانيا".
		{"text, Arabic without hamza, with clitic", `{text: "لاوكرانيا"}`, "", func(s stmt) bool { return strings.Contains(text.Normalize(s.Text), "وكرانيا") }, "seed-paris-security-guarantees#1340"},
		// Lucene's Arabic stemmer takes "قوات" (troops) and "قوة" (force)
		// to one stem: the check is on the stem.
		{"text, every word required", `{text: "نشر القوات"}`, "", func(s stmt) bool { return strings.Contains(s.Text, "نشر") && strings.Contains(s.Text, "قو") }, "seed-paris-security-guarantees#1340"},
		{"text, English any case", `{text: "TROOPS"}`, "", func(s stmt) bool { return strings.Contains(strings.ToLower(s.Text), "troops") }, ""},
		{"all combined", `{topics: ["troop-deployment"], speaker: "person:mark-rutte", speakerState: "org:nato", mentions: ["RU"], from: "2025-09-04", to: "2025-09-04", direct: true, language: "ar", article: "seed-paris-security-guarantees", place: "place:prague", text: "روسيا"}`, "",
			func(s stmt) bool { return s.Speaker.ID == "person:mark-rutte" && s.Direct && s.mentions("RU") }, "seed-paris-security-guarantees#1395"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp struct{ Statements conn[stmt] }
			e.query(t, q(`{ statements(where: %s %s, first: 100) { totalCount edges { node { %s } } } }`, tt.where, tt.order, stmtFields), &resp)
			got := resp.Statements.nodes()
			if len(got) == 0 {
				t.Fatalf("no statements for %s", tt.where)
			}
			if resp.Statements.TotalCount >= total {
				t.Errorf("the filter kept all %d statements", total)
			}
			for _, s := range got {
				if !tt.each(s) {
					t.Errorf("statement %s does not meet %s: %+v", s.ID, tt.where, s)
				}
			}
			if tt.want != "" && !contains(ids(got, func(s stmt) string { return s.ID }), tt.want) {
				t.Errorf("%s missing from %v", tt.want, ids(got, func(s stmt) string { return s.ID }))
			}
		})
	}
	t.Run("event", func(t *testing.T) {
		// Statements made at an event are those whose event is it.
		var resp struct{ Statements conn[stmt] }
		e.query(t, q(`{ statements(where: {event: "event:summit-paris-2025-09-04"}, first: 100) { edges { node { %s } } } }`, stmtFields), &resp)
		for _, s := range resp.Statements.nodes() {
			if s.Event == nil || s.Event.ID != "event:summit-paris-2025-09-04" {
				t.Errorf("statement %s: event %+v", s.ID, s.Event)
			}
		}
	})
	t.Run("speakerState follows the dates of offices", func(t *testing.T) {
		// Joe Biden was President until 2025-01-20: his statements of 2024
		// count for the US, none after.
		var resp struct{ Statements conn[stmt] }
		e.query(t, q(`{ statements(where: {speakerState: "US", speaker: "person:joe-biden"}, first: 100) { edges { node { %s } } } }`, stmtFields), &resp)
		if len(resp.Statements.Edges) == 0 {
			t.Fatal("no statement of Joe Biden counts for the US")
		}
		for _, s := range resp.Statements.nodes() {
			if s.Date > "2025-01-20" {
				t.Errorf("Biden's statement %s of %s counts for the US", s.ID, s.Date)
			}
		}
	})
}

func TestStatementOrder(t *testing.T) {
	e := corpus(t)
	tests := []struct {
		name  string
		query string
		less  func(a, b stmtScore) bool // must hold (non-strictly) between neighbours
	}{
		{"newest first by default", `statements(first: 50)`, func(a, b stmtScore) bool { return a.Date >= b.Date }},
		{"date ascending", `statements(orderBy: [{date: ASC}], first: 50)`, func(a, b stmtScore) bool { return a.Date <= b.Date }},
		{"confidence, then date", `statements(orderBy: [{confidence: DESC}, {date: DESC}], first: 50)`, func(a, b stmtScore) bool {
			return a.Confidence > b.Confidence || a.Confidence == b.Confidence && a.Date >= b.Date
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp struct{ Statements conn[stmtScore] }
			e.query(t, q(`{ %s { edges { node { id date confidence } } } }`, tt.query), &resp)
			ns := resp.Statements.nodes()
			if len(ns) < 2 {
				t.Fatalf("%d statements", len(ns))
			}
			for i := 1; i < len(ns); i++ {
				if !tt.less(ns[i-1], ns[i]) {
					t.Errorf("%+v before %+v", ns[i-1], ns[i])
				}
			}
		})
	}
	t.Run("relevance", func(t *testing.T) {
		var resp struct {
			Statements struct {
				Edges []struct {
					Score *float64
					Node  struct{ ID, Text string }
				}
			}
		}
		e.query(t, `{ statements(where: {text: "روسيا القوات"}, orderBy: [{relevance: DESC}]) { edges { score node { id text } } } }`, &resp)
		es := resp.Statements.Edges
		if len(es) < 2 {
			t.Fatalf("%d statements have both words", len(es))
		}
		for i, e := range es {
			if e.Score == nil || i > 0 && *e.Score > *es[i-1].Score {
				t.Errorf("edge %d (%s): score %v after %v", i, e.Node.ID, e.Score, es[max(i-1, 0)].Score)
			}
		}
	})
}

type stmtScore struct {
	ID         string
	Date       string
	Confidence float64
}

// TestProvenance checks that a statement leads to its article, its offsets
// and sentence, and the office its speaker held that day.
func TestProvenance(t *testing.T) {
	e := corpus(t)
	var resp struct {
		Statements conn[struct {
			ID          string
			Text        string
			Start, End  int
			SpeakerRole *struct {
				Title    string
				TitleAr  string `json:"titleAr"`
				Of       struct{ ID string }
				Since    *string
				Source   string
				Evidence *struct {
					Article struct{ ID string }
					Text    string
				}
			}
			Provenance struct {
				Article                    struct{ ID, Text string }
				Start, End                 int
				Text                       string
				SentenceStart, SentenceEnd int
				Sentence                   string
			}
		}]
	}
	e.query(t, `{ statements(where: {speaker: "person:mark-rutte", article: "seed-paris-security-guarantees"}) { edges { node {
	    id text start end
	    speakerRole { title titleAr: title(lang: AR) of { id } since source evidence { article { id } text } }
	    provenance { article { id text } start end text sentenceStart sentenceEnd sentence } } } } }`, &resp)
	if len(resp.Statements.Edges) == 0 {
		t.Fatal("no statement of Mark Rutte in the seed article")
	}
	for _, s := range resp.Statements.nodes() {
		p := s.Provenance
		if p.Article.ID != "seed-paris-security-guarantees" || p.Start != s.Start || p.End != s.End {
			t.Errorf("%s: provenance %+v", s.ID, p)
		}
		// Offsets are code points: slicing the article's runes gives the
		// statement's text and sentence.
		runes := []rune(p.Article.Text)
		if got := string(runes[p.Start:p.End]); got != p.Text || p.Text != s.Text {
			t.Errorf("%s: text at offsets %q, provenance %q, statement %q", s.ID, got, p.Text, s.Text)
		}
		if !(p.SentenceStart <= p.Start && p.End <= p.SentenceEnd) || string(runes[p.SentenceStart:p.SentenceEnd]) != p.Sentence {
			t.Errorf("%s: sentence [%d,%d) %q does not hold [%d,%d)", s.ID, p.SentenceStart, p.SentenceEnd, p.Sentence, p.Start, p.End)
		}
		if !strings.Contains(p.Sentence, s.Text) || utf8.RuneCountInString(p.Sentence) <= utf8.RuneCountInString(s.Text) && p.Sentence != s.Text {
			t.Errorf("%s: sentence %q lacks the statement", s.ID, p.Sentence)
		}
		r := s.SpeakerRole
		if r == nil || r.Title != "Secretary General" || r.Of.ID != "org:nato" || r.TitleAr == "" {
			t.Errorf("%s: speaker role %+v, want Secretary General of NATO", s.ID, r)
		} else if r.Source == "TEXT" && (r.Evidence == nil || r.Evidence.Text == "") {
			t.Errorf("%s: a role from the text without evidence: %+v", s.ID, r)
		}
	}
}

// TestNodeAndNames fetches every type through node(id) and checks the
// bilingual names.
func TestNodeAndNames(t *testing.T) {
	e := corpus(t)
	tests := []struct {
		id, typename, name, nameAr string
	}{
		{"person:mark-rutte", "Person", "Mark Rutte", "مارك روته"},
		{"UA", "State", "Ukraine", "أوكرانيا"},
		{"org:nato", "Organization", "NATO", "حلف شمال الأطلسي"},
		{"place:paris", "Place", "Paris", "باريس"},
		{"event:summit-paris-2025-09-04", "Event", "Summit in Paris", "Summit in Paris"},
		{"troop-deployment", "Topic", "Troop deployment", "نشر القوات"},
		{"group:european-officials", "Group", "European officials", ""},
		{"seed-paris-security-guarantees", "Article", "", ""},
		{"seed-paris-security-guarantees#1340", "Statement", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.typename, func(t *testing.T) {
			var resp struct {
				Node *struct {
					Typename string `json:"__typename"`
					ID       string
					Name     string
					Ar       string
				}
			}
			e.query(t, q(`query($id: ID!) { node(id: $id) { __typename id
			    ... on Entity { name ar: name(lang: AR) } ... on Topic { name ar: name(lang: AR) } } }`), &resp, client.Var("id", tt.id))
			n := resp.Node
			if n == nil || n.Typename != tt.typename || n.ID != tt.id {
				t.Fatalf("node(%s): %+v", tt.id, n)
			}
			if tt.name != "" && (n.Name != tt.name || tt.nameAr != "" && n.Ar != tt.nameAr) {
				t.Errorf("names %q / %q, want %q / %q", n.Name, n.Ar, tt.name, tt.nameAr)
			}
		})
	}
	t.Run("nodes keeps order and nulls", func(t *testing.T) {
		var resp struct {
			Nodes []*struct{ ID string }
		}
		e.query(t, `{ nodes(ids: ["UA", "nobody", "person:mark-rutte"]) { id } }`, &resp)
		if len(resp.Nodes) != 3 || resp.Nodes[0] == nil || resp.Nodes[0].ID != "UA" || resp.Nodes[1] != nil || resp.Nodes[2] == nil || resp.Nodes[2].ID != "person:mark-rutte" {
			t.Errorf("nodes: %+v", resp.Nodes)
		}
	})
	t.Run("unknown id is null", func(t *testing.T) {
		var resp struct {
			Node  *struct{ ID string }
			Actor *struct{ ID string }
		}
		e.query(t, `{ node(id: "person:nobody") { id } actor(id: "person:nobody") { id } }`, &resp)
		if resp.Node != nil || resp.Actor != nil {
			t.Errorf("got %+v", resp)
		}
	})
}

// TestStatementSelections: a statement list whose selection asks for none
// of topics, mentions, event and place reads bare rows; the same list asking
// for them, directly, through a fragment or beside a bare alias, gets them.
func TestStatementSelections(t *testing.T) {
	e := corpus(t)
	type row struct {
		ID       string
		Article  struct{ ID string }
		Topics   []struct{ ID string }
		Mentions []struct{ ID string }
	}
	type list struct {
		Edges []struct{ Node row }
	}
	var resp struct{ Bare, Full, Frag list }
	e.query(t, `query { bare: statements(first: 50) { edges { node { id article { id } } } }
	    full: statements(first: 50) { edges { node { id article { id } topics { id } mentions { id } } } }
	    frag: statements(first: 50) { edges { node { ...Links } } } }
	  fragment Links on Statement { id article { id } topics { id } mentions { id } }`, &resp)
	if len(resp.Bare.Edges) == 0 || len(resp.Bare.Edges) != len(resp.Full.Edges) || len(resp.Full.Edges) != len(resp.Frag.Edges) {
		t.Fatalf("pages of %d, %d and %d statements, want the same non-empty page", len(resp.Bare.Edges), len(resp.Full.Edges), len(resp.Frag.Edges))
	}
	topics, mentions := 0, 0
	for i, b := range resp.Bare.Edges {
		f, g := resp.Full.Edges[i].Node, resp.Frag.Edges[i].Node
		if b.Node.ID != f.ID || b.Node.Article.ID != f.Article.ID || b.Node.Article.ID == "" {
			t.Errorf("statement %d: bare %s in %q, full %s in %q", i, b.Node.ID, b.Node.Article.ID, f.ID, f.Article.ID)
		}
		if len(g.Topics) != len(f.Topics) || len(g.Mentions) != len(f.Mentions) {
			t.Errorf("%s: %d topics and %d mentions through the fragment, %d and %d directly", f.ID, len(g.Topics), len(g.Mentions), len(f.Topics), len(f.Mentions))
		}
		topics += len(f.Topics)
		mentions += len(f.Mentions)
	}
	if topics == 0 || mentions == 0 {
		t.Errorf("%d topics and %d mentions on a page of %d statements: the full selection read bare rows", topics, mentions, len(resp.Full.Edges))
	}
}
