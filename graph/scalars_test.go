package graph

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/99designs/gqlgen/graphql/handler/extension"
)

// fieldSpy is a field interceptor that counts the fields it sees.
type fieldSpy struct{ n *atomic.Int64 }

func (fieldSpy) ExtensionName() string                   { return "FieldSpy" }
func (fieldSpy) Validate(graphql.ExecutableSchema) error { return nil }
func (s fieldSpy) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	s.n.Add(1)
	return next(ctx)
}

func TestPlainScalars(t *testing.T) {
	tests := []struct {
		name string
		exts []graphql.HandlerExtension
		want bool // plain scalar fields marshal directly
	}{
		{"extensions that do not intercept fields", []graphql.HandlerExtension{extension.Introspection{}, extension.FixedComplexityLimit(100), DepthLimit{Max: 5}}, true},
		{"a field interceptor", []graphql.HandlerExtension{extension.Introspection{}, fieldSpy{&atomic.Int64{}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := executor.New(NewSchema(&Resolver{}))
			for _, e := range tt.exts {
				ex.Use(e)
			}
			oc, errs := ex.CreateOperationContext(graphql.StartOperationTrace(context.Background()), &graphql.RawParams{Query: "{ __typename }"})
			if errs != nil {
				t.Fatal(errs)
			}
			if got := plainScalars(oc); got != tt.want {
				t.Errorf("plainScalars = %v, want %v", got, tt.want)
			}
		})
	}
}
