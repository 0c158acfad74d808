package store

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Intervals of a timeline: the unit date.truncate takes.
const (
	Day   = "day"
	Week  = "week" // ISO weeks, from Monday
	Month = "month"
)

// MaxBuckets bounds a timeline; a longer span needs a larger interval.
const MaxBuckets = 1000

// Bucket is one interval of a timeline.
type Bucket struct {
	Start, End string // first and last day
	Count      int
	Topics     []TopicCount
}

// TopicCount is a topic with a count.
type TopicCount struct {
	Topic Topic
	Count int
}

// Timeline counts the statements f selects per interval and, within each,
// per topic. Intervals without statements between the first and the last
// (or f.From and f.To when set) are included with zero counts. Monthly
// timelines filtered by topics and whole months at most are read from the
// statement tally (tally.go).
func (s *Store) Timeline(ctx context.Context, f StatementFilter, unit string) ([]Bucket, error) {
	if unit != Day && unit != Week && unit != Month {
		return nil, fmt.Errorf("%w: interval %q", ErrInvalid, unit)
	}
	var cypher string
	var params map[string]any
	if useTally && tallyFilter(f, unit) {
		cypher, params = tallyTimeline(f)
	} else {
		var err error
		if cypher, params, err = timelineQuery(f, unit); err != nil {
			return nil, err
		}
	}
	byStart := map[string]*Bucket{}
	var starts []string
	_, err := read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		recs, err := run(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			start := str(r, "bucket")
			b, ok := byStart[start]
			if !ok {
				b = &Bucket{Start: start, Count: asInt(get(r, "total")), Topics: []TopicCount{}}
				byStart[start] = b
				starts = append(starts, start)
			}
			if tid := str(r, "tid"); tid != "" {
				b.Topics = append(b.Topics, TopicCount{Topic: Topic{ID: tid, Name: str(r, "name"), NameAr: str(r, "nameAr")}, Count: asInt(get(r, "c"))})
			}
		}
		return nil, nil
	})
	if err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	return fillBuckets(byStart, starts, f.From, f.To, unit)
}

// useTally is false in tests that compare the tally's timelines with
// those counted from the statements.
var useTally = true

// timelineQuery is the query of Timeline counted from the statements f
// selects: a row per interval (bucket, its total) and topic (tid, name,
// nameAr, c), and one with a null topic for statements without one.
func timelineQuery(f StatementFilter, unit string) (string, map[string]any, error) {
	match, params, err := statementMatch(f, NoAnchor)
	if err != nil {
		return "", nil, err
	}
	params["unit"] = unit
	return "WITH '' AS pid\n" + match + `
WITH date.truncate($unit, n.date) AS b, n
WITH b, collect(n) AS ns
UNWIND ns AS n
OPTIONAL MATCH (n)-[:ABOUT]->(t:Topic)
WITH b, size(ns) AS total, t, count(n) AS c
RETURN toString(b) AS bucket, total, t.id AS tid, t.name AS name, t.nameAr AS nameAr, c
ORDER BY bucket, c DESC, tid`, params, nil
}

// fillBuckets lays the buckets found out on a continuous run of intervals.
func fillBuckets(found map[string]*Bucket, starts []string, from, to, unit string) ([]Bucket, error) {
	first, last := "", ""
	if len(starts) > 0 {
		first, last = starts[0], starts[len(starts)-1]
	}
	if from != "" {
		first = truncate(from, unit)
	}
	if to != "" {
		last = truncate(to, unit)
	}
	if first == "" || last == "" || first > last {
		return []Bucket{}, nil
	}
	t, err := time.Parse(time.DateOnly, first)
	if err != nil {
		return nil, fmt.Errorf("%w: date %q", ErrInvalid, first)
	}
	var out []Bucket
	for d := t; d.Format(time.DateOnly) <= last; d = next(d, unit) {
		if len(out) == MaxBuckets {
			return nil, fmt.Errorf("%w: more than %d %ss; choose a larger interval or a shorter span", ErrInvalid, MaxBuckets, unit)
		}
		start := d.Format(time.DateOnly)
		b := Bucket{Start: start, Topics: []TopicCount{}}
		if f, ok := found[start]; ok {
			b = *f
		}
		b.End = next(d, unit).AddDate(0, 0, -1).Format(time.DateOnly)
		out = append(out, b)
	}
	return out, nil
}

