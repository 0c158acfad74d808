// Package harness measures geokg against two references on the same Neo4j
// and data: the floor, the same queries as hand-written Cypher sent through
// the Go driver (the time no GraphQL layer can beat), and the peer, the
// Neo4j GraphQL Library (bench/peer) serving equivalent type definitions.
// It also measures loading (articles/s, with a sweep over batch sizes and
// workers) and extraction alone (MB/s per core). bench/run is the command
// that runs it all and writes the report; BENCHMARKS.md holds the figures.
package harness

import "fmt"

// Query is one benchmark query, as each system is asked it. The three
// forms select the same data: the same statements in the same order, the
// same fields.
type Query struct {
	Name string
	// What says what it is, for the report.
	What string
	// GeoKG is the GraphQL query sent to geokg's /query.
	GeoKG string
	// Peer is the GraphQL query sent to the Neo4j GraphQL Library.
	Peer string
	// Cypher is the floor: one hand-written query returning the same data.
	Cypher string
	// Params gives the parameters of request i; the three systems get the
	// same sequence.
	Params func(p Pools, i int) Params
}

// Params are one request's parameters in the three forms.
type Params struct {
	GeoKG  map[string]any
	Peer   map[string]any
	Cypher map[string]any
}

// Pools are the values the queries' parameters are drawn from, read from
// the loaded data (see ReadPools).
type Pools struct {
	// Topics that have statements, most first.
	Topics []string
	// States with the most office holders.
	States []string
	// Persons who made the most statements.
	Persons []string
	// Years that have statements.
	Years []int
}

// Names of the five queries.
const (
	QWhoSaidWhat = "who-said-what"
	QSearch      = "statement-search"
	QOfficials   = "state-officials"
	QNeighbours  = "neighbourhood"
	QTimeline    = "timeline"
)

// pick chooses an element of a pool for request i by a hash of i and salt,
// so that consecutive requests ask different things but every run asks the
// same, at the cost of a few multiplications (the clients share the
// machine with the servers).
func pick[T any](xs []T, i, salt int) T {
	z := uint64(i)*0x9e3779b97f4a7c15 + uint64(salt)*0xbf58476d1ce4e5b9
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	z ^= z >> 31
	return xs[z%uint64(len(xs))]
}

