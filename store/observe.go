package store

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/geokg/geokg/loader/extract"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

type counterKey struct{}

type deadlineKey struct{}

type dbHitsKey struct{}

// WithQueryDeadline returns a context under which the store's queries must
// end by t: the context's deadline, and Neo4j's transaction timeout. A
// server sets it a little before the request's own deadline, so that a
// query that runs out of time still gets its error answered.
func WithQueryDeadline(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, deadlineKey{}, t)
}

// queryContext applies the query deadline of ctx, if any.
func queryContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if t, ok := ctx.Value(deadlineKey{}).(time.Time); ok {
		return context.WithDeadline(ctx, t)
	}
	return ctx, func() {}
}

// WithQueryCounter returns a context under which every Cypher query the
// store sends adds one to n. Tests use it to hold the API to a fixed number
// of round trips per request; a server could report it per request.
func WithQueryCounter(ctx context.Context, n *atomic.Int64) context.Context {
	return context.WithValue(ctx, counterKey{}, n)
}

func countQuery(ctx context.Context) {
	if n, ok := ctx.Value(counterKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
}

// WithDBHits returns a context under which every Cypher query the store
// sends runs under PROFILE and adds the database hits of its plan to n.
// Benchmarks use it to compare the work of a request with hand-written
// Cypher; profiling costs time, so servers do not set it.
func WithDBHits(ctx context.Context, n *atomic.Int64) context.Context {
	return context.WithValue(ctx, dbHitsKey{}, n)
}

// profiling returns the counter of WithDBHits, or nil.
func profiling(ctx context.Context) *atomic.Int64 {
	n, _ := ctx.Value(dbHitsKey{}).(*atomic.Int64)
	return n
}

// DBHits sums the database hits of a profiled plan and its children.
func DBHits(p neo4j.ProfiledPlan) int64 {
	if p == nil {
		return 0
	}
	n := p.DbHits()
	for _, c := range p.Children() {
		n += DBHits(c)
	}
	return n
}

// Written describes one committed article write that changed the graph.
type Written struct {
	ArticleID string
	// StatementIDs are the article's statements as now stored.
	StatementIDs []string
}

// hooks are the functions called after writes; see OnWritten.
type hooks struct {
	mu      sync.Mutex
	written []func(context.Context, Written)
}

// OnWritten registers f to be called after every article write that
// changed the graph, once its transaction has committed, whoever wrote it
// (the loader or the API). f runs on the writer's goroutine and must not
// block; live updates hand the news to a broker.
func (s *Store) OnWritten(f func(context.Context, Written)) {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	s.hooks.written = append(s.hooks.written, f)
}

func (s *Store) notifyWritten(ctx context.Context, x *extract.Extraction) {
	s.hooks.mu.Lock()
	fs := append([]func(context.Context, Written){}, s.hooks.written...)
	s.hooks.mu.Unlock()
	if len(fs) == 0 {
		return
	}
	w := Written{ArticleID: x.Article.ID, StatementIDs: make([]string, len(x.Statements))}
	for i, st := range x.Statements {
		w.StatementIDs[i] = st.ID
	}
	for _, f := range fs {
		f(ctx, w)
	}
}
