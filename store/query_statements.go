package store

import (
	"context"
	"fmt"
	"slices"
)

// StatementFilter selects statements; zero fields do not filter, and all
// set fields must hold.
type StatementFilter struct {
	IDs    []string
	Topics []string // any of
	// Speaker is the actor who said it.
	Speaker string
	// SpeakerState is the state or organisation the speaker spoke for: the
	// speaker itself, an organisation of the state, or a person who held
	// office in either on the statement's date.
	SpeakerState string
	Mentions     []string // any of
	From, To     string   // YYYY-MM-DD, inclusive
	Direct       *bool
	Language     string
	Article      string
	Event        string
	Place        string
	// Text is what the user typed; every word must match (see
	// fullTextQuery).
	Text string
}

// Anchor ties a nested list to its parent node, whose id is the anchor's
// value.
type Anchor int

// Anchors of statement and event lists.
const (
	NoAnchor Anchor = iota
	// BySpeaker: statements the parent said.
	BySpeaker
	// BySpeakerState: statements by the parent state's or organisation's
	// officials (see StatementFilter.SpeakerState).
	BySpeakerState
	// ByMention: statements that mention the parent.
	ByMention
	// ByInvolved: statements the parent said or is mentioned in.
	ByInvolved
	// ByEvent: statements made at the parent event.
	ByEvent
	// ByPlace: statements made at the parent place or at events held there;
	// events held there.
	ByPlace
	// ByArticle: statements reported in the parent article.
	ByArticle
	// ByTopic: statements about the parent topic.
	ByTopic
	// ByParticipant: events the parent attended.
	ByParticipant
)

// cond is one condition on statements: drive is a clause that finds the
// statements that meet it (in n), pred a predicate on n. %[1]s stands for
// the value: a parameter, or pid for an anchor. In drive, %[2]s stands for
// the conditions on n's own properties (date, language, quote), so that
// they hold in the WHERE of the MATCH that finds n: there the planner can
// use them (the Statement(date) index, in date order), and rows that fail
// them are dropped before DISTINCT.
type cond struct{ drive, pred string }

var statementConds = map[Anchor]cond{
	BySpeaker: {
		drive: `MATCH (:Entity {id: %[1]s})-[:SAID]->(n:Statement) WHERE %[2]s`,
		pred:  `EXISTS { (:Entity {id: %[1]s})-[:SAID]->(n) }`,
	},
	BySpeakerState: {
		drive: "MATCH (x:Entity {id: %[1]s})\n" + officialsOf,
		pred: `EXISTS {
  MATCH (sp:Entity)-[:SAID]->(n)
  WHERE sp.id = %[1]s
     OR EXISTS { (sp:Organization)-[:IN]->(:State {id: %[1]s}) }
     OR EXISTS {
       MATCH (sp:Person)-[h:HOLDS_ROLE]->(o:Entity)
       WHERE (o.id = %[1]s OR EXISTS { (o:Organization)-[:IN]->(:State {id: %[1]s}) })
         AND ` + roleValidAtN + `
     }
}`,
	},
	ByMention: {
		drive: `MATCH (n:Statement)-[:MENTIONS]->(:Entity {id: %[1]s}) WHERE %[2]s`,
		pred:  `EXISTS { (n)-[:MENTIONS]->(:Entity {id: %[1]s}) }`,
	},
	ByInvolved: {
		drive: `MATCH (x:Entity {id: %[1]s})
CALL (x) {
  MATCH (x)-[:SAID]->(n:Statement) WHERE %[2]s RETURN n
  UNION MATCH (n:Statement)-[:MENTIONS]->(x) WHERE %[2]s RETURN n
}`,
		pred: `(EXISTS { (:Entity {id: %[1]s})-[:SAID]->(n) } OR EXISTS { (n)-[:MENTIONS]->(:Entity {id: %[1]s}) })`,
	},
	ByEvent: {
		drive: `MATCH (n:Statement)-[:MADE_AT]->(:Event {id: %[1]s}) WHERE %[2]s`,
		pred:  `EXISTS { (n)-[:MADE_AT]->(:Event {id: %[1]s}) }`,
	},
	ByPlace: {
		drive: `MATCH (pl:Place {id: %[1]s})
CALL (pl) {
  MATCH (n:Statement)-[:MADE_AT]->(pl) WHERE %[2]s RETURN n
  UNION MATCH (n:Statement)-[:MADE_AT]->(:Event)-[:HELD_IN]->(pl) WHERE %[2]s RETURN n
}`,
		pred: `(EXISTS { (n)-[:MADE_AT]->(:Place {id: %[1]s}) } OR EXISTS { (n)-[:MADE_AT]->(:Event)-[:HELD_IN]->(:Place {id: %[1]s}) })`,
	},
	ByArticle: {
		drive: `MATCH (n:Statement)-[:REPORTED_IN]->(:Article {id: %[1]s}) WHERE %[2]s`,
		pred:  `EXISTS { (n)-[:REPORTED_IN]->(:Article {id: %[1]s}) }`,
	},
	ByTopic: {
		drive: `MATCH (n:Statement)-[:ABOUT]->(:Topic {id: %[1]s}) WHERE %[2]s`,
		pred:  `EXISTS { (n)-[:ABOUT]->(:Topic {id: %[1]s}) }`,
	},
}

