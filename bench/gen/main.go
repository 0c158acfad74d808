// Command gen writes a synthetic corpus of news articles as JSONL, for
// benchmarks and load tests: go run ./bench/gen -n 10000 -seed 1 > corpus.jsonl
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/geokg/geokg/bench/corpus"
	"github.com/geokg/geokg/loader/kb"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	seed := flag.Int64("seed", 1, "random seed; the same seed gives the same corpus")
	arabic := flag.Float64("arabic", 0.7, "share of Arabic articles")
	flag.Parse()
	k, err := kb.Default()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	if err := corpus.New(k, corpus.Options{Seed: *seed, N: *n, Arabic: *arabic}).WriteJSONL(w); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
