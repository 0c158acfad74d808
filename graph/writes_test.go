package graph_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/live"
	"github.com/geokg/geokg/loader"
	"github.com/geokg/geokg/loader/article"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/server"
)

// brusselsArticle reports Mark Rutte in Brussels: Rutte, NATO, Russia and
// Ukraine are in the seed article too, Brussels (and Belgium, where it
// lies) only here.
const brusselsArticle = "روته في بروكسل\n" +
	"قال الأمين العام لحلف شمال الأطلسي مارك روته يوم الخميس في بروكسل إن روسيا ليس لها رأي في أي نشر للقوات في أوكرانيا.\n" +
	"وقال الرئيس الفرنسي إيمانويل ماكرون إن الأوروبيين مستعدون لتقديم ضمانات أمنية لأوكرانيا.\n"

const ingestMutation = `mutation($input: ArticleInput!) { ingestArticle(input: $input) {
    unchanged article { id title published language }
    statements { id text speaker { id } topics { id } article { id } }
    entities { __typename id } events { id } } }`

type ingestResp struct {
	IngestArticle struct {
		Unchanged bool
		Article   struct{ ID, Title, Published, Language string }
		// stmt fields the mutation selects
		Statements []stmt
		Entities   []struct {
			Typename string `json:"__typename"`
			ID       string
		}
	}
}

func articleInput(id, text string) client.Option {
	return client.Var("input", map[string]any{"id": id, "source": "test", "published": "2025-09-05", "language": "ar", "text": text})
}

// TestIngestAndDelete ingests an article through the API, loads it again,
// and deletes it: the graph is as it was before, shared entities stayed.
func TestIngestAndDelete(t *testing.T) {
	e := fresh(t, seed)
	ctx := context.Background()
	nodes0, rels0, err := e.st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}

	var first ingestResp
	e.query(t, ingestMutation, &first, articleInput("test-brussels", brusselsArticle), bearer(testToken))
	in := first.IngestArticle
	if in.Unchanged || in.Article.ID != "test-brussels" || in.Article.Title != "روته في بروكسل" || in.Article.Published != "2025-09-05" {
		t.Fatalf("ingest: %+v", in)
	}
	var rutte bool
	for _, s := range in.Statements {
		rutte = rutte || s.Speaker.ID == "person:mark-rutte" && s.hasTopic("troop-deployment")
		if s.Article.ID != "test-brussels" {
			t.Errorf("statement %s reported in %s", s.ID, s.Article.ID)
		}
	}
	entities := ids(in.Entities, func(x struct {
		Typename string `json:"__typename"`
		ID       string
	}) string {
		return x.ID
	})
	if !rutte || !contains(entities, "place:brussels") || !contains(entities, "RU") {
		t.Fatalf("ingest found %d statements (one by Rutte on troops: %v), entities %v", len(in.Statements), rutte, entities)
	}
	var listed struct{ Statements struct{ TotalCount int } }
	e.query(t, `{ statements(where: {article: "test-brussels"}) { totalCount } }`, &listed)
	if listed.Statements.TotalCount != len(in.Statements) {
		t.Errorf("the article's statements: %d listed, %d ingested", listed.Statements.TotalCount, len(in.Statements))
	}

	var again ingestResp
	e.query(t, ingestMutation, &again, articleInput("test-brussels", brusselsArticle), bearer(testToken))
	if !again.IngestArticle.Unchanged || len(again.IngestArticle.Statements) != len(in.Statements) {
		t.Errorf("second ingest: unchanged %v, %d statements", again.IngestArticle.Unchanged, len(again.IngestArticle.Statements))
	}

	var del struct {
		DeleteArticle struct {
			ID         string
			Statements int
			Removed    []string
		}
	}
	e.query(t, `mutation { deleteArticle(id: "test-brussels") { id statements removed } }`, &del, bearer(testToken))
	d := del.DeleteArticle
	if d.Statements != len(in.Statements) || !contains(d.Removed, "place:brussels") {
		t.Errorf("delete: %+v", d)
	}
	for _, shared := range []string{"person:mark-rutte", "org:nato", "RU", "UA"} {
		if contains(d.Removed, shared) {
			t.Errorf("delete removed %s, which the seed article supports", shared)
		}
	}
	nodes1, rels1, err := e.st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if nodes0 != nodes1 || rels0 != rels1 {
		t.Errorf("after ingest and delete: %d nodes, %d relationships; before: %d, %d", nodes1, rels1, nodes0, rels0)
	}
	var roles struct {
		Node struct {
			Roles []struct{ Articles []struct{ ID string } }
		}
	}
	e.query(t, `{ node(id: "person:mark-rutte") { ... on Person { roles { articles { id } } } } }`, &roles)
	for _, r := range roles.Node.Roles {
		for _, a := range r.Articles {
			if a.ID == "test-brussels" {
				t.Errorf("a role still cites the deleted article")
			}
		}
	}
}

