package live

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Source returns the events written after a moment (0: none, just the
// moment to start from) and the moment to ask from next. Events at the
// boundary moment may repeat; the Poller drops them.
type Source func(ctx context.Context, after int64) ([]Event, int64, error)

// Poller is a Broker for several API processes: it learns of writes by
// polling the shared database, so a subscriber on one process sees an
// article written through any other process or loader. Publish does
// nothing: the write itself, once committed, is the message.
type Poller struct {
	mem    *Memory
	src    Source
	every  time.Duration
	cancel context.CancelFunc
	done   chan struct{}

	mu   sync.Mutex
	last int64
	seen map[string]bool // articles already sent at the moment last
}

// NewPoller starts polling src every interval until Close or ctx ends.
func NewPoller(ctx context.Context, src Source, every time.Duration) (*Poller, error) {
	_, start, err := src(ctx, 0)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	p := &Poller{mem: NewMemory(), src: src, every: every, cancel: cancel, done: make(chan struct{}), last: start, seen: map[string]bool{}}
	go p.loop(ctx)
	return p, nil
}

func (p *Poller) loop(ctx context.Context) {
	defer close(p.done)
	t := time.NewTicker(p.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := p.poll(ctx); err != nil && ctx.Err() == nil {
			slog.WarnContext(ctx, "live: poll", "err", err)
		}
	}
}

// poll fetches what was written since the last poll and publishes it.
func (p *Poller) poll(ctx context.Context) error {
	p.mu.Lock()
	after := p.last
	p.mu.Unlock()
	events, next, err := p.src(ctx, after)
	if err != nil {
		return err
	}
	p.mu.Lock()
	if next != p.last {
		p.seen = map[string]bool{}
	}
	var fresh []Event
	for _, e := range events {
		if !p.seen[e.ArticleID] {
			fresh = append(fresh, e)
		}
	}
	// Remember what was sent at the new boundary moment.
	for _, e := range events {
		p.seen[e.ArticleID] = true
	}
	p.last = next
	p.mu.Unlock()
	for _, e := range fresh {
		p.mem.Publish(ctx, e)
	}
	return nil
}

// Publish implements Broker; the poll delivers instead.
func (p *Poller) Publish(context.Context, Event) error { return nil }

// Subscribe implements Broker.
func (p *Poller) Subscribe(ctx context.Context) (<-chan Event, error) { return p.mem.Subscribe(ctx) }

// Subscribers returns the number of current subscribers.
func (p *Poller) Subscribers() int { return p.mem.Subscribers() }

// Close stops polling.
func (p *Poller) Close() {
	p.cancel()
	<-p.done
}
