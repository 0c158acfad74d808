package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/geokg/geokg/neo4jlocal"
	"github.com/geokg/geokg/server"
	"github.com/geokg/geokg/store"
)

// TestNeo4jOutage stops the real Neo4j under a running API: /readyz turns
// 503 and queries fail with UNAVAILABLE (not INTERNAL, not a hang); when
// Neo4j is back, the API recovers by itself, without a restart. It runs its
// own Neo4j, since it stops it.
func TestNeo4jOutage(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and stops its own Neo4j; skipped under -short")
	}
	ctx := context.Background()
	port, err := neo4jlocal.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	opts := neo4jlocal.Options{Home: t.TempDir(), Port: port, Password: "outage-test", Log: os.Stderr}
	srv, err := neo4jlocal.Start(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Stop() }()
	st, err := store.Open(ctx, store.Config{URI: srv.URI, User: srv.User, Password: srv.Password})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	h := server.Handler(st, server.Defaults())
	const q = `{"query": "{ statements(first: 1) { totalCount } }"}`
	ready := func() int {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/readyz", nil))
		return w.Code
	}
	if c := ready(); c != http.StatusOK {
		t.Fatalf("/readyz before the outage: %d", c)
	}
	// A fresh server plans its first queries slowly on a busy machine: ask
	// until the answer comes, so that the outage is what the test sees.
	for deadline := time.Now().Add(2 * time.Minute); ; {
		_, r := post(t, h, q)
		if code(r) == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("query before the outage: %+v", r.Errors)
		}
	}

	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	if c := ready(); c != http.StatusServiceUnavailable {
		t.Errorf("/readyz with Neo4j down: %d, want 503", c)
	}
	start := time.Now()
	if _, r := post(t, h, q); code(r) != "UNAVAILABLE" {
		t.Errorf("query with Neo4j down: %+v, want code UNAVAILABLE", r.Errors)
	}
	t.Logf("query with Neo4j down answered in %s", time.Since(start).Round(time.Millisecond))

	if srv, err = neo4jlocal.Start(ctx, opts); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	for ready() != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatal("/readyz did not recover within a minute of Neo4j's restart")
		}
		time.Sleep(250 * time.Millisecond)
	}
	if _, r := post(t, h, q); code(r) != "" {
		t.Errorf("query after recovery: %+v", r.Errors)
	}
}
