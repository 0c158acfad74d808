package loadtest

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/geokg/geokg/loader"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/neo4jlocal/neo4jtest"
	"github.com/geokg/geokg/server"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// TestShortLoad is the CI form of the load script: the mixed query load of
// bench/load with 8 clients against the real server and Neo4j holding
// testdata, bounded by a number of requests (time is only an upper bound,
// since a busy CI machine may be slow), without a single error.
func TestShortLoad(t *testing.T) {
	st := neo4jtest.Store(t)
	x, err := extract.Default("")
	if err != nil {
		t.Fatal(err)
	}
	l := &loader.Loader{Extractor: x, Store: st}
	if sum, err := l.Load(context.Background(), []string{"../../testdata/articles"}); err != nil || sum.Failed > 0 {
		t.Fatalf("load: %s %v", sum, err)
	}
	srv := httptest.NewServer(server.Handler(st, server.Defaults()))
	defer srv.Close()
	res, err := Run(context.Background(), Config{URL: srv.URL + "/query", Clients: 8, Duration: 3 * time.Minute, MaxRequests: 20 * len(Mix)})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", res)
	if res.Errors > 0 || res.Requests != 20*len(Mix) {
		t.Errorf("%d errors in %d requests: %s", res.Errors, res.Requests, res.FirstError)
	}
}
