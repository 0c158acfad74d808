package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Deleted says what deleting an article removed.
type Deleted struct {
	Found      bool
	Statements int
	// Removed are the ids of the entities and events that no longer had
	// any support once the article was gone.
	Removed []string
}

// supportedBy gathers the entities and events an article may be the only
// support of: those it mentions, reports, or whose roles and attendance it
// states, those its statements are said by, mention or were made at, and
// the places and states they lie in. Roles and attendance are reached
// through the article's people and events, as clearArticle reaches them,
// not by scanning every relationship.
const supportedBy = `
MATCH (a:Article {id: $id})
CALL (a) {
  MATCH (a)-[:MENTIONS]->(e:Entity) RETURN e
  UNION MATCH (e:Event)-[:REPORTED_IN]->(a) RETURN e
  UNION MATCH (a)<-[:REPORTED_IN]-(:Statement)--(e:Entity) RETURN e
  UNION MATCH (a)-[:MENTIONS]->(:Person)-[r:HOLDS_ROLE]->(e:Entity) WHERE $id IN r.articles RETURN e
  UNION MATCH (a)<-[:REPORTED_IN]-(:Event)<-[r:ATTENDED]-(e:Entity) WHERE $id IN r.articles RETURN e
}
WITH a, collect(DISTINCT e) AS es
CALL (es) {
  UNWIND es AS e
  OPTIONAL MATCH (e)-[:IN|HELD_IN*1..2]->(x:Entity)
  RETURN collect(DISTINCT e.id) + collect(DISTINCT x.id) AS ids
}
RETURN ids, COUNT { (:Statement)-[:REPORTED_IN]->(a) } AS statements`

// unsupported removes the candidates that nothing supports any more: no
// relationship but their own place in geography (a place's IN, an event's
// HELD_IN).
const unsupported = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (e)-[r]-() WHERE NOT (type(r) IN ['IN', 'HELD_IN'] AND startNode(r) = e) }
DETACH DELETE e
RETURN id`

// DeleteArticle removes an article and what only it supports: its
// statements, its mentions and event reports, its share of roles and
// attendance (removed when no other article states them), and the
// entities and events left without support. Entities other articles
// support stay. Found is false when there is no such article.
func (s *Store) DeleteArticle(ctx context.Context, id string) (Deleted, error) {
	var res Deleted
	err := s.write(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		res = Deleted{}
		recs, err := run(ctx, tx, supportedBy, map[string]any{"id": id})
		if err != nil || len(recs) == 0 {
			return err
		}
		res.Found = true
		res.Statements = asInt(get(recs[0], "statements"))
		candidates := asStrings(get(recs[0], "ids"))
		counts := tally{}
		if err := clearArticle(ctx, tx, id, counts); err != nil {
			return err
		}
		if err := counts.apply(ctx, tx); err != nil {
			return err
		}
		if _, err := run(ctx, tx, `MATCH (a:Article {id: $id}) DETACH DELETE a`, map[string]any{"id": id}); err != nil {
			return err
		}
		// An event's removal can leave its place unsupported, and a
		// place's its state: at most three rounds.
		for round := 0; round < 3 && len(candidates) > 0; round++ {
			recs, err := run(ctx, tx, unsupported, map[string]any{"ids": candidates})
			if err != nil {
				return err
			}
			if len(recs) == 0 {
				break
			}
			for _, r := range recs {
				res.Removed = append(res.Removed, str(r, "id"))
			}
		}
		return nil
	})
	if err != nil {
		return Deleted{}, fmt.Errorf("delete article %s: %w", id, err)
	}
	return res, nil
}
