package lexicon

import (
	_ "embed"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/geokg/geokg/loader/text"
)

// topicTrain is the labelled statements the topic model learns from; see
// data/README.md for their format and origin.
//
//go:embed data/topic_train.tsv
var topicTrain string

// TopicModel is a small statistical topic classifier: multinomial naive
// Bayes over the words of a statement, with one class per topic and one for
// statements about none. The lexicon names a topic when a statement uses one
// of its terms; the model also scores statements that only imply it, by
// words its examples share with them ("the wounded were taken to
// hospital" is humanitarian). It is trained when the
// lexicon is loaded, from the embedded statements, by counting: the same
// data always gives the same model.
type TopicModel struct {
	// Topics are the topic ids, in the order of the scores.
	Topics []string
	// feature and stems map a word and a stem (see tokenFeatures) to
	// their index, one sequence for both.
	feature map[string]int32
	stems   map[string]int32
	// weight[f*len(Topics)+t] is log P(f|topic t) - log P(f|none).
	weight []float32
	// bias[t] is log P(topic t) - log P(none).
	bias []float32
}

// nbAlpha is the additive (Lidstone) smoothing of the word counts. It was
// chosen with the constants of the extractor that use the model.
const nbAlpha = 0.3

// TrainExample is one labelled statement.
type TrainExample struct {
	Lang   string   // "ar" or "en"
	Topics []string // topic ids; none for a statement about no topic
	Text   string
}

// TopicTrainingSet returns the embedded labelled statements.
func TopicTrainingSet() ([]TrainExample, error) {
	return parseTopicTrain(topicTrain)
}

// parseTopicTrain reads the training file: one statement a line as
// lang TAB topics TAB text, topics comma-separated and possibly empty;
// lines starting with # and blank lines are skipped.
func parseTopicTrain(s string) ([]TrainExample, error) {
	var out []TrainExample
	for n, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[2] == "" {
			return nil, fmt.Errorf("topic_train.tsv:%d: want lang, topics and text separated by tabs", n+1)
		}
		ex := TrainExample{Lang: f[0], Text: f[2]}
		if f[1] != "" {
			ex.Topics = strings.Split(f[1], ",")
		}
		out = append(out, ex)
	}
	return out, nil
}

// NewTopicModel trains a model over the topic ids on examples. A statement
// with several topics counts once for each; one with none counts for the
// class of no topic. A topic of an example that is not among ids is an
// error.
func NewTopicModel(ids []string, examples []TrainExample) (*TopicModel, error) {
	m := &TopicModel{Topics: ids, feature: map[string]int32{}, stems: map[string]int32{}}
	index := map[string]int{}
	for i, id := range ids {
		index[id] = i
	}
	nt := len(ids)
	var counts [][]float64 // per feature, per class (nt is "none")
	total := make([]float64, nt+1)
	docs := make([]float64, nt+1)
	for k, ex := range examples {
		var classes []int
		for _, t := range ex.Topics {
			i, ok := index[t]
			if !ok {
				return nil, fmt.Errorf("topic model: example %d: unknown topic %q", k+1, t)
			}
			classes = append(classes, i)
		}
		if len(classes) == 0 {
			classes = append(classes, nt)
		}
		runes := []rune(ex.Text)
		toks := text.Tokenize(runes, 0, len(runes))
		seen := map[int32]bool{}
		var feats []int32
		add := func(dict map[string]int32, f string) {
			if f == "" {
				return
			}
			id, ok := dict[f]
			if !ok {
				id = int32(len(counts))
				dict[f] = id
				counts = append(counts, make([]float64, nt+1))
			}
			feats = append(feats, id)
		}
		for i := range toks {
			w, stem := tokenFeatures(&toks[i])
			add(m.feature, w)
			add(m.stems, stem)
		}
		for _, id := range feats {
			// Presence, not frequency: a word repeated in one statement
			// is no more evidence.
			if seen[id] {
				continue
			}
			seen[id] = true
			for _, c := range classes {
				counts[id][c]++
				total[c]++
			}
		}
		for _, c := range classes {
			docs[c]++
		}
	}
	nf := float64(len(counts))
	logp := func(f, c int) float64 {
		return math.Log((counts[f][c] + nbAlpha) / (total[c] + nbAlpha*nf))
	}
	m.weight = make([]float32, len(counts)*nt)
	for f := range counts {
		none := logp(f, nt)
		for t := 0; t < nt; t++ {
			m.weight[f*nt+t] = float32(logp(f, t) - none)
		}
	}
	m.bias = make([]float32, nt)
	for t := range m.bias {
		m.bias[t] = float32(math.Log((docs[t] + 1) / (docs[nt] + 1)))
	}
	return m, nil
}

