package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Target answers one benchmark request: the query's parameters for request
// i, and the answer as plain JSON-like values (for comparing systems).
type Target interface {
	Name() string
	Do(ctx context.Context, q Query, p Params) (any, error)
}

// Stats summarise one cell of the table: a target, a query, a number of
// concurrent clients.
type Stats struct {
	Target   string  `json:"target"`
	Query    string  `json:"query"`
	Clients  int     `json:"clients"`
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	P50ms    float64 `json:"p50_ms"`
	P99ms    float64 `json:"p99_ms"`
	PerSec   float64 `json:"per_sec"`
	Seconds  float64 `json:"seconds"`
	// FirstError is the first failure, if any.
	FirstError string `json:"first_error,omitempty"`
}

// Limits bound one cell's request loop: it stops after MaxRequests or
// MaxTime, whichever comes first, after Warmup requests that are not
// counted.
type Limits struct {
	Warmup      int
	MaxRequests int
	MaxTime     time.Duration
	// Timeout bounds one request.
	Timeout time.Duration
	// First is the index of the first request's parameters (the warm-up's
	// first; the measured requests follow them).
	First int
}

// Measure runs q against t with the given number of concurrent clients,
// each sending its next request as soon as the last is answered, and
// returns the latency percentiles and the throughput.
func Measure(ctx context.Context, t Target, q Query, pools Pools, clients int, lim Limits) Stats {
	return MeasureRounds(ctx, []Target{t}, q, pools, clients, lim, 1)[0]
}

// MeasureRounds measures q on every target, as Measure does, in rounds:
// each round gives every target an equal share of lim's requests and time
// with the same parameters, in an order that turns by one each round. A
// slow spell of the machine, which on two shared cores moves a cell by
// more than the differences it measures, then falls on all targets alike
// instead of on whichever ran at the time. The Stats, one per target in
// order, merge the rounds.
func MeasureRounds(ctx context.Context, targets []Target, q Query, pools Pools, clients int, lim Limits, rounds int) []Stats {
	rounds = max(rounds, 1)
	per := lim
	per.MaxRequests = max(lim.MaxRequests/rounds, 1)
	per.MaxTime = lim.MaxTime / time.Duration(rounds)
	runs := make([]run, len(targets))
	for r := range rounds {
		per.First = lim.First + r*(per.Warmup+per.MaxRequests)
		for k := range targets {
			i := (k + r) % len(targets)
			runs[i].add(measure(ctx, targets[i], q, pools, clients, per))
		}
	}
	out := make([]Stats, len(targets))
	for i, t := range targets {
		out[i] = runs[i].stats(t.Name(), q.Name, clients)
	}
	return out
}

// run is what one or more measurements of a cell saw.
type run struct {
	lat      []time.Duration
	errs     int
	firstErr error
	elapsed  time.Duration
}

func (r *run) add(o run) {
	r.lat = append(r.lat, o.lat...)
	r.errs += o.errs
	if r.firstErr == nil {
		r.firstErr = o.firstErr
	}
	r.elapsed += o.elapsed
}

func (r *run) stats(target, query string, clients int) Stats {
	st := Stats{Target: target, Query: query, Clients: clients, Requests: len(r.lat), Errors: r.errs, Seconds: r.elapsed.Seconds()}
	if r.firstErr != nil {
		st.FirstError = r.firstErr.Error()
	}
	if len(r.lat) > 0 {
		lat := slices.Clone(r.lat)
		slices.Sort(lat)
		st.P50ms = ms(percentile(lat, 50))
		st.P99ms = ms(percentile(lat, 99))
		st.PerSec = float64(len(lat)) / r.elapsed.Seconds()
	}
	return st
}

