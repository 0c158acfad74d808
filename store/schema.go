package store

import (
	"context"
	"fmt"

	"github.com/geokg/geokg/loader/lexicon"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Labels are the node labels of the graph model. Entity is shared by every
// actor and place so that an id can be looked up without knowing its type.
var Labels = []string{"Article", "Person", "State", "Organization", "Group", "Place", "Event", "Statement", "Topic", "Entity"}

// schema lists the statements that set up constraints and indexes; all are
// IF NOT EXISTS, so running them on every start is safe.
var schema = []string{
	"CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT state_id IF NOT EXISTS FOR (n:State) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT group_id IF NOT EXISTS FOR (n:Group) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (n:Statement) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
	"CREATE INDEX statement_date IF NOT EXISTS FOR (n:Statement) ON (n.date)",
	// Searches by language and quote kind read their candidates in date
	// order (facet.go).
	"CREATE INDEX statement_facet_date IF NOT EXISTS FOR (n:Statement) ON (n.facet, n.date)",
	// The statement tally (tally.go) and the marker that it is complete.
	"CREATE CONSTRAINT statement_tally_id IF NOT EXISTS FOR (n:StatementTally) REQUIRE n.id IS UNIQUE",
	"CREATE INDEX statement_tally_month IF NOT EXISTS FOR (n:StatementTally) ON (n.month)",
	"CREATE CONSTRAINT geokg_meta_id IF NOT EXISTS FOR (n:GeokgMeta) REQUIRE n.id IS UNIQUE",
	"CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published)",
	"CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date)",
	"CREATE INDEX article_hash IF NOT EXISTS FOR (n:Article) ON (n.contentHash)",
	// Live updates poll for articles written since a moment.
	"CREATE INDEX article_written IF NOT EXISTS FOR (n:Article) ON (n.writtenAt)",
	// Full-text search: names in both languages and statement text. The
	// "arabic" analyzer of Lucene normalises hamza, alef maqsura, ta
	// marbuta and diacritics and strips common prefixes.
	"CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Person|State|Organization|Group|Place|Event) ON EACH [n.name, n.nameAr, n.aliasesText] OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}}",
	"CREATE FULLTEXT INDEX statement_text IF NOT EXISTS FOR (n:Statement) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}}",
}

// Setup creates the constraints and indexes, waits until they are online,
// writes the topic nodes, sets the statements' facets and counts the
// statements into the statement tally if they are not complete (a graph
// loaded before they existed).
func (s *Store) Setup(ctx context.Context, topics []Topic) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	for _, q := range schema {
		if _, err := sess.Run(ctx, q, nil); err != nil {
			return fmt.Errorf("schema %q: %w", q, classify(err))
		}
	}
	if _, err := sess.Run(ctx, "CALL db.awaitIndexes(300)", nil); err != nil {
		return fmt.Errorf("await indexes: %w", classify(err))
	}
	rows := make([]map[string]any, len(topics))
	for i, t := range topics {
		rows[i] = map[string]any{"id": t.ID, "name": t.Name, "nameAr": t.NameAr}
	}
	err := s.write(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		_, err := run(ctx, tx, `UNWIND $rows AS t MERGE (n:Topic {id: t.id}) SET n.name = t.name, n.nameAr = t.nameAr`, map[string]any{"rows": rows})
		return err
	})
	if err != nil {
		return err
	}
	if err := s.buildFacets(ctx); err != nil {
		return err
	}
	return s.write(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error { return buildTally(ctx, tx) })
}

// TopicsOf returns the topic nodes of a lexicon.
func TopicsOf(lx *lexicon.Lexicon) []Topic {
	out := make([]Topic, len(lx.Topics))
	for i, t := range lx.Topics {
		out[i] = Topic{ID: t.ID, Name: t.Name, NameAr: t.NameAr}
	}
	return out
}
