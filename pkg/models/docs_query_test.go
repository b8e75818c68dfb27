package models

import (
	"errors"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/promdur"
)

// docs/reference/query-types.md against ParseQuery: every option a table
// names is a key the parser reads, with the default the parser applies;
// every key the parser reads is in a table; an enumeration lists exactly
// the values the parser accepts (the ones its error message offers).

// queryKinds is the query each table's defaults are read from.
var queryKinds = map[string]string{
	"query common":   `"queryType":"series","expr":"up"`,
	"query promql":   `"queryType":"series","expr":"up"`,
	"query series":   `"queryType":"series","expr":"up"`,
	"query anomaly":  `"queryType":"anomaly","expr":"up"`,
	"query trend":    `"queryType":"trend","expr":"up"`,
	"query forecast": `"queryType":"forecast","expr":"up"`,
	"query slo":      `"queryType":"slo","sloId":"checkout"`,
}

// docCatalog is the catalog the slo queries name.
const docCatalog = `{"slos":[{"id":"checkout","sli":{"kind":"ratio","bad":"errors_total","total":"requests_total"},` +
	`"objective":0.999,"window":"30d"}]}`

// queryParser parses queries of one table's kind, with fields (JSON
// members such as `"method":"robust"`) added to or replacing its base.
type queryParser struct {
	t    *testing.T
	base string
	s    Settings
}

func (p queryParser) try(fields string) (Query, error) {
	p.t.Helper()
	q := backend.DataQuery{
		RefID: "A", JSON: withFields(p.t, p.base, fields), Interval: 15 * time.Second, MaxDataPoints: 1000,
		TimeRange: backend.TimeRange{From: t0, To: t0.Add(time.Hour)},
	}
	return ParseQuery(q, p.s)
}

func (p queryParser) must(fields string) Query {
	p.t.Helper()
	q, err := p.try(fields)
	if err != nil {
		p.t.Fatalf("{%s} with %s: %v", p.base, fields, err)
	}
	return q
}

// none is the extractor result of an option without a default.
var none []string

func one(s string) []string                  { return []string{s} }
func dur(d time.Duration) []string           { return one(FormatDuration(d)) }
func num(f float64) []string                 { return one(strconv.FormatFloat(f, 'g', -1, 64)) }
func det(p queryParser, f string) *Detection { return p.must(f).Detection }

// queryDefaults gives, per table and option, the default the parser
// applies; a documented option without an entry here fails the check, and
// so does an entry for an option no table names.
var queryDefaults = map[string]map[string]func(queryParser) []string{
	"query common": {
		"queryType": func(p queryParser) []string { return one(string(p.must(`"queryType":""`).Type)) },
	},
	"query promql": {
		"expr": func(p queryParser) []string {
			if _, err := p.try(`"expr":""`); errors.Is(err, ErrEmptyExpr) {
				return none
			}
			return one("(runs without an expression)")
		},
		"legendFormat": func(p queryParser) []string { return nonEmpty(p.must("").LegendFormat) },
	},
	"query series": {
		// Unset, the step has no lower bound beyond Grafana's interval.
		"minStep": func(p queryParser) []string {
			if p.must("").Step != p.must(`"minStep":"1ms"`).Step {
				return one("(the step changes with a 1ms min step)")
			}
			return none
		},
	},
	"query anomaly": {
		"method":       func(p queryParser) []string { return one(string(det(p, "").Options.Method)) },
		"window":       func(p queryParser) []string { return dur(det(p, "").Window) },
		"threshold":    func(p queryParser) []string { return num(det(p, "").Options.Threshold) },
		"direction":    func(p queryParser) []string { return one(det(p, "").Options.Direction.String()) },
		"minDeviation": func(p queryParser) []string { return num(det(p, "").Options.MinDeviation) },
		"persistence": func(p queryParser) []string {
			if ps := det(p, "").Options.Persistence; ps.K > 1 {
				return one(strconv.Itoa(ps.K) + "/" + strconv.Itoa(ps.N))
			}
			return none
		},
		"season":       func(p queryParser) []string { return dur(det(p, `"method":"seasonal"`).Season) },
		"seasons":      func(p queryParser) []string { return num(float64(det(p, `"method":"seasonal"`).Options.Seasons)) },
		"detectorStep": func(p queryParser) []string { return dur(det(p, "").Step) },
		"output":       func(p queryParser) []string { return one(string(det(p, "").Output)) },
	},
	"query trend": {
		"trendWindow":    func(p queryParser) []string { return dur(det(p, "").TrendWindow) },
		"ratioThreshold": func(p queryParser) []string { return num(det(p, "").RatioThreshold) },
		"window":         func(p queryParser) []string { return dur(det(p, "").Window) },
		"detectorStep":   func(p queryParser) []string { return dur(det(p, "").Step) },
		"output":         func(p queryParser) []string { return one(string(det(p, "").Output)) },
	},
	"query forecast": {
		"forecastMethod": func(p queryParser) []string { return one(det(p, "").ForecastMethod) },
		"horizon":        func(p queryParser) []string { return dur(det(p, "").Horizon) },
		"training": func(p queryParser) []string {
			if d := det(p, "").Training; d > 0 {
				return dur(d)
			}
			return none
		},
		"forecastThreshold": func(p queryParser) []string {
			if th := det(p, "").Threshold; th != nil {
				return num(*th)
			}
			return none
		},
		"level":        func(p queryParser) []string { return num(det(p, "").Level) },
		"season":       func(p queryParser) []string { return dur(det(p, `"forecastMethod":"holtwinters"`).Season) },
		"threshold":    func(p queryParser) []string { return num(det(p, `"forecastMethod":"holtwinters"`).Options.Threshold) },
		"detectorStep": func(p queryParser) []string { return dur(det(p, "").Step) },
		"output":       func(p queryParser) []string { return one(string(det(p, "").Output)) },
	},
	"query slo": {
		"sloId": func(p queryParser) []string { return sloWithout(p) },
		"slo":   func(p queryParser) []string { return sloWithout(p) },
		"sloFilter": func(p queryParser) []string {
			return nonEmpty(p.must(`"sloId":"*"`).SLO.Filter.String())
		},
		"output": func(p queryParser) []string {
			return one(string(p.must("").SLO.Output))
		},
		// One default per side of the 7-day boundary.
		"bucketStep": func(p queryParser) []string {
			inline := func(window string) string {
				return `"slo":{"sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.99,"window":"` + window + `"}`
			}
			return append(dur(p.must(inline("7d")).Step), dur(p.must(inline("8d")).Step)...)
		},
	},
}

