// Package kb is the curated knowledge base the extractor links names to:
// states with their Arabic and English names, gentilics and capitals;
// organisations; places; and office holders with time-scoped roles. The data
// are YAML files embedded in the binary (data/, documented in
// data/README.md); users add or override entries with a directory of files
// of the same names.
package kb

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

//go:embed data/*.yaml
var embedded embed.FS

// State is a sovereign state. ID is its ISO 3166-1 alpha-2 code.
type State struct {
	ID               string   `yaml:"id"`
	QID              string   `yaml:"qid"`
	Name             string   `yaml:"name"`
	NameAr           string   `yaml:"nameAr"`
	Aliases          []string `yaml:"aliases"`
	AliasesAr        []string `yaml:"aliasesAr"`
	Demonyms         []string `yaml:"demonyms"`
	GentilicsAr      []string `yaml:"gentilicsAr"`
	Capital          string   `yaml:"capital"`
	CapitalAr        string   `yaml:"capitalAr"`
	CapitalAliases   []string `yaml:"capitalAliases"`
	CapitalAliasesAr []string `yaml:"capitalAliasesAr"`
	// FamilyNameFirst marks states whose people's names put the family
	// name first, as news keeps it ("Kim Jong Un" is then "Kim").
	FamilyNameFirst bool `yaml:"familyNameFirst"`
}

// Organization is an intergovernmental body, alliance, armed group, agency,
// party or news organisation.
type Organization struct {
	ID        string   `yaml:"id"`
	QID       string   `yaml:"qid"`
	Name      string   `yaml:"name"`
	NameAr    string   `yaml:"nameAr"`
	Kind      string   `yaml:"kind"`
	State     string   `yaml:"state"`
	Aliases   []string `yaml:"aliases"`
	AliasesAr []string `yaml:"aliasesAr"`
	// Venue marks a body named after its building (White House, Kremlin):
	// after "in"/"في" it is a place.
	Venue bool `yaml:"venue"`
	// Portfolio names the portfolio of a state's ministry ("Foreign
	// Affairs"), so that a ministry found in text by its portfolio and
	// state is this entry.
	Portfolio string `yaml:"portfolio"`
}

// Place is a city, region, sea or site that is not a state.
type Place struct {
	ID        string   `yaml:"id"`
	QID       string   `yaml:"qid"`
	Name      string   `yaml:"name"`
	NameAr    string   `yaml:"nameAr"`
	Kind      string   `yaml:"kind"`
	State     string   `yaml:"state"`
	Aliases   []string `yaml:"aliases"`
	AliasesAr []string `yaml:"aliasesAr"`
}

// Person is a known office holder.
type Person struct {
	ID        string   `yaml:"id"`
	QID       string   `yaml:"qid"`
	Name      string   `yaml:"name"`
	NameAr    string   `yaml:"nameAr"`
	Aliases   []string `yaml:"aliases"`
	AliasesAr []string `yaml:"aliasesAr"`
	Gender    string   `yaml:"gender"`
	Roles     []Role   `yaml:"roles"`
}

// Role is an office held by a person: a title of a state (ISO code) or an
// organisation (its id), between Since and Until (either may be empty:
// unknown or still in office).
type Role struct {
	Title   string `yaml:"title"`
	TitleAr string `yaml:"titleAr"`
	Of      string `yaml:"of"`
	Since   string `yaml:"since"`
	Until   string `yaml:"until"`
}

// ValidAt reports whether the role was held on day (YYYY-MM-DD); an empty day
// matches every role.
func (r Role) ValidAt(day string) bool {
	if day == "" {
		return true
	}
	if r.Since != "" && day < r.Since {
		return false
	}
	if r.Until != "" && day > r.Until {
		return false
	}
	return true
}

// KB is a loaded knowledge base.
type KB struct {
	States        []State
	Organizations []Organization
	Places        []Place
	Persons       []Person

	stateByID  map[string]*State
	orgByID    map[string]*Organization
	ministry   map[[2]string]*Organization // by state and portfolio
	placeByID  map[string]*Place
	personByID map[string]*Person
}

// Files are the data files of a knowledge base, in load order.
var Files = []string{"states.yaml", "organizations.yaml", "places.yaml", "persons.yaml"}

// Default loads the embedded knowledge base.
func Default() (*KB, error) {
	return Load("")
}

// Load reads the embedded knowledge base and, when userDir is not empty, the
// files of the same names in userDir on top of it: an entry whose id already
// exists replaces the embedded one, others are added.
func Load(userDir string) (*KB, error) {
	k := &KB{}
	for _, name := range Files {
		b, err := embedded.ReadFile("data/" + name)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("kb: read embedded %s: %w", name, err)
		}
		if err == nil {
			if err := k.decode(name, b); err != nil {
				return nil, err
			}
		}
		if userDir == "" {
			continue
		}
		b, err = os.ReadFile(filepath.Join(userDir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("kb: read %s: %w", name, err)
		}
		if err := k.decode(filepath.Join(userDir, name), b); err != nil {
			return nil, err
		}
	}
	if err := k.index(); err != nil {
		return nil, err
	}
	return k, nil
}

