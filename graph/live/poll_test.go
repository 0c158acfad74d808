package live

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"
)

// record is a Source over a list of writes that a test appends to, as
// commits would make them visible.
type record struct {
	mu     sync.Mutex
	writes []Mark
	clock  int64 // Now: at least this and the latest stamp
	read   int   // marks After returned
}

func (r *record) add(ms ...Mark) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.writes = append(r.writes, ms...)
	sort.Slice(r.writes, func(i, j int) bool { return r.writes[i].before(r.writes[j]) })
}

func (r *record) Now(context.Context) (int64, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := max(r.clock, 1000)
	for _, m := range r.writes {
		now = max(now, m.At)
	}
	return now, nil
}

func (r *record) After(_ context.Context, after Mark, limit int) ([]Mark, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Mark
	for _, m := range r.writes {
		if after.before(m) && len(out) < limit {
			out = append(out, m)
		}
	}
	r.read += len(out)
	return out, nil
}

func (r *record) Events(_ context.Context, ids []string) ([]Event, error) {
	out := make([]Event, len(ids))
	for i, id := range ids {
		out[i] = Event{ArticleID: id, StatementIDs: []string{id + "#0"}}
	}
	return out, nil
}

func TestPoller(t *testing.T) {
	lookback := Lookback.Milliseconds()
	tests := []struct {
		name  string
		polls [][]Mark // the writes that become visible before each poll
		want  []string // the articles delivered, in order
	}{
		{"writes come once each, in order",
			[][]Mark{{{2000, "b"}, {2000, "a"}}, {{3000, "c"}}, {}},
			[]string{"a", "b", "c"}},
		{"more writes of one moment than a page",
			[][]Mark{same(2000, pollPage*2+5)},
			ids(pollPage*2 + 5)},
		{"a write stamped before the last one seen but committed after it",
			[][]Mark{{{5000, "late"}}, {{4000, "early"}}},
			[]string{"late", "early"}},
		{"a write visible when the poller started is not news",
			[][]Mark{{}},
			nil},
		{"a write stamped before the poller started but committed after is",
			[][]Mark{{{900, "late"}, {1500, "new"}}},
			[]string{"late", "new"}},
		{"writes older than the look-back are not read again",
			[][]Mark{{{2000, "a"}}, {{2000 + 2*lookback, "b"}}, {{2000, "a"}}},
			[]string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			src := &record{}
			src.add(Mark{950, "old"})
			p, err := NewPoller(ctx, src, time.Hour) // polled by hand below
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			var got []string
			p.send = func(_ context.Context, e Event) error {
				got = append(got, e.ArticleID)
				return nil
			}
			for _, ms := range tt.polls {
				src.add(ms...)
				if err := p.poll(ctx); err != nil {
					t.Fatal(err)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("delivered %d: %.200v\nwant %d: %.200v", len(got), got, len(tt.want), tt.want)
			}
		})
	}
}

func same(at int64, n int) []Mark {
	out := make([]Mark, n)
	for i, id := range ids(n) {
		out[i] = Mark{at, id}
	}
	return out
}

func ids(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%06d", i)
	}
	return out
}

// TestPollerIdle: after a bulk load, an idle poller reads only the writes
// within the look-back of the clock, none of the load's, once it has
// caught up.
func TestPollerIdle(t *testing.T) {
	ctx := context.Background()
	src := &record{}
	src.add(same(500, 3*pollPage)...)
	p, err := NewPoller(ctx, src, time.Hour) // polled by hand below
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.send = func(_ context.Context, e Event) error {
		t.Errorf("delivered %s, which was visible at the start", e.ArticleID)
		return nil
	}
	src.mu.Lock()
	src.clock = 1000 + 2*Lookback.Milliseconds()
	src.mu.Unlock()
	for i := range 3 {
		src.mu.Lock()
		src.read = 0
		src.mu.Unlock()
		if err := p.poll(ctx); err != nil {
			t.Fatal(err)
		}
		if i > 0 && src.read > 0 {
			t.Errorf("poll %d read %d old writes again", i, src.read)
		}
	}
}
