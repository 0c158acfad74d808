package harness

import (
	"fmt"
	"io"
	"strings"
)

// Results are everything one run measured.
type Results struct {
	Machine    Machine      `json:"machine"`
	Command    string       `json:"command"`
	Sweep      []LoadRun    `json:"load_sweep"`
	Loads      []LoadRun    `json:"loads"`
	Extraction []ExtractRun `json:"extraction"`
	// Articles is the size of the graph the queries ran on.
	Articles int      `json:"query_articles"`
	Pools    Pools    `json:"pools"`
	Queries  []Stats  `json:"queries"`
	Agree    []string `json:"disagreements"`
	Notes    []string `json:"notes"`
}

// Targets of the issue (issue 6).
const (
	TargetP50Ratio   = 1.3 // geokg p50 ≤ 1.3× floor
	TargetThroughput = 2.0 // geokg ≥ 2× peer at 32 clients
	TargetLoad       = 300 // articles/s on the 100k corpus
	TargetExtract    = 5.0 // MB/s per core
)

func (r *Results) stat(target, query string, clients int) (Stats, bool) {
	for _, s := range r.Queries {
		if s.Target == target && s.Query == query && s.Clients == clients {
			return s, s.Requests > 0
		}
	}
	return Stats{}, false
}

func ratio(a, b float64) string {
	if a == 0 || b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func num(v float64) string {
	switch {
	case v == 0:
		return "–"
	case v < 10:
		return fmt.Sprintf("%.2f", v)
	case v < 100:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// Markdown writes the tables of BENCHMARKS.md.
func (r *Results) Markdown(w io.Writer) {
	m := r.Machine
	fmt.Fprintf(w, "Machine: %s, %d cores, %d GiB; %s; Node %s; %s. Load average %s at the start, %s at the end.\n\n",
		m.CPU, m.Cores, m.MemGiB, m.Go, orDash(m.Node), orDash(m.Neo4j), m.LoadAvg, orDash(m.LoadEnd))
	fmt.Fprintf(w, "Command: `%s`\n\n", r.Command)

	if len(r.Loads) > 0 || len(r.Sweep) > 0 {
		fmt.Fprintln(w, "### Loading (extraction and writing, into an empty graph)")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| articles | workers | batch | seconds | articles/s |")
		fmt.Fprintln(w, "|---:|---:|---:|---:|---:|")
		for _, l := range r.Sweep {
			fmt.Fprintf(w, "| %d | %d | %d | %.1f | %.0f |\n", l.Articles, l.Workers, l.Batch, l.Seconds, l.PerSec)
		}
		for _, l := range r.Loads {
			fmt.Fprintf(w, "| **%d** | %d | %d | %.1f | **%.0f** |\n", l.Articles, l.Workers, l.Batch, l.Seconds, l.PerSec)
		}
		fmt.Fprintln(w)
	}
	if len(r.Extraction) > 0 {
		fmt.Fprintln(w, "### Extraction alone")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| goroutines | articles | MB | seconds | MB/s | MB/s per core | CPU seconds | MB per CPU second |")
		fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|")
		for _, e := range r.Extraction {
			fmt.Fprintf(w, "| %d | %d | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", e.Goroutines, e.Articles, e.MB, e.Seconds, e.MBps, e.PerCore, e.CPUSeconds, e.PerCPUSecond)
		}
		fmt.Fprintln(w)
	}
	if len(r.Queries) > 0 {
		fmt.Fprintf(w, "### Queries (%d articles in the graph)\n\n", r.Articles)
		fmt.Fprintln(w, "Latency in ms at the client, p50 / p99; throughput in requests/s. Ratios of p50 (geokg/floor, peer/geokg) and of throughput (geokg/peer).")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| query | clients | geokg p50 / p99 | floor p50 / p99 | peer p50 / p99 | geokg req/s | floor req/s | peer req/s | geokg/floor p50 | peer/geokg p50 | geokg/peer req/s |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
		for _, q := range Queries {
			for _, c := range r.clients() {
				g, _ := r.stat("geokg", q.Name, c)
				f, _ := r.stat("floor", q.Name, c)
				p, _ := r.stat("peer", q.Name, c)
				if g.Requests+f.Requests+p.Requests == 0 {
					continue
				}
				fmt.Fprintf(w, "| %s | %d | %s / %s | %s / %s | %s / %s | %s | %s | %s | %s | %s | %s |\n", q.Name, c,
					num(g.P50ms), num(g.P99ms), num(f.P50ms), num(f.P99ms), num(p.P50ms), num(p.P99ms),
					num(g.PerSec), num(f.PerSec), num(p.PerSec),
					ratio(g.P50ms, f.P50ms), ratio(p.P50ms, g.P50ms), ratio(g.PerSec, p.PerSec))
			}
		}
		fmt.Fprintln(w)
		var errs []string
		for _, s := range r.Queries {
			if s.Errors > 0 {
				errs = append(errs, fmt.Sprintf("%s %s ×%d: %d errors (%s)", s.Target, s.Query, s.Clients, s.Errors, s.FirstError))
			}
		}
		if len(errs) > 0 {
			fmt.Fprintln(w, "Errors: "+strings.Join(errs, "; ")+".")
			fmt.Fprintln(w)
		}
		if len(r.Agree) == 0 {
			fmt.Fprintln(w, "The three systems gave the same answers (statement ids in order, neighbourhood nodes, timeline counts) to the first requests of every query.")
		} else {
			fmt.Fprintln(w, "Answers that differ: "+strings.Join(r.Agree, "; ")+".")
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "### Targets")
	fmt.Fprintln(w)
	for _, t := range r.Targets() {
		fmt.Fprintln(w, "- "+t)
	}
	for _, n := range r.Notes {
		fmt.Fprintln(w)
		fmt.Fprintln(w, n)
	}
}

func (r *Results) clients() []int {
	seen := map[int]bool{}
	var out []int
	for _, s := range r.Queries {
		if !seen[s.Clients] {
			seen[s.Clients] = true
			out = append(out, s.Clients)
		}
	}
	return out
}

// Targets says, for each target of the issue, whether this run met it.
func (r *Results) Targets() []string {
	var out []string
	mark := func(ok bool) string {
		if ok {
			return "met"
		}
		return "**missed**"
	}
	if len(r.Queries) > 0 {
		for _, q := range Queries {
			var worst float64
			var ok, measured = true, false
			for _, c := range r.clients() {
				g, gok := r.stat("geokg", q.Name, c)
				f, fok := r.stat("floor", q.Name, c)
				if gok && fok && f.P50ms > 0 {
					x := g.P50ms / f.P50ms
					worst = max(worst, x)
					ok = ok && x <= TargetP50Ratio
					measured = true
				}
			}
			if !measured {
				continue
			}
			out = append(out, fmt.Sprintf("geokg p50 ≤ %.1f× floor, %s: %s (at most %.2f×)", TargetP50Ratio, q.Name, mark(ok), worst))
		}
		maxC := 0
		for _, c := range r.clients() {
			maxC = max(maxC, c)
		}
		for _, q := range Queries {
			g, gok := r.stat("geokg", q.Name, maxC)
			p, pok := r.stat("peer", q.Name, maxC)
			if gok && pok {
				x := g.PerSec / p.PerSec
				out = append(out, fmt.Sprintf("geokg throughput ≥ %.0f× peer at %d clients, %s: %s (%.2f×)", TargetThroughput, maxC, q.Name, mark(x >= TargetThroughput), x))
			}
		}
	}
	for _, l := range r.Loads {
		out = append(out, fmt.Sprintf("load ≥ %d articles/s, %d articles: %s (%.0f/s)", TargetLoad, l.Articles, mark(l.PerSec >= TargetLoad), l.PerSec))
	}
	for _, e := range r.Extraction {
		if e.Goroutines == 1 {
			out = append(out, fmt.Sprintf("extraction ≥ %.0f MB/s per core: %s (%.2f MB/s on one core by the wall clock, %.2f MB per second of CPU time)",
				TargetExtract, mark(max(e.PerCore, e.PerCPUSecond) >= TargetExtract), e.PerCore, e.PerCPUSecond))
		}
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
