package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
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

// mergeEntity holds, per label an extracted entity may carry, the query
// that merges a batch's entities of that label and the articles' mentions
// of them (labels cannot be parameters in Cypher, so each is fixed text).
// An entity already stored is written only when the row adds something
// (a name, an alias, a kind): a write locks the node until the commit, and
// well-known entities are in almost every batch, so unconditional writes
// would make concurrent loaders wait for each other.
var mergeEntity = map[string]string{}

func init() {
	for _, label := range []string{extract.Person, extract.State, extract.Organization, extract.Place, extract.Group} {
		mergeEntity[label] = strings.ReplaceAll(`
UNWIND $rows AS e
MERGE (n:LABEL {id: e.id})
ON CREATE SET n:Entity, n.name = e.name
WITH n, e
CALL (n, e) {
  WITH n, e
  WHERE n.aliases IS NULL OR n.known IS NULL
     OR any(x IN e.aliases WHERE NOT x IN n.aliases)
     OR coalesce(e.nameAr <> n.nameAr, e.nameAr IS NOT NULL)
     OR coalesce(e.kind <> n.kind, e.kind IS NOT NULL)
     OR coalesce(e.qid <> n.qid, e.qid IS NOT NULL)
     OR (e.known AND NOT n.known)
     OR (e.known AND n.name <> e.name)
  SET n.nameAr = coalesce(e.nameAr, n.nameAr),
      n.kind = coalesce(e.kind, n.kind),
      n.qid = coalesce(e.qid, n.qid),
      n.known = e.known OR coalesce(n.known, false),
      n.name = CASE WHEN e.known THEN e.name ELSE coalesce(n.name, e.name) END,
      n.aliases = reduce(acc = coalesce(n.aliases, []), x IN e.aliases | CASE WHEN x IN acc THEN acc ELSE acc + x END)
  SET n.aliasesText = reduce(s = '', x IN n.aliases | s + ' ' + x)
}
WITH n, e
MATCH (a:Article {id: e.article})
FOREACH (_ IN CASE WHEN e.count > 0 THEN [1] ELSE [] END |
  CREATE (a)-[:MENTIONS {count: e.count}]->(n))`, "LABEL", label)
	}
}

// WriteExtraction writes one article and its extraction in one transaction:
// all or nothing. Nodes are merged on their ids, so loading the same article
// twice leaves the graph as it was; an article whose content changed first
// loses what it alone supported (its statements, mentions and its share of
// roles and attendance) and is then written anew.
func (s *Store) WriteExtraction(ctx context.Context, x *extract.Extraction, text string) (WriteResult, error) {
	res := make([]WriteResult, 1)
	err := s.write(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		return writeBatch(ctx, tx, []*extract.Extraction{x}, []string{text}, res)
	})
	if err != nil {
		return WriteResult{}, fmt.Errorf("write article %s: %w", x.Article.ID, err)
	}
	if !res[0].Unchanged {
		s.notifyWritten(ctx, x)
	}
	return res[0], nil
}

// WriteBatch writes several articles in one transaction, with the meaning
// of WriteExtraction for each: unchanged articles are skipped, changed ones
// lose what their old version supported before they are written anew. The
// batch costs a dozen queries and one commit however many articles it
// holds, which is what makes bulk loading fast.
//
// The transaction is all or nothing. When it fails, each article is then
// written alone, so that a bad article fails by itself and the others go
// in; once a single write fails because Neo4j is unreachable or out of
// time, the remaining articles are not tried and carry that error.
// results[i] and errs[i] say what became of xs[i]; texts[i] is its text.
func (s *Store) WriteBatch(ctx context.Context, xs []*extract.Extraction, texts []string) (results []WriteResult, errs []error) {
	results, errs = make([]WriteResult, len(xs)), make([]error, len(xs))
	if len(texts) != len(xs) {
		for i := range errs {
			errs[i] = fmt.Errorf("write batch: %d extractions and %d texts", len(xs), len(texts))
		}
		return results, errs
	}
	if len(xs) == 0 {
		return results, errs
	}
	if len(xs) == 1 {
		results[0], errs[0] = s.WriteExtraction(ctx, xs[0], texts[0])
		return results, errs
	}
	err := s.write(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		return writeBatch(ctx, tx, xs, texts, results)
	})
	if err == nil {
		for i, x := range xs {
			if !results[i].Unchanged {
				s.notifyWritten(ctx, x)
			}
		}
		return results, errs
	}
	// One by one: a bad article fails alone.
	var down error
	for i, x := range xs {
		if down != nil {
			results[i], errs[i] = WriteResult{}, fmt.Errorf("write article %s: not tried after the batch failed: %w", x.Article.ID, down)
			continue
		}
		results[i], errs[i] = s.WriteExtraction(ctx, x, texts[i])
		if errs[i] != nil && (errors.Is(errs[i], ErrUnavailable) || errors.Is(errs[i], ErrTimeout) || ctx.Err() != nil) {
			down = errs[i]
		}
	}
	return results, errs
}

