package graph

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/geokg/geokg/graph/model"
	"github.com/geokg/geokg/loader/text"
	"github.com/geokg/geokg/store"
)

// MaxPageSize bounds `first` on every connection.
const MaxPageSize = 100

// page is the slice of a list a connection field asks for.
type page struct {
	skip, limit int
	total       bool // totalCount is selected
	// speakers and articles: the statements' speaker and article are
	// selected (statement lists only, see statementPage).
	speakers, articles bool
	// bare: none of the statements' topics, mentions, event and place is
	// selected, so the store need not follow those relationships.
	bare bool
	// props are the properties the rows need (see pageProps); nil for
	// all of them.
	props *store.Props
}

// pageArgs checks first/after and looks ahead at the selection: the count
// runs only when totalCount is asked for, in the same round trip.
func pageArgs(ctx context.Context, first *int, after *string) (page, error) {
	p := page{limit: DefaultPageSize}
	if first != nil {
		p.limit = *first
	}
	if p.limit < 0 || p.limit > MaxPageSize {
		return page{}, fmt.Errorf("%w: first must be between 0 and %d, got %d", ErrBadInput, MaxPageSize, p.limit)
	}
	if after != nil && *after != "" {
		n, ok := decodeCursor(*after)
		if !ok {
			return page{}, fmt.Errorf("%w: after: %q is not a cursor returned by this API", ErrBadInput, *after)
		}
		p.skip = n + 1
	}
	if graphql.GetFieldContext(ctx) != nil {
		for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
			if f.Name == "totalCount" {
				p.total = true
			}
		}
	}
	return p, nil
}

// statementPage is pageArgs for a statement connection: it also looks
// ahead for the statements' speaker and article, which the list query then
// reads in its own round trip (see primeNodes).
func statementPage(ctx context.Context, first *int, after *string) (page, error) {
	p, err := pageArgs(ctx, first, after)
	if err != nil {
		return page{}, err
	}
	node := selection(ctx, "edges", "node")
	p.speakers = node.has("speaker")
	p.articles = node.has("article")
	p.bare = !node.has("topics") && !node.has("mentions") && !node.has("event") && !node.has("place")
	p.props = pageProps(ctx, node, p.speakers, p.articles)
	return p, nil
}

// selected is the set of field names of a selection; nil stands for every
// field (no selection to look at).
type selected map[string]bool

func (s selected) has(name string) bool { return s == nil || s[name] }

// selection returns the names of the fields selected at path (names of
// fields, each in the selection of the one before) under the field being
// resolved, whatever the aliases and fragments.
func selection(ctx context.Context, path ...string) selected {
	if graphql.GetFieldContext(ctx) == nil {
		return nil // no selection to look at: assume everything
	}
	op := graphql.GetOperationContext(ctx)
	fields := graphql.CollectFieldsCtx(ctx, nil)
	for _, name := range path {
		var next []graphql.CollectedField
		for _, f := range fields {
			if f.Name == name {
				next = append(next, graphql.CollectFields(op, f.Selections, nil)...)
			}
		}
		fields = next
	}
	out := make(selected, len(fields))
	for _, f := range fields {
		out[f.Name] = true
	}
	return out
}

// selects tells whether the selection of the field being resolved asks
// for the field at path, whatever the aliases and fragments.
func selects(ctx context.Context, path ...string) bool {
	return selection(ctx, path[:len(path)-1]...).has(path[len(path)-1])
}

// store asks for one row more than the page: it tells whether there is a
// next one.
func (p page) store() store.Page {
	return store.Page{Skip: p.skip, Limit: p.limit + 1, Total: p.total, Speakers: p.speakers, Articles: p.articles, Bare: p.bare, Props: p.props}
}

// edges makes the edges and page info of a connection from the rows the
// store returned for p.
func edges[T, E any](p page, rows []T, edge func(cursor string, row T) E) ([]E, *model.PageInfo) {
	info := &model.PageInfo{HasPreviousPage: p.skip > 0, HasNextPage: len(rows) > p.limit}
	rows = rows[:min(len(rows), p.limit)]
	out := make([]E, len(rows))
	for i, r := range rows {
		out[i] = edge(encodeCursor(p.skip+i), r)
	}
	if len(rows) > 0 {
		start, end := encodeCursor(p.skip), encodeCursor(p.skip+len(rows)-1)
		info.StartCursor, info.EndCursor = &start, &end
	}
	return out, info
}

// Cursors are opaque to clients; inside they are offsets into the ordered
// list ("o:17"). Offsets are simple and let a client jump; a page may
// shift when statements are written between two requests.
func encodeCursor(n int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(n)))
}

