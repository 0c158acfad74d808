// Command run is geokg's benchmark (issue 6, BENCHMARKS.md): on a local
// Neo4j of its own it generates corpora, measures extraction alone, loads
// the corpora (with a sweep over batch sizes and workers), then serves the
// last one with geokg and with the Neo4j GraphQL Library (bench/peer) and
// measures five queries on both and as hand-written Cypher (the floor), at
// several numbers of concurrent clients. It writes results.json and
// report.md into its work directory and prints the report.
//
//	go run ./bench/run                  # everything (bench/run.sh, make bench)
//	go run ./bench/run -n 10000,30000   # smaller corpora
//	go run ./bench/run -phases query    # queries again on the graph a -keep run left
//
// Everything listens on 127.0.0.1; every request loop stops after
// -requests requests or -duration, whichever comes first, shared out over
// -rounds rounds in which the systems take turns.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/geokg/geokg/bench/harness"
	"github.com/geokg/geokg/loader"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/neo4jlocal"
	"github.com/geokg/geokg/store"
)

type options struct {
	work        string
	sizes       []int
	seed        int64
	batches     []int
	workers     []int
	batch1      int
	clients     []int
	requests    int
	duration    time.Duration
	warmup      int
	rounds      int
	warmupTime  time.Duration
	loadTimeout time.Duration
	phases      map[string]bool
	peer        bool
	keep        bool
	only        map[string]bool
}

