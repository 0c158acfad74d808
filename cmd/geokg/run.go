package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/live"
	"github.com/geokg/geokg/loader"
	"github.com/geokg/geokg/loader/eval"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/metrics"
	"github.com/geokg/geokg/neo4jlocal"
	"github.com/geokg/geokg/server"
	"github.com/geokg/geokg/store"
)

const usage = `geokg — who said what, about which issue, when, where, in which article.

Usage:
  geokg serve [flags]          serve the GraphQL API and playground
  geokg load [flags] PATH...   extract articles and write them to Neo4j
  geokg extract [flags] FILE   print one article's extraction as JSON (no Neo4j)
  geokg eval [flags] DIR       score extraction against the *.gold.json files in DIR

Neo4j: when NEO4J_URI is set (with NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE), serve and load use that server (bolt://, neo4j:// routing,
neo4j+s:// for Aura). Otherwise they start the project's local Neo4j
(neo4jlocal/) with its data in GEOKG_NEO4J_HOME (default .geokg/neo4j) on
GEOKG_NEO4J_PORT (default 7687), and stop it on exit.

Run 'geokg COMMAND --help' for the flags of a command.
`

// Run runs the geokg command line and returns the exit status: 0 on
// success, 1 when something failed, 2 on bad usage.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if err := loadConfigFile(args[1:]); err != nil {
		fmt.Fprintf(stderr, "geokg: %v\n", err)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(ctx, args[1:], stdout, stderr)
	case "load":
		err = load(ctx, args[1:], stdout, stderr)
	case "extract":
		err = extractCmd(args[1:], stdout, stderr)
	case "eval":
		err = evalCmd(args[1:], stdout, stderr)
	default:
		fmt.Fprintf(stderr, "geokg: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintf(stderr, "geokg %s: %v\n", args[0], err)
		return 1
	}
}

var errUsage = errors.New("usage")

// errFailed reports that some inputs failed; they were already listed.
var errFailed = errors.New("some articles failed to load")

func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: geokg %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// neo4jFlags are the settings of the local Neo4j, used when NEO4J_URI is
// unset.
type neo4jFlags struct {
	home string
	port int
	kb   string
}

func (n *neo4jFlags) register(fs *flag.FlagSet, set *settings) {
	registerConfig(fs)
	fs.StringVar(&n.home, "neo4j-home", set.str("GEOKG_NEO4J_HOME", ".geokg/neo4j"), "data directory of the local Neo4j, when NEO4J_URI is unset (env GEOKG_NEO4J_HOME)")
	fs.IntVar(&n.port, "neo4j-port", set.integer("GEOKG_NEO4J_PORT", 7687, 1, 65535), "Bolt port of the local Neo4j, when NEO4J_URI is unset (env GEOKG_NEO4J_PORT)")
	fs.StringVar(&n.kb, "kb", set.str("GEOKG_KB_DIR", ""), "directory of knowledge-base files added to the built-in ones (env GEOKG_KB_DIR)")
}

// connect opens the store: NEO4J_URI if set, else the local Neo4j, which the
// returned stop function shuts down.
func (n *neo4jFlags) connect(ctx context.Context, stderr io.Writer) (*store.Store, func(), error) {
	cfg, ok := store.ConfigFromEnv()
	stop := func() {}
	if !ok {
		fmt.Fprintf(stderr, "geokg: NEO4J_URI is unset; starting the local Neo4j in %s on port %d\n", n.home, n.port)
		t0 := time.Now()
		srv, err := neo4jlocal.Start(ctx, neo4jlocal.Options{Home: n.home, Port: n.port, Password: env("GEOKG_NEO4J_PASSWORD", "geokg-local"), Log: stderr})
		if err != nil {
			return nil, nil, err
		}
		fmt.Fprintf(stderr, "geokg: local Neo4j ready at %s in %.1fs\n", srv.URI, time.Since(t0).Seconds())
		cfg = store.Config{URI: srv.URI, User: srv.User, Password: srv.Password}
		stop = func() {
			fmt.Fprintln(stderr, "geokg: stopping the local Neo4j")
			if err := srv.Stop(); err != nil {
				fmt.Fprintln(stderr, err)
			}
		}
	}
	st, err := openWithRetry(ctx, cfg, stderr)
	if err != nil {
		stop()
		return nil, nil, err
	}
	return st, func() { st.Close(context.Background()); stop() }, nil
}

// openWithRetry waits for Neo4j with backoff: a server that is still
// starting is normal, not an error.
func openWithRetry(ctx context.Context, cfg store.Config, stderr io.Writer) (*store.Store, error) {
	delay := 500 * time.Millisecond
	deadline := time.Now().Add(2 * time.Minute)
	for {
		st, err := store.Open(ctx, cfg)
		if err == nil {
			return st, nil
		}
		if !errors.Is(err, store.ErrUnavailable) || time.Now().After(deadline) {
			return nil, err
		}
		fmt.Fprintf(stderr, "geokg: waiting for Neo4j at %s: %v\n", cfg.URI, err)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(delay):
		}
		delay = min(delay*2, 10*time.Second)
	}
}

