package corpus

import (
	"bytes"
	"testing"

	"github.com/geokg/geokg/loader/article"
	"github.com/geokg/geokg/loader/kb"
)

func TestDeterministicAndValid(t *testing.T) {
	k, err := kb.Default()
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := New(k, Options{Seed: 7, N: 50, Arabic: -1}).WriteJSONL(&a); err != nil {
		t.Fatal(err)
	}
	New(k, Options{Seed: 7, N: 50, Arabic: -1}).WriteJSONL(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same seed gave two corpora")
	}
	langs := map[string]int{}
	for i, line := range bytes.Split(bytes.TrimSpace(a.Bytes()), []byte("\n")) {
		art, err := article.ParseJSON(line)
		if err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
		langs[art.Language]++
	}
	if langs["ar"] == 0 || langs["en"] == 0 {
		t.Errorf("languages %v: want both", langs)
	}
}