func main() {
	var o options
	var sizes, batches, workers, clients, phases, only string
	flag.StringVar(&o.work, "work", "bench/.work", "work directory: corpora, Neo4j data, servers' logs, results")
	flag.StringVar(&sizes, "n", "10000,100000", "corpus sizes to load, comma-separated; the sweep runs on the first, the queries on the last")
	flag.Int64Var(&o.seed, "seed", 1, "corpus seed")
	flag.StringVar(&batches, "sweep-batch", "1,10,50,200", "batch sizes of the load sweep (at the default workers)")
	flag.StringVar(&workers, "sweep-workers", "1,2,8", "workers of the load sweep (at the default batch)")
	flag.IntVar(&o.batch1, "batch1-articles", 1000, "articles the sweep loads with batch size 1 (one transaction each is slow)")
	flag.StringVar(&clients, "clients", "1,8,32", "concurrent clients of the query benchmark")
	flag.IntVar(&o.requests, "requests", 2000, "at most this many requests per query, system and number of clients")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "at most this long per query, system and number of clients")
	flag.IntVar(&o.warmup, "warmup", 20, "requests before each measurement, not counted")
	flag.IntVar(&o.rounds, "rounds", 3, "rounds per query and number of clients: each gives every system an equal share of the requests and time, the systems' order turning each round")
	flag.DurationVar(&o.warmupTime, "warmup-time", 5*time.Second, "how long each system answers each query at 8 clients, not measured, before the measurements: Neo4j's JIT and page cache take seconds to warm after a start")
	flag.DurationVar(&o.loadTimeout, "load-timeout", 30*time.Minute, "stop a load after this long and report what it did")
	flag.StringVar(&phases, "phases", "extract,load,query", "what to run: extract, load (sweep and loads), query")
	flag.BoolVar(&o.peer, "peer", true, "benchmark the peer too (needs node and bench/peer/node_modules: npm ci in bench/peer)")
	flag.StringVar(&only, "queries", "", "measure only these queries, comma-separated names (default: all five)")
	flag.BoolVar(&o.keep, "keep", false, "keep Neo4j's data in the work directory (about 10 GB after the 100k load), for -phases query")
	flag.Parse()
	var err error
	if o.sizes, err = ints(sizes); err == nil {
		if o.batches, err = ints(batches); err == nil {
			if o.workers, err = ints(workers); err == nil {
				o.clients, err = ints(clients)
			}
		}
	}
	if err != nil || len(o.sizes) == 0 || len(o.clients) == 0 {
		fmt.Fprintf(os.Stderr, "bench: bad list: %v\n", err)
		os.Exit(2)
	}
	o.phases = map[string]bool{}
	for _, p := range strings.Split(phases, ",") {
		o.phases[strings.TrimSpace(p)] = true
	}
	if only != "" {
		o.only = map[string]bool{}
		known := map[string]bool{}
		for _, q := range harness.Queries {
			known[q.Name] = true
		}
		for _, n := range strings.Split(only, ",") {
			n = strings.TrimSpace(n)
			if !known[n] {
				fmt.Fprintf(os.Stderr, "bench: -queries: no query %q\n", n)
				os.Exit(2)
			}
			o.only[n] = true
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func ints(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q: want positive integers", s)
		}
		out = append(out, n)
	}
	return out, nil
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

func run(ctx context.Context, o options) error {
	if _, err := os.Stat("cmd/geokg"); err != nil {
		return errors.New("run from the root of the geokg checkout (bench/run.sh does)")
	}
	if err := os.MkdirAll(o.work, 0o755); err != nil {
		return err
	}
	work, err := filepath.Abs(o.work)
	if err != nil {
		return err
	}
	res := &harness.Results{Machine: harness.ThisMachine(), Command: "go run ./bench/run " + strings.Join(os.Args[1:], " ")}
	if len(os.Args) == 1 {
		res.Command = "make bench"
	}
	x, err := extract.Default("")
	if err != nil {
		return err
	}

	// Corpora.
	paths := map[int]string{}
	need := append([]int{}, o.sizes...)
	if o.phases["load"] && len(o.batches) > 0 {
		need = append(need, min(o.batch1, o.sizes[0]))
	}
	for _, n := range need {
		paths[n] = filepath.Join(work, fmt.Sprintf("corpus-%d-seed%d.jsonl", n, o.seed))
		if o.phases["load"] || o.phases["extract"] {
			logf("corpus of %d articles: %s", n, paths[n])
			if err := harness.WriteCorpus(x, paths[n], n, o.seed); err != nil {
				return err
			}
		}
	}

	// Extraction alone, before Neo4j takes its share of the cores.
	if o.phases["extract"] {
		arts, err := harness.ReadCorpus(paths[o.sizes[0]])
		if err != nil {
			return err
		}
		for _, g := range []int{1, runtime.NumCPU()} {
			if g == 1 && len(res.Extraction) > 0 {
				continue
			}
			r, err := harness.Extraction(x, arts, g)
			if err != nil {
				return err
			}
			logf("extraction, %d goroutines: %.2f MB/s (%.2f per core)", g, r.MBps, r.PerCore)
			res.Extraction = append(res.Extraction, r)
			if runtime.NumCPU() == 1 {
				break
			}
		}
	}

	if !o.phases["load"] && !o.phases["query"] {
		return finish(res, work)
	}

	// A Neo4j of our own: loads wipe it.
	home := filepath.Join(work, "neo4j")
	if o.phases["load"] {
		os.RemoveAll(home)
	}
	for k, v := range map[string]string{"NEO4J_HEAP": "4g", "NEO4J_PAGECACHE": "4g", "NEO4J_TX_MEMORY": "2g"} {
		if os.Getenv(k) == "" {
			os.Setenv(k, v)
		}
	}
	port, err := neo4jlocal.FreePort()
	if err != nil {
		return err
	}
	logf("starting Neo4j in %s on port %d (heap %s, page cache %s)", home, port, os.Getenv("NEO4J_HEAP"), os.Getenv("NEO4J_PAGECACHE"))
	srv, err := neo4jlocal.Start(ctx, neo4jlocal.Options{Home: home, Port: port, Password: "bench-local", Log: os.Stderr})
	if err != nil {
		return err
	}
	defer func() {
		logf("stopping Neo4j")
		if err := srv.Stop(); err != nil {
			logf("%v", err)
		}
		if !o.keep {
			// Its transaction logs of the loads take gigabytes.
			os.RemoveAll(home)
		}
	}()
	cfg := store.Config{URI: srv.URI, User: srv.User, Password: srv.Password}
	st, err := store.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	if err := st.Setup(ctx, store.TopicsOf(x.Lexicon())); err != nil {
		return err
	}
	floor, err := harness.NewFloor(ctx, cfg.URI, cfg.User, cfg.Password)
	if err != nil {
		return err
	}
	defer floor.Close(context.Background())
	if recs, err := floor.Read(ctx, `CALL dbms.components() YIELD name, versions, edition RETURN name + ' ' + versions[0] + ' ' + edition AS v`, nil); err == nil && len(recs) > 0 {
		res.Machine.Neo4j = fmt.Sprint(recs[0]["v"])
	}

	if o.phases["load"] {
		if err := loads(ctx, o, res, st, floor, x, paths); err != nil {
			return err
		}
	}

	if o.phases["query"] {
		n, err := st.CountArticles(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return errors.New("the graph is empty: run the load phase first")
		}
		res.Articles = n
		if err := queries(ctx, o, res, work, cfg, floor); err != nil {
			return err
		}
	}

	return finish(res, work)
}

// finish writes results.json and report.md and prints the report.
func finish(res *harness.Results, work string) error {
	res.Machine.LoadEnd = harness.LoadAvg()
	res.Machine.Finished = time.Now().UTC().Format(time.RFC3339)
	b, _ := json.MarshalIndent(res, "", "  ")
	if err := os.WriteFile(filepath.Join(work, "results.json"), b, 0o644); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(work, "report.md"))
	if err != nil {
		return err
	}
	res.Markdown(io.MultiWriter(f, os.Stdout))
	logf("wrote %s and %s", filepath.Join(work, "results.json"), filepath.Join(work, "report.md"))
	return f.Close()
}

