package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Bounds of the exploration queries. The variable-length parts of their
// Cypher cannot take parameters, so one query text is prepared per value.
const (
	MaxDepth      = 3
	MaxGraphNodes = 500
	MaxPathLength = 6
	MaxPaths      = 10
)

// GraphNode is a node of a neighbourhood or a path.
type GraphNode struct {
	Row NodeRow
	// Distance is the number of hops from the centre, or the position on
	// the path.
	Distance int
}

// Edge is a relationship between two nodes of a graph view.
type Edge struct {
	ID     string
	Type   string
	Source string
	Target string
	// Label is the role title of HOLDS_ROLE and the count of an article's
	// MENTIONS.
	Label string
}

// Graph is a neighbourhood.
type Graph struct {
	Nodes     []GraphNode
	Edges     []Edge
	Truncated bool
}

const edgeProjection = `{id: elementId(r), type: type(r), source: startNode(r).id, target: endNode(r).id,
  label: CASE type(r) WHEN 'HOLDS_ROLE' THEN r.title WHEN 'MENTIONS' THEN toString(r.count) END}`

// viewEdgeProjection is edgeProjection for a neighbourhood's edge r from a
// to b, as a list that viewEdge reads (a view has hundreds of edges to
// send and decode, and a list spares their keys), with the id only when
// $edgeIDs asks for it and the label only when $edgeLabels does.
const viewEdgeProjection = `[type(r), a.id, b.id, CASE WHEN $edgeIDs THEN elementId(r) END,
  CASE WHEN $edgeLabels THEN CASE type(r) WHEN 'HOLDS_ROLE' THEN r.title WHEN 'MENTIONS' THEN toString(r.count) END END]`

func edge(v any) Edge {
	m, _ := v.(map[string]any)
	return Edge{ID: asString(m["id"]), Type: asString(m["type"]), Source: asString(m["source"]), Target: asString(m["target"]), Label: asString(m["label"])}
}

// viewEdge reads a value made by viewEdgeProjection.
func viewEdge(v any) Edge {
	l, _ := v.([]any)
	if len(l) < 5 {
		return Edge{}
	}
	return Edge{Type: asString(l[0]), Source: asString(l[1]), Target: asString(l[2]), ID: asString(l[3]), Label: asString(l[4])}
}

// View says how much of a graph view to read: the nodes' ids and types,
// what their labels are made of, and the edges' types and ends always; the
// rest on demand, as each costs reads, or bytes to send, for every node or
// edge.
type View struct {
	// FullNodes reads every field of the nodes' rows (as nodeProjection
	// does); otherwise rows carry only type, id, name, nameAr, and the
	// first LabelChars characters of a title or a statement's text.
	FullNodes bool
	// EdgeIDs reads the edges' ids (Edge.ID).
	EdgeIDs bool
	// EdgeLabels reads the edges' labels (Edge.Label).
	EdgeLabels bool
}

// LabelChars is how much of a statement's text or an article's title a
// view without FullNodes reads: labels are shorter. Statements are most
// of a view's nodes, and their whole text most of its bytes.
const LabelChars = 120

// labelProjection is the node projection of a view without FullNodes, of
// the node in the expression v, which labelRow reads: a few property
// reads and no relationship to follow, where nodeProjection follows the
// node's relationships; and a list, not a map, as a view has hundreds of
// nodes to send and decode.
func labelProjection(v string) string {
	return strings.ReplaceAll(fmt.Sprintf(`[labels(NODE), NODE.id, NODE.name, NODE.nameAr,
  CASE WHEN NODE:Statement THEN left(NODE.text, %[1]d) WHEN NODE:Article THEN left(NODE.title, %[1]d) END]`, LabelChars), "NODE", v)
}

// labelRow reads a value made by labelProjection: the type, id and names,
// and the start of a statement's text or an article's title.
func labelRow(v any) NodeRow {
	l, _ := v.([]any)
	if len(l) < 5 {
		return NodeRow{}
	}
	r := NodeRow{Type: nodeType(l[0]), ID: asString(l[1]), Name: asString(l[2]), NameAr: asString(l[3])}
	switch r.Type {
	case TypeStatement:
		r.Text = asString(l[4])
	case TypeArticle:
		r.Title = asString(l[4])
	}
	return r
}

