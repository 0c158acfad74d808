// Package graph is the GraphQL layer: gqlgen's generated executor, thin
// resolvers over package store, per-request dataloaders for relationship
// fields, the @authenticated directive, query limits, and the error
// presenter that gives every error an extensions.code.
package graph

import (
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/geokg/geokg/graph/live"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/store"
)

// Resolver is the root resolver; it holds what every resolver shares.
type Resolver struct {
	Store *store.Store
	// Broker carries new statements to statementAdded subscribers.
	Broker live.Broker
	// APIToken is the bearer token writes need; empty makes the API
	// read-only.
	APIToken string
	// Extractor extracts ingested articles; nil loads the default one on
	// the first ingest.
	Extractor *extract.Extractor
	// LoaderWait is how long a dataloader collects keys before it queries
	// (DefaultLoaderWait when zero).
	LoaderWait time.Duration

	extractorOnce sync.Once
	extractorErr  error
}

// DefaultLoaderWait: resolvers of one level run concurrently and reach
// their loaders within microseconds of each other.
const DefaultLoaderWait = 2 * time.Millisecond

// NewSchema returns the executable schema over r, with the @authenticated
// directive and the complexity of connections (first × the cost of a
// node).
func NewSchema(r *Resolver) graphql.ExecutableSchema {
	return NewExecutableSchema(Config{
		Resolvers:  r,
		Directives: DirectiveRoot{Authenticated: r.authenticated},
		Complexity: complexity(),
	})
}

// extractor returns the extractor for ingestArticle.
func (r *Resolver) extractor() (*extract.Extractor, error) {
	r.extractorOnce.Do(func() {
		if r.Extractor == nil {
			r.Extractor, r.extractorErr = extract.Default("")
		}
	})
	return r.Extractor, r.extractorErr
}