func newLoader(st *store.Store, kbDir string, log io.Writer) (*loader.Loader, error) {
	x, err := extract.Default(kbDir)
	if err != nil {
		return nil, err
	}
	return &loader.Loader{Extractor: x, Store: st, Log: log}, nil
}

func setup(ctx context.Context, st *store.Store, l *loader.Loader) error {
	return st.Setup(ctx, store.TopicsOf(l.Extractor.Lexicon()))
}

func load(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("load", "load [flags] PATH...\n\nExtracts each article — JSON files, JSONL files (one article per line), plain-text files (*.txt:\nthe first line is the title, the file name the id), or directories of them; *.gold.json are skipped —\nand writes it to Neo4j, --batch articles per transaction. Unchanged articles are skipped.\nExits 1 if any article failed; each failure is listed with its file (and line) and reason.", stderr)
	var nf neo4jFlags
	var set settings
	nf.register(fs, &set)
	workers := fs.Int("workers", 4, "articles extracted and written at once")
	batch := fs.Int("batch", loader.DefaultBatchSize, "articles each worker writes in one transaction (1: one per transaction)")
	shard := fs.String("shard", "", "load only shard I of N (\"I/N\", I from 0), to split a corpus across processes")
	var td loader.TextDefaults
	fs.StringVar(&td.Published, "published", "", "publication date (YYYY-MM-DD) of plain-text articles")
	fs.StringVar(&td.Source, "source", "", "source of plain-text articles")
	fs.StringVar(&td.Language, "lang", "", "language of plain-text articles: ar or en (default: detected)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := set.err(); err != nil {
		fmt.Fprintf(stderr, "geokg load: %v\n", err)
		return errUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	sh, err := parseShard(*shard)
	if err != nil {
		fmt.Fprintf(stderr, "geokg load: --shard: %v\n", err)
		return errUsage
	}
	if *workers < 1 {
		fmt.Fprintf(stderr, "geokg load: --workers must be at least 1, got %d\n", *workers)
		return errUsage
	}
	if *batch < 1 {
		fmt.Fprintf(stderr, "geokg load: --batch must be at least 1, got %d\n", *batch)
		return errUsage
	}
	if td.Language != "" && td.Language != "ar" && td.Language != "en" {
		fmt.Fprintf(stderr, "geokg load: --lang must be ar or en, got %q\n", td.Language)
		return errUsage
	}
	st, closeAll, err := nf.connect(ctx, stderr)
	if err != nil {
		return err
	}
	defer closeAll()
	l, err := newLoader(st, nf.kb, stderr)
	if err != nil {
		return err
	}
	l.Workers, l.Shard, l.Text, l.Terminal = *workers, sh, td, isTerminal(stderr)
	l.BatchSize = *batch
	if err := setup(ctx, st, l); err != nil {
		return err
	}
	t0 := time.Now()
	sum, err := l.Load(ctx, fs.Args())
	fmt.Fprintf(stdout, "geokg load: %s in %s\n", sum, time.Since(t0).Round(time.Millisecond))
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		return errFailed
	}
	return nil
}

// parseShard reads "I/N".
func parseShard(s string) (loader.Shard, error) {
	if s == "" {
		return loader.Shard{}, nil
	}
	var sh loader.Shard
	if _, err := fmt.Sscanf(s, "%d/%d", &sh.I, &sh.N); err != nil || sh.N < 1 || sh.I < 0 || sh.I >= sh.N {
		return sh, fmt.Errorf("want I/N with 0 <= I < N, got %q", s)
	}
	return sh, nil
}

