package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/live"
	"github.com/geokg/geokg/neo4jlocal/neo4jtest"
)

// TestPostJSON checks that postJSON answers every request as
// transport.POST does (status, content type, and the same JSON), and that
// it writes a plain answer itself: without encoding/json's escaping of <.
func TestPostJSON(t *testing.T) {
	st := neo4jtest.Store(t)
	serve := func(tr graphql.Transport) http.Handler {
		srv := handler.New(graph.NewSchema(&graph.Resolver{Store: st, Broker: live.NewMemory()}))
		srv.AddTransport(tr)
		srv.Use(extension.Introspection{})
		srv.SetErrorPresenter(graph.ErrorPresenter)
		return graph.WithLoaders(st, 0, srv)
	}
	fast, slow := serve(postJSON{}), serve(transport.POST{})
	tests := []struct {
		name, body string
		accept     string
		// raw is text the answer holds as gqlgen wrote it, when
		// postJSON writes the answer itself.
		raw string
	}{
		{"plain answer", `{"query": "{ __schema { directives { description } } }"}`, "", "<GEOKG_API_TOKEN>"},
		{"plain answer, graphql-response+json", `{"query": "{ __schema { directives { description } } }"}`, "application/graphql-response+json", "<GEOKG_API_TOKEN>"},
		{"data and an error", `{"query": "{ neighborhood(id: \"no-such-node\") { truncated } }"}`, "", ""},
		{"invalid query", `{"query": "{ noSuchField }"}`, "", ""},
		{"invalid query, graphql-response+json", `{"query": "{ noSuchField }"}`, "application/graphql-response+json", ""},
		{"body not JSON", `{"query": `, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ask := func(h http.Handler) *httptest.ResponseRecorder {
				req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(tt.body))
				req.Header.Set("Content-Type", "application/json")
				if tt.accept != "" {
					req.Header.Set("Accept", tt.accept)
				}
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				return w
			}
			got, want := ask(fast), ask(slow)
			if got.Code != want.Code || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") {
				t.Errorf("status %d, %s; transport.POST: %d, %s", got.Code, got.Header().Get("Content-Type"), want.Code, want.Header().Get("Content-Type"))
			}
			var g, w any
			if err := json.Unmarshal(got.Body.Bytes(), &g); err != nil {
				t.Fatalf("not JSON: %v: %s", err, got.Body.String())
			}
			json.Unmarshal(want.Body.Bytes(), &w)
			if !reflect.DeepEqual(g, w) {
				t.Errorf("got  %s\nwant %s", got.Body.String(), want.Body.String())
			}
			if tt.raw != "" && !strings.Contains(got.Body.String(), tt.raw) {
				t.Errorf("the answer went through encoding/json: no %q in %.200s", tt.raw, got.Body.String())
			}
			if cl := got.Header().Get("Content-Length"); tt.raw != "" && cl != strconv.Itoa(got.Body.Len()) {
				t.Errorf("Content-Length %q for a body of %d bytes", cl, got.Body.Len())
			}
		})
	}
}
