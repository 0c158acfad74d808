package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/geokg/geokg/neo4jlocal/neo4jtest"
	"github.com/geokg/geokg/store"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestTimeoutReachesNeo4j checks that a request's deadline becomes the
// transaction timeout: Neo4j itself stops the query, and the store reports
// ErrTimeout.
func TestTimeoutReachesNeo4j(t *testing.T) {
	st := neo4jtest.Store(t)
	t.Run("Neo4j stops the transaction", func(t *testing.T) {
		err := st.SlowReadServerTimeout(500 * time.Millisecond)
		var n4j *neo4j.Neo4jError
		if !errors.As(err, &n4j) || !strings.Contains(n4j.Code, "TransactionTimedOut") {
			t.Errorf("error %v; want Neo4j's TransactionTimedOut", err)
		}
	})
	t.Run("the store reports ErrTimeout", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer cancel()
		if err := st.SlowRead(ctx); !errors.Is(err, store.ErrTimeout) {
			t.Errorf("error %v; want ErrTimeout", err)
		}
	})
	t.Run("no time left", func(t *testing.T) {
		ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		if _, err := st.Statements(ctx, store.StatementFilter{}, nil, store.Page{Limit: 1}); !errors.Is(err, store.ErrTimeout) {
			t.Errorf("error %v; want ErrTimeout", err)
		}
	})
}
