package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/geokg/geokg/loader"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/neo4jlocal/neo4jtest"
	"github.com/geokg/geokg/store"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

func newLoader(t *testing.T, st *store.Store) *loader.Loader {
	t.Helper()
	x, err := extract.Default("")
	if err != nil {
		t.Fatal(err)
	}
	return &loader.Loader{Extractor: x, Store: st}
}

const seed = "../testdata/articles/seed-paris-security-guarantees.json"

// TestReloadIsIdempotent loads the seed twice and checks that nothing
// changes: ids are stable and every write is a MERGE.
func TestReloadIsIdempotent(t *testing.T) {
	ctx := context.Background()
	st := neo4jtest.Store(t)
	l := newLoader(t, st)
	sum, err := l.Load(ctx, []string{seed})
	if err != nil || sum.Loaded != 1 || sum.Failed != 0 {
		t.Fatalf("first load: %v, %v", sum, err)
	}
	n1, r1, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n1 < 20 || r1 < 40 {
		t.Fatalf("after one load: %d nodes, %d relationships; the seed should give more", n1, r1)
	}
	sum, err = l.Load(ctx, []string{seed})
	if err != nil || sum.Unchanged != 1 {
		t.Fatalf("second load: %v, %v; want the article unchanged", sum, err)
	}
	n2, r2, _ := st.Counts(ctx)
	if n1 != n2 || r1 != r2 {
		t.Errorf("reload changed the graph: %d/%d nodes, %d/%d relationships", n1, n2, r1, r2)
	}
}

// TestChangedArticleReplacesItsStatements edits the seed's text and
// reloads it: the article's old statements go, the new ones come, the
// counts match a fresh load of the edited article.
func TestChangedArticleReplacesItsStatements(t *testing.T) {
	ctx := context.Background()
	st := neo4jtest.Store(t)
	l := newLoader(t, st)
	b, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(t.TempDir(), "seed.json")
	// Drop Macron's quoted sentence.
	text := strings.Replace(string(b), `وقال ماكرون: \"نحن مستعدون، نحن الأوروبيون، لتقديم ضمانات أمنية لأوكرانيا عندما يتم التوقيع على سلام\"، مضيفًا أن المسألة الآن هي مسألة معرفة مدى صدق روسيا فيما يتعلق بإنهاء الحرب.\n`, "", 1)
	if text == string(b) {
		t.Fatal("test setup: sentence to drop not found in the seed")
	}
	if err := os.WriteFile(edited, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Load(ctx, []string{edited}); err != nil {
		t.Fatal(err)
	}
	fresh, _ := st.CountStatements(ctx, store.StatementFilter{})
	freshN, freshR, _ := st.Counts(ctx)
	if err := st.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	if err := st.Setup(ctx, store.TopicsOf(l.Extractor.Lexicon())); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{seed, edited} {
		if sum, err := l.Load(ctx, []string{p}); err != nil || sum.Loaded != 1 {
			t.Fatalf("load %s: %v %v", p, sum, err)
		}
	}
	got, _ := st.CountStatements(ctx, store.StatementFilter{})
	n, r, _ := st.Counts(ctx)
	if got != fresh || n != freshN || r != freshR {
		t.Errorf("after replacing: %d statements, %d nodes, %d rels; a fresh load of the edited article gives %d, %d, %d", got, n, r, fresh, freshN, freshR)
	}
}

// TestStatementFilters checks the filters the API relies on.
func TestStatementFilters(t *testing.T) {
	ctx := context.Background()
	st := neo4jtest.Store(t)
	if _, err := newLoader(t, st).Load(ctx, []string{"../testdata/articles"}); err != nil {
		t.Fatal(err)
	}
	all, err := st.CountStatements(ctx, store.StatementFilter{})
	if err != nil {
		t.Fatal(err)
	}
	troops, _ := st.CountStatements(ctx, store.StatementFilter{Topics: []string{"troop-deployment"}})
	rutte, _ := st.CountStatements(ctx, store.StatementFilter{Speaker: "person:mark-rutte"})
	both, _ := st.CountStatements(ctx, store.StatementFilter{Topics: []string{"troop-deployment"}, Speaker: "person:mark-rutte"})
	if !(all > troops && troops > 0 && rutte > 0 && both > 0 && both <= troops && both <= rutte) {
		t.Errorf("counts: all %d, troop-deployment %d, by Rutte %d, both %d", all, troops, rutte, both)
	}
	res, err := st.Statements(ctx, store.StatementFilter{Topics: []string{"troop-deployment"}}, nil, store.Page{Limit: 3})
	page := res.Rows
	if err != nil || len(page) != 3 {
		t.Fatalf("page: %d rows, %v", len(page), err)
	}
	for i := 1; i < len(page); i++ {
		if page[i].Date > page[i-1].Date {
			t.Errorf("page not newest first: %s after %s", page[i].Date, page[i-1].Date)
		}
	}
}

// TestRoutingScheme connects with neo4j:// — the scheme for clusters and
// Aura, where the driver fetches a routing table — to the test server.
func TestRoutingScheme(t *testing.T) {
	neo4jtest.Store(t)
	c := neo4jtest.Config(t)
	if !strings.HasPrefix(c.URI, "bolt://") {
		t.Skipf("test server %s is not a bolt:// URI", c.URI)
	}
	c.URI = "neo4j://" + strings.TrimPrefix(c.URI, "bolt://")
	ctx := context.Background()
	st, err := store.Open(ctx, c)
	if err != nil {
		t.Fatalf("open %s: %v", c.URI, err)
	}
	defer st.Close(ctx)
	if _, err := st.Topics(ctx); err != nil {
		t.Errorf("read through routing: %v", err)
	}
	if _, err := newLoader(t, st).Load(ctx, []string{seed}); err != nil {
		t.Errorf("write through routing: %v", err)
	}
}
