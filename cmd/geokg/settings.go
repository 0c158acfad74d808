package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// settings reads defaults from the environment and checks them: a bad
// value is reported with the name of the variable, and the command fails
// before it starts anything.
type settings struct {
	errs []error
}

func (s *settings) fail(name, value, want string) {
	s.errs = append(s.errs, fmt.Errorf("setting %s=%q: %s", name, value, want))
}

// err returns the problems found, if any.
func (s *settings) err() error { return errors.Join(s.errs...) }

func (s *settings) str(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

func (s *settings) integer(name string, def, lo, hi int) int {
	v, ok := os.LookupEnv(name)
	if !ok || v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		s.fail(name, v, fmt.Sprintf("want a whole number from %d to %d", lo, hi))
		return def
	}
	return n
}

func (s *settings) boolean(name string, def bool) bool {
	v, ok := os.LookupEnv(name)
	if !ok || v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		s.fail(name, v, "want true or false")
		return def
	}
	return b
}

func (s *settings) duration(name string, def time.Duration) time.Duration {
	v, ok := os.LookupEnv(name)
	if !ok || v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		s.fail(name, v, "want a positive duration such as 30s or 2m")
		return def
	}
	return d
}

func (s *settings) oneOf(name, def string, allowed ...string) string {
	v := s.str(name, def)
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	s.fail(name, v, "want one of "+strings.Join(allowed, ", "))
	return def
}

// loadConfigFile applies a configuration file named by --config FILE (or
// GEOKG_CONFIG): lines NAME=VALUE with the names of the environment
// variables, # for comments. The environment and flags win over the file,
// so a file holds a deployment's defaults.
func loadConfigFile(args []string) error {
	path := os.Getenv("GEOKG_CONFIG")
	for i, a := range args {
		switch {
		case (a == "--config" || a == "-config") && i+1 < len(args):
			path = args[i+1]
		case strings.HasPrefix(a, "--config="):
			path = strings.TrimPrefix(a, "--config=")
		case strings.HasPrefix(a, "-config="):
			path = strings.TrimPrefix(a, "-config=")
		}
	}
	if path == "" {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("config file: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return fmt.Errorf("config file %s:%d: want NAME=VALUE, got %q", path, n, line)
		}
		if _, set := os.LookupEnv(name); !set {
			os.Setenv(name, strings.Trim(strings.TrimSpace(value), `"`))
		}
	}
	return sc.Err()
}

// registerConfig adds the --config flag itself (read before the others).
func registerConfig(fs *flag.FlagSet) {
	fs.String("config", os.Getenv("GEOKG_CONFIG"), "file of NAME=VALUE settings (the environment variables below); environment and flags win (env GEOKG_CONFIG)")
}