func decodeCursor(c string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(b), "o:") {
		return 0, false
	}
	n, err := strconv.Atoi(string(b[2:]))
	return n, err == nil && n >= 0
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// checkDate checks a Date argument.
func checkDate(field string, v *string) (string, error) {
	if v == nil || *v == "" {
		return "", nil
	}
	if _, err := time.Parse(time.DateOnly, *v); err != nil {
		return "", fmt.Errorf("%w: %s: %q is not a date as YYYY-MM-DD", ErrBadInput, field, *v)
	}
	return *v, nil
}

// checkLanguage checks a language argument.
func checkLanguage(field string, v *string) (string, error) {
	if v == nil || *v == "" {
		return "", nil
	}
	if *v != "ar" && *v != "en" {
		return "", fmt.Errorf("%w: %s: %q: want \"ar\" or \"en\"", ErrBadInput, field, *v)
	}
	return *v, nil
}

// --- nodes

// names reads a row's names.
func names(r *store.NodeRow) model.Names {
	return model.Names{NameEn: r.Name, NameAr: optional(r.NameAr)}
}

// node converts a stored node to its GraphQL type.
func node(r *store.NodeRow) model.Node {
	switch r.Type {
	case store.TypeStatement:
		return statement(r)
	case store.TypeArticle:
		return article(r)
	case store.TypeTopic:
		return topic(r)
	}
	if e := entity(r); e != nil {
		return e
	}
	return nil
}

// entity converts a stored actor, place or event; nil for other types.
func entity(r *store.NodeRow) model.Entity {
	switch r.Type {
	case store.TypePlace:
		return place(r)
	case store.TypeEvent:
		return event(r)
	}
	if a := actor(r); a != nil {
		return a
	}
	return nil
}

// actor converts a stored person, state, organisation or group; nil for
// other types.
func actor(r *store.NodeRow) model.Actor {
	switch r.Type {
	case store.TypePerson:
		return person(r)
	case store.TypeState:
		return state(r)
	case store.TypeOrganization:
		return &model.Organization{ID: r.ID, Names: names(r), Aliases: r.Aliases, Qid: optional(r.QID), Kind: optional(r.Kind), StateID: r.StateID}
	case store.TypeGroup:
		return &model.Group{ID: r.ID, Names: names(r), Aliases: r.Aliases}
	}
	return nil
}

func person(r *store.NodeRow) *model.Person {
	return &model.Person{ID: r.ID, Names: names(r), Aliases: r.Aliases, Qid: optional(r.QID)}
}

func state(r *store.NodeRow) *model.State {
	return &model.State{ID: r.ID, Names: names(r), Aliases: r.Aliases, Qid: optional(r.QID)}
}

func place(r *store.NodeRow) *model.Place {
	return &model.Place{ID: r.ID, Names: names(r), Aliases: r.Aliases, Qid: optional(r.QID), Kind: optional(r.Kind), StateID: r.StateID}
}

func event(r *store.NodeRow) *model.Event {
	return &model.Event{ID: r.ID, Names: names(r), Aliases: r.Aliases, Kind: r.Kind, Date: optional(r.Date), PlaceID: r.PlaceID}
}

func topic(r *store.NodeRow) *model.Topic {
	return &model.Topic{ID: r.ID, Names: names(r)}
}

func article(r *store.NodeRow) *model.Article {
	return &model.Article{ID: r.ID, Title: r.Title, Source: optional(r.Source), URL: optional(r.URL), Published: r.Published, Language: r.Language}
}

func statement(r *store.NodeRow) *model.Statement {
	return &model.Statement{
		ID: r.ID, Text: r.Text, Direct: r.Direct, Date: r.Date, Language: r.Language,
		Start: r.Start, End: r.End, Confidence: r.Confidence,
		SentenceStart: r.SentenceStart, SentenceEnd: r.SentenceEnd,
		SpeakerID: r.SpeakerID, ArticleID: r.ArticleID, EventID: r.EventID, PlaceID: r.PlaceID,
		TopicIDs: r.TopicIDs, MentionIDs: r.MentionIDs,
	}
}

func role(r store.RoleRow) *model.Role {
	out := &model.Role{
		Person: person(&r.Person), Of: actor(&r.Of),
		TitleEn: r.Title, TitleAr: optional(r.TitleAr),
		Since: optional(r.Since), Until: optional(r.Until),
		Source: model.RoleSourceKb, ArticleIDs: r.Articles,
	}
	if r.Source == "text" {
		out.Source = model.RoleSourceText
	}
	if e := r.Evidence; e != nil {
		out.Evidence = &model.Span{ArticleID: e.ArticleID, Start: e.Start, End: e.End}
	}
	return out
}

