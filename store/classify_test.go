package store_test

import (
	"errors"
	"testing"

	"github.com/geokg/geokg/store"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestClassify checks which errors of the driver mark a write as worth
// trying again (lock contention after the driver's retries, and an
// unreachable server) and which mark a query too large for Neo4j's memory.
func TestClassify(t *testing.T) {
	deadlock := &neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected", Msg: "can't acquire ExclusiveLock"}
	syntax := &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: "bad"}
	pool := &neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError", Msg: "the allocation of an extra 2.0 MiB would use more than the limit"}
	txMemory := &neo4j.Neo4jError{Code: "Neo.ClientError.General.TransactionOutOfMemoryError", Msg: "the allocation of an extra 2.0 MiB would use more than the limit 1.0 MiB"}
	tests := []struct {
		name string
		err  error
		want error // nil: none of the three
	}{
		{"deadlock on every retry", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{deadlock, deadlock}}, store.ErrContention},
		{"retries ending in a client error", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{deadlock, syntax}}, nil},
		{"no retries", &neo4j.TransactionExecutionLimit{Cause: "timeout"}, nil},
		{"a client error", syntax, nil},
		{"the memory pool full on every retry", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{pool, pool}}, store.ErrContention},
		{"a transaction over its memory limit", txMemory, store.ErrTooLarge},
		{"retries ending over the memory limit", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{deadlock, txMemory}}, store.ErrTooLarge},
		{"unreachable", &neo4j.ConnectivityError{}, store.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := store.Classify(tt.err)
			for _, e := range []error{store.ErrContention, store.ErrUnavailable, store.ErrTooLarge} {
				if errors.Is(got, e) != (e == tt.want) {
					t.Errorf("classify(%v) = %v: is %v %v, want %v", tt.err, got, e, errors.Is(got, e), e == tt.want)
				}
			}
		})
	}
}
