package extract

import (
	"time"

	"github.com/geokg/geokg/loader/lexicon"
)

// eventRank orders event kinds when several nouns describe one gathering
// ("talks" at a "summit" are the summit).
var eventRank = map[string]int{"Summit": 5, "Conference": 4, "Talks": 3, "Meeting": 2, "Strike": 1, "Exchange": 1}

// findEvents records an event where a sentence names one with a place: an
// event noun and a place after a preposition or right after the noun. Its
// date is the sentence's date expression or the publication date; its
// participants the people and states the sentence names. Mentions of one
// event kind at one place and date are merged.
func (d *doc) findEvents(s *sentence) {
	for i := range s.toks {
		ev, ok := cueOf(s.cues[i], lexicon.Event)
		if !ok {
			continue
		}
		place := ""
		for _, m := range s.ments {
			if m.typ == Place && (m.locative || m.i == i+ev.Len || m.j == i) && m.i >= i-1 {
				place = m.entityID
				break
			}
		}
		if place == "" {
			continue
		}
		date := d.art.Published
		for k := range s.toks {
			if t, _, ok := d.dateAt(s, k); ok {
				date = t.Format(time.DateOnly)
				break
			}
		}
		d.addEvent(ev.Value.Value, place, date, d.participants(s), s.toks[i].Start, s.toks[i+ev.Len-1].End)
		return
	}
}

// participants are the people and states a sentence names as taking part:
// those before what the event is about ("حول", "بشأن", "on"), and not
// beneficiaries ("لأوكرانيا").
func (d *doc) participants(s *sentence) []string {
	var parts []string
	for _, m := range s.ments {
		if isAboutWord(s.toks[m.i].Norm) || m.i > 0 && isAboutWord(s.toks[m.i-1].Norm) {
			break
		}
		if m.lam || m.typ == Place {
			continue
		}
		if m.typ == Person || m.typ == State && m.kind == refName {
			parts = append(parts, m.entityID)
		}
	}
	return parts
}

func isAboutWord(norm string) bool {
	switch norm {
	case "حول", "بشان", "about", "on", "over":
		return true
	}
	return false
}

func (d *doc) addEvent(kind, place, date string, parts []string, start, end int) {
	for k := range d.events {
		e := &d.events[k]
		if e.PlaceID == place && e.Date == date {
			if eventRank[kind] > eventRank[e.Type] {
				e.Type = kind
				e.Name = eventName(kind, d.ents[place].Name)
				e.ID = eventID(kind, d.ents[place].Name, date)
				e.Start, e.End = start, end
			}
			e.ParticipantIDs = union(e.ParticipantIDs, parts)
			return
		}
	}
	d.events = append(d.events, Event{ID: eventID(kind, d.ents[place].Name, date), Type: kind, Name: eventName(kind, d.ents[place].Name), Date: date, PlaceID: place, ParticipantIDs: union(nil, parts), Start: start, End: end})
}

func eventName(kind, place string) string { return kind + " in " + place }

// eventID is stable across articles, so that two reports of one summit land
// on one node.
func eventID(kind, place, date string) string {
	return "event:" + slug(kind) + "-" + slug(place) + "-" + date
}

func union(a, b []string) []string {
	out := append([]string{}, a...)
	for _, x := range b {
		found := false
		for _, y := range out {
			found = found || x == y
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}