// defaultWorkers is `geokg load`'s default.
const defaultWorkers = 4

// loads runs the sweep on the first corpus and then loads each corpus into
// an empty graph with the defaults; the last stays for the queries.
func loads(ctx context.Context, o options, res *harness.Results, st *store.Store, floor *harness.Floor, x *extract.Extractor, paths map[int]string) error {
	one := func(path string, workers, batch int) (harness.LoadRun, error) {
		if err := harness.Wipe(ctx, floor, st, x); err != nil {
			return harness.LoadRun{}, err
		}
		lctx, cancel := context.WithTimeout(ctx, o.loadTimeout)
		defer cancel()
		r, err := harness.Load(lctx, st, x, path, workers, batch)
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			res.Notes = append(res.Notes, fmt.Sprintf("The load of %s stopped after %s (-load-timeout) with %d articles written.", filepath.Base(path), o.loadTimeout, r.Articles))
			err = nil
		}
		logf("load %s, %d workers, batch %d: %d articles in %.1fs, %.0f/s", filepath.Base(path), workers, batch, r.Articles, r.Seconds, r.PerSec)
		return r, err
	}
	first := o.sizes[0]
	type cell struct{ workers, batch int }
	var grid []cell
	for _, b := range o.batches {
		grid = append(grid, cell{defaultWorkers, b})
	}
	for _, w := range o.workers {
		if w != defaultWorkers {
			grid = append(grid, cell{w, loader.DefaultBatchSize})
		}
	}
	var reuse *harness.LoadRun
	for _, c := range grid {
		path := paths[first]
		if c.batch == 1 {
			path = paths[min(o.batch1, first)]
		}
		r, err := one(path, c.workers, c.batch)
		if err != nil {
			return err
		}
		res.Sweep = append(res.Sweep, r)
		if c.workers == defaultWorkers && c.batch == loader.DefaultBatchSize && r.Articles == first {
			reuse = &res.Sweep[len(res.Sweep)-1]
		}
	}
	for i, n := range o.sizes {
		last := i == len(o.sizes)-1
		if n == first && reuse != nil && !last {
			res.Loads = append(res.Loads, *reuse)
			continue
		}
		r, err := one(paths[n], defaultWorkers, loader.DefaultBatchSize)
		if err != nil {
			return err
		}
		res.Loads = append(res.Loads, r)
	}
	return nil
}