// viewEdges finds the relationships r from a to b between the nodes ns of
// a view. Following every relationship of every node costs the sum of
// their degrees, and a view is mostly a busy node's neighbours: the
// centre of a speaker's view has a SAID for each of its thousands of
// statements, of which it keeps a hundred. So only the small nodes, those
// with no more relationships than the view has nodes, follow theirs: out
// to any node of the view, and in from the big ones (an edge between two
// small nodes is found once, from its start). Edges between two big nodes
// are looked for pair by pair, one relationship type at a time and only
// between nodes that have relationships of that type out and in: Neo4j
// counts a busy node's relationships per type and direction without
// reading them, but to look for any type between two busy nodes it reads
// all of one's (a view of an event with 46 busy nodes read 2.6 million
// relationships so). Nothing compares element ids, whose strings
// cost half of the edges' CPU when a test of every relationship builds
// them, and the view has no loops.
var viewEdges = func() string {
	var b strings.Builder
	b.WriteString(`  WITH ns, [x IN ns | [x, COUNT { (x)--() } <= size(ns)]] AS deg
  WITH ns, [p IN deg WHERE p[1] | p[0]] AS small, [p IN deg WHERE NOT p[1] | p[0]] AS big
  CALL (ns, small, big) {
    UNWIND small AS a
    MATCH (a)-[r]->(b) WHERE b IN ns
    RETURN a, r, b
    UNION ALL
    UNWIND small AS b
    MATCH (b)<-[r]-(a) WHERE a IN big
    RETURN a, r, b`)
	for _, t := range relTypes {
		fmt.Fprintf(&b, `
    UNION ALL
    UNWIND big AS a
    WITH a, big WHERE COUNT { (a)-[:%[1]s]->() } > 0
    UNWIND big AS b
    WITH a, b WHERE a <> b AND COUNT { (b)<-[:%[1]s]-() } > 0
    MATCH (a)-[r:%[1]s]->(b)
    RETURN a, r, b`, t)
	}
	b.WriteString("\n  }")
	return b.String()
}()

// relTypes are the types of the relationships geokg writes (the API's
// EdgeType); TestRelTypes checks that the graph has no others.
var relTypes = []string{"SAID", "ABOUT", "MENTIONS", "REPORTED_IN", "MADE_AT", "HOLDS_ROLE", "ATTENDED", "HELD_IN", "IN"}

// neighborhoodQueries[full][d] expands d levels from the centre c, each
// level from the nodes of the one before, keeping at most $limit+1 new
// nodes per level (one more than asked tells that the view was cut short);
// full is 1 for View.FullNodes.
var neighborhoodQueries = neighborhoodQueriesWith(viewEdges)

// neighborhoodQueriesWith makes neighborhoodQueries with the edge finder
// edges (viewEdges; tests compare others).
func neighborhoodQueriesWith(edges string) [2][MaxDepth + 1]string {
	// Label rows are made in a list comprehension over the kept nodes,
	// which costs Neo4j less than a row per node and a collect (some 7%
	// of a view's CPU, measured in alternation); the whole node's
	// projection follows relationships in pattern comprehensions of a
	// variable, so it takes the rows.
	labels := "RETURN [k IN kept | [" + labelProjection("k.n") + ", k.d]] AS nodes, edges, truncated"
	rows := `UNWIND kept AS k
WITH k.n AS n, k.d AS d, edges, truncated
RETURN collect([` + nodeProjection + `, d]) AS nodes, edges, truncated`
	return [2][MaxDepth + 1]string{neighborhoodQuery(labels, edges), neighborhoodQuery(rows, edges)}
}

// neighborhoodQuery makes the queries of neighborhoodQueries with the
// edge finder edges, ending with nodes, which returns the kept nodes.
func neighborhoodQuery(nodes, edges string) [MaxDepth + 1]string {
	var qs [MaxDepth + 1]string
	for d := 1; d <= MaxDepth; d++ {
		var b strings.Builder
		b.WriteString("WITH $id AS id" + lookupNode + "\nWITH n AS c\nWITH c, [c] AS l0\n")
		seen := "l0"
		for l := 1; l <= d; l++ {
			// A level after a full one is not expanded: found is cut to
			// $limit, so one more node than that already says truncated.
			fmt.Fprintf(&b, `CALL (%[2]s) {
  WITH %[2]s WHERE size(%[3]s) <= $limit
  UNWIND l%[1]d AS x
  MATCH (x)--(m)
  WHERE NOT m IN %[3]s AND ($labels IS NULL OR any(lb IN labels(m) WHERE lb IN $labels))
  WITH DISTINCT m LIMIT $limit
  RETURN collect(m) AS l%[4]d
}
`, l-1, strings.ReplaceAll(seen, " + ", ", "), seen, l)
			seen += fmt.Sprintf(" + l%d", l)
		}
		b.WriteString("WITH [x IN l0 | {n: x, d: 0}]")
		for l := 1; l <= d; l++ {
			fmt.Fprintf(&b, " + [x IN l%[1]d | {n: x, d: %[1]d}]", l)
		}
		b.WriteString(` AS found
WITH found[..$limit] AS kept, size(found) > $limit AS truncated
WITH kept, truncated, [k IN kept | k.n] AS ns
CALL (ns) {
` + edges + `
  RETURN collect(` + viewEdgeProjection + `) AS edges
}
` + nodes)
		qs[d] = b.String()
	}
	return qs
}

