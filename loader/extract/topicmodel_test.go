package extract

import (
	"strings"
	"testing"

	"github.com/geokg/geokg/loader/article"
)

// TestTopicModel runs small articles whose statement implies a topic that
// no term in it names: the article's lede names the topic, but as its
// second topic, too weakly to carry the statement alone. The topic model
// reads the statement's words and tips it. Each case also runs an extractor
// without the model and checks that it misses the topic, so that the case
// keeps testing the model.
func TestTopicModel(t *testing.T) {
	tests := []struct {
		name  string
		text  string // title, then body
		key   string // a part of the statement's text
		topic string
	}{
		{"the dead were teachers: strikes",
			"Ukraine asks allies for more air defence\nA Russian missile hit a market in Kharkiv on Tuesday.\nUkrainian President Volodymyr Zelensky said that three of the dead were teachers sheltering in a school basement.",
			"three of the dead", "strikes"},
		{"back at the table: peace negotiations",
			"EU prepares new sanctions on Moscow\nThe talks in Istanbul ended on Monday without agreement.\nUkrainian President Volodymyr Zelensky said Kyiv was ready to sit at the table again if Moscow sent a serious team.",
			"ready to sit", "peace-negotiations"},
		{"الضحايا معلمون: strikes",
			"أوكرانيا تطلب من حلفائها مزيداً من الدفاع الجوي\nأصاب صاروخ روسي سوقاً في خاركيف يوم الثلاثاء.\nقال الرئيس الأوكراني فولوديمير زيلينسكي إن ثلاثة من الضحايا كانوا معلمين.",
			"ثلاثة من الضحايا", "strikes"},
		{"العودة إلى الطاولة: peace-negotiations",
			"الاتحاد الأوروبي يعد عقوبات جديدة على موسكو\nانتهت المحادثات في إسطنبول يوم الاثنين دون اتفاق.\nقال الرئيس الأوكراني فولوديمير زيلينسكي إن كييف مستعدة للجلوس إلى الطاولة مجدداً إذا أرسلت موسكو فريقاً جاداً.",
			"مستعدة للجلوس", "peace-negotiations"},
	}
	x := extractor(t)
	lexOnly := *x.lx
	lexOnly.TopicModel = nil
	withoutModel := New(x.kb, &lexOnly)
	topicsOf := func(x *Extractor, a article.Article, key string) ([]string, bool) {
		res, err := x.Extract(a)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range res.Statements {
			if strings.Contains(s.Text, key) {
				return s.Topics, true
			}
		}
		return nil, false
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := textArticle("topic-model", "2025-03-04", tt.text)
			if got, ok := topicsOf(withoutModel, a, tt.key); !ok {
				t.Fatalf("no statement contains %q", tt.key)
			} else if contains(got, tt.topic) {
				t.Fatalf("the lexicon alone finds %s (%v): the case does not test the model", tt.topic, got)
			}
			got, _ := topicsOf(x, a, tt.key)
			if !contains(got, tt.topic) {
				t.Errorf("topics %v, want %s among them", got, tt.topic)
			}
		})
	}
}

// TestTopicModelAddsNoTopic checks that the model does not tag courtesy
// and protocol with a topic.
func TestTopicModelAddsNoTopic(t *testing.T) {
	for _, txt := range []string{
		"Visit\nUkrainian President Volodymyr Zelensky said his visit to the city had been warm and friendly.",
		"زيارة\nقال الرئيس الأوكراني فولوديمير زيلينسكي إنه سعيد بزيارة العاصمة للمرة الأولى وإن اللقاء كان ودياً.",
	} {
		res, err := extractor(t).Extract(textArticle("no-topic", "2025-03-04", txt))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Statements) == 0 {
			t.Fatalf("%q: no statement", txt)
		}
		for _, s := range res.Statements {
			if len(s.Topics) > 0 {
				t.Errorf("%q: topics %v, want none", s.Text, s.Topics)
			}
		}
	}
}
