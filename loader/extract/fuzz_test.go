package extract

import (
	"testing"
	"unicode/utf8"

	"github.com/geokg/geokg/loader/article"
)

// FuzzExtract runs the extractor on arbitrary text in both languages: it
// must not panic, every offset must be in range and every id referenced
// must be among the entities (the same checks as TestContract).
func FuzzExtract(f *testing.F) {
	for _, a := range articles(f) {
		f.Add(a.Text, a.Language == "ar")
	}
	f.Add("عنوان\nوقال: \"", true)
	f.Add("T\n\"a b c d,\" he said, adding that", false)
	x := extractor(f)
	f.Fuzz(func(t *testing.T, text string, arabic bool) {
		if !utf8.ValidString(text) {
			return
		}
		a := article.Article{ID: "fuzz", Published: "2025-09-04", Language: "en", Text: text}
		if arabic {
			a.Language = "ar"
		}
		if a.Validate() != nil {
			return
		}
		res, err := x.Extract(a)
		if err != nil {
			t.Fatal(err)
		}
		checkContract(t, a, res)
	})
}
