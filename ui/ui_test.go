package ui_test

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/geokg/geokg/ui"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// newServer mounts the dashboard as server.Handler does.
func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/ui/", ui.Handler("/ui/"))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, c *http.Client, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", url, err)
	}
	return resp, string(body)
}

// TestIndex checks that /ui leads to index.html at /ui/, with its
// content type and a policy that keeps the page to its own server.
func TestIndex(t *testing.T) {
	srv := newServer(t)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, _ := get(t, noFollow, srv.URL+"/ui")
	if resp.StatusCode/100 != 3 || resp.Header.Get("Location") != "/ui/" {
		t.Fatalf("GET /ui: %d, Location %q; want a redirect to /ui/", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, path := range []string{"/ui", "/ui/", "/ui/index.html"} {
		resp, body := get(t, srv.Client(), srv.URL+path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", path, ct)
		}
		if !strings.Contains(body, `<script type="module" src="app.js">`) {
			t.Errorf("GET %s: not the dashboard's index.html:\n%.300s", path, body)
		}
		csp := resp.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "connect-src 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("GET %s: Content-Security-Policy %q lacks %q", path, csp, want)
			}
		}
	}
}

// TestAssets checks the content types of the assets, revalidation by ETag,
// and that unknown paths and other methods are refused.
func TestAssets(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	for path, want := range map[string]string{
		"/ui/app.js":      "text/javascript; charset=utf-8",
		"/ui/api.js":      "text/javascript; charset=utf-8",
		"/ui/style.css":   "text/css; charset=utf-8",
		"/ui/favicon.svg": "image/svg+xml",
	} {
		resp, body := get(t, c, srv.URL+path)
		if resp.StatusCode != http.StatusOK || body == "" {
			t.Fatalf("GET %s: %d, %d bytes", path, resp.StatusCode, len(body))
		}
		if ct := resp.Header.Get("Content-Type"); ct != want {
			t.Errorf("GET %s: Content-Type %q, want %q", path, ct, want)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", path)
		}
		etag := resp.Header.Get("ETag")
		if etag == "" {
			t.Fatalf("GET %s: no ETag", path)
		}
		again, _ := get(t, c, srv.URL+path, "If-None-Match", etag)
		if again.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s with If-None-Match: %d, want 304", path, again.StatusCode)
		}
	}
	for _, path := range []string{"/ui/nope.js", "/ui/../ui.go", "/ui/assets/app.js", "/ui/test/browser.test.mjs"} {
		if resp, _ := get(t, c, srv.URL+path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, resp.StatusCode)
		}
	}
	resp, err := c.Post(srv.URL+"/ui/app.js", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /ui/app.js: %d, want 405", resp.StatusCode)
	}
}

// TestOffline checks that the page loads nothing from elsewhere: every
// src/href and module import in the assets is relative.
func TestOffline(t *testing.T) {
	assets := ui.Assets()
	ref := regexp.MustCompile(`(?:src|href)="([^"]+)"|from '([^']+)'|import\('([^']+)'\)|url\(([^)]+)\)`)
	err := fs.WalkDir(assets, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(assets, name)
		if err != nil {
			return err
		}
		for _, m := range ref.FindAllStringSubmatch(string(data), -1) {
			target := strings.Join(m[1:], "")
			if strings.Contains(target, "://") || strings.HasPrefix(target, "//") {
				t.Errorf("%s refers to %s: the dashboard must work offline", name, target)
			}
			if strings.HasPrefix(target, "./") || !strings.ContainsAny(target, "/:") {
				if _, err := fs.Stat(assets, strings.TrimPrefix(target, "./")); err != nil && strings.Contains(target, ".") {
					t.Errorf("%s refers to %s, which is not among the assets", name, target)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestQueriesMatchSchema validates every query of api.js against
// schema.graphqls, so that a schema change that would break the dashboard
// fails here, without a browser.
func TestQueriesMatchSchema(t *testing.T) {
	src, err := os.ReadFile("../schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	schema, gerr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(src)})
	if gerr != nil {
		t.Fatalf("schema: %v", gerr)
	}
	js, err := fs.ReadFile(ui.Assets(), "api.js")
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^const (\w+) = '([^']*)';`).FindAllStringSubmatch(string(js), -1) {
		consts[m[1]] = m[2]
	}
	queries := regexp.MustCompile("(?s)export const (\\w+) = `(.*?)`;").FindAllStringSubmatch(string(js), -1)
	if len(queries) < 6 {
		t.Fatalf("found %d queries in api.js", len(queries))
	}
	interp := regexp.MustCompile(`\$\{(\w+)\}`)
	for _, m := range queries {
		name, q := m[1], m[2]
		q = interp.ReplaceAllStringFunc(q, func(s string) string {
			v, ok := consts[interp.FindStringSubmatch(s)[1]]
			if !ok {
				t.Errorf("%s: unknown interpolation %s", name, s)
			}
			return v
		})
		if _, errs := gqlparser.LoadQuery(schema, q); errs != nil {
			t.Errorf("%s does not match the schema: %v", name, errs)
		}
	}
}
