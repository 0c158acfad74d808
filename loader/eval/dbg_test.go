package eval

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/geokg/geokg/loader/extract"
)

func TestDbgTopics(t *testing.T) {
	x, _ := extract.Default("")
	pairs, _ := ReadDir("../../testdata/articles")
	for _, p := range pairs {
		res, _ := x.Extract(p.Article)
		for _, gs := range p.Gold.Statements {
			if gs.Optional {
				continue
			}
			for _, st := range res.Statements {
				if strings.Contains(squash(st.Text), squash(gs.Key)) {
					a := append([]string{}, gs.Topics...)
					sort.Strings(a)
					if strings.Join(a, ",") != strings.Join(st.Topics, ",") {
						r := []rune(st.Text)
						if len(r) > 110 {
							r = r[:110]
						}
						fmt.Printf("%-30s gold=%v got=%v | %s\n", p.Name[:min(30, len(p.Name))], a, st.Topics, string(r))
					}
					break
				}
			}
		}
	}
}
