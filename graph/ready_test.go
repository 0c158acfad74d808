package graph

import (
	"context"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/geokg/geokg/graph/model"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// readySchema has the shapes nodesReady reads: a statement's speaker,
// article and topics.
var readySchema = gqlparser.MustLoadSchema(&ast.Source{Name: "ready.graphql", Input: `
type Query { statements: [Statement!]! edges: [StatementEdge!]! }
type StatementEdge { cursor: String! node: Statement! }
type Statement { id: ID! speaker: Actor article: Article topics: [Topic!]! provenance: Provenance }
type Provenance { text: String! }
type Actor { id: ID! name: String! knows: Actor }
type Article { id: ID! title: String! text: String! }
type Topic { id: ID! name: String! }
`})

// statementFields collects the fields a query selects on its statements.
func statementFields(t *testing.T, query string) (*graphql.OperationContext, []graphql.CollectedField) {
	t.Helper()
	doc, errs := gqlparser.LoadQuery(readySchema, query)
	if errs != nil {
		t.Fatalf("query %q: %v", query, errs)
	}
	oc := &graphql.OperationContext{Doc: doc, RawQuery: query, Variables: map[string]any{}, RecoverFunc: func(ctx context.Context, r any) error { return fmt.Errorf("panic: %v", r) }}
	sel := doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet
	return oc, graphql.CollectFields(oc, sel, []string{"Statement"})
}

func TestResolveReady(t *testing.T) {
	st := &model.Statement{ID: "s1", SpeakerID: "p1", ArticleID: "a1", TopicIDs: []string{"t1", "t2"}}
	tests := []struct {
		name    string
		query   string
		held    []string // ids the request's loaders hold; nil: no loaders
		obj     any
		wantNow bool // resolved before Dispatch, on the caller's goroutine
	}{
		{"held speaker", `{ statements { speaker { id name } } }`, []string{"p1"}, st, true},
		{"speaker not held", `{ statements { speaker { id name } } }`, []string{"a1"}, st, false},
		{"no speaker to load", `{ statements { speaker { id } } }`, []string{}, &model.Statement{ID: "s2"}, true},
		{"speaker's own relationship", `{ statements { speaker { id knows { id } } } }`, []string{"p1"}, st, false},
		{"held article", `{ statements { article { id title } } }`, []string{"a1"}, st, true},
		{"article's text", `{ statements { article { id text } } }`, []string{"a1"}, st, false},
		{"article's text in a fragment", `{ statements { article { ...t } } } fragment t on Article { text }`, []string{"a1"}, st, false},
		{"all topics held", `{ statements { topics { name } } }`, []string{"t1", "t2"}, st, true},
		{"a topic not held", `{ statements { topics { name } } }`, []string{"t1"}, st, false},
		{"deferred", `{ statements { ... @defer { speaker { id } } } }`, []string{"p1"}, st, false},
		{"no loaders", `{ statements { speaker { id } } }`, nil, st, false},
		{"another type", `{ statements { speaker { id } } }`, []string{"p1"}, &model.Topic{ID: "t1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oc, fields := statementFields(t, tt.query)
			ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, oc.RecoverFunc)
			if tt.held != nil {
				l := NewLoaders(nil, 0)
				l.hold(tt.held...)
				ctx = context.WithValue(ctx, loadersKey{}, l)
			}
			out := graphql.NewFieldSet(fields)
			deferred := deferredGroup(ctx, fields)
			called := false
			resolveReady(ctx, out, fields[0], tt.obj, oc, &deferred, 0, true, false, func(context.Context) graphql.Marshaler {
				called = true
				return graphql.MarshalString("value")
			})
			if called != tt.wantNow {
				t.Errorf("resolved on the caller's goroutine: %v, want %v", called, tt.wantNow)
			}
			out.Dispatch(ctx)
			if !fields[0].IsDeferred() && !called {
				t.Errorf("the field was not resolved by Dispatch")
			}
		})
	}

	t.Run("a null in a non-null field nulls the object", func(t *testing.T) {
		oc, fields := statementFields(t, `{ statements { speaker { id } } }`)
		l := NewLoaders(nil, 0)
		l.hold("p1")
		ctx := context.WithValue(graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, oc.RecoverFunc), loadersKey{}, l)
		for _, nonNull := range []bool{true, false} {
			out := graphql.NewFieldSet(fields)
			deferred := deferredGroup(ctx, fields)
			resolveReady(ctx, out, fields[0], st, oc, &deferred, 0, true, nonNull, func(context.Context) graphql.Marshaler { return graphql.Null })
			if want := map[bool]uint32{true: 1, false: 0}[nonNull]; out.Invalids != want {
				t.Errorf("non-null %v: %d invalid fields, want %d", nonNull, out.Invalids, want)
			}
		}
	})

	t.Run("a panic nulls the field and reports it", func(t *testing.T) {
		oc, fields := statementFields(t, `{ statements { speaker { id } } }`)
		l := NewLoaders(nil, 0)
		l.hold("p1")
		ctx := context.WithValue(graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, oc.RecoverFunc), loadersKey{}, l)
		out := graphql.NewFieldSet(fields)
		deferred := deferredGroup(ctx, fields)
		resolveReady(ctx, out, fields[0], st, oc, &deferred, 0, true, false, func(context.Context) graphql.Marshaler { panic("speaker") })
		if out.Values[0] != graphql.Null {
			t.Errorf("value %v, want null", out.Values[0])
		}
		if errs := graphql.GetErrors(ctx); len(errs) != 1 || errs[0].Message != "panic: speaker" {
			t.Errorf("errors %v, want one: panic: speaker", errs)
		}
	})
}

