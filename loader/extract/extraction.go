// Package extract turns one article into an Extraction: the entities it
// mentions, the roles it states or implies, the statements made (who said
// what, when, where, about which topic) and the events it reports. It is
// offline and deterministic: rules over the tokens of package text, the
// knowledge base of package kb and the word lists of package lexicon. Every
// offset points into the article's original text, in code points.
package extract

// Extraction is the result for one article; its JSON form is the contract of
// `geokg extract`. Every id referenced is in Entities.
type Extraction struct {
	Article    ArticleInfo `json:"article"`
	Entities   []Entity    `json:"entities"`
	Roles      []Role      `json:"roles"`
	Statements []Statement `json:"statements"`
	Events     []Event     `json:"events"`
}

// ArticleInfo identifies the article.
type ArticleInfo struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Language    string `json:"language"`
	Published   string `json:"published"`
	Source      string `json:"source,omitempty"`
	URL         string `json:"url,omitempty"`
	ContentHash string `json:"contentHash,omitempty"`
}

// Entity types.
const (
	Person       = "Person"
	State        = "State"
	Organization = "Organization"
	Place        = "Place"
	Group        = "Group"
)

// Entity is an actor, place or group the article mentions.
type Entity struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	Name   string `json:"name"`
	NameAr string `json:"nameAr,omitempty"`
	// Kind is the organisation's or place's kind (alliance, city, ...).
	Kind string `json:"kind,omitempty"`
	// StateID is the state a place lies in or an organisation belongs to.
	StateID string `json:"stateId,omitempty"`
	QID     string `json:"qid,omitempty"`
	// Known is true when the entity comes from the knowledge base, false
	// when the extractor discovered it in the text.
	Known    bool      `json:"known"`
	Mentions []Mention `json:"mentions"`
}

// Mention is one occurrence of an entity in the text.
type Mention struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Role is an office a person holds: from the text (Start/End set) or from
// the knowledge base at the article's date.
type Role struct {
	PersonID string `json:"personId"`
	Title    string `json:"title"`
	TitleAr  string `json:"titleAr,omitempty"`
	OfID     string `json:"ofId"`
	Since    string `json:"since,omitempty"`
	Until    string `json:"until,omitempty"`
	Source   string `json:"source"`
	Start    int    `json:"start,omitempty"`
	End      int    `json:"end,omitempty"`
}

// Statement is one claim made by a speaker. Text is the quoted or reported
// content; Start/End its offsets; the sentence that carries it is
// SentenceStart/SentenceEnd.
type Statement struct {
	ID            string   `json:"id"`
	SpeakerID     string   `json:"speakerId"`
	Text          string   `json:"text"`
	Direct        bool     `json:"direct"`
	Topics        []string `json:"topics"`
	Date          string   `json:"date"`
	PlaceID       string   `json:"placeId,omitempty"`
	EventID       string   `json:"eventId,omitempty"`
	Start         int      `json:"start"`
	End           int      `json:"end"`
	SentenceStart int      `json:"sentenceStart"`
	SentenceEnd   int      `json:"sentenceEnd"`
	MentionIDs    []string `json:"mentionIds"`
	Confidence    float64  `json:"confidence"`
	// dated is set when the sentence itself gave the date.
	dated bool
	// sentence is the index of the sentence in the doc.
	sentence int
}

// Event is a summit, talks, meeting, strike or exchange the article reports.
type Event struct {
	ID             string   `json:"id"`
	Type           string   `json:"type"`
	Name           string   `json:"name"`
	Date           string   `json:"date"`
	PlaceID        string   `json:"placeId"`
	ParticipantIDs []string `json:"participantIds"`
	Start          int      `json:"start"`
	End            int      `json:"end"`
}