// roleValidAtN: role h was held on the day of statement n.
var roleValidAtN = roleValidAt("h", "n.date")

// officialsOf finds the statements made for the state or organisation x
// in the four ways of speaking for it, with the role dates checked in the
// branches, so that it finds exactly what BySpeakerState's pred accepts.
// %[2]s are the conditions on n's own properties.
var officialsOf = `CALL (x) {
  MATCH (x)-[:SAID]->(n:Statement) WHERE %[2]s RETURN n
  UNION MATCH (x)<-[:IN]-(:Organization)-[:SAID]->(n:Statement) WHERE %[2]s RETURN n
  UNION MATCH (x)<-[h:HOLDS_ROLE]-(:Person)-[:SAID]->(n:Statement) WHERE ` + roleValidAtN + ` AND %[2]s RETURN n
  UNION MATCH (x)<-[:IN]-(:Organization)<-[h:HOLDS_ROLE]-(:Person)-[:SAID]->(n:Statement) WHERE ` + roleValidAtN + ` AND %[2]s RETURN n
}`

// walk is a condition on statements that a date walk can check (see
// walkTop): setup binds vars and wk_said, how many statements the
// condition selects at most (an estimate from degrees, each read in
// constant time); keep is the condition as a predicate on n over vars;
// expand finds the statements it selects from vars, like a drive (%[2]s:
// the conditions on n's own properties).
type walk struct{ setup, vars, keep, expand string }

// walkTop is the top match (listQuery.top) of the statements a walk's
// condition selects and that meet the conditions %[2]s on their own
// properties, newest first. Expanding the condition and sorting costs as
// many rows as it selects: tens of thousands for the states and topics
// analysts ask about most. When it selects a large share of all
// statements, walking the date index from the newest statement and
// keeping those it selects finds the first $skip + $limit after reading
// about (all statements / selected) times as many, and stops. The walk is
// taken only when it expects to read fewer rows than the expansion, by
// $walkScan (walkScanFactor) to spare: the estimate counts too many (a
// speaker's statements out of office), and statements are not spread
// evenly over time. It reads at most $walkRows (walkRowsFactor) times the
// page's rows; a walk that ends short of the page gives way to the
// expansion, so the answer is the expansion's whatever the data.
func walkTop(w walk) string {
	return w.setup + `
WITH pid, ` + w.vars + `, wk_said * wk_said > $walkScan * ($skip + $limit) * COUNT { (:Statement) } AS wk_walk
CALL (` + w.vars + `, wk_walk) {
  // The walk runs in a subquery of its own so that the planner cannot
  // start it before wk_walk is known.
  WITH * WHERE wk_walk
  CALL (` + w.vars + `) {
    MATCH (n:Statement) WHERE n.date IS NOT NULL AND %[2]s
    WITH n ORDER BY n.date DESC, n.id ASC LIMIT $walkRows * ($skip + $limit)
    WITH n WHERE ` + w.keep + `
    WITH n ORDER BY n.date DESC, n.id ASC LIMIT $skip + $limit
    RETURN collect(n) AS wk_found
  }
  RETURN wk_found
  UNION
  WITH * WHERE NOT wk_walk
  RETURN null AS wk_found
}
CALL (` + w.vars + `, wk_found) {
  WITH * WHERE size(wk_found) = $skip + $limit
  UNWIND wk_found AS n
  RETURN n
  UNION
  WITH * WHERE coalesce(size(wk_found), -1) < $skip + $limit
  // In a subquery of its own, as the walk: else the planner may start
  // the expansion from an index and check the guard last.
  CALL (` + w.vars + `) {
    ` + w.expand + `
    RETURN n
  }
  RETURN n
}
WITH DISTINCT pid, n, 0.0 AS score`
}

