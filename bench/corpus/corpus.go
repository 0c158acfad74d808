// Package corpus generates synthetic news articles for benchmarks and load
// tests: deterministic for a seed, in Arabic and English, built from the
// knowledge base so that speakers, their offices, states and places are
// real and the extractor has realistic work — statements in several
// phrasings, topics, dates and summits.
package corpus

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"strings"
	"time"

	"github.com/geokg/geokg/loader/article"
	"github.com/geokg/geokg/loader/kb"
)

// Options shape a corpus.
type Options struct {
	Seed int64
	N    int
	// Arabic is the share of Arabic articles (the rest are English);
	// negative means the default 0.7.
	Arabic float64
	// From and To bound the publication dates (default 2023-01-01 to
	// 2025-12-31).
	From, To time.Time
}

// speaker is a person with an office valid at a date.
type speaker struct {
	p    *kb.Person
	role kb.Role
}

// Generator makes articles.
type Generator struct {
	k        *kb.KB
	r        *rand.Rand
	opts     Options
	speakers []*kb.Person
}

// New returns a generator over a knowledge base.
func New(k *kb.KB, o Options) *Generator {
	if o.Arabic < 0 {
		o.Arabic = 0.7
	}
	if o.From.IsZero() {
		o.From = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if o.To.IsZero() {
		o.To = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	g := &Generator{k: k, r: rand.New(rand.NewSource(o.Seed)), opts: o}
	for i := range k.Persons {
		p := &k.Persons[i]
		for _, r := range p.Roles {
			if k.State(r.Of) != nil && r.TitleAr != "" {
				g.speakers = append(g.speakers, p)
				break
			}
		}
	}
	return g
}

// WriteJSONL writes N articles, one JSON object per line.
func (g *Generator) WriteJSONL(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := 0; i < g.opts.N; i++ {
		if err := enc.Encode(g.Article(i)); err != nil {
			return fmt.Errorf("write article %d: %w", i, err)
		}
	}
	return nil
}

// Article returns the i-th article of the corpus.
func (g *Generator) Article(i int) article.Article {
	days := int(g.opts.To.Sub(g.opts.From).Hours()/24) + 1
	pub := g.opts.From.AddDate(0, 0, g.r.Intn(days))
	arabic := g.r.Float64() < g.opts.Arabic
	day := pub.Format(time.DateOnly)
	var who []speaker
	for len(who) < 4 {
		p := g.speakers[g.r.Intn(len(g.speakers))]
		for _, r := range p.Roles {
			if r.ValidAt(day) && g.k.State(r.Of) != nil && r.TitleAr != "" {
				who = append(who, speaker{p, r})
				break
			}
		}
	}
	topic := topics[g.r.Intn(len(topics))]
	host := g.k.State(who[0].role.Of)
	var b strings.Builder
	lang := "en"
	if arabic {
		lang = "ar"
		fmt.Fprintf(&b, "%s: %s\n", who[0].p.NameAr, pick(g.r, topic.ar))
		fmt.Fprintf(&b, "عقد قادة قمة في %s يوم %s لبحث %s، بمشاركة %s و%s.\n\n", host.CapitalAr, weekdayAr[pub.Weekday()], topic.nameAr, who[1].p.NameAr, who[2].p.NameAr)
	} else {
		fmt.Fprintf(&b, "%s: %s\n", who[0].p.Name, pick(g.r, topic.en))
		fmt.Fprintf(&b, "Leaders met at a summit in %s on %s to discuss %s, with %s and %s attending.\n\n", host.Capital, pub.Weekday(), topic.nameEn, who[1].p.Name, who[2].p.Name)
	}
	for k, s := range who {
		st := g.k.State(s.role.Of)
		claim := pick(g.r, topic.ar)
		if !arabic {
			claim = pick(g.r, topic.en)
		}
		form := (i + k) % 4
		if arabic {
			gent := ""
			if len(st.GentilicsAr) > 0 {
				// "كوري جنوبي" takes the article on each word.
				for _, w := range strings.Fields(st.GentilicsAr[0]) {
					gent += " ال" + w
				}
			}
			switch form {
			case 0:
				fmt.Fprintf(&b, "وقال %s%s %s يوم %s إن %s.\n", s.role.TitleAr, gent, s.p.NameAr, weekdayAr[pub.AddDate(0, 0, -g.r.Intn(3)).Weekday()], claim)
			case 1:
				fmt.Fprintf(&b, "\"%s، وهذا موقفنا الثابت\"، قال %s.\n", claim, s.p.NameAr)
			case 2:
				fmt.Fprintf(&b, "من جهته، أكد %s%s %s أن %s، مضيفاً أن بلاده ستواصل جهودها.\n", s.role.TitleAr, gent, s.p.NameAr, claim)
			default:
				fmt.Fprintf(&b, "وبحسب %s، فإن %s.\n", s.p.NameAr, claim)
			}
		} else {
			adj := st.Name
			if len(st.Demonyms) > 0 {
				adj = st.Demonyms[0]
			}
			switch form {
			case 0:
				fmt.Fprintf(&b, "%s %s %s said on %s that %s.\n", adj, strings.ToLower(s.role.Title), s.p.Name, pub.AddDate(0, 0, -g.r.Intn(3)).Weekday(), claim)
			case 1:
				fmt.Fprintf(&b, "\"%s, and that is our position,\" %s said.\n", capitalise(claim), s.p.Name)
			case 2:
				fmt.Fprintf(&b, "%s told reporters that %s, adding that talks would continue.\n", s.p.Name, claim)
			default:
				fmt.Fprintf(&b, "According to %s, %s.\n", s.p.Name, claim)
			}
		}
	}
	if arabic && g.r.Intn(3) == 0 {
		fmt.Fprintf(&b, "شاهد ايضاً: %s\n", pick(g.r, topic.ar))
	}
	return article.Article{
		ID:        fmt.Sprintf("gen-%d-%06d", g.opts.Seed, i),
		Source:    "geokg-corpus",
		Published: day,
		Language:  lang,
		Text:      b.String(),
	}
}

func pick(r *rand.Rand, xs []string) string { return xs[r.Intn(len(xs))] }

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

var weekdayAr = map[time.Weekday]string{
	time.Sunday: "الأحد", time.Monday: "الاثنين", time.Tuesday: "الثلاثاء", time.Wednesday: "الأربعاء",
	time.Thursday: "الخميس", time.Friday: "الجمعة", time.Saturday: "السبت",
}

// topic is a bank of claims on one issue.
type topic struct {
	nameAr, nameEn string
	ar, en         []string
}

var topics = []topic{
	{"نشر القوات", "troop deployments",
		[]string{"أي نشر لقوات أجنبية يتطلب موافقة الأطراف", "بلاده مستعدة لإرسال قوات حفظ سلام", "سحب القوات من المنطقة ليس مطروحاً"},
		[]string{"any deployment of foreign troops needs the consent of both sides", "the country is ready to send peacekeepers", "withdrawing troops from the region is not on the table"}},
	{"الضمانات الأمنية", "security guarantees",
		[]string{"الضمانات الأمنية يجب أن تكون ملزمة", "لا سلام دائماً من دون ضمانات أمنية واضحة"},
		[]string{"security guarantees must be binding", "there is no lasting peace without clear security guarantees"}},
	{"وقف إطلاق النار", "a ceasefire",
		[]string{"وقف إطلاق النار يجب أن يبدأ فوراً", "الهدنة صامدة رغم الخروقات"},
		[]string{"a ceasefire must start immediately", "the truce is holding despite violations"}},
	{"العقوبات", "sanctions",
		[]string{"العقوبات الجديدة ستستهدف قطاع الطاقة", "تخفيف العقوبات مرهون بخطوات ملموسة"},
		[]string{"new sanctions will target the energy sector", "easing sanctions depends on concrete steps"}},
	{"المساعدات العسكرية", "military aid",
		[]string{"شحنات جديدة من أنظمة الدفاع الجوي ستصل قريباً", "المساعدات العسكرية ستستمر"},
		[]string{"new air defence systems will arrive soon", "military aid will continue"}},
	{"الأزمة الإنسانية", "the humanitarian crisis",
		[]string{"إيصال المساعدات الإنسانية إلى المدنيين أولوية", "تبادل الأسرى خطوة إنسانية مهمة"},
		[]string{"getting humanitarian aid to civilians is the priority", "the prisoner exchange is an important humanitarian step"}},
}
