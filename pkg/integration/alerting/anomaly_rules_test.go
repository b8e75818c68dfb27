package alerting

import (
	"maps"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// anomalyExpectations name, per anomaly rule, the timeline channel its
// incidents deform (demo/timeline.json: kind anomaly, channel).
var anomalyExpectations = []struct {
	Title, Channel string
}{
	{"DatabaseConnectionsAnomaly", "db_connections"},    // the connection storm (spike ×3, 2 minutes)
	{"MfaSuccessRateAnomaly", "mfa_success_rate"},       // the SMS provider's dip to 62 %, 15 minutes
	{"SessionsPerLoginAnomaly", "user_sessions_active"}, // sessions at night level through a morning, 3 hours
}

// maxFalseAnomalyFirings is how many firings per rule and week may belong
// to no incident: anomaly detection trades a rare false alarm for finding
// shapes no threshold describes. (The week has none at the provisioned
// thresholds; the band factors below them raise several: see the log.)
const maxFalseAnomalyFirings = 1

// TestAnomalyRulesFindTheirIncidents evaluates each anomaly rule every
// minute of the week. Our anomaly query runs its detector on a fixed
// 1-minute step with the warm-up fetched before the range, so a point's
// score does not depend on the query's range: one query over the week gives
// the score the rule's query sees at each minute (Reduce last, dropNN, over
// its 10-minute range). The test checks that against the rule's real query
// at each firing's pending and firing minutes, the minute before, and
// every twelve hours, then requires each incident of the rule's channel to
// fire it within `for` + one interval + the expression's range window, for
// one of the incident's targets, and at most maxFalseAnomalyFirings firings
// elsewhere.
func TestAnomalyRulesFindTheirIncidents(t *testing.T) {
	shared.Each(t, testAnomalyRulesFindTheirIncidents)
}

func testAnomalyRulesFindTheirIncidents(t *testing.T, h *history) {
	o := h.ours(t)
	rules := loadRules(t)
	week := h.weekIncidents()
	for _, want := range anomalyExpectations {
		r := ruleByTitle(t, rules, want.Title)
		t.Run(want.Title, func(t *testing.T) {
			s := r.shape(t)
			if s.Reduce != "last" || s.Mode != "dropNN" {
				t.Fatalf("%s: reduce %s/%q; the emulation is of last/dropNN", r.Title, s.Reduce, s.Mode)
			}
			times := evaluationTimes(r.interval())
			scores, err := numberSeries(o.run(t, weekQuery(t, s.Query.Model, s.Query.QueryType)), times)
			if err != nil {
				t.Fatal(err)
			}
			rng := time.Duration(s.Query.RelativeTimeRange.From-s.Query.RelativeTimeRange.To) * time.Second
			reduced := reduceOverRange(scores, times, rng)
			eps := evaluate(times, reduced, s, r.pending())
			n := checkAnomalyParity(t, o, s.Query, times, reduced, eps)

			var incidents []incident
			for _, inc := range week {
				if inc.Kind == "anomaly" && inc.Channel == want.Channel {
					incidents = append(incidents, inc)
				}
			}
			if len(incidents) == 0 {
				t.Fatalf("no anomaly incident on channel %s in the week", want.Channel)
			}
			delay := r.pending() + r.interval() + rangeWindow(str(s.Query.Model["expr"]))
			exp := expectation{
				Incidents: incidents, Tolerance: delay, MaxStray: maxFalseAnomalyFirings,
				Onset: func(incident) (time.Duration, bool) { return delay, true },
			}
			for _, ep := range eps {
				if ep.Labels["environment"] == "" {
					t.Errorf("%s fires without an environment label: {%s}", r.Title, labelString(ep.Labels))
				}
			}
			fired, stray, problems := exp.check(eps)
			for _, f := range fired {
				for _, ep := range f.Episodes {
					t.Logf("%s %s: fired %s (+%v) for {%s}, peak score %.3g", f.Incident.ID, span(f.Incident),
						ep.Fired.Format("15:04"), ep.Fired.Sub(f.Incident.start()), labelString(ep.Labels), ep.Peak)
				}
			}
			_, blips, _ := exp.check(evaluate(times, reduced, s, 0))
			t.Logf("%d false firings over %d series-weeks (%d without the rule's `for`); highest score outside the incidents %.3g; parity checked at %d instants",
				len(stray), len(reduced), len(blips), peakOutside(reduced, times, incidents, delay), n)
			for _, ep := range stray {
				t.Logf("false firing: %s", ep)
			}
			for _, p := range problems {
				t.Errorf("%s: %s", r.Title, p)
			}
			checkRendered(t, r, eps)
		})
	}
}

// reduceOverRange is Reduce(last, dropNN) over each evaluation's range:
// the latest score that is a number among the minutes [at − span, at].
func reduceOverRange(scores []instanceSeries, times []time.Time, span time.Duration) []instanceSeries {
	points := int(span / (times[1].Sub(times[0])))
	out := make([]instanceSeries, len(scores))
	for k, s := range scores {
		vals := make([]float64, len(times))
		for i := range times {
			vals[i] = lastNotNaN(s.Values[max(0, i-points) : i+1])
		}
		out[k] = instanceSeries{Labels: s.Labels, Values: vals}
	}
	return out
}

// checkAnomalyParity runs the rule's real query (its 10-minute range ending
// at the evaluation time) at each firing's pending and firing minutes and
// the minute before each, and every twelve hours, and fails where its
// reduced score differs from the week query's. It returns how many instants
// it checked.
func checkAnomalyParity(t *testing.T, o *ours, q *query, times []time.Time, reduced []instanceSeries, eps []episode) int {
	t.Helper()
	instants := episodeInstants(times, eps, 720)
	for _, i := range instants {
		frames := o.run(t, alertQuery(t, q, times[i]))
		got, err := numberSeries(frames, pointTimes(frames))
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range got {
			want := findSeries(reduced, g.Labels)
			if want == nil {
				if !math.IsNaN(lastNotNaN(g.Values)) {
					t.Errorf("at %s the rule's query returned {%s}, which the week's query has not", times[i].Format(time.RFC3339), labelString(g.Labels))
				}
				continue
			}
			if v := lastNotNaN(g.Values); !sameValue(v, want.Values[i]) {
				t.Errorf("at %s {%s}: the rule's query reduces to %v, the week's query to %v",
					times[i].Format(time.RFC3339), labelString(g.Labels), v, want.Values[i])
			}
		}
	}
	return len(instants)
}

// pointTimes lists the distinct times of the frames' points, in order.
func pointTimes(frames data.Frames) []time.Time {
	seen := map[time.Time]bool{}
	for _, f := range frames {
		for _, fld := range f.Fields {
			if fld.Type() != data.FieldTypeTime {
				continue
			}
			for i := 0; i < fld.Len(); i++ {
				seen[fld.At(i).(time.Time).UTC()] = true
			}
		}
	}
	return slices.SortedFunc(maps.Keys(seen), func(a, b time.Time) int { return a.Compare(b) })
}

// peakOutside is the highest reduced score outside the incidents (and the
// delay after them): how close the baseline comes to the threshold of 1.
func peakOutside(reduced []instanceSeries, times []time.Time, incidents []incident, delay time.Duration) float64 {
	peak := math.Inf(-1)
	for _, s := range reduced {
		for i, at := range times {
			inside := false
			for _, inc := range incidents {
				if !at.Before(inc.start()) && !at.After(inc.end().Add(delay)) {
					inside = true
				}
			}
			if !inside && s.Values[i] > peak {
				peak = s.Values[i]
			}
		}
	}
	return peak
}

// episodeInstants is where a rule's real query is run against the week's:
// each episode's pending and firing minutes and the minute before each, and
// every `every` minutes, in time order.
func episodeInstants(times []time.Time, eps []episode, every int) []int {
	index := map[time.Time]int{}
	check := map[int]bool{}
	for i, at := range times {
		index[at] = i
		if i%every == 0 {
			check[i] = true
		}
	}
	for _, ep := range eps {
		for _, at := range []time.Time{ep.Pending, ep.Fired} {
			i := index[at]
			check[max(i-1, 0)], check[i] = true, true
		}
	}
	return slices.Sorted(maps.Keys(check))
}
