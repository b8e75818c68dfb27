package alerting

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/internal/demostack"
	"github.com/claudeenhancer/monitoring/pkg/detect"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/promdur"
)

// forecastRuleTitle is the seed's predictive analysis as a rule.
const forecastRuleTitle = "DiskFullWithin4h"

// TestDiskFullForecastFiresOnTheFillingDiskOnly evaluates the disk forecast
// rule every minute of the week. Its query fits a line to each disk's
// training hour and answers the seconds until the line reaches 100 %; a
// query per minute would take half an hour here, so the test
// fits the same lines to one range query of the week (the same one-minute
// grid the datasource fetches) and checks them against the rule's real
// query at each firing's pending and firing minutes, the minute before
// each, and every twelve hours. The demo's disk-filling incident
// (api-gateway-1, 56 % to 91 % over 2.5 hours) must fire it, before the
// disk crosses LowDiskSpace's 85 %; nothing else may: the week's slow log
// growth, its Sunday rotation, and the cleanup that ends the incident
// included.
func TestDiskFullForecastFiresOnTheFillingDiskOnly(t *testing.T) {
	shared.Each(t, testDiskFullForecastFiresOnTheFillingDiskOnly)
}

func testDiskFullForecastFiresOnTheFillingDiskOnly(t *testing.T, h *history) {
	o := h.ours(t)
	r := ruleByTitle(t, loadRules(t), forecastRuleTitle)
	s := r.shape(t)
	times := evaluationTimes(r.interval())
	det := forecastDetection(t, o, s.Query)
	etas, disks := emulateForecast(t, h, s.Query, det, times)
	eps := evaluate(times, etas, s, r.pending())
	n := checkForecastParity(t, o, s.Query, times, etas, eps)

	var fills []incident
	for _, inc := range h.weekIncidents() {
		if inc.Kind == "diskFill" {
			fills = append(fills, inc)
		}
	}
	if len(fills) == 0 {
		t.Fatal("no disk-filling incident in the week")
	}
	for _, ep := range eps {
		if ep.Labels["environment"] == "" {
			t.Errorf("%s fires without an environment label: {%s}", r.Title, labelString(ep.Labels))
		}
	}
	exp := expectation{Incidents: fills, Tolerance: r.pending() + r.interval()}
	fired, _, problems := exp.check(eps)
	for _, p := range problems {
		t.Errorf("%s: %s", r.Title, p)
	}
	index := map[time.Time]int{}
	for i, at := range times {
		index[at] = i
	}
	for _, f := range fired {
		for _, ep := range f.Episodes {
			used := disks[labelString(ep.Labels)][index[ep.Fired]]
			eta := findSeries(etas, ep.Labels).Values[index[ep.Fired]]
			t.Logf("%s %s: fired %s (+%v) for {%s}, disk at %.1f %%, forecast full in %v (soonest %v), resolved %s", f.Incident.ID, span(f.Incident),
				ep.Fired.Format("15:04"), ep.Fired.Sub(f.Incident.start()), labelString(ep.Labels), used,
				time.Duration(eta)*time.Second, time.Duration(ep.Peak)*time.Second, ep.Resolved.Format("15:04"))
			if used >= 85 {
				t.Errorf("%s fired at %.1f %% of disk, past LowDiskSpace's 85 %%: no warning ahead of the static threshold", f.Incident.ID, used)
			}
		}
	}
	t.Logf("%d disks, shortest forecast outside the incidents %v; parity checked at %d instants",
		len(etas), time.Duration(lowestOutside(etas, times, fills, exp.Tolerance))*time.Second, n)
	checkRendered(t, r, eps)
}

// forecastDetection is the rule's forecast as our datasource parses it.
func forecastDetection(t *testing.T, o *ours, q *query) *models.Detection {
	t.Helper()
	pq, err := models.ParseQuery(alertQuery(t, q, weekStart), o.settings)
	if err != nil {
		t.Fatal(err)
	}
	det := pq.Detection
	if pq.Type != models.QueryTypeForecast || det.ForecastMethod != "linear" || det.Threshold == nil || det.Output != models.OutputScore {
		t.Fatalf("%s: want a linear forecast's score with a threshold, got %+v", q.Model, det)
	}
	if det.Step != time.Minute || det.Training == 0 {
		t.Fatalf("the emulation assumes a training range on a 1-minute detector step, got %v, training %v", det.Step, det.Training)
	}
	return det
}