// isTerminal reports whether w is a terminal, where progress is redrawn in
// place rather than printed line by line.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// serveGCPercent is the garbage collector's target of the server when GOGC
// is unset. A graph view allocates about a megabyte (driver records,
// gqlgen's field contexts, JSON) over a live heap of a few megabytes, so
// at Go's default of 100 the collector ran a cycle every few requests and
// took about as much CPU as the requests themselves; 400 lets the heap grow
// to five times the live data between cycles, still tens of megabytes.
const serveGCPercent = 400

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "serve [flags]\n\nServes the GraphQL API at /query, the playground at /, the dashboard at /ui, /healthz, /readyz and /metrics.\nEvery flag has an environment variable; see README's settings table.", stderr)
	var nf neo4jFlags
	var set settings
	nf.register(fs, &set)
	cfg := server.Defaults()
	addr := fs.String("addr", set.str("GEOKG_ADDR", "localhost:8080"), "address to listen on (env GEOKG_ADDR)")
	loadPaths := fs.String("load", set.str("GEOKG_LOAD", ""), "comma-separated files or directories to load before serving (env GEOKG_LOAD)")
	origins := fs.String("cors-origins", set.str("GEOKG_CORS_ORIGINS", strings.Join(server.DefaultCORSOrigins, ",")), "comma-separated browser origins allowed by CORS; * inside an origin matches anything (env GEOKG_CORS_ORIGINS)")
	introspection := fs.Bool("introspection", set.boolean("GEOKG_INTROSPECTION", true), "serve schema introspection and the playground (env GEOKG_INTROSPECTION=true|false)")
	fs.DurationVar(&cfg.QueryTimeout, "query-timeout", set.duration("GEOKG_QUERY_TIMEOUT", cfg.QueryTimeout), "time limit of one request, passed to Neo4j as the transaction timeout (env GEOKG_QUERY_TIMEOUT)")
	maxBody := fs.Int("max-body", set.integer("GEOKG_MAX_BODY", int(cfg.MaxBodyBytes), 1024, 1<<30), "largest request body in bytes (env GEOKG_MAX_BODY)")
	fs.IntVar(&cfg.ComplexityLimit, "complexity-limit", set.integer("GEOKG_COMPLEXITY_LIMIT", cfg.ComplexityLimit, 1, 1<<30), "largest query cost; a list costs its first times its items (env GEOKG_COMPLEXITY_LIMIT)")
	fs.IntVar(&cfg.DepthLimit, "depth-limit", set.integer("GEOKG_DEPTH_LIMIT", cfg.DepthLimit, 1, 1000), "deepest selection nesting (env GEOKG_DEPTH_LIMIT)")
	liveMode := fs.String("live", set.oneOf("GEOKG_LIVE", "neo4j", "neo4j", "memory"), "how statementAdded learns of writes: neo4j (polls the database, so every API process sees every writer) or memory (this process's writes only) (env GEOKG_LIVE)")
	livePoll := fs.Duration("live-poll", set.duration("GEOKG_LIVE_POLL", time.Second), "how often the neo4j live mode polls (env GEOKG_LIVE_POLL)")
	logFormat := fs.String("log-format", set.oneOf("GEOKG_LOG_FORMAT", "text", "text", "json"), "log format: text or json (env GEOKG_LOG_FORMAT)")
	logLevel := fs.String("log-level", set.oneOf("GEOKG_LOG_LEVEL", "info", "debug", "info", "warn", "error"), "log level: debug, info, warn or error (env GEOKG_LOG_LEVEL)")
	shutdown := fs.Duration("shutdown-timeout", set.duration("GEOKG_SHUTDOWN_TIMEOUT", 15*time.Second), "how long a stop waits for requests in flight (env GEOKG_SHUTDOWN_TIMEOUT)")
	debugAddr := fs.String("debug-addr", set.str("GEOKG_DEBUG_ADDR", ""), "address of a second listener serving Go's profiles at /debug/pprof/; empty: none (env GEOKG_DEBUG_ADDR)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := set.err(); err != nil {
		fmt.Fprintf(stderr, "geokg serve: %v\n", err)
		return errUsage
	}
	for name, v := range map[string]string{"--log-format": *logFormat, "--log-level": *logLevel, "--live": *liveMode} {
		if !validChoice(name, v) {
			fmt.Fprintf(stderr, "geokg serve: %s %q is not one of its choices\n", name, v)
			return errUsage
		}
	}
	slog.SetDefault(newLogger(stderr, *logFormat, *logLevel))
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
	cfg.CORSOrigins = splitList(*origins)
	cfg.Introspection = *introspection
	cfg.MaxBodyBytes = int64(*maxBody)
	// The token comes from the environment only: command lines are
	// visible to every user of the machine.
	cfg.APIToken = os.Getenv("GEOKG_API_TOKEN")
	cfg.Metrics = metrics.New()
	store.ObserveQueries(cfg.Metrics.Query)
	defer store.ObserveQueries(nil)
	st, closeAll, err := nf.connect(ctx, stderr)
	if err != nil {
		return err
	}
	defer closeAll()
	l, err := newLoader(st, nf.kb, stderr)
	if err != nil {
		return err
	}
	if err := setup(ctx, st, l); err != nil {
		return err
	}
	cfg.Extractor = l.Extractor
	if *liveMode == "neo4j" {
		p, err := live.NewPoller(ctx, graph.PollSource(st), *livePoll)
		if err != nil {
			return fmt.Errorf("live updates: %w", err)
		}
		defer p.Close()
		cfg.Broker = p
	}
	loadFailed := false
	if paths := splitList(*loadPaths); len(paths) > 0 {
		sum, err := l.Load(ctx, paths)
		cfg.Metrics.Articles(sum.Loaded, sum.Unchanged, sum.Failed, sum.Statements)
		fmt.Fprintf(stderr, "geokg: load %s: %s\n", strings.Join(paths, ", "), sum)
		if err != nil {
			return err
		}
		loadFailed = sum.Failed > 0
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s (set GEOKG_ADDR or --addr): %w", *addr, err)
	}
	if *debugAddr != "" {
		dl, err := net.Listen("tcp", *debugAddr)
		if err != nil {
			return fmt.Errorf("listen on %s (set GEOKG_DEBUG_ADDR or --debug-addr): %w", *debugAddr, err)
		}
		ds := &http.Server{Handler: server.DebugHandler(), ReadHeaderTimeout: 10 * time.Second}
		defer ds.Close()
		go ds.Serve(dl)
		fmt.Fprintf(stderr, "geokg: profiles at http://%s/debug/pprof/\n", displayAddr(dl.Addr()))
	}
	hs := &http.Server{
		Handler:           server.Handler(st, cfg),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      cfg.QueryTimeout + 5*time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(slog.Default().Handler(), slog.LevelWarn),
	}
	// Websocket subscriptions are hijacked connections that Shutdown does
	// not wait for: end them with the server's base context.
	baseCtx, cancelBase := context.WithCancel(context.Background())
	defer cancelBase()
	hs.BaseContext = func(net.Listener) context.Context { return baseCtx }
	fmt.Fprintf(stdout, "geokg: playground at http://%s/ — API at http://%s/query\n", displayAddr(ln.Addr()), displayAddr(ln.Addr()))
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Drain: stop accepting, let requests in flight finish, close the
	// subscriptions, then (deferred) close the driver and a local Neo4j.
	fmt.Fprintln(stderr, "geokg: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), *shutdown)
	defer cancel()
	err = hs.Shutdown(sctx)
	cancelBase()
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if loadFailed {
		return errFailed
	}
	return nil
}

