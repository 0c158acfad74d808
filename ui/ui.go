// Package ui serves geokg's built-in dashboard: a who-said-what table with
// filters and paging, a weekly topic timeline and a network view of an
// actor's or an event's neighbourhood.
//
// The dashboard is plain HTML, CSS and JavaScript modules written by hand
// (assets/), with no build step and no third-party code; the files are
// embedded in the binary, so it works offline. It talks to the server only
// through the public GraphQL API at /query, which makes assets/api.js the
// reference client for dashboard developers.
package ui

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed assets
var embedded embed.FS

// Assets returns the dashboard's files: index.html and what it loads.
func Assets() fs.FS {
	sub, err := fs.Sub(embedded, "assets")
	if err != nil {
		// The directory is embedded above; fs.Sub fails only on a bad name.
		panic(fmt.Errorf("ui: embedded assets: %w", err))
	}
	return sub
}

// contentTypes fixes the types of the dashboard's files, so that they do not
// depend on the machine's mime.types (module scripts need a JavaScript type).
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".svg":  "image/svg+xml",
	".json": "application/json",
	".ico":  "image/x-icon",
	".png":  "image/png",
}

// contentSecurityPolicy lets the page load only its own files and talk only
// to its own server: no CDN, no inline script, nothing from elsewhere.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

type file struct {
	data        []byte
	contentType string
	etag        string
}

// Handler returns the dashboard's handler for requests under prefix (such
// as "/ui/", with the trailing slash): prefix itself serves index.html and
// prefix+NAME serves the file NAME. Files carry a content hash as their
// ETag and are revalidated on every use, so a new binary's assets are never
// mixed with an old page. Mount it with http.ServeMux.Handle(prefix, h),
// which also redirects the prefix without its slash ("/ui") here. It panics
// if the embedded assets lack index.html, which the package's tests rule out.
func Handler(prefix string) http.Handler {
	files, err := load(Assets())
	if err != nil {
		panic(err)
	}
	return &handler{prefix: prefix, files: files}
}

func load(fsys fs.FS) (map[string]file, error) {
	files := map[string]file{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("ui: read %s: %w", name, err)
		}
		ct := contentTypes[path.Ext(name)]
		if ct == "" {
			ct = mime.TypeByExtension(path.Ext(name))
		}
		if ct == "" {
			ct = http.DetectContentType(data)
		}
		sum := sha256.Sum256(data)
		files[name] = file{data: data, contentType: ct, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ui: load assets: %w", err)
	}
	if _, ok := files["index.html"]; !ok {
		return nil, fmt.Errorf("ui: load assets: no index.html")
	}
	return files, nil
}

type handler struct {
	prefix string
	files  map[string]file
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := strings.CutPrefix(r.URL.Path, h.prefix)
	if !ok {
		http.NotFound(w, r)
		return
	}
	if name == "" {
		name = "index.html"
	}
	f, ok := h.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", f.contentType)
	hd.Set("ETag", f.etag)
	hd.Set("Cache-Control", "no-cache")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	if strings.HasSuffix(name, ".html") {
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
	}
	// ServeContent answers If-None-Match with 304 and handles HEAD and
	// ranges; embedded files have no modification time.
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.data))
}
