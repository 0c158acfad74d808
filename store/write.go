package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/geokg/geokg/loader/extract"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Topic is a node of the topic vocabulary.
type Topic struct {
	ID     string
	Name   string
	NameAr string
}

// WriteResult says what writing one article did.
type WriteResult struct {
	// Unchanged is true when the article was already stored with the same
	// content hash; nothing was written.
	Unchanged  bool
	Entities   int
	Statements int
	Events     int
}

// entityLabels are the labels an extracted entity may carry; the merge
// query of each is fixed text (labels cannot be parameters in Cypher).
var mergeEntity = map[string]string{}

func init() {
	for _, label := range []string{extract.Person, extract.State, extract.Organization, extract.Place, extract.Group} {
		mergeEntity[label] = strings.ReplaceAll(`
UNWIND $rows AS e
MERGE (n:LABEL {id: e.id})
ON CREATE SET n:Entity, n.name = e.name
SET n.nameAr = coalesce(e.nameAr, n.nameAr),
    n.kind = coalesce(e.kind, n.kind),
    n.qid = coalesce(e.qid, n.qid),
    n.known = e.known OR coalesce(n.known, false),
    n.name = CASE WHEN e.known THEN e.name ELSE coalesce(n.name, e.name) END,
    n.aliases = reduce(acc = coalesce(n.aliases, []), x IN e.aliases | CASE WHEN x IN acc THEN acc ELSE acc + x END)
SET n.aliasesText = reduce(s = '', x IN n.aliases | s + ' ' + x)
WITH n, e
MATCH (a:Article {id: $article})
FOREACH (_ IN CASE WHEN e.count > 0 THEN [1] ELSE [] END |
  MERGE (a)-[m:MENTIONS]->(n) SET m.count = e.count)`, "LABEL", label)
	}
}

// WriteExtraction writes one article and its extraction in one transaction:
// all or nothing. Nodes are merged on their ids, so loading the same article
// twice leaves the graph as it was; an article whose content changed first
// loses what it alone supported (its statements, mentions and its share of
// roles and attendance) and is then written anew.
func (s *Store) WriteExtraction(ctx context.Context, x *extract.Extraction, text string) (WriteResult, error) {
	res := WriteResult{}
	err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		res = WriteResult{}
		recs, err := run(ctx, tx, `OPTIONAL MATCH (a:Article {id: $id}) RETURN a.contentHash AS h`, map[string]any{"id": x.Article.ID})
		if err != nil {
			return err
		}
		if h, _ := recs[0].Get("h"); h != nil && h == x.Article.ContentHash {
			res.Unchanged = true
			return nil
		}
		if h, _ := recs[0].Get("h"); h != nil {
			// A changed article: first remove what its old version
			// supported. A new one has nothing to remove.
			if err := clearArticle(ctx, tx, x.Article.ID); err != nil {
				return err
			}
		}
		return writeAll(ctx, tx, x, text, &res)
	})
	if err != nil {
		return WriteResult{}, fmt.Errorf("write article %s: %w", x.Article.ID, err)
	}
	if !res.Unchanged {
		s.notifyWritten(ctx, x)
	}
	return res, nil
}

// clearArticle removes what an article contributed, keeping shared nodes.
func clearArticle(ctx context.Context, tx neo4j.ManagedTransaction, id string) error {
	p := map[string]any{"id": id}
	// Roles and attendance are reached through the article's own people
	// and events — never by scanning every relationship, which would make
	// each load slower than the last — and lose this article's support
	// before the links that lead to them go.
	for _, q := range []string{
		`MATCH (:Article {id: $id})-[:MENTIONS]->(:Person)-[r:HOLDS_ROLE]->() WHERE $id IN r.articles
		 SET r.articles = [x IN r.articles WHERE x <> $id]
		 WITH r WHERE size(r.articles) = 0 DELETE r`,
		`MATCH (:Article {id: $id})<-[:REPORTED_IN]-(:Event)<-[r:ATTENDED]-() WHERE $id IN r.articles
		 SET r.articles = [x IN r.articles WHERE x <> $id]
		 WITH r WHERE size(r.articles) = 0 DELETE r`,
		`MATCH (s:Statement)-[:REPORTED_IN]->(:Article {id: $id}) DETACH DELETE s`,
		`MATCH (:Article {id: $id})-[m:MENTIONS]->() DELETE m`,
		`MATCH (:Article {id: $id})<-[r:REPORTED_IN]-(:Event) DELETE r`,
	} {
		if _, err := run(ctx, tx, q, p); err != nil {
			return err
		}
	}
	return nil
}

