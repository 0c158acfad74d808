// Package lexicon holds the word lists of the extractor as embedded data
// files: the cue words of attribution (speech verbs, titles, collective
// nouns, event nouns; data/cues.yaml), the topic lexicon
// (data/topics.yaml) and labelled statements (data/topic_train.tsv), from
// which it trains a small statistical topic model (TopicModel). It turns
// the word lists into phrase matchers; it knows nothing of entities.
package lexicon

import (
	"embed"
	"fmt"
	"strings"

	"github.com/geokg/geokg/loader/text"
	"gopkg.in/yaml.v3"
)

//go:embed data/*.yaml
var files embed.FS

// Cue is what a cue phrase signals.
type Cue struct {
	Kind CueKind
	// Value is the canonical title for Title cues, the event kind for
	// Event cues, the English word for Group and RegionGentilic cues.
	Value string
	// N is the number of Day, Month and RelativeDay cues.
	N int
}

// CueKind names the role of a cue phrase in attribution.
type CueKind uint8

// Cue kinds.
const (
	Speech         CueKind = iota + 1 // a verb or noun introducing speech
	Continue                          // a speech verb that continues the last speaker
	Participle                        // "مؤكداً", "saying": continues the clause's subject
	Report                            // "نقلت ... عن X": the speaker follows عن
	Quoting                           // "قوله" after a report: ends a name, attributes nothing
	Complement                        // opens reported content (إن، أن، that)
	According                         // "according to X"
	From                              // "عن X" after a passive report
	Locative                          // a preposition of place
	Title                             // an office title
	Group                             // a collective noun that can speak; Value is its English noun
	RegionGentilic                    // "European", "أوروبيون"; Value is the English adjective
	Event                             // an event noun; Value is the event kind
	Day                               // a weekday; N is 0 (Sunday) to 6
	Month                             // a month; N is 1 to 12
	RelativeDay                       // "أمس", "today"; N is the offset in days
)

type cueFile struct {
	SpeechAr     []string   `yaml:"speechAr"`
	SpeechEn     []string   `yaml:"speechEn"`
	ParticipleAr []string   `yaml:"participleAr"`
	ParticipleEn []string   `yaml:"participleEn"`
	ReportAr     []string   `yaml:"reportAr"`
	QuotingAr    []string   `yaml:"quotingAr"`
	CommonAr     []string   `yaml:"commonAr"`
	ReportEn     []string   `yaml:"reportEn"`
	ContinueAr   []string   `yaml:"continueAr"`
	ContinueEn   []string   `yaml:"continueEn"`
	ComplementAr []string   `yaml:"complementAr"`
	ComplementEn []string   `yaml:"complementEn"`
	AccordingAr  []string   `yaml:"accordingAr"`
	AccordingEn  []string   `yaml:"accordingEn"`
	FromAr       []string   `yaml:"fromAr"`
	LocativeAr   []string   `yaml:"locativeAr"`
	LocativeEn   []string   `yaml:"locativeEn"`
	Groups       []named    `yaml:"groups"`
	RegionGent   []named    `yaml:"regionGentilics"`
	Days         []numbered `yaml:"days"`
	Months       []numbered `yaml:"months"`
	RelativeDays []struct {
		Offset int      `yaml:"offset"`
		Ar     []string `yaml:"ar"`
		En     []string `yaml:"en"`
	} `yaml:"relativeDays"`
	Titles []struct {
		Title string   `yaml:"title"`
		Ar    []string `yaml:"ar"`
		En    []string `yaml:"en"`
	} `yaml:"titles"`
	Events []struct {
		Kind string   `yaml:"kind"`
		Ar   []string `yaml:"ar"`
		En   []string `yaml:"en"`
	} `yaml:"events"`
}

type named struct {
	En      string   `yaml:"en"`
	Ar      []string `yaml:"ar"`
	EnForms []string `yaml:"enForms"`
}

type numbered struct {
	N  int      `yaml:"n"`
	Ar []string `yaml:"ar"`
	En []string `yaml:"en"`
}

// Topic is one issue of the topic lexicon.
type Topic struct {
	ID      string   `yaml:"id"`
	Name    string   `yaml:"name"`
	NameAr  string   `yaml:"nameAr"`
	Terms   []string `yaml:"terms"`
	TermsAr []string `yaml:"termsAr"`
	Weak    []string `yaml:"weak"`
	WeakAr  []string `yaml:"weakAr"`
}

// TopicHit is a topic term found in text; Weak terms count only next to a
// strong term of the same topic.
type TopicHit struct {
	Topic string
	Weak  bool
}

