package store

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/geokg/geokg/loader/text"
)

// MaxTextLen bounds a search text, in characters.
const MaxTextLen = 500

// maxTerms bounds the words of a search text that are used.
const maxTerms = 16

// arabicProclitics are the prefixes the Lucene Arabic stemmer leaves on a
// word: it strips the article and "و" but not the prepositions, so
// "لأوكرانيا" is indexed as it is. The query asks for these forms of each
// Arabic word as well.
var arabicProclitics = []string{"ل", "ب", "ك", "ف", "ول", "وب", "وك", "فل", "فب"}

// fullTextQuery turns what a user typed into a Lucene query for the
// full-text indexes (Lucene's Arabic analyzer on both sides). The text is
// normalised as the loader normalises Arabic (hamza and alef forms, alef
// maqsura, ta marbuta, diacritics, tatweel; Latin lower-cased without
// accents), cut into words — so no Lucene syntax survives, and each word is
// escaped besides — and every Arabic word is asked for with and without
// its clitics. With all, every word is required; otherwise words are
// optional and the ones that match raise the score, with a bonus for the
// whole phrase.
func fullTextQuery(s string, all bool) (string, error) {
	if utf8.RuneCountInString(s) > MaxTextLen {
		return "", fmt.Errorf("%w: search text longer than %d characters", ErrInvalid, MaxTextLen)
	}
	words := strings.FieldsFunc(text.Normalize(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) == 0 {
		return "", fmt.Errorf("%w: search text %q has no words", ErrInvalid, s)
	}
	if len(words) > maxTerms {
		words = words[:maxTerms]
	}
	var clauses []string
	for _, w := range words {
		forms := wordForms(w)
		for i, f := range forms {
			forms[i] = escapeLucene(f)
		}
		if !text.IsArabic(w) && utf8.RuneCountInString(w) >= 5 {
			// One typo in a longer Latin name ("Zelenskyy") still matches,
			// below the exact form.
			forms = append(forms, escapeLucene(w)+"~1")
		}
		clause := "(" + strings.Join(forms, " ") + ")"
		if all {
			clause = "+" + clause
		}
		clauses = append(clauses, clause)
	}
	q := strings.Join(clauses, " ")
	if !all && len(words) > 1 {
		q += ` "` + strings.Join(escapeAll(words), " ") + `"^2`
	}
	return q, nil
}

// CheckText reports whether a text filter or search text can be used:
// nil for empty text (no filter).
func CheckText(s string) error {
	if s == "" {
		return nil
	}
	_, err := fullTextQuery(s, true)
	return err
}

// wordForms returns a normalised word, its readings without proclitics, and
// for Arabic each reading with the proclitics the index keeps.
func wordForms(w string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	add(w)
	if !text.IsArabic(w) {
		return out
	}
	for _, st := range text.Stems(w) {
		add(st.Norm)
		if utf8.RuneCountInString(st.Norm) < 3 {
			continue
		}
		for _, p := range arabicProclitics {
			add(p + st.Norm)
		}
	}
	return out
}

// luceneSpecial are the characters with a meaning in Lucene's query syntax.
const luceneSpecial = `+-&|!(){}[]^"~*?:\/`

// escapeLucene makes s a literal term of Lucene's query syntax.
func escapeLucene(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(luceneSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func escapeAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = escapeLucene(w)
	}
	return out
}
