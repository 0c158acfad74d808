package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
)

// TestInOrderLists builds gqlgen's data for the module's schema and checks
// which lists the rewrite picks.
func TestInOrderLists(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the module's packages")
	}
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Init(); err != nil {
		t.Fatal(err)
	}
	data, err := codegen.BuildData(cfg)
	if err != nil {
		t.Fatal(err)
	}
	p := &inOrderLists{}
	if err := p.GenerateCode(data); err != nil {
		t.Fatal(err)
	}
	picked := func(elem string) bool {
		for _, f := range p.funcs {
			if strings.HasPrefix(f, "marshalN"+elem+"2ᚕ") || strings.HasPrefix(f, "marshalO"+elem+"2ᚕ") {
				return true
			}
		}
		return false
	}
	tests := []struct {
		elem string
		want bool
	}{
		{"GraphNode", true},         // a view's nodes: plain values, and node through a method
		{"GraphEdge", true},         // a view's edges
		{"Topic", true},             // its statements are a resolver, but not a leaf
		{"Article", false},          // text is a leaf behind a dataloader
		{"Node", false},             // an interface: its objects differ
		{"__InputValue", false},     // gqlgen's own
		{"StatementEdge", true},     // node is an object: in order only for leaf selections
		{"TimelineBucket", true},    // counts
		{"PageInfo", false},         // not in a list
		{"SearchConnection", false}, // not in a list
	}
	for _, tt := range tests {
		if got := picked(tt.elem); got != tt.want {
			t.Errorf("lists of %s in order: %v, want %v", tt.elem, got, tt.want)
		}
	}
}

func TestRewrite(t *testing.T) {
	src := `package graph

func (ec *executionContext) marshalNA2ᚕ(ctx context.Context, sel ast.SelectionSet, v []*A) graphql.Marshaler {
	return graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, a)
}

func (ec *executionContext) marshalNB2ᚕ(ctx context.Context, sel ast.SelectionSet, v []*B) graphql.Marshaler {
	return graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, b)
}
`
	path := filepath.Join(t.TempDir(), "generated.go")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := rewrite(path, []string{"marshalNB2ᚕ"}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := strings.Replace(src, "graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, b)", "marshalInOrder(ctx, sel, len(v), 0, false, b)", 1)
	if string(got) != want {
		t.Errorf("rewritten:\n%s\nwant:\n%s", got, want)
	}

	t.Run("a changed template is an error", func(t *testing.T) {
		if err := rewrite(path, []string{"marshalNB2ᚕ"}); err == nil || !strings.Contains(err.Error(), "template") {
			t.Errorf("rewriting twice: %v, want an error about gqlgen's template", err)
		}
		if err := rewrite(path, []string{"marshalNC2ᚕ"}); err == nil || !strings.Contains(err.Error(), "no function") {
			t.Errorf("a missing function: %v, want an error", err)
		}
	})
}
