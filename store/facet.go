package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A statement's facet is its language and whether it is a quote, in one
// property ("ar|direct", "en|reported") with an index on (facet, date).
// Searches that ask for both ("direct quotes in Arabic this quarter,
// newest first") then read their candidates from that index in date
// order and stop at the page; with language and quote kind as two
// properties, Neo4j walks the date index over the statements of every
// language and kind and drops three in four (statement-search in
// BENCHMARKS.md). An index on (language, direct, date) would serve too,
// but the planner also takes it for the same filter without that order
// and then sorts the whole range, and so does any query on the graph.

// facetExpr is the facet of a statement as Cypher computes it from
// language l and direct d (expressions).
func facetExpr(l, d string) string {
	return l + ` + '|' + CASE WHEN ` + d + ` THEN 'direct' ELSE 'reported' END`
}

// faceted tells whether f asks for both language and quote kind, which
// its list then finds by facet.
func faceted(f StatementFilter) bool {
	return f.Language != "" && f.Direct != nil
}

// facetMarker is the id of the GeokgMeta node that tells the facets of all
// statements are set (a graph written before they existed has none).
const facetMarker = "statement-facet"

// buildFacets sets the facet of the statements that have none, once per
// graph: in transactions of its own, so that a large graph's first start
// does not hold one transaction over every statement. Writes set the facet
// themselves, so a write at the same time is no harm.
func (s *Store) buildFacets(ctx context.Context) error {
	var built bool
	err := s.write(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		recs, err := run(ctx, tx, `MERGE (m:GeokgMeta {id: $id}) RETURN m.built IS NOT NULL AS built`, map[string]any{"id": facetMarker})
		if err != nil {
			return err
		}
		built, _ = get(recs[0], "built").(bool)
		return nil
	})
	if err != nil || built {
		return err
	}
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	// CALL IN TRANSACTIONS needs an implicit transaction (Session.Run).
	res, err := sess.Run(ctx, `MATCH (n:Statement) WHERE n.facet IS NULL AND n.language IS NOT NULL
CALL (n) { SET n.facet = `+facetExpr("n.language", "n.direct")+` } IN TRANSACTIONS OF 10000 ROWS`, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("statement facets: %w", classify(err))
	}
	return s.write(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		_, err := run(ctx, tx, `MATCH (m:GeokgMeta {id: $id}) SET m.built = timestamp()`, map[string]any{"id": facetMarker})
		return err
	})
}
