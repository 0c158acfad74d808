package eval

import (
	"fmt"
	"io"
	"strings"

	"github.com/geokg/geokg/loader/extract"
)

// Run extracts every pair and scores it; it returns the per-article scores
// and their sum.
func Run(x *extract.Extractor, pairs []Pair) ([]*Score, *Score, error) {
	total := newScore("ALL")
	var scores []*Score
	for _, p := range pairs {
		res, err := x.Extract(p.Article)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p.Name, err)
		}
		s := ScoreOne(p.Name, res, p.Gold)
		scores = append(scores, s)
		total.Add(s)
	}
	return scores, total, nil
}

// Report prints one row per article, the totals with precision, recall and
// F1, and, if misses is set, what each article missed or got wrong.
func Report(w io.Writer, scores []*Score, total *Score, misses bool) {
	fmt.Fprintf(w, "%-52s %6s %6s %6s %6s %6s %6s\n", "article", "ent F1", "stm F1", "top F1", "rol F1", "evt F1", "date")
	for _, s := range scores {
		fmt.Fprintf(w, "%-52s %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f\n", s.Article, s.KeyEntities().F1(), s.Statements.F1(), s.Topics.F1(), s.Roles.F1(), s.Events.F1(), s.Dates.Value())
	}
	fmt.Fprintf(w, "\n%-28s %5s %5s %5s %6s %6s %6s\n", "ALL", "P", "R", "F1", "TP", "FP", "FN")
	row := func(name string, c Count) {
		fmt.Fprintf(w, "%-28s %5.2f %5.2f %5.2f %6d %6d %6d\n", name, c.P(), c.R(), c.F1(), c.TP, c.FP, c.FN)
	}
	for _, t := range EntityTypes {
		row("entity "+t, *total.Entities[t])
	}
	row("entities (Person+State+Org)", total.KeyEntities())
	row("statements", total.Statements)
	row("topics", total.Topics)
	row("roles", total.Roles)
	row("events", total.Events)
	row("event participants", total.Participants)
	acc := func(name string, a Acc) {
		fmt.Fprintf(w, "%-28s %5.2f  (%d of %d)\n", name, a.Value(), a.Right, a.Total)
	}
	acc("date accuracy", total.Dates)
	acc("direct/reported accuracy", total.Direct)
	acc("place accuracy", total.Places)
	if !misses {
		return
	}
	for _, s := range scores {
		if len(s.Misses) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n  %s\n", s.Article, strings.Join(s.Misses, "\n  "))
	}
}
