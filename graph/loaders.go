package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/geokg/geokg/store"
	"github.com/vikstrous/dataloadgen"
)

// Loaders batch the relationship fields of one request: a page of 50
// statements costs one query per relationship field, not one per
// statement. Relationship fields that lead to single nodes read the ids
// the parent row carries and load the nodes by id; list fields with
// arguments batch parents that share the same arguments.
type Loaders struct {
	node            *dataloadgen.Loader[string, *store.NodeRow]
	articleText     *dataloadgen.Loader[string, string]
	roles           *dataloadgen.Loader[relKey, []store.RoleRow]
	speakerRole     *dataloadgen.Loader[string, store.RoleRow]
	statements      *dataloadgen.Loader[relKey, store.Result]
	events          *dataloadgen.Loader[relKey, store.Result]
	officeHolders   *dataloadgen.Loader[relKey, store.RoleResult]
	participants    *dataloadgen.Loader[relKey, store.ParticipantResult]
	eventReports    *dataloadgen.Loader[string, []store.Span]
	articleMentions *dataloadgen.Loader[string, []store.EntityCount]
	articleEvents   *dataloadgen.Loader[string, []store.NodeRow]
	// held are the ids the node loader has answered or been primed with:
	// loading them cannot wait (see nodesReady).
	held sync.Map
	// args are the parsed arguments of the query's method fields, by
	// field (see cachedArgs): not loaded, but kept per request too.
	args sync.Map
}

// relKey identifies one parent's list: the parent id and the list's
// arguments as JSON, so that parents with equal arguments share a query.
type relKey struct {
	parent string
	args   string
}

// statementArgs are the arguments of a nested statement list.
type statementArgs struct {
	Anchor store.Anchor
	Filter store.StatementFilter
	Sorts  []store.Sort
	Page   store.Page
}

// eventArgs are the arguments of a nested event list.
type eventArgs struct {
	Anchor store.Anchor
	Filter store.EventFilter
	Sorts  []store.Sort
	Page   store.Page
}

// holderArgs are the arguments of officeHolders.
type holderArgs struct {
	At   string
	Page store.Page
}

type loadersKey struct{}

// NewLoaders returns fresh loaders; they cache for their lifetime, so make
// one set per request. wait is how long a loader collects keys.
func NewLoaders(st *store.Store, wait time.Duration) *Loaders {
	if wait <= 0 {
		wait = DefaultLoaderWait
	}
	opts := []dataloadgen.Option{dataloadgen.WithWait(wait), dataloadgen.WithBatchCapacity(500)}
	// Made first, so that the node loader's fetch can record what it
	// answered in l.
	l := &Loaders{}
	*l = Loaders{
		// Rows by pointer: a row is large, and copying it through the
		// loader's frames made resolvers' goroutines grow their stacks.
		node: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*store.NodeRow, error) {
			rows, err := st.Nodes(ctx, ids)
			out := make(map[string]*store.NodeRow, len(rows))
			for id := range rows {
				row := rows[id]
				out[id] = &row
			}
			if err == nil {
				// Ids without a node are answered too: not found.
				l.hold(ids...)
			}
			return out, err
		}, opts...),
		articleText: dataloadgen.NewMappedLoader(st.ArticleTexts, opts...),
		roles: grouped(opts, func(ctx context.Context, ids []string, at string) (map[string][]store.RoleRow, error) {
			return st.Roles(ctx, ids, at)
		}),
		speakerRole: dataloadgen.NewMappedLoader(st.SpeakerRoles, opts...),
		statements: grouped(opts, func(ctx context.Context, ids []string, a statementArgs) (map[string]store.Result, error) {
			return st.StatementsOf(ctx, a.Anchor, ids, a.Filter, a.Sorts, a.Page)
		}),
		events: grouped(opts, func(ctx context.Context, ids []string, a eventArgs) (map[string]store.Result, error) {
			return st.EventsOf(ctx, a.Anchor, ids, a.Filter, a.Sorts, a.Page)
		}),
		officeHolders: grouped(opts, func(ctx context.Context, ids []string, a holderArgs) (map[string]store.RoleResult, error) {
			return st.OfficeHolders(ctx, ids, a.At, a.Page)
		}),
		participants: grouped(opts, func(ctx context.Context, ids []string, p store.Page) (map[string]store.ParticipantResult, error) {
			return st.Participants(ctx, ids, p)
		}),
		eventReports:    dataloadgen.NewMappedLoader(st.EventReports, opts...),
		articleMentions: dataloadgen.NewMappedLoader(st.ArticleMentions, opts...),
		articleEvents:   dataloadgen.NewMappedLoader(st.ArticleEvents, opts...),
	}
	return l
}

// hold records ids the node loader can answer without a query.
func (l *Loaders) hold(ids ...string) {
	for _, id := range ids {
		l.held.Store(id, struct{}{})
	}
}

// holds reports whether the node loader can answer every id without a
// query; an empty id needs none.
func (l *Loaders) holds(ids ...string) bool {
	for _, id := range ids {
		if id == "" {
			continue
		}
		if _, ok := l.held.Load(id); !ok {
			return false
		}
	}
	return true
}

// grouped makes a loader of per-parent lists: keys with the same
// arguments go to fetch together; a parent fetch does not return gets the
// zero value (an empty list).
func grouped[A, V any](opts []dataloadgen.Option, fetch func(ctx context.Context, parents []string, args A) (map[string]V, error)) *dataloadgen.Loader[relKey, V] {
	return dataloadgen.NewLoader(func(ctx context.Context, keys []relKey) ([]V, []error) {
		byArgs := map[string][]int{}
		var order []string
		for i, k := range keys {
			if _, ok := byArgs[k.args]; !ok {
				order = append(order, k.args)
			}
			byArgs[k.args] = append(byArgs[k.args], i)
		}
		vals, errs := make([]V, len(keys)), make([]error, len(keys))
		for _, args := range order {
			idx := byArgs[args]
			var a A
			err := json.Unmarshal([]byte(args), &a)
			var res map[string]V
			if err == nil {
				parents := make([]string, len(idx))
				for j, i := range idx {
					parents[j] = keys[i].parent
				}
				res, err = fetch(ctx, parents, a)
			}
			for _, i := range idx {
				vals[i], errs[i] = res[keys[i].parent], err
			}
		}
		return vals, errs
	}, opts...)
}

// key makes the loader key of a parent's list.
func key(parent string, args any) (relKey, error) {
	b, err := json.Marshal(args)
	if err != nil {
		return relKey{}, fmt.Errorf("list arguments: %w", err)
	}
	return relKey{parent: parent, args: string(b)}, nil
}

// WithLoaders wraps a handler so that each request gets its own loaders.
// Websocket connections get none: they live long, and a cache for their
// lifetime would serve stale data; subscription events load afresh.
func WithLoaders(st *store.Store, wait time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") == "" {
			r = r.WithContext(context.WithValue(r.Context(), loadersKey{}, NewLoaders(st, wait)))
		}
		next.ServeHTTP(w, r)
	})
}

// loaders returns the request's loaders, or a fresh set when the handler
// was not wrapped (subscriptions).
func (r *Resolver) loaders(ctx context.Context) *Loaders {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l
	}
	return NewLoaders(r.Store, r.LoaderWait)
}

// dataloadErrors is what LoadAll returns when some keys failed: one error
// per key.
type dataloadErrors = dataloadgen.ErrorSlice

// notFound tells a missing key of a mapped loader from a real failure.
func notFound(err error) bool {
	return errors.Is(err, dataloadgen.ErrNotFound)
}
