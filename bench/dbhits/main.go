// Command dbhits compares the database work of geokg's answers to the
// benchmark queries with the floor's (bench/harness): for each query it
// sends the first requests through geokg's GraphQL handler, in process,
// with every Cypher query under PROFILE (store.WithDBHits), and runs the
// floor's Cypher under PROFILE too, then prints the database hits and the
// Cypher round trips per request, and the median latency of both without
// profiling. It reads the graph NEO4J_URI names (NEO4J_USER,
// NEO4J_PASSWORD), which must hold a loaded corpus:
//
//	go run ./bench/gen -n 10000 -seed 1 > /tmp/c.jsonl
//	go run ./cmd/geokg load /tmp/c.jsonl      # with NEO4J_URI set
//	go run ./bench/dbhits -n 8
//
// With -compare N it instead checks that geokg and the floor give the same
// answers to the first N requests of every query.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sync/atomic"
	"time"

	"github.com/geokg/geokg/bench/harness"
	"github.com/geokg/geokg/server"
	"github.com/geokg/geokg/store"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func main() {
	n := flag.Int("n", 8, "requests per query")
	reps := flag.Int("reps", 3, "timed repetitions of each request, unprofiled")
	only := flag.String("q", "", "only the query of this name")
	compare := flag.Int("compare", 0, "compare the answers to this many requests per query instead")
	flag.Parse()
	if err := run(*n, *reps, *only, *compare); err != nil {
		fmt.Fprintln(os.Stderr, "dbhits:", err)
		os.Exit(1)
	}
}

func run(n, reps int, only string, compare int) error {
	ctx := context.Background()
	cfg, ok := store.ConfigFromEnv()
	if !ok {
		return errors.New("NEO4J_URI is not set")
	}
	st, err := store.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close(ctx)
	fl, err := harness.NewFloor(ctx, cfg.URI, cfg.User, cfg.Password)
	if err != nil {
		return fmt.Errorf("floor: %w", err)
	}
	defer fl.Close(ctx)
	pools, err := harness.ReadPools(ctx, fl)
	if err != nil {
		return fmt.Errorf("parameter pools: %w", err)
	}
	var hits, trips atomic.Int64
	var profile atomic.Bool
	gql := server.GraphQL(st, server.Defaults())
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := store.WithQueryCounter(r.Context(), &trips)
		if profile.Load() {
			c = store.WithDBHits(c, &hits)
		}
		gql.ServeHTTP(w, r.WithContext(c))
	})
	if compare > 0 {
		hs := httptest.NewServer(h)
		defer hs.Close()
		g, err := harness.NewGraphQL("geokg", hs.URL, false)
		if err != nil {
			return err
		}
		diffs := harness.Compare(ctx, []harness.Target{fl, g}, pools, compare)
		fmt.Printf("%d requests per query: %d differences\n", compare, len(diffs))
		for _, d := range diffs {
			fmt.Println(" ", d)
		}
		return nil
	}
	ask := func(q harness.Query, p harness.Params) error {
		b, err := json.Marshal(map[string]any{"query": q.GeoKG, "variables": p.GeoKG})
		if err != nil {
			return err
		}
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		var out struct{ Errors []struct{ Message string } }
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			return fmt.Errorf("%s: %w", q.Name, err)
		}
		if len(out.Errors) > 0 {
			return fmt.Errorf("%s: %s", q.Name, out.Errors[0].Message)
		}
		return nil
	}
	floorHits := func(q harness.Query, p harness.Params) (int64, error) {
		sess := fl.Driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead})
		defer sess.Close(ctx)
		res, err := sess.Run(ctx, "PROFILE "+q.Cypher, p.Cypher)
		if err != nil {
			return 0, err
		}
		if _, err := res.Collect(ctx); err != nil {
			return 0, err
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			return 0, err
		}
		return store.DBHits(sum.Profile()), nil
	}
	for _, q := range harness.Queries {
		if only != "" && q.Name != only {
			continue
		}
		var gh, fh, gt int64
		var gd, fd []time.Duration
		for i := 0; i < n; i++ {
			p := q.Params(pools, i)
			hits.Store(0)
			trips.Store(0)
			profile.Store(true)
			err := ask(q, p)
			profile.Store(false)
			if err != nil {
				return err
			}
			gh, gt = gh+hits.Load(), gt+trips.Load()
			f, err := floorHits(q, p)
			if err != nil {
				return fmt.Errorf("%s on the floor: %w", q.Name, err)
			}
			fh += f
			for range reps {
				t := time.Now()
				if _, err := fl.Read(ctx, q.Cypher, p.Cypher); err != nil {
					return fmt.Errorf("%s on the floor: %w", q.Name, err)
				}
				fd = append(fd, time.Since(t))
				t = time.Now()
				if err := ask(q, p); err != nil {
					return err
				}
				gd = append(gd, time.Since(t))
			}
		}
		fmt.Printf("%-17s db hits per request: geokg %8d floor %8d (%.2f×); geokg round trips %.1f", q.Name, gh/int64(n), fh/int64(n), float64(gh)/float64(max(fh, 1)), float64(gt)/float64(n))
		if reps > 0 {
			fmt.Printf("; p50 ms: geokg %.1f floor %.1f (%.2f×)", median(gd), median(fd), median(gd)/median(fd))
		}
		fmt.Println()
	}
	return nil
}

// median is the median of ds in milliseconds.
func median(ds []time.Duration) float64 {
	slices.Sort(ds)
	return float64(ds[len(ds)/2].Microseconds()) / 1000
}