// Queries are the five benchmark queries.
var Queries = []Query{
	{
		Name: QWhoSaidWhat,
		What: "the who-said-what page: the 20 newest statements on a topic, with speaker, topics and article",
		GeoKG: `query WhoSaidWhat($topics: [ID!]) {
  statements(where: {topics: $topics}, first: 20) {
    edges { node { id text date direct speaker { id name } topics { id name } article { id title published } } }
  }
}`,
		Peer: `query WhoSaidWhat($topics: [ID!]) {
  statements(where: {topics: {some: {id: {in: $topics}}}}, sort: [{date: DESC}, {id: ASC}], limit: 20) {
    id text date direct speaker { id name } topics { id name } article { id title published }
  }
}`,
		Cypher: `MATCH (t:Topic)<-[:ABOUT]-(n:Statement) WHERE t.id IN $topics
WITH DISTINCT n ORDER BY n.date DESC, n.id ASC LIMIT 20
RETURN n.id AS id, n.text AS text, n.date AS date, n.direct AS direct,
  head([(sp:Entity)-[:SAID]->(n) | sp {.id, .name}]) AS speaker,
  [(n)-[:ABOUT]->(tp:Topic) | tp {.id, .name}] AS topics,
  head([(n)-[:REPORTED_IN]->(a:Article) | a {.id, .title, .published}]) AS article`,
		Params: func(p Pools, i int) Params {
			t := []string{pick(p.Topics, i, 1)}
			return Params{
				GeoKG:  map[string]any{"topics": t},
				Peer:   map[string]any{"topics": t},
				Cypher: map[string]any{"topics": t},
			}
		},
	},
	{
		Name: QSearch,
		What: "a filtered statement search: topic, quarter, language and quotes or reported speech, 20 newest with speaker and article",
		GeoKG: `query Search($topics: [ID!], $from: Date, $to: Date, $language: String, $direct: Boolean) {
  statements(where: {topics: $topics, from: $from, to: $to, language: $language, direct: $direct}, first: 20) {
    edges { node { id text date speaker { id name } article { id title } } }
  }
}`,
		Peer: `query Search($topics: [ID!], $from: Date, $to: Date, $language: String, $direct: Boolean) {
  statements(
    where: {topics: {some: {id: {in: $topics}}}, date: {gte: $from, lte: $to}, language: {eq: $language}, direct: {eq: $direct}}
    sort: [{date: DESC}, {id: ASC}], limit: 20
  ) {
    id text date speaker { id name } article { id title }
  }
}`,
		Cypher: `MATCH (t:Topic)<-[:ABOUT]-(n:Statement)
WHERE t.id IN $topics AND n.date >= date($from) AND n.date <= date($to)
  AND n.language = $language AND n.direct = $direct
WITH DISTINCT n ORDER BY n.date DESC, n.id ASC LIMIT 20
RETURN n.id AS id, n.text AS text, n.date AS date,
  head([(sp:Entity)-[:SAID]->(n) | sp {.id, .name}]) AS speaker,
  head([(n)-[:REPORTED_IN]->(a:Article) | a {.id, .title}]) AS article`,
		Params: func(p Pools, i int) Params {
			t := []string{pick(p.Topics, i, 2)}
			year := pick(p.Years, i, 3)
			q := pick([]int{0, 1, 2, 3}, i, 4)
			from := fmt.Sprintf("%d-%02d-01", year, 3*q+1)
			to := fmt.Sprintf("%d-%02d-%02d", year, 3*q+3, []int{31, 30, 30, 31}[q])
			lang := pick([]string{"ar", "en"}, i, 5)
			direct := pick([]bool{true, false}, i, 6)
			m := map[string]any{"topics": t, "from": from, "to": to, "language": lang, "direct": direct}
			return Params{GeoKG: m, Peer: m, Cypher: m}
		},
	},
	{
		Name: QOfficials,
		What: "a state's officials' statements: the 20 newest by the state, its bodies and whoever held office in them that day, with the speaker",
		GeoKG: `query Officials($state: ID!) {
  node(id: $state) {
    ... on State { id name statementsByOfficials(first: 20) { edges { node { id text date speaker { id name } } } } }
  }
}`,
		Peer: `query Officials($state: ID!) {
  states(where: {id: {eq: $state}}) {
    id name statementsByOfficials(first: 20) { id text date speaker { id name } }
  }
}`,
		Cypher: `MATCH (x:State {id: $state})
CALL (x) {
  MATCH (x)-[:SAID]->(n:Statement) RETURN n
  UNION MATCH (x)<-[:IN]-(:Organization)-[:SAID]->(n:Statement) RETURN n
  UNION MATCH (x)<-[h:HOLDS_ROLE]-(:Person)-[:SAID]->(n:Statement)
    WHERE (h.since IS NULL OR date(h.since) <= n.date) AND (h.until IS NULL OR n.date <= date(h.until)) RETURN n
  UNION MATCH (x)<-[:IN]-(:Organization)<-[h:HOLDS_ROLE]-(:Person)-[:SAID]->(n:Statement)
    WHERE (h.since IS NULL OR date(h.since) <= n.date) AND (h.until IS NULL OR n.date <= date(h.until)) RETURN n
}
WITH x, n ORDER BY n.date DESC, n.id ASC LIMIT 20
RETURN x.id AS state, x.name AS name, n.id AS id, n.text AS text, n.date AS date,
  head([(sp:Entity)-[:SAID]->(n) | sp {.id, .name}]) AS speaker`,
		Params: func(p Pools, i int) Params {
			m := map[string]any{"state": pick(p.States, i, 7)}
			return Params{GeoKG: m, Peer: m, Cypher: m}
		},
	},
	{
		Name: QNeighbours,
		What: "a neighbourhood of depth 2 around a person, at most 100 nodes, with the edges between them",
		GeoKG: `query Neighbourhood($id: ID!) {
  neighborhood(id: $id, depth: 2, limit: 100) { truncated nodes { id type label distance } edges { type source target } }
}`,
		Peer: `query Neighbourhood($id: ID!) {
  neighborhood(id: $id, limit: 100) { truncated nodes { id type label distance } edges { type source target } }
}`,
		Cypher: NeighbourhoodCypher + `
RETURN [k IN kept | {id: k.n.id, type: [l IN labels(k.n) WHERE l <> 'Entity'][0],
        label: coalesce(k.n.name, left(k.n.title, 60), left(k.n.text, 60)), distance: k.d}] AS nodes,
       edges, truncated`,
		Params: func(p Pools, i int) Params {
			m := map[string]any{"id": pick(p.Persons, i, 8), "limit": 100}
			return Params{GeoKG: map[string]any{"id": m["id"]}, Peer: map[string]any{"id": m["id"]}, Cypher: m}
		},
	},
	{
		Name: QTimeline,
		What: "a monthly timeline of a year's statements on a topic, per topic in each month",
		GeoKG: `query Timeline($topics: [ID!], $from: Date, $to: Date) {
  statementTimeline(where: {topics: $topics, from: $from, to: $to}, interval: MONTH) { start end count topics { topic { id name } count } }
}`,
		Peer: `query Timeline($topics: [ID!]!, $from: Date!, $to: Date!) {
  statementTimeline(topics: $topics, from: $from, to: $to) { start count topics { topic name count } }
}`,
		Cypher: TimelineCypher + `
RETURN b AS start, total AS count, topics`,
		Params: func(p Pools, i int) Params {
			year := pick(p.Years, i, 9)
			m := map[string]any{"topics": []string{pick(p.Topics, i, 10)}, "from": fmt.Sprintf("%d-01-01", year), "to": fmt.Sprintf("%d-12-31", year)}
			return Params{GeoKG: m, Peer: m, Cypher: m}
		},
	},
}

