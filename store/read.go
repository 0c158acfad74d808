package store

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Entity is an actor or place as read from the graph.
type Entity struct {
	ID      string
	Type    string // Person, State, Organization, Group, Place
	Name    string
	NameAr  string
	Aliases []string
	QID     string
	Kind    string
}

// StatementRow is a statement's own properties.
type StatementRow struct {
	ID         string
	Text       string
	Direct     bool
	Date       string
	Language   string
	Start      int
	End        int
	Confidence float64
}

// ArticleRow is an article without its text.
type ArticleRow struct {
	ID, Title, Source, URL, Published, Language string
}

// StatementFilter selects statements; empty fields do not filter.
type StatementFilter struct {
	Topics  []string
	Speaker string
}

func (f StatementFilter) params() map[string]any {
	var topics any
	if len(f.Topics) > 0 {
		topics = f.Topics
	}
	return map[string]any{"topics": topics, "speaker": nullIfEmpty(f.Speaker)}
}

// statementMatch is the shared filter of the statement queries. The
// speaker is looked up through the Entity id index.
const statementMatch = `
MATCH (s:Statement)
WHERE ($topics IS NULL OR EXISTS { (s)-[:ABOUT]->(t:Topic) WHERE t.id IN $topics })
  AND ($speaker IS NULL OR EXISTS { (:Entity {id: $speaker})-[:SAID]->(s) })
`

// Statements returns a page of statements, newest first (ties by id).
func (s *Store) Statements(ctx context.Context, f StatementFilter, skip, limit int) ([]StatementRow, error) {
	p := f.params()
	p["skip"], p["limit"] = skip, limit
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]StatementRow, error) {
		recs, err := run(ctx, tx, statementMatch+`
RETURN s {.*} AS s ORDER BY s.date DESC, s.id SKIP $skip LIMIT $limit`, p)
		if err != nil {
			return nil, err
		}
		out := make([]StatementRow, len(recs))
		for i, r := range recs {
			m, _ := r.Get("s")
			out[i] = statementRow(m.(map[string]any))
		}
		return out, nil
	})
}

// CountStatements counts the statements a filter selects.
func (s *Store) CountStatements(ctx context.Context, f StatementFilter) (int, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (int, error) {
		recs, err := run(ctx, tx, statementMatch+`RETURN count(s) AS n`, f.params())
		if err != nil {
			return 0, err
		}
		n, _ := recs[0].Get("n")
		return int(n.(int64)), nil
	})
}

// Speakers returns the speaker of each statement id.
func (s *Store) Speakers(ctx context.Context, ids []string) (map[string]Entity, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]Entity, error) {
		recs, err := run(ctx, tx, `
UNWIND $ids AS id
MATCH (sp:Entity)-[:SAID]->(:Statement {id: id})
RETURN id, sp`, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		out := make(map[string]Entity, len(recs))
		for _, r := range recs {
			id, _ := r.Get("id")
			n, _ := r.Get("sp")
			out[id.(string)] = entity(n.(dbtype.Node))
		}
		return out, nil
	})
}

// StatementTopics returns the topics of each statement id.
func (s *Store) StatementTopics(ctx context.Context, ids []string) (map[string][]Topic, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (map[string][]Topic, error) {
		recs, err := run(ctx, tx, `
UNWIND $ids AS id
MATCH (:Statement {id: id})-[:ABOUT]->(t:Topic)
RETURN id, t.id AS tid, t.name AS name, t.nameAr AS nameAr ORDER BY id, tid`, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		out := make(map[string][]Topic, len(ids))
		for _, r := range recs {
			id, _ := r.Get("id")
			out[id.(string)] = append(out[id.(string)], Topic{ID: str(r, "tid"), Name: str(r, "name"), NameAr: str(r, "nameAr")})
		}
		return out, nil
	})
}

// StatementArticles returns the article of each statement id.
func (s *Store) StatementArticles(ctx context.Context, ids []string) (map[string]ArticleRow, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]ArticleRow, error) {
		recs, err := run(ctx, tx, `
UNWIND $ids AS id
MATCH (:Statement {id: id})-[:REPORTED_IN]->(a:Article)
RETURN id, `+articleProjection, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		out := make(map[string]ArticleRow, len(recs))
		for _, r := range recs {
			id, _ := r.Get("id")
			out[id.(string)] = articleRow(r)
		}
		return out, nil
	})
}

