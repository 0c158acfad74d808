// Package loadtest drives a running geokg API with concurrent clients
// sending a mix of analyst and dashboard queries, for a bounded time and a
// bounded number of requests, and reports errors and latency percentiles.
// It only ever talks to the URL it is given, meant to be a loopback address.
package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Mix is the query mix: what analysts and dashboards ask most.
var Mix = []struct{ Name, Query string }{
	{"who-said-what page", `{ statements(where: {topics: ["troop-deployment", "security-guarantees"]}, first: 20) { totalCount edges { node { text date direct speaker { name } topics { id } article { title source } } } } }`},
	{"state's officials", `{ statements(where: {speakerState: "RU"}, first: 20) { totalCount edges { node { text date speaker { name } } } } }`},
	{"full-text search", `{ search(text: "sanctions العقوبات", first: 10) { totalCount edges { node { __typename } } } }`},
	{"monthly timeline", `{ statementTimeline(interval: MONTH, where: {from: "2023-01-01", to: "2025-12-31"}) { start count topics { topic { id } count } } }`},
	{"top speakers", `{ topSpeakers(first: 10) { actor { id name } count } }`},
	{"neighbourhood", `{ neighborhood(id: "UA", depth: 2, limit: 60) { nodes { id type label } edges { source target type } } }`},
	{"person page", `{ persons(orderBy: [{statementCount: DESC}], first: 5) { edges { node { id name(lang: AR) roles { title } } } } }`},
}

// Config bounds a run.
type Config struct {
	URL         string        // the /query endpoint
	Clients     int           // concurrent clients
	Duration    time.Duration // how long to run
	MaxRequests int           // stop after this many requests in all (0: no bound but the time)
	PID         int           // the API process, to report its memory (0: not reported)
}

// Result is what a run measured.
type Result struct {
	Requests int
	Errors   int
	// FirstError describes the first failure, for the report.
	FirstError string
	Elapsed    time.Duration
	P50, P99   time.Duration
	// PerQuery holds the median latency of each query of the mix.
	PerQuery map[string]time.Duration
	// RSS is the API process's resident memory at the end, in bytes (0
	// when unknown).
	RSS int64
}

func (r Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d requests in %s (%.0f/s), %d errors; p50 %s, p99 %s", r.Requests, r.Elapsed.Round(time.Millisecond),
		float64(r.Requests)/r.Elapsed.Seconds(), r.Errors, r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond))
	if r.RSS > 0 {
		fmt.Fprintf(&b, "; API memory %.0f MiB", float64(r.RSS)/(1<<20))
	}
	if r.FirstError != "" {
		fmt.Fprintf(&b, "\nfirst error: %s", r.FirstError)
	}
	names := make([]string, 0, len(r.PerQuery))
	for n := range r.PerQuery {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "\n  %-20s p50 %s", n, r.PerQuery[n].Round(time.Microsecond))
	}
	return b.String()
}

// Run drives the API until the duration or the request bound is reached.
func Run(ctx context.Context, c Config) (Result, error) {
	if c.Clients < 1 || c.Duration <= 0 {
		return Result{}, fmt.Errorf("loadtest: clients and duration must be positive")
	}
	ctx, cancel := context.WithTimeout(ctx, c.Duration)
	defer cancel()
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: c.Clients}}
	var (
		mu       sync.Mutex
		lat      []time.Duration
		perQuery = map[string][]time.Duration{}
		res      Result
		sent     int
	)
	take := func() bool {
		mu.Lock()
		defer mu.Unlock()
		if c.MaxRequests > 0 && sent >= c.MaxRequests {
			return false
		}
		sent++
		return true
	}
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < c.Clients; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; ctx.Err() == nil && take(); i++ {
				q := Mix[i%len(Mix)]
				t0 := time.Now()
				err := post(ctx, client, c.URL, q.Query)
				d := time.Since(t0)
				if ctx.Err() != nil && err != nil {
					return // the run ended during this request
				}
				mu.Lock()
				res.Requests++
				lat = append(lat, d)
				perQuery[q.Name] = append(perQuery[q.Name], d)
				if err != nil {
					res.Errors++
					if res.FirstError == "" {
						res.FirstError = q.Name + ": " + err.Error()
					}
				}
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.P50, res.P99 = percentile(lat, 0.50), percentile(lat, 0.99)
	res.PerQuery = map[string]time.Duration{}
	for n, l := range perQuery {
		res.PerQuery[n] = percentile(l, 0.50)
	}
	if c.PID > 0 {
		res.RSS = rss(c.PID)
	}
	return res, nil
}

func post(ctx context.Context, client *http.Client, url, query string) error {
	body, _ := json.Marshal(map[string]string{"query": query})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %.200s", resp.StatusCode, b)
	}
	var out struct {
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return fmt.Errorf("response is not JSON: %.200s", b)
	}
	if len(out.Errors) > 0 {
		return fmt.Errorf("GraphQL error: %s", out.Errors[0].Message)
	}
	return nil
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(a, b int) bool { return s[a] < s[b] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

// rss reads a process's resident memory from /proc (Linux).
func rss(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
