package alerting

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
)

// Grafana's evaluation of one rule, emulated (pkg/services/ngalert/state):
// at each evaluation time the condition is computed per alert instance (a
// label set of the reduced series); an instance whose condition holds goes
// Normal → Pending (or straight to Alerting when `for` is 0) and Pending →
// Alerting once it has held for `for` (StartsAt + for ≤ now); a false
// condition, NaN or a missing series returns it to Normal. (Grafana keeps a
// firing instance whose series vanished for two more evaluations before
// resolving it; no series of the demo history vanishes while firing.)

// instanceSeries is one alert instance's reduced value (B) at each
// evaluation time; NaN where the series has no value.
type instanceSeries struct {
	Labels map[string]string
	Values []float64
}

// episode is one firing of one alert instance.
type episode struct {
	Labels   map[string]string
	Pending  time.Time // first evaluation the condition held
	Fired    time.Time // the evaluation it went to Alerting
	Resolved time.Time // first evaluation it no longer held; zero if firing at the end
	Peak     float64   // the reduced value farthest past the threshold while firing
}

// evaluate runs the state machine over times for every instance.
func evaluate(times []time.Time, series []instanceSeries, s shape, pending time.Duration) []episode {
	var out []episode
	for _, ser := range series {
		var cur *episode
		var since time.Time
		inPending := false
		for i, at := range times {
			v := ser.Values[i]
			if !s.holds(v) {
				if cur != nil {
					cur.Resolved = at
					out = append(out, *cur)
					cur = nil
				}
				inPending = false
				continue
			}
			if cur != nil {
				if s.worse(v, cur.Peak) {
					cur.Peak = v
				}
				continue
			}
			if !inPending {
				inPending, since = true, at
			}
			if !since.Add(pending).After(at) {
				cur = &episode{Labels: ser.Labels, Pending: since, Fired: at, Peak: v}
				inPending = false
			}
		}
		if cur != nil {
			out = append(out, *cur)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Fired.Equal(out[j].Fired) {
			return out[i].Fired.Before(out[j].Fired)
		}
		return labelString(out[i].Labels) < labelString(out[j].Labels)
	})
	return out
}

// worse reports whether v is farther past the threshold than w.
func (s shape) worse(v, w float64) bool {
	if s.Op == "lt" {
		return v < w
	}
	return v > w
}

// lastNotNaN is Reduce(last) in dropNN mode over the points of one
// evaluation's range: the latest value that is a number, else NaN.
func lastNotNaN(values []float64) float64 {
	for i := len(values) - 1; i >= 0; i-- {
		if !math.IsNaN(values[i]) {
			return values[i]
		}
	}
	return math.NaN()
}

// expectation is what a rule must do over the week.
type expectation struct {
	// Incidents must each fire the rule, and every firing must belong to
	// one of them: it starts in [incident start, end + Tolerance], for an
	// instance of the incident's targets.
	Incidents []incident
	Tolerance time.Duration
	// Onset, when set, bounds the delay from an incident's start to its
	// firing (for incidents that start at full strength, not ramps).
	Onset func(incident) (time.Duration, bool)
	// MaxStray is how many firings may belong to no incident (false
	// alarms); 0 for threshold and burn-rate rules.
	MaxStray int
}

// firing pairs an incident with the episodes that belong to it.
type firing struct {
	Incident incident
	Episodes []episode
}

