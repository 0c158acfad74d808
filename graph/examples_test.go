package graph_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/live"
	"github.com/geokg/geokg/loader"
	"github.com/geokg/geokg/loader/article"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/server"
)

var graphqlBlock = regexp.MustCompile("(?s)```graphql\n(.*?)```")

// TestAPIExamples runs every ```graphql block of API.md against the test
// data: each must succeed and give a non-empty answer (every top-level
// field non-null, lists and connections non-empty). Mutations run with
// the token; a subscription gets a statement that the loader writes while
// it listens. The log shows the Cypher round trips of each.
func TestAPIExamples(t *testing.T) {
	b, err := os.ReadFile("../API.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := graphqlBlock.FindAllStringSubmatch(string(b), -1)
	if len(blocks) < 20 {
		t.Fatalf("API.md has %d graphql examples", len(blocks))
	}
	base := corpus(t)
	// The examples write; the corpus is not left as it was.
	defer func() { corpusClean = false }()
	broker := live.NewMemory()
	cfg := withToken(server.Defaults())
	cfg.Broker = broker
	e := newEnv(t, base.st, cfg)
	graph.Feed(e.st, broker)

	for i, m := range blocks {
		doc := strings.TrimSpace(m[1])
		name := fmt.Sprintf("%02d %s", i+1, firstField(doc))
		t.Run(name, func(t *testing.T) {
			if strings.HasPrefix(doc, "subscription") {
				runSubscriptionExample(t, e, broker, doc)
				return
			}
			var opts []client.Option
			if strings.HasPrefix(doc, "mutation") {
				opts = append(opts, bearer(testToken))
			}
			e.queries.Store(0)
			data, errs := e.do(t, doc, opts...)
			if len(errs) > 0 {
				t.Fatalf("errors: %+v", errs)
			}
			t.Logf("%d Cypher round trips", e.queries.Load())
			if len(data) == 0 {
				t.Fatal("no data")
			}
			for field, v := range data {
				if empty(v) {
					t.Errorf("%s is empty: %v", field, v)
				}
			}
		})
	}
}

// runSubscriptionExample subscribes, has the loader write an article with
// statements on the example's topic, and waits for one.
func runSubscriptionExample(t *testing.T, e *env, broker *live.Memory, doc string) {
	sub := e.c.Websocket(doc)
	defer sub.Close()
	for deadline := time.Now().Add(60 * time.Second); broker.Subscribers() == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the subscription did not reach the broker")
		}
	}
	b, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.ParseJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	a.ID = "api-example-live"
	x, err := extract.Default("")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (&loader.Loader{Extractor: x, Store: e.st}).LoadArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	var resp map[string]any
	if err := sub.Next(&resp); err != nil {
		t.Fatal(err)
	}
	if empty(resp["statementAdded"]) {
		t.Errorf("statementAdded: %v", resp)
	}
}

// empty tells a null, an empty list, or a connection without edges.
func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case []any:
		return len(x) == 0
	case map[string]any:
		if edges, ok := x["edges"]; ok {
			return empty(edges)
		}
		return len(x) == 0
	}
	return false
}

var fieldName = regexp.MustCompile(`[{(]\s*(\w+)`)

// firstField names an example by its first top-level field.
func firstField(doc string) string {
	if m := fieldName.FindStringSubmatch(doc); m != nil {
		return m[1]
	}
	return "example"
}
