// Package neo4jtest gives tests a real Neo4j: the server named by
// GEOKG_TEST_NEO4J_URI (as `make test` sets it), or else a throwaway local
// one that this package starts on a free port and stops when the tests end.
// Tests skip only under `go test -short`.
package neo4jtest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/geokg/geokg/loader/lexicon"
	"github.com/geokg/geokg/neo4jlocal"
	"github.com/geokg/geokg/store"
)

var (
	once    sync.Once
	cfg     store.Config
	startEr error
	local   *neo4jlocal.Server
	tmpHome string
)

// Main runs a package's tests and stops the throwaway Neo4j, if one was
// started; call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if local != nil {
		if err := local.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
		os.RemoveAll(tmpHome)
	}
	os.Exit(code)
}

func config() (store.Config, error) {
	once.Do(func() {
		if uri := os.Getenv("GEOKG_TEST_NEO4J_URI"); uri != "" {
			cfg = store.Config{URI: uri, User: os.Getenv("GEOKG_TEST_NEO4J_USER"), Password: os.Getenv("GEOKG_TEST_NEO4J_PASSWORD")}
			return
		}
		tmpHome, startEr = os.MkdirTemp("", "geokg-neo4jtest-")
		if startEr != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		local, startEr = neo4jlocal.Start(ctx, neo4jlocal.Options{Home: tmpHome, Password: "test-password", Log: os.Stderr})
		if startEr == nil {
			cfg = store.Config{URI: local.URI, User: local.User, Password: local.Password}
		}
	})
	return cfg, startEr
}

// Store returns a store on an empty database with the schema set up. The
// database is wiped, so only point GEOKG_TEST_NEO4J_URI at a throwaway
// server.
func Store(t testing.TB) *store.Store {
	t.Helper()
	if testing.Short() {
		t.Skip("needs Neo4j; skipped under -short")
	}
	c, err := config()
	if err != nil {
		t.Fatalf("start neo4j for tests: %v", err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, c)
	if err != nil {
		t.Fatalf("open neo4j %s: %v", c.URI, err)
	}
	t.Cleanup(func() { st.Close(ctx) })
	if err := st.Wipe(ctx); err != nil {
		t.Fatalf("wipe: %v", err)
	}
	lx, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Setup(ctx, store.TopicsOf(lx)); err != nil {
		t.Fatalf("setup: %v", err)
	}
	return st
}

// Config returns the test server's connection settings (starting it if
// needed), for tests that run the binary's Run with NEO4J_URI.
func Config(t testing.TB) store.Config {
	t.Helper()
	Store(t)
	return cfg
}
