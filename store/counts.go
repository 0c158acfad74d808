package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// CountArticles returns the number of articles stored.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	return read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (int, error) {
		recs, err := run(ctx, tx, `MATCH (a:Article) RETURN count(a) AS n`, nil)
		if err != nil {
			return 0, err
		}
		n, _ := recs[0].Get("n")
		return int(n.(int64)), nil
	})
}
