package store

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// WrittenSince returns the articles written after the moment `after` (in
// milliseconds of Neo4j's clock; 0 for "the latest moment", which returns
// no articles but the moment to poll from), oldest first, at most limit of
// them, with the moment to poll from next. Every API process polling it
// sees every writer's articles, whichever process wrote them. Articles
// written in the same millisecond as the last one returned may come again;
// callers drop what they have seen.
func (s *Store) WrittenSince(ctx context.Context, after int64, limit int) ([]Written, int64, error) {
	type page struct {
		w    []Written
		next int64
	}
	p, err := read(ctx, s, func(tx neo4j.ManagedTransaction) (page, error) {
		if after == 0 {
			recs, err := run(ctx, tx, `MATCH (a:Article) RETURN coalesce(max(a.writtenAt), timestamp()) AS t`, nil)
			if err != nil {
				return page{}, err
			}
			t, _ := recs[0].Get("t")
			return page{next: t.(int64)}, nil
		}
		recs, err := run(ctx, tx, `
MATCH (a:Article) WHERE a.writtenAt >= $after
WITH a ORDER BY a.writtenAt LIMIT $limit
RETURN a.id AS id, a.writtenAt AS t, [(st:Statement)-[:REPORTED_IN]->(a) | st.id] AS statements`,
			map[string]any{"after": after, "limit": limit})
		if err != nil {
			return page{}, err
		}
		out := page{next: after}
		for _, r := range recs {
			id, _ := r.Get("id")
			t, _ := r.Get("t")
			ids, _ := r.Get("statements")
			w := Written{ArticleID: id.(string)}
			for _, v := range ids.([]any) {
				w.StatementIDs = append(w.StatementIDs, v.(string))
			}
			// In text order: ids are "article#offset".
			sort.Slice(w.StatementIDs, func(i, j int) bool { return offsetOf(w.StatementIDs[i]) < offsetOf(w.StatementIDs[j]) })
			out.w = append(out.w, w)
			out.next = t.(int64)
		}
		return out, nil
	})
	return p.w, p.next, err
}

func offsetOf(statementID string) int {
	_, off, _ := strings.Cut(statementID[strings.LastIndex(statementID, "#")+1:], "#")
	if off == "" {
		off = statementID[strings.LastIndex(statementID, "#")+1:]
	}
	n, _ := strconv.Atoi(off)
	return n
}
