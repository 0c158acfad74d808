// Package neo4jlocal starts and stops the project's local Neo4j: Neo4j 5.26
// Community embedded in a small Java launcher (this folder's Maven project),
// run by neo4j.sh. It is for development and tests; production uses any Neo4j
// 5 server through NEO4J_URI.
package neo4jlocal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Options configure a local server.
type Options struct {
	Home     string // data directory; created if missing
	Port     int    // Bolt port on 127.0.0.1; 0 picks a free one
	User     string
	Password string // empty: authentication off
	// Log receives the script's progress messages (Maven's first fetch
	// takes a while); nil discards them.
	Log interface{ Write([]byte) (int, error) }
}

// Server is a running local Neo4j.
type Server struct {
	URI      string
	User     string
	Password string
	home     string
	script   string
}

// Script finds neo4j.sh: GEOKG_NEO4J_SCRIPT if set, else neo4jlocal/neo4j.sh
// in the working directory or one of its parents (the module root).
func Script() (string, error) {
	if s := os.Getenv("GEOKG_NEO4J_SCRIPT"); s != "" {
		return s, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, "neo4jlocal", "neo4j.sh")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("neo4jlocal: neo4jlocal/neo4j.sh not found from the working directory; run from the geokg checkout, set GEOKG_NEO4J_SCRIPT, or set NEO4J_URI to use a running Neo4j")
		}
		dir = parent
	}
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Start starts a local Neo4j (building the launcher on first use) and
// returns when Bolt answers. If one already runs for the same home, it is
// reused.
func Start(ctx context.Context, o Options) (*Server, error) {
	script, err := Script()
	if err != nil {
		return nil, err
	}
	if o.Port == 0 {
		if o.Port, err = FreePort(); err != nil {
			return nil, fmt.Errorf("neo4jlocal: free port: %w", err)
		}
	}
	if o.User == "" {
		o.User = "neo4j"
	}
	home, err := filepath.Abs(o.Home)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(home, 0o755); err != nil {
		return nil, fmt.Errorf("neo4jlocal: %w", err)
	}
	cmd := exec.CommandContext(ctx, "bash", script, "start", home, fmt.Sprint(o.Port))
	cmd.Env = append(os.Environ(), "NEO4J_USER="+o.User, "NEO4J_PASSWORD="+o.Password)
	var out bytes.Buffer
	cmd.Stdout = &out
	if o.Log != nil {
		cmd.Stderr = o.Log
	} else {
		var errb bytes.Buffer
		cmd.Stderr = &errb
		defer func() {
			if err != nil {
				err = fmt.Errorf("%w\n%s", err, errb.String())
			}
		}()
	}
	if err = cmd.Run(); err != nil {
		return nil, fmt.Errorf("neo4jlocal: start: %w", err)
	}
	uri := strings.TrimSpace(lastLine(out.String()))
	if !strings.HasPrefix(uri, "bolt://") {
		return nil, fmt.Errorf("neo4jlocal: start printed %q, want a bolt:// URI", uri)
	}
	return &Server{URI: uri, User: o.User, Password: o.Password, home: home, script: script}, nil
}

// Stop shuts the server down cleanly and waits for it to exit.
func (s *Server) Stop() error {
	cmd := exec.Command("bash", s.script, "stop", s.home)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("neo4jlocal: stop: %w: %s", err, out)
	}
	return nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
