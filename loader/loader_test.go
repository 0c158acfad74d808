package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodJSON = `{"id": "a1", "source": "s", "url": null, "published": "2025-09-04", "language": "ar", "text": "عنوان\nقال روته إن روسيا ليس لها رأي."}`

func write(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readAll(path string, td TextDefaults) []Item {
	var out []Item
	ReadWith(path, td, func(it Item) bool { out = append(out, it); return true })
	return out
}

func TestReadReportsEachBadInput(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name  string
		file  string
		body  string
		td    TextDefaults
		where string // the position named, when the item fails
		want  string // "" when the item loads
	}{
		{"valid json", "ok.json", goodJSON, TextDefaults{}, "", ""},
		{"empty file", "empty.json", "  \n", TextDefaults{}, "empty.json", "empty file"},
		{"binary file", "bin.json", "\x00\x01\x02{}", TextDefaults{}, "bin.json", "binary file"},
		{"invalid utf-8", "latin1.json", "{\"id\": \"x\", \"text\": \"caf\xe9\"}", TextDefaults{}, "latin1.json", "not valid UTF-8"},
		{"malformed json", "broken.json", `{"id": "x",`, TextDefaults{}, "broken.json", "malformed JSON"},
		{"two values", "two.json", goodJSON + goodJSON, TextDefaults{}, "two.json", "more than one JSON value"},
		{"missing id", "noid.json", `{"published": "2025-01-01", "language": "en", "text": "x"}`, TextDefaults{}, "noid.json", "missing id"},
		{"bad date", "date.json", `{"id": "x", "published": "04/09/2025", "language": "en", "text": "x"}`, TextDefaults{}, "date.json", `published "04/09/2025"`},
		{"bad language", "lang.json", `{"id": "x", "published": "2025-01-01", "language": "fr", "text": "x"}`, TextDefaults{}, "lang.json", `language "fr"`},
		{"empty text", "notext.json", `{"id": "x", "published": "2025-01-01", "language": "en", "text": " "}`, TextDefaults{}, "notext.json", "empty text"},
		{"plain text without date", "story.txt", "Title\nBody.", TextDefaults{}, "story.txt", "--published"},
		{"plain text", "story2.txt", "Title\nBody.", TextDefaults{Published: "2025-01-02"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := readAll(write(t, dir, tt.file, tt.body), tt.td)
			if len(items) != 1 {
				t.Fatalf("%d items, want 1", len(items))
			}
			it := items[0]
			if tt.want == "" {
				if it.Err != nil {
					t.Fatalf("error %v", it.Err)
				}
				return
			}
			if it.Err == nil || !strings.Contains(it.Err.Error(), tt.want) || !strings.HasSuffix(it.Where, tt.where) {
				t.Errorf("%s: %v; want %q at %s", it.Where, it.Err, tt.want, tt.where)
			}
		})
	}
}

func TestJSONLNamesTheLine(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "c.jsonl", goodJSON+"\n\n{\"id\": \"b\"\n"+strings.Replace(goodJSON, `"a1"`, `"a2"`, 1)+"\n")
	items := readAll(p, TextDefaults{})
	if len(items) != 3 {
		t.Fatalf("%d items, want 3 (blank lines skipped)", len(items))
	}
	if items[0].Err != nil || items[2].Err != nil || items[2].Article.ID != "a2" {
		t.Errorf("good lines: %+v %+v", items[0], items[2])
	}
	if items[1].Err == nil || items[1].Where != p+":3" {
		t.Errorf("bad line reported as %s: %v; want %s:3", items[1].Where, items[1].Err, p)
	}
}

func TestSizeLimits(t *testing.T) {
	dir := t.TempDir()
	defer func(f, l int) { MaxFileSize, MaxLineSize = f, l }(MaxFileSize, MaxLineSize)
	MaxFileSize, MaxLineSize = 100, 100
	big := strings.Replace(goodJSON, "عنوان", strings.Repeat("x", 200), 1)
	if it := readAll(write(t, dir, "big.json", big), TextDefaults{})[0]; it.Err == nil || !strings.Contains(it.Err.Error(), "larger than") {
		t.Errorf("big file: %v", it.Err)
	}
	items := readAll(write(t, dir, "big.jsonl", big+"\n"), TextDefaults{})
	if last := items[len(items)-1]; last.Err == nil || !strings.Contains(last.Err.Error(), "line longer than") || !strings.HasSuffix(last.Where, ":1") {
		t.Errorf("long line: %s %v", last.Where, last.Err)
	}
}

func TestPlainTextLanguage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, body, want string }{
		{"arabic", "عنوان الخبر\nقال الرئيس إن المحادثات مستمرة.", "ar"},
		{"english", "Headline\nThe president said talks go on.", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := readAll(write(t, dir, tt.name+".txt", tt.body), TextDefaults{Published: "2025-01-01"})[0]
			if it.Err != nil || it.Article.Language != tt.want || it.Article.ID != tt.name {
				t.Errorf("%+v, %v; want language %s", it.Article, it.Err, tt.want)
			}
		})
	}
}

func TestFilesSkipsGoldAndOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.json", "a.gold.json", "b.jsonl", "c.txt", "notes.md"} {
		write(t, dir, n, "x")
	}
	got, err := Files([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		names = append(names, filepath.Base(p))
	}
	if strings.Join(names, ",") != "a.json,b.jsonl,c.txt" {
		t.Errorf("files %v", names)
	}
	if _, err := Files([]string{filepath.Join(dir, "missing")}); err == nil {
		t.Error("missing path: no error")
	}
}

// TestShardsPartition checks that the shards of a corpus cover every
// article exactly once.
func TestShardsPartition(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7} {
		for k := 0; k < 500; k++ {
			id := fmt.Sprintf("article-%d", k)
			owners := 0
			for i := 0; i < n; i++ {
				if (Shard{I: i, N: n}).Has(id) {
					owners++
				}
			}
			if owners != 1 {
				t.Fatalf("%s has %d owners among %d shards", id, owners, n)
			}
		}
	}
}
