package models

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// queryErrors are the named errors ParseQuery reports; every refusal wraps
// one of them.
var queryErrors = []error{ErrMalformedQuery, ErrUnknownQueryType, ErrEmptyExpr, ErrInvalidMinStep,
	ErrInvalidTimeRange, ErrInvalidDetection, ErrSLOQuery, ErrInvalidSLOOutput}

func isQueryError(err error) bool {
	for _, e := range queryErrors {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// checkQuery reports how an accepted query breaks the promises the handlers
// rely on to size their fetches and buffers ("" when it keeps them).
func checkQuery(q Query, span time.Duration, scrape time.Duration) string {
	if q.End.Before(q.Start) || q.Step <= 0 {
		return "an empty or inverted range"
	}
	if d := q.Detection; d != nil {
		switch {
		case d.Step < time.Millisecond || d.Step > MaxHistory:
			return "a detector step outside [1ms, MaxHistory]"
		case d.Options.Validate() != nil:
			return "options that do not validate: " + d.Options.Validate().Error()
		case d.Options.Window < 2 || d.Warmup() < d.Window || d.Warmup() > MaxHistory:
			return "a window or warm-up outside [2 steps, MaxHistory]"
		case (span+max(d.Warmup(), d.Training, 2*d.TrendWindow))/d.Step > MaxDetectorPoints:
			return "more points per series than MaxDetectorPoints"
		case d.Options.Persistence.N > MaxDetectorPoints || d.Horizon/d.Step > MaxDetectorPoints:
			return "a persistence or horizon of more than MaxDetectorPoints"
		case d.TrendWindow > MaxHistory/2 || d.Training > MaxHistory || (d.ForecastMethod == "holtwinters" && d.Season > MaxHistory/2):
			return "a trend window, training or season beyond MaxHistory"
		}
	}
	if s := q.SLO; s != nil {
		step := s.BucketStep
		switch {
		case s.SLO.Validate() != nil:
			return "an invalid SLO: " + s.SLO.Validate().Error()
		case step%time.Second != 0 || time.Hour%step != 0 || step < 2*scrape:
			return "a bucket step that is not whole seconds dividing 1h, or under two scrapes"
		case maxLength(s.SLO.Window)/step+s.SLO.Window.Nominal()/10/step > MaxSLOBuckets:
			return "more than MaxSLOBuckets buckets over the window"
		}
	}
	return ""
}

// FuzzParseQuery: whatever the JSON, time range, interval and max data
// points, ParseQuery either refuses with a named error or returns a query
// whose fetch sizes keep the limits. testdata/fuzz/FuzzParseQuery holds
// queries that were accepted and then crashed or overflowed the handlers.
func FuzzParseQuery(f *testing.F) {
	for _, js := range []string{
		`{"expr":"up","minStep":"30s","legendFormat":"{{job}}"}`,
		`{"queryType":"anomaly","expr":"rate(x[$__rate_interval])","method":"seasonal","season":"1d","seasons":2,"persistence":"2/3"}`,
		`{"queryType":"trend","expr":"up","trendWindow":"2h","ratioThreshold":0.3,"output":"events"}`,
		`{"queryType":"forecast","expr":"disk","forecastMethod":"holtwinters","season":"1h","horizon":"6h","forecastThreshold":90,"level":0.9}`,
		`{"queryType":"slo","sloId":"availability","output":"alert","bucketStep":"1m"}`,
		`{"queryType":"slo","slo":{"id":"x","sli":{"kind":"latency","histogram":"h","threshold":0.2},"objective":0.95,"window":{"kind":"calendar","unit":"week","timeZone":"Europe/Paris"}}}`,
	} {
		f.Add(js, int64(3600), int64(15000), int64(1000))
	}
	f.Add(`{"expr":"up"}`, int64(-1), int64(-5), int64(-7))
	settings, _ := LoadSettings(context.Background(), instance("http://prometheus:9090", `{"slos":`+catalogJSON+`}`, nil))
	f.Fuzz(func(t *testing.T, js string, spanSec, intervalMs, maxPoints int64) {
		span := time.Duration(spanSec) * time.Second
		dq := backend.DataQuery{RefID: "A", JSON: []byte(js), Interval: time.Duration(intervalMs) * time.Millisecond,
			MaxDataPoints: maxPoints, TimeRange: backend.TimeRange{From: t0, To: t0.Add(span)}}
		q, err := ParseQuery(dq, settings)
		if err != nil {
			if !isQueryError(err) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		if why := checkQuery(q, dq.TimeRange.To.Sub(dq.TimeRange.From), settings.ScrapeInterval); why != "" {
			t.Fatalf("accepted %s: %s", js, why)
		}
	})
}

// FuzzDetectionQuery: every detection option of every detection query
// type, as the editor sends them; parsing refuses with ErrInvalidDetection
// or keeps the limits (checkQuery). Its testdata holds the options that
// once crashed the handlers.
func FuzzDetectionQuery(f *testing.F) {
	f.Add(uint8(0), "zscore", "1h", "1m", "", 3, 3.0, "2/3", "bands", "", "", "", "", uint32(3600))
	f.Add(uint8(0), "seasonal", "6h", "5m", "1w", 4, 3.0, "", "events", "", "", "", "", uint32(21600))
	f.Add(uint8(2), "holtwinters", "30m", "15s", "1d", 1, 0.5, "1/1", "score", "", "6h", "2d", "holtwinters", uint32(3600))
	f.Add(uint8(0), "ewma", "2m", "1m", "100y", -3, 1e300, "9/9", "", "", "", "", "", uint32(60))
	f.Add(uint8(1), "robust", "1h", "1m", "", 0, 0.0, "", "", "2h", "", "", "", uint32(3600))
	f.Add(uint8(2), "", "2s", "1s", "", 0, 0.0, "", "", "", "1h", "", "linear", uint32(3600))
	types := []string{"anomaly", "trend", "forecast"}
	f.Fuzz(func(t *testing.T, qt uint8, method, window, step, season string, seasons int, threshold float64,
		persistence, output, trendWindow, horizon, training, forecastMethod string, spanSec uint32) {
		body, err := json.Marshal(map[string]any{
			"method": method, "window": window, "detectorStep": step, "season": season,
			"seasons": seasons, "threshold": threshold, "persistence": persistence, "output": output,
			"trendWindow": trendWindow, "horizon": horizon, "training": training, "forecastMethod": forecastMethod,
		})
		if err != nil {
			t.Skip() // NaN or ±Inf threshold: not JSON
		}
		extra := strings.TrimSuffix(strings.TrimPrefix(string(body), "{"), "}")
		span := time.Duration(spanSec) * time.Second
		q, err := parseDetectionQuery(types[int(qt)%len(types)], extra, span)
		if err != nil {
			if !errors.Is(err, ErrInvalidDetection) {
				t.Fatalf("error %v does not wrap ErrInvalidDetection", err)
			}
			return
		}
		if why := checkQuery(q, span, defaults.ScrapeInterval); why != "" {
			t.Fatalf("accepted %s: %s", extra, why)
		}
	})
}

// settingsErrors are the named errors LoadSettings reports for jsonData
// and the URL; the SDK's own HTTP option parsing adds its errors, wrapped.
var settingsErrors = []error{ErrMissingURL, ErrInvalidURL, ErrInvalidHTTPMethod, ErrInvalidLimit, ErrInvalidTimeout,
	ErrMalformedJSONData, ErrInvalidScrape, ErrInvalidSLOCatalog, errSecretInJSONData}

// FuzzLoadSettings: whatever the URL, jsonData and secure values, settings
// load into values the handlers can use, or fail with a named error that
// never carries a secure value.
func FuzzLoadSettings(f *testing.F) {
	f.Add("http://prometheus:9090", []byte(`{"httpMethod":"GET","responseLimitMB":5,"timeout":30,"timeInterval":"1m","slos":`+catalogJSON+`}`), "s3cr3t-token")
	f.Add("https://user:pw@mimir/prometheus", []byte(`{"httpHeaderName1":"X-Scope-OrgID","timeInterval":"0.0005"}`), "tenant-1")
	f.Add("prometheus:9090", []byte(`{"timeInterval":"soon","slos":[{"id":"a","window":"1x"}]}`), "")
	f.Add("http://p:9090", []byte(`{"password":"x","timeout":"30"}`), "hunter22")
	f.Add("http://p:9090", []byte(`{`), "secret")
	f.Fuzz(func(t *testing.T, url string, jsonData []byte, secret string) {
		src := backend.DataSourceInstanceSettings{URL: url, JSONData: jsonData, BasicAuthEnabled: true, BasicAuthUser: "grafana",
			DecryptedSecureJSONData: map[string]string{"basicAuthPassword": secret, "httpHeaderValue1": secret}}
		s, err := LoadSettings(context.Background(), src)
		if err != nil {
			leaks := len(strings.TrimSpace(secret)) >= minSecretLen && strings.Contains(err.Error(), strings.TrimSpace(secret)) &&
				!strings.Contains(url, strings.TrimSpace(secret)) && !strings.Contains(string(jsonData), strings.TrimSpace(secret))
			if leaks {
				t.Fatalf("error %q carries the secure value", err)
			}
			for _, e := range settingsErrors {
				if errors.Is(err, e) {
					return
				}
			}
			if !strings.HasPrefix(err.Error(), "HTTP client settings: ") {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("loaded settings do not validate: %v", err)
		}
		if s.ScrapeInterval < time.Millisecond || s.SLOs.Validate() != nil {
			t.Fatalf("scrape interval %v, catalog %v", s.ScrapeInterval, s.SLOs.Validate())
		}
		if _, err := s.SLOs.Lookup("\x00"); !errors.Is(err, slo.ErrUnknownSLO) {
			t.Fatalf("lookup of an impossible id: %v", err)
		}
	})
}
