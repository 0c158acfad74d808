// Package loader reads news articles from files and directories, runs the
// extraction on each and writes it to Neo4j, one transaction per batch of
// articles. A bad input is reported with its file (and line, for JSONL) and
// the reason, and the rest of the load goes on.
package loader

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/geokg/geokg/loader/article"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/loader/text"
	"github.com/geokg/geokg/store"
)

// MaxFileSize bounds one JSON or text file; larger corpora go in JSONL
// files, which are read line by line and bounded per line. A variable so
// that tests can lower it.
var MaxFileSize = 64 << 20

// MaxLineSize bounds one JSONL line (one article).
var MaxLineSize = 8 << 20

// Item is one article read from an input, or the reason it could not be.
type Item struct {
	// Where names the input: the file, and the line for JSONL.
	Where   string
	Article article.Article
	Err     error
}

// TextDefaults are the fields a plain-text article does not carry: its id
// is the file name without extension, its title the first line.
type TextDefaults struct {
	Published string // YYYY-MM-DD; required for .txt inputs
	Source    string
	Language  string // "ar", "en", or empty to detect from the script
}

// Files expands paths into the article files to read: a directory gives its
// *.json, *.jsonl and *.txt files (recursively, gold annotations
// *.gold.json excluded), in name order.
func Files(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", p, err)
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() || strings.HasSuffix(name, ".gold.json") {
				return nil
			}
			switch filepath.Ext(name) {
			case ".json", ".jsonl", ".txt":
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", p, err)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// Read reads the articles of one file and sends each, or its error, to
// emit. It stops early if emit returns false.
func Read(path string, emit func(Item) bool) {
	ReadWith(path, TextDefaults{}, emit)
}

// ReadWith is Read with the defaults plain-text files need.
func ReadWith(path string, td TextDefaults, emit func(Item) bool) {
	f, err := os.Open(path)
	if err != nil {
		emit(Item{Where: path, Err: err})
		return
	}
	defer f.Close()
	if strings.HasSuffix(path, ".jsonl") {
		readJSONL(path, f, emit)
		return
	}
	b, err := io.ReadAll(io.LimitReader(f, int64(MaxFileSize)+1))
	switch {
	case err != nil:
		emit(Item{Where: path, Err: err})
	case len(b) > MaxFileSize:
		emit(Item{Where: path, Err: fmt.Errorf("%w: file larger than %d MiB (use JSONL for corpora)", article.ErrInvalid, MaxFileSize>>20)})
	case len(bytes.TrimSpace(b)) == 0:
		emit(Item{Where: path, Err: fmt.Errorf("%w: empty file", article.ErrInvalid)})
	case isBinary(b):
		emit(Item{Where: path, Err: fmt.Errorf("%w: binary file, not an article", article.ErrInvalid)})
	case strings.HasSuffix(path, ".txt"):
		a, err := parseText(path, b, td)
		emit(Item{Where: path, Article: a, Err: err})
	default:
		a, err := article.ParseJSON(b)
		emit(Item{Where: path, Article: a, Err: err})
	}
}

// isBinary reports content that is no text: a NUL byte near the start.
func isBinary(b []byte) bool {
	return bytes.IndexByte(b[:min(len(b), 8192)], 0) >= 0
}

// parseText makes an article of a plain-text file.
func parseText(path string, b []byte, td TextDefaults) (article.Article, error) {
	if !utf8.Valid(b) {
		return article.Article{}, fmt.Errorf("%w: not valid UTF-8", article.ErrInvalid)
	}
	if td.Published == "" {
		return article.Article{}, fmt.Errorf("%w: plain text has no date: give --published YYYY-MM-DD", article.ErrInvalid)
	}
	a := article.Article{
		ID:        strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)),
		Source:    td.Source,
		Published: td.Published,
		Language:  td.Language,
		Text:      string(b),
	}
	if a.Language == "" {
		a.Language = "en"
		if text.IsArabic(firstLetters(a.Text, 200)) {
			a.Language = "ar"
		}
	}
	return a, a.Validate()
}

