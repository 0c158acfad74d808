package server_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/geokg/geokg/neo4jlocal/neo4jtest"
	"github.com/geokg/geokg/server"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

type response struct {
	Data   map[string]any
	Errors []struct {
		Message    string
		Extensions map[string]any
	}
}

func post(t *testing.T, h http.Handler, body string) (int, response) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	var r response
	json.Unmarshal(w.Body.Bytes(), &r)
	return w.Code, r
}

func code(r response) string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// TestLimits checks the request limits of the whole handler.
func TestLimits(t *testing.T) {
	st := neo4jtest.Store(t)
	small := server.Defaults()
	small.MaxBodyBytes = 2000
	timeout := server.Defaults()
	timeout.QueryTimeout = time.Nanosecond
	big := `{"query": "{ topics { totalCount } }", "variables": {"pad": "` + strings.Repeat("x", 3000) + `"}}`
	tests := []struct {
		name     string
		cfg      server.Config
		body     string
		chunked  bool
		status   int    // HTTP status, when not 200
		code     string // extensions.code, when an error
		wantData bool
	}{
		{"a small request passes", small, `{"query": "{ topics { totalCount } }"}`, false, 200, "", true},
		{"a large body is refused", small, big, false, http.StatusRequestEntityTooLarge, "", false},
		{"a large body without length is cut", small, big, true, 200, "BAD_USER_INPUT", false},
		{"the deadline reaches the store", timeout, `{"query": "{ statements { totalCount } }"}`, false, 200, "UNAVAILABLE", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := server.Handler(st, tt.cfg)
			req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			if tt.chunked {
				req.ContentLength = -1
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.status, w.Body.String())
			}
			var r response
			json.Unmarshal(w.Body.Bytes(), &r)
			if code(r) != tt.code || tt.wantData && r.Data == nil {
				t.Errorf("code %q, data %v; want %q: %s", code(r), r.Data, tt.code, w.Body.String())
			}
		})
	}
}

// TestPersistedQueries checks automatic persisted queries over POST and
// GET: a hash alone is unknown until the query has been sent once.
func TestPersistedQueries(t *testing.T) {
	h := server.Handler(neo4jtest.Store(t), server.Defaults())
	query := `{ topics(first: 1) { totalCount } }`
	sum := sha256.Sum256([]byte(query))
	hash := hex.EncodeToString(sum[:])
	ext := `"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "` + hash + `"}}`
	if _, r := post(t, h, `{`+ext+`}`); code(r) != "PERSISTED_QUERY_NOT_FOUND" {
		t.Errorf("hash before the query: %+v", r)
	}
	if _, r := post(t, h, `{"query": "`+query+`", `+ext+`}`); r.Data == nil || len(r.Errors) > 0 {
		t.Errorf("query with hash: %+v", r)
	}
	if _, r := post(t, h, `{`+ext+`}`); r.Data == nil || len(r.Errors) > 0 {
		t.Errorf("hash after the query: %+v", r)
	}
	get := httptest.NewRequest(http.MethodGet, "/query?extensions="+url.QueryEscape(`{"persistedQuery": {"version": 1, "sha256Hash": "`+hash+`"}}`), nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, get)
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"totalCount"`) {
		t.Errorf("GET with hash: %d %s", w.Code, w.Body.String())
	}
	if _, r := post(t, h, `{"query": "{ topics { totalCount } }", `+ext+`}`); code(r) != "BAD_USER_INPUT" {
		t.Errorf("query that does not match its hash: %+v", r)
	}
}

// TestIntrospectionSwitch checks that introspection and the playground
// follow the setting.
func TestIntrospectionSwitch(t *testing.T) {
	st := neo4jtest.Store(t)
	for _, on := range []bool{true, false} {
		cfg := server.Defaults()
		cfg.Introspection = on
		h := server.Handler(st, cfg)
		status, r := post(t, h, `{"query": "{ __schema { queryType { name } } }"}`)
		if got := status == 200 && len(r.Errors) == 0; got != on || !on && code(r) != "FORBIDDEN" {
			t.Errorf("introspection %v: status %d, %+v", on, status, r)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
		if got := w.Code == 200; got != on {
			t.Errorf("introspection %v: playground answers %d", on, w.Code)
		}
	}
}

// TestWebsocketOrigins checks that websockets are held to the CORS
// origins and speak graphql-transport-ws.
func TestWebsocketOrigins(t *testing.T) {
	srv := httptest.NewServer(server.Handler(neo4jtest.Store(t), server.Defaults()))
	defer srv.Close()
	u := "ws" + strings.TrimPrefix(srv.URL, "http") + "/query"
	tests := []struct {
		origin string
		ok     bool
	}{
		{"http://localhost:3000", true},
		{"https://evil.example", false},
	}
	for _, tt := range tests {
		t.Run(tt.origin, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			c, resp, err := websocket.Dial(ctx, u, &websocket.DialOptions{
				Subprotocols: []string{"graphql-transport-ws"},
				HTTPHeader:   http.Header{"Origin": {tt.origin}},
			})
			if resp != nil && resp.Body != nil {
				io.Copy(io.Discard, resp.Body)
			}
			if (err == nil) != tt.ok {
				t.Fatalf("dial from %s: %v", tt.origin, err)
			}
			if err == nil {
				defer c.CloseNow()
				if c.Subprotocol() != "graphql-transport-ws" {
					t.Errorf("subprotocol %q", c.Subprotocol())
				}
			}
		})
	}
}
