package store_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/geokg/geokg/store"
)

// TestNeighborhoodEdges checks that the edges of a neighbourhood, which
// viewEdges finds from the small nodes and between pairs of big ones, are
// those that following every relationship out of every node finds: around
// every entity of testdata, with views small enough that busy nodes have
// more relationships than the view has nodes.
func TestNeighborhoodEdges(t *testing.T) {
	ctx := context.Background()
	st, _, xs, _ := writtenBatch(t)
	seen := map[string]bool{}
	var ids []string
	for _, ex := range xs {
		for _, e := range ex.Entities {
			if !seen[e.ID] {
				seen[e.ID] = true
				ids = append(ids, e.ID)
			}
		}
	}
	ids = append(ids, "sanctions", xs[0].Statements[0].ID, xs[0].Article.ID)
	edges := func(g store.Graph) []string {
		out := make([]string, len(g.Edges))
		for i, e := range g.Edges {
			out[i] = fmt.Sprintf("%s %s-[%s %s]->%s", e.ID, e.Source, e.Type, e.Label, e.Target)
		}
		sort.Strings(out)
		return out
	}
	all := store.View{EdgeIDs: true, EdgeLabels: true}
	views, found, labelled := 0, 0, 0
	for _, id := range ids {
		for _, v := range []struct{ depth, limit int }{{1, 5}, {2, 12}, {2, 100}} {
			got, ok, err := st.Neighborhood(ctx, id, v.depth, v.limit, nil, all)
			if err != nil || !ok {
				t.Fatalf("neighbourhood of %s: %v %v", id, ok, err)
			}
			func() {
				ft := &cleanups{}
				defer ft.run()
				store.SetFollowAllEdges(ft)
				want, _, err := st.Neighborhood(ctx, id, v.depth, v.limit, nil, all)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got.Nodes, want.Nodes) || !reflect.DeepEqual(edges(got), edges(want)) {
					t.Errorf("%s, depth %d, limit %d: got %d nodes and edges\n  %v\nwant %d nodes and edges\n  %v",
						id, v.depth, v.limit, len(got.Nodes), edges(got), len(want.Nodes), edges(want))
				}
			}()
			for _, e := range got.Edges {
				if e.ID == "" || e.Source == "" || e.Target == "" || e.Type == "HOLDS_ROLE" && e.Label == "" || e.Label != "" && e.Type != "HOLDS_ROLE" && e.Type != "MENTIONS" {
					t.Errorf("%s, depth %d, limit %d: edge %+v", id, v.depth, v.limit, e)
				}
				if e.Label != "" {
					labelled++
				}
			}
			views++
			found += len(got.Edges)
		}
	}
	if views < 100 || found < 10*views || labelled == 0 {
		t.Fatalf("%d views with %d edges, %d of them labelled, test little", views, found, labelled)
	}
}

// cleanups runs the functions registered with Cleanup, last first.
type cleanups struct{ fs []func() }

func (c *cleanups) Cleanup(f func()) { c.fs = append(c.fs, f) }

func (c *cleanups) run() {
	for i := len(c.fs) - 1; i >= 0; i-- {
		c.fs[i]()
	}
}

// TestNeighborhoodFullLevel checks that a neighbourhood whose first level
// already has more nodes than the limit does not expand further: deeper
// views read no more than the first level and give the same nodes.
func TestNeighborhoodFullLevel(t *testing.T) {
	ctx := context.Background()
	st, _, _, _ := writtenBatch(t)
	for _, tc := range []struct {
		name, id string
		limit    int
	}{
		{"topic", "sanctions", 3},
		{"topic, one node", "sanctions", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var views []store.Graph
			var hits []int64
			for depth := 1; depth <= store.MaxDepth; depth++ {
				var n atomic.Int64
				g, ok, err := st.Neighborhood(store.WithDBHits(ctx, &n), tc.id, depth, tc.limit, nil, store.View{})
				if err != nil || !ok {
					t.Fatalf("depth %d: %v %v", depth, ok, err)
				}
				views, hits = append(views, g), append(hits, n.Load())
			}
			if !views[0].Truncated || len(views[0].Nodes) != tc.limit {
				t.Fatalf("the first level is not full: %d nodes, truncated %v", len(views[0].Nodes), views[0].Truncated)
			}
			for i := 1; i < len(views); i++ {
				if !reflect.DeepEqual(views[i], views[0]) {
					t.Errorf("depth %d gives another view than depth 1", i+1)
				}
				if hits[i] != hits[0] {
					t.Errorf("depth %d read %d db hits, depth 1 %d", i+1, hits[i], hits[0])
				}
			}
		})
	}
}

// TestRelTypes checks that relTypes, by which neighbourhoods look for the
// edges between busy nodes one type at a time, has every type of
// relationship the writes of testdata make.
func TestRelTypes(t *testing.T) {
	st, _, _, _ := writtenBatch(t)
	got, err := st.RelTypesInGraph(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 5 {
		t.Fatalf("the graph has only the relationship types %v", got)
	}
	for _, typ := range got {
		if !slices.Contains(store.RelTypes, typ) {
			t.Errorf("relationship type %s is not in relTypes %v", typ, store.RelTypes)
		}
	}
}

// TestPathsSearchFromBothEnds checks that path queries search from both
// ends: a search from one end alone goes through everything that end
// reaches, which on a large graph runs out of memory before it ends.
func TestPathsSearchFromBothEnds(t *testing.T) {
	st, _, _, _ := writtenBatch(t)
	for _, tc := range []struct{ first, maxLength int }{{1, 1}, {3, 4}, {store.MaxPaths, store.MaxPathLength}} {
		ops, err := st.PathPlan(context.Background(), tc.first, tc.maxLength)
		if err != nil {
			t.Fatal(err)
		}
		into := 0
		for _, op := range ops {
			if strings.HasPrefix(op, "StatefulShortestPath") && !strings.HasPrefix(op, "StatefulShortestPath(Into)") {
				t.Errorf("first %d, maxLength %d: the plan has %s: %v", tc.first, tc.maxLength, op, ops)
			}
			if strings.HasPrefix(op, "StatefulShortestPath(Into)") {
				into++
			}
		}
		if into != 1 {
			t.Errorf("first %d, maxLength %d: %d searches from both ends in %v", tc.first, tc.maxLength, into, ops)
		}
	}
}