// check attributes episodes to the expected incidents and returns what
// fired per incident and the stray episodes; problems are returned as text.
func (e expectation) check(eps []episode) (fired []firing, stray []episode, problems []string) {
	fired = make([]firing, len(e.Incidents))
	for i, inc := range e.Incidents {
		fired[i].Incident = inc
	}
	for _, ep := range eps {
		owned := false
		for i, inc := range e.Incidents {
			if e.belongs(ep, inc) {
				fired[i].Episodes = append(fired[i].Episodes, ep)
				owned = true
			}
		}
		if !owned {
			stray = append(stray, ep)
		}
	}
	for _, f := range fired {
		if len(f.Episodes) == 0 {
			problems = append(problems, fmt.Sprintf("did not fire for %s (%s)", f.Incident.ID, span(f.Incident)))
			continue
		}
		if e.Onset == nil {
			continue
		}
		if limit, ok := e.Onset(f.Incident); ok {
			first := f.Episodes[0].Fired
			if d := first.Sub(f.Incident.start()); d > limit {
				problems = append(problems, fmt.Sprintf("fired for %s %v after its start, more than %v", f.Incident.ID, d, limit))
			}
		}
	}
	if len(stray) > e.MaxStray {
		for _, ep := range stray {
			problems = append(problems, "fired outside every incident: "+ep.String())
		}
	}
	return fired, stray, problems
}

// belongs reports whether ep is a firing of inc: in time, and for one of
// its targets (by instance, else by environment and service, whichever of
// them the alert carries; rules that aggregate away all three match any
// target).
func (e expectation) belongs(ep episode, inc incident) bool {
	if ep.Fired.Before(inc.start()) || ep.Fired.After(inc.end().Add(e.Tolerance)) {
		return false
	}
	if in := ep.Labels["instance"]; in != "" {
		return slices.Contains(inc.Instances, in)
	}
	env, svc := ep.Labels["environment"], ep.Labels["service"]
	return slices.ContainsFunc(inc.Instances, func(in string) bool {
		return (env == "" || environmentOf(in) == env) && (svc == "" || serviceOf(in) == svc)
	})
}

// instanceName splits a demo process's name: staging processes are named
// after their production counterparts with a "staging-" prefix
// (demo/src/topology.ts).
var instanceName = regexp.MustCompile(`^(staging-)?(.+)-\d+$`)

// serviceOf is the service of a demo process: "api-gateway" for
// api-gateway-2 and staging-api-gateway-1.
func serviceOf(instance string) string {
	if m := instanceName.FindStringSubmatch(instance); m != nil {
		return m[2]
	}
	return instance
}

// environmentOf is the environment of a demo process: "staging" for
// staging-auth-1, "production" for auth-1.
func environmentOf(instance string) string {
	if m := instanceName.FindStringSubmatch(instance); m != nil && m[1] != "" {
		return "staging"
	}
	return "production"
}

// rampKinds are incident kinds that grow towards their alert's threshold
// (a leak, a filling disk, a growing queue): they fire late in the incident,
// so only their end bounds the firing.
var rampKinds = map[string]bool{"memoryLeak": true, "diskFill": true, "queueBacklog": true}

func (ep episode) String() string {
	res := "firing at the end"
	if !ep.Resolved.IsZero() {
		res = "resolved " + ep.Resolved.Format("Mon 15:04")
	}
	return fmt.Sprintf("{%s} pending %s, fired %s, %s, peak %.4g",
		labelString(ep.Labels), ep.Pending.Format("Mon 15:04"), ep.Fired.Format("Mon 15:04"), res, ep.Peak)
}

func span(i incident) string {
	return i.start().Format("Mon 15:04") + "–" + i.end().Format("15:04")
}

func labelString(l map[string]string) string {
	keys := slices.Sorted(maps.Keys(l))
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		if k != "__name__" {
			parts = append(parts, k+"="+l[k])
		}
	}
	return strings.Join(parts, ", ")
}

// rangeWindow is the longest range selector of a PromQL expression ([5m]),
// the lag before a rate sees a change in full; 0 for instant selectors.
var rangeSelector = regexp.MustCompile(`\[(\d+[smhdw])\]`)

func rangeWindow(expr string) time.Duration {
	var longest time.Duration
	for _, m := range rangeSelector.FindAllStringSubmatch(expr, -1) {
		if d, err := parseDuration(m[1]); err == nil && d > longest {
			longest = d
		}
	}
	return longest
}
