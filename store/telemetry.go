package store

import (
	"context"
	"sync/atomic"
	"time"
)

// QueryObserver receives the duration and outcome of every Cypher query
// the store runs (metrics use it).
type QueryObserver func(d time.Duration, err error)

var queryObserver atomic.Pointer[QueryObserver]

// ObserveQueries sets the function told about every query of every store
// of the process; nil stops it. A process has one metrics registry, so
// this is process-wide.
func ObserveQueries(f QueryObserver) {
	if f == nil {
		queryObserver.Store(nil)
		return
	}
	queryObserver.Store(&f)
}

func observeQuery(start time.Time, err error) {
	if f := queryObserver.Load(); f != nil {
		(*f)(time.Since(start), err)
	}
}

type requestIDKey struct{}

// WithRequestID tags the work of ctx with an HTTP request's id; the store
// passes it to Neo4j as transaction metadata, so a slow query in Neo4j's
// query log points back at the request.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request id of ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
