package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
	"github.com/vektah/gqlparser/v2/ast"
)

// schemaData builds gqlgen's data for the module's schema.
func schemaData(t *testing.T) *codegen.Data {
	t.Helper()
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
	return data
}

// TestInOrderLists checks which lists the rewrite picks.
func TestInOrderLists(t *testing.T) {
	edits := inOrderLists(schemaData(t))
	picked := func(elem string) bool {
		for _, e := range edits {
			if strings.HasPrefix(e.fn, "marshalN"+elem+"2ᚕ") || strings.HasPrefix(e.fn, "marshalO"+elem+"2ᚕ") {
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
		{"StatementEdge", true},     // node is an object: in order for leaf selections, or nodes that cannot wait
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

// TestObjectEdits checks which objects' resolver fields go through
// resolveReady and which objects make their deferred groups lazily, and that the leaf fields behind resolvers are the ones
// graph's nodesReady knows of: a new one under a node it loads would let
// a field that waits run on the caller's goroutine.
func TestObjectEdits(t *testing.T) {
	data := schemaData(t)
	got, lazy, cached := map[string]int{}, map[string]bool{}, map[string]bool{}
	for _, e := range objectEdits(data) {
		switch e.new {
		case resolveReady:
			got[e.fn] = e.n
		case deferredGroup:
			lazy[e.fn] = true
		case cachedArgs:
			cached[e.fn] = true
		}
	}
	for fn, want := range map[string]bool{
		"fieldContext_Person_name":       true,  // name(lang), a method
		"fieldContext_GraphNode_label":   true,  // label(lang)
		"fieldContext_Person_statements": false, // a resolver: it may change what it is given
		"fieldContext_Person_id":         false, // no arguments
		"fieldContext_Query___type":      false, // a root field
	} {
		if cached[fn] != want {
			t.Errorf("%s: arguments cached %v, want %v", fn, cached[fn], want)
		}
	}
	tests := []struct {
		fn string
		n  int
	}{
		{"_Statement", 8}, // speaker, speakerRole, topics, mentions, event, place, article, provenance
		{"_Event", 5},
		{"_Article", 4},
		{"_Query", 0},    // root fields: gqlgen's own scheduling
		{"_PageInfo", 0}, // no resolver fields
		{"___Schema", 0}, // gqlgen's own
	}
	for _, tt := range tests {
		if got[tt.fn] != tt.n {
			t.Errorf("%s: %d fields through resolveReady, want %d", tt.fn, got[tt.fn], tt.n)
		}
	}

	var leaves []string
	for _, obj := range data.Objects {
		for _, f := range obj.Fields {
			if k := f.TypeReference.Definition.Kind; f.IsConcurrent() && !obj.Root && (k == ast.Scalar || k == ast.Enum) {
				leaves = append(leaves, obj.Name+"."+f.Name)
			}
		}
	}
	slices.Sort(leaves)
	if want := []string{"Article.text", "Provenance.sentence", "Provenance.text"}; !slices.Equal(leaves, want) {
		t.Errorf("leaf fields behind resolvers: %v, want %v (see nodesReady in graph/ready.go)", leaves, want)
	}
}

// TestScalarEdits checks which fields marshal their value directly when
// nothing intercepts fields: plain scalars of struct fields only.
func TestScalarEdits(t *testing.T) {
	direct := map[string]string{}
	for _, e := range objectEdits(schemaData(t)) {
		if e.old != e.new {
			direct[e.fn] = e.new
		}
	}
	tests := []struct {
		fn   string
		want string // the marshal call of the direct path; "" for none
	}{
		{"_Statement_text", "ec.marshalNString2string(ctx, field.Selections, obj.Text)"},
		{"_Statement_id", "ec.marshalNID2string(ctx, field.Selections, obj.ID)"},
		{"_Statement_direct", "ec.marshalNBoolean2bool(ctx, field.Selections, obj.Direct)"},
		{"_Statement_start", "ec.marshalNInt2int(ctx, field.Selections, obj.Start)"},
		{"_Statement_date", "ec.marshalNDate2string(ctx, field.Selections, obj.Date)"}, // a scalar bound to String
		{"_Article_url", "ec.marshalOString2ᚖstring(ctx, field.Selections, obj.URL)"},  // nullable
		{"_Statement_confidence", ""}, // Float reports infinities through its field
		{"_Person_name", ""},          // a method with arguments
		{"_Person_aliases", ""},       // a list
		{"_Article_text", ""},         // a resolver
		{"_Statement_speaker", ""},    // an object
		{"_Role_source", ""},          // an enum
		{"_Query_statement", ""},      // a root field
		{"___Type_name", ""},          // gqlgen's own
	}
	for _, tt := range tests {
		got := direct[tt.fn]
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, "return "+tt.want) {
			t.Errorf("%s: direct path %q, want %q", tt.fn, got, tt.want)
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
	if err := rewrite(path, []edit{{fn: "marshalNB2ᚕ", old: concurrently, new: inOrder, n: 1}}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := strings.Replace(src, "graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, b)", "marshalInOrder(ctx, sel, v, len(v), 0, false, b)", 1)
	if string(got) != want {
		t.Errorf("rewritten:\n%s\nwant:\n%s", got, want)
	}

	t.Run("a changed template is an error", func(t *testing.T) {
		if err := rewrite(path, []edit{{fn: "marshalNB2ᚕ", old: concurrently, new: inOrder, n: 1}}); err == nil || !strings.Contains(err.Error(), "template") {
			t.Errorf("rewriting twice: %v, want an error about gqlgen's template", err)
		}
		if err := rewrite(path, []edit{{fn: "marshalNC2ᚕ", old: concurrently, new: inOrder, n: 1}}); err == nil || !strings.Contains(err.Error(), "no function") {
			t.Errorf("a missing function: %v, want an error", err)
		}
	})
}