// TokenFeatures are the indexes of a token's features in a model (see
// tokenFeatures): its word and its stem, -1 where the model has none.
type TokenFeatures [2]int32

// Features returns the features of each token for the model.
func (m *TopicModel) Features(toks []text.Token) []TokenFeatures {
	out := make([]TokenFeatures, len(toks))
	for i := range toks {
		out[i] = TokenFeatures{-1, -1}
		w, stem := tokenFeatures(&toks[i])
		if w == "" {
			continue
		}
		if id, ok := m.feature[w]; ok {
			out[i][0] = id
		}
		if stem != "" {
			if id, ok := m.stems[stem]; ok {
				out[i][1] = id
			}
		}
	}
	return out
}

// Scores returns the posterior probability of each topic (in the order of
// Topics) for tokens [from, to] of a sentence whose features are feats,
// written into dst when it has room. The probabilities of the topics and
// of no topic add up to 1.
func (m *TopicModel) Scores(feats []TokenFeatures, from, to int, dst []float64) []float64 {
	nt := len(m.Topics)
	if cap(dst) < nt {
		dst = make([]float64, nt)
	}
	dst = dst[:nt]
	for t := range dst {
		dst[t] = float64(m.bias[t])
	}
	// Each feature counts once (as in training); a span of more distinct
	// features than seen holds is no prose, and the rest are left out.
	// A bit per id modulo 256 spares most of the comparisons.
	var seen [96]int32
	var bits [4]uint64
	ns := 0
	for i := from; i <= to && ns < len(seen); i++ {
	features:
		for _, id := range feats[i] {
			if id < 0 {
				continue
			}
			b := &bits[id>>6&3]
			if mask := uint64(1) << (id & 63); *b&mask == 0 {
				*b |= mask
			} else {
				for _, s := range seen[:ns] {
					if s == id {
						continue features
					}
				}
			}
			if ns == len(seen) {
				break
			}
			seen[ns] = id
			ns++
			w := m.weight[int(id)*nt : int(id)*nt+nt]
			for t := range dst {
				dst[t] += float64(w[t])
			}
		}
	}
	// Normalise over the topics and "none", whose log odds are 0.
	top := 0.0
	for _, v := range dst {
		top = max(top, v)
	}
	sum := math.Exp(-top)
	for t := range dst {
		dst[t] = math.Exp(dst[t] - top)
		sum += dst[t]
	}
	for t := range dst {
		dst[t] /= sum
	}
	return dst
}

// ScoreText returns the topic probabilities of a text (see Scores).
func (m *TopicModel) ScoreText(s string) []float64 {
	runes := []rune(s)
	toks := text.Tokenize(runes, 0, len(runes))
	return m.Scores(m.Features(toks), 0, len(toks)-1, nil)
}

// tokenFeatures returns the features of a token: for a word, its reading
// with Arabic proclitics removed (the shortest reading the tokenizer found)
// and that reading with a common suffix removed ("" when none is). Numbers,
// punctuation and one-letter words have none.
func tokenFeatures(t *text.Token) (word, stem string) {
	if t.Kind != text.Word {
		return "", ""
	}
	w := t.Norm
	if n := len(t.Readings); n > 0 {
		w = t.Readings[n-1].Norm
	}
	if utf8.RuneCountInString(w) < 2 {
		return "", ""
	}
	if s := lightStem(w); s != w {
		return w, s
	}
	return w, ""
}

// Suffixes removed by lightStem, tried in order.
var (
	arSuffixes = []string{"يات", "ات", "ون", "ين", "ان", "ها", "هم", "هما", "كم", "نا", "يه", "يا", "ه", "ي"}
	enSuffixes = []string{"ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s"}
)

// lightStem removes one common suffix from a normalised word when at least
// three letters stay: plurals, ta marbuta (written ه), attached pronouns,
// English inflections.
func lightStem(w string) string {
	suffixes := enSuffixes
	if r, _ := utf8.DecodeRuneInString(w); text.IsArabicLetter(r) {
		suffixes = arSuffixes
	}
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			rest := w[:len(w)-len(s)]
			if utf8.RuneCountInString(rest) >= 3 {
				return rest
			}
		}
	}
	return w
}