// firstLetters returns the letters among the first n runes of s, enough to
// tell the script.
func firstLetters(s string, n int) string {
	var b strings.Builder
	for _, r := range s {
		if n--; n < 0 {
			break
		}
		if text.IsArabicLetter(r) || r >= 'A' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	letters := b.String()
	arabic := 0
	for _, r := range letters {
		if text.IsArabicLetter(r) {
			arabic++
		}
	}
	if arabic*2 > utf8.RuneCountInString(letters) {
		return letters
	}
	return ""
}

func readJSONL(path string, r io.Reader, emit func(Item) bool) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, min(64<<10, MaxLineSize)), MaxLineSize)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		a, err := article.ParseJSON(b)
		if !emit(Item{Where: fmt.Sprintf("%s:%d", path, line), Article: a, Err: err}) {
			return
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("%w: line longer than %d MiB", article.ErrInvalid, MaxLineSize>>20)
		}
		emit(Item{Where: fmt.Sprintf("%s:%d", path, line+1), Err: err})
	}
}

// Summary counts what a load did.
type Summary struct {
	Loaded     int
	Unchanged  int
	Skipped    int // other shards' articles
	Failed     int
	Statements int
}

func (s Summary) String() string {
	out := fmt.Sprintf("%d loaded, %d unchanged, %d failed, %d statements written", s.Loaded, s.Unchanged, s.Failed, s.Statements)
	if s.Skipped > 0 {
		out += fmt.Sprintf(", %d left to other shards", s.Skipped)
	}
	return out
}

// Shard selects a part of a corpus, so that several processes can load it
// without loading an article twice: process I of N loads the articles
// whose id hashes to I modulo N.
type Shard struct{ I, N int }

// Has reports whether the article id belongs to the shard.
func (s Shard) Has(id string) bool {
	if s.N <= 1 {
		return true
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32()%uint32(s.N)) == s.I
}

// DefaultBatchSize is the number of articles written in one transaction
// when Loader.BatchSize is zero. Larger batches amortise the commit and the
// round trips; beyond about 50 articles loading gets no faster (see
// BENCHMARKS.md) and a failed batch costs more to write again one by one.
const DefaultBatchSize = 50

// Loader extracts articles and writes them to a store.
type Loader struct {
	Extractor *extract.Extractor
	Store     *store.Store
	// Log receives one line per failure and the progress; nil discards.
	Log io.Writer
	// Terminal makes progress one line redrawn in place; otherwise a
	// plain line is written every ProgressEvery.
	Terminal      bool
	ProgressEvery time.Duration
	// Workers is the number of articles extracted and written at once
	// (default 1).
	Workers int
	// BatchSize is the number of articles each worker writes in one
	// transaction (default DefaultBatchSize; 1 writes each article
	// alone). A batch that fails is written again article by article, so
	// that a bad article fails alone.
	BatchSize int
	Shard     Shard
	Text      TextDefaults
}

