package graph_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/store"
)

// fieldCounter is a field interceptor that counts the fields it sees; it
// turns gqlgen's machinery back on for every field.
type fieldCounter struct{ n *atomic.Int64 }

func (fieldCounter) ExtensionName() string                   { return "FieldCounter" }
func (fieldCounter) Validate(graphql.ExecutableSchema) error { return nil }
func (c fieldCounter) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	c.n.Add(1)
	return next(ctx)
}

func TestPlainScalars(t *testing.T) {
	tests := []struct {
		name string
		exts []graphql.HandlerExtension
		want bool // plain scalar fields marshal directly
	}{
		{"extensions that do not intercept fields", []graphql.HandlerExtension{extension.Introspection{}, extension.FixedComplexityLimit(100), graph.DepthLimit{Max: 5}}, true},
		{"a field interceptor", []graphql.HandlerExtension{extension.Introspection{}, fieldCounter{&atomic.Int64{}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := executor.New(graph.NewSchema(&graph.Resolver{}))
			for _, e := range tt.exts {
				ex.Use(e)
			}
			oc, errs := ex.CreateOperationContext(graphql.StartOperationTrace(context.Background()), &graphql.RawParams{Query: "{ __typename }"})
			if errs != nil {
				t.Fatal(errs)
			}
			if got := graph.PlainScalars(oc); got != tt.want {
				t.Errorf("plainScalars = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPlainScalarsAnswerAsGqlgen checks that the direct path for plain
// scalar fields answers byte for byte as gqlgen's machinery does, which a
// field interceptor turns back on, over every kind of plain scalar
// (strings, IDs, dates, ints, booleans, nullable strings) of several types.
func TestPlainScalarsAnswerAsGqlgen(t *testing.T) {
	st := corpus(t).st
	const query = `{
  statements(first: 30) {
    totalCount
    edges { cursor node {
      id text direct date language start end confidence
      speaker { id name ... on Person { nameAr qid aliases } }
      article { id title source url published language }
      topics { id nameAr }
      provenance { start end sentenceStart sentenceEnd }
    } }
    pageInfo { hasNextPage endCursor }
  }
  persons(first: 10) { edges { node { id nameAr qid roles { title since until source } } } }
}`
	spied := &atomic.Int64{}
	plain := answer(t, st, query, nil)
	gqlgens := answer(t, st, query, fieldCounter{spied})
	if spied.Load() == 0 {
		t.Fatal("the interceptor saw no field")
	}
	if !strings.Contains(plain, `"text":`) || strings.Contains(plain, `"errors"`) {
		t.Fatalf("answer %.300s", plain)
	}
	if plain != gqlgens {
		t.Errorf("direct path:\n%.2000s\ngqlgen's:\n%.2000s", plain, gqlgens)
	}
}

// answer posts query to a handler over st with the extension ext, if any,
// and returns the body.
func answer(t *testing.T, st *store.Store, query string, ext graphql.HandlerExtension) string {
	t.Helper()
	srv := handler.New(graph.NewSchema(&graph.Resolver{Store: st}))
	srv.AddTransport(transport.POST{})
	if ext != nil {
		srv.Use(ext)
	}
	h := graph.WithLoaders(st, 0, srv)
	raw, err := json.Marshal(map[string]string{"query": query})
	if err != nil {
		t.Fatal(err)
	}
	body := strings.NewReader(string(raw))
	req := httptest.NewRequest(http.MethodPost, "/query", body)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	b, err := io.ReadAll(rec.Result().Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
