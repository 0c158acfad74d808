package graph_test

import (
	"strings"
	"testing"
)

type named struct {
	Typename string `json:"__typename"`
	ID       string
	Name     string
	Ar       string
	Kind     *string
}

// TestEntityLists checks each entity list with its filters and orderings.
func TestEntityLists(t *testing.T) {
	e := corpus(t)
	const fields = `__typename id name ar: name(lang: AR)`
	tests := []struct {
		name  string
		query string
		// want are ids the list must hold; each must hold for every node.
		want []string
		each func(named) bool
	}{
		{"persons", `persons(first: 100) { totalCount edges { node { ` + fields + ` } } }`,
			[]string{"person:mark-rutte", "person:vladimir-putin"}, func(n named) bool { return n.Typename == "Person" }},
		{"persons by name, Arabic", `persons(where: {name: "زيلينسكي"}) { totalCount edges { node { ` + fields + ` } } }`,
			[]string{"person:volodymyr-zelensky"}, func(n named) bool { return n.Typename == "Person" }},
		{"persons by office", `persons(where: {role: {of: "RU", at: "2025-09-01"}}, first: 100) { totalCount edges { node { ` + fields + ` } } }`,
			[]string{"person:vladimir-putin", "person:sergey-lavrov", "person:dmitry-peskov"}, func(n named) bool { return n.ID != "person:mark-rutte" }},
		{"persons by office title", `persons(where: {role: {title: "secretary general"}}) { totalCount edges { node { ` + fields + ` } } }`,
			[]string{"person:mark-rutte"}, func(n named) bool { return n.ID != "person:vladimir-putin" }},
		{"states", `states(first: 100) { totalCount edges { node { ` + fields + ` } } }`,
			[]string{"UA", "RU"}, func(n named) bool { return n.Typename == "State" }},
		{"states by name, English", `states(where: {name: "ukraine"}) { totalCount edges { node { ` + fields + ` } } }`,
			[]string{"UA"}, func(n named) bool { return n.Typename == "State" }},
		{"states by ids", `states(where: {ids: ["UA", "FR"]}) { totalCount edges { node { ` + fields + ` } } }`,
			[]string{"UA", "FR"}, func(n named) bool { return n.ID == "UA" || n.ID == "FR" }},
		{"organizations of a state", `organizations(where: {state: "RU"}) { totalCount edges { node { ` + fields + ` kind } } }`,
			[]string{"org:kremlin"}, func(n named) bool { return n.Typename == "Organization" && n.ID != "org:nato" }},
		{"organizations by kind", `organizations(where: {kind: "Alliance"}) { totalCount edges { node { ` + fields + ` kind } } }`,
			[]string{"org:nato"}, func(n named) bool { return n.Kind != nil && *n.Kind == "alliance" }},
		{"groups", `groups { totalCount edges { node { ` + fields + ` } } }`,
			[]string{"group:european-officials"}, func(n named) bool { return n.Typename == "Group" }},
		{"places in a state", `places(where: {state: "FR"}) { totalCount edges { node { ` + fields + ` kind } } }`,
			[]string{"place:paris"}, func(n named) bool { return n.Typename == "Place" && n.ID != "place:prague" }},
		{"events by kind and participant", `events(where: {kind: "summit", participants: ["person:volodymyr-zelensky"]}) { totalCount edges { node { ` + fields + ` kind } } }`,
			[]string{"event:summit-paris-2025-09-04"}, func(n named) bool { return n.Kind != nil && *n.Kind == "Summit" }},
		{"events by place and dates", `events(where: {place: "place:paris", from: "2025-09-01", to: "2025-09-30"}) { totalCount edges { node { ` + fields + ` } } }`,
			[]string{"event:summit-paris-2025-09-04"}, func(n named) bool { return n.Typename == "Event" }},
		{"events by name", `events(where: {name: "Paris"}) { totalCount edges { node { ` + fields + ` } } }`,
			[]string{"event:summit-paris-2025-09-04"}, func(n named) bool { return strings.Contains(n.Name, "Paris") }},
		{"topics", `topics(first: 100) { totalCount edges { node { __typename id name ar: name(lang: AR) } } }`,
			[]string{"troop-deployment", "security-guarantees"}, func(n named) bool { return n.Typename == "Topic" && n.Ar != "" }},
		{"topics by ids", `topics(where: {ids: ["ceasefire"]}) { totalCount edges { node { __typename id name } } }`,
			[]string{"ceasefire"}, func(n named) bool { return n.ID == "ceasefire" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp map[string]conn[named]
			e.query(t, "{ "+tt.query+" }", &resp)
			for _, c := range resp {
				got := c.nodes()
				if c.TotalCount < len(got) || len(got) == 0 {
					t.Fatalf("totalCount %d, %d nodes", c.TotalCount, len(got))
				}
				for _, id := range tt.want {
					if !contains(ids(got, func(n named) string { return n.ID }), id) {
						t.Errorf("%s missing from %v", id, ids(got, func(n named) string { return n.ID }))
					}
				}
				for _, n := range got {
					if !tt.each(n) {
						t.Errorf("unexpected %+v", n)
					}
				}
			}
		})
	}
	t.Run("articles", func(t *testing.T) {
		var resp struct {
			Articles conn[struct {
				ID, Language, Published, Title string
			}]
		}
		e.query(t, `{ articles(where: {language: "en", mentions: ["RU"], from: "2024-01-01"}, first: 100) { totalCount edges { node { id language published title } } } }`, &resp)
		got := resp.Articles.nodes()
		if len(got) == 0 {
			t.Fatal("no English article mentions Russia")
		}
		for i, a := range got {
			if a.Language != "en" || a.Published < "2024-01-01" || a.Title == "" {
				t.Errorf("article %+v", a)
			}
			if i > 0 && a.Published > got[i-1].Published {
				t.Errorf("articles not newest first: %s after %s", a.Published, got[i-1].Published)
			}
		}
	})
	t.Run("ordered by statement count", func(t *testing.T) {
		var resp struct {
			Persons conn[struct {
				ID         string
				Statements struct{ TotalCount int }
			}]
		}
		e.query(t, `{ persons(orderBy: [{statementCount: DESC}], first: 10) { edges { node { id statements { totalCount } } } } }`, &resp)
		ns := resp.Persons.nodes()
		for i := 1; i < len(ns); i++ {
			if ns[i].Statements.TotalCount > ns[i-1].Statements.TotalCount {
				t.Errorf("%s (%d statements) after %s (%d)", ns[i].ID, ns[i].Statements.TotalCount, ns[i-1].ID, ns[i-1].Statements.TotalCount)
			}
		}
		if len(ns) == 0 || ns[0].Statements.TotalCount == 0 {
			t.Errorf("persons: %+v", ns)
		}
	})
}

