package alerting

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// sloExpectations say, per SLO of the catalog, which incidents of the week
// must page (the critical pairs) and which must open a ticket (warning), by
// the SRE Workbook's arithmetic on the demo's figures; every other firing of
// the rule fails the test. An incident's `slo` tag in the timeline names the
// budget it burns; burning it is not enough to alert.
var sloExpectations = []struct {
	SLO, Tag     string // catalog id, timeline tag
	Page, Ticket []string
}{
	{
		// 99.9 % of 30 days over 8 targets: 345.6 target-minutes of budget.
		// The 1h/5m pair pages above 14.4× (6.9 target-minutes down in an
		// hour): api-gateway-2's 8 minutes, auth-1's 25 and the staging
		// dashboard's 15 do, dashboard-1's 1-minute OOM restart does not;
		// auth-1's 25 minutes also cross the 6h/30m pair (6×: 17.3). The
		// 3d/6h ticket pair (1×: 34.6 target-minutes in 3 days) fires when
		// Saturday's staging outage adds its 15 minutes to Thursday's 25
		// and Wednesday's 1 (41 in all, 1.19×).
		SLO: "availability", Tag: "availability",
		Page:   []string{"service-down", "availability-outage", "staging-outage"},
		Ticket: []string{"staging-outage"},
	},
	{
		// 95 % of auth_response_time within 200 ms over 7 days; pairs
		// scaled to 14m/1m × 14.4, 1h24m/7m × 6, 5h36m/28m × 3 and
		// 16h48m/1h24m × 1. No incident slows enough of all requests for
		// long enough: the gateway's 14 minutes at a P95 of 7 s come
		// closest, at 0.97 of the 14m/1m page threshold (72 % of requests
		// over 200 ms), and auth-1's 4-hour slow burn reaches 0.63 of the
		// slowest ticket pair. The rule must stay quiet all week.
		SLO: "latency-p95", Tag: "latency",
	},
	{
		// 0.1 % of requests over 24 hours; pairs scaled to 2m/1m × 14.4,
		// 12m/1m × 6, 48m/4m × 3, 2h24m/12m × 1. The 12 % gateway and 18 %
		// auth 5xx bursts page and ticket; Friday's 0.4 % slow burn (4×)
		// opens a ticket and never pages, as the timeline says.
		SLO: "error-rate", Tag: "errors",
		Page:   []string{"error-burst", "auth-degraded"},
		Ticket: []string{"error-burst", "auth-degraded", "error-slow-burn"},
	},
}

// TestSLOBurnRateRulesPageAndTicketWhereTheWorkbookSays evaluates each SLO
// rule every minute of the week. The rule's query returns, per Workbook
// pair, min(long burn, short burn) / threshold at the evaluation time; a
// query per minute would take minutes, so the test builds the same values
// from two `burnrate` queries of our datasource over the week — the SLO's
// own (its long windows) and the same SLI with a period a twelfth as long
// (whose windows are exactly the pairs' short windows) — and checks them
// against the rule's real query at every minute where a pair crosses 1
// (and the minute before) and every six hours. Grafana's pending period
// and the severity label template then turn them into firings.
func TestSLOBurnRateRulesPageAndTicketWhereTheWorkbookSays(t *testing.T) {
	shared.Each(t, testSLOBurnRateRulesPageAndTicketWhereTheWorkbookSays)
}

