package models

import (
	"errors"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/prom"
)

var t0 = time.Date(2026, 11, 27, 0, 0, 7, 0, time.UTC)

func dataQuery(json string, span, interval time.Duration, maxPoints int64) backend.DataQuery {
	return backend.DataQuery{
		RefID: "A", JSON: []byte(json), Interval: interval, MaxDataPoints: maxPoints,
		TimeRange: backend.TimeRange{From: t0, To: t0.Add(span)},
	}
}

var defaults = Settings{ScrapeInterval: 15 * time.Second}

func TestParseQueryStep(t *testing.T) {
	tests := []struct {
		name     string
		json     string
		span     time.Duration
		interval time.Duration
		maxPts   int64
		want     time.Duration
	}{
		{"Grafana's interval is the step when nothing else binds", `{"expr":"up"}`, time.Hour, 15 * time.Second, 1000, 15 * time.Second},
		{"min step raises a finer interval", `{"expr":"up","minStep":"1m"}`, time.Hour, 15 * time.Second, 1000, time.Minute},
		{"max data points bounds the step from below", `{"expr":"up"}`, 24 * time.Hour, time.Second, 100, 864 * time.Second},
		{"Prometheus' 11,000-point limit is never exceeded", `{"expr":"up"}`, 30 * 24 * time.Hour, time.Second, 0, 236 * time.Second},
		{"an alert rule without interval still gets at least 1 s", `{"expr":"up"}`, time.Minute, 0, 0, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := ParseQuery(dataQuery(tt.json, tt.span, tt.interval, tt.maxPts), defaults)
			if err != nil {
				t.Fatal(err)
			}
			if q.Step != tt.want {
				t.Errorf("step = %v, want %v", q.Step, tt.want)
			}
			if n := q.End.Sub(q.Start)/q.Step + 1; n > prom.MaxIntervals+1 {
				t.Errorf("%d points exceed the limit", n)
			}
		})
	}
}

func TestParseQueryAlignsRangeToStep(t *testing.T) {
	q, err := ParseQuery(dataQuery(`{"expr":"up"}`, time.Hour, 15*time.Second, 0), defaults)
	if err != nil {
		t.Fatal(err)
	}
	if q.Start.UnixMilli()%15000 != 0 || q.End.UnixMilli()%15000 != 0 {
		t.Errorf("range %v – %v is not aligned to 15s", q.Start, q.End)
	}
	if !q.Start.Equal(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("start = %v, want it snapped down to 00:00:00", q.Start)
	}
}

