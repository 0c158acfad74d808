package store_test

import (
	"context"
	"testing"

	"github.com/geokg/geokg/neo4jlocal/neo4jtest"
	"github.com/geokg/geokg/store"
)

// TestWritesAfter writes the testdata articles in one batch, so that all of
// them share one writtenAt moment, and pages through the record of writes
// two at a time: every article comes exactly once, in (moment, id) order,
// with its statements. Paging by moment alone would return the same page
// forever.
func TestWritesAfter(t *testing.T) {
	ctx := context.Background()
	st := neo4jtest.Store(t)
	x := newLoader(t, st).Extractor
	reset(t, st, x)
	start, err := st.Clock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	xs, texts, _ := batchOf(t, x)
	if _, errs := st.WriteBatch(ctx, xs, texts); errs != nil {
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	var got []store.Mark
	after := store.Mark{At: start - 1}
	for pages := 0; pages <= len(xs); pages++ {
		ms, err := st.WritesAfter(ctx, after, 2)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ms...)
		if len(ms) < 2 {
			break
		}
		after = ms[len(ms)-1]
	}
	if len(got) != len(xs) {
		t.Fatalf("paged %d writes, want %d", len(got), len(xs))
	}
	seen := map[string]bool{}
	for i, m := range got {
		if seen[m.ID] {
			t.Errorf("%s came twice", m.ID)
		}
		seen[m.ID] = true
		if i > 0 && (m.At < got[i-1].At || m.At == got[i-1].At && m.ID <= got[i-1].ID) {
			t.Errorf("write %d (%v) comes before write %d (%v)", i, m, i-1, got[i-1])
		}
	}
	if got[0].At != got[len(got)-1].At {
		t.Logf("the batch's articles have %d..%d as moments; the test wants them to share one", got[0].At, got[len(got)-1].At)
	}

	ids := []string{got[0].ID, "no-such-article", got[1].ID}
	ws, err := st.WrittenStatements(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 2 {
		t.Fatalf("statements of %v: %d articles, want the 2 stored", ids, len(ws))
	}
	want := map[string]int{}
	for _, ex := range xs {
		want[ex.Article.ID] = len(ex.Statements)
	}
	for _, w := range ws {
		if len(w.StatementIDs) != want[w.ArticleID] {
			t.Errorf("%s: %d statements, want %d", w.ArticleID, len(w.StatementIDs), want[w.ArticleID])
		}
	}
}
