package graph

import (
	"bytes"
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// listSchema is a small schema for the selections leavesOnly reads.
var listSchema = gqlparser.MustLoadSchema(&ast.Source{Name: "lists.graphql", Input: `
type Query { nodes: [Node!]! }
type Node { id: ID! label: String! node: Node }
`})

// nodesSelection returns the selection of the list field `nodes` in query.
func nodesSelection(t *testing.T, query string) ast.SelectionSet {
	t.Helper()
	doc, errs := gqlparser.LoadQuery(listSchema, query)
	if errs != nil {
		t.Fatalf("query %q: %v", query, errs)
	}
	return doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet
}

func TestLeavesOnly(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  bool
	}{
		{"leaf fields", `{ nodes { id label } }`, true},
		{"typename", `{ nodes { __typename id } }`, true},
		{"a field with a sub-selection", `{ nodes { id node { id } } }`, false},
		{"inline fragment of leaves", `{ nodes { ... on Node { id label } } }`, true},
		{"inline fragment reaching further", `{ nodes { ... on Node { node { id } } } }`, false},
		{"deferred fragment", `{ nodes { ... @defer { label } } }`, false},
		{"fragment spread of leaves", `{ nodes { ...f } } fragment f on Node { id label }`, true},
		{"fragment spread reaching further", `{ nodes { ...f } } fragment f on Node { node { label } }`, false},
		{"skipped leaf", `{ nodes { id label @skip(if: true) } }`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := leavesOnly(nodesSelection(t, tt.query)); got != tt.want {
				t.Errorf("leavesOnly = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMarshalInOrder(t *testing.T) {
	leaves := nodesSelection(t, `{ nodes { id label } }`)
	nested := nodesSelection(t, `{ nodes { id node { id } } }`)
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover)

	// element marshals element i after a short sleep, keeping the most
	// elements in flight at once in peak.
	element := func(inFlight, peak *atomic.Int32) func(ctx context.Context, i int) graphql.Marshaler {
		return func(ctx context.Context, i int) graphql.Marshaler {
			n := inFlight.Add(1)
			defer inFlight.Add(-1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			time.Sleep(2 * time.Millisecond)
			if got := graphql.GetFieldContext(ctx).Index; got == nil || *got != i {
				t.Errorf("element %d: field context index %v", i, got)
			}
			return graphql.MarshalInt(i)
		}
	}
	t.Run("leaves run one after another", func(t *testing.T) {
		var inFlight, peak atomic.Int32
		got := marshalInOrder(ctx, leaves, nil, 8, 0, false, element(&inFlight, &peak))
		if p := peak.Load(); p != 1 {
			t.Errorf("%d elements in flight at once, want 1", p)
		}
		if s := marshalled(got); s != "[0,1,2,3,4,5,6,7]" {
			t.Errorf("elements %s", s)
		}
	})
	t.Run("a deeper selection runs concurrently", func(t *testing.T) {
		var inFlight, peak atomic.Int32
		got := marshalInOrder(ctx, nested, nil, 8, 0, false, element(&inFlight, &peak))
		if p := peak.Load(); p < 2 {
			t.Errorf("%d element in flight at once, want several (gqlgen's goroutine each)", p)
		}
		if s := marshalled(got); s != "[0,1,2,3,4,5,6,7]" {
			t.Errorf("elements %s", s)
		}
	})
	t.Run("a panic nulls its element and reports it at its index", func(t *testing.T) {
		quiet := func(ctx context.Context, r any) error { return fmt.Errorf("panic: %v", r) }
		ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, quiet)
		got := marshalInOrder(ctx, leaves, nil, 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
			if i == 1 {
				panic("element one")
			}
			return graphql.MarshalInt(i)
		})
		if s := marshalled(got); s != "[0,null,2]" {
			t.Errorf("elements %s, want [0,null,2]", s)
		}
		errs := graphql.GetErrors(ctx)
		if len(errs) != 1 || errs[0].Path.String() != "[1]" || errs[0].Message != "panic: element one" {
			t.Errorf("errors %v, want %q at [1]", errs, "panic: element one")
		}
	})
}

// marshalled writes m as JSON.
func marshalled(m graphql.Marshaler) string {
	var b bytes.Buffer
	m.MarshalGQL(&b)
	return b.String()
}