// queries serves the graph with geokg and the peer and measures the five
// queries on them and on the floor.
func queries(ctx context.Context, o options, res *harness.Results, work string, cfg store.Config, floor *harness.Floor) error {
	env := append(os.Environ(), "NEO4J_URI="+cfg.URI, "NEO4J_USER="+cfg.User, "NEO4J_PASSWORD="+cfg.Password)

	bin := filepath.Join(work, "geokg")
	logf("building geokg")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/geokg").CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/geokg: %v\n%s", err, out)
	}
	gport, err := neo4jlocal.FreePort()
	if err != nil {
		return err
	}
	geokgURL := fmt.Sprintf("http://127.0.0.1:%d/query", gport)
	gsrv, err := startProcess(ctx, filepath.Join(work, "geokg-serve.log"), env, bin, "serve", "--addr", fmt.Sprintf("127.0.0.1:%d", gport))
	if err != nil {
		return err
	}
	defer gsrv.stop()
	geokg, err := harness.NewGraphQL("geokg", geokgURL, false)
	if err != nil {
		return err
	}
	if err := waitGraphQL(ctx, geokg, 2*time.Minute); err != nil {
		return fmt.Errorf("geokg serve: %w (log: %s)", err, filepath.Join(work, "geokg-serve.log"))
	}
	targets := []harness.Target{floor, geokg}

	if o.peer {
		peer, stopPeer, err := startPeer(ctx, work, env)
		if err != nil {
			res.Notes = append(res.Notes, "The peer was not measured: "+err.Error())
			logf("peer: %v", err)
		} else {
			defer stopPeer()
			targets = append(targets, peer)
			if v, err := exec.Command("node", "--version").Output(); err == nil {
				res.Machine.Node = strings.TrimSpace(string(v))
			}
		}
	}

	pools, err := harness.ReadPools(ctx, floor)
	if err != nil {
		return err
	}
	res.Pools = pools
	res.Agree = harness.Compare(ctx, targets, pools, 5)
	for _, d := range res.Agree {
		logf("answers differ: %s", d)
	}
	if o.warmupTime > 0 {
		logf("warming up: every query on every system for %s", o.warmupTime)
		warm := harness.Limits{MaxRequests: math.MaxInt32, MaxTime: o.warmupTime, Timeout: time.Minute}
		for _, q := range harness.Queries {
			if o.only != nil && !o.only[q.Name] {
				continue
			}
			for _, t := range targets {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				harness.Measure(ctx, t, q, pools, 8, warm)
			}
		}
	}
	lim := harness.Limits{Warmup: o.warmup, MaxRequests: o.requests, MaxTime: o.duration, Timeout: time.Minute}
	for _, q := range harness.Queries {
		if o.only != nil && !o.only[q.Name] {
			continue
		}
		for _, c := range o.clients {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			for _, s := range harness.MeasureRounds(ctx, targets, q, pools, c, lim, o.rounds) {
				logf("%-16s %-5s ×%-2d p50 %7.1f ms  p99 %7.1f ms  %7.1f req/s  (%d requests, %d errors)",
					q.Name, s.Target, c, s.P50ms, s.P99ms, s.PerSec, s.Requests, s.Errors)
				res.Queries = append(res.Queries, s)
			}
		}
	}
	return nil
}

// startPeer starts bench/peer/server.js on a free port.
func startPeer(ctx context.Context, work string, env []string) (*harness.GraphQL, func(), error) {
	if _, err := exec.LookPath("node"); err != nil {
		return nil, nil, errors.New("node is not installed")
	}
	if _, err := os.Stat("bench/peer/node_modules/@neo4j/graphql"); err != nil {
		return nil, nil, errors.New("bench/peer/node_modules is missing: run npm ci in bench/peer (bench/run.sh does)")
	}
	port, err := neo4jlocal.FreePort()
	if err != nil {
		return nil, nil, err
	}
	p, err := startProcess(ctx, filepath.Join(work, "peer.log"), append(env, fmt.Sprintf("PEER_PORT=%d", port)), "node", "bench/peer/server.js")
	if err != nil {
		return nil, nil, err
	}
	peer, err := harness.NewGraphQL("peer", fmt.Sprintf("http://127.0.0.1:%d/", port), true)
	if err == nil {
		err = waitGraphQL(ctx, peer, 2*time.Minute)
	}
	if err != nil {
		p.stop()
		return nil, nil, fmt.Errorf("%w (log: %s)", err, filepath.Join(work, "peer.log"))
	}
	return peer, p.stop, nil
}

// process is a server this program started; stop ends it.
type process struct {
	cmd  *exec.Cmd
	done chan struct{}
	log  *os.File
}

func startProcess(ctx context.Context, logPath string, env []string, name string, args ...string) (*process, error) {
	log, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(name, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &process{cmd: cmd, done: make(chan struct{}), log: log}
	go func() { cmd.Wait(); close(p.done) }()
	return p, nil
}

func (p *process) stop() {
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
	p.log.Close()
}

// waitGraphQL waits until the endpoint answers a GraphQL request.
func waitGraphQL(ctx context.Context, g *harness.GraphQL, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, g.URL, strings.NewReader(`{"query":"{ __typename }"}`))
		req.Header.Set("Content-Type", "application/json")
		resp, err := g.Client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("HTTP %d", resp.StatusCode)
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("%s did not answer at %s: %v", g.Name(), g.URL, err)
		}
		time.Sleep(300 * time.Millisecond)
	}
}
