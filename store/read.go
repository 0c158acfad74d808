package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Node types, as labels. An entity node also carries the label Entity.
const (
	TypePerson       = "Person"
	TypeState        = "State"
	TypeOrganization = "Organization"
	TypeGroup        = "Group"
	TypePlace        = "Place"
	TypeEvent        = "Event"
	TypeStatement    = "Statement"
	TypeArticle      = "Article"
	TypeTopic        = "Topic"
)

// nodeTypes are the labels that name a node's type, in the order they are
// tried; Entity is left out because it is shared.
var nodeTypes = []string{TypePerson, TypeState, TypeOrganization, TypeGroup, TypePlace, TypeEvent, TypeStatement, TypeArticle, TypeTopic}

// NodeRow is any node as the API reads it: its type, its own properties,
// and the ids of the nodes its relationship fields lead to, so that those
// fields cost one batched lookup by id instead of one traversal per node.
// Fields that do not apply to the type are zero.
type NodeRow struct {
	Type string
	ID   string

	// Entities and topics.
	Name    string
	NameAr  string
	Aliases []string
	QID     string
	Kind    string // organisation, place and event kind
	StateID string // the state a place lies in or an organisation belongs to

	// Events and statements.
	Date    string
	PlaceID string // where an event was held; where a statement was made

	// Statements.
	Text          string
	Direct        bool
	Language      string
	Start, End    int
	SentenceStart int
	SentenceEnd   int
	Confidence    float64
	SpeakerID     string
	ArticleID     string
	EventID       string
	TopicIDs      []string
	MentionIDs    []string

	// Articles (without their text: see ArticleTexts).
	Title     string
	Source    string
	URL       string
	Published string

	// Score is the full-text score when a search or text filter found it.
	Score float64
	// Partial marks a row read with only some of its properties (see
	// Props): the fields of the others are zero, so it must not stand for
	// the node where a selection may ask for more.
	Partial bool
}

// nodeProjection turns the node n into the list nodeRow reads: its labels,
// its properties (an article's named one by one: `.*` would read its text,
// which can be long, only to drop it) and the ids
// its relationships lead to. A node that is not dense keeps its
// relationships in one chain, which every pattern that follows them reads
// whole, even to find nothing: so each pattern runs only for the types
// whose nodes have such relationships (see write.go), and a statement's
// outgoing relationships are read in one pass (out: type, id, and whether
// a MADE_AT leads to an event or a place), which nodeRow sorts out.
var nodeProjection = project("n")

// bareProjection is nodeProjection without a statement's topics, mentions,
// event and place (Page.Bare): of its relationships only the speaker and
// the article are followed.
var bareProjection = projection("n", true, "")

// project is nodeProjection for the node in variable v (a constant of
// this package). Its own variables start with pj_ so that they cannot
// capture a variable of the query it is used in.
func project(v string) string { return projection(v, false, "") }

// projection is project, or bareProjection's form when bare; props, when
// not empty, is the map projection of the properties the row carries
// (see propsMap), instead of all of them.
func projection(v string, bare bool, props string) string {
	out, place := "REPORTED_IN|MADE_AT|ABOUT|MENTIONS", "head([("+v+")-[:MADE_AT]->(:Event)-[:HELD_IN]->(pj_p:Place) | pj_p.id])"
	if bare {
		out, place = "REPORTED_IN", "null"
	}
	if props == "" {
		props = `CASE WHEN NODE:Article THEN NODE {.id, .title, .language, .published, .source, .url}
    ELSE NODE {.*, aliasesText: null} END`
	}
	// A list, not a map: the driver makes a map and a string per key of
	// every map it receives, and a page of statements with their speakers
	// and articles holds some sixty rows.
	// Props first: its text names NODE too.
	return strings.NewReplacer("NODE", v, "OUT", out, "PLACE", place).Replace(strings.Replace(`[
  labels(NODE),
  PROPS,
  CASE WHEN NODE:Statement THEN head([(pj_sp:Entity)-[:SAID]->(NODE) | pj_sp.id]) END,
  CASE WHEN NODE:Statement THEN [(NODE)-[pj_r:OUT]->(pj_o) |
    [type(pj_r), pj_o.id, CASE WHEN type(pj_r) = 'MADE_AT' THEN CASE WHEN pj_o:Event THEN 'Event' WHEN pj_o:Place THEN 'Place' END END]] END,
  CASE WHEN NODE:Event THEN head([(NODE)-[:HELD_IN]->(pj_p:Place) | pj_p.id])
    WHEN NODE:Statement THEN PLACE END,
  CASE WHEN NODE:Place OR NODE:Organization THEN head([(NODE)-[:IN]->(pj_st:State) | pj_st.id]) END
]`, "PROPS", props, 1))
}

