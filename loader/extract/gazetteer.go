package extract

import (
	"strings"
	"unicode"

	"github.com/geokg/geokg/loader/kb"
	"github.com/geokg/geokg/loader/text"
)

// refKind says how a surface form refers to its entity.
type refKind uint8

const (
	refName     refKind = iota // a name or alias
	refGentilic                // "الفرنسي", "French": the state, as an attribute
	refCapital                 // "موسكو", "Moscow": the city, or the state as a metonym
)

// ref is what a gazetteer phrase points at.
type ref struct {
	typ  string // entity type
	id   string // knowledge-base id
	kind refKind
	// acronym phrases ("US", "UN") match only in upper case, so that the
	// pronoun "us" is not the United States.
	acronym bool
}

// buildGazetteer indexes every name, alias, gentilic and capital of the
// knowledge base.
func buildGazetteer(k *kb.KB) *text.Matcher[ref] {
	m := text.NewMatcher[ref]()
	add := func(r ref, names ...[]string) {
		for _, l := range names {
			for _, n := range l {
				if strings.TrimSpace(n) == "" {
					continue
				}
				rr := r
				rr.acronym = isAcronym(n)
				m.Add(n, rr)
			}
		}
	}
	for _, s := range k.States {
		add(ref{typ: State, id: s.ID}, []string{s.Name, s.NameAr}, s.Aliases, s.AliasesAr)
		add(ref{typ: State, id: s.ID, kind: refGentilic}, s.Demonyms, s.GentilicsAr)
		add(ref{typ: State, id: s.ID, kind: refCapital}, []string{s.Capital, s.CapitalAr}, s.CapitalAliases, s.CapitalAliasesAr)
	}
	for _, o := range k.Organizations {
		add(ref{typ: Organization, id: o.ID}, []string{o.Name, o.NameAr}, o.Aliases, o.AliasesAr)
	}
	for _, p := range k.Places {
		add(ref{typ: Place, id: p.ID}, []string{p.Name, p.NameAr}, p.Aliases, p.AliasesAr)
	}
	for _, p := range k.Persons {
		add(ref{typ: Person, id: p.ID}, []string{p.Name, p.NameAr}, p.Aliases, p.AliasesAr)
	}
	return m
}

// isAcronym reports whether s is written in capitals only ("US", "U.S.").
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0 && letters <= 5
}

// slug makes a readable id part from a name: normalised, words joined by
// hyphens. Arabic names keep their (normalised) Arabic letters.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range text.Normalize(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}
