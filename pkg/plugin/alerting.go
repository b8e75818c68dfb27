package plugin

import (
	"errors"
	"fmt"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/models"
)

// Queries of alert and recording rules. Grafana's rule evaluator sends
// every datasource query of a rule with the headers FromAlert: true,
// X-Cache-Skip: true, X-Rule-Uid and X-Grafana-Org-Id
// (pkg/services/ngalert/eval/eval.go, buildDatasourceHeaders), and
// pkg/expr/nodes.go hands them to the plugin as QueryDataRequest.Headers,
// keys unprefixed (the SDK's own AlertForwarderMiddleware reads
// Headers[backend.FromAlertHeaderName] likewise). The same evaluator runs
// Grafana-managed recording rules
// (pkg/services/ngalert/schedule/recording_rule.go) and the rule editor's
// preview (pkg/services/ngalert/api/api_testing.go, RouteEvalQueries).
//
// Server-side expressions turn every numeric field of a frame into its
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

// errNotForAlerting marks an output refused in rule evaluations.
var errNotForAlerting = errors.New("is not usable in alert and recording rules")

// fromAlerting reports whether Grafana's alerting sent the request. The
// key is matched without regard to case: Grafana notes that it travels
// as "Fromalert" once canonicalised by an HTTP hop.
func fromAlerting(headers map[string]string) bool {
	for k, v := range headers {
		if strings.EqualFold(k, backend.FromAlertHeaderName) {
			return v != "" && !strings.EqualFold(v, "false")
		}
	}
	return false
}

// alertingOutputError is nil when the query's output has one numeric
// field per series, and otherwise says which output to use instead.
func alertingOutputError(q models.Query) error {
	switch {
	case q.Detection != nil && q.Detection.Output != models.OutputScore:
		return fmt.Errorf("%s query: output %q %s and %w; use output score for alert rules (%s)",
			q.Type, q.Detection.Output, detectionShape(q), errNotForAlerting, scoreMeaning(q.Type))
	case q.SLO != nil && !alertingSLOOutput(q.SLO.Output):
		return fmt.Errorf("slo query: output %q %s and %w; use output alert for alert rules "+
			"(burn_alert > 1 when a burn-rate pair fires), or burnrate or budget for one number per series",
			q.SLO.Output, sloShape(q.SLO.Output), errNotForAlerting)
	}
	return nil
}

func alertingSLOOutput(o models.SLOOutput) bool {
	return o == models.SLOOutputAlert || o == models.SLOOutputBurnRate || o == models.SLOOutputBudget
}

// detectionShape says what a detection output other than score returns.
func detectionShape(q models.Query) string {
	switch {
	case q.Detection.Output == models.OutputEvents && q.Type != models.QueryTypeForecast:
		return "is a table of events with five numbers per row"
	case q.Type == models.QueryTypeTrend:
		return "returns the value and its fitted trend per series, and a table"
	default:
		return "returns six numbers per series (value, baseline, band edges, score, flag)"
	}
}

// scoreMeaning is what the score of a detection kind is, and its threshold.
func scoreMeaning(t models.QueryType) string {
	switch t {
	case models.QueryTypeTrend:
		return "Cohen's d of the last trend window against the one before: |d| ≥ 0.5 is a medium shift"
	case models.QueryTypeForecast:
		return "seconds until the forecast reaches its threshold; alert when below your lead time"
	default:
		return "above 1 outside the band: threshold > 1"
	}
}

func sloShape(o models.SLOOutput) string {
	if o == models.SLOOutputBurndown {
		return "returns two series per SLO (remaining budget and the ideal line)"
	}
	return "is two tables of many figures"
}
