package server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/geokg/geokg/server"
)

// TestDebugHandler: the profiles' index is served, and nothing of the API.
func TestDebugHandler(t *testing.T) {
	srv := httptest.NewServer(server.DebugHandler())
	defer srv.Close()
	tests := []struct {
		name, path string
		status     int
		body       string
	}{
		{"the index lists the profiles", "/debug/pprof/", http.StatusOK, "goroutine"},
		{"a profile by name", "/debug/pprof/goroutine?debug=1", http.StatusOK, "goroutine profile"},
		{"not the API", "/query", http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status || !strings.Contains(string(b), tt.body) {
				t.Errorf("GET %s: %d %.100q, want %d with %q", tt.path, resp.StatusCode, b, tt.status, tt.body)
			}
		})
	}
}
