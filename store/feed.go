package store

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Mark places one article write in the order of writes: the moment it was
// written (milliseconds of Neo4j's clock, Article.writtenAt) and, for
// writes of the same moment, the article id.
type Mark struct {
	At int64
	ID string
}

// Clock returns Neo4j's clock now, in milliseconds: the clock that stamps
// Article.writtenAt, so that a poller measures its look-back on it.
func (s *Store) Clock(ctx context.Context) (int64, error) {
	return read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (int64, error) {
		recs, err := run(ctx, tx, `RETURN timestamp() AS t`, nil)
		if err != nil {
			return 0, err
		}
		t, _ := recs[0].Get("t")
		return t.(int64), nil
	})
}

// WritesAfter returns up to limit article writes that come after the mark
// `after`, in the order of writes. Every API process reading it sees every
// writer's articles, whichever process wrote them; paging by mark, not by
// moment alone, never stalls on a batch of many articles written in the
// same millisecond.
func (s *Store) WritesAfter(ctx context.Context, after Mark, limit int) ([]Mark, error) {
	return read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) ([]Mark, error) {
		recs, err := run(ctx, tx, `
MATCH (a:Article) WHERE a.writtenAt >= $at
WITH a WHERE a.writtenAt > $at OR a.id > $id
RETURN a.id AS id, a.writtenAt AS t ORDER BY t, id LIMIT $limit`,
			map[string]any{"at": after.At, "id": after.ID, "limit": limit})
		if err != nil {
			return nil, err
		}
		out := make([]Mark, len(recs))
		for i, r := range recs {
			id, _ := r.Get("id")
			t, _ := r.Get("t")
			out[i] = Mark{At: t.(int64), ID: id.(string)}
		}
		return out, nil
	})
}

// WrittenStatements returns the given articles with their statements as now
// stored, in text order; articles no longer stored are left out.
func (s *Store) WrittenStatements(ctx context.Context, articleIDs []string) ([]Written, error) {
	return read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) ([]Written, error) {
		recs, err := run(ctx, tx, `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, [(st:Statement)-[:REPORTED_IN]->(a) | st.id] AS statements`,
			map[string]any{"ids": articleIDs})
		if err != nil {
			return nil, err
		}
		out := make([]Written, 0, len(recs))
		for _, r := range recs {
			id, _ := r.Get("id")
			ids, _ := r.Get("statements")
			w := Written{ArticleID: id.(string)}
			for _, v := range ids.([]any) {
				w.StatementIDs = append(w.StatementIDs, v.(string))
			}
			// In text order: ids are "article#offset".
			sort.Slice(w.StatementIDs, func(i, j int) bool { return offsetOf(w.StatementIDs[i]) < offsetOf(w.StatementIDs[j]) })
			out = append(out, w)
		}
		return out, nil
	})
}

func offsetOf(statementID string) int {
	_, off, _ := strings.Cut(statementID[strings.LastIndex(statementID, "#")+1:], "#")
	if off == "" {
		off = statementID[strings.LastIndex(statementID, "#")+1:]
	}
	n, _ := strconv.Atoi(off)
	return n
}
