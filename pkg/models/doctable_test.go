package models

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The user guide's reference tables (docs/reference/*.md) are marked with a
// comment naming what they describe, `<!-- doc-check: query anomaly -->`,
// on the line before the table. Each row's first cell names a key in
// backticks; the "default" cell gives its default in backticks ("—" for
// none), and an "allowed values" cell made only of backticked values lists
// an enumeration. docs_test.go checks them against the parsers;
// tests/docs.test.mjs checks the same tables against the frontend.

// docTable is one marked table. Reference tables (with type, default and
// allowed-values columns) are read into rows; every table keeps its cells.
type docTable struct {
	scope  string // "query anomaly", "settings jsonData", …
	where  string // file:line of the marker, for messages
	header []string
	cells  [][]string // per row, the cells as written
	rows   []docRow   // reference tables only
}

type docRow struct {
	key     string
	typ     string
	def     []string // code spans of the default cell; empty: no default
	allowed []string // the enumeration, when the allowed-values cell is one
	where   string
}

var (
	docMarker = regexp.MustCompile(`^<!-- doc-check: (.+?) -->$`)
	codeSpan  = regexp.MustCompile("`([^`]+)`")
	enumCell  = regexp.MustCompile("^`[^`]+`(, `[^`]+`)*$")
)

func docPath(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "docs"}, parts...)...)
}

// readDocTables returns the marked tables of a docs page, by scope.
func readDocTables(t *testing.T, page string) map[string]docTable {
	t.Helper()
	f, err := os.Open(docPath(page))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	tables := map[string]docTable{}
	for i := 0; i < len(lines); i++ {
		m := docMarker.FindStringSubmatch(strings.TrimSpace(lines[i]))
		if m == nil {
			continue
		}
		tab := docTable{scope: m[1], where: page + ":" + itoa(i+1)}
		j := i + 1
		for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
			j++
		}
		if j+1 >= len(lines) || !strings.HasPrefix(lines[j], "|") {
			t.Fatalf("%s: the marker is not followed by a table", tab.where)
		}
		tab.header = splitRow(lines[j])
		col := func(name string) int {
			for k, h := range tab.header {
				if strings.EqualFold(h, name) {
					return k
				}
			}
			return -1
		}
		typCol, defCol, allowedCol := col("type"), col("default"), col("allowed values")
		reference := typCol >= 0 && defCol >= 0 && allowedCol >= 0
		for j += 2; j < len(lines) && strings.HasPrefix(lines[j], "|"); j++ {
			cells := splitRow(lines[j])
			where := page + ":" + itoa(j+1)
			if len(cells) != len(tab.header) {
				t.Fatalf("%s: %d cells, the header has %d", where, len(cells), len(tab.header))
			}
			tab.cells = append(tab.cells, cells)
			if !reference {
				continue
			}
			key := codeSpan.FindStringSubmatch(cells[0])
			if key == nil {
				t.Fatalf("%s: the first cell names no key in backticks", where)
			}
			row := docRow{key: key[1], typ: cells[typCol], def: spans(cells[defCol]), where: where}
			if enumCell.MatchString(cells[allowedCol]) {
				row.allowed = spans(cells[allowedCol])
			}
			tab.rows = append(tab.rows, row)
		}
		if _, dup := tables[tab.scope]; dup {
			t.Fatalf("%s: a second table for %q", tab.where, tab.scope)
		}
		tables[tab.scope] = tab
		i = j
	}
	return tables
}

// splitRow splits a Markdown table row on the pipes that are not escaped
// as `\|`.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			cur.WriteByte('|')
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

func spans(cell string) []string {
	var out []string
	for _, m := range codeSpan.FindAllStringSubmatch(cell, -1) {
		out = append(out, m[1])
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// jsonKeys lists the JSON object keys a struct type decodes, embedded
// structs included.
func jsonKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			keys = append(keys, jsonKeys(f.Type)...)
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	return keys
}

// objectKeys lists the keys of a JSON object.
func objectKeys(t *testing.T, raw []byte) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// sameKeys reports the keys documented but not in the code and the keys
// in the code but not documented.
func sameKeys(t *testing.T, what string, documented, code []string) {
	t.Helper()
	doc, src := set(documented), set(code)
	if extra := minus(doc, src); len(extra) > 0 {
		t.Errorf("%s: documented but not read by the code: %v", what, extra)
	}
	if missing := minus(src, doc); len(missing) > 0 {
		t.Errorf("%s: read by the code but not documented: %v", what, missing)
	}
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func minus(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// bogus is a value no enumeration accepts; the parsers quote it back.
const bogus = "BOGUS"

var listSeparator = regexp.MustCompile(`\s*,\s*|\s+or\s+`)

// listedValues reads the values an error message offers for a refused
// bogus value: `… must be "a", "b" or "c", got "BOGUS"`, `… "BOGUS" (want
// a, b or c)`, `… (supported: a, b, c)`.
func listedValues(err error) []string {
	if err == nil {
		return nil
	}
	var line string
	for l := range strings.SplitSeq(err.Error(), "\n") {
		if strings.Contains(l, bogus) {
			line = l
		}
	}
	line = strings.ReplaceAll(line, `"`+bogus+`"`, "")
	anchor, at := "", -1
	for _, a := range []string{"must be ", "want ", "supported: "} {
		if i := strings.LastIndex(line, a); i > at {
			anchor, at = a, i
		}
	}
	if at < 0 {
		return nil
	}
	rest := line[at+len(anchor):]
	rest, _, _ = strings.Cut(rest, ", got")
	rest, _, _ = strings.Cut(rest, ")")
	var out []string
	for _, v := range listSeparator.Split(rest, -1) {
		if v = strings.Trim(strings.TrimSpace(v), `"`); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// withFields returns the JSON object base with the members of fields
// (`"a":1,"b":"x"`) added or replaced.
func withFields(t *testing.T, base, fields string) []byte {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte("{"+base+"}"), &m); err != nil {
		t.Fatalf("base {%s}: %v", base, err)
	}
	if fields != "" {
		var add map[string]json.RawMessage
		if err := json.Unmarshal([]byte("{"+fields+"}"), &add); err != nil {
			t.Fatalf("fields {%s}: %v", fields, err)
		}
		for k, v := range add {
			m[k] = v
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDocTableReaderReadsTheMarkedTables(t *testing.T) {
	// The reader itself, on the pages it checks: a marker that stopped
	// matching would make every other check vacuous.
	for page, scopes := range map[string][]string{
		"reference/query-types.md": {"query common", "query promql", "query series", "query anomaly", "query trend",
			"query forecast", "query slo"},
		"reference/datasource-settings.md": {"settings root", "settings jsonData", "settings http", "settings secureJsonData",
			"slo fields", "slo sli", "slo window"},
		"concepts.md": {"burn-rate pairs"},
	} {
		tables := readDocTables(t, page)
		for _, s := range scopes {
			if len(tables[s].cells) == 0 {
				t.Errorf("%s: no rows in a table marked %q", page, s)
			}
			if strings.HasPrefix(page, "reference/") && len(tables[s].rows) != len(tables[s].cells) {
				t.Errorf("%s: the table marked %q lacks a type, default or allowed values column", page, s)
			}
		}
		if len(tables) != len(scopes) {
			t.Errorf("%s: %d marked tables, want %d", page, len(tables), len(scopes))
		}
	}
	got := listedValues(errors.New(`invalid: output must be "bands", "score" or "events", got "BOGUS"`))
	if strings.Join(got, " ") != "bands score events" {
		t.Errorf("listedValues: %q", got)
	}
}
