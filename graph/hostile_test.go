package graph_test

import (
	"context"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
)

// hostile are strings an attacker or a careless client may send: Cypher
// and Lucene syntax, quotes and backticks, control characters, Arabic with
// operators, and a value far larger than any name.
var hostile = []string{
	`' OR 1=1 //`,
	`") DETACH DELETE n //`,
	"`Person` MATCH (n) DETACH DELETE n",
	`}) MATCH (n) SET n.owned = true RETURN n //`,
	`$id`,
	`*:* OR id:* AND NOT x~ [a TO z] {a TO z} ^2 "\" \\ / ! ? && ||`,
	"\x00\x01\x1b[31m",
	`روسيا" OR "1"="1`,
	`{"$ne": null}`,
	strings.Repeat("ض", 20000),
}

// TestHostileInputs sends every hostile string through every string filter
// and argument of the API, as variables the way clients pass user input,
// and checks that each request ends in data or in a clean error (never
// INTERNAL) and that the graph is untouched afterwards.
func TestHostileInputs(t *testing.T) {
	e := corpus(t)
	ctx := context.Background()
	n0, r0, err := e.st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	queries := []struct{ name, query string }{
		{"statements where", `query($s: String!, $id: ID!) { statements(where: {speaker: $id, speakerState: $id, mentions: [$id], topics: [$id], article: $id, event: $id, place: $id, text: $s, language: $s}) { totalCount edges { node { id } } } }`},
		{"statements text and relevance", `query($s: String!) { statements(where: {text: $s}, orderBy: [{relevance: DESC}]) { edges { node { id } } } }`},
		{"statements dates", `query($s: Date!) { statements(where: {from: $s, to: $s}) { totalCount } }`},
		{"statements cursor", `query($s: String!) { statements(after: $s) { totalCount } }`},
		{"entity names", `query($s: String!, $id: ID!) { persons(where: {name: $s, ids: [$id]}) { totalCount } states(where: {name: $s}) { totalCount } organizations(where: {name: $s, kind: $s}) { totalCount } places(where: {name: $s}) { totalCount } events(where: {name: $s, kind: $s, place: $id}) { totalCount } articles(where: {source: $s, language: $s}) { totalCount } }`},
		{"search", `query($s: String!) { search(text: $s) { totalCount edges { node { __typename } } } }`},
		{"node and actor", `query($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } actor(id: $id) { id } article(id: $id) { id } }`},
		{"exploration", `query($id: ID!) { neighborhood(id: $id, depth: 2) { nodes { id } } paths(from: $id, to: $id) { nodes { id } } coMentions(id: $id) { count } }`},
		{"aggregates", `query($id: ID!, $s: String!) { statementTimeline(where: {speaker: $id, text: $s}, interval: WEEK) { start } topSpeakers(where: {topics: [$id]}) { count } }`},
	}
	for _, q := range queries {
		for k, h := range hostile {
			vars := []client.Option{client.Var("s", h), client.Var("id", h)}
			data, errs := e.do(t, q.query, vars...)
			for _, er := range errs {
				code, _ := er.Extensions["code"].(string)
				if code == "" || code == "INTERNAL" {
					t.Errorf("%s, input %d: error %q with code %q; want a clean error", q.name, k, er.Message, code)
				}
			}
			if data == nil && len(errs) == 0 {
				t.Errorf("%s, input %d: neither data nor errors", q.name, k)
			}
		}
	}
	n1, r1, err := e.st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n0 != n1 || r0 != r1 {
		t.Errorf("hostile reads changed the graph: %d→%d nodes, %d→%d relationships", n0, n1, r0, r1)
	}
}

// TestHostileShapes sends queries that are hostile by their shape: deep
// nesting, huge pages, many aliases, writes without a token. Each must be
// refused with a clean error.
func TestHostileShapes(t *testing.T) {
	e := corpus(t)
	// Twenty levels of statement → speaker → statements.
	deep := "id"
	for i := 0; i < 20; i++ {
		deep = "statements(first: 1) { edges { node { speaker { ... on Person { " + deep + " } } } } }"
	}
	deep = "{ " + deep + " }"
	var aliases strings.Builder
	aliases.WriteString("{")
	for i := 0; i < 300; i++ {
		aliases.WriteString(" a")
		aliases.WriteString(strings.Repeat("x", i%7+1))
		aliases.WriteString(string(rune('a' + i%26)))
		aliases.WriteString(": statements(first: 100) { edges { node { id speaker { id } } } }")
	}
	aliases.WriteString(" }")
	tests := []struct{ name, query string }{
		{"deep nesting", deep},
		{"page too large", `{ statements(first: 100000) { totalCount } }`},
		{"many costly aliases", aliases.String()},
		{"write without token", `mutation { deleteArticle(id: "seed-paris-security-guarantees") { id } }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := e.code(t, tt.query)
			switch code {
			case "BAD_USER_INPUT", "UNAUTHENTICATED", "FORBIDDEN", "GRAPHQL_VALIDATION_FAILED", "COMPLEXITY_LIMIT_EXCEEDED":
			default:
				t.Errorf("code %q (%s); want a refusal", code, msg)
			}
		})
	}
}
