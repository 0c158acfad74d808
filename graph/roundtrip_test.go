package graph_test

import (
	"testing"
)

// TestRoundTrips holds the API to a fixed number of Cypher round trips per
// query, whatever the page size: relationship fields go through the
// request's dataloaders, one query per level of the query.
func TestRoundTrips(t *testing.T) {
	e := corpus(t)
	tests := []struct {
		name  string
		query string // %d is the page size
		max   int
	}{
		// statements+count, nodes (speakers, topics, articles), roles,
		// the speakers' roles on the day.
		{"statements with speaker, roles, topics and article", `{ statements(first: %d) { totalCount edges { node {
		    id text date speaker { __typename id name ... on Person { roles { title since of { id name } } } }
		    speakerRole { title of { name } } topics { id name } article { id title published } } } } }`, 4},
		// persons, their statement pages, the nodes those lead to.
		{"persons with their latest statements", `{ persons(first: %d, orderBy: [{statementCount: DESC}]) { edges { node {
		    name statements(first: 3) { totalCount edges { node { text topics { id } article { title } } } } } } } }`, 3},
		// events; places and participants; the places' states and the
		// attendance's articles (one node query when they meet in the
		// batching window, two otherwise).
		{"events with participants", `{ events(first: %d) { edges { node {
		    name place { name state { name } } participants { edges { node { name } articles { title } } } } } } }`, 5},
		// statements, nodes, article texts for the snippets.
		{"statements with provenance", `{ statements(first: %d) { edges { node {
		    provenance { article { title } sentence text } mentions { id name } place { name } } } } }`, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			counts := map[int]int64{}
			for _, n := range []int{5, 50} {
				e.queries.Store(0)
				var resp map[string]any
				e.query(t, q(tt.query, n), &resp)
				counts[n] = e.queries.Load()
			}
			t.Logf("Cypher round trips: %d for a page of 5, %d for a page of 50", counts[5], counts[50])
			// The same bound for both sizes: the count does not grow with
			// the page. (Loaders of one level that finish apart may not
			// share a batching window, so the count may vary by one
			// below the bound.)
			if counts[5] > int64(tt.max) || counts[50] > int64(tt.max) {
				t.Errorf("round trips: %d for 5, %d for 50; want at most %d for both", counts[5], counts[50], tt.max)
			}
		})
	}
}
