package alerting

import (
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/internal/demostack"
	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// The evaluated week and the history behind it. The timeline repeats every
// week from a Monday, so any Monday-to-Monday week holds each incident once;
// a fixed one makes every run see the same samples. Three days before it
// are backfilled too: the longest window a rule reads is the availability
// SLO's 3d/6h ticket pair, and the burn-rate rules must see a steady state
// from the week's first minute, not a young series.
var (
	weekStart = time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)
	weekEnd   = weekStart.Add(7 * 24 * time.Hour)
)

// warmup is the history backfilled before the evaluated week.
const warmup = 3 * 24 * time.Hour

// history is the demo's history over [weekStart − warmup, weekEnd], served
// by a real Prometheus, with the generator's ground truth of the incidents.
type history struct {
	*demostack.History
	Incidents []incident
}

// incident is an occurrence of a timeline incident, as the generator's
// ground truth lists it.
type incident struct {
	ID        string   `json:"id"`
	Kind      string   `json:"kind"`
	Start     int64    `json:"start"`
	End       int64    `json:"end"`
	Instances []string `json:"instances"`
	Alerts    []string `json:"alerts"`
	SLO       []string `json:"slo"`
	Anomaly   string   `json:"anomaly"`
	Channel   string   `json:"channel"`
}

func (i incident) start() time.Time { return time.Unix(i.Start, 0).UTC() }
func (i incident) end() time.Time   { return time.Unix(i.End, 0).UTC() }

// shared is the history per Prometheus build, each backfilled by the build's
// own promtool (Prometheus 3's normalises the le labels of classic
// histograms) and served by its prometheus.
var shared = demostack.NewShared(func(b testenv.Build) (*history, error) {
	h, err := demostack.StartHistory(b, weekStart.Add(-warmup), weekEnd)
	if err != nil {
		return nil, err
	}
	var g struct {
		Incidents []incident `json:"incidents"`
	}
	if err := h.Truth(&g); err != nil {
		h.Stop()
		return nil, err
	}
	return &history{History: h, Incidents: g.Incidents}, nil
})

func TestMain(m *testing.M) { shared.Main(m) }

// weekIncidents are the incidents that start inside the evaluated week.
func (h *history) weekIncidents() []incident {
	var out []incident
	for _, i := range h.Incidents {
		if !i.start().Before(weekStart) && i.start().Before(weekEnd) {
			out = append(out, i)
		}
	}
	return out
}

// evaluationTimes are the instants Grafana evaluates a rule of the given
// interval at over the week: multiples of the interval (Grafana's
// scheduler ticks on them; its optional per-rule jitter only delays a whole
// evaluation).
func evaluationTimes(interval time.Duration) []time.Time {
	var out []time.Time
	for at := weekStart; at.Before(weekEnd); at = at.Add(interval) {
		out = append(out, at)
	}
	return out
}
