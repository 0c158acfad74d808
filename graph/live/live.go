// Package live carries news of written statements from writers (the
// loader, ingestArticle) to statementAdded subscribers. Broker is the seam:
// Memory serves one process; a broker over a message bus can replace it
// for several API processes without touching the resolvers.
package live

import (
	"context"
	"sync"
)

// Event says that an article's statements were written.
type Event struct {
	ArticleID    string
	StatementIDs []string
}

// Broker fans events out to subscribers.
type Broker interface {
	// Publish hands an event to every current subscriber. It does not
	// block on slow subscribers.
	Publish(ctx context.Context, e Event) error
	// Subscribe returns the events published from now on until ctx ends,
	// when the channel is closed. A subscriber that falls more than its
	// buffer behind is dropped (its channel closed) rather than slowing
	// writers down; clients see the subscription complete and resubscribe.
	Subscribe(ctx context.Context) (<-chan Event, error)
}

// Buffer is how many events a subscriber may fall behind.
const Buffer = 64

// Memory is a Broker within one process.
type Memory struct {
	mu   sync.Mutex
	subs map[chan Event]struct{}
}

// NewMemory returns an in-process broker.
func NewMemory() *Memory {
	return &Memory{subs: map[chan Event]struct{}{}}
}

// Publish implements Broker.
func (m *Memory) Publish(_ context.Context, e Event) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for ch := range m.subs {
		select {
		case ch <- e:
		default:
			delete(m.subs, ch)
			close(ch)
		}
	}
	return nil
}

// Subscribe implements Broker.
func (m *Memory) Subscribe(ctx context.Context) (<-chan Event, error) {
	ch := make(chan Event, Buffer)
	m.mu.Lock()
	m.subs[ch] = struct{}{}
	m.mu.Unlock()
	go func() {
		<-ctx.Done()
		m.mu.Lock()
		defer m.mu.Unlock()
		if _, ok := m.subs[ch]; ok {
			delete(m.subs, ch)
			close(ch)
		}
	}()
	return ch, nil
}

// Subscribers returns the number of current subscribers.
func (m *Memory) Subscribers() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.subs)
}
