// Package server wires the HTTP side of geokg: the GraphQL endpoint with its
// transports and limits, the playground, health and readiness probes, and
// CORS (github.com/rs/cors).
package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/coder/websocket"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/live"
	"github.com/geokg/geokg/loader/extract"
	"github.com/geokg/geokg/metrics"
	"github.com/geokg/geokg/store"
	"github.com/geokg/geokg/ui"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"
)

// Config holds the HTTP settings.
type Config struct {
	// CORSOrigins are the browser origins allowed to call the API; a "*"
	// inside an origin matches anything ("http://localhost:*"). Websocket
	// connections are held to the same origins.
	CORSOrigins []string
	// Introspection enables schema introspection and the playground,
	// which needs it.
	Introspection bool
	// QueryTimeout bounds one GraphQL request; the deadline reaches Neo4j
	// as the transaction timeout.
	QueryTimeout time.Duration
	// MaxBodyBytes bounds a request body.
	MaxBodyBytes int64
	// ComplexityLimit bounds the cost of one query: every list field costs
	// its `first` times the cost of an item.
	ComplexityLimit int
	// DepthLimit bounds how deep selections nest.
	DepthLimit int
	// APIToken is the bearer token writes need; empty makes the API
	// read-only.
	APIToken string
	// Broker carries new statements to subscribers; nil makes an
	// in-process one fed by the store's writes.
	Broker live.Broker
	// Extractor extracts ingested articles; nil uses the built-in
	// knowledge base and lexicons.
	Extractor *extract.Extractor
	// LoaderWait is how long dataloaders collect keys before they query;
	// zero is graph.DefaultLoaderWait.
	LoaderWait time.Duration
	// Metrics, when set, records operations and is served at /metrics.
	Metrics *metrics.Metrics
}

// DefaultCORSOrigins allow pages served from this machine only.
var DefaultCORSOrigins = []string{"http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"}

// Defaults returns the default configuration.
func Defaults() Config {
	return Config{
		CORSOrigins:     DefaultCORSOrigins,
		Introspection:   true,
		QueryTimeout:    30 * time.Second,
		MaxBodyBytes:    1 << 20,
		ComplexityLimit: 20000,
		DepthLimit:      15,
	}
}

// GraphQL returns the GraphQL handler over a store: POST (postJSON), GET and
// websocket (graphql-transport-ws, and the older graphql-ws) transports,
// the error presenter, the limits of cfg, automatic persisted queries,
// per-request dataloaders and the bearer token of writes.
func GraphQL(st *store.Store, cfg Config) http.Handler {
	broker := cfg.Broker
	if broker == nil {
		broker = live.NewMemory()
		graph.Feed(st, broker)
	}
	r := &graph.Resolver{Store: st, Broker: broker, APIToken: cfg.APIToken, Extractor: cfg.Extractor, LoaderWait: cfg.LoaderWait}
	srv := handler.New(graph.NewSchema(r))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(postJSON{})
	srv.AddTransport(transport.Websocket{
		KeepAlivePingInterval: 10 * time.Second,
		Implementation: transport.CoderWebsocketImplementation{
			AcceptOptions: websocket.AcceptOptions{OriginPatterns: originPatterns(cfg.CORSOrigins)},
		},
	})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if cfg.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	if cfg.ComplexityLimit > 0 {
		srv.Use(extension.FixedComplexityLimit(cfg.ComplexityLimit))
	}
	if cfg.DepthLimit > 0 {
		srv.Use(graph.DepthLimit{Max: cfg.DepthLimit})
	}
	srv.Use(operationObserver{cfg.Metrics})
	srv.SetErrorPresenter(graph.ErrorPresenter)
	srv.SetRecoverFunc(graph.Recover)
	return graph.WithBearer(graph.WithLoaders(st, cfg.LoaderWait, srv))
}

// originPatterns turns CORS origins ("http://localhost:*") into the host
// patterns the websocket library checks Origin against ("localhost:*").
func originPatterns(origins []string) []string {
	out := make([]string, 0, len(origins))
	for _, o := range origins {
		if _, host, ok := strings.Cut(o, "://"); ok {
			o = host
		}
		out = append(out, o)
	}
	return out
}

// Handler returns the whole HTTP API: / (playground), /query, /ui/ (the
// dashboard), /healthz, /readyz, with CORS, body-size and timeout limits.
func Handler(st *store.Store, cfg Config) http.Handler {
	mux := http.NewServeMux()
	api := GraphQL(st, cfg)
	mux.Handle("/query", limit(api, cfg))
	if cfg.Introspection {
		mux.Handle("GET /{$}", playground.Handler("geokg", "/query"))
	}
	if cfg.Metrics != nil {
		mux.Handle("GET /metrics", cfg.Metrics.Handler())
	}
	mux.Handle("/ui/", ui.Handler("/ui/")) // the dashboard; ServeMux redirects /ui to /ui/
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := st.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("neo4j unavailable\n"))
			return
		}
		w.Write([]byte("ready\n"))
	})
	c := cors.New(cors.Options{
		AllowedOrigins:   cfg.CORSOrigins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders:   []string{"Content-Type", "Authorization"},
		AllowCredentials: false,
		MaxAge:           600,
	})
	return requestLog(c.Handler(mux))
}

// responseGrace is the time a request has to answer after its queries
// ran out of time.
const responseGrace = 2 * time.Second

// limit bounds the request body and the request's time; the deadline flows
// down to Neo4j through the context. A body announced as too large is
// refused before it is read.
func limit(next http.Handler, cfg Config) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if cfg.MaxBodyBytes > 0 {
			if r.ContentLength > cfg.MaxBodyBytes {
				http.Error(w, fmt.Sprintf("request body larger than %d bytes", cfg.MaxBodyBytes), http.StatusRequestEntityTooLarge)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, cfg.MaxBodyBytes)
		}
		if cfg.QueryTimeout > 0 && !isWebsocket(r) {
			// Neo4j gets QueryTimeout (as the transaction timeout); the
			// request a moment more, to answer UNAVAILABLE rather than
			// drop the response (gqlgen writes nothing once the request's
			// context has ended).
			now := time.Now()
			ctx, cancel := context.WithDeadline(r.Context(), now.Add(cfg.QueryTimeout+responseGrace))
			defer cancel()
			r = r.WithContext(store.WithQueryDeadline(ctx, now.Add(cfg.QueryTimeout)))
		}
		next.ServeHTTP(w, r)
	})
}

func isWebsocket(r *http.Request) bool {
	return r.Header.Get("Upgrade") == "websocket"
}
