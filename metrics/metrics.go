// Package metrics is where Prometheus (github.com/prometheus/client_golang)
// lives: the registry of a geokg process, its counters and histograms, and
// the /metrics handler.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds a process's collectors.
type Metrics struct {
	reg *prometheus.Registry

	operations    *prometheus.CounterVec
	operationTime *prometheus.HistogramVec
	queries       *prometheus.CounterVec
	queryTime     prometheus.Histogram
	articles      *prometheus.CounterVec
	statements    prometheus.Counter
}

// New returns the metrics of a process, with Go runtime and process
// collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "geokg_graphql_operations_total",
			Help: "GraphQL operations by operation name and outcome (ok, error).",
		}, []string{"operation", "outcome"}),
		operationTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "geokg_graphql_operation_duration_seconds",
			Help:    "GraphQL operation latency by operation name.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2.5, 12),
		}, []string{"operation"}),
		queries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "geokg_neo4j_queries_total",
			Help: "Cypher queries run by outcome (ok, error).",
		}, []string{"outcome"}),
		queryTime: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "geokg_neo4j_query_duration_seconds",
			Help:    "Cypher query latency.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2.5, 12),
		}),
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "geokg_loader_articles_total",
			Help: "Articles the loader handled by result (loaded, unchanged, failed).",
		}, []string{"result"}),
		statements: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "geokg_loader_statements_total",
			Help: "Statements written by the loader.",
		}),
	}
	m.reg.MustRegister(m.operations, m.operationTime, m.queries, m.queryTime, m.articles, m.statements,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Operation records one GraphQL operation. Unnamed operations are counted
// as "anonymous"; the name is the client's, so its length is bounded to
// keep the number of series sane.
func (m *Metrics) Operation(name string, d time.Duration, failed bool) {
	if name == "" {
		name = "anonymous"
	}
	if len(name) > 64 {
		name = name[:64]
	}
	outcome := "ok"
	if failed {
		outcome = "error"
	}
	m.operations.WithLabelValues(name, outcome).Inc()
	m.operationTime.WithLabelValues(name).Observe(d.Seconds())
}

// Query records one Cypher query.
func (m *Metrics) Query(d time.Duration, err error) {
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	m.queries.WithLabelValues(outcome).Inc()
	m.queryTime.Observe(d.Seconds())
}

// Articles records articles handled by the loader.
func (m *Metrics) Articles(loaded, unchanged, failed, statements int) {
	m.articles.WithLabelValues("loaded").Add(float64(loaded))
	m.articles.WithLabelValues("unchanged").Add(float64(unchanged))
	m.articles.WithLabelValues("failed").Add(float64(failed))
	m.statements.Add(float64(statements))
}
