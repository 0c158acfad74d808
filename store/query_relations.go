package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Span points into an article's text (offsets in code points).
type Span struct {
	ArticleID  string
	Start, End int
}

// RoleRow is an office a person holds in a state or organisation.
type RoleRow struct {
	Person   NodeRow
	Of       NodeRow
	Title    string
	TitleAr  string
	Since    string
	Until    string
	Source   string // "kb" or "text"
	Articles []string
	// Evidence is the text that states the role, for roles from the text.
	Evidence *Span
}

// roleProjection reads the role h of person p in o.
var roleProjection = `{person: ` + project("p") + `, of: ` + project("o") + `,
  title: h.title, titleAr: h.titleAr, since: h.since, until: h.until, source: h.source,
  articles: coalesce(h.articles, []), evidence: h.evidence}`

func roleRow(v any) RoleRow {
	m, _ := v.(map[string]any)
	r := RoleRow{
		Person: nodeRow(m["person"]), Of: nodeRow(m["of"]),
		Title: asString(m["title"]), TitleAr: asString(m["titleAr"]),
		Since: asString(m["since"]), Until: asString(m["until"]),
		Source: asString(m["source"]), Articles: asStrings(m["articles"]),
	}
	r.Evidence = parseEvidence(asString(m["evidence"]))
	return r
}

// parseEvidence reads the "ARTICLE:START-END" the writer stores on a role.
func parseEvidence(s string) *Span {
	i := strings.LastIndex(s, ":")
	if i < 0 {
		return nil
	}
	a, b, ok := strings.Cut(s[i+1:], "-")
	if !ok {
		return nil
	}
	start, err1 := strconv.Atoi(a)
	end, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || end < start {
		return nil
	}
	return &Span{ArticleID: s[:i], Start: start, End: end}
}

// Roles returns the offices of each person, oldest first; with at, only
// those held on that day.
func (s *Store) Roles(ctx context.Context, personIDs []string, at string) (map[string][]RoleRow, error) {
	res, err := readKeyed(ctx, s, `
UNWIND $ids AS pid
MATCH (p:Person {id: pid})-[h:HOLDS_ROLE]->(o:Entity)
WHERE $at IS NULL OR `+roleValidAt("h", "date($at)")+`
RETURN pid, `+roleProjection+` AS role
ORDER BY pid, coalesce(h.since, ''), h.title, o.id`, map[string]any{"ids": personIDs, "at": nullIfEmpty(at)},
		func(r *neo4j.Record) (string, RoleRow) { return str(r, "pid"), roleRow(get(r, "role")) })
	if err != nil {
		return nil, fmt.Errorf("roles of %d persons: %w", len(personIDs), err)
	}
	return res, nil
}

// SpeakerRoles returns, for each statement id, the office its speaker held
// on the statement's date: the one the statement's article states, else
// one it implies, else one from the knowledge base, the most recent first.
// Statements whose speaker held none (or is not a person) are missing.
func (s *Store) SpeakerRoles(ctx context.Context, statementIDs []string) (map[string]RoleRow, error) {
	res, err := readKeyed(ctx, s, `
UNWIND $ids AS sid
MATCH (p:Person)-[:SAID]->(n:Statement {id: sid})-[:REPORTED_IN]->(a:Article)
CALL (p, n, a) {
  MATCH (p)-[h:HOLDS_ROLE]->(o:Entity)
  WHERE `+roleValidAtN+`
  RETURN h, o
  ORDER BY CASE WHEN h.evidence STARTS WITH a.id + ':' THEN 0 WHEN a.id IN coalesce(h.articles, []) THEN 1 ELSE 2 END,
           coalesce(h.since, '') DESC, h.title
  LIMIT 1
}
RETURN sid, `+roleProjection+` AS role`, map[string]any{"ids": statementIDs},
		func(r *neo4j.Record) (string, RoleRow) { return str(r, "sid"), roleRow(get(r, "role")) })
	if err != nil {
		return nil, fmt.Errorf("speaker roles of %d statements: %w", len(statementIDs), err)
	}
	out := make(map[string]RoleRow, len(res))
	for k, v := range res {
		out[k] = v[0]
	}
	return out, nil
}

// RoleResult is one page of office holders.
type RoleResult struct {
	Rows  []RoleRow
	Total int // -1 when not asked for
}

// OfficeHolders returns a page of office holders per state or
// organisation: people holding office in it or, for a state, in its
// organisations; current and most recent first. With at, only offices held
// on that day.
func (s *Store) OfficeHolders(ctx context.Context, pids []string, at string, p Page) (map[string]RoleResult, error) {
	match := `
  CALL (x) {
    MATCH (p:Person)-[h:HOLDS_ROLE]->(x) RETURN p, h, x AS o
    UNION MATCH (p:Person)-[h:HOLDS_ROLE]->(o:Organization)-[:IN]->(x) RETURN p, h, o
  }
  WITH p, h, o WHERE $at IS NULL OR ` + roleValidAt("h", "date($at)")
	total := "WITH pid, x, -1 AS total\n"
	if p.Total {
		total = "CALL (x) {" + match + "\n  RETURN count(*) AS total\n}\n"
	}
	cypher := `
UNWIND $pids AS pid
MATCH (x:Entity {id: pid})
` + total + `CALL (x) {` + match + `
  WITH p, h, o ORDER BY coalesce(h.until, '9999-12-31') DESC, coalesce(h.since, '') DESC, p.id, h.title
  SKIP $skip LIMIT $limit
  RETURN collect(` + roleProjection + `) AS rows
}
RETURN pid, total, rows`
	params := map[string]any{"pids": pids, "at": nullIfEmpty(at), "skip": p.Skip, "limit": p.Limit}
	res, err := read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (map[string]RoleResult, error) {
		recs, err := run(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		out := make(map[string]RoleResult, len(recs))
		for _, r := range recs {
			rr := RoleResult{Total: asInt(get(r, "total"))}
			for _, v := range get(r, "rows").([]any) {
				rr.Rows = append(rr.Rows, roleRow(v))
			}
			out[str(r, "pid")] = rr
		}
		return out, nil
	})
	if err != nil {
		return nil, fmt.Errorf("office holders of %d: %w", len(pids), err)
	}
	return res, nil
}

