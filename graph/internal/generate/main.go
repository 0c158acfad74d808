// Command generate runs gqlgen with the module's gqlgen.yml, as
// `gqlgen generate` does, and then changes five calls in the executor so
// that work which cannot wait does not get a goroutine of its own, and
// work nobody asked for is not done:
//
//   - Lists of plain objects marshal in order (see graph/lists.go). gqlgen
//     starts a goroutine for every element of every list of objects, and
//     for a list whose elements only hold values (a view's 100 nodes and
//     their edges) those goroutines, their contexts and their stacks'
//     growth were a fifth of the server's work per view. In the marshal
//     function of each list whose element object has no field that gqlgen
//     resolves concurrently and returns a leaf (scalar or enum),
//     graphql.MarshalSliceConcurrently becomes marshalInOrder, which takes
//     the list and then the same arguments after the selection, and falls
//     back to gqlgen's call whenever the selection reaches further than
//     the leaf fields, unless the elements are statements (or their edges)
//     whose relationship fields cannot wait.
//   - Resolver fields that answer from the request's loaders resolve on
//     the caller's goroutine (see graph/ready.go). In the marshal function
//     of each object, every out.ResolveConcurrently becomes resolveReady,
//     which takes the same arguments after the field and its object and
//     falls back to gqlgen's call unless the field cannot wait.
//   - Objects make their group of deferred fields only when one of their
//     fields is deferred (graphql.NewDeferredGroup becomes deferredGroup,
//     also in graph/ready.go).
//   - The arguments of a field that is a method, not a resolver (a name's
//     lang), are parsed once per request and field of the query, not once
//     per object (cachedArgs in graph/ready.go).
//   - Plain scalar fields (a struct field that gqlgen's String, ID, Int or
//     Boolean marshaller writes) marshal their value directly when nothing
//     intercepts fields (plainScalars in graph/ready.go): a search page
//     has about 120 of them, and gqlgen gave each a field context,
//     closures and the middleware chain only to hand the value on.
//
// It fails when gqlgen's output no longer has the expected shape, so that
// a gqlgen upgrade cannot silently drop any of the changes.
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
	p := &executorEdits{}
	if err := api.Generate(cfg, api.AddPlugin(p)); err != nil {
		return fmt.Errorf("gqlgen: %w", err)
	}
	return rewrite(cfg.Exec.Filename, p.edits)
}

// edit replaces old with new in the body of the executor's function fn,
// which must hold old exactly n times.
type edit struct {
	fn, old, new string
	n            int
}

// executorEdits is a gqlgen plugin that only reads the schema's codegen
// data: it records the edits of the executor, for lists that may run in
// order, objects whose resolver fields may run on the caller's goroutine,
// and plain scalar fields.
type executorEdits struct {
	edits []edit
}

// Name is the plugin's name for gqlgen.
func (*executorEdits) Name() string { return "executoredits" }

// GenerateCode records the edits; it runs before gqlgen writes the
// executor.
func (p *executorEdits) GenerateCode(data *codegen.Data) error {
	p.edits = append(inOrderLists(data), objectEdits(data)...)
	return nil
}

// inOrderLists are the edits of the marshal functions of lists of objects
// that have no concurrent leaf field.
func inOrderLists(data *codegen.Data) []edit {
	var funcs []string
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
			funcs = append(funcs, f)
		}
	}
	sort.Strings(funcs)
	out := make([]edit, len(funcs))
	for i, f := range funcs {
		out[i] = edit{fn: f, old: concurrently, new: inOrder, n: 1}
	}
	return out
}

// objectEdits are the edits of the functions of objects outside the root
// operation types: in the marshal function, each resolver field's
// scheduling call goes through resolveReady, and the group of deferred
// fields is made by deferredGroup; the field contexts of methods with
// arguments take them from cachedArgs; plain scalar fields get their
// direct path (scalarEdits).
func objectEdits(data *codegen.Data) []edit {
	var out []edit
	for _, obj := range data.Objects {
		if obj.IsReserved() || obj.Root {
			continue
		}
		n := 0
		for _, f := range obj.Fields {
			if f.IsConcurrent() {
				n++
			}
		}
		if n > 0 {
			out = append(out, edit{fn: "_" + obj.Name, old: resolveConcurrently, new: resolveReady, n: n})
		}
		out = append(out, edit{fn: "_" + obj.Name, old: newDeferredGroup, new: deferredGroup, n: 1})
		for _, f := range obj.Fields {
			if len(f.Args) > 0 && !f.IsResolver {
				fn := "fieldContext_" + obj.Name + "_" + f.Name
				out = append(out,
					edit{fn: fn, old: parseArgs, new: cachedArgs, n: 1},
					edit{fn: fn, old: argumentMap, new: variables, n: 1})
			}
			out = append(out, scalarEdits(obj.Name, f)...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].fn < out[j].fn })
	return out
}

