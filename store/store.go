// Package store is where the Neo4j driver and all Cypher live: connecting,
// the schema (constraints and indexes), writing extractions, and the reads the
// GraphQL layer needs. Every query takes parameters; labels come only from
// the fixed set of node types below, never from user input. Besides the
// graph model, writes keep a statement tally (tally.go) that monthly
// timelines are read from, and a facet on each statement (facet.go) that
// searches by language and quote kind read in date order.
package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// Config says which Neo4j to use.
type Config struct {
	URI      string // bolt://, neo4j://, neo4j+s:// ...
	User     string
	Password string
	Database string // empty: the server's default database
}

// ConfigFromEnv reads NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and
// NEO4J_DATABASE; ok is false when NEO4J_URI is unset.
func ConfigFromEnv() (Config, bool) {
	c := Config{URI: os.Getenv("NEO4J_URI"), User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
	if c.User == "" {
		c.User = "neo4j"
	}
	return c, c.URI != ""
}

// Store is a connection pool to one Neo4j database.
type Store struct {
	driver neo4j.DriverWithContext
	db     string
	hooks  hooks
}

// ErrUnavailable marks failures to reach Neo4j, as opposed to bad queries.
var ErrUnavailable = errors.New("neo4j unavailable")

// ErrTimeout marks work cut short by the context's deadline, in Go or in
// Neo4j (the transaction timeout is set from the deadline).
var ErrTimeout = errors.New("neo4j query timed out")

// ErrContention marks work that kept losing to concurrent work (a
// deadlock, a full memory pool for transactions, or another transient
// error, on every one of the driver's retries): nothing is wrong with the
// query, and it may succeed when run again with less going on at once.
var ErrContention = errors.New("neo4j busy: a transient error on every retry")

// ErrTooLarge marks a query that needs more memory than Neo4j allows one
// transaction (db.memory.transaction.max): it fails however often it is
// run, and asking for less is what helps.
var ErrTooLarge = errors.New("neo4j refused the query: more memory than one transaction may use")

// Open connects to Neo4j and checks that it answers.
func Open(ctx context.Context, c Config) (*Store, error) {
	auth := neo4j.NoAuth()
	if c.Password != "" {
		auth = neo4j.BasicAuth(c.User, c.Password, "")
	}
	drv, err := neo4j.NewDriverWithContext(c.URI, auth, func(cfg *config.Config) {
		cfg.MaxConnectionPoolSize = 100
		cfg.ConnectionAcquisitionTimeout = 30 * time.Second
		cfg.MaxTransactionRetryTime = 30 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j %s: %w", c.URI, err)
	}
	s := &Store{driver: drv, db: c.Database}
	if err := s.Ping(ctx); err != nil {
		_ = drv.Close(ctx)
		return nil, err
	}
	return s, nil
}

// Close releases the connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping checks that Neo4j answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	return nil
}

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: s.db})
}

// read runs work in a managed read transaction, which the driver retries on
// transient errors and routes to a reader in a cluster. work gets the
// driver's context (see detach) and must pass it on to run.
func read[T any](ctx context.Context, s *Store, work func(ctx context.Context, tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	var zero T
	ctx, cancel := queryContext(ctx)
	defer cancel()
	timeout, err := txTimeout(ctx)
	if err != nil {
		return zero, err
	}
	res, err := detach(ctx, func(ctx context.Context) (any, error) {
		sess := s.session(ctx, neo4j.AccessModeRead)
		defer sess.Close(ctx)
		return sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) { return work(ctx, tx) }, timeout...)
	})
	if err != nil {
		return zero, classifyCtx(ctx, err)
	}
	v, _ := res.(T) // a nil result is T's zero value
	return v, nil
}

// write runs work in a managed write transaction; work gets the driver's
// context (see detach) and must pass it on to run.
func (s *Store) write(ctx context.Context, work func(ctx context.Context, tx neo4j.ManagedTransaction) error) error {
	ctx, cancel := queryContext(ctx)
	defer cancel()
	timeout, err := txTimeout(ctx)
	if err != nil {
		return err
	}
	_, err = detach(ctx, func(ctx context.Context) (any, error) {
		sess := s.session(ctx, neo4j.AccessModeWrite)
		defer sess.Close(ctx)
		return sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) { return nil, work(ctx, tx) }, timeout...)
	})
	return classifyCtx(ctx, err)
}

