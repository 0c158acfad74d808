package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
	"github.com/geokg/geokg/neo4jlocal"
	"github.com/geokg/geokg/neo4jlocal/neo4jtest"
)

// process is a `geokg serve` running as its own OS process.
type process struct {
	cmd  *exec.Cmd
	base string
	out  *bytes.Buffer
}

func startServe(t *testing.T, bin string, env []string) *process {
	t.Helper()
	port, err := neo4jlocal.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	p := &process{base: fmt.Sprintf("http://127.0.0.1:%d", port), out: &bytes.Buffer{}}
	p.cmd = exec.Command(bin, "serve", "--addr", fmt.Sprintf("127.0.0.1:%d", port))
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.cmd.Process.Kill(); p.cmd.Wait() })
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(200 * time.Millisecond) {
		if resp, err := http.Get(p.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not become ready:\n%s", p.out)
		}
	}
}

// stop sends SIGTERM and returns the exit status.
func (p *process) stop(t *testing.T) int {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not stop on SIGTERM:\n%s", p.out)
	}
	return p.cmd.ProcessState.ExitCode()
}

func gql(t *testing.T, base, query string, vars map[string]any, token string) map[string]any {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, base+"/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	if out["errors"] != nil {
		t.Fatalf("query failed: %v", out["errors"])
	}
	return out
}

// metric returns the sum of a metric's samples on a /metrics page.
func metric(t *testing.T, base, name string) float64 {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var sum float64
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, name+"{") || strings.HasPrefix(line, name+" ") {
			var v float64
			fmt.Sscan(line[strings.LastIndex(line, " ")+1:], &v)
			sum += v
		}
	}
	return sum
}

// TestTwoProcesses runs two `geokg serve` processes against one Neo4j: a
// subscription on one sees the statements of an article ingested through
// the other (the path is the database, not process memory); /metrics of
// the writer shows its counters moving; both stop cleanly on SIGTERM.
func TestTwoProcesses(t *testing.T) {
	c := neo4jtest.Config(t) // an empty database with the schema
	bin := filepath.Join(t.TempDir(), "geokg")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	const token = "two-process-token"
	env := []string{"NEO4J_URI=" + c.URI, "NEO4J_USER=" + c.User, "NEO4J_PASSWORD=" + c.Password,
		"GEOKG_API_TOKEN=" + token, "GEOKG_LIVE=neo4j", "GEOKG_LIVE_POLL=200ms", "GEOKG_LOG_FORMAT=json"}
	a := startServe(t, bin, env)
	b := startServe(t, bin, env)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(b.base, "http")+"/query", &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.CloseNow()
	wsjson.Write(ctx, ws, map[string]any{"type": "connection_init"})
	var ack struct{ Type string }
	if err := wsjson.Read(ctx, ws, &ack); err != nil || ack.Type != "connection_ack" {
		t.Fatalf("ack: %+v %v", ack, err)
	}
	wsjson.Write(ctx, ws, map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{
		"query": `subscription { statementAdded { id speaker { name } article { id } } }`}})
	time.Sleep(time.Second) // let the subscription reach B's broker

	opsBefore := metric(t, a.base, "geokg_graphql_operations_total")
	queriesBefore := metric(t, a.base, "geokg_neo4j_queries_total")
	seedText, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	var art map[string]any
	json.Unmarshal(seedText, &art)
	gql(t, a.base, `mutation($input: ArticleInput!) { ingestArticle(input: $input) { statements { id } } }`,
		map[string]any{"input": map[string]any{"id": "two-process-article", "source": "test", "published": art["published"], "language": art["language"], "text": art["text"]}}, token)

	for {
		var msg struct {
			Type    string
			Payload struct {
				Data struct {
					StatementAdded struct {
						ID      string
						Article struct{ ID string }
					}
				}
			}
		}
		if err := wsjson.Read(ctx, ws, &msg); err != nil {
			t.Fatalf("no statement reached the subscriber on the other process: %v\nA:\n%s\nB:\n%s", err, a.out, b.out)
		}
		if msg.Type == "next" {
			if got := msg.Payload.Data.StatementAdded.Article.ID; got != "two-process-article" {
				t.Errorf("statement of article %q", got)
			}
			break
		}
	}
	if after := metric(t, a.base, "geokg_graphql_operations_total"); after <= opsBefore {
		t.Errorf("geokg_graphql_operations_total did not move: %v → %v", opsBefore, after)
	}
	if after := metric(t, a.base, "geokg_neo4j_queries_total"); after <= queriesBefore {
		t.Errorf("geokg_neo4j_queries_total did not move: %v → %v", queriesBefore, after)
	}
	ws.Close(websocket.StatusNormalClosure, "")
	for name, p := range map[string]*process{"A": a, "B": b} {
		if code := p.stop(t); code != 0 {
			t.Errorf("%s exited %d on SIGTERM:\n%s", name, code, p.out)
		}
	}
	// One JSON log line per request, with the operation's name and an id,
	// and no article text.
	if !strings.Contains(a.out.String(), `"msg":"request"`) || !strings.Contains(a.out.String(), `"id":`) {
		t.Errorf("no request log line:\n%.2000s", a.out)
	}
	if strings.Contains(a.out.String(), "مارك روته") {
		t.Errorf("article text in the log")
	}
	_ = io.Discard
}
