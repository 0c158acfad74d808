package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ErrInvalid marks requests that cannot be answered as asked (an empty
// search text, an ordering the list does not have); the message says what
// to change.
var ErrInvalid = errors.New("invalid request")

// Page asks for part of an ordered list.
type Page struct {
	Skip, Limit int
	// Total asks for the size of the whole list as well, in the same round
	// trip.
	Total bool
	// Speakers and Articles ask for the rows of the listed statements'
	// speakers and articles as well (Result.Related), in the same round
	// trip, so that the fields that lead to them need no query of their
	// own.
	Speakers, Articles bool
	// Bare leaves the statements' topics, mentions, event and place out of
	// their rows (TopicIDs, MentionIDs, EventID and PlaceID stay empty),
	// for selections that ask for none of them: following those
	// relationships is most of a row's cost.
	Bare bool
	// Props, when set, limits the properties of the rows to those its
	// selections ask for.
	Props *Props
}

// Props names the only properties a page's rows need, for selections
// that ask for a few fields of many: every property of every row is most
// of what Neo4j sends and the driver decodes for a page of statements
// with their speakers and articles. Each list holds names of nodeRow's
// properties, the id aside, which every row carries; nil reads them all.
// Rows read with some are Partial, and so are related rows read without
// their relationships.
type Props struct {
	Rows, Speakers, Articles []string
}

// Sort is one key of an ordering: a field of the list's whitelist.
type Sort struct {
	Field string
	Desc  bool
}

// Result is one page of a list of nodes.
type Result struct {
	Rows []NodeRow
	// Total is the size of the whole list, or -1 when not asked for.
	Total int
	// Related are the nodes Page.Speakers and Page.Articles asked for, in
	// no particular order, possibly repeated.
	Related []NodeRow
}

// listQuery is the Cypher of one list: match leaves the list's nodes in n
// and a full-text score (0 without one) in score; it may use pid, the id of
// the parent the list hangs from. It is built only from constants of this
// package; values go in params.
type listQuery struct {
	match  string
	params map[string]any
	order  string
	// top, when set, is a match that may leave only the first $skip +
	// $limit nodes of the list in its order (as well as others), for
	// pages that do not ask for the total: a cheaper plan for lists
	// that are long.
	top string
}

// pages runs q once for every parent id and returns a page per parent, in
// one round trip. Top-level lists pass the single parent "".
func (s *Store) pages(ctx context.Context, q listQuery, pids []string, p Page) (map[string]Result, error) {
	proj, related, err := pageProjections(p)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("UNWIND $pids AS pid\n")
	if p.Total {
		b.WriteString("CALL (pid) {\n" + q.match + "\n  RETURN count(n) AS total\n}\n")
	} else {
		b.WriteString("WITH pid, -1 AS total\n")
	}
	rows := q.match
	if q.top != "" && !p.Total {
		rows = q.top
	}
	b.WriteString("CALL (pid) {\n" + rows + "\n  WITH n, score ORDER BY " + q.order + " SKIP $skip LIMIT $limit\n  RETURN collect([" + proj + ", score, " + related + "]) AS rows\n}\nRETURN pid, total, rows")
	params := map[string]any{"pids": pids, "skip": p.Skip, "limit": p.Limit, "speakers": p.Speakers, "articles": p.Articles}
	for k, v := range q.params {
		params[k] = v
	}
	return read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (map[string]Result, error) {
		recs, err := run(ctx, tx, b.String(), params)
		if err != nil {
			return nil, err
		}
		out := make(map[string]Result, len(recs))
		for _, r := range recs {
			total, _ := r.Get("total")
			rows, _ := r.Get("rows")
			res := Result{Total: asInt(total)}
			list, _ := rows.([]any)
			// A row is some 400 bytes: growing the slices by appending
			// would allocate each page about twice over.
			if len(list) > 0 {
				res.Rows, res.Related = make([]NodeRow, 0, len(list)), make([]NodeRow, 0, relatedCap(list))
			}
			for _, v := range list {
				m, _ := v.([]any) // [row, score, related], see pageItem
				if len(m) != pageItem {
					return nil, fmt.Errorf("list row of %d parts, want %d", len(m), pageItem)
				}
				row := nodeRow(m[itemRow])
				row.Score, _ = m[itemScore].(float64)
				row.Partial = p.Props != nil && p.Props.Rows != nil
				res.Rows = append(res.Rows, row)
				rel, _ := m[itemRelated].([]any)
				for _, v := range rel {
					r := nodeRow(v)
					r.Partial = p.Props != nil && (r.Type == TypeArticle && p.Props.Articles != nil || r.Type != TypeArticle && p.Props.Speakers != nil)
					res.Related = append(res.Related, r)
				}
			}
			out[str(r, "pid")] = res
		}
		return out, nil
	})
}

