// Package model holds the GraphQL types of geokg. The types written here
// carry what their field resolvers need (both names of an actor, the filter
// of a connection); gqlgen generates the rest into models_gen.go.
package model

// Person is a named individual.
type Person struct {
	ID      string
	NameEn  string
	NameAr  *string
	Aliases []string
	Qid     *string
}

// State is a sovereign state.
type State struct {
	ID      string
	NameEn  string
	NameAr  *string
	Aliases []string
	Qid     *string
}

// Organization is an organisation.
type Organization struct {
	ID      string
	NameEn  string
	NameAr  *string
	Aliases []string
	Qid     *string
	Kind    *string
}

// Group is an unnamed collective.
type Group struct {
	ID      string
	NameEn  string
	NameAr  *string
	Aliases []string
}

// Topic is an issue.
type Topic struct {
	ID     string
	NameEn string
	NameAr string
}

// Statement is a claim by a speaker.
type Statement struct {
	ID         string
	Text       string
	Direct     bool
	Date       string
	Language   string
	Start      int
	End        int
	Confidence float64
}

// StatementConnection is a page of statements. Where, Skip and Limit let
// totalCount run its own count only when asked for.
type StatementConnection struct {
	Edges    []*StatementEdge
	PageInfo *PageInfo
	Where    *StatementWhere
}

// The methods below make the hand-written types satisfy the interfaces
// gqlgen generates for Node and Actor.

func (Person) IsNode()                 {}
func (Person) IsActor()                {}
func (p Person) GetID() string         { return p.ID }
func (p Person) GetName() string       { return p.NameEn }
func (p Person) GetNameAr() *string    { return p.NameAr }
func (p Person) GetAliases() []string  { return p.Aliases }
func (State) IsNode()                  {}
func (State) IsActor()                 {}
func (s State) GetID() string          { return s.ID }
func (s State) GetName() string        { return s.NameEn }
func (s State) GetNameAr() *string     { return s.NameAr }
func (s State) GetAliases() []string   { return s.Aliases }
func (Organization) IsNode()           {}
func (Organization) IsActor()          {}
func (o Organization) GetID() string   { return o.ID }
func (o Organization) GetName() string { return o.NameEn }
func (o Organization) GetNameAr() *string {
	return o.NameAr
}
func (o Organization) GetAliases() []string { return o.Aliases }
func (Group) IsNode()                       {}
func (Group) IsActor()                      {}
func (g Group) GetID() string               { return g.ID }
func (g Group) GetName() string             { return g.NameEn }
func (g Group) GetNameAr() *string          { return g.NameAr }
func (g Group) GetAliases() []string        { return g.Aliases }
func (Topic) IsNode()                       {}
func (t Topic) GetID() string               { return t.ID }
func (Statement) IsNode()                   {}
func (s Statement) GetID() string           { return s.ID }
