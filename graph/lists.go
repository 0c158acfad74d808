package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/geokg/geokg/graph/model"
	"github.com/vektah/gqlparser/v2/ast"
)

// marshalInOrder marshals a list's elements (elems, the list itself) one
// after another on the caller's goroutine when the selection asks the
// elements only for leaf fields, or when they are statements, or their
// edges, that cannot wait (see elementsReady); otherwise as gqlgen does, a
// goroutine per element (graphql.MarshalSliceConcurrently, whose arguments
// follow elems).
//
// The generator (graph/internal/generate) calls it only for lists of
// objects whose leaf fields are plain values, never resolvers: there,
// nothing an element does can wait, and a goroutine per element is only
// cost. A selection that reaches further (an element's node, its
// statements) may wait on dataloaders, which batch only the keys asked
// for concurrently, so it keeps gqlgen's way unless nothing it reaches
// would wait.
func marshalInOrder(ctx context.Context, sel ast.SelectionSet, elems any, length int, workerLimit int64, omitPanicHandler bool, marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if length < 2 || !leavesOnly(sel) && !elementsReady(ctx, sel, elems) {
		return graphql.MarshalSliceConcurrently(ctx, length, workerLimit, omitPanicHandler, marshalElement)
	}
	ret := make(graphql.Array, length)
	// One allocation for all the elements' field contexts and indexes,
	// which gqlgen's own call makes one by one.
	fcs := make([]graphql.FieldContext, length)
	index := make([]int, length)
	for i := range ret {
		index[i] = i
		fcs[i].Index = &index[i]
		ret[i] = marshalElementSafely(graphql.WithFieldContext(ctx, &fcs[i]), i, omitPanicHandler, marshalElement)
	}
	return ret
}

// elementsReady reports whether a list of statements, or of their edges,
// answers entirely from what the request's loaders hold: the selection
// asks the statements for leaf fields, which are plain values, and for
// relationship fields that nodesReady finds ready for every statement.
// A page of statements primes the loaders with its speakers and articles,
// so its edges cannot wait, and the goroutine gqlgen starts for each, with
// its stack's growth, was about a tenth of the server's work for a search.
func elementsReady(ctx context.Context, sel ast.SelectionSet, elems any) bool {
	if !graphql.HasOperationContext(ctx) {
		return false
	}
	oc := graphql.GetOperationContext(ctx)
	var stmts []*model.Statement
	var fields []graphql.CollectedField
	switch v := elems.(type) {
	case []*model.Statement:
		stmts, fields = v, graphql.CollectFields(oc, sel, statementImplementors)
	case []*model.StatementEdge:
		for _, f := range graphql.CollectFields(oc, sel, statementEdgeImplementors) {
			switch {
			case f.IsDeferred():
				return false
			case f.Name == "node":
				fields = append(fields, graphql.CollectFields(oc, f.Selections, statementImplementors)...)
			case len(f.Selections) > 0:
				return false
			}
		}
		stmts = make([]*model.Statement, len(v))
		for i, e := range v {
			if e == nil {
				return false
			}
			stmts[i] = e.Node
		}
	default:
		return false
	}
	for _, s := range stmts {
		if s == nil {
			return false
		}
		for _, f := range fields {
			if f.IsDeferred() || len(f.Selections) > 0 && !nodesReady(ctx, s, f) {
				return false
			}
		}
	}
	return true
}

// marshalElementSafely marshals element i, turning a panic into the
// element's error and a null as graphql.MarshalSliceConcurrently does.
func marshalElementSafely(ctx context.Context, i int, omitPanicHandler bool, marshalElement func(ctx context.Context, i int) graphql.Marshaler) (m graphql.Marshaler) {
	if !omitPanicHandler {
		defer func() {
			if r := recover(); r != nil {
				graphql.AddError(ctx, graphql.Recover(ctx, r))
				m = graphql.Null
			}
		}()
	}
	return marshalElement(ctx, i)
}

// leavesOnly reports whether a selection set selects only fields without
// sub-selections, directly or through fragments. A fragment with
// directives (@defer) counts as reaching further.
func leavesOnly(sel ast.SelectionSet) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if len(s.SelectionSet) > 0 {
				return false
			}
		case *ast.InlineFragment:
			if len(s.Directives) > 0 || !leavesOnly(s.SelectionSet) {
				return false
			}
		case *ast.FragmentSpread:
			if len(s.Directives) > 0 || s.Definition == nil || !leavesOnly(s.Definition.SelectionSet) {
				return false
			}
		default:
			return false
		}
	}
	return true
}
