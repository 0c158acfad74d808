package graph

import (
	"context"
	"reflect"
	"sync"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/geokg/geokg/graph/model"
	"github.com/vektah/gqlparser/v2/ast"
)

// resolveReady resolves field i of an object on the caller's goroutine
// when the request's loaders already hold every node the field leads to
// and its selection asks those nodes only for plain values (see
// nodesReady); otherwise it schedules the field as gqlgen does
// (out.ResolveConcurrently, whose arguments follow obj).
//
// gqlgen runs every resolver field of an object concurrently so that
// fields waiting on dataloaders share batches, which costs a goroutine
// per object for its second resolver field. A page of statements brings
// its speakers and articles along (primeNodes): those fields answer from
// the cache and cannot wait, and their goroutines were about a tenth of a
// search's latency. The generator (graph/internal/generate) routes every
// resolver field of every object through here.
func resolveReady(ctx context.Context, out *graphql.FieldSet, field graphql.CollectedField, obj any, oc *graphql.OperationContext, deferred *graphql.DeferredGroup, i int, recoverFromPanic, nonNull bool, resolve func(ctx context.Context) graphql.Marshaler) {
	if field.IsDeferred() || !nodesReady(ctx, obj, field) {
		out.ResolveConcurrently(oc, deferred, i, recoverFromPanic, nonNull, resolve)
		return
	}
	v := resolveSafely(ctx, oc, recoverFromPanic, resolve)
	out.Values[i] = v
	// The value that makes the object null, as gqlgen counts it.
	invalid := graphql.RequiredNull
	if nonNull {
		invalid = graphql.Null
	}
	if v == invalid {
		atomic.AddUint32(&out.Invalids, 1)
	}
}

// resolveSafely runs resolve, turning a panic into the field's error and
// a null as gqlgen's scheduled fields do.
func resolveSafely(ctx context.Context, oc *graphql.OperationContext, recoverFromPanic bool, resolve func(ctx context.Context) graphql.Marshaler) (m graphql.Marshaler) {
	if recoverFromPanic {
		defer func() {
			if r := recover(); r != nil {
				oc.Error(ctx, oc.Recover(ctx, r))
				m = graphql.Null
			}
		}()
	}
	return resolve(ctx)
}

// nodesReady reports whether the relationship field of obj answers from
// nodes the request's loaders already hold, and its selection asks them
// for nothing a resolver computes: then resolving it cannot wait. Fields
// of other loaders (roles, nested lists) are never ready.
func nodesReady(ctx context.Context, obj any, field graphql.CollectedField) bool {
	l, ok := ctx.Value(loadersKey{}).(*Loaders)
	if !ok || !leavesOnly(field.Selections) {
		return false
	}
	switch o := obj.(type) {
	case *model.Statement:
		switch field.Name {
		case "speaker":
			return o.SpeakerNode != nil || l.holds(o.SpeakerID)
		case "article":
			// An article's text is a resolver of its own loader.
			return (o.ArticleNode != nil || l.holds(o.ArticleID)) && !namesField(field.Selections, "text")
		case "topics":
			return l.holds(o.TopicIDs...)
		case "mentions":
			return l.holds(o.MentionIDs...)
		case "event":
			return l.holds(o.EventID)
		case "place":
			return l.holds(o.PlaceID)
		}
	case *model.Event:
		return field.Name == "place" && l.holds(o.PlaceID)
	case *model.Organization:
		return field.Name == "state" && l.holds(o.StateID)
	case *model.Place:
		return field.Name == "state" && l.holds(o.StateID)
	}
	return false
}

// namesField reports whether a selection set names the field, directly
// or through fragments.
func namesField(sel ast.SelectionSet, name string) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if s.Name == name {
				return true
			}
		case *ast.InlineFragment:
			if namesField(s.SelectionSet, name) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition != nil && namesField(s.Definition.SelectionSet, name) {
				return true
			}
		}
	}
	return false
}

// deferredGroup is graphql.NewDeferredGroup for an object's fields, or an
// empty group when none of them is deferred: gqlgen makes a group for
// every object, with its path, a field set and a map, though only
// deferred fields use it; for a page of twenty statements and their
// speakers and articles that was about a twentieth of the server's work.
// The generator (graph/internal/generate) puts it in every object's
// marshal function outside the root types.
func deferredGroup(ctx context.Context, fields []graphql.CollectedField) graphql.DeferredGroup {
	for _, f := range fields {
		if f.IsDeferred() {
			return graphql.NewDeferredGroup(ctx)
		}
	}
	return graphql.DeferredGroup{}
}

// cachedArgs returns the arguments of a field that is a method, parsed by
// parse from the request's variables once per field of the query: gqlgen
// parses them for every object, and a view's hundred nodes each parsed
// label's lang into maps of their own. Only requests with loaders keep
// them; arguments that fail to parse are not kept, so that every object
// reports its error as before. The generator (graph/internal/generate)
// puts it in the field contexts of methods with arguments, whose values
// they only read.
func cachedArgs(ctx context.Context, field graphql.CollectedField, parse func(ctx context.Context, raw map[string]any) (map[string]any, error), vars map[string]any) (map[string]any, error) {
	l, ok := ctx.Value(loadersKey{}).(*Loaders)
	if !ok {
		return parse(ctx, field.ArgumentMap(vars))
	}
	if v, ok := l.args.Load(field.Field); ok {
		return v.(map[string]any), nil
	}
	args, err := parse(ctx, field.ArgumentMap(vars))
	if err == nil {
		l.args.Store(field.Field, args)
	}
	return args, err
}

// plainScalars reports whether the operation runs its fields through no
// field interceptor (an extension's InterceptField, such as tracing). Then
// a plain scalar field marshals its struct field directly: the generator
// (graph/internal/generate) puts this test in the functions of such
// fields. gqlgen's machinery for every field (a field context in a context
// value, closures, the middleware chain, the value boxed twice) only hands
// the value to the marshal function when nothing intercepts fields, and a
// page of statements and their speakers and articles has about 120 of
// them.
//
// The executor hands every operation its chain of field interceptors as
// one function. Without interceptors it is gqlgen's pass-through, whose
// code is that of the chain of an executor with no field interceptor: a
// comparison that can only fail safe, taking gqlgen's way.
func plainScalars(oc *graphql.OperationContext) bool {
	return oc.ResolverMiddleware != nil && reflect.ValueOf(oc.ResolverMiddleware).Pointer() == passThrough()
}

// passThrough is the code of gqlgen's field middleware without
// interceptors, or 0 (no function's) if it cannot be read: then every
// field takes gqlgen's way.
var passThrough = sync.OnceValue(func() (code uintptr) {
	defer func() {
		if recover() != nil {
			code = 0
		}
	}()
	// Through Use, as servers add their extensions: the compiler may give
	// the pass-through's code a copy of its own where executor.New makes
	// it, but it is the same for every executor Use made.
	ex := executor.New(NewSchema(&Resolver{}))
	ex.Use(extension.Introspection{})
	ctx := graphql.StartOperationTrace(context.Background())
	oc, errs := ex.CreateOperationContext(ctx, &graphql.RawParams{Query: "{ __typename }"})
	if len(errs) > 0 || oc.ResolverMiddleware == nil {
		return 0
	}
	return reflect.ValueOf(oc.ResolverMiddleware).Pointer()
})
