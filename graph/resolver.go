// Package graph is the GraphQL layer: gqlgen's generated executor, thin
// resolvers over package store, per-request dataloaders for relationship
// fields, and the error presenter that gives every error an
// extensions.code.
package graph

import (
	"github.com/geokg/geokg/store"
)

// Resolver is the root resolver; it holds what every resolver shares.
type Resolver struct {
	Store *store.Store
}
