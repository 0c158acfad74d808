package graph

import (
	"context"
	"fmt"

	"github.com/geokg/geokg/graph/model"
	"github.com/geokg/geokg/store"
)

// This file holds what the connection fields share: checking their
// arguments, loading nested lists through the request's loaders, and
// building edges from store rows.

func statementConnection(p page, res store.Result) *model.StatementConnection {
	es, info := edges(p, res.Rows, func(c string, r store.NodeRow) *model.StatementEdge {
		e := &model.StatementEdge{Cursor: c, Node: statement(&r)}
		if r.Score > 0 {
			e.Score = &r.Score
		}
		return e
	})
	attachRelated(es, res.Related)
	return &model.StatementConnection{TotalCount: res.Total, Edges: es, PageInfo: info}
}

func eventConnection(p page, res store.Result) *model.EventConnection {
	es, info := edges(p, res.Rows, func(c string, r store.NodeRow) *model.EventEdge {
		return &model.EventEdge{Cursor: c, Node: event(&r)}
	})
	return &model.EventConnection{TotalCount: res.Total, Edges: es, PageInfo: info}
}

func roleConnection(p page, res store.RoleResult) *model.RoleConnection {
	es, info := edges(p, res.Rows, func(c string, r store.RoleRow) *model.RoleEdge {
		return &model.RoleEdge{Cursor: c, Node: role(r)}
	})
	return &model.RoleConnection{TotalCount: res.Total, Edges: es, PageInfo: info}
}

// statementsOf resolves a nested statement list: the statements anchored
// to parent that where also selects.
func (r *Resolver) statementsOf(ctx context.Context, anchor store.Anchor, parent string, where *model.StatementWhere, orderBy []*model.StatementOrderBy, first *int, after *string) (*model.StatementConnection, error) {
	f, err := statementFilter(where)
	if err != nil {
		return nil, err
	}
	s, err := statementSorts(orderBy)
	if err != nil {
		return nil, err
	}
	p, err := statementPage(ctx, first, after)
	if err != nil {
		return nil, err
	}
	k, err := key(parent, statementArgs{Anchor: anchor, Filter: f, Sorts: s, Page: p.store()})
	if err != nil {
		return nil, err
	}
	res, err := r.loaders(ctx).statements.Load(ctx, k)
	if err != nil {
		return nil, err
	}
	r.primeNodes(ctx, res.Related)
	return statementConnection(p, res), nil
}

// eventsOf resolves a nested event list.
func (r *Resolver) eventsOf(ctx context.Context, anchor store.Anchor, parent string, where *model.EventWhere, orderBy []*model.EventOrderBy, first *int, after *string) (*model.EventConnection, error) {
	f, err := eventFilter(where)
	if err != nil {
		return nil, err
	}
	s, err := eventSorts(orderBy)
	if err != nil {
		return nil, err
	}
	p, err := pageArgs(ctx, first, after)
	if err != nil {
		return nil, err
	}
	k, err := key(parent, eventArgs{Anchor: anchor, Filter: f, Sorts: s, Page: p.store()})
	if err != nil {
		return nil, err
	}
	res, err := r.loaders(ctx).events.Load(ctx, k)
	if err != nil {
		return nil, err
	}
	return eventConnection(p, res), nil
}

// officeHoldersOf resolves officeHolders of a state or organisation.
func (r *Resolver) officeHoldersOf(ctx context.Context, parent string, at *string, first *int, after *string) (*model.RoleConnection, error) {
	day, err := checkDate("at", at)
	if err != nil {
		return nil, err
	}
	p, err := pageArgs(ctx, first, after)
	if err != nil {
		return nil, err
	}
	k, err := key(parent, holderArgs{At: day, Page: p.store()})
	if err != nil {
		return nil, err
	}
	res, err := r.loaders(ctx).officeHolders.Load(ctx, k)
	if err != nil {
		return nil, err
	}
	return roleConnection(p, res), nil
}

// primeNodes puts rows a list query read along with its own into the
// request's node loader, so that the fields that lead to them cost no
// query. Partial rows stay out: the loader answers every selection.
func (r *Resolver) primeNodes(ctx context.Context, rows []store.NodeRow) {
	l := r.loaders(ctx)
	for i := range rows {
		if rows[i].Partial {
			continue
		}
		l.node.Prime(rows[i].ID, &rows[i])
		l.hold(rows[i].ID)
	}
}

// loadNode loads one node by id; nil (and no error) when there is none or
// id is empty.
func (r *Resolver) loadNode(ctx context.Context, id string) (model.Node, error) {
	if id == "" {
		return nil, nil
	}
	row, err := r.loaders(ctx).node.Load(ctx, id)
	if notFound(err) {
		return nil, nil
	}
	if err != nil || row == nil {
		return nil, err
	}
	return node(row), nil
}

// loadNodes loads nodes by id, in order, skipping ids without a node.
func (r *Resolver) loadNodes(ctx context.Context, ids []string) ([]model.Node, error) {
	rows, err := r.loaders(ctx).node.LoadAll(ctx, ids)
	var out []model.Node
	for i, row := range rows {
		if err != nil {
			if e := indexErr(err, i); e != nil {
				if notFound(e) {
					continue
				}
				return nil, e
			}
		}
		if row == nil {
			continue
		}
		if n := node(row); n != nil {
			out = append(out, n)
		}
	}
	return out, nil
}

// indexErr is the error of key i of a LoadAll.
func indexErr(err error, i int) error {
	if errs, ok := err.(dataloadErrors); ok {
		if i < len(errs) {
			return errs[i]
		}
		return nil
	}
	return err
}

// loadTyped loads a node by id and checks its type; nil when there is
// none.
func loadTyped[T model.Node](ctx context.Context, r *Resolver, id string) (T, error) {
	var zero T
	n, err := r.loadNode(ctx, id)
	if err != nil || n == nil {
		return zero, err
	}
	t, ok := n.(T)
	if !ok {
		return zero, fmt.Errorf("%w: %s is not a %T", ErrNotFound, id, zero)
	}
	return t, nil
}

func (r *Resolver) loadArticles(ctx context.Context, ids []string) ([]*model.Article, error) {
	ns, err := r.loadNodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Article, 0, len(ns))
	for _, n := range ns {
		if a, ok := n.(*model.Article); ok {
			out = append(out, a)
		}
	}
	return out, nil
}

// provenance makes the provenance of a span; without sentence bounds the
// sentence is looked up in the article's text.
func (r *Resolver) provenance(ctx context.Context, s model.Span) (*model.Provenance, error) {
	text, err := r.loaders(ctx).articleText.Load(ctx, s.ArticleID)
	if err != nil && !notFound(err) {
		return nil, err
	}
	from, to := sentenceAround([]rune(text), s.Start, s.End)
	return &model.Provenance{ArticleID: s.ArticleID, Start: s.Start, End: s.End, SentenceStart: from, SentenceEnd: to}, nil
}

// entityPage runs a top-level list of persons, states, organisations,
// groups or places.
func (r *Resolver) entityPage(ctx context.Context, typ string, f store.EntityFilter, orderBy []*model.EntityOrderBy, first *int, after *string) (page, store.Result, error) {
	s, err := entitySorts(orderBy)
	if err != nil {
		return page{}, store.Result{}, err
	}
	p, err := pageArgs(ctx, first, after)
	if err != nil {
		return page{}, store.Result{}, err
	}
	res, err := r.Store.Entities(ctx, typ, f, s, p.store())
	return p, res, err
}