func testSLOBurnRateRulesPageAndTicketWhereTheWorkbookSays(t *testing.T, h *history) {
	o := h.ours(t)
	rules := loadRules(t)
	week := h.weekIncidents()
	for _, want := range sloExpectations {
		t.Run(want.SLO, func(t *testing.T) {
			r := sloRule(t, rules, want.SLO)
			s := r.shape(t)
			times := evaluationTimes(r.interval())
			series, pairs := emulateBurnAlerts(t, o, s.Query, times)
			crossChecked := checkAgainstAlertQuery(t, o, s.Query, times, series)
			eps := evaluate(times, series, s, r.pending())
			logPeaks(t, series, pairs, week, want.Tag)

			bySeverity := map[string][]episode{}
			for _, ep := range eps {
				labels, err := instanceLabels(r, ep.Labels, map[string]float64{"B": ep.Peak})
				if err != nil {
					t.Fatal(err)
				}
				ep.Labels = labels
				bySeverity[labels["severity"]] = append(bySeverity[labels["severity"]], ep)
			}
			checkRendered(t, r, eps)
			for _, c := range []struct {
				sev  string
				pair slo.Severity
				ids  []string
			}{{"critical", slo.Page, want.Page}, {"warning", slo.Ticket, want.Ticket}} {
				sev := c.sev
				exp := expectation{Incidents: pick(t, week, c.ids, want.Tag), Tolerance: r.pending() + r.interval() + longestShort(pairs, c.pair)}
				fired, _, problems := exp.check(bySeverity[sev])
				for _, f := range fired {
					for _, ep := range f.Episodes {
						t.Logf("%s %s %s: fired %s (+%v) by the %s/%s pair, peak %.3g× its threshold", sev, f.Incident.ID, span(f.Incident),
							ep.Fired.Format("15:04"), ep.Fired.Sub(f.Incident.start()), ep.Labels["long"], ep.Labels["short"], ep.Peak)
					}
				}
				for _, p := range problems {
					t.Errorf("%s %s: %s", want.SLO, sev, p)
				}
				delete(bySeverity, sev)
			}
			for sev, eps := range bySeverity {
				for _, ep := range eps {
					t.Errorf("%s: firing with severity %q (want critical or warning): %s", want.SLO, sev, ep)
				}
			}
			t.Logf("alert values checked against the rule's query at %d instants", crossChecked)
		})
	}
}

// sloRule is the burn-rate rule of an SLO: the rule labelled with it whose
// query is the SLO's alert output.
func sloRule(t *testing.T, rules []*rule, id string) *rule {
	t.Helper()
	for _, r := range rules {
		if m := r.shape(t).Query.Model; r.Labels["slo"] == id && m["output"] == "alert" {
			if got := str(m["sloId"]); got != id {
				t.Fatalf("%s: label slo=%s but the query asks for sloId %q", r.Title, id, got)
			}
			return r
		}
	}
	t.Fatalf("no burn-rate rule (output alert) with label slo=%s", id)
	return nil
}

// burnPair is a Workbook pair of the SLO with the labels its alert series
// carries.
type burnPair struct {
	slo.Pair
	Labels map[string]string
}

// emulateBurnAlerts builds the rule query's value per pair at each minute:
// min(long burn, short burn) / threshold, the long burns from the SLO's
// burnrate output, the short ones from the burnrate output of the same SLI
// over a period a twelfth as long (the Workbook's short windows are a
// twelfth of the long ones, and pairs scale with the period).
func emulateBurnAlerts(t *testing.T, o *ours, q *query, times []time.Time) ([]instanceSeries, []burnPair) {
	t.Helper()
	id := str(q.Model["sloId"])
	def, err := o.settings.SLOs.Lookup(id)
	if err != nil {
		t.Fatal(err)
	}
	step, err := parseDuration(str(q.Model["bucketStep"]))
	if err != nil {
		t.Fatal(err)
	}
	var pairs []burnPair
	for _, p := range slo.Pairs(def.Window.Nominal(), def.Objective, step) {
		pairs = append(pairs, burnPair{Pair: p, Labels: map[string]string{
			"slo": id, "severity": string(p.Severity), "long": slo.FormatDuration(p.Long), "short": slo.FormatDuration(p.Short),
		}})
	}
	long := burnRates(t, o, map[string]any{"sloId": id}, step, times)

	short := def
	short.ID = id + "-short-windows"
	short.Window = slo.RollingWindow(def.Window.Nominal() / 12)
	short.MinEvents = 0 // the short window's burn has no event guard
	short.ViolationFor, short.ViolationWindow = 0, 0
	inline, err := json.Marshal(short)
	if err != nil {
		t.Fatal(err)
	}
	shorts := burnRates(t, o, map[string]any{"slo": json.RawMessage(inline)}, step, times)

	out := make([]instanceSeries, len(pairs))
	for k, p := range pairs {
		l, s := long[p.Labels["long"]], shorts[p.Labels["short"]]
		if l == nil || s == nil {
			t.Fatalf("%s: no burn-rate series for the %s/%s pair (long windows %v, short %v)",
				id, p.Labels["long"], p.Labels["short"], slices.Sorted(maps.Keys(long)), slices.Sorted(maps.Keys(shorts)))
		}
		vals := make([]float64, len(times))
		for i := range vals {
			vals[i] = math.Min(l[i], s[i]) / p.Threshold
		}
		out[k] = instanceSeries{Labels: p.Labels, Values: vals}
	}
	return out, pairs
}