// nodeTypes maps the GraphQL node types to the store's.
var nodeTypes = map[model.NodeType]string{
	model.NodeTypePerson: store.TypePerson, model.NodeTypeState: store.TypeState,
	model.NodeTypeOrganization: store.TypeOrganization, model.NodeTypeGroup: store.TypeGroup,
	model.NodeTypePlace: store.TypePlace, model.NodeTypeEvent: store.TypeEvent,
	model.NodeTypeStatement: store.TypeStatement, model.NodeTypeArticle: store.TypeArticle,
	model.NodeTypeTopic: store.TypeTopic,
}

func nodeType(t string) model.NodeType {
	for k, v := range nodeTypes {
		if v == t {
			return k
		}
	}
	return ""
}

// graphNode converts a node of a graph view, with a short label.
// labelRunes is the length of a statement's or an article's label; views
// read store.LabelChars of them, which must be more (TestNeighborhoodViews).
const labelRunes = 60

// graphView converts the nodes and edges of a graph view, each kind in
// one allocation, as a view has hundreds of them; full says that the
// nodes' Node is read (a selection of node), which the rows then hold.
func graphView(ns []store.GraphNode, es []store.Edge, full bool) ([]*model.GraphNode, []*model.GraphEdge) {
	nodes, nps := make([]model.GraphNode, len(ns)), make([]*model.GraphNode, len(ns))
	for i := range ns {
		nodes[i] = graphNode(&ns[i], full)
		nps[i] = &nodes[i]
	}
	edges, eps := make([]model.GraphEdge, len(es)), make([]*model.GraphEdge, len(es))
	for i, e := range es {
		edges[i] = model.GraphEdge{ID: e.ID, Type: model.EdgeType(e.Type), Source: e.Source, Target: e.Target, Label: optional(e.Label)}
		eps[i] = &edges[i]
	}
	return nps, eps
}

func graphNode(g *store.GraphNode, full bool) model.GraphNode {
	r := &g.Row
	out := model.GraphNode{ID: r.ID, Type: nodeType(r.Type), Distance: g.Distance, LabelEn: r.Name, LabelAr: optional(r.NameAr)}
	if full {
		out.Node = node(r)
	}
	switch r.Type {
	case store.TypeStatement:
		out.LabelEn, out.LabelAr = shorten(r.Text, labelRunes), nil
	case store.TypeArticle:
		out.LabelEn, out.LabelAr = shorten(r.Title, labelRunes), nil
	}
	return out
}

// shorten cuts s to at most n characters, at a word boundary when it can.
// It walks the bytes instead of converting to runes: graph views shorten
// every node's label.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	end, chars := 0, 0
	for end < len(s) && chars < n {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
		chars++
	}
	if end == len(s) {
		return s
	}
	cut := s[:end]
	if i := strings.LastIndex(cut, " "); i >= 0 && utf8.RuneCountInString(cut[:i]) > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// --- filters and orderings

// statementFilter checks a StatementWhere and converts it.
func statementFilter(w *model.StatementWhere) (store.StatementFilter, error) {
	if w == nil {
		return store.StatementFilter{}, nil
	}
	f := store.StatementFilter{
		Topics: w.Topics, Mentions: w.Mentions, Direct: w.Direct,
		Speaker: deref(w.Speaker), SpeakerState: deref(w.SpeakerState),
		Article: deref(w.Article), Event: deref(w.Event), Place: deref(w.Place),
		Text: deref(w.Text),
	}
	var err error
	if f.From, err = checkDate("where.from", w.From); err != nil {
		return f, err
	}
	if f.To, err = checkDate("where.to", w.To); err != nil {
		return f, err
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return f, fmt.Errorf("%w: where.from %s is after where.to %s", ErrBadInput, f.From, f.To)
	}
	if f.Language, err = checkLanguage("where.language", w.Language); err != nil {
		return f, err
	}
	if w.Text != nil && strings.TrimSpace(*w.Text) == "" {
		return f, fmt.Errorf("%w: where.text is empty; leave it out to match any text", ErrBadInput)
	}
	return f, nil
}

func eventFilter(w *model.EventWhere) (store.EventFilter, error) {
	if w == nil {
		return store.EventFilter{}, nil
	}
	f := store.EventFilter{IDs: w.Ids, Name: deref(w.Name), Kind: deref(w.Kind), Place: deref(w.Place), Participants: w.Participants}
	var err error
	if f.From, err = checkDate("where.from", w.From); err != nil {
		return f, err
	}
	if f.To, err = checkDate("where.to", w.To); err != nil {
		return f, err
	}
	return f, nil
}