// detach runs call under a context that has the values of ctx but not its
// deadline, and waits for it until ctx ends; when ctx ends first, it
// returns ctx's error and cancels call's context.
//
// The driver races every socket write against a context that has a
// deadline on a goroutine of its own, several per query: about a
// twentieth of the server's CPU for a page of statements. The deadline
// reaches Neo4j as the transaction timeout (txTimeout), which ends the
// query on time, so the driver can write directly; detach keeps the
// deadline for the caller with one goroutine per transaction, which also
// covers a Neo4j that stops answering. The driver checks the cancelled
// context before its next read or write and then drops the connection.
// (Its reads still race, against the receive timeout Neo4j announces to
// it, which guards against dead connections.) A context without a
// deadline needs no goroutine: the driver uses it directly already.
func detach[T any](ctx context.Context, call func(ctx context.Context) (T, error)) (T, error) {
	if _, ok := ctx.Deadline(); !ok {
		return call(ctx)
	}
	dctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	defer stop()
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			// The caller's goroutine no longer holds call, so a panic
			// in it would end the process: it becomes call's error.
			if r := recover(); r != nil {
				done <- result{err: fmt.Errorf("transaction panicked: %v", r)}
			}
		}()
		v, err := call(dctx)
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// txTimeout passes the context's deadline on to Neo4j as the transaction
// timeout, so that the server stops working on a query nobody waits for.
// It also passes the request id, if any, as transaction metadata.
func txTimeout(ctx context.Context) ([]func(*neo4j.TransactionConfig), error) {
	var cfg []func(*neo4j.TransactionConfig)
	if id := RequestID(ctx); id != "" {
		cfg = append(cfg, neo4j.WithTxMetadata(map[string]any{"requestId": id}))
	}
	dl, ok := ctx.Deadline()
	if !ok {
		return cfg, nil
	}
	// Below a millisecond the driver would send 0, which Neo4j reads as
	// "no timeout".
	left := time.Until(dl)
	if left < time.Millisecond {
		return nil, fmt.Errorf("%w: no time left", ErrTimeout)
	}
	return append(cfg, neo4j.WithTxTimeout(left)), nil
}

// classifyCtx marks work cut short by the deadline with ErrTimeout, other
// failures as classify does.
func classifyCtx(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	var n4j *neo4j.Neo4jError
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) ||
		errors.As(err, &n4j) && strings.Contains(n4j.Code, "TransactionTimedOut") {
		return fmt.Errorf("%w: %v", ErrTimeout, err)
	}
	return classify(err)
}

// classify marks a transaction over its memory limit with ErrTooLarge,
// connectivity failures with ErrUnavailable, and the driver's giving up on
// retries that Neo4j called transient (deadlocks, a full memory pool) with
// ErrContention.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if overTxMemory(err) {
		return fmt.Errorf("%w: %v", ErrTooLarge, err)
	}
	var conn *neo4j.ConnectivityError
	if errors.As(err, &conn) || neo4j.IsRetryable(err) {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		var n4j *neo4j.Neo4jError
		if errors.As(limit.Errors[len(limit.Errors)-1], &n4j) && strings.HasPrefix(n4j.Code, "Neo.TransientError.") {
			return fmt.Errorf("%w: %v", ErrContention, err)
		}
	}
	return err
}

// overTxMemory reports whether err, or the last error of the driver's
// retries, is Neo4j's refusal of a transaction over its own memory limit.
// The pool's refusal (MemoryPoolOutOfMemoryError) is not: it is transient,
// and the query may fit when less runs beside it.
func overTxMemory(err error) bool {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		err = limit.Errors[len(limit.Errors)-1]
	}
	var n4j *neo4j.Neo4jError
	return errors.As(err, &n4j) && n4j.Code == "Neo.ClientError.General.TransactionOutOfMemoryError"
}

// run executes one query and collects its records. It is the one path by
// which Cypher reaches Neo4j, so it is where round trips are counted.
func run(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) (recs []*neo4j.Record, err error) {
	countQuery(ctx)
	start := time.Now()
	defer func() { observeQuery(start, err) }()
	hits := profiling(ctx)
	if hits != nil {
		cypher = "PROFILE " + cypher
	}
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	recs, err = res.Collect(ctx)
	if err != nil || hits == nil {
		return recs, err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	hits.Add(DBHits(sum.Profile()))
	return recs, nil
}

// Counts returns the number of nodes and relationships, for tests and the
// loader's summary.
func (s *Store) Counts(ctx context.Context) (nodes, rels int64, err error) {
	type pair struct{ n, r int64 }
	p, err := read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (pair, error) {
		recs, err := run(ctx, tx, `CALL { MATCH (n) RETURN count(n) AS n } CALL { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r`, nil)
		if err != nil {
			return pair{}, err
		}
		n, _ := recs[0].Get("n")
		r, _ := recs[0].Get("r")
		return pair{n.(int64), r.(int64)}, nil
	})
	return p.n, p.r, err
}

// Wipe deletes every node and relationship. Only tests call it, on their
// own throwaway database.
func (s *Store) Wipe(ctx context.Context) error {
	return s.write(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		_, err := run(ctx, tx, `MATCH (n) DETACH DELETE n`, nil)
		return err
	})
}