// sloWithout: an slo query naming no SLO, inline or by id, is refused.
func sloWithout(p queryParser) []string {
	if _, err := p.try(`"sloId":""`); err != nil {
		return none
	}
	return one("(runs without an SLO)")
}

func nonEmpty(s string) []string {
	if s == "" {
		return none
	}
	return one(s)
}

func TestDocQueryOptionsAreTheParsersOptions(t *testing.T) {
	tables := readDocTables(t, "reference/query-types.md")
	var documented []string
	for _, tab := range tables {
		for _, r := range tab.rows {
			documented = append(documented, r.key)
		}
	}
	read := append(jsonKeys(reflect.TypeOf(queryJSON{})), jsonKeys(reflect.TypeOf(sloQueryJSON{}))...)
	sameKeys(t, "query options", documented, read)
}

func TestDocQueryDefaultsAreTheParsersDefaults(t *testing.T) {
	s := docSettings(t, docCatalog)
	tables := readDocTables(t, "reference/query-types.md")
	for scope, base := range queryKinds {
		tab, ok := tables[scope]
		if !ok {
			t.Errorf("no table marked %q", scope)
			continue
		}
		p := queryParser{t: t, base: base, s: s}
		defaults := queryDefaults[scope]
		documented := map[string]bool{}
		for _, r := range tab.rows {
			documented[r.key] = true
			get, ok := defaults[r.key]
			if !ok {
				t.Errorf("%s: %q has no default extractor in docs_query_test.go", r.where, r.key)
				continue
			}
			checkDefault(t, r, get(p))
		}
		for key := range defaults {
			if !documented[key] {
				t.Errorf("%s: docs_query_test.go reads a default of %q, which the table does not list", tab.where, key)
			}
		}
	}
}

func TestDocQueryEnumerationsAreWhatTheParserAccepts(t *testing.T) {
	s := docSettings(t, docCatalog)
	tables := readDocTables(t, "reference/query-types.md")
	for scope, base := range queryKinds {
		for _, r := range tables[scope].rows {
			if r.allowed == nil {
				continue
			}
			p := queryParser{t: t, base: base, s: s}
			for _, v := range r.allowed {
				if r.key == "queryType" {
					p.base = queryKinds["query "+v]
				}
				if _, err := p.try(strconv.Quote(r.key) + ":" + strconv.Quote(v)); err != nil {
					t.Errorf("%s: %s %q is documented but refused: %v", r.where, r.key, v, err)
				}
			}
			p.base = base
			_, err := p.try(strconv.Quote(r.key) + ":" + strconv.Quote(bogus))
			sameValues(t, r, listedValues(err), err)
		}
	}
}

// checkDefault compares a row's documented default with the code's,
// durations and numbers by value.
func checkDefault(t *testing.T, r docRow, got []string) {
	t.Helper()
	want := r.def
	if len(want) == 1 && want[0] == "—" {
		want = nil
	}
	if len(want) != len(got) {
		t.Errorf("%s: %s defaults to %v in the code, the table says %v", r.where, r.key, got, want)
		return
	}
	for i := range want {
		if !sameValue(r.typ, want[i], got[i]) {
			t.Errorf("%s: %s defaults to %v in the code, the table says %v", r.where, r.key, got, want)
			return
		}
	}
}

func sameValue(typ, doc, code string) bool {
	switch typ {
	case "duration":
		a, err1 := promdur.ParseOrSeconds(doc)
		b, err2 := promdur.ParseOrSeconds(code)
		return err1 == nil && err2 == nil && a == b
	case "number", "integer":
		a, err1 := strconv.ParseFloat(doc, 64)
		b, err2 := strconv.ParseFloat(code, 64)
		return err1 == nil && err2 == nil && (a == b || math.IsNaN(a) && math.IsNaN(b))
	}
	return doc == code
}

// sameValues compares an enumeration with the values the parser's error
// offers for a value outside it.
func sameValues(t *testing.T, r docRow, offered []string, err error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: %s %q is accepted: the enumeration is not checked", r.where, r.key, bogus)
		return
	}
	doc, code := append([]string(nil), r.allowed...), append([]string(nil), offered...)
	sort.Strings(doc)
	sort.Strings(code)
	if strings.Join(doc, ",") != strings.Join(code, ",") {
		t.Errorf("%s: %s lists %v; the code offers %v (%v)", r.where, r.key, r.allowed, offered, err)
	}
}
