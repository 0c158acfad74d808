package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// marshalInOrder marshals a list's elements one after another on the
// caller's goroutine when the selection asks the elements only for leaf
// fields, and otherwise as gqlgen does, a goroutine per element
// (graphql.MarshalSliceConcurrently, whose arguments follow sel).
//
// The generator (graph/internal/generate) calls it only for lists of
// objects whose leaf fields are plain values, never resolvers: there,
// nothing an element does can wait, and a goroutine per element is only
// cost. A selection that reaches further (an element's node, its
// statements) may wait on dataloaders, which batch only the keys asked
// for concurrently, so it keeps gqlgen's way.
func marshalInOrder(ctx context.Context, sel ast.SelectionSet, length int, workerLimit int64, omitPanicHandler bool, marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if length < 2 || !leavesOnly(sel) {
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
