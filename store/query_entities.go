package store

import (
	"context"
	"fmt"
)

// EntityFilter selects persons, states, organisations, groups or places;
// zero fields do not filter.
type EntityFilter struct {
	IDs []string
	// Name is a full-text match on names and aliases in both languages.
	Name string
	// Kind is the organisation's or place's kind, case-insensitive.
	Kind string
	// State: organisations of, or places in, this state.
	State string
	// Role: persons with an office matching all its set fields.
	Role *RoleFilter
}

// RoleFilter selects offices.
type RoleFilter struct {
	// Of is the state or organisation; a state's organisations count.
	Of    string
	Title string // case-insensitive
	At    string // held on this day
}

// entityLabels are the types Entities lists, with the label its query
// uses (labels cannot be parameters; only these constants reach Cypher).
var entityLabels = map[string]string{
	TypePerson: "Person", TypeState: "State", TypeOrganization: "Organization", TypeGroup: "Group", TypePlace: "Place",
}

var entitySorts = map[string]string{
	"name":           "toLower(n.name)",
	"statementCount": "COUNT { (n)-[:SAID]->(:Statement) }",
	"mentionCount":   "COUNT { (:Statement)-[:MENTIONS]->(n) }",
	"relevance":      "score",
}

// nameDrive finds entities of one label by a full-text match on their
// names.
const nameDrive = `CALL db.index.fulltext.queryNodes('entity_names', $name) YIELD node AS n, score WHERE n:%s`

// Entities returns a page of the entities of one type that f selects; by
// default by name, or best match first when f.Name is set.
func (s *Store) Entities(ctx context.Context, typ string, f EntityFilter, sorts []Sort, p Page) (Result, error) {
	label, ok := entityLabels[typ]
	if !ok {
		return Result{}, fmt.Errorf("entities of type %q: no such type", typ)
	}
	params := map[string]any{}
	drive, score := "MATCH (n:"+label+")", "0.0"
	def := []Sort{{Field: "name"}}
	if f.Name != "" {
		q, err := fullTextQuery(f.Name, false)
		if err != nil {
			return Result{}, err
		}
		params["name"] = q
		drive, score = fmt.Sprintf(nameDrive, label), "score"
		def = []Sort{{Field: "relevance", Desc: true}}
	}
	var preds []string
	if len(f.IDs) > 0 {
		params["ids"] = f.IDs
		preds = append(preds, "n.id IN $ids")
	}
	if f.Kind != "" {
		params["kind"] = f.Kind
		preds = append(preds, "toLower(n.kind) = toLower($kind)")
	}
	if f.State != "" {
		params["state"] = f.State
		preds = append(preds, "EXISTS { (n)-[:IN]->(:State {id: $state}) }")
	}
	if r := f.Role; r != nil {
		params["roleOf"], params["roleTitle"], params["roleAt"] = nullIfEmpty(r.Of), nullIfEmpty(r.Title), nullIfEmpty(r.At)
		preds = append(preds, `EXISTS {
    MATCH (n)-[h:HOLDS_ROLE]->(o:Entity)
    WHERE ($roleOf IS NULL OR o.id = $roleOf OR EXISTS { (o:Organization)-[:IN]->(:State {id: $roleOf}) })
      AND ($roleTitle IS NULL OR toLower(h.title) = toLower($roleTitle))
      AND ($roleAt IS NULL OR `+roleValidAt("h", "date($roleAt)")+`)
  }`)
	}
	order, err := orderBy(sorts, entitySorts, def)
	if err != nil {
		return Result{}, err
	}
	q := listQuery{match: drive + "\n  WITH pid, n, " + score + " AS score WHERE " + where(preds), params: params, order: order}
	res, err := s.page(ctx, q, p)
	if err != nil {
		return Result{}, fmt.Errorf("list %s: %w", typ, err)
	}
	return res, nil
}

// EventFilter selects events; zero fields do not filter.
type EventFilter struct {
	IDs          []string
	Name         string // full-text
	Kind         string // case-insensitive
	From, To     string
	Place        string
	Participants []string // any of
}

var eventSorts = map[string]string{
	"date":      "n.date",
	"name":      "toLower(n.name)",
	"relevance": "score",
}

var eventAnchors = map[Anchor]cond{
	ByParticipant: {
		drive: `MATCH (:Entity {id: pid})-[:ATTENDED]->(n:Event)`,
		pred:  `EXISTS { (:Entity {id: pid})-[:ATTENDED]->(n) }`,
	},
	ByPlace: {
		drive: `MATCH (n:Event)-[:HELD_IN]->(:Place {id: pid})`,
		pred:  `EXISTS { (n)-[:HELD_IN]->(:Place {id: pid}) }`,
	},
}

