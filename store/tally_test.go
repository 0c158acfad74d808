package store_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/store"
)

// TestStatementTally checks that monthly timelines read from the statement
// tally equal those counted from the statements: after a load, after an
// article changed and was written again, after an article was deleted,
// and after the tally was built anew on a graph that had none.
func TestStatementTally(t *testing.T) {
	ctx := context.Background()
	st, x, xs, texts := writtenBatch(t)
	filters := map[string]store.StatementFilter{
		"all":             {},
		"one topic":       {Topics: []string{"troop-deployment"}},
		"two topics":      {Topics: []string{"sanctions", "ceasefire"}},
		"whole months":    {From: "2025-01-01", To: "2025-08-31"},
		"topic in months": {Topics: []string{"security-guarantees", "territory"}, From: "2025-02-01", To: "2025-12-31"},
	}
	compare := func(when string) {
		t.Helper()
		for name, f := range filters {
			store.SetUseTally(t, true)
			tallied, err := st.Timeline(ctx, f, store.Month)
			if err != nil {
				t.Fatal(err)
			}
			store.SetUseTally(t, false)
			counted, err := st.Timeline(ctx, f, store.Month)
			if err != nil {
				t.Fatal(err)
			}
			if total(counted) == 0 {
				t.Fatalf("%s, %s: an empty timeline tests nothing", when, name)
			}
			if !reflect.DeepEqual(tallied, counted) {
				t.Errorf("%s, %s: the tally gives\n  %s\ncounting the statements gives\n  %s", when, name, buckets(tallied), buckets(counted))
			}
		}
	}
	compare("after the load")

	// A changed article: one statement fewer, one moved to another month
	// and topic.
	changed := *xs[0]
	changed.Article.ContentHash = "changed"
	changed.Statements = append([]extract.Statement{}, changed.Statements[1:]...)
	changed.Statements[0].Date, changed.Statements[0].Topics = "2024-02-10", []string{"sanctions"}
	if _, err := st.WriteExtraction(ctx, &changed, texts[0]); err != nil {
		t.Fatal(err)
	}
	compare("after a change")

	if d, err := st.DeleteArticle(ctx, xs[1].Article.ID); err != nil || d.Statements == 0 {
		t.Fatalf("delete %s: %+v %v", xs[1].Article.ID, d, err)
	}
	compare("after a deletion")

	// Written again unchanged, nothing is counted twice.
	if _, errs := st.WriteBatch(ctx, xs[2:], texts[2:]); errs[0] != nil {
		t.Fatal(errs[0])
	}
	compare("after writing again")

	n, err := st.DropTally(ctx)
	if err != nil || n == 0 {
		t.Fatalf("drop the tally: %d tallies, %v", n, err)
	}
	for i := 0; i < 2; i++ {
		if err := st.Setup(ctx, store.TopicsOf(x.Lexicon())); err != nil {
			t.Fatal(err)
		}
		compare(fmt.Sprintf("after setup %d on a graph without a tally", i+1))
	}
}

func total(bs []store.Bucket) int {
	n := 0
	for _, b := range bs {
		n += b.Count
	}
	return n
}

func buckets(bs []store.Bucket) string {
	s := ""
	for _, b := range bs {
		if b.Count > 0 {
			s += fmt.Sprintf("%s:%d%v ", b.Start, b.Count, b.Topics)
		}
	}
	return s
}
