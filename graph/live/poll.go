package live

import (
	"context"
	"log/slog"
	"sort"
	"sync"
	"time"
)

// Mark places one article write in the order of writes: its moment (ms)
// and, within a moment, its article id.
type Mark struct {
	At int64
	ID string
}

func (m Mark) before(o Mark) bool {
	return m.At < o.At || m.At == o.At && m.ID < o.ID
}

// Source is the shared record of writes a Poller reads.
type Source interface {
	// Now returns the clock that stamps the writes, now.
	Now(ctx context.Context) (int64, error)
	// After returns up to limit writes after the mark, in order.
	After(ctx context.Context, after Mark, limit int) ([]Mark, error)
	// Events returns the events of the given articles, leaving out those no
	// longer stored.
	Events(ctx context.Context, articleIDs []string) ([]Event, error)
}

// Lookback is how far behind the clock of the poll before each poll reads
// again. A write is stamped when its transaction runs and becomes visible
// when it commits, so a batch stamped earlier can commit after a later one
// was already polled; writes are seen if they commit within Lookback of
// their stamp. The look-back is measured on the clock, not from the latest
// write: after a bulk load an idle poller would otherwise read the load's
// last Lookback of writes again at every poll.
const Lookback = 30 * time.Second

// pollPage is how many writes one read of the record returns; a poll reads
// pages until it has caught up.
const pollPage = 1000

// Poller is a Broker for several API processes: it learns of writes by
// polling the shared database, so a subscriber on one process sees an
// article written through any other process or loader. Publish does
// nothing: the write itself, once committed, is the message.
type Poller struct {
	mem    *Memory
	send   func(context.Context, Event) error // mem.Publish; tests record
	src    Source
	every  time.Duration
	cancel context.CancelFunc
	done   chan struct{}

	mu   sync.Mutex
	last int64            // the clock when the last complete poll began
	seen map[string]int64 // articles sent within Lookback of last, by moment
}

// NewPoller starts polling src every interval until Close or ctx ends.
// Writes that become visible after it starts are delivered.
func NewPoller(ctx context.Context, src Source, every time.Duration) (*Poller, error) {
	start, err := src.Now(ctx)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	mem := NewMemory()
	p := &Poller{mem: mem, send: mem.Publish, src: src, every: every, cancel: cancel, done: make(chan struct{}), last: start, seen: map[string]int64{}}
	// What is visible now is not news: only writes committed from now on
	// are delivered, also those stamped a little earlier.
	from := Mark{At: start - Lookback.Milliseconds()}
	for {
		marks, err := src.After(ctx, from, pollPage)
		if err != nil {
			cancel()
			return nil, err
		}
		for _, m := range marks {
			p.seen[m.ID] = m.At
		}
		if len(marks) < pollPage {
			break
		}
		from = marks[len(marks)-1]
	}
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

// poll reads the writes stamped since Lookback before the clock of the last
// poll and publishes those not sent yet, in the order of writes. A write
// stamped earlier committed before that poll began (it committed within
// Lookback) and so was read by it or an earlier one.
func (p *Poller) poll(ctx context.Context) error {
	now, err := p.src.Now(ctx)
	if err != nil {
		return err
	}
	p.mu.Lock()
	from := Mark{At: p.last - Lookback.Milliseconds()}
	p.mu.Unlock()
	var fresh []Mark
	for {
		marks, err := p.src.After(ctx, from, pollPage)
		if err != nil {
			return err
		}
		p.mu.Lock()
		for _, m := range marks {
			if _, ok := p.seen[m.ID]; !ok {
				fresh = append(fresh, m)
			}
		}
		p.mu.Unlock()
		if len(marks) < pollPage {
			break
		}
		from = marks[len(marks)-1]
	}
	sort.Slice(fresh, func(i, j int) bool { return fresh[i].before(fresh[j]) })
	for len(fresh) > 0 {
		n := min(len(fresh), pollPage)
		if err := p.publish(ctx, fresh[:n]); err != nil {
			return err
		}
		fresh = fresh[n:]
	}
	// Only a poll that published all it read moves the window: a failed
	// one is read again from the same place.
	p.mu.Lock()
	p.last = max(p.last, now)
	for id, at := range p.seen {
		if at < p.last-Lookback.Milliseconds() {
			delete(p.seen, id)
		}
	}
	p.mu.Unlock()
	return nil
}

// publish sends the events of the given writes and records them as seen.
func (p *Poller) publish(ctx context.Context, marks []Mark) error {
	ids := make([]string, len(marks))
	for i, m := range marks {
		ids[i] = m.ID
	}
	events, err := p.src.Events(ctx, ids)
	if err != nil {
		return err
	}
	byID := make(map[string]Event, len(events))
	for _, e := range events {
		byID[e.ArticleID] = e
	}
	p.mu.Lock()
	for _, m := range marks {
		p.seen[m.ID] = m.At
	}
	p.mu.Unlock()
	for _, m := range marks {
		if e, ok := byID[m.ID]; ok {
			p.send(ctx, e)
		}
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
