package models

import (
	"errors"
	"fmt"
)

// Outputs for alert and recording rules (Grafana's source paths below are
// in github.com/grafana/grafana). Server-side expressions turn every numeric field of a frame into its
// own series (pkg/expr/converter.go, WideToMany; the dataplane readers of
// pkg/expr/dataplane.go likewise read each value field as a series), and
// read a table only when it is a single frame of one numeric column and
// string columns (isNumberTable), failing on any other. An output with several
// numeric fields per series (the bands' value, baseline, band edges,
// score and flag) would be reduced and thresholded field by field, so a
// rule on it fires on whichever field crosses the threshold. Such queries
// are refused here with what to use instead. A recording rule writes one
// sample per number (pkg/services/ngalert/writer/prom.go reads the frames
// with the dataplane numeric reader), so the outputs valid for alerting are
// those it can record, after a Reduce for the time series among them.

// ErrNotForAlerting marks an output refused in rule evaluations.
var ErrNotForAlerting = errors.New("is not usable in alert and recording rules")

// AlertingError is nil when the query's output has one numeric
// field per series, and otherwise says which output to use instead.
func (q Query) AlertingError() error {
	switch {
	case q.Detection != nil && q.Detection.Output != OutputScore:
		return fmt.Errorf("%s query: output %q %s and %w; use output score for alert rules (%s)",
			q.Type, q.Detection.Output, detectionShape(q), ErrNotForAlerting, scoreMeaning(q.Type))
	case q.SLO != nil && !alertingSLOOutput(q.SLO.Output):
		return fmt.Errorf("slo query: output %q %s and %w; use output alert for alert rules "+
			"(burn_alert > 1 when a burn-rate pair fires), or burnrate or budget for one number per series",
			q.SLO.Output, sloShape(q.SLO.Output), ErrNotForAlerting)
	}
	return nil
}

func alertingSLOOutput(o SLOOutput) bool {
	return o == SLOOutputAlert || o == SLOOutputBurnRate || o == SLOOutputBudget
}

// detectionShape says what a detection output other than score returns.
func detectionShape(q Query) string {
	switch {
	case q.Detection.Output == OutputEvents && q.Type != QueryTypeForecast:
		return "is a table of events with five numbers per row"
	case q.Type == QueryTypeTrend:
		return "returns the value and its fitted trend per series, and a table"
	default:
		return "returns six numbers per series (value, baseline, band edges, score, flag)"
	}
}

// scoreMeaning is what the score of a detection kind is, and its threshold.
func scoreMeaning(t QueryType) string {
	switch t {
	case QueryTypeTrend:
		return "Cohen's d of the last trend window against the one before: |d| ≥ 0.5 is a medium shift"
	case QueryTypeForecast:
		return "seconds until the forecast reaches its threshold; alert when below your lead time"
	default:
		return "above 1 outside the band: threshold > 1"
	}
}

func sloShape(o SLOOutput) string {
	if o == SLOOutputBurndown {
		return "returns two series per SLO (remaining budget and the ideal line)"
	}
	return "is two tables of many figures"
}
