package live

import (
	"context"
	"testing"
)

func TestMemory(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, m *Memory)
	}{
		{"every subscriber gets every event, in order", func(t *testing.T, m *Memory) {
			a, _ := m.Subscribe(context.Background())
			b, _ := m.Subscribe(context.Background())
			for _, id := range []string{"x", "y"} {
				m.Publish(context.Background(), Event{ArticleID: id})
			}
			for _, ch := range []<-chan Event{a, b} {
				if e1, e2 := <-ch, <-ch; e1.ArticleID != "x" || e2.ArticleID != "y" {
					t.Errorf("got %s, %s", e1.ArticleID, e2.ArticleID)
				}
			}
		}},
		{"a subscriber that falls behind is dropped", func(t *testing.T, m *Memory) {
			slow, _ := m.Subscribe(context.Background())
			for i := 0; i <= Buffer; i++ {
				m.Publish(context.Background(), Event{})
			}
			n := 0
			for range slow {
				n++
			}
			if n != Buffer || m.Subscribers() != 0 {
				t.Errorf("%d events before the channel closed, %d subscribers left", n, m.Subscribers())
			}
		}},
		{"a subscription ends with its context", func(t *testing.T, m *Memory) {
			ctx, cancel := context.WithCancel(context.Background())
			ch, _ := m.Subscribe(ctx)
			cancel()
			if _, open := <-ch; open {
				t.Error("event after the context ended")
			}
			if m.Subscribers() != 0 {
				t.Errorf("%d subscribers left", m.Subscribers())
			}
			m.Publish(context.Background(), Event{}) // must not panic on a closed channel
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, NewMemory()) })
	}
}