// validChoice is a second check of enumerated flags given on the command
// line (the environment ones are checked by settings).
func validChoice(name, v string) bool {
	choices := map[string][]string{"--log-format": {"text", "json"}, "--log-level": {"debug", "info", "warn", "error"}, "--live": {"neo4j", "memory"}}
	for _, c := range choices[name] {
		if v == c {
			return true
		}
	}
	return false
}

// newLogger returns the process's structured logger.
func newLogger(w io.Writer, format, level string) *slog.Logger {
	var lv slog.Level
	lv.UnmarshalText([]byte(level))
	opts := &slog.HandlerOptions{Level: lv}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func displayAddr(a net.Addr) string {
	t, ok := a.(*net.TCPAddr)
	if ok && (t.IP.IsUnspecified() || t.IP.IsLoopback()) {
		return fmt.Sprintf("localhost:%d", t.Port)
	}
	return a.String()
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func extractCmd(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("extract", "extract [flags] FILE\n\nPrints the extraction of one article (JSON as in testdata/articles) as JSON, without Neo4j.", stderr)
	kbDir := fs.String("kb", os.Getenv("GEOKG_KB_DIR"), "directory of knowledge-base files added to the built-in ones (env GEOKG_KB_DIR)")
	explain := fs.Bool("explain", false, "print each sentence with the mentions and cue words seen and the statements made, instead of JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	x, err := extract.Default(*kbDir)
	if err != nil {
		return err
	}
	var items []loader.Item
	loader.Read(fs.Arg(0), func(it loader.Item) bool { items = append(items, it); return len(items) < 2 })
	if len(items) != 1 {
		return fmt.Errorf("%s: want exactly one article", fs.Arg(0))
	}
	if items[0].Err != nil {
		return fmt.Errorf("%s: %w", items[0].Where, items[0].Err)
	}
	if *explain {
		return x.Explain(stdout, items[0].Article)
	}
	res, err := x.Extract(items[0].Article)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

func evalCmd(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", "eval [flags] DIR\n\nExtracts every STEM.json that has a STEM.gold.json beside it and scores the extraction:\nprecision, recall and F1 per entity type, statements (speaker and key must both match),\ntopics, roles and events, and the accuracy of dates, direct/reported and places.\nThe matching rules are documented in loader/eval.", stderr)
	kbDir := fs.String("kb", os.Getenv("GEOKG_KB_DIR"), "directory of knowledge-base files added to the built-in ones (env GEOKG_KB_DIR)")
	quiet := fs.Bool("quiet", false, "print the table only, not the misses of each article")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	x, err := extract.Default(*kbDir)
	if err != nil {
		return err
	}
	pairs, err := eval.ReadDir(fs.Arg(0))
	if err != nil {
		return err
	}
	scores, total, err := eval.Run(x, pairs)
	if err != nil {
		return err
	}
	eval.Report(stdout, scores, total, !*quiet)
	return nil
}
