package loader_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/geokg/geokg/bench/corpus"
	"github.com/geokg/geokg/loader"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/loader/lexicon"
	"github.com/geokg/geokg/neo4jlocal"
	"github.com/geokg/geokg/store"
)

// faultCorpus is the size of the load interrupted by a Neo4j stop.
const faultCorpus = 2000

// TestLoadSurvivesNeo4jRestart stops a real Neo4j in the middle of a load
// of a few thousand articles, starts it again, re-runs the load, and checks
// that the graph then has exactly the nodes and relationships of a clean
// load of the same corpus: nothing lost, nothing duplicated. It runs its
// own server, since it stops it.
func TestLoadSurvivesNeo4jRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and stops its own Neo4j; skipped under -short")
	}
	ctx := context.Background()
	home := t.TempDir()
	port, err := neo4jlocal.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	opts := neo4jlocal.Options{Home: home, Port: port, Password: "fault-test", Log: os.Stderr}
	srv, err := neo4jlocal.Start(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Stop() }()
	st, err := store.Open(ctx, store.Config{URI: srv.URI, User: srv.User, Password: srv.Password})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	lx, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Setup(ctx, store.TopicsOf(lx)); err != nil {
		t.Fatal(err)
	}
	x, err := extract.Default("")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := corpus.New(x.KB(), corpus.Options{Seed: 42, N: faultCorpus, Arabic: -1}).WriteJSONL(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	var logMu sync.Mutex
	l := &loader.Loader{Extractor: x, Store: st, Workers: 2, Log: lockedWriter{&log, &logMu}}

	// Stop the server once a part of the corpus is in, then start it again.
	restarted := make(chan error, 1)
	go func() {
		for {
			time.Sleep(200 * time.Millisecond)
			n, _, err := articleCount(ctx, st)
			if err == nil && n >= faultCorpus/5 {
				break
			}
		}
		if err := srv.Stop(); err != nil {
			restarted <- err
			return
		}
		time.Sleep(2 * time.Second)
		s2, err := neo4jlocal.Start(ctx, opts)
		if err == nil {
			srv = s2
		}
		restarted <- err
	}()
	first, err := l.Load(ctx, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if err := <-restarted; err != nil {
		t.Fatalf("restart: %v", err)
	}
	t.Logf("load during the restart: %s", first)
	if err := waitReady(ctx, st); err != nil {
		t.Fatal(err)
	}
	second, err := l.Load(ctx, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("load after the restart: %s", second)
	if second.Failed != 0 || second.Loaded+second.Unchanged != faultCorpus || second.Loaded != first.Failed {
		t.Errorf("second load: %s; want the %d failed articles loaded and the rest unchanged", second, first.Failed)
	}
	gotN, gotR, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// A clean load of the same corpus on an empty database is the reference.
	if err := st.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	if err := st.Setup(ctx, store.TopicsOf(lx)); err != nil {
		t.Fatal(err)
	}
	clean, err := l.Load(ctx, []string{path})
	if err != nil || clean.Failed != 0 {
		t.Fatalf("clean load: %s, %v", clean, err)
	}
	wantN, wantR, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	articles, _, _ := articleCount(ctx, st)
	t.Logf("after recovery %d nodes, %d relationships; clean load %d nodes, %d relationships, %d articles", gotN, gotR, wantN, wantR, articles)
	if gotN != wantN || gotR != wantR || articles != faultCorpus {
		t.Errorf("after recovery %d nodes and %d relationships; a clean load gives %d and %d (%d articles)", gotN, gotR, wantN, wantR, articles)
	}
}

func articleCount(ctx context.Context, st *store.Store) (int, int, error) {
	n, err := st.CountArticles(ctx)
	return n, 0, err
}

// waitReady waits until Neo4j answers again.
func waitReady(ctx context.Context, st *store.Store) error {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		err := st.Ping(ctx)
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(500 * time.Millisecond)
	}
}

type lockedWriter struct {
	b  *bytes.Buffer
	mu *sync.Mutex
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}