// writeBatch writes articles in the transaction tx and sets res[i] for
// xs[i]. An article that appears twice is written in order: the batch is
// cut into runs of distinct ids, each run seeing what the runs before it
// wrote.
func writeBatch(ctx context.Context, tx neo4j.ManagedTransaction, xs []*extract.Extraction, texts []string, res []WriteResult) error {
	for i := range res {
		res[i] = WriteResult{} // a retried transaction starts again
	}
	for from := 0; from < len(xs); {
		to := from
		seen := map[string]bool{}
		for to < len(xs) && !seen[xs[to].Article.ID] {
			seen[xs[to].Article.ID] = true
			to++
		}
		if err := writeRun(ctx, tx, xs[from:to], texts[from:to], res[from:to]); err != nil {
			return err
		}
		from = to
	}
	return nil
}

// writeRun writes articles with distinct ids: it skips those stored with
// the same content hash, clears those whose content changed, and writes
// the rest together.
func writeRun(ctx context.Context, tx neo4j.ManagedTransaction, xs []*extract.Extraction, texts []string, res []WriteResult) error {
	ids := make([]string, len(xs))
	for i, x := range xs {
		ids[i] = x.Article.ID
	}
	recs, err := run(ctx, tx, `UNWIND $ids AS id OPTIONAL MATCH (a:Article {id: id}) RETURN id, a IS NOT NULL AS found, a.contentHash AS h`, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	type stored struct {
		found bool
		hash  any
	}
	byID := make(map[string]stored, len(recs))
	for _, r := range recs {
		found, _ := get(r, "found").(bool)
		byID[str(r, "id")] = stored{found, get(r, "h")}
	}
	var todo []*extract.Extraction
	var todoTexts []string
	var todoRes []*WriteResult
	counts := tally{}
	for i, x := range xs {
		old := byID[x.Article.ID]
		if old.hash != nil && old.hash == x.Article.ContentHash {
			res[i].Unchanged = true
			continue
		}
		if old.found {
			// A changed article: first remove what its old version
			// supported, so that it is written as a new one is: writeAll
			// creates the relationships of the article and its statements
			// rather than merging them.
			if err := clearArticle(ctx, tx, x.Article.ID, counts); err != nil {
				return err
			}
		}
		todo, todoTexts, todoRes = append(todo, x), append(todoTexts, texts[i]), append(todoRes, &res[i])
	}
	if len(todo) > 0 {
		if err := writeAll(ctx, tx, todo, todoTexts, todoRes, counts); err != nil {
			return err
		}
	}
	return counts.apply(ctx, tx)
}

// clearArticle removes what an article contributed, keeping shared nodes,
// and takes its statements out of counts.
func clearArticle(ctx context.Context, tx neo4j.ManagedTransaction, id string, counts tally) error {
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
		`MATCH (:Article {id: $id})-[m:MENTIONS]->() DELETE m`,
		`MATCH (:Article {id: $id})<-[r:REPORTED_IN]-(:Event) DELETE r`,
	} {
		if _, err := run(ctx, tx, q, p); err != nil {
			return err
		}
	}
	recs, err := run(ctx, tx, `
MATCH (s:Statement)-[:REPORTED_IN]->(:Article {id: $id})
WITH s, toString(s.date) AS date, [(s)-[:ABOUT]->(t:Topic) | t.id] AS topics
DETACH DELETE s
RETURN date, topics`, p)
	if err != nil {
		return err
	}
	for _, r := range recs {
		counts.add(str(r, "date"), asStrings(get(r, "topics")), -1)
	}
	return nil
}

