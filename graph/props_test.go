package graph

import (
	"reflect"
	"testing"
)

func TestPropsOf(t *testing.T) {
	tests := []struct {
		name   string
		sel    selected
		fields map[string][]string
		want   []string
	}{
		{"leaf fields", selected{"id": true, "text": true, "date": true}, statementProps, []string{"date", "text"}},
		{"relationship fields read no property", selected{"id": true, "speaker": true, "article": true, "topics": true}, statementProps, []string{}},
		{"a field reading several", selected{"provenance": true, "start": true}, statementProps, []string{"end", "sentenceEnd", "sentenceStart", "start"}},
		{"a name reads both languages", selected{"name": true}, actorProps, []string{"name", "nameAr"}},
		{"a field not listed", selected{"id": true, "state": true}, actorProps, nil},
		{"no selection to look at", nil, articleProps, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := propsOf(tt.sel, tt.fields); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("propsOf = %#v, want %#v", got, tt.want)
			}
		})
	}
}

// TestPropsFieldsInSchema checks that the fields the property maps list
// are fields of the types they are for, so that a renamed field is not
// left behind, and that the properties are nodeRow's.
func TestPropsFieldsInSchema(t *testing.T) {
	schema := NewSchema(&Resolver{}).Schema()
	for _, c := range []struct {
		fields map[string][]string
		types  []string
	}{
		{statementProps, []string{"Statement"}},
		{actorProps, []string{"Person", "State", "Organization", "Group"}},
		{articleProps, []string{"Article"}},
	} {
		for f := range c.fields {
			if f == "__typename" {
				continue
			}
			found := false
			for _, typ := range c.types {
				found = found || schema.Types[typ].Fields.ForName(f) != nil
			}
			if !found {
				t.Errorf("%s is not a field of %v", f, c.types)
			}
		}
	}
}
