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
	_, err := read(ctx, s, func(tx neo4j.ManagedTransaction) (any, error) {
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