// writeAll writes new or cleared articles and their extractions, and
// counts their statements into counts; every
// query covers all of them (each row carries its article's id), so a batch
// costs the same number of queries as one article. Rows keep the order of
// the articles, so that what one article sets on a shared node (an
// entity's aliases, a role's dates) comes out as if they were written one
// after the other.
func writeAll(ctx context.Context, tx neo4j.ManagedTransaction, xs []*extract.Extraction, texts []string, res []*WriteResult, counts tally) error {
	articles := make([]map[string]any, len(xs))
	for i, x := range xs {
		a := x.Article
		articles[i] = map[string]any{
			"id": a.ID, "title": a.Title, "language": a.Language, "published": a.Published,
			"source": a.Source, "url": nullIfEmpty(a.URL), "hash": a.ContentHash, "text": texts[i],
		}
	}
	if _, err := run(ctx, tx, `
UNWIND $rows AS r
MERGE (a:Article {id: r.id})
SET a.title = r.title, a.language = r.language, a.published = date(r.published), a.source = r.source,
    a.url = r.url, a.contentHash = r.hash, a.text = r.text,
    a.writtenAt = timestamp() // live updates poll on it: see WritesAfter`, map[string]any{"rows": articles}); err != nil {
		return err
	}
	byLabel := map[string][]map[string]any{}
	var labels []string
	var places, events, stmts []map[string]any
	var roles roleRows
	for i, x := range xs {
		aid := x.Article.ID
		mentioned := map[string]map[string]any{} // the article's row of each entity
		for _, e := range x.Entities {
			if _, ok := mergeEntity[e.Type]; !ok {
				return fmt.Errorf("article %s: entity type %q", aid, e.Type)
			}
			aliases := []string{}
			seen := map[string]bool{}
			for _, m := range e.Mentions {
				if !seen[m.Text] {
					seen[m.Text] = true
					aliases = append(aliases, m.Text)
				}
			}
			if byLabel[e.Type] == nil {
				labels = append(labels, e.Type)
			}
			row := map[string]any{
				"id": e.ID, "name": e.Name, "nameAr": nullIfEmpty(e.NameAr), "kind": nullIfEmpty(e.Kind),
				"qid": nullIfEmpty(e.QID), "known": e.Known, "aliases": aliases, "count": len(e.Mentions), "article": aid,
			}
			// The article's mention is created, not merged: one per
			// entity, with the count of its last row.
			if prev := mentioned[e.Type+" "+e.ID]; prev != nil {
				prev["count"], row["count"] = row["count"], 0
			} else {
				mentioned[e.Type+" "+e.ID] = row
			}
			byLabel[e.Type] = append(byLabel[e.Type], row)
			// Places lie in a state; national organisations (ministries,
			// agencies) belong to one, which lets the API count their
			// officials as the state's.
			if (e.Type == extract.Place || e.Type == extract.Organization) && e.StateID != "" {
				places = append(places, map[string]any{"id": e.ID, "state": e.StateID})
			}
		}
		for _, r := range x.Roles {
			roles.add(r, aid)
		}
		// Events and statements by id within the article (an id twice
		// makes one row, as merging twice makes one node): the last
		// values, and the union of what they link to.
		evRows := map[string]map[string]any{}
		for _, e := range x.Events {
			row := evRows[e.ID]
			if row == nil {
				row = map[string]any{"id": e.ID, "article": aid, "places": []string{}, "participants": []string{}}
				evRows[e.ID] = row
				events = append(events, row)
			}
			row["kind"], row["name"], row["date"], row["start"], row["end"] = e.Type, e.Name, e.Date, e.Start, e.End
			row["places"] = union(row["places"].([]string), e.PlaceID)
			row["participants"] = union(row["participants"].([]string), e.ParticipantIDs...)
		}
		stRows := map[string]map[string]any{}
		for _, st := range x.Statements {
			row := stRows[st.ID]
			if row == nil {
				row = map[string]any{"id": st.ID, "article": aid, "speakers": []string{}, "topics": []string{}, "mentions": []string{}, "at": []string{}}
				stRows[st.ID] = row
				stmts = append(stmts, row)
			}
			row["text"], row["direct"], row["date"], row["confidence"] = st.Text, st.Direct, st.Date, st.Confidence
			row["start"], row["end"], row["sentenceStart"], row["sentenceEnd"] = st.Start, st.End, st.SentenceStart, st.SentenceEnd
			at := st.EventID
			if at == "" {
				at = st.PlaceID
			}
			row["speakers"] = union(row["speakers"].([]string), st.SpeakerID)
			row["topics"] = union(row["topics"].([]string), st.Topics...)
			row["mentions"] = union(row["mentions"].([]string), st.MentionIDs...)
			row["at"] = union(row["at"].([]string), at)
		}
		for _, row := range stRows {
			counts.add(row["date"].(string), row["topics"].([]string), 1)
		}
		res[i].Entities = len(x.Entities)
		res[i].Events = len(x.Events)
		res[i].Statements = len(x.Statements)
	}
	// Concurrent batches share entities (states, well-known people), and
	// merging one locks it until the commit. Taking those locks in one
	// order — by label, then id — keeps concurrent writers from
	// deadlocking; the sort is stable, so an entity's rows keep the order
	// of their articles.
	sort.Strings(labels)
	for _, label := range labels {
		rows := byLabel[label]
		sortRows(rows, "id")
		if _, err := run(ctx, tx, mergeEntity[label], map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
	// The same for the other nodes and relationships batches share:
	// events, places' states, offices.
	sortRows(places, "id", "state")
	sortRows(roles.rows, "person", "of", "title")
	sortRows(events, "id")
	if len(places) > 0 {
		if _, err := run(ctx, tx, `
UNWIND $rows AS r
MATCH (p:Place|Organization {id: r.id})
MERGE (st:State {id: r.state}) ON CREATE SET st:Entity, st.name = r.state
MERGE (p)-[:IN]->(st)`, map[string]any{"rows": places}); err != nil {
			return err
		}
	}
	if len(roles.rows) > 0 {
		if _, err := run(ctx, tx, `
UNWIND $rows AS r
MATCH (p:Person {id: r.person}), (o:Entity {id: r.of})
MERGE (p)-[h:HOLDS_ROLE {title: r.title}]->(o)
SET h.titleAr = coalesce(r.titleAr, h.titleAr), h.since = coalesce(r.since, h.since), h.until = coalesce(r.until, h.until),
    h.source = CASE WHEN h.source = 'text' THEN 'text' ELSE r.source END,
    h.articles = coalesce(h.articles, []) + [a IN r.articles WHERE NOT a IN coalesce(h.articles, [])],
    h.evidence = coalesce(r.evidence, h.evidence)`,
			map[string]any{"rows": roles.rows}); err != nil {
			return err
		}
	}
	// The article and its statements are new (or cleared) nodes, so their
	// own relationships are created, not merged: merging a relationship
	// that is not there locks both its ends until the commit, and the
	// other ends — topics, states, well-known speakers — are in every
	// batch. Events and offices are shared with other articles and are
	// merged.
	if len(events) > 0 {
		if _, err := run(ctx, tx, `
UNWIND $rows AS e
MERGE (ev:Event {id: e.id})
ON CREATE SET ev:Entity
WITH ev, e
CALL (ev, e) {
  WITH ev, e WHERE NOT coalesce(ev.kind = e.kind AND ev.name = e.name AND ev.date = date(e.date), false)
  SET ev.kind = e.kind, ev.name = e.name, ev.date = date(e.date)
}
WITH ev, e
MATCH (a:Article {id: e.article})
CREATE (ev)-[:REPORTED_IN {start: e.start, end: e.end}]->(a)
WITH ev, e
CALL (ev, e) {
  UNWIND e.places AS pid
  MATCH (pl:Place {id: pid})
  MERGE (ev)-[:HELD_IN]->(pl)
}
WITH ev, e
UNWIND e.participants AS pid
MATCH (p:Entity {id: pid})
MERGE (p)-[at:ATTENDED]->(ev)
SET at.articles = CASE WHEN e.article IN coalesce(at.articles, []) THEN at.articles ELSE coalesce(at.articles, []) + e.article END`,
			map[string]any{"rows": events}); err != nil {
			return err
		}
	}
	if len(stmts) > 0 {
		if _, err := run(ctx, tx, `
UNWIND $rows AS r
MATCH (a:Article {id: r.article})
MERGE (s:Statement {id: r.id})
SET s.text = r.text, s.direct = r.direct, s.date = date(r.date), s.language = a.language,
    s.facet = `+facetExpr("a.language", "r.direct")+`,
    s.start = r.start, s.end = r.end, s.sentenceStart = r.sentenceStart, s.sentenceEnd = r.sentenceEnd,
    s.confidence = r.confidence
CREATE (s)-[:REPORTED_IN]->(a)
WITH s, r
CALL (s, r) {
  UNWIND r.speakers AS sid
  MATCH (sp:Entity {id: sid})
  CREATE (sp)-[:SAID]->(s)
}
CALL (s, r) {
  UNWIND r.topics AS tid
  MATCH (t:Topic {id: tid})
  CREATE (s)-[:ABOUT]->(t)
}
CALL (s, r) {
  UNWIND r.mentions AS mid
  MATCH (m:Entity {id: mid})
  CREATE (s)-[:MENTIONS]->(m)
}
CALL (s, r) {
  UNWIND r.at AS aid
  MATCH (at:Entity {id: aid})
  CREATE (s)-[:MADE_AT]->(at)
}`, map[string]any{"rows": stmts}); err != nil {
			return err
		}
	}
	return nil
}

// roleRows gathers a batch's roles into one row per office (person, state
// or organisation, title), in the order first seen, so that an office
// named by several articles of the batch is written once: its list of
// supporting articles grows with the corpus, and every write rewrites it.
// The row holds what writing the articles one after the other would leave:
// the last title in Arabic and dates given, "text" if any article states
// the role, the last statement's evidence, and the articles in order.
type roleRows struct {
	rows  []map[string]any
	index map[[3]string]int
}

func (rs *roleRows) add(r extract.Role, article string) {
	k := [3]string{r.PersonID, r.OfID, r.Title}
	i, ok := rs.index[k]
	if !ok {
		if rs.index == nil {
			rs.index = map[[3]string]int{}
		}
		i = len(rs.rows)
		rs.index[k] = i
		rs.rows = append(rs.rows, map[string]any{"person": r.PersonID, "of": r.OfID, "title": r.Title,
			"titleAr": nil, "since": nil, "until": nil, "source": r.Source, "evidence": nil, "articles": []string{}})
	}
	row := rs.rows[i]
	for key, v := range map[string]string{"titleAr": r.TitleAr, "since": r.Since, "until": r.Until} {
		if v != "" {
			row[key] = v
		}
	}
	if row["source"] != "text" {
		row["source"] = r.Source
	}
	if r.Source == "text" {
		row["evidence"] = fmt.Sprintf("%s:%d-%d", article, r.Start, r.End)
	}
	if as := row["articles"].([]string); len(as) == 0 || as[len(as)-1] != article {
		row["articles"] = append(as, article)
	}
}

// sortRows sorts rows by the string values of keys, stably: rows of the
// same node keep the order of their articles, and the last one's values
// are written last.
func sortRows(rows []map[string]any, keys ...string) {
	sort.SliceStable(rows, func(i, j int) bool {
		for _, k := range keys {
			a, b := rows[i][k].(string), rows[j][k].(string)
			if a != b {
				return a < b
			}
		}
		return false
	})
}

// union appends to xs those of ys that are neither empty nor in xs.
func union(xs []string, ys ...string) []string {
	for _, y := range ys {
		if y != "" && !slices.Contains(xs, y) {
			xs = append(xs, y)
		}
	}
	return xs
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