// measure is one request loop of Measure.
func measure(ctx context.Context, t Target, q Query, pools Pools, clients int, lim Limits) run {
	if lim.Timeout == 0 {
		lim.Timeout = 30 * time.Second
	}
	// Warm-up: plans compiled, connections open, caches as in steady state.
	var wg sync.WaitGroup
	var next atomic.Int64
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= lim.Warmup || ctx.Err() != nil {
					return
				}
				rctx, cancel := context.WithTimeout(ctx, lim.Timeout)
				t.Do(rctx, q, q.Params(pools, lim.First+i))
				cancel()
			}
		}()
	}
	wg.Wait()

	var mu sync.Mutex
	var out run
	next.Store(0)
	deadline := time.Now().Add(lim.MaxTime)
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= lim.MaxRequests || time.Now().After(deadline) || ctx.Err() != nil {
					return
				}
				p := q.Params(pools, lim.First+lim.Warmup+i)
				rctx, cancel := context.WithTimeout(ctx, lim.Timeout)
				t0 := time.Now()
				_, err := t.Do(rctx, q, p)
				d := time.Since(t0)
				cancel()
				mu.Lock()
				out.lat = append(out.lat, d)
				if err != nil {
					out.errs++
					if out.firstErr == nil {
						out.firstErr = err
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	out.elapsed = time.Since(start)
	return out
}

// percentile of sorted durations, nearest rank.
func percentile(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	return sorted[min(max(i-1, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// GraphQL is a target that POSTs GraphQL over HTTP: geokg or the peer.
type GraphQL struct {
	Label  string
	URL    string
	Client *http.Client
	// Peer selects the peer's form of the queries.
	Peer bool
}

// NewGraphQL returns a GraphQL target for an endpoint on this machine,
// with enough kept-alive connections for many clients.
func NewGraphQL(label, endpoint string, peer bool) (*GraphQL, error) {
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, err
	}
	if h := u.Hostname(); h != "127.0.0.1" && h != "localhost" && h != "::1" {
		return nil, fmt.Errorf("%s: benchmarks only talk to this machine, not %s", label, h)
	}
	tr := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConns:        256,
		MaxIdleConnsPerHost: 256,
		IdleConnTimeout:     time.Minute,
	}
	return &GraphQL{Label: label, URL: endpoint, Client: &http.Client{Transport: tr}, Peer: peer}, nil
}

func (g *GraphQL) Name() string { return g.Label }

// Do sends the query and returns its data; GraphQL errors are errors.
func (g *GraphQL) Do(ctx context.Context, q Query, p Params) (any, error) {
	text, vars := q.GeoKG, p.GeoKG
	if g.Peer {
		text, vars = q.Peer, p.Peer
	}
	body, err := json.Marshal(map[string]any{"query": text, "variables": vars})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.URL, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := g.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var out struct {
		Data   any `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("%s: HTTP %d: %.200s", g.Label, resp.StatusCode, b)
	}
	if len(out.Errors) > 0 {
		return nil, fmt.Errorf("%s: %s", g.Label, out.Errors[0].Message)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: HTTP %d", g.Label, resp.StatusCode)
	}
	return out.Data, nil
}

// Floor is the target that sends the hand-written Cypher through the Go
// driver, in a managed read transaction as geokg's store does, and
// collects the records.
type Floor struct {
	Driver neo4j.DriverWithContext
	DB     string
}

// NewFloor connects to Neo4j with the pool geokg's store uses.
func NewFloor(ctx context.Context, uri, user, password string) (*Floor, error) {
	auth := neo4j.NoAuth()
	if password != "" {
		auth = neo4j.BasicAuth(user, password, "")
	}
	drv, err := neo4j.NewDriverWithContext(uri, auth, func(c *neo4j.Config) { c.MaxConnectionPoolSize = 100 })
	if err != nil {
		return nil, err
	}
	if err := drv.VerifyConnectivity(ctx); err != nil {
		drv.Close(ctx)
		return nil, err
	}
	return &Floor{Driver: drv}, nil
}

func (f *Floor) Name() string { return "floor" }

// Do runs the query's Cypher and returns its records as maps.
func (f *Floor) Do(ctx context.Context, q Query, p Params) (any, error) {
	return f.Read(ctx, q.Cypher, p.Cypher)
}

// Read runs one read query and returns its records as maps.
func (f *Floor) Read(ctx context.Context, cypher string, params map[string]any) ([]map[string]any, error) {
	sess := f.Driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead, DatabaseName: f.DB})
	defer sess.Close(ctx)
	res, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		r, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		recs, err := r.Collect(ctx)
		if err != nil {
			return nil, err
		}
		out := make([]map[string]any, len(recs))
		for i, rec := range recs {
			out[i] = rec.AsMap()
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	return res.([]map[string]any), nil
}

// Write runs one query in auto-commit mode (for CALL ... IN TRANSACTIONS).
func (f *Floor) Write(ctx context.Context, cypher string, params map[string]any) error {
	sess := f.Driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite, DatabaseName: f.DB})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, cypher, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// Close closes the driver.
func (f *Floor) Close(ctx context.Context) error { return f.Driver.Close(ctx) }

// ReadPools reads the parameter pools from the loaded graph.
func ReadPools(ctx context.Context, f *Floor) (Pools, error) {
	var p Pools
	col := func(cypher, key string) ([]any, error) {
		recs, err := f.Read(ctx, cypher, nil)
		if err != nil {
			return nil, err
		}
		out := make([]any, len(recs))
		for i, r := range recs {
			out[i] = r[key]
		}
		return out, nil
	}
	for _, c := range []struct {
		cypher string
		into   *[]string
	}{
		{`MATCH (t:Topic) WITH t, COUNT { (t)<-[:ABOUT]-() } AS c WHERE c > 0 RETURN t.id AS id ORDER BY c DESC, id LIMIT 8`, &p.Topics},
		{`MATCH (s:State)<-[:HOLDS_ROLE]-(:Person) WITH s, count(*) AS c RETURN s.id AS id ORDER BY c DESC, id LIMIT 8`, &p.States},
		{`MATCH (p:Person)-[:SAID]->() WITH p, count(*) AS c RETURN p.id AS id ORDER BY c DESC, id LIMIT 16`, &p.Persons},
	} {
		vals, err := col(c.cypher, "id")
		if err != nil {
			return p, err
		}
		for _, v := range vals {
			*c.into = append(*c.into, v.(string))
		}
	}
	years, err := col(`MATCH (a:Article) RETURN DISTINCT a.published.year AS y ORDER BY y`, "y")
	if err != nil {
		return p, err
	}
	for _, y := range years {
		if n, ok := y.(int64); ok {
			p.Years = append(p.Years, int(n))
		}
	}
	if len(p.Topics) == 0 || len(p.States) == 0 || len(p.Persons) == 0 || len(p.Years) == 0 {
		return p, errors.New("the graph is too small for the benchmark queries: no topics, states with officials, speakers or years")
	}
	return p, nil
}
