// Package loader reads news articles from files and directories, runs the
// extraction on each and writes it to Neo4j, one transaction per article.
// A bad file is reported with its name and the reason, and the rest of the
// batch goes on.
package loader

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/geokg/geokg/loader/article"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/store"
)

// MaxFileSize bounds one input file; larger corpora go in JSONL files,
// which are read line by line and bounded per line.
const MaxFileSize = 64 << 20

// MaxLineSize bounds one JSONL line (one article).
const MaxLineSize = 8 << 20

// Item is one article read from an input, or the reason it could not be.
type Item struct {
	// Where names the input: the file, and the line for JSONL.
	Where   string
	Article article.Article
	Err     error
}

// Files expands paths into the article files to read: a directory gives its
// *.json and *.jsonl files (recursively, gold annotations *.gold.json
// excluded), in name order.
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
			if strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".jsonl") {
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
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	switch {
	case err != nil:
		emit(Item{Where: path, Err: err})
	case len(b) > MaxFileSize:
		emit(Item{Where: path, Err: fmt.Errorf("%w: file larger than %d MiB (use JSONL for corpora)", article.ErrInvalid, MaxFileSize>>20)})
	case len(bytes.TrimSpace(b)) == 0:
		emit(Item{Where: path, Err: fmt.Errorf("%w: empty file", article.ErrInvalid)})
	default:
		a, err := article.ParseJSON(b)
		emit(Item{Where: path, Article: a, Err: err})
	}
}

func readJSONL(path string, r io.Reader, emit func(Item) bool) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxLineSize)
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
	Failed     int
	Statements int
}

func (s Summary) String() string {
	return fmt.Sprintf("%d loaded, %d unchanged, %d failed, %d statements written", s.Loaded, s.Unchanged, s.Failed, s.Statements)
}

// Loader extracts articles and writes them to a store.
type Loader struct {
	Extractor *extract.Extractor
	Store     *store.Store
	// Log receives one line per failure and progress lines; nil discards.
	Log io.Writer
}

// Load loads every article under paths. Failures are reported on Log and
// counted; the error is non-nil only when the load could not go on (the
// context ended).
func (l *Loader) Load(ctx context.Context, paths []string) (Summary, error) {
	var sum Summary
	logf := func(format string, args ...any) {
		if l.Log != nil {
			fmt.Fprintf(l.Log, format+"\n", args...)
		}
	}
	files, err := Files(paths)
	if err != nil {
		sum.Failed++
		logf("error: %v", err)
		return sum, nil
	}
	for _, path := range files {
		Read(path, func(it Item) bool {
			if ctx.Err() != nil {
				return false
			}
			if it.Err != nil {
				sum.Failed++
				logf("error: %s: %v", it.Where, it.Err)
				return true
			}
			res, err := l.LoadArticle(ctx, it.Article)
			if err != nil {
				sum.Failed++
				logf("error: %s: %v", it.Where, err)
				return true
			}
			if res.Unchanged {
				sum.Unchanged++
			} else {
				sum.Loaded++
				sum.Statements += res.Statements
			}
			return true
		})
		if ctx.Err() != nil {
			return sum, ctx.Err()
		}
	}
	return sum, nil
}

// LoadArticle extracts one validated article and writes it.
func (l *Loader) LoadArticle(ctx context.Context, a article.Article) (store.WriteResult, error) {
	x, err := l.Extractor.Extract(a)
	if err != nil {
		return store.WriteResult{}, err
	}
	return l.Store.WriteExtraction(ctx, x, a.Text)
}