func eventQuery(f EventFilter, anchor Anchor, sorts []Sort) (listQuery, error) {
	params := map[string]any{}
	drive, score := "", "0.0"
	def := []Sort{{Field: "date", Desc: true}}
	var preds []string
	if f.Name != "" {
		q, err := fullTextQuery(f.Name, false)
		if err != nil {
			return listQuery{}, err
		}
		params["name"] = q
		drive, score = fmt.Sprintf(nameDrive, "Event"), "score"
		def = []Sort{{Field: "relevance", Desc: true}}
	}
	if anchor != NoAnchor {
		c, ok := eventAnchors[anchor]
		if !ok {
			return listQuery{}, fmt.Errorf("event list anchored by %d: no such anchor", anchor)
		}
		if drive == "" {
			drive = c.drive
		}
		preds = append(preds, c.pred)
	}
	if len(f.IDs) > 0 {
		params["ids"] = f.IDs
		preds = append(preds, "n.id IN $ids")
	}
	if f.Kind != "" {
		params["kind"] = f.Kind
		preds = append(preds, "toLower(n.kind) = toLower($kind)")
	}
	if f.From != "" {
		params["from"] = f.From
		preds = append(preds, "n.date >= date($from)")
	}
	if f.To != "" {
		params["to"] = f.To
		preds = append(preds, "n.date <= date($to)")
	}
	if f.Place != "" {
		params["place"] = f.Place
		preds = append(preds, "EXISTS { (n)-[:HELD_IN]->(:Place {id: $place}) }")
	}
	if len(f.Participants) > 0 {
		params["participants"] = f.Participants
		preds = append(preds, "EXISTS { (p:Entity)-[:ATTENDED]->(n) WHERE p.id IN $participants }")
	}
	if drive == "" {
		drive = "MATCH (n:Event)"
	}
	order, err := orderBy(sorts, eventSorts, def)
	if err != nil {
		return listQuery{}, err
	}
	return listQuery{match: drive + "\n  WITH DISTINCT pid, n, " + score + " AS score WHERE " + where(preds), params: params, order: order}, nil
}

// Events returns a page of the events f selects, newest first by default.
func (s *Store) Events(ctx context.Context, f EventFilter, sorts []Sort, p Page) (Result, error) {
	q, err := eventQuery(f, NoAnchor, sorts)
	if err != nil {
		return Result{}, err
	}
	res, err := s.page(ctx, q, p)
	if err != nil {
		return Result{}, fmt.Errorf("events: %w", err)
	}
	return res, nil
}

// EventsOf returns a page of events per parent: the events each parent
// attended (ByParticipant) or that were held at it (ByPlace).
func (s *Store) EventsOf(ctx context.Context, anchor Anchor, pids []string, f EventFilter, sorts []Sort, p Page) (map[string]Result, error) {
	q, err := eventQuery(f, anchor, sorts)
	if err != nil {
		return nil, err
	}
	res, err := s.pages(ctx, q, pids, p)
	if err != nil {
		return nil, fmt.Errorf("events of %d parents: %w", len(pids), err)
	}
	return res, nil
}

// ArticleFilter selects articles; zero fields do not filter.
type ArticleFilter struct {
	IDs      []string
	Language string
	Source   string
	From, To string   // published
	Mentions []string // any of
}

var articleSorts = map[string]string{
	"published": "n.published",
	"title":     "n.title",
}

// Articles returns a page of the articles f selects, newest first by
// default.
func (s *Store) Articles(ctx context.Context, f ArticleFilter, sorts []Sort, p Page) (Result, error) {
	params := map[string]any{}
	var preds []string
	if len(f.IDs) > 0 {
		params["ids"] = f.IDs
		preds = append(preds, "n.id IN $ids")
	}
	if f.Language != "" {
		params["language"] = f.Language
		preds = append(preds, "n.language = $language")
	}
	if f.Source != "" {
		params["source"] = f.Source
		preds = append(preds, "n.source = $source")
	}
	if f.From != "" {
		params["from"] = f.From
		preds = append(preds, "n.published >= date($from)")
	}
	if f.To != "" {
		params["to"] = f.To
		preds = append(preds, "n.published <= date($to)")
	}
	if len(f.Mentions) > 0 {
		params["mentions"] = f.Mentions
		preds = append(preds, "EXISTS { (n)-[:MENTIONS]->(e:Entity) WHERE e.id IN $mentions }")
	}
	order, err := orderBy(sorts, articleSorts, []Sort{{Field: "published", Desc: true}})
	if err != nil {
		return Result{}, err
	}
	q := listQuery{match: "MATCH (n:Article)\n  WITH pid, n, 0.0 AS score WHERE " + where(preds), params: params, order: order}
	res, err := s.page(ctx, q, p)
	if err != nil {
		return Result{}, fmt.Errorf("articles: %w", err)
	}
	return res, nil
}

var topicSorts = map[string]string{
	"name":           "toLower(n.name)",
	"statementCount": "COUNT { (:Statement)-[:ABOUT]->(n) }",
}

// TopicList returns a page of topics (those in ids, or all), by name by
// default.
func (s *Store) TopicList(ctx context.Context, ids []string, sorts []Sort, p Page) (Result, error) {
	params := map[string]any{}
	var preds []string
	if len(ids) > 0 {
		params["ids"] = ids
		preds = append(preds, "n.id IN $ids")
	}
	order, err := orderBy(sorts, topicSorts, []Sort{{Field: "name"}})
	if err != nil {
		return Result{}, err
	}
	q := listQuery{match: "MATCH (n:Topic)\n  WITH pid, n, 0.0 AS score WHERE " + where(preds), params: params, order: order}
	res, err := s.page(ctx, q, p)
	if err != nil {
		return Result{}, fmt.Errorf("topics: %w", err)
	}
	return res, nil
}
