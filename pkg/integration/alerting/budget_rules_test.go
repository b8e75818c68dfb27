package alerting

import (
	"encoding/json"
	"maps"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// budgetExpectations say, per SLO of the catalog, which incidents of the
// week spend its whole budget (the figures are in the test's log). A
// budget spent stays spent until the incident leaves the rolling window,
// so only the start of a firing is attributed to an incident.
var budgetExpectations = []struct {
	SLO, Tag  string // catalog id, timeline tag
	Exhausted []string
}{
	// The history's downtime (the week's outages and the warm-up's staging
	// one) spends under a fifth of the month's 43m12s: 81 % is left at the
	// week's end, its least.
	{SLO: "availability", Tag: "availability"},
	// At most 2.1 % of requests over 200 ms in 7 days, against 5 %: 58 %
	// left at the least, on Friday morning.
	{SLO: "latency-p95", Tag: "latency"},
	// Monday's gateway burst (12 % of the gateway's requests for 15
	// minutes) spends more than the day's 0.1 % on its own, and the budget
	// stays spent for the 24 hours it stays in the window, Tuesday's auth
	// degradation included. Friday's slow burn (0.4 % of every request for 6
	// hours) spends it again.
	{SLO: "error-rate", Tag: "errors", Exhausted: []string{"error-burst", "error-slow-burn"}},
}

// budgetMargin is how far the emulated remaining budget may be from the
// rule query's: the budget output reads the window's older buckets with
// plain increase() and the burnrate output with the exact form
// (pkg/slo/sliquery.go), which differ by a fraction of a percent of a
// budget over the demo's history. Where the emulation comes within it of
// the threshold, the test runs the rule's real query instead.
const budgetMargin = 0.05

// TestBudgetExhaustedRulesFireWhenAnSLOHasNoBudgetLeft evaluates each SLO's
// budget rule every minute of the week. The rule's query is the remaining
// budget ratio over the SLO's rolling window at the evaluation time,
// 1 − (bad / total) / (1 − objective) · covered / window: 1 minus the burn
// rate over the whole window. A query per minute would take most of an
// hour, so the test reads that burn rate from one `burnrate` query of the
// week, on the SLO with a period ten times as long (whose longest pair
// window is the SLO's own window), and runs the rule's real query every
// six hours and at every minute where the emulation is within budgetMargin
// of 0; there the real value is used, and everywhere it must agree with
// the emulation to budgetMargin. The rule must start firing only during
// the incidents that spend the budget, and during each of them.
func TestBudgetExhaustedRulesFireWhenAnSLOHasNoBudgetLeft(t *testing.T) {
	shared.Each(t, testBudgetExhaustedRulesFireWhenAnSLOHasNoBudgetLeft)
}

func testBudgetExhaustedRulesFireWhenAnSLOHasNoBudgetLeft(t *testing.T, h *history) {
	o := h.ours(t)
	rules := loadRules(t)
	week := h.weekIncidents()
	for _, want := range budgetExpectations {
		t.Run(want.SLO, func(t *testing.T) {
			r := budgetRule(t, rules, want.SLO)
			s := r.shape(t)
			if s.Op != "lt" || s.Param != 0 {
				t.Fatalf("%s: threshold %s %v, want lt 0 (no budget left)", r.Title, s.Op, s.Param)
			}
			times := evaluationTimes(r.interval())
			remaining := budgetSeries(t, o, s.Query, times)
			eps := evaluate(times, []instanceSeries{remaining}, s, r.pending())
			low, at := math.Inf(1), time.Time{}
			for i, v := range remaining.Values {
				if v < low {
					low, at = v, times[i]
				}
			}
			t.Logf("least budget left %.3g at %s", low, at.Format("Mon 15:04"))

			exp := expectation{Incidents: pick(t, week, want.Exhausted, want.Tag), Tolerance: r.pending() + r.interval()}
			fired, _, problems := exp.check(eps)
			for _, f := range fired {
				for _, ep := range f.Episodes {
					t.Logf("%s %s: fired %s (+%v), resolved %s, least left %.3g", f.Incident.ID, span(f.Incident),
						ep.Fired.Format("15:04"), ep.Fired.Sub(f.Incident.start()), ep.Resolved.Format("Mon 15:04"), ep.Peak)
				}
			}
			for _, p := range problems {
				t.Errorf("%s: %s", r.Title, p)
			}
			checkRendered(t, r, eps)
		})
	}
}

// budgetRule is the budget rule of an SLO: the rule labelled with it whose
// query is the SLO's budget output.
func budgetRule(t *testing.T, rules []*rule, id string) *rule {
	t.Helper()
	for _, r := range rules {
		if m := r.shape(t).Query.Model; r.Labels["slo"] == id && m["output"] == "budget" {
			if got := str(m["sloId"]); got != id {
				t.Fatalf("%s: label slo=%s but the query asks for sloId %q", r.Title, id, got)
			}
			return r
		}
	}
	t.Fatalf("no budget rule (output budget) with label slo=%s", id)
	return nil
}

// emulateBudget is the remaining budget ratio of the rule's SLO at each
// evaluation time: 1 − the burn rate over the SLO's window, read from the
// burnrate output of the same SLI and objective over a period ten times as
// long (slo.Pairs makes a tenth of the period the longest pair window), on
// the rule's bucket step or the smallest multiple of it that keeps that
// period within the datasource's bucket limit (then each minute reads the
// last coarser bucket's end).
func emulateBudget(t *testing.T, o *ours, q *query, times []time.Time) instanceSeries {
	t.Helper()
	id := str(q.Model["sloId"])
	def, err := o.settings.SLOs.Lookup(id)
	if err != nil {
		t.Fatal(err)
	}
	if def.Window.IsCalendar() {
		t.Fatalf("%s: the emulation reads a rolling window's budget, got %s", id, def.Window.Calendar)
	}
	step, err := parseDuration(str(q.Model["bucketStep"]))
	if err != nil {
		t.Fatal(err)
	}
	long := def
	long.ID = id + "-tenfold"
	long.Window = slo.RollingWindow(10 * def.Window.Nominal())
	long.MinEvents = 0 // the budget has no event guard
	long.ViolationFor, long.ViolationWindow = 0, 0
	k := time.Duration(math.Ceil(float64(long.Window.Nominal()/step) / models.MaxSLOBuckets))
	coarse := k > 1
	step *= k
	inline, err := json.Marshal(long)
	if err != nil {
		t.Fatal(err)
	}
	burns := burnRates(t, o, map[string]any{"slo": json.RawMessage(inline)}, step, times)
	w := slo.FormatDuration(def.Window.Nominal())
	burn, ok := burns[w]
	if !ok {
		t.Fatalf("%s: no %s burn-rate series, only %v", id, w, slices.Sorted(maps.Keys(burns)))
	}
	vals := make([]float64, len(times))
	for i, b := range burn {
		vals[i] = 1 - b
		if math.IsNaN(b) && i > 0 && coarse {
			vals[i] = vals[i-1] // between the coarser buckets' ends: the last one
		}
	}
	return instanceSeries{Labels: map[string]string{"slo": id}, Values: vals}
}

// budgetSeries is the rule's remaining budget at each evaluation time: the
// rule's real query every six hours and wherever the emulation comes
// within budgetMargin of the threshold (and the minutes either side), the
// emulation elsewhere. It fails where the two differ by budgetMargin or
// more, and logs how many instants it ran the query at and the largest
// difference.
func budgetSeries(t *testing.T, o *ours, q *query, times []time.Time) instanceSeries {
	t.Helper()
	emu := emulateBudget(t, o, q, times)
	run := map[int]bool{}
	for i, v := range emu.Values {
		if i%360 == 0 || math.Abs(v) < budgetMargin {
			for _, k := range []int{i - 1, i, i + 1} {
				if k >= 0 && k < len(times) {
					run[k] = true
				}
			}
		}
	}
	out := instanceSeries{Labels: emu.Labels, Values: slices.Clone(emu.Values)}
	var worst float64
	for _, i := range slices.Sorted(maps.Keys(run)) {
		got, err := numberSeries(o.run(t, alertQuery(t, q, times[i])), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || labelString(got[0].Labels) != labelString(emu.Labels) {
			t.Fatalf("at %s the rule's query returned %v, want one number labelled {%s}", times[i].Format(time.RFC3339), got, labelString(emu.Labels))
		}
		v := got[0].Values[0]
		if !(math.Abs(v-emu.Values[i]) < budgetMargin) {
			t.Errorf("at %s: the rule's query says %.4g of the budget is left, the burn rate over the window %.4g",
				times[i].Format(time.RFC3339), v, emu.Values[i])
		}
		out.Values[i] = v
		worst = max(worst, math.Abs(v-emu.Values[i]))
	}
	t.Logf("the rule's query run at %d instants, at most %.2g from the emulation", len(run), worst)
	return out
}