// decode appends (or replaces by id) the entries of one file.
func (k *KB) decode(name string, b []byte) error {
	var err error
	switch filepath.Base(name) {
	case "states.yaml":
		k.States, err = merge(k.States, b, func(s State) string { return s.ID })
	case "organizations.yaml":
		k.Organizations, err = merge(k.Organizations, b, func(o Organization) string { return o.ID })
	case "places.yaml":
		k.Places, err = merge(k.Places, b, func(p Place) string { return p.ID })
	case "persons.yaml":
		k.Persons, err = merge(k.Persons, b, func(p Person) string { return p.ID })
	}
	if err != nil {
		return fmt.Errorf("kb: %s: %w", name, err)
	}
	return nil
}

func merge[T any](have []T, b []byte, id func(T) string) ([]T, error) {
	var add []T
	if err := yaml.Unmarshal(b, &add); err != nil {
		return nil, err
	}
	pos := make(map[string]int, len(have))
	for i, h := range have {
		pos[id(h)] = i
	}
	for _, a := range add {
		if i, ok := pos[id(a)]; ok {
			have[i] = a
			continue
		}
		pos[id(a)] = len(have)
		have = append(have, a)
	}
	return have, nil
}

// index builds the id maps and checks what the extractor relies on: ids
// present and unique per kind, names in both languages, roles pointing at
// known states or organisations with valid dates.
func (k *KB) index() error {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	k.stateByID = map[string]*State{}
	for i := range k.States {
		s := &k.States[i]
		if s.ID == "" || s.Name == "" || s.NameAr == "" {
			bad("state %q: id, name and nameAr are required", s.ID+s.Name)
		}
		if _, dup := k.stateByID[s.ID]; dup {
			bad("state %s: duplicate id", s.ID)
		}
		k.stateByID[s.ID] = s
	}
	k.orgByID = map[string]*Organization{}
	k.ministry = map[[2]string]*Organization{}
	for i := range k.Organizations {
		o := &k.Organizations[i]
		if o.ID == "" || o.Name == "" || o.NameAr == "" {
			bad("organization %q: id, name and nameAr are required", o.ID+o.Name)
		}
		if _, dup := k.orgByID[o.ID]; dup {
			bad("organization %s: duplicate id", o.ID)
		}
		if o.State != "" && k.stateByID[o.State] == nil {
			bad("organization %s: unknown state %s", o.ID, o.State)
		}
		k.orgByID[o.ID] = o
		if o.Portfolio != "" {
			key := [2]string{o.State, o.Portfolio}
			if o.State == "" {
				bad("organization %s: a portfolio needs a state", o.ID)
			} else if other := k.ministry[key]; other != nil {
				bad("organization %s: %s already is the %s ministry of %s", o.ID, other.ID, o.Portfolio, o.State)
			}
			k.ministry[key] = o
		}
	}
	k.placeByID = map[string]*Place{}
	for i := range k.Places {
		p := &k.Places[i]
		if p.ID == "" || p.Name == "" || p.NameAr == "" {
			bad("place %q: id, name and nameAr are required", p.ID+p.Name)
		}
		if _, dup := k.placeByID[p.ID]; dup {
			bad("place %s: duplicate id", p.ID)
		}
		if p.State != "" && k.stateByID[p.State] == nil {
			bad("place %s: unknown state %s", p.ID, p.State)
		}
		k.placeByID[p.ID] = p
	}
	k.personByID = map[string]*Person{}
	for i := range k.Persons {
		p := &k.Persons[i]
		if p.ID == "" || p.Name == "" || p.NameAr == "" {
			bad("person %q: id, name and nameAr are required", p.ID+p.Name)
		}
		if _, dup := k.personByID[p.ID]; dup {
			bad("person %s: duplicate id", p.ID)
		}
		k.personByID[p.ID] = p
		for _, r := range p.Roles {
			if k.stateByID[r.Of] == nil && k.orgByID[r.Of] == nil {
				bad("person %s: role %q of unknown %q", p.ID, r.Title, r.Of)
			}
			for _, d := range []string{r.Since, r.Until} {
				if d != "" && !validDay(d) {
					bad("person %s: bad date %q", p.ID, d)
				}
			}
			if r.Since != "" && r.Until != "" && r.Until < r.Since {
				bad("person %s: role %q ends before it starts", p.ID, r.Title)
			}
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return fmt.Errorf("kb: %d problems:\n  %s", len(problems), strings.Join(problems, "\n  "))
	}
	return nil
}

func validDay(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// State returns the state with the ISO code id, or nil.
func (k *KB) State(id string) *State { return k.stateByID[id] }

// Organization returns the organisation with the id, or nil.
func (k *KB) Organization(id string) *Organization { return k.orgByID[id] }

// Ministry returns the state's ministry of the portfolio, or nil when the
// knowledge base has none.
func (k *KB) Ministry(state, portfolio string) *Organization {
	return k.ministry[[2]string{state, portfolio}]
}

// FamilyNameFirst reports whether the person's name puts the family name
// first: an office of theirs belongs to, or to a body of, a state marked so.
func (k *KB) FamilyNameFirst(p *Person) bool {
	for _, r := range p.Roles {
		id := r.Of
		if o := k.Organization(id); o != nil {
			id = o.State
		}
		if st := k.State(id); st != nil && st.FamilyNameFirst {
			return true
		}
	}
	return false
}

// Place returns the place with the id, or nil.
func (k *KB) Place(id string) *Place { return k.placeByID[id] }

// Person returns the person with the id, or nil.
func (k *KB) Person(id string) *Person { return k.personByID[id] }