const articleProjection = `a.id AS aid, a.title AS title, a.source AS source, a.url AS url, toString(a.published) AS published, a.language AS language`

// Article returns an article by id; ok is false when there is none.
func (s *Store) Article(ctx context.Context, id string) (ArticleRow, bool, error) {
	rows, err := read(ctx, s, func(tx neo4j.ManagedTransaction) ([]ArticleRow, error) {
		recs, err := run(ctx, tx, `MATCH (a:Article {id: $id}) RETURN `+articleProjection, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		var out []ArticleRow
		for _, r := range recs {
			out = append(out, articleRow(r))
		}
		return out, nil
	})
	if err != nil || len(rows) == 0 {
		return ArticleRow{}, false, err
	}
	return rows[0], true, nil
}

// Entity returns an actor or place by id; ok is false when there is none.
func (s *Store) Entity(ctx context.Context, id string) (Entity, bool, error) {
	rows, err := read(ctx, s, func(tx neo4j.ManagedTransaction) ([]Entity, error) {
		recs, err := run(ctx, tx, `MATCH (n:Entity {id: $id}) RETURN n`, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		var out []Entity
		for _, r := range recs {
			n, _ := r.Get("n")
			out = append(out, entity(n.(dbtype.Node)))
		}
		return out, nil
	})
	if err != nil || len(rows) == 0 {
		return Entity{}, false, err
	}
	return rows[0], true, nil
}

// Topics returns the topic vocabulary.
func (s *Store) Topics(ctx context.Context) ([]Topic, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]Topic, error) {
		recs, err := run(ctx, tx, `MATCH (t:Topic) RETURN t.id AS tid, t.name AS name, t.nameAr AS nameAr ORDER BY tid`, nil)
		if err != nil {
			return nil, err
		}
		out := make([]Topic, len(recs))
		for i, r := range recs {
			out[i] = Topic{ID: str(r, "tid"), Name: str(r, "name"), NameAr: str(r, "nameAr")}
		}
		return out, nil
	})
}

// entityTypes maps a node's labels to its entity type.
var entityTypes = []string{"Person", "State", "Organization", "Group", "Place", "Event"}

func entity(n dbtype.Node) Entity {
	e := Entity{}
	for _, t := range entityTypes {
		for _, l := range n.Labels {
			if l == t {
				e.Type = t
			}
		}
	}
	p := n.Props
	e.ID, _ = p["id"].(string)
	e.Name, _ = p["name"].(string)
	e.NameAr, _ = p["nameAr"].(string)
	e.QID, _ = p["qid"].(string)
	e.Kind, _ = p["kind"].(string)
	if as, ok := p["aliases"].([]any); ok {
		for _, a := range as {
			if s, ok := a.(string); ok {
				e.Aliases = append(e.Aliases, s)
			}
		}
	}
	if e.Aliases == nil {
		e.Aliases = []string{}
	}
	return e
}

func statementRow(m map[string]any) StatementRow {
	r := StatementRow{}
	r.ID, _ = m["id"].(string)
	r.Text, _ = m["text"].(string)
	r.Direct, _ = m["direct"].(bool)
	r.Language, _ = m["language"].(string)
	if d, ok := m["date"].(dbtype.Date); ok {
		r.Date = time.Time(d).Format(time.DateOnly)
	}
	if v, ok := m["start"].(int64); ok {
		r.Start = int(v)
	}
	if v, ok := m["end"].(int64); ok {
		r.End = int(v)
	}
	r.Confidence, _ = m["confidence"].(float64)
	return r
}

func articleRow(r *neo4j.Record) ArticleRow {
	return ArticleRow{ID: str(r, "aid"), Title: str(r, "title"), Source: str(r, "source"), URL: str(r, "url"), Published: str(r, "published"), Language: str(r, "language")}
}

func str(r *neo4j.Record, key string) string {
	v, _ := r.Get(key)
	s, _ := v.(string)
	return s
}