// officialsTop walks for the statements made for the state or
// organisation %[1]s (BySpeakerState): its speakers are the state, its
// organisations and whoever held office in either on the statement's day.
var officialsTop = walkTop(walk{
	setup: `MATCH (x:Entity {id: %[1]s})
WITH pid, x, [x] + COLLECT { MATCH (x)<-[:IN]-(o:Organization) RETURN o } AS ot_bodies
WITH pid, x, ot_bodies, COLLECT {
  UNWIND ot_bodies AS ot_b MATCH (ot_b)<-[h:HOLDS_ROLE]-(ot_p:Person)
  RETURN {p: ot_p, since: date(h.since), until: date(h.until)}
} AS ot_roles
WITH pid, x, ot_bodies, ot_roles,
  reduce(c = 0, ot_s IN ot_bodies + [r IN ot_roles | r.p] | c + COUNT { (ot_s)-[:SAID]->() }) AS wk_said`,
	vars: "x, ot_bodies, ot_roles",
	keep: `EXISTS {
      MATCH (ot_sp:Entity)-[:SAID]->(n)
      WHERE ot_sp IN ot_bodies OR any(r IN ot_roles WHERE r.p = ot_sp
        AND (r.since IS NULL OR r.since <= n.date) AND (r.until IS NULL OR n.date <= r.until))
    }`,
	expand: officialsOf,
})

// topicsSetup binds tw_topics, the topics %[1]s, and wk_said, how many
// statements are about them (one topic's twice when about both).
const topicsSetup = `WITH pid, COLLECT { MATCH (tw_t:Topic) WHERE tw_t.id IN %[1]s RETURN tw_t } AS tw_topics
WITH pid, tw_topics, reduce(c = 0, tw_t IN tw_topics | c + COUNT { (tw_t)<-[:ABOUT]-() }) AS wk_said`

// topicsTop walks for the statements about any of the topics %[1]s.
var topicsTop = walkTop(walk{
	setup:  topicsSetup,
	vars:   "tw_topics",
	keep:   `EXISTS { MATCH (n)-[:ABOUT]->(tw_t) WHERE tw_t IN tw_topics }`,
	expand: `MATCH (n:Statement)-[:ABOUT]->(tw_t) WHERE tw_t IN tw_topics AND %[2]s`,
})

// topicsRangeTop is the top match (listQuery.top) of the statements
// about any of the topics %[1]s in a date range, with the conditions %[2]s
// on their own properties; %[3]s is the list's match (statementMatch) and
// %[4]s its order. For that match the planner walks the range in order (by
// date, or by facet and date) and stops at the page, having read about
// (statements in the range / those about the topics) times the page: a
// rare topic makes it read the whole range. When the topics have at most
// $walkRows times the page's statements in all, following them costs less
// whatever the range, and they are followed; else the planner's walk
// runs, stopping at the page in its subquery.
var topicsRangeTop = topicsSetup + `
CALL (pid, tw_topics, wk_said) {
  WITH * WHERE wk_said <= $walkRows * ($skip + $limit)
  // From the topics, in a subquery of its own: else the planner starts
  // from the date or facet index and checks the guard last.
  UNWIND tw_topics AS tw_t
  CALL (tw_t) {
    MATCH (tw_t)<-[:ABOUT]-(n:Statement) RETURN n
  }
  WITH n WHERE %[2]s
  RETURN n
  UNION
  WITH * WHERE wk_said > $walkRows * ($skip + $limit)
  CALL (pid) {
    %[3]s
    WITH n, score ORDER BY %[4]s LIMIT $skip + $limit
    RETURN n
  }
  RETURN n
}
WITH DISTINCT pid, n, 0.0 AS score`

// walkScanFactor is $walkScan of walkTop: how many times fewer rows the
// date walk must expect to read than the expansion before it is taken.
// Tests set it to 0 (always walk) or a huge value (never).
var walkScanFactor = 4

// walkRowsFactor is $walkRows of walkTop: the walk reads at most this many
// times the page's rows (5,250 for a page of 20 and the row that tells
// whether there is a next one) before it gives way to the expansion.
// Tests set it to 0 (always give way).
var walkRowsFactor = 250

