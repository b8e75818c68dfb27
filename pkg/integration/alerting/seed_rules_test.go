package alerting

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSeedRulesFireOnTheirIncidentsAndNowhereElse evaluates each of the
// seed's rules (its 11 alert rules and its error-rate SLA trigger) every
// minute of the week on real Prometheus, as Grafana would (one range query
// at the rule's interval gives every instant query's answer), and checks
// every firing against the incidents of the timeline that name the rule:
//
//   - every alert carries the environment it fires for, so the notification
//     policies (grouped by environment) never put staging and production
//     alerts in one message;
//   - each such incident fires it, for one of the incident's targets
//     (instance, or environment and service for the rules that aggregate
//     processes): a staging incident fires the staging alert and no
//     production one, and the other way round;
//   - an incident that starts at full strength fires it within its `for`,
//     plus one evaluation interval, plus the expression's range window (the
//     time a rate over [5m] takes to see a change in full): ServiceDown
//     within 3 m, HighErrorRate 11 m, HighCpuUsage 16 m, … Ramps (a memory
//     leak, a filling disk, a growing queue) cross the threshold later and
//     must fire before they end;
//   - nothing fires outside the incidents (up to that same delay after
//     their end): the baseline week, daily deploys and the other incidents
//     included.
func TestSeedRulesFireOnTheirIncidentsAndNowhereElse(t *testing.T) {
	shared.Each(t, testSeedRulesFireOnTheirIncidentsAndNowhereElse)
}

func testSeedRulesFireOnTheirIncidentsAndNowhereElse(t *testing.T, h *history) {
	t.Logf("history %s .. %s backfilled and served in %v", weekStart.Add(-warmup).Format(time.RFC3339), weekEnd.Format(time.RFC3339), h.Took.Round(time.Second))
	rules := loadRules(t)
	week := h.weekIncidents()
	names := slices.Sorted(maps.Keys(loadAlertReference(t)))
	for _, name := range names {
		r := ruleByTitle(t, rules, name)
		t.Run(name, func(t *testing.T) {
			s := r.shape(t)
			expr := str(s.Query.Model["expr"])
			times := evaluationTimes(r.interval())
			series, err := h.queryRange(expr, times)
			if err != nil {
				t.Fatal(err)
			}
			eps := evaluate(times, series, s, r.pending())
			delay := r.pending() + r.interval() + rangeWindow(expr)
			exp := expectation{
				Incidents: incidentsNaming(week, name),
				Tolerance: delay,
				Onset: func(i incident) (time.Duration, bool) {
					return delay, !rampKinds[i.Kind]
				},
			}
			if len(exp.Incidents) == 0 {
				t.Fatalf("no incident of the week names %s: the timeline no longer tests it", name)
			}
			for _, ep := range eps {
				if ep.Labels["environment"] == "" {
					t.Errorf("%s fires without an environment label: {%s}", name, labelString(ep.Labels))
				}
			}
			fired, _, problems := exp.check(eps)
			for _, f := range fired {
				for _, ep := range f.Episodes {
					t.Logf("%s %s: fired %s (+%v) for {%s}, peak %.4g", f.Incident.ID, span(f.Incident),
						ep.Fired.Format("15:04"), ep.Fired.Sub(f.Incident.start()), labelString(ep.Labels), ep.Peak)
				}
			}
			for _, p := range problems {
				t.Errorf("%s: %s", name, p)
			}
			checkRendered(t, r, eps)
		})
	}
}

// incidentsNaming are the incidents whose alerts list names the rule.
func incidentsNaming(week []incident, alert string) []incident {
	var out []incident
	for _, i := range week {
		if slices.Contains(i.Alerts, alert) {
			out = append(out, i)
		}
	}
	return out
}

// checkRendered expands the rule's labels and annotations for every firing,
// with the firing's labels and its peak as B, and fails on a template error
// or a missing value.
func checkRendered(t *testing.T, r *rule, eps []episode) {
	t.Helper()
	for _, ep := range eps {
		values := map[string]float64{"B": ep.Peak, r.Condition: 1}
		data := newTmplData(ep.Labels, values)
		for _, set := range []map[string]string{r.Labels, r.Annotations} {
			for k, text := range set {
				got, err := expandTemplate(text, data)
				if err != nil {
					t.Errorf("%s: %s for {%s}: %v", r.Title, k, labelString(ep.Labels), err)
				} else if strings.Contains(got, "[no value]") {
					t.Errorf("%s: %s for {%s} renders a missing value: %s", r.Title, k, labelString(ep.Labels), got)
				}
			}
		}
	}
}