// sortKey is one element of an orderBy list: its fields by name.
type sortKey map[string]*model.SortDirection

// sorts converts an orderBy list; each element must set exactly one field.
func sorts(keys []sortKey) ([]store.Sort, error) {
	var out []store.Sort
	for i, k := range keys {
		var set []string
		for name, dir := range k {
			if dir != nil {
				set = append(set, name)
			}
		}
		if len(set) != 1 {
			return nil, fmt.Errorf("%w: orderBy[%d]: set exactly one field, got %d", ErrBadInput, i, len(set))
		}
		out = append(out, store.Sort{Field: set[0], Desc: *k[set[0]] == model.SortDirectionDesc})
	}
	return out, nil
}

func statementSorts(o []*model.StatementOrderBy) ([]store.Sort, error) {
	keys := make([]sortKey, len(o))
	for i, k := range o {
		keys[i] = sortKey{"date": k.Date, "confidence": k.Confidence, "relevance": k.Relevance}
	}
	return sorts(keys)
}

func entitySorts(o []*model.EntityOrderBy) ([]store.Sort, error) {
	keys := make([]sortKey, len(o))
	for i, k := range o {
		keys[i] = sortKey{"name": k.Name, "statementCount": k.StatementCount, "mentionCount": k.MentionCount}
	}
	return sorts(keys)
}

func eventSorts(o []*model.EventOrderBy) ([]store.Sort, error) {
	keys := make([]sortKey, len(o))
	for i, k := range o {
		keys[i] = sortKey{"date": k.Date, "name": k.Name}
	}
	return sorts(keys)
}

func articleSorts(o []*model.ArticleOrderBy) ([]store.Sort, error) {
	keys := make([]sortKey, len(o))
	for i, k := range o {
		keys[i] = sortKey{"published": k.Published, "title": k.Title}
	}
	return sorts(keys)
}

func topicSorts(o []*model.TopicOrderBy) ([]store.Sort, error) {
	keys := make([]sortKey, len(o))
	for i, k := range o {
		keys[i] = sortKey{"name": k.Name, "statementCount": k.StatementCount}
	}
	return sorts(keys)
}

// --- snippets

// slice returns text[start:end) in code points, clamped to the text.
func slice(text string, start, end int) string {
	r := []rune(text)
	start, end = max(0, min(start, len(r))), max(0, min(end, len(r)))
	if end < start {
		return ""
	}
	return string(r[start:end])
}

// sentenceAround returns the bounds of the sentence(s) of text that hold
// [start, end), as the loader splits sentences; the span itself when the
// text does not cover it.
func sentenceAround(runes []rune, start, end int) (int, int) {
	if start < 0 || end > len(runes) || start > end {
		return start, end
	}
	from, to := start, end
	found := false
	for _, s := range text.Sentences(runes, 0, len(runes)) {
		if s.End > start && s.Start < end || s.Start <= start && start < s.End {
			if !found {
				from, found = s.Start, true
			}
			from, to = min(from, s.Start), max(to, s.End)
		}
	}
	return from, to
}

func personFilter(w *model.PersonWhere) (store.EntityFilter, error) {
	if w == nil {
		return store.EntityFilter{}, nil
	}
	f := store.EntityFilter{IDs: w.Ids, Name: deref(w.Name)}
	if w.Role != nil {
		at, err := checkDate("where.role.at", w.Role.At)
		if err != nil {
			return f, err
		}
		f.Role = &store.RoleFilter{Of: deref(w.Role.Of), Title: deref(w.Role.Title), At: at}
	}
	return f, nil
}

func articleFilter(w *model.ArticleWhere) (store.ArticleFilter, error) {
	if w == nil {
		return store.ArticleFilter{}, nil
	}
	f := store.ArticleFilter{IDs: w.Ids, Source: deref(w.Source), Mentions: w.Mentions}
	var err error
	if f.Language, err = checkLanguage("where.language", w.Language); err != nil {
		return f, err
	}
	if f.From, err = checkDate("where.from", w.From); err != nil {
		return f, err
	}
	if f.To, err = checkDate("where.to", w.To); err != nil {
		return f, err
	}
	return f, nil
}

// intervals maps timeline intervals to the store's units.
var intervals = map[model.Interval]string{
	model.IntervalDay: store.Day, model.IntervalWeek: store.Week, model.IntervalMonth: store.Month,
}

// intOr reads an optional Int argument; explicit nulls take the default.
func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}
