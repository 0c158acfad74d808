package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/geokg/geokg/neo4jlocal/neo4jtest"
	"github.com/geokg/geokg/store"
)

// TestPageProps reads one page of statements with their speakers and
// articles whole, then with Props: the rows must be the same nodes, with
// the properties asked for equal to the whole rows', the others zero, the
// relationships of the statements still there, and Partial set on exactly
// the rows read with some.
func TestPageProps(t *testing.T) {
	ctx := context.Background()
	st := neo4jtest.Store(t)
	if _, err := newLoader(t, st).Load(ctx, []string{"../testdata/articles"}); err != nil {
		t.Fatal(err)
	}
	page := store.Page{Limit: 10, Speakers: true, Articles: true, Bare: true}
	whole, err := st.Statements(ctx, store.StatementFilter{}, nil, page)
	if err != nil || len(whole.Rows) != 10 || len(whole.Related) < 20 {
		t.Fatalf("whole page: %d rows, %d related, %v", len(whole.Rows), len(whole.Related), err)
	}
	wholeRel := map[string]store.NodeRow{}
	for _, r := range whole.Related {
		wholeRel[r.ID] = r
	}
	type check func(t *testing.T, got, want store.NodeRow)
	textOnly := func(t *testing.T, got, want store.NodeRow) {
		if got.Text != want.Text || got.Text == "" || got.Date != "" || got.Language != "" || got.Start != 0 {
			t.Errorf("%s: text %q date %q language %q start %d; want the text %q alone", got.ID, got.Text, got.Date, got.Language, got.Start, want.Text)
		}
	}
	idOnly := func(t *testing.T, got, want store.NodeRow) {
		if got.Text != "" || got.Date != "" || got.Confidence != 0 {
			t.Errorf("%s: %q %q %v; want the id alone", got.ID, got.Text, got.Date, got.Confidence)
		}
	}
	nameOnly := func(t *testing.T, got, want store.NodeRow) {
		if got.Name != want.Name || got.Name == "" || got.NameAr != "" || len(got.Aliases) != 0 || got.StateID != "" {
			t.Errorf("%s: name %q nameAr %q aliases %v state %q; want the name %q alone", got.ID, got.Name, got.NameAr, got.Aliases, got.StateID, want.Name)
		}
	}
	titleOnly := func(t *testing.T, got, want store.NodeRow) {
		if got.Title != want.Title || got.Title == "" || got.Published != "" || got.Language != "" {
			t.Errorf("%s: title %q published %q; want the title %q alone", got.ID, got.Title, got.Published, want.Title)
		}
	}
	cases := []struct {
		name                   string
		props                  store.Props
		rows, speaker, article check // nil: read whole
	}{
		{"statements' properties", store.Props{Rows: []string{"text"}}, textOnly, nil, nil},
		{"statements' id only", store.Props{Rows: []string{}}, idOnly, nil, nil},
		{"speakers' properties", store.Props{Speakers: []string{"name"}}, nil, nameOnly, nil},
		{"articles' properties", store.Props{Articles: []string{"title"}}, nil, nil, titleOnly},
		{"all three", store.Props{Rows: []string{"text"}, Speakers: []string{"name"}, Articles: []string{"title"}}, textOnly, nameOnly, titleOnly},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := page
			p.Props = &c.props
			got, err := st.Statements(ctx, store.StatementFilter{}, nil, p)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Rows) != len(whole.Rows) || len(got.Related) != len(whole.Related) {
				t.Fatalf("%d rows and %d related; whole, %d and %d", len(got.Rows), len(got.Related), len(whole.Rows), len(whole.Related))
			}
			for i, r := range got.Rows {
				w := whole.Rows[i]
				if r.ID != w.ID || r.Type != w.Type || r.SpeakerID != w.SpeakerID || r.ArticleID != w.ArticleID || r.SpeakerID == "" {
					t.Errorf("row %d: %s %s speaker %q article %q; whole %s %s %q %q", i, r.Type, r.ID, r.SpeakerID, r.ArticleID, w.Type, w.ID, w.SpeakerID, w.ArticleID)
				}
				matches(t, "row", r, w, c.rows)
			}
			for _, r := range got.Related {
				w, ok := wholeRel[r.ID]
				if !ok || r.Type != w.Type {
					t.Errorf("related %s %s not in the whole page", r.Type, r.ID)
					continue
				}
				if r.Type == store.TypeArticle {
					matches(t, "article", r, w, c.article)
				} else {
					matches(t, "speaker", r, w, c.speaker)
				}
			}
		})
	}
	t.Run("a property rows do not have", func(t *testing.T) {
		p := page
		p.Props = &store.Props{Speakers: []string{"name} RETURN 1 //"}}
		if _, err := st.Statements(ctx, store.StatementFilter{}, nil, p); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("error %v; want ErrInvalid", err)
		}
	})
}

// matches checks a row read with Props against the whole row: by check
// when some properties were asked for, equal and not Partial otherwise.
func matches(t *testing.T, what string, got, want store.NodeRow, check func(t *testing.T, got, want store.NodeRow)) {
	t.Helper()
	if check == nil {
		if got.Partial {
			t.Errorf("%s %s is partial; want it whole", what, got.ID)
		}
		got.Score, want.Score = 0, 0
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s %s differs from the whole page's:\n%+v\n%+v", what, got.ID, got, want)
		}
		return
	}
	if !got.Partial {
		t.Errorf("%s %s is not marked partial", what, got.ID)
	}
	check(t, got, want)
}
