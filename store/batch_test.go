package store_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/geokg/geokg/loader"
	"github.com/geokg/geokg/loader/article"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/neo4jlocal/neo4jtest"
	"github.com/geokg/geokg/store"
)

// batchOf extracts the articles of testdata/ for WriteBatch.
func batchOf(t *testing.T, x *extract.Extractor) ([]*extract.Extraction, []string, []article.Article) {
	t.Helper()
	files, err := loader.Files([]string{"../testdata/articles"})
	if err != nil {
		t.Fatal(err)
	}
	var xs []*extract.Extraction
	var texts []string
	var arts []article.Article
	for _, f := range files {
		loader.Read(f, func(it loader.Item) bool {
			if it.Err != nil {
				t.Fatalf("%s: %v", it.Where, it.Err)
			}
			ex, err := x.Extract(it.Article)
			if err != nil {
				t.Fatalf("%s: %v", it.Where, err)
			}
			xs, texts, arts = append(xs, ex), append(texts, it.Article.Text), append(arts, it.Article)
			return true
		})
	}
	if len(xs) < 10 {
		t.Fatalf("testdata gave %d articles", len(xs))
	}
	return xs, texts, arts
}

// writtenBatch writes the articles of testdata/ in one batch to a store
// of the test's own and returns the store, the extractor, the
// extractions and their texts.
func writtenBatch(t *testing.T) (*store.Store, *extract.Extractor, []*extract.Extraction, []string) {
	t.Helper()
	st := neo4jtest.Store(t)
	x, err := extract.Default("")
	if err != nil {
		t.Fatal(err)
	}
	xs, texts, _ := batchOf(t, x)
	_, errs := st.WriteBatch(context.Background(), xs, texts)
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return st, x, xs, texts
}

// written records the articles the store announces.
type written struct {
	mu  sync.Mutex
	ids []string
}

func (w *written) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	ids := w.ids
	w.ids = nil
	return ids
}

func reset(t *testing.T, st *store.Store, x *extract.Extractor) {
	t.Helper()
	ctx := context.Background()
	if err := st.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	if err := st.Setup(ctx, store.TopicsOf(x.Lexicon())); err != nil {
		t.Fatal(err)
	}
}