// statementSorts are the fields statements can be ordered by.
var statementSorts = map[string]string{
	"date":       "n.date",
	"confidence": "n.confidence",
	"relevance":  "score",
	"start":      "n.start",
}

// statementMatch builds the match of a statement list: the most selective
// condition drives (finds candidates through an index or a relationship)
// with the conditions on the statement's own properties in its WHERE, the
// other conditions filter the distinct candidates. The driving condition
// is not checked again: its drive finds exactly what its predicate
// accepts.
func statementMatch(f StatementFilter, anchor Anchor) (string, map[string]any, error) {
	params := map[string]any{}
	var drive, driveValue string // a template of cond.drive and its %[1]s
	var preds, props []string
	score := "0.0"
	// add makes the condition c with value v drive if none does yet, else
	// a filter.
	add := func(c cond, v string) {
		if drive == "" {
			drive, driveValue = c.drive, v
			return
		}
		preds = append(preds, fmt.Sprintf(c.pred, v))
	}
	if f.Text != "" {
		// The full-text index finds candidates and scores them; nothing
		// else can drive, as a predicate it would cost a lookup per node.
		q, err := fullTextQuery(f.Text, true)
		if err != nil {
			return "", nil, err
		}
		params["text"] = q
		drive = `CALL db.index.fulltext.queryNodes('statement_text', $text) YIELD node AS n, score WHERE %[2]s`
		score = "score"
	}
	if len(f.IDs) > 0 {
		params["ids"] = f.IDs
		add(cond{drive: `UNWIND %[1]s AS sid MATCH (n:Statement {id: sid}) WHERE %[2]s`, pred: `n.id IN %[1]s`}, "$ids")
	}
	if anchor != NoAnchor {
		c, ok := statementConds[anchor]
		if !ok {
			return "", nil, fmt.Errorf("statement list anchored by %d: no such anchor", anchor)
		}
		add(c, "pid")
	}
	single := []struct {
		value string
		param string
		a     Anchor
	}{
		{f.Speaker, "speaker", BySpeaker},
		{f.Article, "article", ByArticle},
		{f.Event, "event", ByEvent},
		{f.Place, "place", ByPlace},
	}
	for _, c := range single {
		if c.value != "" {
			params[c.param] = c.value
			add(statementConds[c.a], "$"+c.param)
		}
	}
	if len(f.Mentions) > 0 {
		params["mentions"] = f.Mentions
		add(cond{
			drive: `MATCH (n:Statement)-[:MENTIONS]->(m:Entity) WHERE m.id IN %[1]s AND %[2]s`,
			pred:  `EXISTS { (n)-[:MENTIONS]->(m:Entity) WHERE m.id IN %[1]s }`,
		}, "$mentions")
	}
	if len(f.Topics) > 0 {
		params["topics"] = f.Topics
		add(cond{
			drive: `MATCH (n:Statement)-[:ABOUT]->(t:Topic) WHERE t.id IN %[1]s AND %[2]s`,
			pred:  `EXISTS { (n)-[:ABOUT]->(t:Topic) WHERE t.id IN %[1]s }`,
		}, "$topics")
	}
	if f.SpeakerState != "" {
		params["speakerState"] = f.SpeakerState
		add(statementConds[BySpeakerState], "$speakerState")
	}
	props = statementProps(f, params, true)
	if drive == "" {
		drive = `MATCH (n:Statement) WHERE %[2]s`
	}
	m := fmt.Sprintf(drive, driveValue, "("+where(props)+")")
	return m + "\n  WITH DISTINCT pid, n, " + score + " AS score WHERE " + where(preds), params, nil
}

// statementProps returns the conditions of f on a statement n's own
// properties, and adds their parameters to params. With facet, language
// and quote kind together are one condition on the facet (facet.go).
func statementProps(f StatementFilter, params map[string]any, facet bool) []string {
	var props []string
	if f.From != "" {
		params["from"] = f.From
		props = append(props, `n.date >= date($from)`)
	}
	if f.To != "" {
		params["to"] = f.To
		props = append(props, `n.date <= date($to)`)
	}
	if facet && faceted(f) {
		params["language"], params["direct"] = f.Language, *f.Direct
		return append(props, `n.facet = `+facetExpr("$language", "$direct"))
	}
	if f.Direct != nil {
		params["direct"] = *f.Direct
		props = append(props, `n.direct = $direct`)
	}
	if f.Language != "" {
		params["language"] = f.Language
		props = append(props, `n.language = $language`)
	}
	return props
}

