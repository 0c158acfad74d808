package extract

import (
	"fmt"
	"io"
	"strings"

	"github.com/geokg/geokg/loader/article"
	"github.com/geokg/geokg/loader/lexicon"
)

// Explain writes, for each sentence of the article, the entity mentions and
// cue words the extractor saw and the statements it made there. It is for
// people tuning the knowledge base and lexicons: it shows why a statement
// was or was not attributed.
func (x *Extractor) Explain(w io.Writer, a article.Article) error {
	res, d, err := x.extract(a)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, e := range res.Entities {
		names[e.ID] = e.Name
	}
	fmt.Fprintf(w, "default date %s, main topics %v\n", d.defaultDate, d.mainTopics)
	for _, s := range d.sents {
		var b strings.Builder
		mi := 0
		for i, t := range s.toks {
			if mi < len(s.ments) && s.ments[mi].i == i {
				m := s.ments[mi]
				fmt.Fprintf(&b, "[%s:%s ", m.typ, names[m.entityID])
			}
			b.WriteString(t.Text)
			for _, c := range s.cues[i] {
				if k := cueName(c.Value.Kind); k != "" {
					fmt.Fprintf(&b, "{%s}", k)
					break
				}
			}
			// Topic terms starting here: <topic> strong, <topic?> weak.
			for _, m := range d.topicHits(s, i) {
				weak := ""
				if m.Value.Weak {
					weak = "?"
				}
				fmt.Fprintf(&b, "<%s%s>", m.Value.Topic, weak)
			}
			if mi < len(s.ments) && s.ments[mi].j == i+1 {
				b.WriteString("]")
				mi++
			}
			b.WriteByte(' ')
		}
		kind := "body"
		if !s.body {
			kind = "title"
		}
		fmt.Fprintf(w, "\n%s %d-%d: %s\n", kind, s.span.Start, s.span.End, b.String())
		for _, st := range res.Statements {
			if st.SentenceStart == s.span.Start {
				fmt.Fprintf(w, "  -> %s (direct=%v, %s, %s, topics %v): %s\n", names[st.SpeakerID], st.Direct, st.Date, names[st.PlaceID], st.Topics, st.Text)
			}
		}
	}
	return nil
}

func cueName(k lexicon.CueKind) string {
	switch k {
	case lexicon.Speech:
		return "say"
	case lexicon.Participle:
		return "part"
	case lexicon.Report:
		return "report"
	case lexicon.Continue:
		return "cont"
	case lexicon.Complement:
		return "that"
	case lexicon.According:
		return "acc"
	case lexicon.Title:
		return "title"
	case lexicon.Day, lexicon.Month, lexicon.RelativeDay:
		return "date"
	case lexicon.Event:
		return "event"
	}
	return ""
}
