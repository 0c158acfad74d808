package store

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The statement tally counts the statements per month and set of topics,
// kept by every write in the write's own transaction: a node
// (:StatementTally {id, month, topics, count}) for each month and sorted
// list of topic ids that statements have. A monthly timeline filtered by
// topics and whole months at most (the dashboards' question) reads a few
// hundred tallies instead of every statement of the span and its topics:
// each statement is in exactly one tally, so the month's count is the sum
// of the tallies that have any of the topics, and a topic's count the sum
// of those that have it. Tallies have no relationships, so no traversal
// reaches them.

// tallyLabel is the label of the tally's nodes; tallyMarker's node says
// that the tally is complete (see buildTally).
const (
	tallyLabel  = "StatementTally"
	tallyMarker = "statement-tally"
)

// tally gathers the changes a transaction makes to the statement tally.
type tally map[string]*tallyRow

type tallyRow struct {
	month  string // YYYY-MM-01
	topics []string
	n      int
}

// tallyKey is the id of the tally of a month (YYYY-MM-01) and sorted
// topics; buildTally makes the same text in Cypher.
func tallyKey(month string, topics []string) string {
	return month + "|" + strings.Join(topics, ",")
}

// add counts n more statements (n < 0: fewer) made on date (YYYY-MM-DD)
// about topics. Statements without a date are in no tally, as they are in
// no timeline.
func (t tally) add(date string, topics []string, n int) {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return
	}
	month := d.Format("2006-01") + "-01"
	ts := slices.Clone(topics)
	slices.Sort(ts)
	ts = slices.Compact(ts)
	k := tallyKey(month, ts)
	if r, ok := t[k]; ok {
		r.n += n
		return
	}
	t[k] = &tallyRow{month: month, topics: ts, n: n}
}

// apply writes the changes in tx, in the order of the keys: concurrent
// writers lock the tallies they change until they commit, and one order
// keeps them from deadlocking. A tally that falls to zero is removed, so
// that an article written, changed and written again leaves the graph a
// single write of its last version leaves.
func (t tally) apply(ctx context.Context, tx neo4j.ManagedTransaction) error {
	keys := make([]string, 0, len(t))
	for k, r := range t {
		if r.n != 0 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	sort.Strings(keys)
	rows := make([]map[string]any, len(keys))
	for i, k := range keys {
		r := t[k]
		rows[i] = map[string]any{"id": k, "month": r.month, "topics": r.topics, "n": r.n}
	}
	_, err := run(ctx, tx, `
UNWIND $rows AS r
MERGE (c:StatementTally {id: r.id})
ON CREATE SET c.month = date(r.month), c.topics = r.topics, c.count = 0
SET c.count = c.count + r.n
WITH c WHERE c.count = 0
DELETE c`, map[string]any{"rows": rows})
	return err
}

// buildTally counts the stored statements into a new tally unless the
// marker says the tally is complete: on the first start on a graph loaded
// before the tally existed, and on an empty graph (where it costs
// nothing). The marker is locked first (a write holds its lock until the
// commit; the property written is removed at once), so that of two
// processes starting together one builds and the other finds it built. Articles written by
// another process while the tally is built may be counted twice: load
// after the first start.
func buildTally(ctx context.Context, tx neo4j.ManagedTransaction) error {
	recs, err := run(ctx, tx, `MERGE (m:GeokgMeta {id: $id}) SET m.locked = true REMOVE m.locked RETURN m.built IS NOT NULL AS built`, map[string]any{"id": tallyMarker})
	if err != nil {
		return err
	}
	if built, _ := get(recs[0], "built").(bool); built {
		return nil
	}
	for _, q := range []string{
		`MATCH (c:StatementTally) DELETE c`,
		`MATCH (s:Statement) WHERE s.date IS NOT NULL
WITH date.truncate('month', s.date) AS month, COLLECT { MATCH (s)-[:ABOUT]->(t:Topic) RETURN DISTINCT t.id AS id ORDER BY id } AS topics
WITH month, topics, count(*) AS n
CREATE (:StatementTally {id: toString(month) + '|' + reduce(k = '', t IN topics | k + CASE WHEN k = '' THEN '' ELSE ',' END + t),
  month: month, topics: topics, count: n})`,
		`MATCH (m:GeokgMeta {id: $id}) SET m.built = timestamp()`,
	} {
		if _, err := run(ctx, tx, q, map[string]any{"id": tallyMarker}); err != nil {
			return fmt.Errorf("statement tally: %w", err)
		}
	}
	return nil
}

// tallyFilter tells whether a timeline of f by unit can be read from the
// tally: by month, filtered by topics and whole months at most.
func tallyFilter(f StatementFilter, unit string) bool {
	if unit != Month || f.IDs != nil || f.Speaker != "" || f.SpeakerState != "" || f.Mentions != nil ||
		f.Direct != nil || f.Language != "" || f.Article != "" || f.Event != "" || f.Place != "" || f.Text != "" {
		return false
	}
	if f.From != "" {
		d, err := time.Parse(time.DateOnly, f.From)
		if err != nil || d.Day() != 1 {
			return false
		}
	}
	if f.To != "" {
		d, err := time.Parse(time.DateOnly, f.To)
		if err != nil || d.AddDate(0, 0, 1).Day() != 1 {
			return false
		}
	}
	return true
}

// tallyTimeline is the query of Timeline for filters tallyFilter accepts:
// the rows of timelineQuery, from the tally. It is built only from
// constants; values go in the parameters.
func tallyTimeline(f StatementFilter) (string, map[string]any) {
	params := map[string]any{}
	conds := []string{"c.count > 0"}
	if f.From != "" {
		params["from"] = f.From
		conds = append(conds, "c.month >= date($from)")
	}
	if f.To != "" {
		params["to"] = f.To
		conds = append(conds, "c.month <= date($to)")
	}
	if len(f.Topics) > 0 {
		params["topics"] = f.Topics
		conds = append(conds, "any(t IN c.topics WHERE t IN $topics)")
	}
	return `MATCH (c:StatementTally) WHERE ` + where(conds) + `
WITH c.month AS b, c.topics AS ts, c.count AS k
WITH b, sum(k) AS total, collect({ts: ts, k: k}) AS cs
UNWIND cs AS x
UNWIND CASE WHEN size(x.ts) = 0 THEN [null] ELSE x.ts END AS tid
WITH b, total, tid, sum(x.k) AS c
OPTIONAL MATCH (t:Topic {id: tid})
RETURN toString(b) AS bucket, total, t.id AS tid, t.name AS name, t.nameAr AS nameAr, c
ORDER BY bucket, c DESC, tid`, params
}