// TestRelationships follows the relationship fields an analyst uses.
func TestRelationships(t *testing.T) {
	e := corpus(t)
	t.Run("a person's roles over time", func(t *testing.T) {
		var resp struct {
			Node struct {
				Roles []struct {
					Title        string
					Of           struct{ ID string }
					Since, Until *string
					Source       string
					Articles     []struct{ ID string }
				}
				Current []struct{ Title string } `json:"current"`
				Before  []struct{ Title string } `json:"before"`
			}
		}
		e.query(t, `{ node(id: "person:joe-biden") { ... on Person {
		    roles { title of { id } since until source articles { id } }
		    current: roles(at: "2025-06-01") { title }
		    before: roles(at: "2024-06-01") { title } } } }`, &resp)
		n := resp.Node
		if len(n.Roles) == 0 || n.Roles[0].Title != "President" || n.Roles[0].Of.ID != "US" || n.Roles[0].Until == nil || *n.Roles[0].Until != "2025-01-20" {
			t.Fatalf("Joe Biden's roles: %+v", n.Roles)
		}
		if len(n.Roles[0].Articles) == 0 {
			t.Errorf("role without articles: %+v", n.Roles[0])
		}
		if len(n.Current) != 0 || len(n.Before) == 0 {
			t.Errorf("roles at 2025-06-01: %+v, at 2024-06-01: %+v", n.Current, n.Before)
		}
	})
	t.Run("a person's statements and events", func(t *testing.T) {
		var resp struct {
			Node struct {
				Statements     conn[stmt]
				EventsAttended conn[struct{ ID, Date string }]
				MentionedIn    conn[stmt]
			}
		}
		e.query(t, `{ node(id: "person:volodymyr-zelensky") { ... on Person {
		    statements(where: {from: "2025-01-01"}, first: 100) { totalCount edges { node { `+stmtFields+` } } }
		    eventsAttended { totalCount edges { node { id date } } }
		    mentionedIn(first: 100) { totalCount edges { node { `+stmtFields+` } } } } } }`, &resp)
		n := resp.Node
		if len(n.Statements.Edges) == 0 || len(n.EventsAttended.Edges) == 0 {
			t.Fatalf("Zelensky: %d statements, %d events", len(n.Statements.Edges), len(n.EventsAttended.Edges))
		}
		for _, s := range n.Statements.nodes() {
			if s.Speaker.ID != "person:volodymyr-zelensky" || s.Date < "2025-01-01" {
				t.Errorf("statement %+v", s)
			}
		}
		if !contains(ids(n.EventsAttended.nodes(), func(e struct{ ID, Date string }) string { return e.ID }), "event:summit-paris-2025-09-04") {
			t.Errorf("events attended: %+v", n.EventsAttended.nodes())
		}
		for _, s := range n.MentionedIn.nodes() {
			if !s.mentions("person:volodymyr-zelensky") {
				t.Errorf("statement %s does not mention him", s.ID)
			}
		}
	})
	t.Run("a state's office holders and officials' statements", func(t *testing.T) {
		var resp struct {
			Node struct {
				OfficeHolders conn[struct {
					Person struct{ ID string }
					Title  string
					Of     struct{ ID string }
					Since  *string
					Until  *string
				}]
				StatementsByOfficials conn[stmt]
				Statements            conn[stmt]
				MentionedIn           conn[stmt]
			}
		}
		e.query(t, `{ node(id: "RU") { ... on State {
		    officeHolders(at: "2025-09-01", first: 100) { totalCount edges { node { person { id } title of { id } since until } } }
		    statementsByOfficials(first: 100) { totalCount edges { node { `+stmtFields+` } } }
		    statements(first: 100) { totalCount edges { node { `+stmtFields+` } } }
		    mentionedIn(first: 100) { totalCount edges { node { `+stmtFields+` } } } } } }`, &resp)
		n := resp.Node
		holders := ids(n.OfficeHolders.nodes(), func(r struct {
			Person struct{ ID string }
			Title  string
			Of     struct{ ID string }
			Since  *string
			Until  *string
		}) string {
			return r.Person.ID
		})
		for _, want := range []string{"person:vladimir-putin", "person:sergey-lavrov", "person:dmitry-peskov"} {
			if !contains(holders, want) {
				t.Errorf("%s not among Russia's office holders %v", want, holders)
			}
		}
		for _, r := range n.OfficeHolders.nodes() {
			if r.Since != nil && *r.Since > "2025-09-01" || r.Until != nil && *r.Until < "2025-09-01" {
				t.Errorf("role not held on 2025-09-01: %+v", r)
			}
		}
		if n.StatementsByOfficials.TotalCount <= n.Statements.TotalCount {
			t.Errorf("officials made %d statements, the state itself %d", n.StatementsByOfficials.TotalCount, n.Statements.TotalCount)
		}
		speakers := ids(n.StatementsByOfficials.nodes(), func(s stmt) string { return s.Speaker.ID })
		for _, want := range []string{"person:vladimir-putin", "person:dmitry-peskov"} {
			if !contains(speakers, want) {
				t.Errorf("no statement by %s among those of Russia's officials", want)
			}
		}
		for _, s := range n.MentionedIn.nodes() {
			if !s.mentions("RU") {
				t.Errorf("statement %s does not mention Russia", s.ID)
			}
		}
	})
	t.Run("an event's participants and the statements made there", func(t *testing.T) {
		var resp struct {
			Node struct {
				Kind         string
				Date         string
				Place        struct{ ID string }
				Participants struct {
					TotalCount int
					Edges      []struct {
						Node     named
						Articles []struct{ ID string }
					}
				}
				ReportedIn []struct {
					Article  struct{ ID string }
					Text     string
					Sentence string
				}
			}
			Place struct {
				StatementsMadeThere conn[stmt]
				Events              conn[struct{ ID string }]
				State               struct{ ID string }
			}
		}
		e.query(t, `{ node(id: "event:summit-paris-2025-09-04") { ... on Event {
		    kind date place { id }
		    participants { totalCount edges { node { __typename id name } articles { id } } }
		    reportedIn { article { id } text sentence } } }
		  place: node(id: "place:prague") { ... on Place {
		    statementsMadeThere { edges { node { `+stmtFields+` } } }
		    events { edges { node { id } } }
		    state { id } } } }`, &resp)
		n := resp.Node
		if n.Kind != "Summit" || n.Date != "2025-09-04" || n.Place.ID != "place:paris" {
			t.Errorf("event: %+v", n)
		}
		var who []string
		for _, p := range n.Participants.Edges {
			who = append(who, p.Node.ID)
			if len(p.Articles) == 0 || p.Articles[0].ID != "seed-paris-security-guarantees" {
				t.Errorf("attendance of %s without its article: %+v", p.Node.ID, p.Articles)
			}
		}
		if !contains(who, "person:volodymyr-zelensky") || n.Participants.TotalCount != len(who) {
			t.Errorf("participants %v (totalCount %d)", who, n.Participants.TotalCount)
		}
		if len(n.ReportedIn) == 0 || n.ReportedIn[0].Article.ID != "seed-paris-security-guarantees" || !strings.Contains(n.ReportedIn[0].Sentence, n.ReportedIn[0].Text) {
			t.Errorf("reportedIn: %+v", n.ReportedIn)
		}
		p := resp.Place
		if p.State.ID != "CZ" || len(p.StatementsMadeThere.Edges) == 0 {
			t.Errorf("Prague: state %s, %d statements", p.State.ID, len(p.StatementsMadeThere.Edges))
		}
		for _, s := range p.StatementsMadeThere.nodes() {
			if s.Place == nil || s.Place.ID != "place:prague" {
				t.Errorf("statement %s made at %+v", s.ID, s.Place)
			}
		}
	})
	t.Run("an article's statements, mentions and events", func(t *testing.T) {
		var resp struct {
			Article struct {
				Text, Title, Language, Published, Source string
				URL                                      *string
				Statements                               conn[stmt]
				Mentions                                 []struct {
					Entity struct{ ID string }
					Count  int
				}
				Events []struct{ ID string }
			}
			Topic struct {
				Statements conn[stmt]
			}
		}
		e.query(t, `{ article(id: "seed-paris-security-guarantees") {
		    text title language published source url statements(first: 100) { totalCount edges { node { `+stmtFields+` } } }
		    mentions { entity { id } count } events { id } }
		  topic: node(id: "troop-deployment") { ... on Topic { statements(first: 100) { edges { node { `+stmtFields+` } } } } } }`, &resp)
		a := resp.Article
		if !strings.HasPrefix(a.Text, "ضمانات أمنية لأوكرانيا") || a.Statements.TotalCount == 0 || len(a.Events) == 0 {
			t.Fatalf("article: %d statements, %d events", a.Statements.TotalCount, len(a.Events))
		}
		if !strings.HasPrefix(a.Text, a.Title) || a.Language != "ar" || a.Published != "2025-09-04" || a.Source != "خبرين" || a.URL != nil {
			t.Errorf("article fields: title %q, language %q, published %q, source %q, url %v", a.Title, a.Language, a.Published, a.Source, a.URL)
		}
		for i, m := range a.Mentions {
			if m.Count < 1 || i > 0 && m.Count > a.Mentions[i-1].Count {
				t.Errorf("mentions not most first: %+v", a.Mentions)
			}
		}
		for _, s := range resp.Topic.Statements.nodes() {
			if !s.hasTopic("troop-deployment") {
				t.Errorf("topic statement %s: topics %+v", s.ID, s.Topics)
			}
		}
	})
	t.Run("an organisation's state and officials", func(t *testing.T) {
		var resp struct {
			Node struct {
				Kind                  *string
				State                 struct{ ID string }
				OfficeHolders         conn[struct{ Person struct{ ID string } }]
				StatementsByOfficials conn[stmt]
			}
		}
		e.query(t, `{ node(id: "org:kremlin") { ... on Organization { kind state { id }
		    officeHolders { edges { node { person { id } } } }
		    statementsByOfficials { edges { node { `+stmtFields+` } } } } } }`, &resp)
		n := resp.Node
		if n.State.ID != "RU" || len(n.OfficeHolders.Edges) == 0 {
			t.Errorf("Kremlin: %+v", n)
		}
	})
}
