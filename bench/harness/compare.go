package harness

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Key reduces an answer to what must agree across the systems: the
// statement ids in order, the neighbourhood's node ids, the timeline's
// non-empty months and counts. target is "geokg", "peer" or "floor".
func Key(query, target string, answer any) []string {
	switch query {
	case QWhoSaidWhat, QSearch, QOfficials:
		var rows []any
		switch target {
		case "geokg":
			root := path(answer, "statements", "edges")
			if query == QOfficials {
				root = path(answer, "node", "statementsByOfficials", "edges")
			}
			for _, e := range list(root) {
				rows = append(rows, path(e, "node"))
			}
		case "peer":
			rows = list(path(answer, "statements"))
			if query == QOfficials {
				if states := list(path(answer, "states")); len(states) > 0 {
					rows = list(path(states[0], "statementsByOfficials"))
				}
			}
		default:
			rows = list(answer)
		}
		out := []string{}
		for _, r := range rows {
			out = append(out, fmt.Sprint(path(r, "id")))
		}
		return out
	case QNeighbours:
		var root any
		switch target {
		case "floor":
			if rows := list(answer); len(rows) > 0 {
				root = rows[0]
			}
		default:
			root = path(answer, "neighborhood")
		}
		out := []string{fmt.Sprintf("truncated=%v", path(root, "truncated"))}
		for _, n := range list(path(root, "nodes")) {
			out = append(out, fmt.Sprint(path(n, "id")))
		}
		slices.Sort(out[1:])
		return out
	case QTimeline:
		rows := list(answer)
		if target != "floor" {
			rows = list(path(answer, "statementTimeline"))
		}
		out := []string{}
		for _, b := range rows {
			n := fmt.Sprint(path(b, "count"))
			if n == "0" {
				continue // geokg lists empty months too
			}
			start := path(b, "start")
			if d, ok := start.(dbtype.Date); ok {
				start = time.Time(d).Format(time.DateOnly)
			}
			out = append(out, fmt.Sprintf("%v:%s", start, n))
		}
		return out
	}
	return nil
}

// Compare asks every target the first n requests of each query and
// reports where their answers differ from the first target's (the floor),
// and the queries whose n answers were all empty (their parameters find
// nothing in this graph, so agreement would prove little). An empty result
// means they agree.
func Compare(ctx context.Context, targets []Target, pools Pools, n int) []string {
	var diffs []string
	for _, q := range Queries {
		nonEmpty := 0
		for i := 0; i < n; i++ {
			p := q.Params(pools, i)
			var ref []string
			for j, t := range targets {
				ans, err := t.Do(ctx, q, p)
				if err != nil {
					diffs = append(diffs, fmt.Sprintf("%s #%d on %s: %v", q.Name, i, t.Name(), err))
					continue
				}
				k := Key(q.Name, kind(t), ans)
				if j == 0 {
					ref = k
					if len(k) > 0 && (q.Name != QNeighbours || len(k) > 2) {
						nonEmpty++
					}
					continue
				}
				if !slices.Equal(ref, k) {
					diffs = append(diffs, fmt.Sprintf("%s #%d: %s answers %s; %s answers %s", q.Name, i,
						targets[0].Name(), short(ref), t.Name(), short(k)))
				}
			}
		}
		if nonEmpty == 0 {
			diffs = append(diffs, fmt.Sprintf("%s: the first %d requests found nothing", q.Name, n))
		}
	}
	return diffs
}

// kind tells Key how to read a target's answer.
func kind(t Target) string {
	switch g := t.(type) {
	case *GraphQL:
		if g.Peer {
			return "peer"
		}
		return "geokg"
	}
	return "floor"
}

func short(k []string) string {
	s := strings.Join(k, " ")
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return "[" + s + "]"
}

// path follows keys through nested maps.
func path(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// list reads a list of maps (JSON arrays or floor records).
func list(v any) []any {
	switch xs := v.(type) {
	case []any:
		return xs
	case []map[string]any:
		out := make([]any, len(xs))
		for i, x := range xs {
			out[i] = x
		}
		return out
	}
	return nil
}
