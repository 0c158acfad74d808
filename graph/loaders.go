package graph

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/geokg/geokg/store"
	"github.com/vikstrous/dataloadgen"
)

// Loaders batch the relationship fields of one request: a page of 50
// statements costs one query per field, not one per statement.
type Loaders struct {
	speaker *dataloadgen.Loader[string, store.Entity]
	topics  *dataloadgen.Loader[string, []store.Topic]
	article *dataloadgen.Loader[string, store.ArticleRow]
}

type loadersKey struct{}

// batchWait is how long a loader collects keys before it queries; resolvers
// of one level run concurrently and arrive within microseconds.
const batchWait = 2 * time.Millisecond

// NewLoaders returns fresh loaders; they cache for their lifetime, so make
// one set per request.
func NewLoaders(st *store.Store) *Loaders {
	opts := []dataloadgen.Option{dataloadgen.WithWait(batchWait), dataloadgen.WithBatchCapacity(200)}
	return &Loaders{
		speaker: dataloadgen.NewMappedLoader(st.Speakers, opts...),
		topics:  dataloadgen.NewMappedLoader(st.StatementTopics, opts...),
		article: dataloadgen.NewMappedLoader(st.StatementArticles, opts...),
	}
}

// WithLoaders wraps a handler so that each request gets its own loaders.
func WithLoaders(st *store.Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), loadersKey{}, NewLoaders(st))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// loaders returns the request's loaders, or a fresh set when the handler
// was not wrapped (tests, subscriptions).
func (r *Resolver) loaders(ctx context.Context) *Loaders {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l
	}
	return NewLoaders(r.Store)
}

// notFound tells a missing key of a mapped loader from a real failure.
func notFound(err error) bool {
	return errors.Is(err, dataloadgen.ErrNotFound)
}
