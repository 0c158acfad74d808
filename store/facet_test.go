package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/geokg/geokg/store"
)

// TestStatementFacets checks that statement lists filtered by language
// and quote kind, which read the (facet, date) index, give the statements
// and order of the same list filtered by language alone and then by quote
// kind: after a load, and after the facets were set anew on a graph that
// had none.
func TestStatementFacets(t *testing.T) {
	ctx := context.Background()
	st, x, xs, _ := writtenBatch(t)
	speaker := xs[0].Statements[0].SpeakerID
	cases := []struct {
		name  string
		f     store.StatementFilter
		sorts []store.Sort
		page  store.Page
		empty bool // the list may be empty for some language and kind
	}{
		{name: "all", page: store.Page{Limit: 1000}},
		{name: "date range", f: store.StatementFilter{From: "2025-01-01", To: "2025-10-31"}, page: store.Page{Limit: 1000}},
		{name: "topic and range", f: store.StatementFilter{Topics: []string{"peace-negotiations", "sanctions"}, From: "2025-01-01"}, page: store.Page{Limit: 1000}, empty: true},
		{name: "speaker", f: store.StatementFilter{Speaker: speaker}, page: store.Page{Limit: 1000}, empty: true},
		{name: "oldest first", sorts: []store.Sort{{Field: "date"}}, page: store.Page{Limit: 1000}},
		{name: "second page with total", page: store.Page{Skip: 5, Limit: 7, Total: true}},
	}
	compare := func(when string) {
		t.Helper()
		for _, c := range cases {
			for _, lang := range []string{"ar", "en"} {
				for _, direct := range []bool{true, false} {
					f := c.f
					f.Language, f.Direct = lang, &direct
					got, err := st.Statements(ctx, f, c.sorts, c.page)
					if err != nil {
						t.Fatal(err)
					}
					// The same list filtered by language in Neo4j and by
					// quote kind here.
					f.Direct = nil
					all, err := st.Statements(ctx, f, c.sorts, store.Page{Limit: 1000})
					if err != nil {
						t.Fatal(err)
					}
					var want []string
					for _, r := range all.Rows {
						if r.Direct == direct {
							want = append(want, r.ID)
						}
					}
					wantTotal := -1
					if c.page.Total {
						wantTotal = len(want)
					}
					want = want[min(c.page.Skip, len(want)):min(c.page.Skip+c.page.Limit, len(want))]
					ids := make([]string, len(got.Rows))
					for i, r := range got.Rows {
						ids[i] = r.ID
					}
					name := fmt.Sprintf("%s, %s, %s, direct %v", when, c.name, lang, direct)
					if len(want) == 0 && !c.empty {
						t.Fatalf("%s: an empty list tests nothing", name)
					}
					if !slices.Equal(ids, want) || got.Total != wantTotal {
						t.Errorf("%s: got %d of %d %v\nwant %d of %d %v", name, len(ids), got.Total, ids, len(want), wantTotal, want)
					}
				}
			}
		}
	}
	compare("after the load")

	n, err := st.DropFacets(ctx)
	if err != nil || n == 0 {
		t.Fatalf("drop the facets: %d statements, %v", n, err)
	}
	for i := 0; i < 2; i++ {
		if err := st.Setup(ctx, store.TopicsOf(x.Lexicon())); err != nil {
			t.Fatal(err)
		}
		compare(fmt.Sprintf("after setup %d on a graph without facets", i+1))
	}
}
