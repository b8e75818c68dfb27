package models

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/promdur"
)

// QueryType selects what the backend computes for a query.
type QueryType string

// QueryTypeSeries is a plain PromQL range query. Detection and SLO query
// types are added beside it.
const QueryTypeSeries QueryType = "series"

// MaxTimeRange bounds a query's time range. No Prometheus-compatible store
// holds a century of samples, and the bound keeps span arithmetic far from
// time.Duration's limit (about 292 years), where subtraction saturates.
const MaxTimeRange = 100 * 365 * 24 * time.Hour

// Query errors, reported per query as user (downstream) errors.
var (
	ErrMalformedQuery   = errors.New("query is not valid JSON")
	ErrUnknownQueryType = errors.New("unknown query type")
	ErrEmptyExpr        = errors.New("the PromQL expression is empty")
	ErrInvalidMinStep   = errors.New(`min step must be a duration such as "30s"`)
	ErrInvalidTimeRange = errors.New("the time range ends before it starts")
	ErrTimeRangeTooLong = errors.New("the time range is longer than 100 years")
	// ErrQueryLimit reports an option whose size is beyond what one query
	// may fetch or compute (history, points, buckets, samples).
	ErrQueryLimit = errors.New("beyond the query limits")
)

// Query is one validated query, ready to run.
type Query struct {
	RefID        string
	Type         QueryType
	Expr         string // with $__interval, $__rate_interval and $__range substituted
	LegendFormat string
	Start, End   time.Time // aligned to Step
	Step         time.Duration
	MaxPoints    int64      // what the panel can show; detection output is thinned to it
	Detection    *Detection // set for anomaly, trend and forecast queries
	SLO          *SLOQuery  // set for slo queries (Start, End: the raw time range; Step: the bucket step)
}

type queryJSON struct {
	QueryType    QueryType `json:"queryType"`
	Expr         string    `json:"expr"`
	LegendFormat string    `json:"legendFormat"`
	MinStep      string    `json:"minStep"`
	detectionJSON
}

var queryTypes = map[QueryType]bool{QueryTypeSeries: true, QueryTypeAnomaly: true, QueryTypeTrend: true, QueryTypeForecast: true, QueryTypeSLO: true}

// ParseQuery turns Grafana's DataQuery into a Query. The step is the largest of
// Grafana's interval, the query's min step, range/maxDataPoints and
// range/11000 (Prometheus rejects more points), so panels, Explore and alert
// rules asking for the same range get the same step.
func ParseQuery(q backend.DataQuery, s Settings) (Query, error) {
	var raw queryJSON
	if err := json.Unmarshal(q.JSON, &raw); err != nil {
		return Query{}, fmt.Errorf("%w: %v", ErrMalformedQuery, err)
	}
	qt := raw.QueryType
	if qt == "" {
		qt = QueryType(q.QueryType)
	}
	if qt == "" {
		qt = QueryTypeSeries
	}
	if !queryTypes[qt] {
		return Query{}, fmt.Errorf("%w %q (supported: series, anomaly, trend, forecast, slo)", ErrUnknownQueryType, qt)
	}
	if qt == QueryTypeSLO {
		return parseSLOQuery(q, s)
	}
	if strings.TrimSpace(raw.Expr) == "" {
		return Query{}, ErrEmptyExpr
	}
	if err := checkTimeRange(q.TimeRange); err != nil {
		return Query{}, err
	}
	var minStep time.Duration
	if strings.TrimSpace(raw.MinStep) != "" {
		d, err := promdur.ParseOrSeconds(raw.MinStep)
		if err != nil || d <= 0 {
			return Query{}, fmt.Errorf("%w, got %q", ErrInvalidMinStep, raw.MinStep)
		}
		minStep = d
	}
	var det *Detection
	if qt != QueryTypeSeries {
		var err error
		if det, err = parseDetection(raw.detectionJSON, qt); err != nil {
			return Query{}, err
		}
		// Detection evaluates on its own fixed step, whatever the panel's.
		minStep = det.Step
	}
	step := chooseStep(q, minStep)
	if det != nil {
		step = det.Step
		if span := q.TimeRange.To.Sub(q.TimeRange.From); span > MaxHistory {
			return Query{}, fmt.Errorf("%w: detection covers at most %s, the range is %s",
				ErrInvalidDetection, FormatDuration(MaxHistory), FormatDuration(span.Truncate(time.Second)))
		}
		if err := det.checkPoints(q.TimeRange.To.Sub(q.TimeRange.From)); err != nil {
			return Query{}, err
		}
	}
	// Both ends snapped down to the step, as Grafana's Prometheus
	// datasource does, so successive refreshes evaluate at the same instants
	// and cached results stay comparable. Snapping the start down lengthens
	// the range by less than a step, so a step of at least range/11,000
	// still gives at most 11,000 steps.
	start, end := promdur.AlignDown(q.TimeRange.From, step), promdur.AlignDown(q.TimeRange.To, step)
	return Query{
		MaxPoints:    q.MaxDataPoints,
		Detection:    det,
		RefID:        q.RefID,
		Type:         qt,
		Expr:         expandMacros(raw.Expr, step, q.TimeRange.To.Sub(q.TimeRange.From), s.ScrapeInterval),
		LegendFormat: raw.LegendFormat,
		Start:        start,
		End:          end,
		Step:         step,
	}, nil
}

// checkTimeRange rejects a reversed range and one longer than MaxTimeRange.
func checkTimeRange(tr backend.TimeRange) error {
	if tr.To.Before(tr.From) {
		return ErrInvalidTimeRange
	}
	// Sub saturates, so a span beyond 292 years still compares as too long.
	if span := tr.To.Sub(tr.From); span > MaxTimeRange {
		return fmt.Errorf("%w: %s to %s", ErrTimeRangeTooLong,
			tr.From.UTC().Format(time.RFC3339), tr.To.UTC().Format(time.RFC3339))
	}
	return nil
}

// chooseStep takes the largest of the lower bounds and rounds it up: to
// whole milliseconds, as the API takes them, and to whole seconds above
// 1 s so the value reads well in $__interval. Rounding up keeps every bound:
// rounding to the nearest second could go below range/11,000 (a 10 h range
// needs 3.28 s; 3 s gives 12,000 steps, which Prometheus rejects).
func chooseStep(q backend.DataQuery, minStep time.Duration) time.Duration {
	span := q.TimeRange.To.Sub(q.TimeRange.From)
	step := max(q.Interval, minStep, ceilDiv(span, prom.MaxIntervals), time.Second)
	if q.MaxDataPoints > 0 {
		step = max(step, ceilDiv(span, time.Duration(q.MaxDataPoints)))
	}
	if step > time.Second {
		return ceilTo(step, time.Second)
	}
	return ceilTo(step, time.Millisecond)
}

// ceilTo rounds d (> 0) up to a multiple of unit.
func ceilTo(d, unit time.Duration) time.Duration {
	if r := d % unit; r != 0 {
		return d + unit - r
	}
	return d
}

func ceilDiv(d, n time.Duration) time.Duration {
	return (d + n - 1) / n
}