func TestParseQueryExpandsMacros(t *testing.T) {
	json := `{"expr":"rate(x[$__rate_interval]) + rate(y[$__interval]) + $__interval_ms + rate(z[${__range}]) + $__range_s"}`
	q, err := ParseQuery(dataQuery(json, 6*time.Hour, 30*time.Second, 0), defaults)
	if err != nil {
		t.Fatal(err)
	}
	// $__rate_interval = max(step + scrape, 4 × scrape) = max(45s, 60s), as Grafana's Prometheus datasource defines it.
	want := "rate(x[1m]) + rate(y[30s]) + 30000 + rate(z[6h]) + 21600"
	if q.Expr != want {
		t.Errorf("expr = %q\nwant   %q", q.Expr, want)
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		name string
		json string
		span time.Duration
		want error
	}{
		{"malformed JSON", `{"expr":`, time.Hour, ErrMalformedQuery},
		{"empty expression", `{"expr":"  "}`, time.Hour, ErrEmptyExpr},
		{"unknown query type", `{"queryType":"magic","expr":"up"}`, time.Hour, ErrUnknownQueryType},
		{"bad min step", `{"expr":"up","minStep":"fast"}`, time.Hour, ErrInvalidMinStep},
		{"zero min step", `{"expr":"up","minStep":"0s"}`, time.Hour, ErrInvalidMinStep},
		{"reversed range", `{"expr":"up"}`, -time.Hour, ErrInvalidTimeRange},
		{"a range of two centuries", `{"expr":"up"}`, 200 * 365 * 24 * time.Hour, ErrTimeRangeTooLong},
		{"a range that saturates time.Duration", `{"expr":"up"}`, 1<<63 - 1, ErrTimeRangeTooLong},
		{"an SLO query over two centuries", `{"queryType":"slo","sloId":"x"}`, 200 * 365 * 24 * time.Hour, ErrTimeRangeTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseQuery(dataQuery(tt.json, tt.span, time.Second, 0), defaults)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestParseQueryTypeFromDataQuery(t *testing.T) {
	dq := dataQuery(`{"expr":"up"}`, time.Hour, time.Second, 0)
	dq.QueryType = "series"
	q, err := ParseQuery(dq, defaults)
	if err != nil || q.Type != QueryTypeSeries {
		t.Fatalf("type = %q, err = %v", q.Type, err)
	}
}

// Grafana Alerting evaluates a rule with an interval of 1 s and 43,200 max
// data points (DefaultIntervalMS, DefaultMaxDataPoints in Grafana's
// pkg/services/ngalert/models/alert_query.go). The step must give a
// range Prometheus accepts whatever the range and its phase.
func TestParseQueryStepRespectsPrometheusLimitWithAlertDefaults(t *testing.T) {
	const alertInterval, alertMaxPoints = time.Second, 43200
	day := 24 * time.Hour
	for _, span := range []time.Duration{10 * time.Hour, 4 * day, 5 * day} {
		t.Run("an alert rule over "+FormatDuration(span)+" gets a range Prometheus accepts", func(t *testing.T) {
			checkRangeValid(t, dataQuery(`{"expr":"up"}`, span, alertInterval, alertMaxPoints))
		})
	}
	t.Run("a sweep of ranges and phases with alert and panel defaults", func(t *testing.T) {
		span := time.Minute
		for i := 0; span < 5*365*day; i++ {
			from := t0.Add(time.Duration(i*7919) * time.Millisecond) // a prime, so phases vary
			for _, opts := range []struct {
				interval  time.Duration
				maxPoints int64
			}{{alertInterval, alertMaxPoints}, {15 * time.Second, 1000}, {0, 0}} {
				dq := dataQuery(`{"expr":"up"}`, span, opts.interval, opts.maxPoints)
				dq.TimeRange = backend.TimeRange{From: from, To: from.Add(span)}
				if !checkRangeValid(t, dq) {
					return
				}
			}
			span += span/97 + time.Duration(i)*time.Millisecond
		}
	})
}

func checkRangeValid(t *testing.T, dq backend.DataQuery) bool {
	t.Helper()
	q, err := ParseQuery(dq, defaults)
	if err != nil {
		t.Errorf("range %v: %v", dq.TimeRange.To.Sub(dq.TimeRange.From), err)
		return false
	}
	if err := (prom.Range{Start: q.Start, End: q.End, Step: q.Step}).Validate(); err != nil {
		t.Errorf("range %v, step %v: %v", dq.TimeRange.To.Sub(dq.TimeRange.From), q.Step, err)
		return false
	}
	if q.Step > time.Second && q.Step%time.Second != 0 {
		t.Errorf("step %v is not whole seconds", q.Step)
		return false
	}
	return true
}

func TestParseQuerySameRangeSameStep(t *testing.T) {
	// A panel and an alert rule over the same 4 d range, with their own
	// intervals below the range's floor, get the same step.
	panel, err := ParseQuery(dataQuery(`{"expr":"up"}`, 4*24*time.Hour, 30*time.Second, 11000), defaults)
	if err != nil {
		t.Fatal(err)
	}
	alert, err := ParseQuery(dataQuery(`{"expr":"up"}`, 4*24*time.Hour, time.Second, 43200), defaults)
	if err != nil {
		t.Fatal(err)
	}
	if panel.Step != alert.Step || panel.Step != 32*time.Second {
		t.Errorf("panel step %v, alert step %v, want both 32s (⌈345,600 s / 11,000⌉)", panel.Step, alert.Step)
	}
}
