// Package server wires the HTTP side of geokg: the GraphQL endpoint with its
// transports and limits, the playground, health and readiness probes, and
// CORS (github.com/rs/cors).
package server

import (
	"context"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/store"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"
)

// Config holds the HTTP settings.
type Config struct {
	// CORSOrigins are the browser origins allowed to call the API; a "*"
	// inside an origin matches anything ("http://localhost:*").
	CORSOrigins []string
	// Introspection enables schema introspection (the playground needs it).
	Introspection bool
	// QueryTimeout bounds one GraphQL request, Neo4j work included.
	QueryTimeout time.Duration
	// MaxBodyBytes bounds a request body.
	MaxBodyBytes int64
	// ComplexityLimit bounds the cost of one query.
	ComplexityLimit int
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
		ComplexityLimit: 5000,
	}
}

// GraphQL returns the GraphQL handler over a store: POST, GET and
// websocket transports, the error presenter, and the limits of cfg.
func GraphQL(st *store.Store, cfg Config) http.Handler {
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: st}}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.AddTransport(transport.Websocket{KeepAlivePingInterval: 10 * time.Second})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if cfg.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	if cfg.ComplexityLimit > 0 {
		srv.Use(extension.FixedComplexityLimit(cfg.ComplexityLimit))
	}
	srv.SetErrorPresenter(graph.ErrorPresenter)
	return graph.WithLoaders(st, srv)
}

// Handler returns the whole HTTP API: / (playground), /query, /healthz,
// /readyz, with CORS, body-size and timeout limits.
func Handler(st *store.Store, cfg Config) http.Handler {
	mux := http.NewServeMux()
	api := GraphQL(st, cfg)
	mux.Handle("/query", limit(api, cfg))
	mux.Handle("GET /{$}", playground.Handler("geokg", "/query"))
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
	return c.Handler(mux)
}

// limit bounds the request body and the request's time; the deadline flows
// down to Neo4j through the context.
func limit(next http.Handler, cfg Config) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if cfg.MaxBodyBytes > 0 {
			r.Body = http.MaxBytesReader(w, r.Body, cfg.MaxBodyBytes)
		}
		if cfg.QueryTimeout > 0 && !isWebsocket(r) {
			ctx, cancel := context.WithTimeout(r.Context(), cfg.QueryTimeout)
			defer cancel()
			r = r.WithContext(ctx)
		}
		next.ServeHTTP(w, r)
	})
}

func isWebsocket(r *http.Request) bool {
	return r.Header.Get("Upgrade") == "websocket"
}
