package harness_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/geokg/geokg/bench/harness"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/neo4jlocal"
	"github.com/geokg/geokg/neo4jlocal/neo4jtest"
	"github.com/geokg/geokg/server"
	"github.com/geokg/geokg/store"
)

func TestMain(m *testing.M) {
	// The API logs every request; the smoke test sends a few hundred.
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	neo4jtest.Main(m)
}

// TestSmoke runs the benchmark harness on a tiny corpus against the test
// Neo4j: extraction, a batched load, geokg served in process, the floor,
// and the peer when bench/peer is installed (npm ci); the systems must
// give the same answers, and every query must run without errors. It
// checks that the benchmark works, not how fast anything is: timings on a
// shared test machine prove nothing.
func TestSmoke(t *testing.T) {
	ctx := context.Background()
	cfg := neo4jtest.Config(t) // an empty database
	st, err := store.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	x, err := extract.Default("")
	if err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	const n = 200
	if err := harness.WriteCorpus(x, path, n, 3); err != nil {
		t.Fatal(err)
	}
	arts, err := harness.ReadCorpus(path)
	if err != nil || len(arts) != n {
		t.Fatalf("corpus: %d articles, %v", len(arts), err)
	}
	ex, err := harness.Extraction(x, arts[:100], 1)
	if err != nil || ex.MBps <= 0 {
		t.Fatalf("extraction: %+v, %v", ex, err)
	}
	load, err := harness.Load(ctx, st, x, path, 2, 50)
	if err != nil || load.Articles != n || load.Failed != 0 {
		t.Fatalf("load: %+v, %v", load, err)
	}

	floor, err := harness.NewFloor(ctx, cfg.URI, cfg.User, cfg.Password)
	if err != nil {
		t.Fatal(err)
	}
	defer floor.Close(ctx)
	srv := httptest.NewServer(server.Handler(st, server.Defaults()))
	defer srv.Close()
	geokg, err := harness.NewGraphQL("geokg", srv.URL+"/query", false)
	if err != nil {
		t.Fatal(err)
	}
	targets := []harness.Target{floor, geokg}
	if peer := startPeer(t, cfg); peer != nil {
		targets = append(targets, peer)
	}

	pools, err := harness.ReadPools(ctx, floor)
	if err != nil {
		t.Fatal(err)
	}
	if diffs := harness.Compare(ctx, targets, pools, 4); len(diffs) > 0 {
		t.Errorf("the systems disagree:\n%s", strings.Join(diffs, "\n"))
	}
	res := &harness.Results{Machine: harness.ThisMachine(), Command: "go test ./bench/harness", Extraction: []harness.ExtractRun{ex}, Loads: []harness.LoadRun{load}, Articles: n, Pools: pools}
	for _, q := range harness.Queries {
		for _, tg := range targets {
			s := harness.Measure(ctx, tg, q, pools, 2, harness.Limits{Warmup: 1, MaxRequests: 4, MaxTime: 5 * time.Second})
			if s.Requests == 0 || s.Errors > 0 {
				t.Errorf("%s on %s: %d requests, %d errors: %s", q.Name, tg.Name(), s.Requests, s.Errors, s.FirstError)
			}
			res.Queries = append(res.Queries, s)
		}
	}
	var md bytes.Buffer
	res.Markdown(&md)
	for _, want := range []string{"| who-said-what | 2 |", "| timeline | 2 |", "### Targets", "articles/s"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, md.String())
		}
	}
}

// TestPeerCypherIsTheFloors checks that the peer's @cypher fields hold the
// floor's Cypher, so that both answer with the same query.
func TestPeerCypherIsTheFloors(t *testing.T) {
	b, err := os.ReadFile("../peer/schema.graphql")
	if err != nil {
		t.Fatal(err)
	}
	schema := strings.Join(strings.Fields(string(b)), " ")
	for name, cypher := range map[string]string{"neighbourhood": harness.NeighbourhoodCypher, "timeline": harness.TimelineCypher} {
		if !strings.Contains(schema, strings.Join(strings.Fields(cypher), " ")) {
			t.Errorf("bench/peer/schema.graphql does not hold the floor's %s Cypher (bench/harness/queries.go)", name)
		}
	}
}

// startPeer starts the peer if Node and bench/peer's packages are there;
// nil otherwise (CI installs no npm packages).
func startPeer(t *testing.T, cfg store.Config) *harness.GraphQL {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Log("peer skipped: no node")
		return nil
	}
	if _, err := os.Stat("../peer/node_modules/@neo4j/graphql"); err != nil {
		t.Log("peer skipped: bench/peer/node_modules missing (npm ci in bench/peer)")
		return nil
	}
	port, err := neo4jlocal.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "server.js")
	cmd.Dir = "../peer"
	cmd.Env = append(os.Environ(), "NEO4J_URI="+cfg.URI, "NEO4J_USER="+cfg.User, "NEO4J_PASSWORD="+cfg.Password, fmt.Sprintf("PEER_PORT=%d", port))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		var log strings.Builder
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			log.WriteString(sc.Text() + "\n")
			if strings.HasPrefix(sc.Text(), "peer: ready") {
				ready <- ""
			}
		}
		ready <- log.String()
	}()
	t.Cleanup(func() { cmd.Process.Kill(); <-ended; cmd.Wait() })
	select {
	case log := <-ready:
		if log != "" {
			t.Fatalf("the peer ended before it was ready:\n%s", log)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the peer did not start in 60 s")
	}
	peer, err := harness.NewGraphQL("peer", fmt.Sprintf("http://127.0.0.1:%d/", port), true)
	if err != nil {
		t.Fatal(err)
	}
	return peer
}
