package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

type probeKey struct{}

// TestDetach checks the context the driver gets: the caller's values
// without its deadline, cancelled when the caller stops waiting, and a
// caller that gets its answer on time even when the call hangs.
func TestDetach(t *testing.T) {
	base := context.WithValue(context.Background(), probeKey{}, "request-7")
	tests := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"no deadline: the call gets the caller's context", func(t *testing.T) {
			ctx, cancel := context.WithCancel(base)
			defer cancel()
			got, err := detach(ctx, func(c context.Context) (context.Context, error) { return c, nil })
			if err != nil || got != ctx {
				t.Errorf("call got %v, %v; want the caller's context", got, err)
			}
		}},
		{"deadline: values kept, deadline dropped", func(t *testing.T) {
			ctx, cancel := context.WithTimeout(base, time.Minute)
			defer cancel()
			v, err := detach(ctx, func(c context.Context) (string, error) {
				if _, ok := c.Deadline(); ok {
					return "", errors.New("the call's context has a deadline")
				}
				s, _ := c.Value(probeKey{}).(string)
				return s, nil
			})
			if err != nil || v != "request-7" {
				t.Errorf("detach = %q, %v; want request-7", v, err)
			}
		}},
		{"the call's error passes through", func(t *testing.T) {
			ctx, cancel := context.WithTimeout(base, time.Minute)
			defer cancel()
			want := errors.New("neo4j said no")
			if _, err := detach(ctx, func(context.Context) (int, error) { return 0, want }); err != want {
				t.Errorf("error %v; want %v", err, want)
			}
		}},
		{"a hanging call: the caller returns at its deadline and the call is cancelled", func(t *testing.T) {
			ctx, cancel := context.WithTimeout(base, 50*time.Millisecond)
			defer cancel()
			cancelled := make(chan struct{})
			_, err := detach(ctx, func(c context.Context) (int, error) {
				<-c.Done() // a Neo4j that does not answer
				close(cancelled)
				return 0, c.Err()
			})
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("error %v; want the deadline's", err)
			}
			select {
			case <-cancelled:
			case <-time.After(10 * time.Second):
				t.Error("the call's context was not cancelled")
			}
		}},
		{"a panic becomes the call's error", func(t *testing.T) {
			ctx, cancel := context.WithTimeout(base, time.Minute)
			defer cancel()
			_, err := detach(ctx, func(context.Context) (int, error) { panic("bad row") })
			if err == nil || !strings.Contains(err.Error(), "bad row") {
				t.Errorf("error %v; want the panic's", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}