func TestElementsReady(t *testing.T) {
	stmts := []*model.Statement{
		{ID: "s1", SpeakerID: "p1", ArticleID: "a1"},
		{ID: "s2", SpeakerID: "p2", ArticleID: "a1"},
	}
	edges := []*model.StatementEdge{{Node: stmts[0]}, {Node: stmts[1]}}
	held := []string{"p1", "p2", "a1"}
	tests := []struct {
		name  string
		query string
		held  []string // nil: no loaders
		elems any
		want  bool // the elements run in order
	}{
		{"edges whose speakers and articles are held", `{ edges { cursor node { id speaker { id name } article { title } } } }`, held, edges, true},
		{"statements whose speakers are held", `{ statements { id speaker { id } } }`, held, stmts, true},
		{"through fragments", `{ edges { ...e } } fragment e on StatementEdge { node { ... on Statement { speaker { id } } } }`, held, edges, true},
		{"a speaker not held", `{ edges { node { speaker { id } } } }`, []string{"p1", "a1"}, edges, false},
		{"a speaker's own relationship", `{ edges { node { speaker { knows { id } } } } }`, held, edges, false},
		{"a field the loaders do not answer", `{ edges { node { provenance { text } } } }`, held, edges, false},
		{"a deferred node field", `{ edges { node { ... @defer { speaker { id } } } } }`, held, edges, false},
		{"a deferred edge field", `{ edges { ... @defer { node { id } } } }`, held, edges, false},
		{"a null node", `{ edges { node { speaker { id } } } }`, held, []*model.StatementEdge{{Node: stmts[0]}, {}}, false},
		{"no loaders", `{ edges { node { speaker { id } } } }`, nil, edges, false},
		{"another list", `{ statements { speaker { id } } }`, held, []*model.Topic{{ID: "t1"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, errs := gqlparser.LoadQuery(readySchema, tt.query)
			if errs != nil {
				t.Fatalf("query %q: %v", tt.query, errs)
			}
			oc := &graphql.OperationContext{Doc: doc, RawQuery: tt.query, Variables: map[string]any{}}
			ctx := graphql.WithOperationContext(context.Background(), oc)
			if tt.held != nil {
				l := NewLoaders(nil, 0)
				l.hold(tt.held...)
				ctx = context.WithValue(ctx, loadersKey{}, l)
			}
			sel := doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet
			if got := elementsReady(ctx, sel, tt.elems); got != tt.want {
				t.Errorf("elementsReady = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDeferredGroup(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  bool // a group to collect deferred fields
	}{
		{"no deferred field", `{ statements { id speaker { id } } }`, false},
		{"a deferred field", `{ statements { id ... @defer { speaker { id } } } }`, true},
		{"defer turned off", `{ statements { id ... @defer(if: false) { speaker { id } } } }`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fields := statementFields(t, tt.query)
			g := deferredGroup(context.Background(), fields)
			if got := g.FieldSet != nil && g.Defers != nil; got != tt.want {
				t.Errorf("group made: %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCachedArgs(t *testing.T) {
	oc, fields := statementFields(t, `{ statements { id speaker { id } } }`)
	field := fields[0]
	parse := func(calls *int, fail bool) func(context.Context, map[string]any) (map[string]any, error) {
		return func(context.Context, map[string]any) (map[string]any, error) {
			*calls++
			if fail {
				return nil, fmt.Errorf("bad argument")
			}
			return map[string]any{"lang": "ar"}, nil
		}
	}
	withLoaders := context.WithValue(context.Background(), loadersKey{}, NewLoaders(nil, 0))
	tests := []struct {
		name      string
		ctx       context.Context
		fail      bool
		wantCalls int // of parse, for three objects
	}{
		{"once per request and field", withLoaders, false, 1},
		{"without loaders, every time", context.Background(), false, 3},
		{"errors are not kept", context.WithValue(context.Background(), loadersKey{}, NewLoaders(nil, 0)), true, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			for range 3 {
				args, err := cachedArgs(tt.ctx, field, parse(&calls, tt.fail), oc.Variables)
				if tt.fail != (err != nil) || !tt.fail && args["lang"] != "ar" {
					t.Errorf("args %v, error %v", args, err)
				}
			}
			if calls != tt.wantCalls {
				t.Errorf("parsed %d times, want %d", calls, tt.wantCalls)
			}
		})
	}
}