// Participant is an actor at an event, with the articles that say so.
type Participant struct {
	Actor    NodeRow
	Articles []string
}

// ParticipantResult is one page of participants.
type ParticipantResult struct {
	Rows  []Participant
	Total int // -1 when not asked for
}

// Participants returns a page of participants per event: persons first,
// then states and organisations, each by name.
func (s *Store) Participants(ctx context.Context, eventIDs []string, p Page) (map[string]ParticipantResult, error) {
	total := "WITH pid, e, -1 AS total\n"
	if p.Total {
		total = "CALL (e) { MATCH (a:Entity)-[:ATTENDED]->(e) RETURN count(a) AS total }\n"
	}
	cypher := `
UNWIND $pids AS pid
MATCH (e:Event {id: pid})
` + total + `CALL (e) {
  MATCH (a:Entity)-[at:ATTENDED]->(e)
  WITH a, at ORDER BY CASE WHEN a:Person THEN 0 WHEN a:State THEN 1 ELSE 2 END, toLower(a.name), a.id
  SKIP $skip LIMIT $limit
  RETURN collect({actor: ` + project("a") + `, articles: coalesce(at.articles, [])}) AS rows
}
RETURN pid, total, rows`
	params := map[string]any{"pids": eventIDs, "skip": p.Skip, "limit": p.Limit}
	res, err := read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (map[string]ParticipantResult, error) {
		recs, err := run(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		out := make(map[string]ParticipantResult, len(recs))
		for _, r := range recs {
			pr := ParticipantResult{Total: asInt(get(r, "total"))}
			for _, v := range get(r, "rows").([]any) {
				m := v.(map[string]any)
				pr.Rows = append(pr.Rows, Participant{Actor: nodeRow(m["actor"]), Articles: asStrings(m["articles"])})
			}
			out[str(r, "pid")] = pr
		}
		return out, nil
	})
	if err != nil {
		return nil, fmt.Errorf("participants of %d events: %w", len(eventIDs), err)
	}
	return res, nil
}

// EventReports returns, per event, the articles that report it with the
// offsets of the report, oldest article first.
func (s *Store) EventReports(ctx context.Context, eventIDs []string) (map[string][]Span, error) {
	res, err := readKeyed(ctx, s, `
UNWIND $ids AS id
MATCH (:Event {id: id})-[r:REPORTED_IN]->(a:Article)
RETURN id, a.id AS aid, r.start AS start, r.end AS end ORDER BY id, a.published, a.id`, map[string]any{"ids": eventIDs},
		func(r *neo4j.Record) (string, Span) {
			return str(r, "id"), Span{ArticleID: str(r, "aid"), Start: asInt(get(r, "start")), End: asInt(get(r, "end"))}
		})
	if err != nil {
		return nil, fmt.Errorf("reports of %d events: %w", len(eventIDs), err)
	}
	return res, nil
}

// EntityCount is an entity with a count.
type EntityCount struct {
	Entity NodeRow
	Count  int
}

// ArticleMentions returns, per article, the entities it mentions, most
// mentioned first.
func (s *Store) ArticleMentions(ctx context.Context, articleIDs []string) (map[string][]EntityCount, error) {
	res, err := readKeyed(ctx, s, `
UNWIND $ids AS id
MATCH (:Article {id: id})-[m:MENTIONS]->(n:Entity)
RETURN id, `+nodeProjection+` AS row, m.count AS count ORDER BY id, count DESC, n.id`, map[string]any{"ids": articleIDs},
		func(r *neo4j.Record) (string, EntityCount) {
			return str(r, "id"), EntityCount{Entity: nodeRow(get(r, "row")), Count: asInt(get(r, "count"))}
		})
	if err != nil {
		return nil, fmt.Errorf("mentions of %d articles: %w", len(articleIDs), err)
	}
	return res, nil
}

// ArticleEvents returns, per article, the events it reports, by date.
func (s *Store) ArticleEvents(ctx context.Context, articleIDs []string) (map[string][]NodeRow, error) {
	res, err := readKeyed(ctx, s, `
UNWIND $ids AS id
MATCH (n:Event)-[:REPORTED_IN]->(:Article {id: id})
RETURN id, `+nodeProjection+` AS row ORDER BY id, n.date, n.id`, map[string]any{"ids": articleIDs},
		func(r *neo4j.Record) (string, NodeRow) { return str(r, "id"), nodeRow(get(r, "row")) })
	if err != nil {
		return nil, fmt.Errorf("events of %d articles: %w", len(articleIDs), err)
	}
	return res, nil
}
