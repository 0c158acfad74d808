// Package article defines the news article the loader takes in and parses
// it from the JSON format of the evaluation set (see testdata/articles).
package article

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Article is one news article as received.
type Article struct {
	ID        string  `json:"id"`
	Source    string  `json:"source"`
	URL       *string `json:"url"`
	Published string  `json:"published"`
	Language  string  `json:"language"`
	Text      string  `json:"text"`
}

// ErrInvalid marks articles that cannot be loaded as given; the message says
// which field and why.
var ErrInvalid = errors.New("invalid article")

// Title returns the first non-empty line of the text.
func (a Article) Title() string {
	for _, line := range strings.Split(a.Text, "\n") {
		if t := strings.TrimSpace(line); t != "" {
			return t
		}
	}
	return ""
}

// ContentHash identifies the article's content, so that reloading an
// unchanged article can be recognised.
func (a Article) ContentHash() string {
	h := sha256.New()
	// The fields go through one small buffer: converting the text to
	// []byte would copy all of it for every article.
	buf := make([]byte, 0, 4096)
	write := func(s string) {
		for len(s) > 0 {
			n := copy(buf[:cap(buf)], s)
			h.Write(buf[:n])
			s = s[n:]
		}
	}
	for _, s := range []string{a.ID, a.Source, a.Published, a.Language, a.Text} {
		write(s)
		h.Write([]byte{0})
	}
	if a.URL != nil {
		write(*a.URL)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// Validate checks the fields the pipeline relies on.
func (a Article) Validate() error {
	switch {
	case strings.TrimSpace(a.ID) == "":
		return fmt.Errorf("%w: missing id", ErrInvalid)
	case !utf8.ValidString(a.Text):
		return fmt.Errorf("%w: text is not valid UTF-8", ErrInvalid)
	case strings.TrimSpace(a.Text) == "":
		return fmt.Errorf("%w: empty text", ErrInvalid)
	case a.Language != "ar" && a.Language != "en":
		return fmt.Errorf("%w: language %q: want \"ar\" or \"en\"", ErrInvalid, a.Language)
	}
	if _, err := time.Parse(time.DateOnly, a.Published); err != nil {
		return fmt.Errorf("%w: published %q: want a date as YYYY-MM-DD", ErrInvalid, a.Published)
	}
	return nil
}

// ParseJSON parses one article object and validates it.
func ParseJSON(b []byte) (Article, error) {
	var a Article
	if !utf8.Valid(b) {
		return a, fmt.Errorf("%w: not valid UTF-8", ErrInvalid)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&a); err != nil {
		return a, fmt.Errorf("%w: malformed JSON: %v", ErrInvalid, err)
	}
	if dec.More() {
		return a, fmt.Errorf("%w: more than one JSON value (use .jsonl for one article per line)", ErrInvalid)
	}
	return a, a.Validate()
}