// propsRow is a row of the node in variable v (a constant of this
// package) with only the properties props (a propsMap) and none of its
// relationships: a related row whose selection asks for no relationship.
func propsRow(v, props string) string {
	return "[labels(" + v + "), " + strings.ReplaceAll(props, "NODE", v) + ", null, null, null, null]"
}

// readProps are the properties nodeRow reads, the names Props may use.
var readProps = map[string]bool{
	"id": true, "name": true, "nameAr": true, "aliases": true, "qid": true, "kind": true,
	"date": true, "text": true, "direct": true, "language": true, "start": true, "end": true,
	"sentenceStart": true, "sentenceEnd": true, "confidence": true,
	"title": true, "source": true, "url": true, "published": true,
}

// propsMap is the map projection of the node NODE (a placeholder that
// projection and propsRow replace) with the properties props and its id,
// in a fixed order, so that equal lists give the same query; "" when
// props is nil. The names must be readProps': they become part of the
// query.
func propsMap(props []string) (string, error) {
	if props == nil {
		return "", nil
	}
	names := append([]string{"id"}, props...)
	for _, p := range names {
		if !readProps[p] {
			return "", fmt.Errorf("%w: no property %q to read", ErrInvalid, p)
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	return "NODE {." + strings.Join(names, ", .") + "}", nil
}

// The positions of a projected row's parts.
const (
	rowLabels = iota
	rowProps
	rowSpeaker
	rowOut
	rowPlace
	rowState
	rowParts
)

// nodeType is the type of a node with the labels v (a list).
func nodeType(v any) string {
	labels, _ := v.([]any)
	for _, t := range nodeTypes {
		for _, l := range labels {
			if l == t {
				return t
			}
		}
	}
	return ""
}

// nodeRow reads a value made by nodeProjection.
func nodeRow(v any) NodeRow {
	m, _ := v.([]any)
	if len(m) != rowParts {
		return NodeRow{}
	}
	r := NodeRow{Type: nodeType(m[rowLabels])}
	p, _ := m[rowProps].(map[string]any)
	r.ID = asString(p["id"])
	r.Name = asString(p["name"])
	r.NameAr = asString(p["nameAr"])
	r.Aliases = asStrings(p["aliases"])
	r.QID = asString(p["qid"])
	r.Kind = asString(p["kind"])
	r.Date = asDate(p["date"])
	r.Text = asString(p["text"])
	r.Direct, _ = p["direct"].(bool)
	r.Language = asString(p["language"])
	r.Start = asInt(p["start"])
	r.End = asInt(p["end"])
	r.SentenceStart = asInt(p["sentenceStart"])
	r.SentenceEnd = asInt(p["sentenceEnd"])
	r.Confidence, _ = p["confidence"].(float64)
	r.Title = asString(p["title"])
	r.Source = asString(p["source"])
	r.URL = asString(p["url"])
	r.Published = asDate(p["published"])
	r.SpeakerID = asString(m[rowSpeaker])
	r.StateID = asString(m[rowState])
	r.TopicIDs, r.MentionIDs = []string{}, []string{}
	var eventPlace string
	if r.Type == TypeStatement {
		// A statement's place is where it was made, else where the event
		// it was made at was held.
		eventPlace = asString(m[rowPlace])
	} else {
		r.PlaceID = asString(m[rowPlace])
	}
	out, _ := m[rowOut].([]any)
	for _, v := range out {
		rel, _ := v.([]any)
		if len(rel) != 3 {
			continue
		}
		id := asString(rel[1])
		switch rel[0] {
		case "REPORTED_IN":
			r.ArticleID = cmp.Or(r.ArticleID, id)
		case "MADE_AT":
			switch rel[2] {
			case TypeEvent:
				r.EventID = cmp.Or(r.EventID, id)
			case TypePlace:
				r.PlaceID = cmp.Or(r.PlaceID, id)
			}
		case "ABOUT":
			r.TopicIDs = append(r.TopicIDs, id)
		case "MENTIONS":
			r.MentionIDs = append(r.MentionIDs, id)
		}
	}
	r.PlaceID = cmp.Or(r.PlaceID, eventPlace)
	if r.Type == TypeStatement && r.SentenceEnd <= r.SentenceStart {
		// Statements written before sentences were stored: the
		// statement's own span is the best snippet there is.
		r.SentenceStart, r.SentenceEnd = r.Start, r.End
	}
	return r
}

// lookupNode finds the node with id $id (or the variable id) whatever its
// type, through the unique id index of each type.
const lookupNode = `
CALL (id) {
  MATCH (n:Entity {id: id}) RETURN n
  UNION MATCH (n:Statement {id: id}) RETURN n
  UNION MATCH (n:Article {id: id}) RETURN n
  UNION MATCH (n:Topic {id: id}) RETURN n
}`

// Nodes returns the nodes with the given ids, whatever their types; ids
// without a node are missing from the map.
func (s *Store) Nodes(ctx context.Context, ids []string) (map[string]NodeRow, error) {
	out, err := read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (map[string]NodeRow, error) {
		recs, err := run(ctx, tx, `UNWIND $ids AS id`+lookupNode+`
RETURN id, `+nodeProjection+` AS row`, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		out := make(map[string]NodeRow, len(recs))
		for _, r := range recs {
			id, _ := r.Get("id")
			v, _ := r.Get("row")
			if _, dup := out[id.(string)]; !dup {
				out[id.(string)] = nodeRow(v)
			}
		}
		return out, nil
	})
	if err != nil {
		return nil, fmt.Errorf("nodes by id: %w", err)
	}
	return out, nil
}

// ArticleTexts returns the full text of each article id.
func (s *Store) ArticleTexts(ctx context.Context, ids []string) (map[string]string, error) {
	out, err := read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (map[string]string, error) {
		recs, err := run(ctx, tx, `UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN id, a.text AS text`, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		out := make(map[string]string, len(recs))
		for _, r := range recs {
			out[str(r, "id")] = str(r, "text")
		}
		return out, nil
	})
	if err != nil {
		return nil, fmt.Errorf("article texts: %w", err)
	}
	return out, nil
}

// Topics returns the topic vocabulary, by id.
func (s *Store) Topics(ctx context.Context) ([]Topic, error) {
	return read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) ([]Topic, error) {
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

func str(r *neo4j.Record, key string) string {
	v, _ := r.Get(key)
	return asString(v)
}

func asString(v any) string {
	s, _ := v.(string)
	return s
}

func asInt(v any) int {
	n, _ := v.(int64)
	return int(n)
}

func asStrings(v any) []string {
	out := []string{}
	xs, _ := v.([]any)
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// asDate formats a Neo4j date, or a date stored as text, as YYYY-MM-DD.
func asDate(v any) string {
	switch d := v.(type) {
	case dbtype.Date:
		return time.Time(d).Format(time.DateOnly)
	case string:
		return d
	}
	return ""
}

// readKeyed runs one query whose records each carry a key and a value, and
// groups the values by key, in record order.
func readKeyed[T any](ctx context.Context, s *Store, cypher string, params map[string]any, row func(*neo4j.Record) (string, T)) (map[string][]T, error) {
	return read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (map[string][]T, error) {
		recs, err := run(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		out := map[string][]T{}
		for _, r := range recs {
			k, v := row(r)
			out[k] = append(out[k], v)
		}
		return out, nil
	})
}

func get(r *neo4j.Record, key string) any {
	v, _ := r.Get(key)
	return v
}
