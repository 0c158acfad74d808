package server

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/geokg/geokg/metrics"
	"github.com/geokg/geokg/store"
)

// opNameKey carries a request's GraphQL operation name from the executor
// back to the request log.
type opNameKey struct{}

// operationObserver is a gqlgen extension that records each operation in
// the metrics and tells the request log its name.
type operationObserver struct{ m *metrics.Metrics }

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = operationObserver{}

func (operationObserver) ExtensionName() string                   { return "OperationObserver" }
func (operationObserver) Validate(graphql.ExecutableSchema) error { return nil }
func (o operationObserver) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if !graphql.HasOperationContext(ctx) {
		return resp
	}
	oc := graphql.GetOperationContext(ctx)
	name := oc.OperationName
	if name == "" && oc.Operation != nil {
		name = oc.Operation.Name
	}
	if p, ok := ctx.Value(opNameKey{}).(*string); ok && *p == "" {
		*p = name
	}
	if o.m != nil && resp != nil {
		o.m.Operation(name, time.Since(oc.Stats.OperationStart), len(resp.Errors) > 0)
	}
	return resp
}

// statusRecorder keeps the status code a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Hijack hands the connection over for websockets, whose libraries look
// for http.Hijacker on the writer itself.
func (r *statusRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	r.status = http.StatusSwitchingProtocols
	return http.NewResponseController(r.ResponseWriter).Hijack()
}

// Flush passes flushes through (streamed responses).
func (r *statusRecorder) Flush() {
	http.NewResponseController(r.ResponseWriter).Flush()
}

// requestLog gives every request an id (the client's X-Request-Id, or a
// new one), passes it to Neo4j as transaction metadata, returns it in the
// response, and logs one line per request: method, path, operation name,
// status and duration — never the query text or variables, which may hold
// article text or tokens.
func requestLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if id == "" || len(id) > 64 {
			id = newID()
		}
		w.Header().Set("X-Request-Id", id)
		op := new(string)
		ctx := store.WithRequestID(context.WithValue(r.Context(), opNameKey{}, op), id)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		next.ServeHTTP(rec, r.WithContext(ctx))
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		slog.LogAttrs(ctx, level, "request", slog.String("id", id), slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.String("operation", *op), slog.Int("status", rec.status), slog.Duration("duration", time.Since(start)))
	})
}

func newID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