// NeighbourhoodCypher expands two levels from the node $id as geokg's
// neighborhood does — at most $limit new nodes per level, nearest first,
// $limit in all — and finds the edges between the nodes kept. It leaves
// kept ({n, d} maps), edges and truncated. The peer's @cypher field has the
// same text (bench/peer/schema.graphql).
const NeighbourhoodCypher = `MATCH (c:Entity {id: $id})
CALL (c) {
  MATCH (c)--(m) WITH DISTINCT m LIMIT $limit RETURN collect(m) AS l1
}
CALL (c, l1) {
  UNWIND l1 AS x MATCH (x)--(m) WHERE m <> c AND NOT m IN l1
  WITH DISTINCT m LIMIT $limit RETURN collect(m) AS l2
}
WITH [{n: c, d: 0}] + [x IN l1 | {n: x, d: 1}] + [x IN l2 | {n: x, d: 2}] AS found
WITH found[..$limit] AS kept, size(found) > $limit AS truncated
WITH kept, truncated, [k IN kept | k.n] AS ns
CALL (ns) {
  UNWIND ns AS a MATCH (a)-[r]->(b) WHERE b IN ns
  RETURN collect({type: type(r), source: a.id, target: b.id}) AS edges
}`

// TimelineCypher counts the statements about any of $topics between $from
// and $to per month (b, total) and per topic in each month (topics). The
// peer's @cypher field has the same text.
const TimelineCypher = `MATCH (t:Topic)<-[:ABOUT]-(n:Statement)
WHERE t.id IN $topics AND n.date >= date($from) AND n.date <= date($to)
WITH DISTINCT n
WITH date.truncate('month', n.date) AS b, collect(n) AS ns
UNWIND ns AS n
MATCH (n)-[:ABOUT]->(t:Topic)
WITH b, size(ns) AS total, t, count(*) AS c ORDER BY b, c DESC, t.id
WITH b, total, collect({topic: t.id, name: t.name, count: c}) AS topics
ORDER BY b`
