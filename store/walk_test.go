package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/neo4jlocal/neo4jtest"
	"github.com/geokg/geokg/store"
)

// TestOfficialsWalk checks that a state's or organisation's statements
// come out the same whether the date index is walked (officialsTop), the
// walk stops at its bound and gives way, or the officials' statements are
// followed: for every state and organisation of
// testdata/, in pages, with conditions on the statements' own properties,
// nested and at the top level.
func TestOfficialsWalk(t *testing.T) {
	ctx := context.Background()
	st := neo4jtest.Store(t)
	if _, err := newLoader(t, st).Load(ctx, []string{"../testdata/articles"}); err != nil {
		t.Fatal(err)
	}
	// An envoy of France for ten days, who spoke before, during and after
	// them: only the statement made in office is France's.
	envoy := &extract.Extraction{
		Article: extract.ArticleInfo{ID: "test-envoy", Title: "Envoy", Language: "en", Published: "2026-05-26"},
		Entities: []extract.Entity{
			{ID: "person:test-envoy", Type: extract.Person, Name: "Test Envoy", Mentions: []extract.Mention{{Text: "Test Envoy"}}},
			{ID: "FR", Type: extract.State, Name: "France", Known: true, Mentions: []extract.Mention{{Text: "France"}}},
		},
		Roles: []extract.Role{{PersonID: "person:test-envoy", Title: "envoy", OfID: "FR", Since: "2026-05-10", Until: "2026-05-20", Source: "kb"}},
	}
	for i, d := range []string{"2026-05-05", "2026-05-15", "2026-05-25"} {
		envoy.Statements = append(envoy.Statements, extract.Statement{
			ID: fmt.Sprintf("test-envoy#%d", i), SpeakerID: "person:test-envoy", Text: "words " + d, Date: d, Topics: []string{}, MentionIDs: []string{},
		})
	}
	if _, err := st.WriteExtraction(ctx, envoy, "Test Envoy of France spoke."); err != nil {
		t.Fatal(err)
	}
	res, err := st.StatementsOf(ctx, store.BySpeakerState, []string{"FR"}, store.StatementFilter{}, nil, store.Page{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := rowIDs(res["FR"].Rows); len(got) != 2 || got[0] != "test-envoy#1" {
		t.Fatalf("France's newest statements: %v, want test-envoy#1 first and alone of the envoy's", got)
	}
	var ids []string
	for _, typ := range []string{store.TypeState, store.TypeOrganization} {
		res, err := st.Entities(ctx, typ, store.EntityFilter{}, nil, store.Page{Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Rows {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) < 20 {
		t.Fatalf("%d states and organisations", len(ids))
	}
	en, direct := "en", true
	filters := map[string]store.StatementFilter{
		"all":      {},
		"since":    {From: "2025-06-01"},
		"english":  {Language: "en"},
		"quotes":   {Direct: &direct},
		"in-range": {From: "2025-01-01", To: "2025-09-30", Language: en},
	}
	pages := []store.Page{{Limit: 3}, {Skip: 2, Limit: 4}, {Limit: 100}}
	// answers lists every page as text.
	answers := func() []string {
		var out []string
		for name, f := range filters {
			for _, p := range pages {
				got, err := st.StatementsOf(ctx, store.BySpeakerState, ids, f, nil, p)
				if err != nil {
					t.Fatalf("%s %+v: %v", name, p, err)
				}
				for _, id := range ids {
					out = append(out, fmt.Sprintf("%s %+v nested %s: %v", name, p, id, rowIDs(got[id].Rows)))
				}
				for _, id := range ids[:5] {
					f := f
					f.SpeakerState = id
					res, err := st.Statements(ctx, f, []store.Sort{{Field: "date", Desc: true}}, p)
					if err != nil {
						t.Fatal(err)
					}
					out = append(out, fmt.Sprintf("%s %+v top %s: %v", name, p, id, rowIDs(res.Rows)))
				}
			}
		}
		return out
	}
	compareWalks(t, "the officials", answers)
}

// compareWalks checks that pages (every page a test asks for, as text)
// come out the same with the date walk always taken, taken but stopping at
// once (the expansion takes over), and never taken (following what), and
// that enough of them have statements to tell.
func compareWalks(t *testing.T, what string, pages func() []string) {
	t.Helper()
	run := func(scan, rows int) []string {
		store.SetWalkScan(t, scan)
		store.SetWalkRows(t, rows)
		out := pages()
		slices.Sort(out)
		return out
	}
	walk, stopped, follow := run(0, 250), run(0, 0), run(1<<40, 250)
	nonEmpty := 0
	for i := range follow {
		if walk[i] != follow[i] {
			t.Errorf("walking the dates gives\n  %s\nfollowing %s\n  %s", walk[i], what, follow[i])
		}
		if stopped[i] != follow[i] {
			t.Errorf("a walk that stops at once gives\n  %s\nfollowing %s\n  %s", stopped[i], what, follow[i])
		}
		if !strings.HasSuffix(follow[i], "[]") {
			nonEmpty++
		}
	}
	if nonEmpty < 100 {
		t.Errorf("only %d of %d pages have statements", nonEmpty, len(follow))
	}
}

func rowIDs(rows []store.NodeRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

// TestTopicsWalk checks that the statements about some topics come out
// the same whether the date index is walked (topicsTop), the walk stops at
// its bound and gives way, or the topics' statements are followed: for
// every topic of testdata alone and for pairs, in pages, with conditions
// on the statements' own properties. In a date range (topicsRangeTop)
// "stops at once" is the planner's walk of the range, and the others
// follow the topics, which testdata's are few enough for.
func TestTopicsWalk(t *testing.T) {
	ctx := context.Background()
	st := neo4jtest.Store(t)
	if _, err := newLoader(t, st).Load(ctx, []string{"../testdata/articles"}); err != nil {
		t.Fatal(err)
	}
	topics, err := st.Topics(ctx)
	if err != nil || len(topics) < 5 {
		t.Fatalf("%d topics, %v", len(topics), err)
	}
	var sets [][]string
	for i, tp := range topics {
		sets = append(sets, []string{tp.ID}, []string{tp.ID, topics[(i+1)%len(topics)].ID})
	}
	direct := true
	filters := map[string]store.StatementFilter{
		"all":      {},
		"since":    {From: "2025-06-01"},
		"arabic":   {Language: "ar"},
		"quotes":   {Direct: &direct},
		"in-range": {From: "2025-01-01", To: "2025-09-30", Language: "en"},
		"until":    {To: "2025-08-31"},
		"faceted":  {From: "2025-03-01", Language: "ar", Direct: &direct},
	}
	pages := []store.Page{{Limit: 3}, {Skip: 2, Limit: 4}, {Limit: 100}}
	answers := func() []string {
		var out []string
		for name, f := range filters {
			for _, p := range pages {
				for _, set := range sets {
					f := f
					f.Topics = set
					res, err := st.Statements(ctx, f, nil, p)
					if err != nil {
						t.Fatalf("%s %+v %v: %v", name, p, set, err)
					}
					out = append(out, fmt.Sprintf("%s %+v %v: %v", name, p, set, rowIDs(res.Rows)))
				}
			}
		}
		return out
	}
	compareWalks(t, "the topics", answers)
}