// newestFirst is the default order of statements.
var newestFirst = []Sort{{Field: "date", Desc: true}}

// statementQuery is the list query of statements.
func statementQuery(f StatementFilter, anchor Anchor, sorts []Sort) (listQuery, error) {
	for _, s := range sorts {
		if s.Field == "relevance" && f.Text == "" {
			return listQuery{}, fmt.Errorf("%w: ordering by relevance needs a text filter", ErrInvalid)
		}
	}
	m, params, err := statementMatch(f, anchor)
	if err != nil {
		return listQuery{}, err
	}
	order, err := orderBy(sorts, statementSorts, newestFirst)
	if err != nil {
		return listQuery{}, err
	}
	if faceted(f) {
		// The facet is the same for every statement of the list: first in
		// the order, it lets the planner read the (facet, date) index in
		// its order and stop at the page.
		first, dir := newestFirst[0], " ASC"
		if len(sorts) > 0 {
			first = sorts[0]
		}
		if first.Desc {
			dir = " DESC"
		}
		order = "n.facet" + dir + ", " + order
	}
	q := listQuery{match: m, params: params, order: order}
	if len(sorts) == 0 || slices.Equal(sorts, newestFirst) {
		top, v, ok := walkOf(f, anchor)
		if ok {
			params["walkScan"], params["walkRows"] = walkScanFactor, walkRowsFactor
			q.top = fmt.Sprintf(top, v, "("+where(statementProps(f, params, false))+")", m, order)
		}
	}
	return q, nil
}

// walkOf tells whether the statements of f and anchor are those of one
// walk's condition — made for one state or organisation (officialsTop),
// about some topics in no date range (topicsTop) or in one
// (topicsRangeTop) — with conditions on their own properties at most, and
// returns the walk and the Cypher value of its %[1]s.
func walkOf(f StatementFilter, anchor Anchor) (top, value string, ok bool) {
	// Any other condition, set or empty (TestWalkOf sets each).
	if f.IDs != nil || f.Mentions != nil || f.Speaker != "" || f.Article != "" ||
		f.Event != "" || f.Place != "" || f.Text != "" {
		return "", "", false
	}
	switch {
	case anchor == BySpeakerState && f.SpeakerState == "" && f.Topics == nil:
		return officialsTop, "pid", true
	case anchor == NoAnchor && f.SpeakerState != "" && f.Topics == nil:
		return officialsTop, "$speakerState", true
	case anchor == NoAnchor && f.SpeakerState == "" && len(f.Topics) > 0 && f.From == "" && f.To == "":
		return topicsTop, "$topics", true
	case anchor == NoAnchor && f.SpeakerState == "" && len(f.Topics) > 0:
		// With a date range the planner walks the range in order itself,
		// and a rare topic is followed instead.
		return topicsRangeTop, "$topics", true
	}
	return "", "", false
}

// Statements returns a page of the statements f selects, in the order of
// sorts (newest first by default).
func (s *Store) Statements(ctx context.Context, f StatementFilter, sorts []Sort, p Page) (Result, error) {
	q, err := statementQuery(f, NoAnchor, sorts)
	if err != nil {
		return Result{}, err
	}
	res, err := s.page(ctx, q, p)
	if err != nil {
		return Result{}, fmt.Errorf("statements: %w", err)
	}
	return res, nil
}

// CountStatements counts the statements f selects.
func (s *Store) CountStatements(ctx context.Context, f StatementFilter) (int, error) {
	res, err := s.Statements(ctx, f, nil, Page{Total: true})
	return res.Total, err
}

// StatementsOf returns a page of statements per parent: the statements
// anchored to each parent id that f also selects.
func (s *Store) StatementsOf(ctx context.Context, anchor Anchor, pids []string, f StatementFilter, sorts []Sort, p Page) (map[string]Result, error) {
	q, err := statementQuery(f, anchor, sorts)
	if err != nil {
		return nil, err
	}
	res, err := s.pages(ctx, q, pids, p)
	if err != nil {
		return nil, fmt.Errorf("statements of %d parents: %w", len(pids), err)
	}
	return res, nil
}
