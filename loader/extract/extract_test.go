package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/geokg/geokg/bench/corpus"
	"github.com/geokg/geokg/loader/article"
	"github.com/geokg/geokg/loader/text"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

var (
	defaultOnce sync.Once
	defaultX    *Extractor
	defaultErr  error
)

func extractor(t testing.TB) *Extractor {
	t.Helper()
	defaultOnce.Do(func() { defaultX, defaultErr = Default("") })
	if defaultErr != nil {
		t.Fatal(defaultErr)
	}
	return defaultX
}

// textArticle is an article for a test: content is the title, then the
// body, and its language is Arabic when its letters are.
func textArticle(id, published, content string) article.Article {
	lang := "en"
	if text.IsArabic(content) {
		lang = "ar"
	}
	return article.Article{ID: id, Source: "test", Published: published, Language: lang, Text: content}
}

// entityNames maps the ids of an extraction's entities to their names.
func entityNames(x *Extraction) map[string]string {
	names := make(map[string]string, len(x.Entities))
	for _, e := range x.Entities {
		names[e.ID] = e.Name
	}
	return names
}

// articles returns the articles of the project's testdata.
func articles(t testing.TB) map[string]article.Article {
	t.Helper()
	paths, err := filepath.Glob("../../testdata/articles/*.json")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]article.Article{}
	for _, p := range paths {
		if strings.HasSuffix(p, ".gold.json") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, err := article.ParseJSON(b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out[strings.TrimSuffix(filepath.Base(p), ".json")] = a
	}
	if len(out) == 0 {
		t.Fatal("no articles in testdata")
	}
	return out
}

// TestGolden locks the extraction of every testdata article; run with
// -update after an intended change and review the diff.
func TestGolden(t *testing.T) {
	x := extractor(t)
	for stem, a := range articles(t) {
		t.Run(stem, func(t *testing.T) {
			res, err := x.Extract(a)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(res); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", stem+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./loader/extract -update)", err)
			}
			if !bytes.Equal(want, buf.Bytes()) {
				t.Errorf("extraction of %s differs from %s; run go test ./loader/extract -update and review the diff", stem, path)
			}
		})
	}
}

// TestContract checks the invariants of the extract contract on every
// testdata article: ids referenced exist, offsets point at the text they
// claim.
func TestContract(t *testing.T) {
	x := extractor(t)
	for stem, a := range articles(t) {
		t.Run(stem, func(t *testing.T) {
			res, err := x.Extract(a)
			if err != nil {
				t.Fatal(err)
			}
			checkContract(t, a, res)
		})
	}
}

func checkContract(t *testing.T, a article.Article, res *Extraction) {
	t.Helper()
	runes := []rune(a.Text)
	span := func(what string, start, end int, text string) {
		if start < 0 || end > len(runes) || start >= end {
			t.Errorf("%s: offsets [%d,%d) out of range (text has %d code points)", what, start, end, len(runes))
			return
		}
		if text != "" && string(runes[start:end]) != text {
			t.Errorf("%s: offsets [%d,%d) point at %q, not %q", what, start, end, string(runes[start:end]), text)
		}
	}
	ids := map[string]string{}
	for _, e := range res.Entities {
		if _, dup := ids[e.ID]; dup {
			t.Errorf("entity %s listed twice", e.ID)
		}
		ids[e.ID] = e.Type
		switch e.Type {
		case Person, State, Organization, Place, Group:
		default:
			t.Errorf("entity %s: type %q", e.ID, e.Type)
		}
		if e.Name == "" {
			t.Errorf("entity %s: no name", e.ID)
		}
		for _, m := range e.Mentions {
			span("mention of "+e.ID, m.Start, m.End, m.Text)
		}
	}
	ref := func(what, id string) {
		if _, ok := ids[id]; !ok {
			t.Errorf("%s refers to %q, which is not in entities", what, id)
		}
	}
	for _, r := range res.Roles {
		ref("role", r.PersonID)
		ref("role", r.OfID)
	}
	for _, s := range res.Statements {
		ref("statement "+s.ID, s.SpeakerID)
		if s.PlaceID != "" {
			ref("statement "+s.ID, s.PlaceID)
		}
		for _, m := range s.MentionIDs {
			ref("statement "+s.ID, m)
		}
		span("statement "+s.ID, s.Start, s.End, s.Text)
		if s.Date == "" {
			t.Errorf("statement %s: no date", s.ID)
		}
	}
	for _, e := range res.Events {
		ref("event "+e.ID, e.PlaceID)
		for _, p := range e.ParticipantIDs {
			ref("event "+e.ID, p)
		}
	}
}

// TestSeedStatements checks the statements of the article the project
// started from, which the first GraphQL acceptance query relies on.
func TestSeedStatements(t *testing.T) {
	a := articles(t)["seed-paris-security-guarantees"]
	res, err := extractor(t).Extract(a)
	if err != nil {
		t.Fatal(err)
	}
	names := entityNames(res)
	tests := []struct {
		name    string
		speaker string
		key     string
		direct  bool
		date    string
		topic   string
	}{
		{"reported, speaker before the verb", "Mark Rutte", "روسيا ليس لها رأي في أي نشر للقوات في أوكرانيا", false, "2025-09-04", "troop-deployment"},
		{"quote after a bare verb continues the speaker", "Mark Rutte", "ليس من حقهم أن يقرروا ذلك", true, "2025-09-04", "troop-deployment"},
		{"quote first, speaker after", "Mark Rutte", "لا يمكن لأحد آخر أن يقرر ذلك", true, "2025-09-04", "troop-deployment"},
		{"the day before", "Emmanuel Macron", "سيؤيدون خطط الضمانات الأمنية التي وضعتها جيوشهم", false, "2025-09-03", "security-guarantees"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, s := range res.Statements {
				if !strings.Contains(s.Text, tt.key) {
					continue
				}
				if names[s.SpeakerID] != tt.speaker || s.Direct != tt.direct || s.Date != tt.date || !contains(s.Topics, tt.topic) {
					t.Errorf("statement %q: speaker %q direct %v date %s topics %v; want %q %v %s with %s",
						tt.key, names[s.SpeakerID], s.Direct, s.Date, s.Topics, tt.speaker, tt.direct, tt.date, tt.topic)
				}
				return
			}
			t.Errorf("no statement contains %q", tt.key)
		})
	}
}

// BenchmarkExtract measures extraction throughput over the testdata
// articles; b.SetBytes makes `go test -bench` report MB/s (of UTF-8 text,
// on one core).
func BenchmarkExtract(b *testing.B) {
	x := extractor(b)
	var arts []article.Article
	for _, a := range articles(b) {
		arts = append(arts, a)
	}
	benchExtract(b, x, arts)
}

// BenchmarkExtractCorpus measures throughput over generated articles (the
// corpus of `go run ./bench/gen -n 2000 -seed 1`): short, dense in names and
// statements, unlike the long testdata articles.
func BenchmarkExtractCorpus(b *testing.B) {
	x := extractor(b)
	g := corpus.New(x.KB(), corpus.Options{Seed: 1, N: 2000, Arabic: -1})
	arts := make([]article.Article, 2000)
	for i := range arts {
		arts[i] = g.Article(i)
	}
	benchExtract(b, x, arts)
}

func benchExtract(b *testing.B, x *Extractor, arts []article.Article) {
	size := 0
	for _, a := range arts {
		size += len(a.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := x.Extract(a); err != nil {
				b.Fatal(err)
			}
		}
	}
}
