package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/geokg/geokg/loader"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/neo4jlocal/neo4jtest"
	"github.com/geokg/geokg/server"
	"github.com/geokg/geokg/store"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

const (
	seed      = "../testdata/articles/seed-paris-security-guarantees.json"
	testdata  = "../testdata/articles"
	testToken = "test-token-1234"
)

// env is a GraphQL client over the real handler and a real Neo4j.
type env struct {
	st *store.Store
	c  *client.Client
	// queries counts the Cypher queries of the requests sent through c.
	queries *atomic.Int64
}

// The corpus (all of testdata loaded) takes seconds to load, so the tests
// that only read it share one load; tests that write or wipe mark it dirty
// and the next reader loads it again.
var (
	corpusStore *store.Store
	corpusClean bool
)

// corpus returns a client over a database holding all of testdata.
func corpus(t *testing.T) *env {
	t.Helper()
	if corpusStore == nil || !corpusClean {
		cfg := neo4jtest.Config(t) // wipes the database and sets up the schema
		st, err := store.Open(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		// This store outlives the test that opened it: other tests share
		// it, and the process exit closes it.
		load(t, st, testdata)
		corpusStore, corpusClean = st, true
	}
	return newEnv(t, corpusStore, withToken(server.Defaults()))
}

// fresh returns a client over a database holding only paths.
func fresh(t *testing.T, paths ...string) *env {
	t.Helper()
	corpusClean = false
	st := neo4jtest.Store(t)
	load(t, st, paths...)
	return newEnv(t, st, withToken(server.Defaults()))
}

func withToken(cfg server.Config) server.Config {
	cfg.APIToken = testToken
	return cfg
}

func load(t *testing.T, st *store.Store, paths ...string) {
	t.Helper()
	if len(paths) == 0 {
		return
	}
	x, err := extract.Default("")
	if err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	sum, err := (&loader.Loader{Extractor: x, Store: st, Log: &log}).Load(context.Background(), paths)
	if err != nil || sum.Failed > 0 {
		t.Fatalf("load %v: %v %v\n%s", paths, sum, err, log.String())
	}
}

// newEnv serves st with cfg; every request counts its Cypher queries into
// env.queries.
func newEnv(t *testing.T, st *store.Store, cfg server.Config) *env {
	t.Helper()
	// A generous batching window: the round-trip test must not depend on
	// how fast goroutines are scheduled on a busy machine.
	cfg.LoaderWait = 100 * time.Millisecond
	e := &env{st: st, queries: &atomic.Int64{}}
	h := server.GraphQL(st, cfg)
	counted := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(store.WithQueryCounter(r.Context(), e.queries)))
	})
	e.c = client.New(counted)
	return e
}

// gqlError is one error of a response.
type gqlError struct {
	Message    string
	Path       []any
	Extensions map[string]any
}

// do runs a query and returns its data and errors; HTTP errors (422 for
// invalid queries) come back as one error with the code of the body.
func (e *env) do(t *testing.T, query string, opts ...client.Option) (map[string]any, []gqlError) {
	t.Helper()
	resp, err := e.c.RawPost(query, opts...)
	if err != nil {
		msg := err.Error()
		if i := strings.Index(msg, "{"); i >= 0 {
			var body struct{ Errors []gqlError }
			if json.Unmarshal([]byte(msg[i:]), &body) == nil && len(body.Errors) > 0 {
				return nil, body.Errors
			}
		}
		return nil, []gqlError{{Message: msg}}
	}
	var errs []gqlError
	if len(resp.Errors) > 0 {
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := resp.Data.(map[string]any)
	return data, errs
}

// query runs a query that must succeed and decodes its data into out.
func (e *env) query(t *testing.T, query string, out any, opts ...client.Option) {
	t.Helper()
	data, errs := e.do(t, query, opts...)
	if len(errs) > 0 {
		t.Fatalf("query failed: %+v\n%s", errs, query)
	}
	b, _ := json.Marshal(data)
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
}

// code runs a query that must fail and returns the code of its first error.
func (e *env) code(t *testing.T, query string, opts ...client.Option) (string, string) {
	t.Helper()
	_, errs := e.do(t, query, opts...)
	if len(errs) == 0 {
		t.Fatalf("no error for %s", query)
	}
	code, _ := errs[0].Extensions["code"].(string)
	return code, errs[0].Message
}

func bearer(tok string) client.Option { return client.AddHeader("Authorization", "Bearer "+tok) }

// conn is the JSON shape of a connection of nodes of type T.
type conn[T any] struct {
	TotalCount int
	Edges      []struct {
		Cursor string
		Node   T
	}
	PageInfo struct {
		HasNextPage     bool
		HasPreviousPage bool
		StartCursor     *string
		EndCursor       *string
	}
}

func (c conn[T]) nodes() []T {
	out := make([]T, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

// stmt is the JSON shape of the statement fields the tests read.
type stmt struct {
	ID       string
	Text     string
	Date     string
	Direct   bool
	Language string
	Speaker  struct {
		Typename string `json:"__typename"`
		ID       string
		Name     string
	}
	Topics   []struct{ ID string }
	Mentions []struct{ ID string }
	Article  struct{ ID, Title string }
	Place    *struct{ ID string }
	Event    *struct{ ID string }
}

const stmtFields = `id text date direct language speaker { __typename id name } topics { id } mentions { id } article { id title } place { id } event { id }`

func (s stmt) hasTopic(id string) bool {
	for _, t := range s.Topics {
		if t.ID == id {
			return true
		}
	}
	return false
}

func (s stmt) mentions(id string) bool {
	for _, m := range s.Mentions {
		if m.ID == id {
			return true
		}
	}
	return false
}

func ids[T any](xs []T, id func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func q(format string, args ...any) string { return fmt.Sprintf(format, args...) }
