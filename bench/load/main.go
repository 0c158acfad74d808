// Command load drives a running geokg API with concurrent clients for a
// bounded time and reports errors, p50/p99 latency and the API's memory:
//
//	go run ./bench/load -url http://127.0.0.1:8080/query -clients 32 -duration 60s -pid $(pgrep -f 'geokg serve')
//
// It exits 1 when any request failed. bench/load.sh sets up a corpus of
// 10k articles and the server around it.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"time"

	"github.com/geokg/geokg/bench/loadtest"
)

func main() {
	c := loadtest.Config{}
	flag.StringVar(&c.URL, "url", "http://127.0.0.1:8080/query", "the API's /query endpoint (a loopback address)")
	flag.IntVar(&c.Clients, "clients", 32, "concurrent clients")
	flag.DurationVar(&c.Duration, "duration", 60*time.Second, "how long to run")
	flag.IntVar(&c.MaxRequests, "max", 1_000_000, "stop after this many requests")
	flag.IntVar(&c.PID, "pid", 0, "process id of the API, to report its memory")
	flag.Parse()
	u, err := url.Parse(c.URL)
	if err != nil || (u.Hostname() != "127.0.0.1" && u.Hostname() != "localhost" && u.Hostname() != "::1") {
		fmt.Fprintf(os.Stderr, "load: -url must be a loopback address, got %q\n", c.URL)
		os.Exit(2)
	}
	res, err := loadtest.Run(context.Background(), c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(2)
	}
	fmt.Println(res)
	if res.Errors > 0 {
		os.Exit(1)
	}
}
