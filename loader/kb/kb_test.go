package kb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/geokg/geokg/loader/text"
)

// TestEmbeddedDataIsValid loads the shipped files (Load checks ids, names in
// both languages, role targets and dates) and checks that no surface form
// names two different entities, which would make matching arbitrary. A
// capital may share its written form with another state's name (عمان is
// Amman and Oman without diacritics): the extractor prefers names over
// capitals, so such pairs are allowed.
func TestEmbeddedDataIsValid(t *testing.T) {
	k, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(k.States) < 195 {
		t.Errorf("%d states; want all UN members and observers", len(k.States))
	}
	type use struct{ key, kind string }
	owner := map[string]use{}
	clash := func(kind, id string, forms ...[]string) {
		for _, l := range forms {
			for _, f := range l {
				n := strings.TrimSpace(text.Normalize(f))
				if n == "" {
					continue
				}
				key := kind + ":" + id
				if o, ok := owner[n]; ok && o.key != key {
					if capitalVsName := (o.kind == "capital") != (kind == "capital"); !capitalVsName {
						t.Errorf("surface form %q names both %s and %s", f, o.key, key)
					}
				}
				owner[n] = use{key, kind}
			}
		}
	}
	for _, s := range k.States {
		clash("state", s.ID, []string{s.Name, s.NameAr}, s.Aliases, s.AliasesAr, s.Demonyms, s.GentilicsAr)
	}
	for _, s := range k.States {
		clash("capital", s.ID, []string{s.Capital, s.CapitalAr}, s.CapitalAliases, s.CapitalAliasesAr)
	}
	for _, o := range k.Organizations {
		clash("org", o.ID, []string{o.Name, o.NameAr}, o.Aliases, o.AliasesAr)
	}
	for _, p := range k.Places {
		clash("place", p.ID, []string{p.Name, p.NameAr}, p.Aliases, p.AliasesAr)
	}
	for _, p := range k.Persons {
		clash("person", p.ID, []string{p.Name, p.NameAr}, p.Aliases, p.AliasesAr)
	}
}

func TestUserDirectoryOverridesAndAdds(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "persons.yaml"), []byte(`
- id: jane-doe
  name: Jane Doe
  nameAr: جين دو
  roles:
    - {title: Foreign Minister, of: FR, since: 2030-01-01}
`), 0o644)
	os.WriteFile(filepath.Join(dir, "states.yaml"), []byte(`
- id: FR
  name: French Republic
  nameAr: فرنسا
`), 0o644)
	k, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if p := k.Person("jane-doe"); p == nil || p.Roles[0].Of != "FR" {
		t.Errorf("added person: %+v", p)
	}
	if s := k.State("FR"); s == nil || s.Name != "French Republic" {
		t.Errorf("overridden state: %+v", s)
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	tests := []struct {
		name, file, body, want string
	}{
		{"role of unknown state", "persons.yaml", "- {id: x, name: X, nameAr: س, roles: [{title: President, of: ZZ}]}", `role "President" of unknown "ZZ"`},
		{"missing arabic name", "organizations.yaml", "- {id: x, name: X}", "id, name and nameAr are required"},
		{"bad date", "persons.yaml", "- {id: x, name: X, nameAr: س, roles: [{title: President, of: FR, since: 2024-13-01}]}", `bad date "2024-13-01"`},
		{"not yaml", "places.yaml", "- {id: [", "places.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.body), 0o644)
			_, err := Load(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}
