// Command generate runs gqlgen with the module's gqlgen.yml, as
// `gqlgen generate` does, and then lets lists of plain objects marshal in
// order (see graph/lists.go): gqlgen starts a goroutine for every element
// of every list of objects, and for a list whose elements only hold values
// (a view's 100 nodes and their edges) those goroutines, their contexts and
// their stacks' growth were a fifth of the server's work per view.
//
// The rewrite changes one call in the marshal function of each list whose
// element object has no field that gqlgen resolves concurrently and returns
// a leaf (scalar or enum): graphql.MarshalSliceConcurrently becomes
// marshalInOrder, which takes the same arguments after the selection and
// falls back to gqlgen's call whenever the selection reaches further than
// the elements' leaf fields. It fails when gqlgen's output no longer has
// the expected shape, so that a gqlgen upgrade cannot silently drop it.
//
// Run from the module root: `go run ./graph/internal/generate` (graph's
// go:generate line does).
package main

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"sort"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
	"github.com/vektah/gqlparser/v2/ast"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return fmt.Errorf("load gqlgen config: %w", err)
	}
	lists := &inOrderLists{}
	if err := api.Generate(cfg, api.AddPlugin(lists)); err != nil {
		return fmt.Errorf("gqlgen: %w", err)
	}
	return rewrite(cfg.Exec.Filename, lists.funcs)
}

// inOrderLists is a gqlgen plugin that only reads the schema's codegen data:
// it records the marshal functions of the lists that may run in order.
type inOrderLists struct {
	funcs []string
}

// Name is the plugin's name for gqlgen.
func (*inOrderLists) Name() string { return "inorderlists" }

// GenerateCode records the marshal functions of lists of objects that have
// no concurrent leaf field; it runs before gqlgen writes the executor.
func (p *inOrderLists) GenerateCode(data *codegen.Data) error {
	seen := map[string]bool{}
	for _, ref := range data.ReferencedTypes {
		if !ref.IsSlice() || ref.Definition == nil || ref.Definition.Kind != ast.Object {
			continue
		}
		obj := data.Objects.ByName(ref.Definition.Name)
		if obj == nil || obj.IsReserved() || !plainLeaves(obj) {
			continue
		}
		if f := ref.MarshalFunc(); !seen[f] {
			seen[f] = true
			p.funcs = append(p.funcs, f)
		}
	}
	sort.Strings(p.funcs)
	return nil
}

// plainLeaves reports whether none of obj's leaf fields is resolved
// concurrently: such a field may wait on a dataloader, and elements run in
// order would wait one after another instead of sharing one batch.
func plainLeaves(obj *codegen.Object) bool {
	for _, f := range obj.Fields {
		if !f.IsConcurrent() {
			continue
		}
		if k := f.TypeReference.Definition.Kind; k == ast.Scalar || k == ast.Enum {
			return false
		}
	}
	return true
}

const (
	concurrently = "graphql.MarshalSliceConcurrently(ctx, "
	inOrder      = "marshalInOrder(ctx, sel, "
)

// rewrite replaces gqlgen's concurrent call in the body of each function of
// funcs in the executor file.
func rewrite(path string, funcs []string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read executor: %w", err)
	}
	for _, name := range funcs {
		head := []byte("func (ec *executionContext) " + name + "(")
		start := bytes.Index(src, head)
		if start < 0 {
			return fmt.Errorf("%s: no function %s", path, name)
		}
		end := bytes.Index(src[start+len(head):], []byte("\nfunc "))
		if end < 0 {
			end = len(src) - start - len(head)
		}
		body := src[start : start+len(head)+end]
		if bytes.Count(body, []byte(concurrently)) != 1 {
			return fmt.Errorf("%s: %s does not call %s once; has gqlgen's template changed?", path, name, concurrently)
		}
		newBody := bytes.Replace(body, []byte(concurrently), []byte(inOrder), 1)
		src = slices.Concat(src[:start], newBody, src[start+len(body):])
	}
	if err := os.WriteFile(path, src, 0o644); err != nil {
		return fmt.Errorf("write executor: %w", err)
	}
	return nil
}
