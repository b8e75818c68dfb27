package query

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/internal/frametest"
	"github.com/claudeenhancer/monitoring/internal/promfake"
)

// A seasonal query whose range starts with the history: before one season
// of values exists there is no seasonal verdict, so a spike there is not a
// seasonal event; the answer says once until when the baseline warms up.
func TestSeasonalEventsWaitForTheirReferencesAndSaySo(t *testing.T) {
	early, late := promfake.T0.Add(45*time.Minute), promfake.T0.Add(4*time.Hour)
	series := promfake.Series{Labels: map[string]string{"__name__": "latency", "service": "a"}, At: func(at time.Time) float64 {
		switch {
		case at.Before(promfake.T0):
			return math.NaN() // no history before promfake.T0
		case at.Equal(early), at.Equal(late):
			return 100
		}
		return 10 + promfake.Gauss(7, at)
	}}
	e := New(&fakeFetcher{series: []promfake.Series{series}}, 15*time.Second)
	body := anomalyJSON(`,"method":"seasonal","season":"1h","seasons":3,"window":"30m","persistence":"1/1","output":"events"`)
	fs := runQuery(t, e, body, promfake.T0, promfake.T0.Add(6*time.Hour), 1000)
	starts := frametest.Times(t, fs[0], "time")
	if len(starts) != 1 || !starts[0].Equal(late) {
		t.Errorf("events at %v, want the spike at %v alone (the one at %v has no seasonal reference)", starts, late, early)
	}
	var notices []string
	for _, n := range fs[0].Meta.Notices {
		notices = append(notices, n.Text)
	}
	if len(notices) != 1 || !strings.HasPrefix(notices[0], "seasonal baseline warming up until 2026-11-27 01:00 UTC") {
		t.Errorf("notices %q, want one saying the baseline warms up until an hour after the history starts", notices)
	}
}