func writeAll(ctx context.Context, tx neo4j.ManagedTransaction, x *extract.Extraction, text string, res *WriteResult) error {
	a := x.Article
	if _, err := run(ctx, tx, `
MERGE (a:Article {id: $id})
SET a.title = $title, a.language = $language, a.published = date($published), a.source = $source,
    a.url = $url, a.contentHash = $hash, a.text = $text`, map[string]any{
		"id": a.ID, "title": a.Title, "language": a.Language, "published": a.Published,
		"source": a.Source, "url": nullIfEmpty(a.URL), "hash": a.ContentHash, "text": text,
	}); err != nil {
		return err
	}
	byLabel := map[string][]map[string]any{}
	for _, e := range x.Entities {
		aliases := []string{}
		seen := map[string]bool{}
		for _, m := range e.Mentions {
			if !seen[m.Text] {
				seen[m.Text] = true
				aliases = append(aliases, m.Text)
			}
		}
		byLabel[e.Type] = append(byLabel[e.Type], map[string]any{
			"id": e.ID, "name": e.Name, "nameAr": nullIfEmpty(e.NameAr), "kind": nullIfEmpty(e.Kind),
			"qid": nullIfEmpty(e.QID), "known": e.Known, "aliases": aliases, "count": len(e.Mentions),
		})
		res.Entities++
	}
	for label, rows := range byLabel {
		q, ok := mergeEntity[label]
		if !ok {
			return fmt.Errorf("entity type %q", label)
		}
		if _, err := run(ctx, tx, q, map[string]any{"rows": rows, "article": a.ID}); err != nil {
			return err
		}
	}
	// Places lie in a state; national organisations (ministries, agencies)
	// belong to one, which lets the API count their officials as the state's.
	var places []map[string]any
	for _, e := range x.Entities {
		if (e.Type == extract.Place || e.Type == extract.Organization) && e.StateID != "" {
			places = append(places, map[string]any{"id": e.ID, "state": e.StateID})
		}
	}
	if _, err := run(ctx, tx, `
UNWIND $rows AS r
MATCH (p:Place|Organization {id: r.id})
MERGE (st:State {id: r.state}) ON CREATE SET st:Entity, st.name = r.state
MERGE (p)-[:IN]->(st)`, map[string]any{"rows": places}); err != nil {
		return err
	}
	roles := make([]map[string]any, len(x.Roles))
	for i, r := range x.Roles {
		roles[i] = map[string]any{"person": r.PersonID, "of": r.OfID, "title": r.Title, "titleAr": nullIfEmpty(r.TitleAr),
			"since": nullIfEmpty(r.Since), "until": nullIfEmpty(r.Until), "source": r.Source, "start": r.Start, "end": r.End}
	}
	if _, err := run(ctx, tx, `
UNWIND $rows AS r
MATCH (p:Person {id: r.person}), (o:Entity {id: r.of})
MERGE (p)-[h:HOLDS_ROLE {title: r.title}]->(o)
SET h.titleAr = coalesce(r.titleAr, h.titleAr), h.since = coalesce(r.since, h.since), h.until = coalesce(r.until, h.until),
    h.source = CASE WHEN h.source = 'text' THEN 'text' ELSE r.source END,
    h.articles = CASE WHEN $article IN coalesce(h.articles, []) THEN h.articles ELSE coalesce(h.articles, []) + $article END,
    h.evidence = CASE WHEN r.source = 'text' THEN $article + ':' + toString(r.start) + '-' + toString(r.end) ELSE h.evidence END`,
		map[string]any{"rows": roles, "article": a.ID}); err != nil {
		return err
	}
	events := make([]map[string]any, len(x.Events))
	for i, e := range x.Events {
		events[i] = map[string]any{"id": e.ID, "kind": e.Type, "name": e.Name, "date": e.Date, "place": e.PlaceID,
			"participants": e.ParticipantIDs, "start": e.Start, "end": e.End}
	}
	if _, err := run(ctx, tx, `
UNWIND $rows AS e
MERGE (ev:Event {id: e.id})
ON CREATE SET ev:Entity
SET ev.kind = e.kind, ev.name = e.name, ev.date = date(e.date)
WITH ev, e
MATCH (a:Article {id: $article})
MERGE (ev)-[rep:REPORTED_IN]->(a) SET rep.start = e.start, rep.end = e.end
WITH ev, e
OPTIONAL MATCH (pl:Place {id: e.place})
FOREACH (_ IN CASE WHEN pl IS NULL THEN [] ELSE [1] END | MERGE (ev)-[:HELD_IN]->(pl))
WITH ev, e
UNWIND e.participants AS pid
MATCH (p:Entity {id: pid})
MERGE (p)-[at:ATTENDED]->(ev)
SET at.articles = CASE WHEN $article IN coalesce(at.articles, []) THEN at.articles ELSE coalesce(at.articles, []) + $article END`,
		map[string]any{"rows": events, "article": a.ID}); err != nil {
		return err
	}
	res.Events = len(x.Events)
	stmts := make([]map[string]any, len(x.Statements))
	for i, st := range x.Statements {
		stmts[i] = map[string]any{"id": st.ID, "speaker": st.SpeakerID, "text": st.Text, "direct": st.Direct,
			"topics": st.Topics, "date": st.Date, "place": nullIfEmpty(st.PlaceID), "event": nullIfEmpty(st.EventID),
			"start": st.Start, "end": st.End, "sentenceStart": st.SentenceStart, "sentenceEnd": st.SentenceEnd,
			"mentions": st.MentionIDs, "confidence": st.Confidence}
	}
	if _, err := run(ctx, tx, `
MATCH (a:Article {id: $article})
UNWIND $rows AS r
MERGE (s:Statement {id: r.id})
SET s.text = r.text, s.direct = r.direct, s.date = date(r.date), s.language = a.language,
    s.start = r.start, s.end = r.end, s.sentenceStart = r.sentenceStart, s.sentenceEnd = r.sentenceEnd,
    s.confidence = r.confidence
MERGE (s)-[:REPORTED_IN]->(a)
WITH s, r
MATCH (sp:Entity {id: r.speaker})
MERGE (sp)-[:SAID]->(s)
WITH s, r
CALL (s, r) {
  UNWIND r.topics AS tid
  MATCH (t:Topic {id: tid})
  MERGE (s)-[:ABOUT]->(t)
}
CALL (s, r) {
  UNWIND r.mentions AS mid
  MATCH (m:Entity {id: mid})
  MERGE (s)-[:MENTIONS]->(m)
}
CALL (s, r) {
  OPTIONAL MATCH (at:Entity {id: coalesce(r.event, r.place)})
  FOREACH (_ IN CASE WHEN at IS NULL THEN [] ELSE [1] END | MERGE (s)-[:MADE_AT]->(at))
}`, map[string]any{"rows": stmts, "article": a.ID}); err != nil {
		return err
	}
	res.Statements = len(x.Statements)
	return nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
