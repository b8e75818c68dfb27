package models

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/httpclient"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// docs/reference/datasource-settings.md against LoadSettings and the SLO
// parser: each documented setting has the default the code applies, and
// setting it changes what the backend uses (its probe), so a misspelt key
// fails; every key models reads is documented; enumerations are the
// values the code accepts.

// settingsCase loads settings: url, basicAuth and basicAuthUser at the
// root, jsonData and secureJsonData as given.
type settingsCase struct {
	url       string
	basicAuth bool
	user      string
	jsonData  string
	secure    map[string]string
}

func (c settingsCase) load() (Settings, error) {
	if c.url == "" {
		c.url = "http://prometheus:9090"
	}
	if c.jsonData == "" {
		c.jsonData = "{}"
	}
	return LoadSettings(context.Background(), backend.DataSourceInstanceSettings{
		URL: c.url, BasicAuthEnabled: c.basicAuth, BasicAuthUser: c.user,
		JSONData: []byte(c.jsonData), DecryptedSecureJSONData: c.secure,
	})
}

func docSettings(t *testing.T, jsonData string) Settings {
	t.Helper()
	s, err := settingsCase{jsonData: jsonData}.load()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// setting is one documented key: its default as the code applies it, and
// a probe that sets it and reports whether the backend uses the value.
// Keys documented as having no effect have no probe.
type setting struct {
	def   func(s Settings) []string
	probe func(t *testing.T) bool
}

// loaded runs a settings case for a probe.
func loaded(t *testing.T, c settingsCase) Settings {
	t.Helper()
	s, err := c.load()
	if err != nil {
		t.Fatalf("%+v: %v", c, err)
	}
	return s
}

func seconds(d time.Duration) []string { return num(d.Seconds()) }

func tls(s Settings) *httpclient.TLSOptions {
	if s.HTTPOptions.TLS == nil {
		return &httpclient.TLSOptions{}
	}
	return s.HTTPOptions.TLS
}

func boolDefault(f func(*httpclient.TLSOptions) bool) func(Settings) []string {
	return func(s Settings) []string {
		return one(strconv.FormatBool(s.HTTPOptions.TLS != nil && f(s.HTTPOptions.TLS)))
	}
}

func noDefault(Settings) []string { return none }

// timeouts: the SDK's connection options, set and read in seconds or counts.
func timeout(key string, get func(*httpclient.TimeoutOptions) float64) setting {
	return setting{
		def: func(s Settings) []string { return num(get(s.HTTPOptions.Timeouts)) },
		probe: func(t *testing.T) bool {
			return get(loaded(t, settingsCase{jsonData: `{"` + key + `":7}`}).HTTPOptions.Timeouts) == 7
		},
	}
}

var docSettingsTables = map[string]map[string]setting{
	"settings root": {
		"url": {
			def: func(Settings) []string {
				if _, err := (settingsCase{url: " "}).load(); errors.Is(err, ErrMissingURL) {
					return none
				}
				return one("(loads without a URL)")
			},
			probe: func(t *testing.T) bool {
				return loaded(t, settingsCase{url: "http://mimir:8080/prometheus"}).URL == "http://mimir:8080/prometheus"
			},
		},
		"basicAuth": {
			def: func(s Settings) []string { return one(strconv.FormatBool(s.HTTPOptions.BasicAuth != nil)) },
			probe: func(t *testing.T) bool {
				return loaded(t, settingsCase{basicAuth: true, user: "u"}).HTTPOptions.BasicAuth != nil
			},
		},
		"basicAuthUser": {def: noDefault, probe: func(t *testing.T) bool {
			return loaded(t, settingsCase{basicAuth: true, user: "u"}).HTTPOptions.BasicAuth.User == "u"
		}},
	},
	"settings jsonData": {
		"httpMethod": {def: func(s Settings) []string { return one(s.HTTPMethod) }, probe: func(t *testing.T) bool {
			return loaded(t, settingsCase{jsonData: `{"httpMethod":"GET"}`}).HTTPMethod == "GET"
		}},
		// The SDK's per-call timeout. TODO(lead): once h-errors is merged,
		// read Settings.Timeout (the request deadline) here instead.
		"timeout": {def: func(s Settings) []string { return seconds(s.Timeout) }, probe: func(t *testing.T) bool {
			return loaded(t, settingsCase{jsonData: `{"timeout":0.5}`}).Timeout == 500*time.Millisecond
		}},
		"maxPointsPerQuery": {def: func(s Settings) []string { return num(float64(s.MaxPointsPerQuery)) }, probe: func(t *testing.T) bool {
			return loaded(t, settingsCase{jsonData: `{"maxPointsPerQuery":20000}`}).MaxPointsPerQuery == 20000
		}},
		"timeInterval": {def: func(s Settings) []string { return dur(s.ScrapeInterval) }, probe: func(t *testing.T) bool {
			return loaded(t, settingsCase{jsonData: `{"timeInterval":"7s"}`}).ScrapeInterval == 7*time.Second
		}},
		"responseLimitMB": {def: func(s Settings) []string { return num(float64(s.ResponseLimitMB)) }, probe: func(t *testing.T) bool {
			return loaded(t, settingsCase{jsonData: `{"responseLimitMB":7}`}).ResponseLimitMB == 7
		}},
		"tlsAuth": {def: boolDefault(func(o *httpclient.TLSOptions) bool { return o.ClientCertificate != "" }), probe: func(t *testing.T) bool {
			return tls(loaded(t, settingsCase{jsonData: `{"tlsAuth":true}`, secure: map[string]string{"tlsClientCert": "C"}})).ClientCertificate == "C"
		}},
		"tlsAuthWithCACert": {def: boolDefault(func(o *httpclient.TLSOptions) bool { return o.CACertificate != "" }), probe: func(t *testing.T) bool {
			return tls(loaded(t, settingsCase{jsonData: `{"tlsAuthWithCACert":true}`, secure: map[string]string{"tlsCACert": "A"}})).CACertificate == "A"
		}},
		"tlsSkipVerify": {def: boolDefault(func(o *httpclient.TLSOptions) bool { return o.InsecureSkipVerify }), probe: func(t *testing.T) bool {
			return tls(loaded(t, settingsCase{jsonData: `{"tlsSkipVerify":true}`})).InsecureSkipVerify
		}},
		"serverName": {def: noDefault, probe: func(t *testing.T) bool {
			return tls(loaded(t, settingsCase{jsonData: `{"tlsAuth":true,"serverName":"prom.internal"}`})).ServerName == "prom.internal"
		}},
		"httpHeaderName<n>": {def: noDefault, probe: func(t *testing.T) bool {
			s := loaded(t, settingsCase{jsonData: `{"httpHeaderName1":"X-Scope-OrgID"}`, secure: map[string]string{"httpHeaderValue1": "tenant"}})
			return s.HTTPOptions.Header.Get("X-Scope-OrgID") == "tenant"
		}},
		// Documented as having no effect: nothing forwards cookies.
		"keepCookies": {def: noDefault},
		"slos": {
			def: func(s Settings) []string {
				if len(s.SLOs) == 0 {
					return none
				}
				return one("(a catalog by default)")
			},
			probe: func(t *testing.T) bool { return len(loaded(t, settingsCase{jsonData: docCatalog}).SLOs) == 1 },
		},
	},
	"settings http": {
		"dialTimeout":               timeout("dialTimeout", func(o *httpclient.TimeoutOptions) float64 { return o.DialTimeout.Seconds() }),
		"httpKeepAlive":             timeout("httpKeepAlive", func(o *httpclient.TimeoutOptions) float64 { return o.KeepAlive.Seconds() }),
		"httpTLSHandshakeTimeout":   timeout("httpTLSHandshakeTimeout", func(o *httpclient.TimeoutOptions) float64 { return o.TLSHandshakeTimeout.Seconds() }),
		"httpExpectContinueTimeout": timeout("httpExpectContinueTimeout", func(o *httpclient.TimeoutOptions) float64 { return o.ExpectContinueTimeout.Seconds() }),
		"httpMaxConnsPerHost":       timeout("httpMaxConnsPerHost", func(o *httpclient.TimeoutOptions) float64 { return float64(o.MaxConnsPerHost) }),
		"httpMaxIdleConns":          timeout("httpMaxIdleConns", func(o *httpclient.TimeoutOptions) float64 { return float64(o.MaxIdleConns) }),
		"httpMaxIdleConnsPerHost":   timeout("httpMaxIdleConnsPerHost", func(o *httpclient.TimeoutOptions) float64 { return float64(o.MaxIdleConnsPerHost) }),
		"httpIdleConnTimeout":       timeout("httpIdleConnTimeout", func(o *httpclient.TimeoutOptions) float64 { return o.IdleConnTimeout.Seconds() }),
	},
	"settings secureJsonData": {
		"basicAuthPassword": {def: noDefault, probe: func(t *testing.T) bool {
			s := loaded(t, settingsCase{basicAuth: true, user: "u", secure: map[string]string{"basicAuthPassword": "p"}})
			return s.HTTPOptions.BasicAuth.Password == "p"
		}},
		"tlsCACert": {def: noDefault, probe: func(t *testing.T) bool {
			return tls(loaded(t, settingsCase{jsonData: `{"tlsAuthWithCACert":true}`, secure: map[string]string{"tlsCACert": "A"}})).CACertificate == "A"
		}},
		"tlsClientCert": {def: noDefault, probe: func(t *testing.T) bool {
			return tls(loaded(t, settingsCase{jsonData: `{"tlsAuth":true}`, secure: map[string]string{"tlsClientCert": "C"}})).ClientCertificate == "C"
		}},
		"tlsClientKey": {def: noDefault, probe: func(t *testing.T) bool {
			return tls(loaded(t, settingsCase{jsonData: `{"tlsAuth":true}`, secure: map[string]string{"tlsClientKey": "K"}})).ClientKey == "K"
		}},
		"httpHeaderValue<n>": {def: noDefault, probe: func(t *testing.T) bool {
			s := loaded(t, settingsCase{jsonData: `{"httpHeaderName1":"Authorization"}`, secure: map[string]string{"httpHeaderValue1": "Bearer x"}})
			return s.HTTPOptions.Header.Get("Authorization") == "Bearer x"
		}},
	},
}

func TestDocSettingsDefaultsAndKeys(t *testing.T) {
	tables := readDocTables(t, "reference/datasource-settings.md")
	defaults := docSettings(t, "")
	for scope, settings := range docSettingsTables {
		tab, ok := tables[scope]
		if !ok {
			t.Errorf("no table marked %q", scope)
			continue
		}
		documented := map[string]bool{}
		for _, r := range tab.rows {
			documented[r.key] = true
			st, ok := settings[r.key]
			if !ok {
				t.Errorf("%s: %q is not a setting docs_settings_test.go knows: add its default and probe there", r.where, r.key)
				continue
			}
			checkDefault(t, r, st.def(defaults))
			if st.probe != nil && !st.probe(t) {
				t.Errorf("%s: setting %q does not change what the backend uses", r.where, r.key)
			}
			checkSettingValues(t, scope, r)
		}
		for key := range settings {
			if !documented[key] {
				t.Errorf("%s: docs_settings_test.go knows %q, which the table does not list", tab.where, key)
			}
		}
	}
	// Every key models reads itself is documented (the SDK reads others).
	var jsonDataKeys []string
	for _, r := range tables["settings jsonData"].rows {
		jsonDataKeys = append(jsonDataKeys, r.key)
	}
	for _, k := range jsonKeys(reflect.TypeOf(jsonData{})) {
		if !set(jsonDataKeys)[k] {
			t.Errorf("jsonData.%s is read by LoadSettings but not documented", k)
		}
	}
}

// checkSettingValues loads each documented value of an enumeration, and
// for strings compares the list with the values the error offers.
func checkSettingValues(t *testing.T, scope string, r docRow) {
	t.Helper()
	if r.allowed == nil {
		return
	}
	member := func(v string) string {
		b, _ := json.Marshal(v)
		if r.typ == "boolean" {
			b = []byte(v)
		}
		return `"` + r.key + `":` + string(b)
	}
	for _, v := range r.allowed {
		c := settingsCase{jsonData: "{" + member(v) + "}"}
		if scope == "settings root" {
			c = settingsCase{basicAuth: v == "true", user: "u"}
		}
		if _, err := c.load(); err != nil {
			t.Errorf("%s: %s %s is documented but refused: %v", r.where, r.key, v, err)
		}
	}
	if r.typ == "string" {
		_, err := settingsCase{jsonData: `{"` + r.key + `":"` + bogus + `"}`}.load()
		sameValues(t, r, listedValues(err), err)
	}
}

// validSLO is a catalog entry whose SLI and window fields are replaced by
// sli and window when they are not empty.
func validSLO(sli, window string) string {
	if sli == "" {
		sli = `{"kind":"ratio","bad":"errors_total","total":"requests_total"}`
	}
	if window == "" {
		window = `"30d"`
	}
	return `{"id":"x","sli":` + sli + `,"objective":0.99,"window":` + window + `}`
}

func parseSLO(t *testing.T, entry string) (slo.SLO, error) {
	t.Helper()
	c, err := slo.ParseCatalog([]byte("[" + entry + "]"))
	if err != nil {
		return slo.SLO{}, err
	}
	return c[0], nil
}

func mustSLO(t *testing.T, entry string) slo.SLO {
	t.Helper()
	s, err := parseSLO(t, entry)
	if err != nil {
		t.Fatalf("%s: %v", entry, err)
	}
	return s
}

func TestDocSLOFormatIsTheCatalogsFormat(t *testing.T) {
	tables := readDocTables(t, "reference/datasource-settings.md")
	keys := func(scope string) []string {
		var out []string
		for _, r := range tables[scope].rows {
			out = append(out, r.key)
		}
		return out
	}
	full := slo.SLO{ID: "x", Name: "n", Description: "d", SLI: slo.SLI{Kind: slo.KindRatio, Bad: "b", Total: "t"},
		Objective: 0.9, Window: slo.RollingWindow(time.Hour), Labels: map[string]string{"a": "b"}, MinEvents: 1,
		ViolationFor: time.Minute, ViolationWindow: time.Minute}
	b, err := json.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	sameKeys(t, "SLO fields", keys("slo fields"), objectKeys(t, b))
	sameKeys(t, "SLI fields", keys("slo sli"), jsonKeys(reflect.TypeOf(slo.SLI{})))
	rolling, _ := json.Marshal(slo.RollingWindow(time.Hour))
	calendar, _ := json.Marshal(slo.CalendarWindow(slo.Month, time.UTC))
	sameKeys(t, "window fields", keys("slo window"), append(objectKeys(t, rolling), objectKeys(t, calendar)...))

	minimal := mustSLO(t, validSLO("", ""))
	sloDefaults := map[string]map[string][]string{
		"slo fields": {
			"id": none, "name": none, "description": none, "sli": none, "objective": none, "window": none, "labels": none,
			"violationFor": none, "minEvents": num(minimal.MinEvents), "violationWindow": dur(minimal.SustainWindow()),
		},
		"slo sli": {"kind": none, "good": none, "bad": none, "total": none, "histogram": none, "threshold": none,
			"selector": none, "expr": none, "gaps": none},
		"slo window": {
			"kind":     one(windowKind(mustSLO(t, validSLO("", `{"duration":"30d"}`)).Window)),
			"duration": none, "unit": none,
			"timeZone": one(zoneName(mustSLO(t, validSLO("", `{"unit":"month"}`)).Window)),
		},
	}
	for scope, defaults := range sloDefaults {
		for _, r := range tables[scope].rows {
			def, ok := defaults[r.key]
			if !ok {
				t.Errorf("%s: %q has no default in docs_settings_test.go", r.where, r.key)
				continue
			}
			checkDefault(t, r, def)
		}
	}
}

func windowKind(w slo.Window) string {
	if w.IsCalendar() {
		return "calendar"
	}
	return "rolling"
}

func zoneName(w slo.Window) string {
	if w.Location == nil {
		return "UTC"
	}
	return w.Location.String()
}

func TestDocSLOEnumerationsAreWhatTheCatalogAccepts(t *testing.T) {
	tables := readDocTables(t, "reference/datasource-settings.md")
	// An entry with the row's field set to v, otherwise valid.
	entries := map[string]func(v string) string{
		"slo sli kind": func(v string) string {
			sli, ok := map[string]string{
				"ratio":        `{"kind":"ratio","bad":"e","total":"t"}`,
				"latency":      `{"kind":"latency","histogram":"h","threshold":0.2}`,
				"availability": `{"kind":"availability","expr":"up","gaps":"down"}`,
			}[v]
			if !ok {
				sli = `{"kind":"` + v + `"}`
			}
			return validSLO(sli, "")
		},
		"slo sli gaps":    func(v string) string { return validSLO(`{"kind":"availability","expr":"up","gaps":"`+v+`"}`, "") },
		"slo window kind": func(v string) string { return validSLO("", `{"kind":"`+v+`","duration":"30d","unit":"month"}`) },
		"slo window unit": func(v string) string { return validSLO("", `{"kind":"calendar","unit":"`+v+`"}`) },
	}
	checked := 0
	for _, scope := range []string{"slo fields", "slo sli", "slo window"} {
		for _, r := range tables[scope].rows {
			if r.allowed == nil {
				continue
			}
			entry, ok := entries[scope+" "+r.key]
			if !ok {
				t.Errorf("%s: enumeration %q has no entry builder in docs_settings_test.go", r.where, r.key)
				continue
			}
			checked++
			for _, v := range r.allowed {
				e := entry(v)
				if v == "rolling" {
					e = validSLO("", `{"kind":"rolling","duration":"30d"}`)
				} else if v == "calendar" {
					e = validSLO("", `{"kind":"calendar","unit":"month"}`)
				}
				if _, err := parseSLO(t, e); err != nil {
					t.Errorf("%s: %s %q is documented but refused: %v", r.where, r.key, v, err)
				}
			}
			_, err := parseSLO(t, entry(bogus))
			sameValues(t, r, listedValues(err), err)
		}
	}
	if checked != len(entries) {
		t.Errorf("%d of %d SLO enumerations found in the tables", checked, len(entries))
	}
}
