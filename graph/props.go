package graph

import (
	"context"
	"slices"

	"github.com/geokg/geokg/graph/model"
	"github.com/geokg/geokg/store"
)

// A page of statements reads, for its rows and its speakers' and
// articles', only the properties its selection asks for (store.Props):
// all of them were most of what Neo4j sent and the driver decoded for a
// search page. The maps below say which properties each field reads from
// its node's row. A field listed without any needs only the node's id, or
// the ids of its relationships, which a statement's row always carries
// (a related row carries none, so a field that follows one of its
// relationships, such as an organisation's state, is not listed). A
// selection that names a field not listed reads the whole row.
//
// A partial row stands for its node only in the selection it was read
// for: the statements carry their partial speaker and article (see
// attachRelated), which never enter the node loader, whose rows answer
// every other selection of the request (primeNodes skips them).
var (
	statementProps = map[string][]string{
		"text": {"text"}, "direct": {"direct"}, "date": {"date"}, "language": {"language"},
		"start": {"start"}, "end": {"end"}, "confidence": {"confidence"},
		"provenance": {"start", "end", "sentenceStart", "sentenceEnd"},
		// By the id or the ids of relationships.
		"__typename": nil, "id": nil, "speaker": nil, "speakerRole": nil,
		"topics": nil, "mentions": nil, "event": nil, "place": nil, "article": nil,
	}
	actorProps = map[string][]string{
		"name": {"name", "nameAr"}, "nameAr": {"nameAr"}, "aliases": {"aliases"},
		"qid": {"qid"}, "kind": {"kind"},
		// By the id.
		"__typename": nil, "id": nil, "mentionedIn": nil, "statements": nil,
		"eventsAttended": nil, "roles": nil, "officeHolders": nil, "statementsByOfficials": nil,
	}
	articleProps = map[string][]string{
		"title": {"title"}, "source": {"source"}, "url": {"url"},
		"published": {"published"}, "language": {"language"},
		// By the id.
		"__typename": nil, "id": nil, "text": nil, "statements": nil, "mentions": nil, "events": nil,
	}
)

// propsOf returns the properties the fields sel selects read, by fields
// (see above), sorted; nil, for the whole row, when sel names a field
// that fields does not list, or is nil (no selection to look at).
func propsOf(sel selected, fields map[string][]string) []string {
	if sel == nil {
		return nil
	}
	out := []string{}
	for f := range sel {
		ps, ok := fields[f]
		if !ok {
			return nil
		}
		out = append(out, ps...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// pageProps returns the properties a page of statements needs for
// the selection of the connection field being resolved: for the
// statements (node, the selection of edges.node), their speakers and
// their articles; nil when every row is read whole.
func pageProps(ctx context.Context, node selected, speakers, articles bool) *store.Props {
	p := &store.Props{Rows: propsOf(node, statementProps)}
	if speakers {
		p.Speakers = propsOf(selection(ctx, "edges", "node", "speaker"), actorProps)
	}
	if articles {
		p.Articles = propsOf(selection(ctx, "edges", "node", "article"), articleProps)
	}
	if p.Rows == nil && p.Speakers == nil && p.Articles == nil {
		return nil
	}
	return p
}

// attachRelated gives the edges' statements the partial rows of their
// speakers and articles among related (model.Statement's SpeakerNode and
// ArticleNode), which their fields answer from; the whole rows are the
// node loader's (primeNodes).
func attachRelated(edges []*model.StatementEdge, related []store.NodeRow) {
	actors := map[string]model.Actor{}
	articles := map[string]*model.Article{}
	for i := range related {
		r := &related[i]
		if !r.Partial {
			continue
		}
		if r.Type == store.TypeArticle {
			if articles[r.ID] == nil {
				articles[r.ID] = article(r)
			}
		} else if a := actor(r); a != nil && actors[r.ID] == nil {
			actors[r.ID] = a
		}
	}
	if len(actors) == 0 && len(articles) == 0 {
		return
	}
	for _, e := range edges {
		e.Node.SpeakerNode = actors[e.Node.SpeakerID]
		e.Node.ArticleNode = articles[e.Node.ArticleID]
	}
}
