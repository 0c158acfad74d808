package extract

import (
	"time"

	"github.com/geokg/geokg/loader/lexicon"
)

// eventRank orders event kinds when several nouns describe one gathering
// ("talks" at a "summit" are the summit).
var eventRank = map[string]int{"Summit": 5, "Conference": 4, "Talks": 3, "Meeting": 2, "Strike": 1, "Exchange": 1}

// findEvents records an event where a sentence names one with a place: an
// event noun and a place after a preposition or right after the noun. When
// several event nouns describe one gathering the strongest names it
// ("talks" at a "summit"); the place is the most specific one named (a
// city before a region). Its date is the sentence's date expression or the
// article's default date; its participants the people and states the
// sentence names. Mentions of one place and date are merged.
func (d *doc) findEvents(s *sentence) {
	best, at := "", -1
	for i := range s.toks {
		if ev, ok := cueOf(s.cues[i], lexicon.Event); ok && eventRank[ev.Value.Value] > eventRank[best] {
			best, at = ev.Value.Value, i
		}
	}
	if at < 0 {
		return
	}
	place, rank := "", -1
	about := len(s.toks)
	for k := at; k < len(s.toks); k++ {
		if isAboutWord(s.toks[k].Norm) {
			about = k // what the gathering is about, not where
			break
		}
	}
	for _, m := range s.ments {
		if m.typ != Place || !(m.locative || m.i == at+1 || m.j == at) || m.i > about {
			continue
		}
		if r := placeRank(d.ents[m.entityID].Kind); r > rank {
			place, rank = m.entityID, r
		}
	}
	if place == "" {
		return
	}
	date := d.defaultDate
	for k := range s.toks {
		if t, _, ok := d.dateAt(s, k); ok {
			date = t.Format(time.DateOnly)
			break
		}
	}
	d.addEvent(best, place, date, d.participants(s), s.toks[at].Start, s.toks[at].End)
}

// placeRank prefers specific places: a city, then a site in it (news names
// the city of a summit more surely than its hall), then a region.
func placeRank(kind string) int {
	switch kind {
	case "city":
		return 3
	case "site":
		return 2
	case "region", "":
		return 1
	}
	return 0
}

// eventStatements ties statements to the gathering where they were made:
// a statement without a place of its own, dated the day of a summit, talks
// or meeting, by a participant or in a sentence that names the gathering
// or its place, was made there. Its speaker then took part.
func (d *doc) eventStatements() {
	for k := range d.stmts {
		st := &d.stmts[k]
		for e := range d.events {
			ev := &d.events[e]
			if ev.Date != st.Date || eventRank[ev.Type] < eventRank["Meeting"] {
				continue
			}
			if st.PlaceID != "" && st.PlaceID != ev.PlaceID {
				continue
			}
			if !contains(ev.ParticipantIDs, st.SpeakerID) && !d.sentenceNamesEvent(st.sentence, ev) {
				continue
			}
			st.PlaceID, st.EventID = ev.PlaceID, ev.ID
			if d.ents[st.SpeakerID].Type == Person && !contains(ev.ParticipantIDs, st.SpeakerID) {
				ev.ParticipantIDs = append(ev.ParticipantIDs, st.SpeakerID)
			}
			break
		}
	}
}

// sentenceNamesEvent reports whether sentence si names the event by its
// noun or its place.
func (d *doc) sentenceNamesEvent(si int, ev *Event) bool {
	s := d.sents[si]
	for i := range s.toks {
		if hasCue(s.cues[i], lexicon.Event) {
			return true
		}
	}
	for _, m := range s.ments {
		if m.entityID == ev.PlaceID {
			return true
		}
	}
	return false
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

// gathering reports the event kinds where people meet and speak.
func gathering(kind string) bool { return eventRank[kind] >= eventRank["Meeting"] }

// addEvent records an event, merged with one already found at the same
// place and date — or, for gatherings, on the same date: an article's
// "talks in Anchorage" and "summit in Alaska" that day are one summit, at
// the most specific place named.
func (d *doc) addEvent(kind, place, date string, parts []string, start, end int) {
	for k := range d.events {
		e := &d.events[k]
		if e.Date != date || !(e.PlaceID == place || gathering(kind) && gathering(e.Type)) {
			continue
		}
		if placeRank(d.ents[place].Kind) > placeRank(d.ents[e.PlaceID].Kind) {
			e.PlaceID = place
		}
		if eventRank[kind] > eventRank[e.Type] {
			e.Type = kind
			e.Start, e.End = start, end
		}
		e.Name = eventName(e.Type, d.ents[e.PlaceID].Name)
		e.ID = eventID(e.Type, d.ents[e.PlaceID].Name, date)
		e.ParticipantIDs = union(e.ParticipantIDs, parts)
		return
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
