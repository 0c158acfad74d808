package store_test

import (
	"errors"
	"testing"

	"github.com/geokg/geokg/store"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestClassify checks which errors of the driver mark a write as worth
// trying again: lock contention after the driver's retries, and an
// unreachable server.
func TestClassify(t *testing.T) {
	deadlock := &neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected", Msg: "can't acquire ExclusiveLock"}
	syntax := &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: "bad"}
	tests := []struct {
		name string
		err  error
		want error // nil: neither contention nor unavailable
	}{
		{"deadlock on every retry", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{deadlock, deadlock}}, store.ErrContention},
		{"retries ending in a client error", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{deadlock, syntax}}, nil},
		{"no retries", &neo4j.TransactionExecutionLimit{Cause: "timeout"}, nil},
		{"a client error", syntax, nil},
		{"unreachable", &neo4j.ConnectivityError{}, store.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := store.Classify(tt.err)
			for _, e := range []error{store.ErrContention, store.ErrUnavailable} {
				if errors.Is(got, e) != (e == tt.want) {
					t.Errorf("classify(%v) = %v: is %v %v, want %v", tt.err, got, e, errors.Is(got, e), e == tt.want)
				}
			}
		})
	}
}
