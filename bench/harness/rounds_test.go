package harness_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/geokg/geokg/bench/harness"
)

// logTarget answers at once and logs which request it was asked.
type logTarget struct {
	name string
	mu   *sync.Mutex
	log  *[]string
	seen []int
}

func (t *logTarget) Name() string { return t.name }

func (t *logTarget) Do(_ context.Context, _ harness.Query, p harness.Params) (any, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	*t.log = append(*t.log, t.name)
	t.seen = append(t.seen, p.GeoKG["i"].(int))
	return nil, nil
}

// TestMeasureRounds checks that rounds share the requests out equally,
// ask every target the same requests, and turn the targets' order.
func TestMeasureRounds(t *testing.T) {
	var mu sync.Mutex
	var log []string
	targets := []*logTarget{{name: "a"}, {name: "b"}, {name: "c"}}
	var ts []harness.Target
	for _, tg := range targets {
		tg.mu, tg.log = &mu, &log
		ts = append(ts, tg)
	}
	q := harness.Query{Name: "q", Params: func(_ harness.Pools, i int) harness.Params {
		return harness.Params{GeoKG: map[string]any{"i": i}}
	}}
	lim := harness.Limits{Warmup: 2, MaxRequests: 30, MaxTime: time.Minute}
	stats := harness.MeasureRounds(context.Background(), ts, q, harness.Pools{}, 1, lim, 3)
	for i, s := range stats {
		if s.Target != targets[i].name || s.Requests != 30 || s.Errors != 0 || s.PerSec <= 0 {
			t.Errorf("stats %d: %+v", i, s)
		}
	}
	want := make([]int, 0, 36)
	for i := range 36 {
		want = append(want, i)
	}
	for _, tg := range targets {
		if !reflect.DeepEqual(slices.Sorted(slices.Values(tg.seen)), want) {
			t.Errorf("%s was asked %v, want requests 0 to 35 once each", tg.name, tg.seen)
		}
	}
	var order []string
	for i, n := range log {
		if i == 0 || log[i-1] != n {
			order = append(order, n)
		}
	}
	if got := strings.Join(order, ""); got != "abcbcacab" {
		t.Errorf("order of the targets %q, want abc, bca, cab", got)
	}
	if n := harness.Measure(context.Background(), ts[0], q, harness.Pools{}, 1, lim).Requests; n != 30 {
		t.Errorf("Measure: %d requests, want 30", n)
	}
}
