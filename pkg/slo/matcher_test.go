package slo

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"testing"
)

// filterCases is the table of label filters shared with the frontend's
// parser (src/datasource/lib/sloFilter.test.ts reads the same file), so
// the query editor refuses exactly what the backend refuses, in the same
// words, and previews the same selection.
type filterCases struct {
	Labels map[string]map[string]string `json:"labels"`
	Cases  []struct {
		Name    string   `json:"name"`
		Filter  string   `json:"filter"`
		Selects []string `json:"selects"`
		Error   string   `json:"error"`
	} `json:"cases"`
}

func TestParseMatchersAgreesWithTheSharedTable(t *testing.T) {
	raw, err := os.ReadFile("../../src/datasource/lib/testdata/slo-filters.json")
	if err != nil {
		t.Fatal(err)
	}
	var table filterCases
	if err := json.Unmarshal(raw, &table); err != nil {
		t.Fatal(err)
	}
	catalog := Catalog{}
	for _, id := range []string{"availability", "latency", "errors", "batch"} {
		catalog = append(catalog, SLO{ID: id, Labels: table.Labels[id]})
	}
	for _, c := range table.Cases {
		t.Run(c.Name, func(t *testing.T) {
			ms, err := ParseMatchers(c.Filter)
			if c.Error != "" {
				if err == nil || err.Error() != c.Error || !errors.Is(err, ErrMatcher) {
					t.Fatalf("ParseMatchers(%q) error = %v, want %s", c.Filter, err, c.Error)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseMatchers(%q): %v", c.Filter, err)
			}
			got := []string{}
			for _, s := range catalog.Select(ms) {
				got = append(got, s.ID)
			}
			if !reflect.DeepEqual(got, c.Selects) {
				t.Errorf("%q selects %v, want %v", c.Filter, got, c.Selects)
			}
		})
	}
}

func TestParseMatchers(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"escapes in double quotes are Go's", `a="x\"y\\n"`, `a="x\"y\\n"`},
		{"single quotes hold double quotes", `a='say "hi"'`, `a="say \"hi\""`},
		{"backticks are raw", "a=~`\\d+`", `a=~"\\d+"`},
		{"spaces around operators are allowed", ` a != "1" , b !~ "2" `, `a!="1", b!~"2"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms, err := ParseMatchers(c.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := ms.String(); got != c.want {
				t.Errorf("ParseMatchers(%q).String() = %s, want %s", c.in, got, c.want)
			}
		})
	}
	if _, err := ParseMatchers(`a=~"("`); !errors.Is(err, ErrMatcher) {
		t.Errorf("an invalid regexp: error %v, want ErrMatcher", err)
	}
}

func TestFormatLabelsSortsByName(t *testing.T) {
	got := FormatLabels(map[string]string{"tier": "gold", "service": `a"b`})
	if want := `service="a\"b", tier="gold"`; got != want {
		t.Errorf("FormatLabels = %s, want %s", got, want)
	}
	if FormatLabels(nil) != "" {
		t.Error("no labels should format as the empty string")
	}
}

func FuzzParseMatchers(f *testing.F) {
	for _, s := range []string{``, `a="1"`, `{a=~"x|y", b!='z',}`, "a=`\\`"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ms, err := ParseMatchers(s)
		if err != nil {
			return
		}
		// What parses writes back to matchers that parse to the same thing.
		again, err := ParseMatchers(ms.String())
		if err != nil || again.String() != ms.String() {
			t.Fatalf("%q → %q → %v, %v", s, ms.String(), again, err)
		}
	})
}
