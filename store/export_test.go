package store

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// slowQuery would run for minutes.
const slowQuery = `UNWIND range(1, 100000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n`

// SlowRead runs slowQuery as the API runs its reads.
func (s *Store) SlowRead(ctx context.Context) error {
	_, err := read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		_, err := run(ctx, tx, slowQuery, nil)
		return nil, err
	})
	return err
}

// SlowReadServerTimeout runs slowQuery with the transaction timeout a
// deadline d away would give, but without that deadline in Go (only a far
// one, against hangs): only Neo4j can stop it in time.
func (s *Store) SlowReadServerTimeout(d time.Duration) error {
	dctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	timeout, err := txTimeout(dctx)
	if err != nil {
		return err
	}
	ctx, cancel2 := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel2()
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	_, err = sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		_, err := run(ctx, tx, slowQuery, nil)
		return nil, err
	}, timeout...)
	return err
}

// SetWalkScan sets walkScanFactor until the test ends.
func SetWalkScan(t interface{ Cleanup(func()) }, f int) {
	old := walkScanFactor
	walkScanFactor = f
	t.Cleanup(func() { walkScanFactor = old })
}

// SetUseTally sets useTally until the test ends.
func SetUseTally(t interface{ Cleanup(func()) }, on bool) {
	old := useTally
	useTally = on
	t.Cleanup(func() { useTally = old })
}

// DropTally removes the statement tally and its marker, as on a graph
// loaded before the tally existed, and returns how many tallies there were.
func (s *Store) DropTally(ctx context.Context) (int, error) {
	var n int
	err := s.write(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		recs, err := run(ctx, tx, `MATCH (c:StatementTally) WITH collect(c) AS cs FOREACH (c IN cs | DELETE c) WITH size(cs) AS n
OPTIONAL MATCH (m:GeokgMeta {id: $id}) DELETE m RETURN n`, map[string]any{"id": tallyMarker})
		if err != nil {
			return err
		}
		n = asInt(get(recs[0], "n"))
		return nil
	})
	return n, err
}

// Classify is classify.
var Classify = classify

// SetWalkRows sets walkRowsFactor until the test ends.
func SetWalkRows(t interface{ Cleanup(func()) }, f int) {
	old := walkRowsFactor
	walkRowsFactor = f
	t.Cleanup(func() { walkRowsFactor = old })
}

// DropFacets removes the statements' facets and their marker, as on a
// graph written before facets existed, and returns how many there were.
func (s *Store) DropFacets(ctx context.Context) (int, error) {
	var n int
	err := s.write(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		recs, err := run(ctx, tx, `OPTIONAL MATCH (m:GeokgMeta {id: $id}) DELETE m
WITH count(*) AS one
MATCH (s:Statement) WHERE s.facet IS NOT NULL REMOVE s.facet RETURN count(s) AS n`, map[string]any{"id": facetMarker})
		if err != nil {
			return err
		}
		n = asInt(get(recs[0], "n"))
		return nil
	})
	return n, err
}

// SetFollowAllEdges makes neighbourhoods find their edges by following
// every relationship out of every node, until the test ends.
func SetFollowAllEdges(t interface{ Cleanup(func()) }) {
	old := neighborhoodQueries
	neighborhoodQueries = neighborhoodQueriesWith(`  UNWIND ns AS a
  MATCH (a)-[r]->(b) WHERE b IN ns`)
	t.Cleanup(func() { neighborhoodQueries = old })
}

// RelTypes is relTypes.
var RelTypes = relTypes

// RelTypesInGraph returns the relationship types the graph has.
func (s *Store) RelTypesInGraph(ctx context.Context) ([]string, error) {
	return read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) ([]string, error) {
		recs, err := run(ctx, tx, `MATCH ()-[r]->() RETURN DISTINCT type(r) AS t ORDER BY t`, nil)
		if err != nil {
			return nil, err
		}
		var out []string
		for _, r := range recs {
			out = append(out, str(r, "t"))
		}
		return out, nil
	})
}

// PathPlan returns the operators of the plan of the path query that finds
// first paths of at most maxLength hops, profiled (the driver's plans of
// EXPLAIN repeat a child where an operator has two).
func (s *Store) PathPlan(ctx context.Context, first, maxLength int) ([]string, error) {
	return read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) ([]string, error) {
		res, err := tx.Run(ctx, "PROFILE "+pathQueries[first][maxLength], map[string]any{"from": "a", "to": "b"})
		if err != nil {
			return nil, err
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			return nil, err
		}
		var ops []string
		var walk func(p neo4j.ProfiledPlan)
		walk = func(p neo4j.ProfiledPlan) {
			ops = append(ops, p.Operator())
			for _, c := range p.Children() {
				walk(c)
			}
		}
		walk(sum.Profile())
		return ops, nil
	})
}
