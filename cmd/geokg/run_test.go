package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/geokg/geokg/neo4jlocal"
	"github.com/geokg/geokg/neo4jlocal/neo4jtest"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

const seed = "../../testdata/articles/seed-paris-security-guarantees.json"

func run(t *testing.T, ctx context.Context, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(ctx, args, &out, &errb)
	return code, out.String(), errb.String()
}

// useTestNeo4j points NEO4J_URI at the test server.
func useTestNeo4j(t *testing.T) {
	c := neo4jtest.Config(t)
	t.Setenv("NEO4J_URI", c.URI)
	t.Setenv("NEO4J_USER", c.User)
	t.Setenv("NEO4J_PASSWORD", c.Password)
}

func TestExtractPrintsContractJSON(t *testing.T) {
	code, out, errs := run(t, context.Background(), "extract", seed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var x struct {
		Article struct {
			ID, Title, Language, Published string
		}
		Entities []struct {
			ID, Type, Name, NameAr string
			Mentions               []struct {
				Text       string
				Start, End int
			}
		}
		Roles []struct {
			PersonID, Title, OfID string
		}
		Statements []struct {
			ID, SpeakerID, Text, Date, PlaceID string
			Direct                             bool
			Topics                             []string
			Start, End                         int
		}
		Events []struct {
			ID, Type, Name, Date, PlaceID string
			ParticipantIDs                []string
		}
	}
	if err := json.Unmarshal([]byte(out), &x); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if x.Article.ID != "seed-paris-security-guarantees" || x.Article.Published != "2025-09-04" || x.Article.Language != "ar" || x.Article.Title == "" {
		t.Errorf("article: %+v", x.Article)
	}
	if len(x.Entities) == 0 || len(x.Statements) == 0 || len(x.Roles) == 0 || len(x.Events) == 0 {
		t.Errorf("empty sections: %d entities, %d roles, %d statements, %d events", len(x.Entities), len(x.Roles), len(x.Statements), len(x.Events))
	}
}

func TestUsageAndBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"id": "x", "language": "ar", "published": "yesterday", "text": "نص"}`), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		want string // in stderr or stdout
	}{
		{"no command", nil, 2, "Usage:"},
		{"help", []string{"--help"}, 0, "geokg extract"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"extract without file", []string{"extract"}, 2, "Usage: geokg extract"},
		{"extract missing file", []string{"extract", filepath.Join(dir, "nope.json")}, 1, "no such file"},
		{"extract bad date", []string{"extract", bad}, 1, `bad.json: invalid article: published "yesterday"`},
		{"serve help", []string{"serve", "--help"}, 0, "-cors-origins"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, context.Background(), tt.args...)
			if code != tt.code || !strings.Contains(out+errs, tt.want) {
				t.Errorf("exit %d, output %q; want exit %d and %q", code, out+errs, tt.code, tt.want)
			}
		})
	}
}

// TestLoadReportsFailuresAndGoesOn loads a directory with a good article and
// bad files: each bad file is named with its reason, the good one loads, and
// the exit status is 1.
func TestLoadReportsFailuresAndGoesOn(t *testing.T) {
	useTestNeo4j(t)
	dir := t.TempDir()
	b, _ := os.ReadFile(seed)
	os.WriteFile(filepath.Join(dir, "a-good.json"), b, 0o644)
	os.WriteFile(filepath.Join(dir, "b-empty.json"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "c-broken.json"), []byte(`{"id": "x",`), 0o644)
	os.WriteFile(filepath.Join(dir, "d-binary.json"), []byte{0xff, 0xfe, 0x00, 0x01}, 0o644)
	code, out, errs := run(t, context.Background(), "load", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{"b-empty.json: invalid article: empty file", "c-broken.json: invalid article: malformed JSON", "d-binary.json: invalid article: binary file"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if !strings.Contains(out, "1 loaded, 0 unchanged, 3 failed") {
		t.Errorf("summary: %q", out)
	}
}

// TestServe runs the server against the test Neo4j and checks the
// endpoints, CORS and a clean shutdown.
func TestServe(t *testing.T) {
	useTestNeo4j(t)
	t.Setenv("GEOKG_API_TOKEN", "serve-test-token")
	port, err := neo4jlocal.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var out, errb bytes.Buffer
	go func() { done <- Run(ctx, []string{"serve", "--addr", addr, "--load", seed}, &out, &errb) }()
	base := "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("server did not come up: %v\n%s", err, errb.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	get := func(path string) (int, string) {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/readyz"); code != 200 {
		t.Errorf("/readyz: %d %s", code, body)
	}
	if code, body := get("/"); code != 200 || !strings.Contains(body, "/query") {
		t.Errorf("playground: %d", code)
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/query", strings.NewReader(`{"query":"{ statements(where: {speaker: \"person:mark-rutte\"}) { totalCount } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "http://localhost:3000")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"totalCount":3`) {
		t.Errorf("/query: %s", body)
	}
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "http://localhost:3000" {
		t.Errorf("CORS for a localhost origin: %q", got)
	}
	req.Header.Set("Origin", "https://evil.example")
	req.Body = io.NopCloser(strings.NewReader(`{"query":"{ topics { totalCount } }"}`))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("CORS for a foreign origin: %q, want none", got)
	}
	// Writes take the token of GEOKG_API_TOKEN.
	for _, tc := range []struct{ token, want string }{
		{"wrong", `"code":"UNAUTHENTICATED"`},
		{"serve-test-token", `"deleteArticle":{"id":"seed-paris-security-guarantees"}`},
	} {
		req, _ := http.NewRequest(http.MethodPost, base+"/query", strings.NewReader(`{"query":"mutation { deleteArticle(id: \"seed-paris-security-guarantees\") { id } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tc.token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(body), tc.want) {
			t.Errorf("delete with token %q: %s", tc.token, body)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exit %d: %s", code, errb.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(out.String(), "playground at http://") {
		t.Errorf("stdout: %q", out.String())
	}
}

// TestShardedLoadMatchesSingleLoad loads testdata with one worker, then
// again from scratch as two shards of four workers each (run one after the
// other, as two processes would), and compares the graphs' counts: nothing
// lost, nothing duplicated.
func TestShardedLoadMatchesSingleLoad(t *testing.T) {
	useTestNeo4j(t)
	ctx := context.Background()
	st := neo4jtest.Store(t) // wipes the database
	data := "../../testdata/articles"
	if code, out, errs := run(t, ctx, "load", "--workers", "1", data); code != 0 {
		t.Fatalf("single load: exit %d\n%s%s", code, out, errs)
	}
	n1, r1, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st = neo4jtest.Store(t)
	var loaded int
	for _, shard := range []string{"0/2", "1/2"} {
		code, out, errs := run(t, ctx, "load", "--workers", "4", "--shard", shard, data)
		if code != 0 {
			t.Fatalf("shard %s: exit %d\n%s%s", shard, code, out, errs)
		}
		var n int
		fmt.Sscanf(out, "geokg load: %d loaded", &n)
		loaded += n
	}
	n2, r2, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n1 != n2 || r1 != r2 {
		t.Errorf("single worker: %d nodes, %d relationships; two shards of four workers: %d, %d", n1, r1, n2, r2)
	}
	if loaded != 24 {
		t.Errorf("shards loaded %d articles in all, want 24", loaded)
	}
}