// Lexicon is the loaded word lists with their matchers.
type Lexicon struct {
	Topics []Topic
	// Cues finds cue phrases; one phrase may carry several cues (أضاف is
	// both Speech and Continue).
	Cues *text.Matcher[Cue]
	// TopicTerms finds topic terms.
	TopicTerms *text.Matcher[TopicHit]
	// TopicModel scores topics from all the words of a statement, learnt
	// from labelled statements (see TopicModel).
	TopicModel *TopicModel
	// Common holds normalised words that are never part of a name.
	Common map[string]bool
}

// Load reads the embedded lexicons.
func Load() (*Lexicon, error) {
	var cf cueFile
	if err := decode("cues.yaml", &cf); err != nil {
		return nil, err
	}
	var topics []Topic
	if err := decode("topics.yaml", &topics); err != nil {
		return nil, err
	}
	lx := &Lexicon{Topics: topics, Cues: text.NewMatcher[Cue](), TopicTerms: text.NewMatcher[TopicHit](), Common: map[string]bool{}}
	for _, w := range cf.CommonAr {
		lx.Common[text.Normalize(w)] = true
	}
	add := func(k CueKind, value string, lists ...[]string) {
		for _, l := range lists {
			for _, p := range l {
				lx.Cues.Add(p, Cue{Kind: k, Value: value})
			}
		}
	}
	add(Speech, "", cf.SpeechAr, cf.SpeechEn)
	add(Continue, "", cf.ContinueAr, cf.ContinueEn)
	add(Participle, "", cf.ParticipleAr, cf.ParticipleEn)
	add(Report, "", cf.ReportAr, cf.ReportEn)
	add(Quoting, "", cf.QuotingAr)
	add(Complement, "", cf.ComplementAr, cf.ComplementEn)
	add(According, "", cf.AccordingAr, cf.AccordingEn)
	add(From, "", cf.FromAr)
	add(Locative, "", cf.LocativeAr, cf.LocativeEn)
	for _, g := range cf.Groups {
		add(Group, g.En, g.Ar, g.EnForms)
	}
	for _, g := range cf.RegionGent {
		add(RegionGentilic, g.En, g.Ar, g.EnForms)
	}
	num := func(k CueKind, n int, lists ...[]string) {
		for _, l := range lists {
			for _, p := range l {
				lx.Cues.Add(p, Cue{Kind: k, N: n})
			}
		}
	}
	for _, d := range cf.Days {
		num(Day, d.N, d.Ar, d.En)
		// "يوم الخميس" is the usual Arabic form; "on Thursday" reads the
		// same as "Thursday".
		for _, w := range d.Ar {
			lx.Cues.Add("يوم "+w, Cue{Kind: Day, N: d.N})
		}
	}
	for _, m := range cf.Months {
		num(Month, m.N, m.Ar, m.En)
	}
	for _, r := range cf.RelativeDays {
		num(RelativeDay, r.Offset, r.Ar, r.En)
	}
	for _, t := range cf.Titles {
		add(Title, t.Title, t.Ar, t.En)
	}
	for _, e := range cf.Events {
		add(Event, e.Kind, e.Ar, e.En)
	}
	seen := map[string]bool{}
	for _, t := range topics {
		if t.ID == "" || seen[t.ID] {
			return nil, fmt.Errorf("lexicon: topics.yaml: missing or duplicate id %q", t.ID)
		}
		seen[t.ID] = true
		for _, l := range [][]string{t.Terms, t.TermsAr} {
			for _, p := range l {
				lx.TopicTerms.Add(p, TopicHit{Topic: t.ID})
				if w := strings.TrimSuffix(p, "*"); !strings.Contains(w, " ") && text.IsArabic(w) {
					lx.Common[text.Normalize(w)] = true
				}
			}
		}
		for _, l := range [][]string{t.Weak, t.WeakAr} {
			for _, p := range l {
				lx.TopicTerms.Add(p, TopicHit{Topic: t.ID, Weak: true})
			}
		}
	}
	examples, err := TopicTrainingSet()
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(topics))
	for i, t := range topics {
		ids[i] = t.ID
	}
	if lx.TopicModel, err = NewTopicModel(ids, examples); err != nil {
		return nil, err
	}
	return lx, nil
}

func decode(name string, v any) error {
	b, err := files.ReadFile("data/" + name)
	if err != nil {
		return fmt.Errorf("lexicon: read %s: %w", name, err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		return fmt.Errorf("lexicon: %s: %w", name, err)
	}
	return nil
}

// Topic returns the topic with the id, or nil.
func (lx *Lexicon) Topic(id string) *Topic {
	for i := range lx.Topics {
		if lx.Topics[i].ID == id {
			return &lx.Topics[i]
		}
	}
	return nil
}
