// Package model holds the GraphQL types of geokg. The types written here
// carry what their field resolvers need (both names of an entity, the ids
// a relationship field leads to); gqlgen generates the rest into
// models_gen.go.
package model

// Names are an entity's names in both languages; name(lang) reads them.
type Names struct {
	NameEn string
	NameAr *string
}

// Name returns the name in the requested language (English by default),
// falling back to the other language when that one is missing.
func (n Names) Name(lang *Lang) string {
	return pick(lang, n.NameEn, n.NameAr)
}

func pick(lang *Lang, en string, ar *string) string {
	if lang != nil && *lang == LangAr && ar != nil && *ar != "" {
		return *ar
	}
	if en == "" && ar != nil {
		return *ar
	}
	return en
}

// Person is a named individual.
type Person struct {
	ID string
	Names
	Aliases []string
	Qid     *string
}

// State is a sovereign state.
type State struct {
	ID string
	Names
	Aliases []string
	Qid     *string
}

// Organization is an organisation; StateID is the state it belongs to.
type Organization struct {
	ID string
	Names
	Aliases []string
	Qid     *string
	Kind    *string
	StateID string
}

// Group is an unnamed collective.
type Group struct {
	ID string
	Names
	Aliases []string
}

// Place is a city or region; StateID is the state it lies in.
type Place struct {
	ID string
	Names
	Aliases []string
	Qid     *string
	Kind    *string
	StateID string
}

// Event is a summit, talks, strike, ...; PlaceID is where it was held.
type Event struct {
	ID string
	Names
	Aliases []string
	Kind    string
	Date    *string
	PlaceID string
}

// Topic is an issue.
type Topic struct {
	ID string
	Names
}

// Article is a news article, without its text (the text field loads it).
type Article struct {
	ID        string
	Title     string
	Source    *string
	URL       *string
	Published string
	Language  string
}

// Statement is a claim by a speaker. The ids are those its relationship
// fields lead to; the sentence offsets feed its provenance.
type Statement struct {
	ID            string
	Text          string
	Direct        bool
	Date          string
	Language      string
	Start         int
	End           int
	Confidence    float64
	SentenceStart int
	SentenceEnd   int
	SpeakerID     string
	ArticleID     string
	EventID       string
	PlaceID       string
	TopicIDs      []string
	MentionIDs    []string
	// SpeakerNode and ArticleNode, when set, are the speaker and the
	// article as the page that listed the statement read them along,
	// with only the properties its selection asks for: the speaker and
	// article fields answer from them, and nothing else may.
	SpeakerNode Actor
	ArticleNode *Article
}

// Role is an office held; Evidence points to the text that states it.
type Role struct {
	Person     *Person
	Of         Actor
	TitleEn    string
	TitleAr    *string
	Since      *string
	Until      *string
	Source     RoleSource
	ArticleIDs []string
	Evidence   *Span
}

// Title returns the title in the requested language.
func (r Role) Title(lang *Lang) string {
	return pick(lang, r.TitleEn, r.TitleAr)
}

// Span points into an article's text, in code points.
type Span struct {
	ArticleID  string
	Start, End int
}

// Provenance is a span of an article with the sentence around it.
type Provenance struct {
	ArticleID     string
	Start         int
	End           int
	SentenceStart int
	SentenceEnd   int
}

// ParticipantEdge is an actor at an event; ArticleIDs are the articles
// that report the attendance.
type ParticipantEdge struct {
	Cursor     string
	Node       Actor
	ArticleIDs []string
}

// GraphNode is a node of a graph view with its display labels.
type GraphNode struct {
	ID       string
	Type     NodeType
	Distance int
	Node     Node
	LabelEn  string
	LabelAr  *string
}

// Label returns the display label in the requested language.
func (g GraphNode) Label(lang *Lang) string {
	return pick(lang, g.LabelEn, g.LabelAr)
}

// The methods below make the hand-written types satisfy the interfaces
// gqlgen generates for Node, Entity and Actor.

func (Person) IsNode()         {}
func (Person) IsEntity()       {}
func (Person) IsActor()        {}
func (State) IsNode()          {}
func (State) IsEntity()        {}
func (State) IsActor()         {}
func (Organization) IsNode()   {}
func (Organization) IsEntity() {}
func (Organization) IsActor()  {}
func (Group) IsNode()          {}
func (Group) IsEntity()        {}
func (Group) IsActor()         {}
func (Place) IsNode()          {}
func (Place) IsEntity()        {}
func (Event) IsNode()          {}
func (Event) IsEntity()        {}
func (Topic) IsNode()          {}
func (Article) IsNode()        {}
func (Statement) IsNode()      {}