// scalarEdits are the edits of the function of field f of object obj if
// it is a plain scalar (see plainScalar): when the operation has no field
// interceptor, it marshals the struct field's value directly (see
// plainScalars in graph/ready.go). A second edit only checks that gqlgen's
// resolver closure returns the struct field as it is, so that the direct
// path marshals the same value.
func scalarEdits(obj string, f *codegen.Field) []edit {
	if !plainScalar(f) {
		return nil
	}
	fn := "_" + obj + "_" + f.Name
	direct := fmt.Sprintf("\tif plainScalars(ec.OperationContext) {\n\t\treturn ec.%s(ctx, field.Selections, obj.%s)\n\t}\n", f.TypeReference.MarshalFunc(), f.GoFieldName)
	value := "return obj." + f.GoFieldName + ", nil\n"
	return []edit{
		{fn: fn, old: resolveField, new: direct + resolveField, n: 1},
		{fn: fn, old: value, new: value, n: 1},
	}
}

// plainMarshalers are gqlgen's marshal functions that cannot fail and
// whose generated callers use their context for nothing but a null in a
// non-null field (MarshalFloatContext, for one, reports infinities
// through the field's context, which the direct path lacks).
var plainMarshalers = map[string]bool{
	"github.com/99designs/gqlgen/graphql.MarshalString":  true,
	"github.com/99designs/gqlgen/graphql.MarshalID":      true,
	"github.com/99designs/gqlgen/graphql.MarshalInt":     true,
	"github.com/99designs/gqlgen/graphql.MarshalBoolean": true,
}

// plainScalar reports whether f is a struct field of a scalar that one of
// plainMarshalers writes (String, ID, Int, Boolean, and scalars bound to
// them, such as Date), with no arguments and no directives, that is not a
// list and cannot be a null in a non-null field: gqlgen's whole field
// machinery (a field context, closures, the field middleware) only hands
// its value to the marshal function.
func plainScalar(f *codegen.Field) bool {
	t := f.TypeReference
	return !f.IsResolver && f.IsVariable() && len(f.Args) == 0 && !f.HasDirectives() &&
		t.Definition.Kind == ast.Scalar && t.Marshaler != nil && plainMarshalers[t.Marshaler.FullName()] &&
		!t.IsSlice() && !(t.GQL.NonNull && t.IsPtr())
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
	concurrently        = "graphql.MarshalSliceConcurrently(ctx, "
	inOrder             = "marshalInOrder(ctx, sel, v, "
	resolveConcurrently = "out.ResolveConcurrently(ec.OperationContext, "
	resolveReady        = "resolveReady(ctx, out, field, obj, ec.OperationContext, "
	newDeferredGroup    = "deferred := graphql.NewDeferredGroup(ctx)"
	deferredGroup       = "deferred := deferredGroup(ctx, fields)"
	parseArgs           = "fc.Args, err = ec."
	cachedArgs          = "fc.Args, err = cachedArgs(ctx, field, ec."
	argumentMap         = "_args(ctx, field.ArgumentMap(ec.Variables));"
	variables           = "_args, ec.Variables);"
	resolveField        = "\treturn graphql.ResolveField(\n"
)

// rewrite makes the edits in the executor file.
func rewrite(path string, edits []edit) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read executor: %w", err)
	}
	for _, e := range edits {
		head := []byte("func (ec *executionContext) " + e.fn + "(")
		start := bytes.Index(src, head)
		if start < 0 {
			return fmt.Errorf("%s: no function %s", path, e.fn)
		}
		end := bytes.Index(src[start+len(head):], []byte("\nfunc "))
		if end < 0 {
			end = len(src) - start - len(head)
		}
		body := src[start : start+len(head)+end]
		if got := bytes.Count(body, []byte(e.old)); got != e.n {
			return fmt.Errorf("%s: %s calls %s %d times, want %d; has gqlgen's template changed?", path, e.fn, e.old, got, e.n)
		}
		newBody := bytes.ReplaceAll(body, []byte(e.old), []byte(e.new))
		src = slices.Concat(src[:start], newBody, src[start+len(body):])
	}
	if err := os.WriteFile(path, src, 0o644); err != nil {
		return fmt.Errorf("write executor: %w", err)
	}
	return nil
}