// TestWriteBatch writes the articles of testdata/ in one batch and checks
// that the graph is the one writing them one by one gives; that writing
// the batch again changes nothing; that a bad article in a batch fails
// alone while the others are written; and that an article changed within
// a batch is written as two loads in a row would write it.
func TestWriteBatch(t *testing.T) {
	ctx := context.Background()
	st := neo4jtest.Store(t)
	x := newLoader(t, st).Extractor
	var w written
	st.OnWritten(func(_ context.Context, wr store.Written) {
		w.mu.Lock()
		w.ids = append(w.ids, wr.ArticleID)
		w.mu.Unlock()
	})
	xs, texts, arts := batchOf(t, x)

	// The reference: one transaction per article.
	for i := range xs {
		if _, err := st.WriteExtraction(ctx, xs[i], texts[i]); err != nil {
			t.Fatal(err)
		}
	}
	wantN, wantR, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w.take()

	reset(t, st, x)
	results, errs := st.WriteBatch(ctx, xs, texts)
	statements := 0
	for i := range xs {
		if errs[i] != nil || results[i].Unchanged {
			t.Fatalf("batch: article %s: %+v, %v", xs[i].Article.ID, results[i], errs[i])
		}
		statements += results[i].Statements
	}
	if statements == 0 {
		t.Error("batch reports no statements written")
	}
	if n, r, _ := st.Counts(ctx); n != wantN || r != wantR {
		t.Errorf("batch gave %d nodes, %d relationships; one by one %d, %d", n, r, wantN, wantR)
	}
	if got := w.take(); len(got) != len(xs) {
		t.Errorf("batch announced %d articles, want %d", len(got), len(xs))
	}

	// Again: nothing to do.
	results, errs = st.WriteBatch(ctx, xs, texts)
	for i := range xs {
		if errs[i] != nil || !results[i].Unchanged {
			t.Errorf("reload: article %s: %+v, %v; want unchanged", xs[i].Article.ID, results[i], errs[i])
		}
	}
	if n, r, _ := st.Counts(ctx); n != wantN || r != wantR {
		t.Errorf("reloading the batch changed the graph: %d/%d nodes, %d/%d relationships", n, wantN, r, wantR)
	}
	if got := w.take(); len(got) != 0 {
		t.Errorf("reload announced %v", got)
	}

	// A bad article (a date Neo4j cannot read) in the middle of a batch.
	reset(t, st, x)
	bad := *xs[3]
	bad.Statements = append([]extract.Statement(nil), bad.Statements...)
	if len(bad.Statements) == 0 {
		t.Fatalf("test setup: article %s has no statements", bad.Article.ID)
	}
	bad.Statements[0].Date = "not a date"
	withBad := append(append(append([]*extract.Extraction{}, xs[:3]...), &bad), xs[4:]...)
	results, errs = st.WriteBatch(ctx, withBad, texts)
	for i := range withBad {
		if i == 3 {
			if errs[i] == nil || !strings.Contains(errs[i].Error(), bad.Article.ID) {
				t.Errorf("bad article: %v; want an error naming it", errs[i])
			}
			continue
		}
		if errs[i] != nil || results[i].Unchanged {
			t.Errorf("article %s beside a bad one: %+v, %v; want written", withBad[i].Article.ID, results[i], errs[i])
		}
	}
	if n, _ := st.CountArticles(ctx); n != len(xs)-1 {
		t.Errorf("%d articles stored; want all but the bad one, %d", n, len(xs)-1)
	}
	if got := w.take(); len(got) != len(xs)-1 {
		t.Errorf("announced %d articles, want %d", len(got), len(xs)-1)
	}
	// The good version goes in next time; the others are unchanged.
	results, errs = st.WriteBatch(ctx, xs, texts)
	for i := range xs {
		if errs[i] != nil || results[i].Unchanged != (i != 3) {
			t.Errorf("after the fix: article %s: %+v, %v", xs[i].Article.ID, results[i], errs[i])
		}
	}
	if n, r, _ := st.Counts(ctx); n != wantN || r != wantR {
		t.Errorf("after the fix %d nodes, %d relationships; want %d, %d", n, r, wantN, wantR)
	}

	// An article and its changed version in one batch: written in order,
	// as two loads in a row.
	first := xs[0]
	changed := arts[0]
	changed.Text = strings.TrimRight(changed.Text, "\n")
	changed.Text = changed.Text[:strings.LastIndex(changed.Text, "\n")] // without its last paragraph
	edited, err := x.Extract(changed)
	if err != nil {
		t.Fatal(err)
	}
	if edited.Article.ContentHash == first.Article.ContentHash {
		t.Fatal("test setup: the edit did not change the content hash")
	}
	editedText := changed.Text
	reset(t, st, x)
	for _, p := range []struct {
		x    *extract.Extraction
		text string
	}{{first, texts[0]}, {edited, editedText}, {xs[1], texts[1]}} {
		if _, err := st.WriteExtraction(ctx, p.x, p.text); err != nil {
			t.Fatal(err)
		}
	}
	seqN, seqR, _ := st.Counts(ctx)
	reset(t, st, x)
	w.take()
	results, errs = st.WriteBatch(ctx, []*extract.Extraction{first, xs[1], edited}, []string{texts[0], texts[1], editedText})
	for i := range results {
		if errs[i] != nil || results[i].Unchanged {
			t.Errorf("batch with a changed article: %d: %+v, %v", i, results[i], errs[i])
		}
	}
	if n, r, _ := st.Counts(ctx); n != seqN || r != seqR {
		t.Errorf("an article and its edit in one batch: %d nodes, %d relationships; in a row %d, %d", n, r, seqN, seqR)
	}
	if got := w.take(); len(got) != 3 {
		t.Errorf("announced %v; want three writes", got)
	}
}