// truncate is date.truncate in Go: the first day of the interval a date
// falls in.
func truncate(date, unit string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	switch unit {
	case Week:
		t = t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	case Month:
		t = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return t.Format(time.DateOnly)
}

func next(t time.Time, unit string) time.Time {
	switch unit {
	case Week:
		return t.AddDate(0, 0, 7)
	case Month:
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 1)
}

// NodeCount is a node with a count.
type NodeCount struct {
	Row   NodeRow
	Count int
}

// speakerFor finds, for statement n said by sp, whom sp spoke for: the
// speaker itself when a state or organisation, else the states and
// organisations where sp held office on the statement's date;
// organisations of a state count for the state.
const speakerFor = `
CALL (sp, n) {
  UNWIND CASE WHEN sp:State OR sp:Organization THEN [sp] ELSE [] END AS x RETURN x
  UNION
  MATCH (sp:Person)-[h:HOLDS_ROLE]->(x:Entity) WHERE ` + "%s" + ` RETURN x
}
OPTIONAL MATCH (x:Organization)-[:IN]->(st:State)
WITH n, coalesce(st, x) AS g`

// TopSpeakers returns who made the most statements that f selects, most
// first: speakers, or with byState the states and organisations they spoke
// for (see speakerFor).
func (s *Store) TopSpeakers(ctx context.Context, f StatementFilter, byState bool, first int) ([]NodeCount, error) {
	match, params, err := statementMatch(f, NoAnchor)
	if err != nil {
		return nil, err
	}
	params["first"] = first
	group := "\nWITH sp AS g, n"
	if byState {
		group = fmt.Sprintf(speakerFor, roleValidAtN)
	}
	cypher := "WITH '' AS pid\n" + match + `
MATCH (sp:Entity)-[:SAID]->(n)` + group + `
WITH g, count(DISTINCT n) AS c
ORDER BY c DESC, g.id LIMIT $first
WITH g AS n, c
RETURN ` + nodeProjection + ` AS row, c`
	out, err := read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) ([]NodeCount, error) {
		recs, err := run(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		out := make([]NodeCount, len(recs))
		for i, r := range recs {
			out[i] = NodeCount{Row: nodeRow(get(r, "row")), Count: asInt(get(r, "c"))}
		}
		return out, nil
	})
	if err != nil {
		return nil, fmt.Errorf("top speakers: %w", err)
	}
	return out, nil
}

// CoMention is an entity that takes part in statements with another.
type CoMention struct {
	Row        NodeRow
	Statements int // statements both take part in (speaker or mentioned)
	Articles   int // articles that mention both
}

// CoMentions returns the entities that take part (as speaker or mentioned)
// in the most statements with entity id, among those f selects.
func (s *Store) CoMentions(ctx context.Context, id string, f StatementFilter, first int) ([]CoMention, error) {
	match, params, err := statementMatch(f, ByInvolved)
	if err != nil {
		return nil, err
	}
	params["pid"], params["first"] = id, first
	cypher := "WITH $pid AS pid\n" + match + `
CALL (n) {
  MATCH (o:Entity)-[:SAID]->(n) RETURN o
  UNION MATCH (n)-[:MENTIONS]->(o:Entity) RETURN o
}
WITH pid, o, count(DISTINCT n) AS c WHERE o.id <> pid
ORDER BY c DESC, o.id LIMIT $first
WITH pid, o AS n, c
RETURN ` + nodeProjection + ` AS row, c,
  COUNT { MATCH (a:Article)-[:MENTIONS]->(n) WHERE EXISTS { (a)-[:MENTIONS]->(:Entity {id: pid}) } } AS articles`
	out, err := read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) ([]CoMention, error) {
		recs, err := run(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		out := make([]CoMention, len(recs))
		for i, r := range recs {
			out[i] = CoMention{Row: nodeRow(get(r, "row")), Statements: asInt(get(r, "c")), Articles: asInt(get(r, "articles"))}
		}
		return out, nil
	})
	if err != nil {
		return nil, fmt.Errorf("co-mentions of %s: %w", id, err)
	}
	return out, nil
}