// Neighborhood returns the nodes within depth hops of the node id (nearest
// first, the centre included, at most limit of them) and the edges between
// them. labels limits the node types, centre excepted, and so the paths
// the expansion takes (nil: all); v says how much of the nodes and edges
// to read. ok is false when there is no such node.
func (s *Store) Neighborhood(ctx context.Context, id string, depth, limit int, labels []string, v View) (Graph, bool, error) {
	if depth < 1 || depth > MaxDepth || limit < 1 || limit > MaxGraphNodes {
		return Graph{}, false, fmt.Errorf("%w: depth must be 1 to %d and limit 1 to %d", ErrInvalid, MaxDepth, MaxGraphNodes)
	}
	var lbs any
	if len(labels) > 0 {
		lbs = labels
	}
	type res struct {
		g  Graph
		ok bool
	}
	full := 0
	if v.FullNodes {
		full = 1
	}
	r, err := read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (res, error) {
		recs, err := run(ctx, tx, neighborhoodQueries[full][depth], map[string]any{"id": id, "limit": limit, "labels": lbs, "edgeIDs": v.EdgeIDs, "edgeLabels": v.EdgeLabels})
		if err != nil || len(recs) == 0 {
			return res{}, err
		}
		nodes, _ := get(recs[0], "nodes").([]any)
		edges, _ := get(recs[0], "edges").([]any)
		g := Graph{Nodes: make([]GraphNode, 0, len(nodes)), Edges: make([]Edge, 0, len(edges))}
		g.Truncated, _ = get(recs[0], "truncated").(bool)
		row := labelRow
		if v.FullNodes {
			row = nodeRow
		}
		for _, x := range nodes {
			l := x.([]any)
			g.Nodes = append(g.Nodes, GraphNode{Row: row(l[0]), Distance: asInt(l[1])})
		}
		for _, x := range edges {
			g.Edges = append(g.Edges, viewEdge(x))
		}
		return res{g, len(g.Nodes) > 0}, nil
	})
	if err != nil {
		return Graph{}, false, fmt.Errorf("neighborhood of %s: %w", id, err)
	}
	return r.g, r.ok, nil
}

// PathRow is one path: its nodes in order and the edges between them.
type PathRow struct {
	Nodes []GraphNode
	Edges []Edge
}

// pathRels are the relationships a path may follow, and pathNodes the
// nodes it may pass through: topics and articles are left out, as they
// join everything to everything.
const pathRels = "SAID|MENTIONS|MADE_AT|HOLDS_ROLE|ATTENDED|HELD_IN|IN"

// pathQueries[k][l] finds the k shortest paths of at most l hops. The
// search is in a subquery of its own so that both ends are bound when it
// starts and it runs from both (Neo4j's StatefulShortestPath(Into)):
// else the planner folds b's lookup into it, and it runs from a alone
// through all that a reaches. Between two busy people of the 100k
// benchmark graph that ran out of transaction memory after 30 s; from
// both ends it takes a tenth of a second.
var pathQueries = func() [MaxPaths + 1][MaxPathLength + 1]string {
	var qs [MaxPaths + 1][MaxPathLength + 1]string
	for k := 1; k <= MaxPaths; k++ {
		for l := 1; l <= MaxPathLength; l++ {
			qs[k][l] = fmt.Sprintf(`
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CALL (a, b) {
  MATCH p = SHORTEST %d (a)(()-[:%s]-(x) WHERE x:Entity OR x:Statement){1,%d}(b)
  RETURN p
}
WITH p, nodes(p) AS ns
CALL (ns) {
  UNWIND range(0, size(ns) - 1) AS i
  WITH ns[i] AS n, i
  RETURN collect({row: `+nodeProjection+`, d: i}) AS nodes
}
RETURN nodes, [r IN relationships(p) | `+edgeProjection+`] AS edges ORDER BY size(edges)`, k, pathRels, l)
		}
	}
	return qs
}()

// Paths returns up to first shortest paths between two entities, at most
// maxLength hops long, through statements, roles, events and geography.
func (s *Store) Paths(ctx context.Context, from, to string, maxLength, first int) ([]PathRow, error) {
	if maxLength < 1 || maxLength > MaxPathLength || first < 1 || first > MaxPaths {
		return nil, fmt.Errorf("%w: maxLength must be 1 to %d and first 1 to %d", ErrInvalid, MaxPathLength, MaxPaths)
	}
	if from == to {
		return nil, fmt.Errorf("%w: from and to are the same node", ErrInvalid)
	}
	out, err := read(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) ([]PathRow, error) {
		recs, err := run(ctx, tx, pathQueries[first][maxLength], map[string]any{"from": from, "to": to})
		if err != nil {
			return nil, err
		}
		var out []PathRow
		for _, r := range recs {
			p := PathRow{}
			for _, v := range get(r, "nodes").([]any) {
				m := v.(map[string]any)
				p.Nodes = append(p.Nodes, GraphNode{Row: nodeRow(m["row"]), Distance: asInt(m["d"])})
			}
			for _, v := range get(r, "edges").([]any) {
				p.Edges = append(p.Edges, edge(v))
			}
			out = append(out, p)
		}
		return out, nil
	})
	if err != nil {
		return nil, fmt.Errorf("paths from %s to %s: %w", from, to, err)
	}
	return out, nil
}
