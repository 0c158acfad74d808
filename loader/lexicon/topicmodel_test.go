package lexicon

import (
	"slices"
	"strings"
	"testing"
)

// minTrainPerTopic is the least number of training statements per topic
// and language that the training file must keep.
const minTrainPerTopic = 40

// TestTopicTrainingSet checks the training file: known languages and
// topics, and enough statements for each topic in each language, and some
// with no topic.
func TestTopicTrainingSet(t *testing.T) {
	lx, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	examples, err := TopicTrainingSet()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	seen := map[string]bool{}
	for _, ex := range examples {
		if ex.Lang != "ar" && ex.Lang != "en" {
			t.Errorf("%q: language %q", ex.Text, ex.Lang)
		}
		if seen[ex.Text] {
			t.Errorf("%q: twice", ex.Text)
		}
		seen[ex.Text] = true
		if len(ex.Topics) == 0 {
			count[ex.Lang+" none"]++
		}
		for _, tp := range ex.Topics {
			count[ex.Lang+" "+tp]++
		}
	}
	for _, lang := range []string{"ar", "en"} {
		for _, tp := range lx.Topics {
			if n := count[lang+" "+tp.ID]; n < minTrainPerTopic {
				t.Errorf("%s %s: %d statements, want %d or more", lang, tp.ID, n, minTrainPerTopic)
			}
		}
		if count[lang+" none"] < minTrainPerTopic {
			t.Errorf("%s: %d statements without topic, want %d or more", lang, count[lang+" none"], minTrainPerTopic)
		}
	}
}

// TestTopicModelTraining checks that training is deterministic and that
// the model separates the topics of statements like its training ones.
func TestTopicModelTraining(t *testing.T) {
	ids := []string{"strikes", "peace-negotiations"}
	examples := []TrainExample{
		{Lang: "en", Topics: []string{"strikes"}, Text: "Three of the dead were fishermen, the mayor said."},
		{Lang: "en", Topics: []string{"strikes"}, Text: "The bodies of two children were found in the rubble."},
		{Lang: "en", Topics: []string{"peace-negotiations"}, Text: "The envoy gave the other side until Friday to accept."},
		{Lang: "en", Topics: []string{"peace-negotiations"}, Text: "The delegations will meet again next week."},
		{Lang: "en", Text: "The minister thanked his host for the warm welcome."},
		{Lang: "ar", Topics: []string{"strikes"}, Text: "كان ثلاثة من القتلى صيادين."},
		{Lang: "ar", Topics: []string{"peace-negotiations"}, Text: "أمهل المبعوث الطرف الآخر حتى الجمعة للقبول."},
	}
	a, err := NewTopicModel(ids, examples)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewTopicModel(ids, examples)
	if !slices.Equal(a.weight, b.weight) || !slices.Equal(a.bias, b.bias) {
		t.Error("two trainings on the same data differ")
	}
	tests := []struct {
		text, want string
	}{
		{"Four of the dead were fishermen.", "strikes"},
		{"والقتلى صيادون", "strikes"},
		{"They have until Friday to accept.", "peace-negotiations"},
		{"أمام موسكو حتى الجمعة", "peace-negotiations"},
	}
	for _, tt := range tests {
		p := a.ScoreText(tt.text)
		best := 0
		for i := range p {
			if p[i] > p[best] {
				best = i
			}
		}
		if ids[best] != tt.want || p[best] < 0.5 {
			t.Errorf("%q: %v, want %s first and likely", tt.text, p, tt.want)
		}
	}
	if _, err := NewTopicModel(ids, []TrainExample{{Topics: []string{"weather"}, Text: "rain"}}); err == nil {
		t.Error("an unknown topic: no error")
	}
}

// TestParseTopicTrain checks the file format.
func TestParseTopicTrain(t *testing.T) {
	got, err := parseTopicTrain("# comment\n\nen\tstrikes,humanitarian\tA text.\nar\t\tنص.\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || strings.Join(got[0].Topics, "+") != "strikes+humanitarian" || got[1].Topics != nil || got[1].Text != "نص." {
		t.Errorf("got %+v", got)
	}
	for _, bad := range []string{"en\tstrikes\n", "en\tstrikes\t\n", "en\ta\tb\tc\n"} {
		if _, err := parseTopicTrain(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
