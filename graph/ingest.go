package graph

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/geokg/geokg/graph/live"
	"github.com/geokg/geokg/graph/model"
	inarticle "github.com/geokg/geokg/loader/article"
	"github.com/geokg/geokg/store"
)

// ingest does for one article what the loader does — validate, extract,
// write in one transaction — and returns what the extraction found, as
// stored.
func (r *Resolver) ingest(ctx context.Context, in model.ArticleInput) (*model.IngestResult, error) {
	a := inarticle.Article{ID: in.ID, Source: deref(in.Source), URL: in.URL, Published: in.Published, Language: in.Language, Text: in.Text}
	if err := a.Validate(); err != nil {
		return nil, fmt.Errorf("input: %w", err)
	}
	x, err := r.extractor()
	if err != nil {
		return nil, fmt.Errorf("load the extractor: %w", err)
	}
	ex, err := x.Extract(a)
	if err != nil {
		return nil, fmt.Errorf("extract article %s: %w", a.ID, err)
	}
	res, err := r.Store.WriteExtraction(ctx, ex, a.Text)
	if err != nil {
		return nil, err
	}
	ids := []string{a.ID}
	for _, s := range ex.Statements {
		ids = append(ids, s.ID)
	}
	for _, e := range ex.Entities {
		ids = append(ids, e.ID)
	}
	for _, e := range ex.Events {
		ids = append(ids, e.ID)
	}
	rows, err := r.Store.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := &model.IngestResult{Unchanged: res.Unchanged, Statements: []*model.Statement{}, Entities: []model.Entity{}, Events: []*model.Event{}}
	if row, ok := rows[a.ID]; ok {
		out.Article = article(&row)
	}
	for _, s := range ex.Statements {
		if row, ok := rows[s.ID]; ok {
			out.Statements = append(out.Statements, statement(&row))
		}
	}
	for _, e := range ex.Entities {
		if row, ok := rows[e.ID]; ok {
			if ent := entity(&row); ent != nil {
				out.Entities = append(out.Entities, ent)
			}
		}
	}
	for _, e := range ex.Events {
		if row, ok := rows[e.ID]; ok {
			out.Events = append(out.Events, event(&row))
		}
	}
	if out.Article == nil {
		return nil, fmt.Errorf("article %s: not found after writing it", a.ID)
	}
	return out, nil
}

// Feed publishes every article write of st (the loader's and the API's)
// on b, for statementAdded.
func Feed(st *store.Store, b live.Broker) {
	st.OnWritten(func(ctx context.Context, w store.Written) {
		if err := b.Publish(ctx, live.Event{ArticleID: w.ArticleID, StatementIDs: w.StatementIDs}); err != nil {
			slog.WarnContext(ctx, "live: publish", "article", w.ArticleID, "err", err)
		}
	})
}

// PollSource adapts the store's record of writes for a live.Poller.
func PollSource(st *store.Store) live.Source { return pollSource{st} }

type pollSource struct{ st *store.Store }

func (s pollSource) Now(ctx context.Context) (int64, error) { return s.st.Clock(ctx) }

func (s pollSource) After(ctx context.Context, after live.Mark, limit int) ([]live.Mark, error) {
	ms, err := s.st.WritesAfter(ctx, store.Mark{At: after.At, ID: after.ID}, limit)
	out := make([]live.Mark, len(ms))
	for i, m := range ms {
		out[i] = live.Mark{At: m.At, ID: m.ID}
	}
	return out, err
}

func (s pollSource) Events(ctx context.Context, articleIDs []string) ([]live.Event, error) {
	ws, err := s.st.WrittenStatements(ctx, articleIDs)
	out := make([]live.Event, len(ws))
	for i, w := range ws {
		out[i] = live.Event{ArticleID: w.ArticleID, StatementIDs: w.StatementIDs}
	}
	return out, err
}

// subscriptionQueryTimeout bounds the query that filters one event for one
// subscriber (websocket requests have no request deadline).
const subscriptionQueryTimeout = 30 * time.Second

// statementAdded streams the statements of each published event that the
// subscriber's filter selects. The filter runs as a statements query over
// the event's statement ids, so a subscription selects exactly what the
// same where selects in statements.
func (r *Resolver) statementAdded(ctx context.Context, where *model.StatementWhere) (<-chan *model.Statement, error) {
	if r.Broker == nil {
		return nil, fmt.Errorf("subscriptions are not enabled on this server")
	}
	f, err := statementFilter(where)
	if err != nil {
		return nil, err
	}
	if err := store.CheckText(f.Text); err != nil {
		return nil, err
	}
	events, err := r.Broker.Subscribe(ctx)
	if err != nil {
		return nil, fmt.Errorf("subscribe: %w", err)
	}
	out := make(chan *model.Statement)
	go func() {
		defer close(out)
		for ev := range events {
			if len(ev.StatementIDs) == 0 {
				continue
			}
			q := f
			q.IDs = ev.StatementIDs
			qctx, cancel := context.WithTimeout(ctx, subscriptionQueryTimeout)
			res, err := r.Store.Statements(qctx, q, []store.Sort{{Field: "date"}, {Field: "start"}}, store.Page{Limit: len(q.IDs)})
			cancel()
			if err != nil {
				slog.WarnContext(ctx, "statementAdded: filter event", "article", ev.ArticleID, "err", err)
				continue
			}
			for _, row := range res.Rows {
				select {
				case out <- statement(&row):
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out, nil
}
