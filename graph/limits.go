package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/geokg/geokg/graph/model"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// DefaultPageSize is `first` when a query leaves it out.
const DefaultPageSize = 20

// items is what one connection field may return: its `first`.
func items(first *int) int {
	if first == nil {
		return DefaultPageSize
	}
	return max(*first, 1)
}

// complexity prices every list field at `first` times the cost of one
// item, so that the complexity limit bounds the rows a query can ask for
// (gqlgen's default counts a list like a single object).
func complexity() ComplexityRoot {
	var c ComplexityRoot
	type sw = *model.StatementWhere
	type so = []*model.StatementOrderBy
	type ew = *model.EventWhere
	type eo = []*model.EventOrderBy
	type eno = []*model.EntityOrderBy
	stmts := func(child int, _ sw, _ so, first *int, _ *string) int { return 1 + child*items(first) }
	events := func(child int, _ ew, _ eo, first *int, _ *string) int { return 1 + child*items(first) }
	holders := func(child int, _ *string, first *int, _ *string) int { return 1 + child*items(first) }

	c.Article.Statements = stmts
	c.Event.MentionedIn, c.Event.StatementsMadeThere = stmts, stmts
	c.Event.Participants = func(child int, first *int, _ *string) int { return 1 + child*items(first) }
	c.Group.MentionedIn, c.Group.Statements, c.Group.EventsAttended = stmts, stmts, events
	c.Organization.MentionedIn, c.Organization.Statements, c.Organization.StatementsByOfficials = stmts, stmts, stmts
	c.Organization.EventsAttended, c.Organization.OfficeHolders = events, holders
	c.Person.MentionedIn, c.Person.Statements, c.Person.EventsAttended = stmts, stmts, events
	c.Place.MentionedIn, c.Place.StatementsMadeThere, c.Place.Events = stmts, stmts, events
	c.State.MentionedIn, c.State.Statements, c.State.StatementsByOfficials = stmts, stmts, stmts
	c.State.EventsAttended, c.State.OfficeHolders = events, holders
	c.Topic.Statements = stmts

	c.Query.Statements = stmts
	c.Query.Events = events
	c.Query.Persons = func(child int, _ *model.PersonWhere, _ eno, first *int, _ *string) int { return 1 + child*items(first) }
	c.Query.States = func(child int, _ *model.StateWhere, _ eno, first *int, _ *string) int { return 1 + child*items(first) }
	c.Query.Organizations = func(child int, _ *model.OrganizationWhere, _ eno, first *int, _ *string) int {
		return 1 + child*items(first)
	}
	c.Query.Groups = func(child int, _ *model.GroupWhere, _ eno, first *int, _ *string) int { return 1 + child*items(first) }
	c.Query.Places = func(child int, _ *model.PlaceWhere, _ eno, first *int, _ *string) int { return 1 + child*items(first) }
	c.Query.Articles = func(child int, _ *model.ArticleWhere, _ []*model.ArticleOrderBy, first *int, _ *string) int {
		return 1 + child*items(first)
	}
	c.Query.Topics = func(child int, _ *model.TopicWhere, _ []*model.TopicOrderBy, first *int, _ *string) int {
		return 1 + child*items(first)
	}
	c.Query.Search = func(child int, _ string, _ []model.SearchType, first *int, _ *string) int {
		return 1 + child*items(first)
	}
	c.Query.Nodes = func(child int, ids []string) int { return 1 + child*max(len(ids), 1) }
	c.Query.Neighborhood = func(child int, _ string, _ *int, limit *int, _ []model.NodeType) int {
		n := 100
		if limit != nil {
			n = max(*limit, 1)
		}
		// A graph view's nodes are cheap (no nested lists); count them at
		// a tenth so that a view of a few hundred nodes passes.
		return 1 + child*n/10
	}
	c.Query.Paths = func(child int, _, _ string, _ *int, first *int) int {
		n := 3
		if first != nil {
			n = max(*first, 1)
		}
		return 1 + child*n
	}
	c.Query.TopSpeakers = func(child int, _ sw, _ *model.SpeakerGrouping, first *int) int {
		n := 10
		if first != nil {
			n = max(*first, 1)
		}
		return 1 + child*n
	}
	c.Query.CoMentions = func(child int, _ string, _ sw, first *int) int {
		n := 10
		if first != nil {
			n = max(*first, 1)
		}
		return 1 + child*n
	}
	return c
}

// DepthLimit rejects operations whose selections nest deeper than Max
// levels (introspection excepted, whose standard query is deep).
type DepthLimit struct {
	Max int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = DepthLimit{}

// ExtensionName implements graphql.HandlerExtension.
func (DepthLimit) ExtensionName() string { return "DepthLimit" }

// Validate implements graphql.HandlerExtension.
func (DepthLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (d DepthLimit) MutateOperationContext(_ context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil {
		return nil
	}
	if n := depth(opCtx.Operation.SelectionSet, opCtx.Doc.Fragments, map[string]bool{}); n > d.Max {
		err := gqlerror.Errorf("the query nests %d levels deep; the limit is %d: split it into several queries", n, d.Max)
		errcode.Set(err, CodeBadUserInput)
		return err
	}
	return nil
}

func depth(set ast.SelectionSet, frags ast.FragmentDefinitionList, visiting map[string]bool) int {
	deepest := 0
	for _, sel := range set {
		n := 0
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			n = 1 + depth(s.SelectionSet, frags, visiting)
		case *ast.InlineFragment:
			n = depth(s.SelectionSet, frags, visiting)
		case *ast.FragmentSpread:
			// A fragment that spreads itself is a validation error; guard
			// anyway so that depth cannot loop.
			if visiting[s.Name] {
				continue
			}
			if f := frags.ForName(s.Name); f != nil {
				visiting[s.Name] = true
				n = depth(f.SelectionSet, frags, visiting)
				delete(visiting, s.Name)
			}
		}
		deepest = max(deepest, n)
	}
	return deepest
}
