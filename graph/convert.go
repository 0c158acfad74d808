package graph

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/geokg/geokg/graph/model"
	"github.com/geokg/geokg/store"
)

// MaxPageSize bounds `first` on every connection.
const MaxPageSize = 100

// pageArgs checks first/after and returns the offset and limit they mean.
func pageArgs(first *int, after *string) (skip, limit int, err error) {
	limit = 20
	if first != nil {
		limit = *first
	}
	if limit < 0 || limit > MaxPageSize {
		return 0, 0, fmt.Errorf("%w: first must be between 0 and %d, got %d", ErrBadInput, MaxPageSize, limit)
	}
	if after != nil && *after != "" {
		n, ok := decodeCursor(*after)
		if !ok {
			return 0, 0, fmt.Errorf("%w: after: %q is not a cursor returned by this API", ErrBadInput, *after)
		}
		skip = n + 1
	}
	return skip, limit, nil
}

// Cursors are opaque to clients; inside they are offsets.
func encodeCursor(n int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(n)))
}

func decodeCursor(c string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(b), "o:") {
		return 0, false
	}
	n, err := strconv.Atoi(string(b[2:]))
	return n, err == nil && n >= 0
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// actor converts a stored entity to its GraphQL type.
func actor(e store.Entity) (model.Actor, error) {
	switch e.Type {
	case "Person":
		return &model.Person{ID: e.ID, NameEn: e.Name, NameAr: optional(e.NameAr), Aliases: e.Aliases, Qid: optional(e.QID)}, nil
	case "State":
		return &model.State{ID: e.ID, NameEn: e.Name, NameAr: optional(e.NameAr), Aliases: e.Aliases, Qid: optional(e.QID)}, nil
	case "Organization":
		return &model.Organization{ID: e.ID, NameEn: e.Name, NameAr: optional(e.NameAr), Aliases: e.Aliases, Qid: optional(e.QID), Kind: optional(e.Kind)}, nil
	case "Group":
		return &model.Group{ID: e.ID, NameEn: e.Name, NameAr: optional(e.NameAr), Aliases: e.Aliases}, nil
	}
	return nil, fmt.Errorf("%w: %s is a %s, not an actor", ErrNotFound, e.ID, strings.ToLower(e.Type))
}

func statement(r store.StatementRow) *model.Statement {
	return &model.Statement{ID: r.ID, Text: r.Text, Direct: r.Direct, Date: r.Date, Language: r.Language, Start: r.Start, End: r.End, Confidence: r.Confidence}
}

func article(a store.ArticleRow) *model.Article {
	return &model.Article{ID: a.ID, Title: a.Title, Source: optional(a.Source), URL: optional(a.URL), Published: a.Published, Language: a.Language}
}

func topic(t store.Topic) *model.Topic {
	return &model.Topic{ID: t.ID, NameEn: t.Name, NameAr: t.NameAr}
}

// pickName returns the name in the requested language, falling back to the
// other one.
func pickName(lang *model.Lang, en string, ar *string) string {
	if lang != nil && *lang == model.LangAr && ar != nil && *ar != "" {
		return *ar
	}
	if en == "" && ar != nil {
		return *ar
	}
	return en
}

func filter(w *model.StatementWhere) store.StatementFilter {
	if w == nil {
		return store.StatementFilter{}
	}
	f := store.StatementFilter{Topics: w.Topics}
	if w.Speaker != nil {
		f.Speaker = *w.Speaker
	}
	return f
}