// Load loads every article under paths. Failures are reported on Log and
// counted; the error is non-nil only when the load could not go on (the
// context ended). An article whose write kept losing to the other
// workers' concurrent writes (store.ErrContention: deadlocks in Neo4j, or
// its memory pool full, on every retry) is written again alone after the
// others, not failed.
func (l *Loader) Load(ctx context.Context, paths []string) (Summary, error) {
	var sum Summary
	var mu sync.Mutex // guards sum and Log
	logf := func(format string, args ...any) {
		if l.Log != nil {
			mu.Lock()
			if l.Terminal {
				fmt.Fprint(l.Log, "\r\033[K")
			}
			fmt.Fprintf(l.Log, format+"\n", args...)
			mu.Unlock()
		}
	}
	files, err := Files(paths)
	if err != nil {
		sum.Failed++
		logf("error: %v", err)
		return sum, nil
	}
	items := make(chan Item, 64)
	var done atomic.Int64
	workers := max(l.Workers, 1)
	batchSize := l.BatchSize
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	count := func(it Item, res store.WriteResult, err error) {
		mu.Lock()
		switch {
		case err != nil:
			sum.Failed++
		case res.Unchanged:
			sum.Unchanged++
		default:
			sum.Loaded++
			sum.Statements += res.Statements
		}
		mu.Unlock()
		if err != nil {
			logf("error: %s: %v", it.Where, err)
		}
		done.Add(1)
	}
	// Writes that lost to the other workers' writes on every retry
	// (store.ErrContention) are written again once the workers are done,
	// one at a time.
	type retry struct {
		it Item
		x  *extract.Extraction
	}
	var again []retry
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var batch []Item
			var xs []*extract.Extraction
			flush := func() {
				if len(batch) == 0 {
					return
				}
				results, errs := l.writeBatch(ctx, batch, xs)
				for i, it := range batch {
					if errors.Is(errs[i], store.ErrContention) && workers > 1 {
						mu.Lock()
						again = append(again, retry{it, xs[i]})
						mu.Unlock()
						continue
					}
					count(it, results[i], errs[i])
				}
				batch, xs = batch[:0], xs[:0]
			}
			for it := range items {
				x, err := l.Extractor.Extract(it.Article)
				if err != nil {
					count(it, store.WriteResult{}, err)
					continue
				}
				batch, xs = append(batch, it), append(xs, x)
				if len(batch) >= batchSize {
					flush()
				}
			}
			flush()
		}()
	}
	stopProgress := l.progress(&done, &mu)
	for _, path := range files {
		ReadWith(path, l.Text, func(it Item) bool {
			if ctx.Err() != nil {
				return false
			}
			if it.Err != nil {
				mu.Lock()
				sum.Failed++
				mu.Unlock()
				logf("error: %s: %v", it.Where, it.Err)
				done.Add(1)
				return true
			}
			if !l.Shard.Has(it.Article.ID) {
				mu.Lock()
				sum.Skipped++
				mu.Unlock()
				return true
			}
			select {
			case items <- it:
				return true
			case <-ctx.Done():
				return false
			}
		})
		if ctx.Err() != nil {
			break
		}
	}
	close(items)
	wg.Wait()
	if len(again) > 0 && ctx.Err() == nil {
		logf("writing again, one at a time, %d articles whose writes lost to concurrent writes", len(again))
		for _, r := range again {
			res, err := l.Store.WriteExtraction(ctx, r.x, r.it.Article.Text)
			count(r.it, res, err)
		}
	}
	stopProgress()
	return sum, ctx.Err()
}

// progress reports the count of articles done until the returned function
// is called.
func (l *Loader) progress(done *atomic.Int64, mu *sync.Mutex) func() {
	if l.Log == nil {
		return func() {}
	}
	every := l.ProgressEvery
	if every == 0 {
		every = 10 * time.Second
	}
	if l.Terminal {
		every = 200 * time.Millisecond
	}
	start := time.Now()
	stop := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-stop:
				if l.Terminal {
					mu.Lock()
					fmt.Fprint(l.Log, "\r\033[K")
					mu.Unlock()
				}
				return
			case <-t.C:
				n := done.Load()
				rate := float64(n) / time.Since(start).Seconds()
				mu.Lock()
				if l.Terminal {
					fmt.Fprintf(l.Log, "\r\033[Kloading: %d articles (%.0f/s)", n, rate)
				} else {
					fmt.Fprintf(l.Log, "progress: %d articles in %s (%.0f/s)\n", n, time.Since(start).Round(time.Second), rate)
				}
				mu.Unlock()
			}
		}
	}()
	return func() { close(stop); <-finished }
}

// writeBatch writes extracted articles in one transaction (falling back
// to one by one if it fails) and announces each written one.
func (l *Loader) writeBatch(ctx context.Context, items []Item, xs []*extract.Extraction) ([]store.WriteResult, []error) {
	texts := make([]string, len(items))
	for i, it := range items {
		texts[i] = it.Article.Text
	}
	// The store tells subscribers of each article written (Store.OnWritten).
	return l.Store.WriteBatch(ctx, xs, texts)
}

// LoadArticle extracts one validated article and writes it.
func (l *Loader) LoadArticle(ctx context.Context, a article.Article) (store.WriteResult, error) {
	x, err := l.Extractor.Extract(a)
	if err != nil {
		return store.WriteResult{}, err
	}
	return l.Store.WriteExtraction(ctx, x, a.Text)
}