// emulateForecast returns, per disk, the forecast's seconds to the
// threshold at each evaluation time, and the disk's usage there. As
// pkg/query/forecast.go and detect.ForecastLinear: the training range is the grid of points
// (at − training, …, at), a least-squares line through its samples, the
// time its fit reaches the threshold after the last point; when the line
// does not move towards it, 0 if a sample reached it and +Inf otherwise.
func emulateForecast(t *testing.T, h *history, q *query, det *models.Detection, times []time.Time) (out []instanceSeries, usage map[string][]float64) {
	t.Helper()
	training := promdur.Ceil(det.Training, det.Step)
	points := int(training / det.Step)
	var grid []time.Time
	for at := times[0].Add(-training); !at.After(times[len(times)-1]); at = at.Add(det.Step) {
		grid = append(grid, at)
	}
	series, err := h.queryRange(str(q.Model["expr"]), grid)
	if err != nil {
		t.Fatal(err)
	}
	theta := *det.Threshold
	ts := make([]float64, points+1)
	for i := range ts {
		ts[i] = float64(i) * det.Step.Seconds()
	}
	usage = map[string][]float64{}
	for _, ser := range series {
		vals := make([]float64, len(times))
		used := make([]float64, len(times))
		for i := range times {
			window := ser.Values[i : i+points+1]
			used[i] = window[points]
			vals[i] = math.NaN() // no fit: the datasource leaves the series out
			lin, err := detect.FitLinear(ts, window)
			if err != nil {
				continue
			}
			// detect.Linear.TimeToThreshold's crossing, without the band
			// edges it also bisects for.
			last := ts[points]
			if now, _, _ := lin.Predict(last, 0.95); lin.Slope != 0 && (theta-now)*lin.Slope > 0 {
				vals[i] = (theta - now) / lin.Slope
				continue
			}
			vals[i] = math.Inf(1)
			if slices.ContainsFunc(window, func(v float64) bool { return v >= theta }) &&
				slices.ContainsFunc(window, func(v float64) bool { return v <= theta }) {
				vals[i] = 0
			}
		}
		out = append(out, instanceSeries{Labels: ser.Labels, Values: vals})
		usage[labelString(ser.Labels)] = used
	}
	return out, usage
}

// checkForecastParity runs the rule's real query at each firing's pending
// and firing minutes and the minute before each, and every twelve hours,
// and fails where a disk's forecast differs from the emulation's. It
// returns how many instants it checked.
func checkForecastParity(t *testing.T, o *ours, q *query, times []time.Time, etas []instanceSeries, eps []episode) int {
	t.Helper()
	instants := episodeInstants(times, eps, 720)
	for _, i := range instants {
		got, err := numberSeries(o.run(t, alertQuery(t, q, times[i])), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range got {
			want := findSeries(etas, g.Labels)
			if want == nil {
				t.Fatalf("at %s the rule's query returned {%s}, which the week's query has not", times[i].Format(time.RFC3339), labelString(g.Labels))
			}
			// The plugin fits times from the window's start, the test from its
			// first point: the same line, to rounding.
			if v, w := g.Values[0], want.Values[i]; !(v == w || math.Abs(v-w) <= 1e-6*math.Max(1, math.Abs(w))) {
				t.Errorf("at %s {%s}: the rule's query says %v s, the emulation %v s", times[i].Format(time.RFC3339), labelString(g.Labels), v, w)
			}
		}
	}
	return len(instants)
}

// lowestOutside is the shortest forecast outside the incidents (and the
// tolerance after them): how close a clean week comes to firing.
func lowestOutside(etas []instanceSeries, times []time.Time, incidents []incident, tolerance time.Duration) float64 {
	low := math.Inf(1)
	for _, s := range etas {
		for i, at := range times {
			inside := slices.ContainsFunc(incidents, func(inc incident) bool {
				return !at.Before(inc.start()) && !at.After(inc.end().Add(tolerance))
			})
			if !inside && s.Values[i] < low {
				low = s.Values[i]
			}
		}
	}
	return low
}

// TestDiskFullForecastIsTheSeedsDiskMetric checks what the forecast rule
// watches: the seed's disk usage metric of every claude-enhancer process,
// against 100 % (full), with a lead time of 4 hours.
func TestDiskFullForecastIsTheSeedsDiskMetric(t *testing.T) {
	r := ruleByTitle(t, loadRules(t), forecastRuleTitle)
	s := r.shape(t)
	prov := demostack.ProvisionedDatasources(t)[ourDatasourceUID]
	settings, err := models.LoadSettings(context.Background(), instanceSettings(t, prov, "http://prometheus.invalid"))
	if err != nil {
		t.Fatal(err)
	}
	pq, err := models.ParseQuery(alertQuery(t, s.Query, weekStart), settings)
	if err != nil {
		t.Fatal(err)
	}
	if pq.Expr != `claude_enhancer_disk_usage{job=~"claude-enhancer.*"}` {
		t.Errorf("forecasts %s, want the seed's claude_enhancer_disk_usage", pq.Expr)
	}
	if th := pq.Detection.Threshold; th == nil || *th != 100 {
		t.Errorf("forecast threshold %v, want 100 (%% full)", th)
	}
	if s.Op != "lt" || s.Param != (4*time.Hour).Seconds() {
		t.Errorf("threshold %s %v, want lt %v s (4 hours)", s.Op, s.Param, (4 * time.Hour).Seconds())
	}
}
