package integration

import (
	"math"
	"sync"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/internal/demostack"
	"github.com/claudeenhancer/monitoring/internal/testenv"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// The seed's three SLAs on VictoriaMetrics, over the fixture of
// TestSLOAgainstPrometheus: summary, burn-rate rows, burnrate series and
// alert values equal the fixture's exact counts at Prometheus' exactTol.
// VictoriaMetrics' increase() starts from the last sample before the range
// and never extrapolates, so its buckets tile the counters exactly too
// (measured: all 63 figures bit-identical to the fixture's).
var (
	sloVMFixture = sync.OnceValue(func() *testenv.SLO { return testenv.NewSLO(time.Now(), testenv.DefaultSeed) })
	sloVM        = testenv.NewSharedVictoriaMetrics("slo", func() *testenv.Fixture { return &sloVMFixture().Fixture })
)

func TestSLOOnVictoriaMetricsMatchesExactCounts(t *testing.T) {
	up := sloVM.Get(t)
	fx := sloVMFixture()
	now := fx.End
	ds := sloDatasource(t, up.URL, demostack.SeedCatalog(t))

	// Unlike Prometheus, VictoriaMetrics counts a late-born series' first
	// value (it takes a new counter with a small first value to start from
	// zero), so the ratio truth keeps birth values: no late-birth correction.
	// No window of the seed SLOs holds that birth anyway.
	errorCounts := sloTruth{fx: fx, bad: fx.AuthIDs(is5xx), all: fx.AuthIDs(nil)}
	badAndTotal := map[string]func(from time.Time) (bad, total float64){ // events in (from, now]
		"availability": func(from time.Time) (float64, float64) {
			up, observed := sloEnv{fx: fx}.upSeconds(from, now, slo.GapsAsDown)
			return observed - up, observed
		},
		"latency-p95": func(from time.Time) (float64, float64) {
			good, total := fx.Events(from, now, testenv.Bucket("0.2")), fx.Events(from, now, testenv.HistogramCount)
			return total - good, total
		},
		"error-rate": func(from time.Time) (float64, float64) { return errorCounts.counts(from, now) },
	}

	for _, def := range demostack.SeedCatalog(t) {
		t.Run(def.ID, func(t *testing.T) {
			counts := badAndTotal[def.ID]
			o := def.Objective
			burn := func(w time.Duration) float64 {
				bad, total := counts(now.Add(-w))
				return bad / total / (1 - o)
			}
			resp := runSLO(t, ds,
				sloReq{RefID: "summary", SLOID: def.ID, Now: now},
				sloReq{RefID: "burnrate", SLOID: def.ID, Output: "burnrate", Now: now, From: now.Add(-6 * time.Hour)},
				sloReq{RefID: "alert", SLOID: def.ID, Output: "alert", Now: now})

			sum, pairs := summaryOf(t, resp["summary"])
			bad, total := counts(now.Add(-def.Window.Nominal()))
			allowed := (1 - o) * total
			if def.SLI.Kind == slo.KindAvailability {
				// A time budget: 0.1 % of 30 days, whatever part has data.
				allowed = (1 - o) * def.Window.Nominal().Seconds()
			}
			checkClose(t, "total_events", sum.f("total_events"), total, exactTol)
			checkClose(t, "sli", sum.f("sli"), 1-bad/total, exactTol)
			checkClose(t, "budget_allowed", sum.f("budget_allowed"), allowed, exactTol)
			checkClose(t, "budget_remaining", sum.f("budget_remaining"), allowed-bad, exactTol)
			checkClose(t, "budget_remaining_ratio", sum.f("budget_remaining_ratio"), (allowed-bad)/allowed, exactTol)

			if len(pairs) != 4 {
				t.Fatalf("%d burn-rate rows, want the 4 Workbook pairs", len(pairs))
			}
			for name, r := range pairs {
				long, short := mustDuration(t, name), mustDuration(t, r["short_window"].(string))
				checkClose(t, name+" long_burn", r.f("long_burn"), burn(long), exactTol)
				checkClose(t, name+" short_burn", r.f("short_burn"), burn(short), exactTol)
			}

			if len(resp["burnrate"].Frames) != 4 || len(resp["alert"].Frames) != 4 {
				t.Fatalf("%d burnrate and %d alert frames, want one per pair", len(resp["burnrate"].Frames), len(resp["alert"].Frames))
			}
			for _, f := range resp["burnrate"].Frames {
				v := f.Fields[1]
				got, _ := v.FloatAt(v.Len() - 1)
				checkClose(t, "burnrate series at now, "+v.Labels["window"], got, burn(mustDuration(t, v.Labels["window"])), exactTol)
			}
			for _, f := range resp["alert"].Frames {
				v := f.Fields[0]
				r := pairs[v.Labels["long"]]
				long, short := mustDuration(t, v.Labels["long"]), mustDuration(t, v.Labels["short"])
				got, _ := v.FloatAt(0)
				checkClose(t, "burn_alert "+v.Labels["long"], got, math.Min(burn(long), burn(short))/r.f("threshold"), exactTol)
			}
		})
	}
}

func mustDuration(t *testing.T, s string) time.Duration {
	t.Helper()
	d, err := slo.ParseDuration(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