// The parts of an item of a page as pages reads it: the row, its score
// and its related rows, in a list rather than a map for the reason
// project gives; pageItem is their number.
const (
	itemRow = iota
	itemScore
	itemRelated
	pageItem
)

// relatedCap is the number of related rows of the rows of a page.
func relatedCap(rows []any) int {
	n := 0
	for _, v := range rows {
		if m, _ := v.([]any); len(m) == pageItem {
			rel, _ := m[itemRelated].([]any)
			n += len(rel)
		}
	}
	return n
}

// relatedProjection projects the speaker and the article of the
// statement n when $speakers and $articles ask for them (a list of rows
// like nodeProjection's).
var relatedProjection = related(speakerProjection, articleProjection)

// speakerProjection and articleProjection are the rows of a statement's
// speaker and article in relatedProjection.
var speakerProjection, articleProjection = project("rl_sp"), project("rl_a")

// related is relatedProjection with the speaker's and the article's rows
// projected by speaker and article.
func related(speaker, article string) string {
	return `CASE WHEN $speakers AND n:Statement THEN [(rl_sp:Entity)-[:SAID]->(n) | ` + speaker + `] ELSE [] END
    + CASE WHEN $articles AND n:Statement THEN [(n)-[:REPORTED_IN]->(rl_a:Article) | ` + article + `] ELSE [] END`
}

// pageProjections returns the projections of a page's rows and of their
// related rows, as p asks for them.
func pageProjections(p Page) (rows, rel string, err error) {
	rows, rel = nodeProjection, relatedProjection
	if p.Bare {
		rows = bareProjection
	}
	if p.Props == nil {
		return rows, rel, nil
	}
	var props [3]string
	for i, names := range [][]string{p.Props.Rows, p.Props.Speakers, p.Props.Articles} {
		if props[i], err = propsMap(names); err != nil {
			return "", "", err
		}
	}
	if props[0] != "" {
		rows = projection("n", p.Bare, props[0])
	}
	speaker, article := speakerProjection, articleProjection
	if props[1] != "" {
		speaker = propsRow("rl_sp", props[1])
	}
	if props[2] != "" {
		article = propsRow("rl_a", props[2])
	}
	return rows, related(speaker, article), nil
}

// page runs a top-level list.
func (s *Store) page(ctx context.Context, q listQuery, p Page) (Result, error) {
	res, err := s.pages(ctx, q, []string{""}, p)
	if err != nil {
		return Result{}, err
	}
	return res[""], nil
}

// orderBy turns sort keys into an ORDER BY list through the list's
// whitelist of fields (field name → Cypher expression); the node id breaks
// ties so that pages do not overlap.
func orderBy(sorts []Sort, fields map[string]string, def []Sort) (string, error) {
	if len(sorts) == 0 {
		sorts = def
	}
	var parts []string
	for _, s := range sorts {
		expr, ok := fields[s.Field]
		if !ok {
			return "", fmt.Errorf("%w: cannot order by %q", ErrInvalid, s.Field)
		}
		dir := " ASC"
		if s.Desc {
			dir = " DESC"
		}
		parts = append(parts, expr+dir)
	}
	return strings.Join(append(parts, "n.id ASC"), ", "), nil
}

// where joins predicates with AND; "true" when there are none.
func where(preds []string) string {
	if len(preds) == 0 {
		return "true"
	}
	return strings.Join(preds, "\n    AND ")
}

// roleValidAt is the predicate "role h was held on day d" (h and d are
// Cypher variables or expressions of this package). Both ends are
// inclusive; an open end is unbounded.
func roleValidAt(h, d string) string {
	return fmt.Sprintf("(%[1]s.since IS NULL OR date(%[1]s.since) <= %[2]s) AND (%[1]s.until IS NULL OR %[2]s <= date(%[1]s.until))", h, d)
}
