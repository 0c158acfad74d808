package harness

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/geokg/geokg/bench/corpus"
	"github.com/geokg/geokg/loader"
	"github.com/geokg/geokg/loader/article"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/store"
)

// WriteCorpus writes the first n articles of the corpus of a seed to path
// as JSONL (the same articles as `go run ./bench/gen -n N -seed S`), unless
// path already holds them.
func WriteCorpus(x *extract.Extractor, path string, n int, seed int64) error {
	if lines, err := countLines(path); err == nil && lines == n {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := corpus.New(x.KB(), corpus.Options{Seed: seed, N: n, Arabic: -1}).WriteJSONL(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func countLines(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}

// ReadCorpus reads the articles of a JSONL corpus.
func ReadCorpus(path string) ([]article.Article, error) {
	var out []article.Article
	var err error
	loader.Read(path, func(it loader.Item) bool {
		if it.Err != nil {
			err = fmt.Errorf("%s: %w", it.Where, it.Err)
			return false
		}
		out = append(out, it.Article)
		return true
	})
	return out, err
}

// LoadRun is one timed load of a corpus into an empty graph.
type LoadRun struct {
	Articles   int     `json:"articles"`
	Workers    int     `json:"workers"`
	Batch      int     `json:"batch"`
	Seconds    float64 `json:"seconds"`
	PerSec     float64 `json:"articles_per_sec"`
	Failed     int     `json:"failed"`
	Statements int     `json:"statements"`
}

// Wipe empties the graph in small transactions and sets the schema up
// again, so that the next load starts from nothing.
func Wipe(ctx context.Context, f *Floor, st *store.Store, x *extract.Extractor) error {
	if err := f.Write(ctx, `MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS`, nil); err != nil {
		return fmt.Errorf("wipe: %w", err)
	}
	return st.Setup(ctx, store.TopicsOf(x.Lexicon()))
}

// Load loads the corpus at path as `geokg load --workers W --batch B`
// does, extraction included, and times it.
func Load(ctx context.Context, st *store.Store, x *extract.Extractor, path string, workers, batch int) (LoadRun, error) {
	// Failures are printed with the article and the reason, and the
	// progress every 10 s: a benchmark's load is long.
	l := &loader.Loader{Extractor: x, Store: st, Workers: workers, BatchSize: batch, Log: os.Stderr}
	t0 := time.Now()
	sum, err := l.Load(ctx, []string{path})
	d := time.Since(t0)
	run := LoadRun{Articles: sum.Loaded + sum.Unchanged + sum.Failed, Workers: workers, Batch: batch, Seconds: d.Seconds(),
		Failed: sum.Failed, Statements: sum.Statements}
	run.PerSec = float64(sum.Loaded) / d.Seconds()
	if err == nil && sum.Failed > 0 {
		err = fmt.Errorf("load %s: %d articles failed", path, sum.Failed)
	}
	return run, err
}

// ExtractRun is extraction alone, without Neo4j.
type ExtractRun struct {
	Goroutines int     `json:"goroutines"`
	Articles   int     `json:"articles"`
	MB         float64 `json:"mb"`
	Seconds    float64 `json:"seconds"`
	MBps       float64 `json:"mb_per_sec"`
	// PerCore is MBps divided by the cores busy (the goroutines, at most
	// the machine's cores).
	PerCore float64 `json:"mb_per_sec_per_core"`
	// CPUSeconds is the processor time the extraction took (user and
	// system, this process), and PerCPUSecond the MB per second of it:
	// the rate of one core that has nothing else to do, which wall time
	// on a shared machine does not show.
	CPUSeconds   float64 `json:"cpu_seconds"`
	PerCPUSecond float64 `json:"mb_per_cpu_second"`
}

// cpuTime is the processor time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Extraction extracts every article with the given number of goroutines
// and measures the text throughput (bytes of article text, in MB of 10^6
// bytes, as `go test -bench` reports MB/s).
func Extraction(x *extract.Extractor, arts []article.Article, goroutines int) (ExtractRun, error) {
	var bytes int
	for _, a := range arts {
		bytes += len(a.Text)
	}
	var next int
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	runtime.GC()
	t0, c0 := time.Now(), cpuTime()
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(arts) {
					return
				}
				if _, err := x.Extract(arts[i]); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = fmt.Errorf("extract %s: %w", arts[i].ID, err)
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	d := time.Since(t0).Seconds()
	cpu := (cpuTime() - c0).Seconds()
	r := ExtractRun{Goroutines: goroutines, Articles: len(arts), MB: float64(bytes) / 1e6, Seconds: d, CPUSeconds: cpu}
	r.MBps = r.MB / d
	r.PerCore = r.MBps / float64(min(goroutines, runtime.NumCPU()))
	if cpu > 0 {
		r.PerCPUSecond = r.MB / cpu
	}
	return r, firstErr
}

// Machine describes where the benchmark ran.
type Machine struct {
	CPU      string `json:"cpu"`
	Cores    int    `json:"cores"`
	MemGiB   int    `json:"mem_gib"`
	Go       string `json:"go"`
	Node     string `json:"node,omitempty"`
	Neo4j    string `json:"neo4j,omitempty"`
	LoadAvg  string `json:"loadavg_start"`
	LoadEnd  string `json:"loadavg_end,omitempty"`
	Started  string `json:"started"`
	Finished string `json:"finished,omitempty"`
}

// ThisMachine reads the CPU model, cores and memory from /proc.
func ThisMachine() Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: runtime.Version(), LoadAvg: LoadAvg(), Started: time.Now().UTC().Format(time.RFC3339)}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "MemTotal:") {
				fmt.Sscan(strings.TrimPrefix(line, "MemTotal:"), &kb)
			}
		}
		m.MemGiB = (kb + 1<<19) >> 20
	}
	return m
}

// LoadAvg is the first three fields of /proc/loadavg: the machine is
// shared, and the figures mean little without it.
func LoadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
