package extract

import (
	"strconv"
	"time"
	"unicode"

	"github.com/geokg/geokg/loader/lexicon"
	"github.com/geokg/geokg/loader/text"
)

// timesOfDayAr are the times of day that may precede a day ("صباح
// اليوم"), normalised.
var timesOfDayAr = map[string]bool{"صباح": true, "مساء": true, "ظهر": true, "فجر": true, "عصر": true, "ليله": true, "ظهيره": true}

// dateAt reads a date expression starting at token i of a sentence: a
// weekday ("يوم الخميس", "on Wednesday": the last such day on or before the
// publication date), a relative day ("أمس", "yesterday") or an explicit day
// and month ("4 سبتمبر", "12 أيلول/سبتمبر", "September 4", "4 September
// 2025"). It returns the date and the tokens used.
func (d *doc) dateAt(s *sentence, i int) (time.Time, int, bool) {
	// "صباح اليوم", "مساء الخميس": a time of day before the day.
	if timesOfDayAr[s.toks[i].Norm] && i+1 < len(s.toks) {
		if t, n, ok := d.dateAt(s, i+1); ok {
			return t, n + 1, true
		}
	}
	cues := s.cues[i]
	if m, ok := cueOf(cues, lexicon.Day); ok {
		back := (int(d.pub.Weekday()) - m.Value.N + 7) % 7
		return d.pub.AddDate(0, 0, -back), m.Len, true
	}
	if m, ok := cueOf(cues, lexicon.RelativeDay); ok {
		return d.pub.AddDate(0, 0, m.Value.N), m.Len, true
	}
	// Day then month: "4 سبتمبر", "12 أيلول/سبتمبر 2025".
	if s.toks[i].Kind == text.Number && i+1 < len(s.toks) {
		if day, err := strconv.Atoi(s.toks[i].Text); err == nil && day >= 1 && day <= 31 {
			if m, ok := monthAt(s, i+1); ok {
				n := 1 + m.Len
				n += d.skipAltMonth(s, i+n)
				year, yn := d.yearAt(s, i+n)
				return d.makeDate(year, m.Value.N, day), n + yn, true
			}
		}
	}
	// Month then day: "September 4", "September 4, 2025".
	if m, ok := monthAt(s, i); ok && i+m.Len < len(s.toks) && s.toks[i+m.Len].Kind == text.Number {
		if day, err := strconv.Atoi(s.toks[i+m.Len].Text); err == nil && day >= 1 && day <= 31 {
			n := m.Len + 1
			if i+n < len(s.toks) && s.toks[i+n].Text == "," {
				if year, yn := d.yearAt(s, i+n+1); yn > 0 {
					return d.makeDate(year, m.Value.N, day), n + 1 + yn, true
				}
			}
			year, yn := d.yearAt(s, i+n)
			return d.makeDate(year, m.Value.N, day), n + yn, true
		}
	}
	return time.Time{}, 0, false
}

// monthAt finds a month name at token i. English month names are
// capitalised; lower-case "may" and "march" are other words.
func monthAt(s *sentence, i int) (text.Match[lexicon.Cue], bool) {
	m, ok := cueOf(s.cues[i], lexicon.Month)
	if !ok {
		return m, false
	}
	t := s.toks[i]
	if !text.IsArabic(t.Text) && !unicode.IsUpper(firstRune(t.Text)) {
		return m, false
	}
	return m, true
}

// skipAltMonth skips the second name of a month written in both Arabic
// systems ("أيلول/سبتمبر").
func (d *doc) skipAltMonth(s *sentence, i int) int {
	if i+1 < len(s.toks) && s.toks[i].Text == "/" {
		if m, ok := monthAt(s, i+1); ok {
			return 1 + m.Len
		}
	}
	return 0
}

func (d *doc) yearAt(s *sentence, i int) (int, int) {
	if i < len(s.toks) && s.toks[i].Kind == text.Number {
		if y, err := strconv.Atoi(s.toks[i].Text); err == nil && y >= 1900 && y <= 2100 {
			return y, 1
		}
	}
	return 0, 0
}

// makeDate builds a date; without a year, the latest one not after the
// publication date (a news article reports the past).
func (d *doc) makeDate(year, month, day int) time.Time {
	if year != 0 {
		return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	}
	t := time.Date(d.pub.Year(), time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.After(d.pub.AddDate(0, 0, 7)) {
		t = t.AddDate(-1, 0, 0)
	}
	return t
}

// sentenceDate returns the date of a statement from a date expression in
// its sentence: outside the content, or inside it right after a speech
// verb ("، قائلاً في بيان يوم الاثنين إن"), never inside a quote (a date in
// what is said is what it talks about, not when it was said). ok is false
// when there is none; the date is then the article's default date.
func (d *doc) sentenceDate(s *sentence, from, to int) (string, bool) {
	qs := quotes(s)
	var inside string
	for i := 0; i < len(s.toks); i++ {
		t, n, ok := d.dateAt(s, i)
		if !ok {
			continue
		}
		day := t.Format(time.DateOnly)
		if i < from || i > to {
			return day, true
		}
		if inside == "" && !inQuoteSpan(qs, i) && d.afterSpeechCue(s, i) {
			inside = day
		}
		i += n - 1
	}
	if inside != "" {
		return inside, true
	}
	return d.defaultDate, false
}

func inQuoteSpan(qs []quoteSpan, i int) bool {
	for _, q := range qs {
		if i > q.open && i < q.close {
			return true
		}
	}
	return false
}

// afterSpeechCue reports whether a speech verb or participle stands within a
// few tokens before token i.
func (d *doc) afterSpeechCue(s *sentence, i int) bool {
	for k := max(0, i-5); k < i; k++ {
		if _, _, ok := speechCue(s.cues[k]); ok {
			return true
		}
	}
	return false
}

// ledeDate is the first day named in the body outside quotes — in news, the
// lede says when the main event happened ("on Sunday", "يوم الجمعة") — or
// the publication date.
func (d *doc) ledeDate() string {
	for _, s := range d.sents {
		if !s.body {
			continue
		}
		qs := quotes(s)
		for i := range s.toks {
			if inQuoteSpan(qs, i) {
				continue
			}
			if t, _, ok := d.dateAt(s, i); ok && !t.After(d.pub) {
				return t.Format(time.DateOnly)
			}
		}
	}
	return d.art.Published
}
