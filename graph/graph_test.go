package graph_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/geokg/geokg/loader"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/neo4jlocal/neo4jtest"
	"github.com/geokg/geokg/server"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// newClient loads paths into a fresh database and returns a GraphQL client
// over the real handler.
func newClient(t *testing.T, paths ...string) *client.Client {
	t.Helper()
	st := neo4jtest.Store(t)
	x, err := extract.Default("")
	if err != nil {
		t.Fatal(err)
	}
	l := &loader.Loader{Extractor: x, Store: st}
	sum, err := l.Load(context.Background(), paths)
	if err != nil || sum.Failed > 0 {
		t.Fatalf("load: %v %v", sum, err)
	}
	return client.New(server.GraphQL(st, server.Defaults()))
}

const seed = "../testdata/articles/seed-paris-security-guarantees.json"

// TestTroopDeploymentStatements is the acceptance query of the first slice:
// statements on troop deployments give Mark Rutte's, dated 2025-09-04, with
// their article.
func TestTroopDeploymentStatements(t *testing.T) {
	c := newClient(t, seed)
	var resp struct {
		Statements struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Text    string
					Date    string
					Direct  bool
					Speaker struct{ Name string }
					Article struct{ Title string }
				}
			}
		}
	}
	c.MustPost(`{ statements(where: {topics: ["troop-deployment"]}, first: 10) {
	    totalCount edges { node { text date direct speaker { name } article { title } } } } }`, &resp)
	if resp.Statements.TotalCount != len(resp.Statements.Edges) {
		t.Errorf("totalCount %d, but %d edges on a page of 10", resp.Statements.TotalCount, len(resp.Statements.Edges))
	}
	rutte, direct := 0, 0
	for _, e := range resp.Statements.Edges {
		n := e.Node
		if n.Article.Title != "ضمانات أمنية لأوكرانيا في قمة باريس" {
			t.Errorf("statement %q: article title %q", n.Text, n.Article.Title)
		}
		if n.Speaker.Name != "Mark Rutte" {
			continue
		}
		rutte++
		if n.Direct {
			direct++
		}
		if n.Date != "2025-09-04" {
			t.Errorf("Rutte's statement %q dated %s, want 2025-09-04", n.Text, n.Date)
		}
	}
	if rutte != 3 || direct != 2 {
		t.Errorf("got %d statements by Mark Rutte (%d direct), want 3 (2 direct): %+v", rutte, direct, resp.Statements.Edges)
	}
}

func TestStatementsPaging(t *testing.T) {
	c := newClient(t, "../testdata/articles")
	type page struct {
		Statements struct {
			TotalCount int
			Edges      []struct {
				Cursor string
				Node   struct{ ID string }
			}
			PageInfo struct {
				HasNextPage bool
				EndCursor   *string
			}
		}
	}
	var first page
	c.MustPost(`{ statements(first: 5) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, &first)
	if len(first.Statements.Edges) != 5 || !first.Statements.PageInfo.HasNextPage || first.Statements.TotalCount <= 5 {
		t.Fatalf("first page: %+v", first.Statements)
	}
	seen := map[string]bool{}
	for _, e := range first.Statements.Edges {
		seen[e.Node.ID] = true
	}
	var next page
	c.MustPost(`query($after: String) { statements(first: 5, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, &next,
		client.Var("after", *first.Statements.PageInfo.EndCursor))
	for _, e := range next.Statements.Edges {
		if seen[e.Node.ID] {
			t.Errorf("statement %s on both pages", e.Node.ID)
		}
	}
	if next.Statements.TotalCount != first.Statements.TotalCount {
		t.Errorf("totalCount changed between pages: %d, %d", first.Statements.TotalCount, next.Statements.TotalCount)
	}
}

func TestActorAndErrors(t *testing.T) {
	c := newClient(t, seed)
	tests := []struct {
		name  string
		query string
		code  string
	}{
		{"page too large", `{ statements(first: 1000) { totalCount } }`, "BAD_USER_INPUT"},
		{"negative page", `{ statements(first: -1) { totalCount } }`, "BAD_USER_INPUT"},
		{"forged cursor", `{ statements(after: "bm90LWEtY3Vyc29y") { totalCount } }`, "BAD_USER_INPUT"},
		{"unknown field", `{ statements { nope } }`, "GRAPHQL_VALIDATION_FAILED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.RawPost(tt.query)
			if err != nil {
				// gqlgen answers validation failures with HTTP 422; the
				// client returns the body in the error.
				if !strings.Contains(err.Error(), `"code":"`+tt.code+`"`) {
					t.Errorf("error %v, want code %s", err, tt.code)
				}
				return
			}
			if len(resp.Errors) == 0 {
				t.Fatalf("no error for %s", tt.query)
			}
			var errs []struct {
				Message    string
				Extensions map[string]any
			}
			if err := json.Unmarshal(resp.Errors, &errs); err != nil {
				t.Fatal(err)
			}
			if errs[0].Extensions["code"] != tt.code {
				t.Errorf("code %v (%s), want %s", errs[0].Extensions["code"], errs[0].Message, tt.code)
			}
		})
	}
	t.Run("actor by id, both languages", func(t *testing.T) {
		var resp struct {
			Actor struct {
				Typename string `json:"__typename"`
				Name     string
				Ar       string
			}
		}
		c.MustPost(`{ actor(id: "person:mark-rutte") { __typename name ar: name(lang: AR) } }`, &resp)
		if resp.Actor.Typename != "Person" || resp.Actor.Name != "Mark Rutte" || resp.Actor.Ar != "مارك روته" {
			t.Errorf("actor: %+v", resp.Actor)
		}
	})
	t.Run("unknown actor is null", func(t *testing.T) {
		var resp struct{ Actor *struct{ ID string } }
		c.MustPost(`{ actor(id: "person:nobody") { id } }`, &resp)
		if resp.Actor != nil {
			t.Errorf("actor: %+v, want null", resp.Actor)
		}
	})
}
