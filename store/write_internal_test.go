package store

import (
	"fmt"
	"testing"
)

// TestSortRows checks the order batches take their locks in: by the keys
// in turn, and the rows of one node in the order of their articles.
func TestSortRows(t *testing.T) {
	row := func(id, state, article string) map[string]any {
		return map[string]any{"id": id, "state": state, "article": article}
	}
	cases := []struct {
		name string
		keys []string
		rows []map[string]any
		want string
	}{
		{"by id", []string{"id"}, []map[string]any{row("b", "", "1"), row("a", "", "2"), row("c", "", "3")}, "a2 b1 c3"},
		{"one node's rows keep their order", []string{"id"}, []map[string]any{row("b", "", "1"), row("a", "", "2"), row("b", "", "3"), row("a", "", "4")}, "a2 a4 b1 b3"},
		{"the second key breaks ties", []string{"id", "state"}, []map[string]any{row("a", "UA", "1"), row("a", "RU", "2"), row("0", "UA", "3")}, "03 a2 a1"},
	}
	for _, c := range cases {
		sortRows(c.rows, c.keys...)
		got := ""
		for i, r := range c.rows {
			if i > 0 {
				got += " "
			}
			got += fmt.Sprint(r["id"], r["article"])
		}
		if got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