// burnRates runs a burnrate query over the week: window → burn per minute.
func burnRates(t *testing.T, o *ours, sel map[string]any, step time.Duration, times []time.Time) map[string][]float64 {
	t.Helper()
	model := map[string]any{"refId": "W", "queryType": "slo", "output": "burnrate", "bucketStep": slo.FormatDuration(step)}
	for k, v := range sel {
		model[k] = v
	}
	series, err := numberSeries(o.run(t, weekQuery(t, model, "slo")), times)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]float64{}
	for _, s := range series {
		out[s.Labels["window"]] = s.Values
	}
	return out
}

// checkAgainstAlertQuery runs the rule's own query at every minute where a
// pair's emulated value crosses 1 (and the minute before), and every six
// hours, and fails where a pair's value differs. It returns how many
// instants it checked.
func checkAgainstAlertQuery(t *testing.T, o *ours, q *query, times []time.Time, series []instanceSeries) int {
	t.Helper()
	check := map[int]bool{}
	for i := range times {
		if i%360 == 0 {
			check[i] = true
		}
		for _, s := range series {
			if i > 0 && (s.Values[i] > 1) != (s.Values[i-1] > 1) {
				check[i-1], check[i] = true, true
			}
		}
	}
	for _, i := range slices.Sorted(maps.Keys(check)) {
		got, err := numberSeries(o.run(t, alertQuery(t, q, times[i])), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(series) {
			t.Fatalf("at %s the rule's query returned %d series, want one per pair (%d)", times[i].Format(time.RFC3339), len(got), len(series))
		}
		for _, g := range got {
			want := findSeries(series, g.Labels)
			if want == nil {
				t.Fatalf("at %s the rule's query returned {%s}, which no pair has", times[i].Format(time.RFC3339), labelString(g.Labels))
			}
			if !sameValue(g.Values[0], want.Values[i]) {
				t.Errorf("at %s {%s}: the rule's query says %v, the burn-rate series %v",
					times[i].Format(time.RFC3339), labelString(g.Labels), g.Values[0], want.Values[i])
			}
		}
	}
	return len(check)
}

func findSeries(series []instanceSeries, labels map[string]string) *instanceSeries {
	for i := range series {
		if labelString(series[i].Labels) == labelString(labels) {
			return &series[i]
		}
	}
	return nil
}

// logPeaks logs each pair's highest value during each incident that burns
// the SLO: the figures behind sloExpectations.
func logPeaks(t *testing.T, series []instanceSeries, pairs []burnPair, week []incident, tag string) {
	t.Helper()
	times := evaluationTimes(time.Minute)
	for _, inc := range week {
		if !slices.Contains(inc.SLO, tag) {
			continue
		}
		var parts []string
		for k, p := range pairs {
			peak := math.Inf(-1)
			for i, at := range times {
				if !at.Before(inc.start()) && !at.After(inc.end().Add(p.Short)) && series[k].Values[i] > peak {
					peak = series[k].Values[i]
				}
			}
			parts = append(parts, fmt.Sprintf("%s/%s %.2f", p.Labels["long"], p.Labels["short"], peak))
		}
		t.Logf("%s %s: peak burn / threshold %s", inc.ID, span(inc), strings.Join(parts, ", "))
	}
}

// pick returns the week's occurrences of the named incidents, which must
// carry the SLO's tag.
func pick(t *testing.T, week []incident, ids []string, tag string) []incident {
	t.Helper()
	var out []incident
	for _, id := range ids {
		n := 0
		for _, inc := range week {
			if inc.ID == id {
				if !slices.Contains(inc.SLO, tag) {
					t.Fatalf("incident %s does not burn the %s budget in the timeline", id, tag)
				}
				out = append(out, inc)
				n++
			}
		}
		if n != 1 {
			t.Fatalf("incident %s occurs %d times in the week, want once", id, n)
		}
	}
	return out
}

// longestShort is the longest short window of the pairs of a severity: how
// long after an incident's end its burn can still start a firing.
func longestShort(pairs []burnPair, sev slo.Severity) time.Duration {
	var longest time.Duration
	for _, p := range pairs {
		if p.Severity == sev {
			longest = max(longest, p.Short)
		}
	}
	return longest
}