// subscribeTransportWS opens a graphql-transport-ws subscription on h.
func subscribeTransportWS(t *testing.T, url, query string) *websocket.Conn {
	t.Helper()
	ctx := context.Background()
	c, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.CloseNow() })
	if c.Subprotocol() != "graphql-transport-ws" {
		t.Fatalf("subprotocol %q", c.Subprotocol())
	}
	if err := wsjson.Write(ctx, c, map[string]any{"type": "connection_init"}); err != nil {
		t.Fatal(err)
	}
	var ack struct{ Type string }
	if err := wsjson.Read(ctx, c, &ack); err != nil || ack.Type != "connection_ack" {
		t.Fatalf("ack: %+v %v", ack, err)
	}
	if err := wsjson.Write(ctx, c, map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{"query": query}}); err != nil {
		t.Fatal(err)
	}
	return c
}

// nextStatement reads messages until the next statement.
func nextStatement(t *testing.T, c *websocket.Conn) stmt {
	t.Helper()
	// A failure guard, not a timing assertion: the statements are written
	// before this is called.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for {
		var msg struct {
			Type    string
			Payload json.RawMessage
		}
		if err := wsjson.Read(ctx, c, &msg); err != nil {
			t.Fatalf("read: %v", err)
		}
		switch msg.Type {
		case "ping":
			wsjson.Write(ctx, c, map[string]any{"type": "pong"})
		case "next":
			var p struct {
				Data   struct{ StatementAdded stmt }
				Errors []gqlError
			}
			if err := json.Unmarshal(msg.Payload, &p); err != nil || len(p.Errors) > 0 {
				t.Fatalf("next: %s %v", msg.Payload, err)
			}
			return p.Data.StatementAdded
		case "error", "complete":
			t.Fatalf("%s: %s", msg.Type, msg.Payload)
		}
	}
}

// TestStatementAdded subscribes over graphql-transport-ws and the older
// graphql-ws, then writes an article through the API and another through
// the loader: subscribers get the statements that match their filter, in
// order, and none that do not.
func TestStatementAdded(t *testing.T) {
	st := fresh(t, seed).st
	b := live.NewMemory()
	cfg := withToken(server.Defaults())
	cfg.Broker = b
	e := newEnv(t, st, cfg)
	graph.Feed(e.st, b)
	srv := httptest.NewServer(server.GraphQL(e.st, cfg))
	defer srv.Close()

	const sub = `subscription { statementAdded(where: {topics: ["troop-deployment"]}) { ` + stmtFields + ` } }`
	ws := subscribeTransportWS(t, "ws"+strings.TrimPrefix(srv.URL, "http"), sub)
	legacy := e.c.Websocket(sub)
	defer legacy.Close()
	// Writes before the subscriptions reach the broker would be lost to
	// them: wait until both are in.
	for deadline := time.Now().Add(60 * time.Second); b.Subscribers() < 2; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d subscribers", b.Subscribers())
		}
	}

	// Through the API: Rutte on troops (matches) and Macron on guarantees
	// (does not).
	var in ingestResp
	e.query(t, ingestMutation, &in, articleInput("test-brussels", brusselsArticle), bearer(testToken))
	var want, other []string
	for _, s := range in.IngestArticle.Statements {
		if s.hasTopic("troop-deployment") {
			want = append(want, s.ID)
		} else {
			other = append(other, s.ID)
		}
	}
	if len(want) == 0 || len(other) == 0 {
		t.Fatalf("test setup: the article should give statements on troops and others; got %+v", in.IngestArticle.Statements)
	}
	// Through the loader: the seed under another id.
	b2, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.ParseJSON(b2)
	if err != nil {
		t.Fatal(err)
	}
	a.ID = "test-seed-copy"
	x, err := extract.Default("")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (&loader.Loader{Extractor: x, Store: e.st}).LoadArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}

	// The subscriber sees the API's matching statements, then the
	// loader's, and nothing else in between.
	for _, id := range want {
		if s := nextStatement(t, ws); s.ID != id {
			t.Errorf("got %s (%s), want %s", s.ID, s.Text, id)
		}
	}
	s := nextStatement(t, ws)
	if s.Article.ID != "test-seed-copy" || !s.hasTopic("troop-deployment") {
		t.Errorf("after the ingested article's statements: %+v", s)
	}

	// The graphql-ws client gets the same first statement.
	var resp struct{ StatementAdded stmt }
	if err := legacy.Next(&resp); err != nil {
		t.Fatal(err)
	}
	if resp.StatementAdded.ID != want[0] {
		t.Errorf("graphql-ws: %s, want %s", resp.StatementAdded.ID, want[0])
	}
}
