package graph_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/server"
	"github.com/geokg/geokg/store"
)

// TestErrors checks the extensions.code of each kind of error, and that
// the message says what to fix.
func TestErrors(t *testing.T) {
	e := corpus(t)
	deep := `{ node(id: "UA") { ... on State { statements(first: 1) { edges { node { speaker { ... on Person { statements(first: 1) { edges { node { speaker { ... on Person { statements(first: 1) { edges { node { speaker { ... on Person { statements(first: 1) { edges { node { id } } } } } } } } } } } } } } } } } } } } }`
	tests := []struct {
		name  string
		query string
		opts  []client.Option
		code  string
		says  string // in the message
	}{
		{"page too large", `{ statements(first: 1000) { totalCount } }`, nil, "BAD_USER_INPUT", "first must be between 0 and 100"},
		{"negative page", `{ persons(first: -1) { totalCount } }`, nil, "BAD_USER_INPUT", "first"},
		{"forged cursor", `{ statements(after: "bm90LWEtY3Vyc29y") { totalCount } }`, nil, "BAD_USER_INPUT", "not a cursor"},
		{"bad date", `{ statements(where: {from: "September"}) { totalCount } }`, nil, "BAD_USER_INPUT", "where.from"},
		{"dates the wrong way round", `{ statements(where: {from: "2025-09-30", to: "2025-09-01"}) { totalCount } }`, nil, "BAD_USER_INPUT", "after where.to"},
		{"bad language", `{ statements(where: {language: "fr"}) { totalCount } }`, nil, "BAD_USER_INPUT", "where.language"},
		{"two keys in one orderBy", `{ statements(orderBy: [{date: DESC, confidence: ASC}]) { totalCount } }`, nil, "BAD_USER_INPUT", "exactly one field"},
		{"relevance without text", `{ statements(orderBy: [{relevance: DESC}]) { totalCount } }`, nil, "BAD_USER_INPUT", "needs a text filter"},
		{"blank text", `{ statements(where: {text: "  "}) { totalCount } }`, nil, "BAD_USER_INPUT", "where.text"},
		{"search without words", `{ search(text: "!?") { totalCount } }`, nil, "BAD_USER_INPUT", "no words"},
		{"search too long", `{ search(text: "` + strings.Repeat("ا", 501) + `") { totalCount } }`, nil, "BAD_USER_INPUT", "longer than 500"},
		{"neighbourhood of nothing", `{ neighborhood(id: "nobody") { truncated } }`, nil, "NOT_FOUND", "nobody"},
		{"neighbourhood too deep", `{ neighborhood(id: "UA", depth: 4) { truncated } }`, nil, "BAD_USER_INPUT", "depth must be 1 to 3"},
		{"paths too long", `{ paths(from: "UA", to: "RU", maxLength: 7) { length } }`, nil, "BAD_USER_INPUT", "maxLength"},
		{"top speakers, none asked", `{ topSpeakers(first: 0) { count } }`, nil, "BAD_USER_INPUT", "first"},
		{"timeline too long", `{ statementTimeline(where: {from: "2000-01-01", to: "2025-01-01"}, interval: DAY) { count } }`, nil, "BAD_USER_INPUT", "larger interval"},
		{"unknown field", `{ statements { nope } }`, nil, "GRAPHQL_VALIDATION_FAILED", "nope"},
		{"too deep", deep, nil, "BAD_USER_INPUT", "the limit is 15"},
		{"too complex", `{ statements(first: 100) { edges { node { speaker { statements(first: 100) { edges { node { id text } } } } } } } }`, nil, "BAD_USER_INPUT", "exceeds the limit"},
		{"write without token", `mutation { deleteArticle(id: "x") { id } }`, nil, "UNAUTHENTICATED", "Authorization: Bearer"},
		{"write with a wrong token", `mutation { deleteArticle(id: "x") { id } }`, []client.Option{bearer("wrong")}, "UNAUTHENTICATED", "not the server's"},
		{"delete what is not there", `mutation { deleteArticle(id: "no-such-article") { id } }`, []client.Option{bearer(testToken)}, "NOT_FOUND", "no-such-article"},
		{"ingest an invalid article", `mutation { ingestArticle(input: {id: "x", published: "2025-09-01", language: "fr", text: "Bonjour"}) { unchanged } }`, []client.Option{bearer(testToken)}, "BAD_USER_INPUT", `language "fr"`},
		{"ingest a bad date", `mutation { ingestArticle(input: {id: "x", published: "tomorrow", language: "en", text: "Hello"}) { unchanged } }`, []client.Option{bearer(testToken)}, "BAD_USER_INPUT", "published"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := e.code(t, tt.query, tt.opts...)
			if code != tt.code || !strings.Contains(msg, tt.says) {
				t.Errorf("code %s, message %q; want %s and %q", code, msg, tt.code, tt.says)
			}
		})
	}
	t.Run("read-only server", func(t *testing.T) {
		ro := newEnv(t, e.st, server.Defaults()) // no token configured
		code, msg := ro.code(t, `mutation { deleteArticle(id: "seed-paris-security-guarantees") { id } }`, bearer(testToken))
		if code != "FORBIDDEN" || !strings.Contains(msg, "GEOKG_API_TOKEN") {
			t.Errorf("code %s, message %q", code, msg)
		}
	})
}

// TestErrorPresenterStoreErrors checks the codes and messages of the
// store's errors, which a test cannot always make Neo4j give (the store's
// tests check that Neo4j's errors become them).
func TestErrorPresenterStoreErrors(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		code     string
		contains string
	}{
		{"out of memory", fmt.Errorf("statements: %w: the allocation would exceed the limit", store.ErrTooLarge), "BAD_USER_INPUT", "ask for less"},
		{"timeout", fmt.Errorf("statements: %w", store.ErrTimeout), "UNAVAILABLE", "did not finish in time"},
		{"unavailable", fmt.Errorf("statements: %w", store.ErrUnavailable), "UNAVAILABLE", "database is unavailable"},
		{"busy", fmt.Errorf("ingest: %w", store.ErrContention), "UNAVAILABLE", "database is busy"},
		{"anything else", fmt.Errorf("statements: %w", errors.New("a bug")), "INTERNAL", "internal error"},
	}
	ctx := graphql.WithResponseContext(context.Background(), graph.ErrorPresenter, graphql.DefaultRecover)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := graph.ErrorPresenter(ctx, tt.err)
			if got.Extensions["code"] != tt.code || !strings.Contains(got.Message, tt.contains) {
				t.Errorf("presented as %v %q, want %s and a message with %q", got.Extensions["code"], got.Message, tt.code, tt.contains)
			}
		})
	}
}
