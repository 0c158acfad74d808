package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// SearchTypes are the node types search can return.
var SearchTypes = []string{TypePerson, TypeState, TypeOrganization, TypeGroup, TypePlace, TypeEvent, TypeStatement}

// searchBranches finds entities and statements; each branch takes at most
// $upto hits, enough for the page asked for, since the full-text
// procedures return their hits best first.
const searchBranches = `
CALL () {
  CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node AS n, score
  WHERE any(l IN labels(n) WHERE l IN $types)
  RETURN n, score LIMIT $upto
  UNION ALL
  CALL db.index.fulltext.queryNodes('statement_text', $q) YIELD node AS n, score
  WHERE $statements
  RETURN n, score LIMIT $upto
}`

const searchCount = `
CALL () {
  CALL () {
    CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node AS n
    WHERE any(l IN labels(n) WHERE l IN $types)
    RETURN count(n) AS c
    UNION ALL
    CALL db.index.fulltext.queryNodes('statement_text', $q) YIELD node AS n
    WHERE $statements
    RETURN count(n) AS c
  }
  RETURN sum(c) AS total
}`

// Search finds entities and statements matching text, best first (scores
// of the two full-text indexes are both Lucene BM25 scores, so one ranking
// holds them). types limits the node types (nil: all of SearchTypes).
func (s *Store) Search(ctx context.Context, text string, types []string, p Page) (Result, error) {
	q, err := fullTextQuery(text, false)
	if err != nil {
		return Result{}, err
	}
	if len(types) == 0 {
		types = SearchTypes
	}
	var labels []string
	statements := false
	for _, t := range types {
		switch t {
		case TypeStatement:
			statements = true
		case TypePerson, TypeState, TypeOrganization, TypeGroup, TypePlace, TypeEvent:
			labels = append(labels, t)
		default:
			return Result{}, fmt.Errorf("%w: cannot search %s nodes", ErrInvalid, t)
		}
	}
	cypher := searchBranches + `
WITH n, score ORDER BY score DESC, n.id SKIP $skip LIMIT $limit
WITH collect({row: ` + nodeProjection + `, score: score}) AS rows`
	if p.Total {
		cypher += searchCount + "\nRETURN rows, total"
	} else {
		cypher += "\nRETURN rows, -1 AS total"
	}
	params := map[string]any{"q": q, "types": labels, "statements": statements, "upto": p.Skip + p.Limit, "skip": p.Skip, "limit": p.Limit}
	res, err := read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (Result, error) {
		recs, err := run(ctx, tx, cypher, params)
		if err != nil {
			return Result{}, err
		}
		res := Result{Total: asInt(get(recs[0], "total"))}
		for _, v := range get(recs[0], "rows").([]any) {
			m := v.(map[string]any)
			row := nodeRow(m["row"])
			row.Score, _ = m["score"].(float64)
			res.Rows = append(res.Rows, row)
		}
		return res, nil
	})
	if err != nil {
		return Result{}, fmt.Errorf("search: %w", err)
	}
	return res, nil
}
