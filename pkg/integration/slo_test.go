package integration

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/internal/demostack"
	"github.com/claudeenhancer/monitoring/internal/testenv"
	"github.com/claudeenhancer/monitoring/pkg/plugin"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// SLO queries end to end: the datasource against a real Prometheus serving
// testenv.NewSLO, each figure compared with (a) the fixture's exact event
// counts and (b) the same quantity computed by PromQL in that Prometheus
// at the same instant.
//
// Tolerances. Counts are integers below 2^53, so sums are exact and a
// ratio differs from the expected one by a few ulps: relative 1e-9 means
// "equal". Where PromQL legitimately differs (extrapolation of a series
// born inside its range, per-target weighting of availability), the test
// names the difference and bounds it.
const exactTol = 1e-9

type sloEnv struct {
	fx     *testenv.SLO
	up     *testenv.Upstream
	client *prom.Client
	ds     *plugin.Datasource
}

var (
	oneDay   = 24 * time.Hour
	is5xx    = func(s string) bool { return strings.HasPrefix(s, "5") }
	ratioSLI = slo.SLI{Kind: slo.KindRatio, Bad: `auth_requests_total{status=~"5.."}`, Total: `auth_requests_total`}
	upSLI    = func(gaps slo.GapPolicy) slo.SLI {
		return slo.SLI{Kind: slo.KindAvailability, Expr: `up{job="claude-enhancer-auth"}`, Gaps: gaps}
	}
	testSLOs = slo.Catalog{
		{ID: "errors-7d", SLI: ratioSLI, Objective: 0.999, Window: slo.RollingWindow(7 * oneDay)},
		{ID: "errors-30d", SLI: ratioSLI, Objective: 0.999, Window: slo.RollingWindow(30 * oneDay)},
		{ID: "errors-month", SLI: ratioSLI, Objective: 0.999, Window: slo.CalendarWindow(slo.Month, nil)},
		{ID: "idle", Objective: 0.999, Window: slo.RollingWindow(oneDay),
			SLI: slo.SLI{Kind: slo.KindRatio, Bad: `idle_requests_total{status="500"}`, Total: `idle_requests_total`}},
		{ID: "instance-b", Objective: 0.999, Window: slo.RollingWindow(oneDay),
			SLI: slo.SLI{Kind: slo.KindRatio, Bad: `auth_requests_total{instance="b",status=~"5.."}`, Total: `auth_requests_total{instance="b"}`}},
		{ID: "late-502", Objective: 0.999, Window: slo.RollingWindow(oneDay),
			SLI: slo.SLI{Kind: slo.KindRatio, Bad: `auth_requests_total{status="502"}`, Total: `auth_requests_total`}},
		{ID: "up-down-7d", SLI: upSLI(slo.GapsAsDown), Objective: 0.999, Window: slo.RollingWindow(7 * oneDay)},
		{ID: "up-ignore-7d", SLI: upSLI(slo.GapsIgnored), Objective: 0.999, Window: slo.RollingWindow(7 * oneDay)},
		{ID: "latency-30d-at-90", Objective: 0.9, Window: slo.RollingWindow(30 * oneDay),
			SLI: slo.SLI{Kind: slo.KindLatency, Histogram: "auth_response_time", Threshold: 0.2}},
	}
)

func TestSLOAgainstPrometheus(t *testing.T) {
	builds := testenv.RequirePrometheusBuilds(t)
	fx := testenv.NewSLO(time.Now(), testenv.DefaultSeed)
	for _, b := range builds {
		t.Run(b.Name, func(t *testing.T) {
			began := time.Now()
			up := testenv.StartPrometheusBuild(t, b, &fx.Fixture)
			t.Logf("SLO fixture: %d series, %d samples; backfilled in %v (promtool %v), ready in %v",
				len(fx.Series), fx.SampleCount(), time.Since(began)-up.Ready, up.Load, up.Ready)
			env := sloEnv{fx: fx, up: up, client: newClient(t, up),
				ds: sloDatasource(t, up.URL, append(demostack.SeedCatalog(t), testSLOs...))}

			t.Run("a 7-day error ratio matches the exact counts and PromQL", env.testRatio7d)
			t.Run("the seed's three SLAs match the exact counts and PromQL", env.testSeed)
			t.Run("a calendar month is budgeted over the whole month", env.testCalendarMonth)
			t.Run("bucket ends between scrapes keep every window exact", env.testOffGrid)
			t.Run("edge cases", env.testEdgeCases)
			t.Run("a full outage pages within a minute and stops after it", env.testOutagePages)
			t.Run("burndown and burn-rate series agree with the summary", env.testSeriesOutputs)
		})
	}
}

// increase is PromQL's exact increase of sel over rng ending at a sample,
// for cross-checks: plain increase() on Prometheus 2, whose closed range
// holds the sample at its start and needs no extrapolation; on Prometheus 3,
// whose left-open range leaves that sample out, increase() with the
// anchored modifier (on by default since 3.16, docs/querying/basics.md),
// which starts from the last sample at or before the range's start and
// does not extrapolate.
func (e sloEnv) increase(sel, rng string) string {
	if e.up.LeftOpen() {
		return fmt.Sprintf("increase(%s[%s] anchored)", sel, rng)
	}
	return fmt.Sprintf("increase(%s[%s])", sel, rng)
}

// errorRatio is sum(increase(5xx)) / sum(increase(all)) over rng.
func (e sloEnv) errorRatio(rng string) string {
	return fmt.Sprintf("sum(%s) / sum(%s)", e.increase(`auth_requests_total{status=~"5.."}`, rng), e.increase("auth_requests_total", rng))
}

func (e sloEnv) testRatio7d(t *testing.T) {
	fx, now := e.fx, e.fx.End
	tr := newSLOTruth(fx, fx.AuthIDs(is5xx), fx.AuthIDs(nil))
	sum, pairs := summaryOf(t, runSLO(t, e.ds, sloReq{SLOID: "errors-7d", Now: now})["A"])

	bad, total := tr.counts(now.Add(-7*oneDay), now)
	checkClose(t, "total_events vs the fixture", sum.f("total_events"), total, exactTol)
	checkClose(t, "sli vs the fixture", sum.f("sli"), 1-bad/total, exactTol)
	checkClose(t, "budget_allowed vs the fixture", sum.f("budget_allowed"), 0.001*total, exactTol)
	checkClose(t, "budget_remaining vs the fixture", sum.f("budget_remaining"), 0.001*total-bad, exactTol)
	checkClose(t, "budget_remaining_ratio vs the fixture", sum.f("budget_remaining_ratio"), (0.001*total-bad)/(0.001*total), exactTol)
	if sum["partial_history"] != false || sum.f("coverage") != 1 || sum["budget_unit"] != "events" {
		t.Errorf("partial %v coverage %v unit %v: want a fully covered event window", sum["partial_history"], sum.f("coverage"), sum["budget_unit"])
	}
	// PromQL over the same 7 days differs only by the late-born series: born
	// inside the range, its increase() on Prometheus 2 is extrapolated by
	// half a scrape interval toward the range start, 7.5 s over 3.6 days
	// (2.4e-5 of its ~400 events, about 0.01 event): bounded by 1e-5 of the
	// ratio. Prometheus 3's anchored increase() does not extrapolate.
	promRatio := promInstant(t, e.client, e.errorRatio("7d"), now)
	checkClose(t, "1 − sli vs PromQL increase[7d]", 1-sum.f("sli"), promRatio, 1e-5)

	for _, p := range slo.Pairs(7*oneDay, 0.999, time.Minute) {
		name := slo.FormatDuration(p.Long)
		r, ok := pairs[name]
		if !ok {
			t.Fatalf("no burn-rate row for %s", name)
		}
		checkClose(t, name+" long burn vs the fixture", r.f("long_burn"), tr.burn(0.999, p.Long, now), exactTol)
		checkClose(t, name+" short burn vs the fixture", r.f("short_burn"), tr.burn(0.999, p.Short, now), exactTol)
		q := e.errorRatio(name) + " / 0.001"
		checkClose(t, name+" long burn vs PromQL", r.f("long_burn"), promInstant(t, e.client, q, now), exactTol)
		if r["feasible"] != true || r.f("threshold") != p.Threshold {
			t.Errorf("%s: feasible %v threshold %v, want true %v", name, r["feasible"], r.f("threshold"), p.Threshold)
		}
	}
}

func (e sloEnv) testSeed(t *testing.T) {
	fx, now := e.fx, e.fx.End
	resp := runSLO(t, e.ds,
		sloReq{RefID: "availability", SLOID: "availability", Now: now},
		sloReq{RefID: "latency", SLOID: "latency-p95", Now: now},
		sloReq{RefID: "errors", SLOID: "error-rate", Now: now})

	t.Run("availability 99.9 % over 30 d: 8 days of history, gaps counted as down", func(t *testing.T) {
		sum, _ := summaryOf(t, resp["availability"])
		up, observed := e.upSeconds(now.Add(-30*oneDay), now, slo.GapsAsDown)
		checkClose(t, "total (observed seconds) vs the fixture", sum.f("total_events"), observed, exactTol)
		checkClose(t, "sli vs the fixture", sum.f("sli"), up/observed, exactTol)
		// The budget of an availability SLO is time: 0.1 % of 30 days is
		// 2,592 s (43.2 min), whatever part of the window has data.
		checkClose(t, "budget_allowed", sum.f("budget_allowed"), 2592, exactTol)
		checkClose(t, "budget_remaining vs the fixture", sum.f("budget_remaining"), 2592-(observed-up), exactTol)
		// The fixture's downtime: auth-0 down 30 min while auth-1 is up (half
		// the targets: 900 s) and 20 min without any sample (1,200 s).
		checkClose(t, "downtime", observed-up, 2100, exactTol)
		if sum["partial_history"] != true || sum["budget_unit"] != "seconds" {
			t.Errorf("partial %v unit %v: 8 days of a 30-day window is partial history, in seconds", sum["partial_history"], sum["budget_unit"])
		}
		checkClose(t, "coverage", sum.f("coverage"), (fx.End.Sub(fx.Start)+fx.Step).Seconds()/(30*oneDay).Seconds(), exactTol)
		// PromQL's "gaps are down" form, sum_over_time(up) over the expected
		// sample count of both targets, also counts auth-1's own 10-minute
		// gap as half down (300 s), where avg(up) per slot averages the
		// targets that report.
		samples := float64(fx.End.Sub(fx.Start)/fx.Step + 1)
		promUp := promInstant(t, e.client, `sum(sum_over_time(up{job="claude-enhancer-auth"}[30d]))`, now)
		checkClose(t, "downtime vs PromQL sum_over_time(up)", (2*samples-promUp)/2*15, observed-up+300, exactTol)
	})

	t.Run("latency P95 < 200 ms over 7 d: le=\"0.2\" over _count", func(t *testing.T) {
		sum, pairs := summaryOf(t, resp["latency"])
		from := now.Add(-7 * oneDay)
		good, total := fx.Events(from, now, testenv.Bucket("0.2")), fx.Events(from, now, testenv.HistogramCount)
		checkClose(t, "sli vs the fixture", sum.f("sli"), good/total, exactTol)
		checkClose(t, "budget_remaining vs the fixture", sum.f("budget_remaining"), 0.05*total-(total-good), exactTol)
		promSLI := promInstant(t, e.client, "sum("+e.increase(`auth_response_time_bucket{le="0.2"}`, "7d")+") / sum("+e.increase("auth_response_time_count", "7d")+")", now)
		checkClose(t, "sli vs PromQL", sum.f("sli"), promSLI, exactTol)
		r := pairs["16h48m"]
		checkClose(t, "16h48m burn vs the fixture", r.f("long_burn"),
			(1-fx.Events(now.Add(-16*time.Hour-48*time.Minute), now, testenv.Bucket("0.2"))/fx.Events(now.Add(-16*time.Hour-48*time.Minute), now, testenv.HistogramCount))/0.05, exactTol)
	})

	t.Run("error rate < 0.1 % over 24 h: the outage overspends the budget", func(t *testing.T) {
		sum, _ := summaryOf(t, resp["errors"])
		tr := newSLOTruth(fx, fx.AuthIDs(is5xx), fx.AuthIDs(nil))
		bad, total := tr.counts(now.Add(-oneDay), now)
		checkClose(t, "sli vs the fixture", sum.f("sli"), 1-bad/total, exactTol)
		checkClose(t, "budget_remaining vs the fixture", sum.f("budget_remaining"), 0.001*total-bad, exactTol)
		promRatio := promInstant(t, e.client, e.errorRatio("1d"), now)
		checkClose(t, "1 − sli vs PromQL", 1-sum.f("sli"), promRatio, exactTol)
		if sum.f("budget_remaining") >= 0 || sum.f("budget_remaining_ratio") >= 0 || sum["state"] != "breaching" || sum.f("exhaustion_seconds") != 0 {
			t.Errorf("remaining %v (ratio %v), state %v, exhaustion %v: a 5-minute full outage spends 3.5 budgets of 24 h",
				sum.f("budget_remaining"), sum.f("budget_remaining_ratio"), sum["state"], sum.f("exhaustion_seconds"))
		}
	})
}

// upSeconds is the availability ground truth by the slot definition of
// slo.AvailabilityEvents: each sample time t of the fixture stands for the
// slot (t−15 s, t]; a slot's value is the mean of the targets that report;
// a slot where none does is down (GapsAsDown) or left out (GapsIgnored).
// Only slots from the first sample on count.
func (e sloEnv) upSeconds(from, to time.Time, gaps slo.GapPolicy) (up, observed float64) {
	fx := e.fx
	step := fx.Step.Seconds()
	for _, ts := range fx.Times() {
		if !ts.After(from) || ts.After(to) {
			continue
		}
		var sum float64
		n := 0
		for _, id := range []string{testenv.UpAuth0, testenv.UpAuth1} {
			if v, ok := fx.ValueAt(id, ts); ok {
				sum += v
				n++
			}
		}
		switch {
		case n > 0:
			up += sum / float64(n) * step
			observed += step
		case gaps == slo.GapsAsDown:
			observed += step
		}
	}
	return up, observed
}

func (e sloEnv) testCalendarMonth(t *testing.T) {
	fx, now := e.fx, e.fx.End
	sum, _ := summaryOf(t, runSLO(t, e.ds, sloReq{SLOID: "errors-month", Now: now})["A"])
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	length := month.AddDate(0, 1, 0).Sub(month)
	from := month
	if fx.Start.After(month) {
		from = fx.Start // the data starts inside the month
	}
	tr := newSLOTruth(fx, fx.AuthIDs(is5xx), fx.AuthIDs(nil))
	bad, total := tr.counts(from, now)
	covered := now.Sub(from)
	// The budget of the whole month, from the traffic rate observed so far.
	allowed := 0.001 * total * float64(length) / float64(covered)
	checkClose(t, "sli vs the fixture", sum.f("sli"), 1-bad/total, exactTol)
	checkClose(t, "budget_allowed vs the fixture", sum.f("budget_allowed"), allowed, exactTol)
	checkClose(t, "budget_remaining vs the fixture", sum.f("budget_remaining"), allowed-bad, exactTol)
	checkClose(t, "coverage", sum.f("coverage"), float64(covered)/float64(now.Sub(month)), exactTol)
	if sum["window"] != "calendar month" || sum["partial_history"] != fx.Start.After(month) {
		t.Errorf("window %v partial %v", sum["window"], sum["partial_history"])
	}
	// The same month so far in PromQL: a range reaching back to the month
	// start (or the first sample); bounded like the 7-day case for the
	// late-born series' extrapolation.
	rng := fmt.Sprintf("%ds", int(covered.Seconds()))
	promRatio := promInstant(t, e.client, e.errorRatio(rng), now)
	checkClose(t, "1 − sli vs PromQL", 1-sum.f("sli"), promRatio, 1e-5)
}

// testOffGrid uses 40 s buckets over 15 s scrapes, so two bucket ends in
// three fall between samples. Every bucket tiles the counters exactly
// whatever the scrape phase, so the 24 h totals, the burn-rate pairs and the
// alert output all match the fixture exactly. (Before every bucket did,
// the older ones used plain increase(), off by 1.4e-4 on the totals and
// 4.7 % on the ~340 5xx events.) The window (24 h ending an hour before
// instance b's restart) holds the late-born series' birth, whose value is
// the only loss.
func (e sloEnv) testOffGrid(t *testing.T) {
	fx := e.fx
	now := fx.Reset.Add(-time.Hour + 25*time.Second) // between bucket ends: floored to one
	end := time.UnixMilli(now.UnixMilli() / 40000 * 40000)
	def := slo.SLO{ID: "errors-1d-40s", SLI: ratioSLI, Objective: 0.999, Window: slo.RollingWindow(oneDay)}
	sum, pairs := summaryOf(t, runSLO(t, e.ds, sloReq{Inline: &def, BucketStep: "40s", Now: now})["A"])
	tr := newSLOTruth(fx, fx.AuthIDs(is5xx), fx.AuthIDs(nil))
	bad, total := tr.counts(end.Add(-oneDay), end)
	checkClose(t, "total vs the fixture", sum.f("total_events"), total, exactTol)
	checkClose(t, "1 − sli vs the fixture", 1-sum.f("sli"), bad/total, exactTol)
	for _, p := range slo.Pairs(oneDay, 0.999, 40*time.Second) {
		r := pairs[slo.FormatDuration(p.Long)]
		checkClose(t, p.Name()+" long burn vs the fixture", r.f("long_burn"), tr.burn(0.999, p.Long, end), exactTol)
		checkClose(t, p.Name()+" short burn vs the fixture", r.f("short_burn"), tr.burn(0.999, p.Short, end), exactTol)
	}
	// The alert output reads only short windows, all exact.
	dr := runSLO(t, e.ds, sloReq{Inline: &def, BucketStep: "40s", Output: "alert", Now: now})["A"]
	p := slo.Pairs(oneDay, 0.999, 40*time.Second)[3]
	want := math.Min(tr.burn(0.999, p.Long, end), tr.burn(0.999, p.Short, end)) / p.Threshold
	checkClose(t, "alert "+p.Name(), alertValue(t, dr.Frames, slo.FormatDuration(p.Long)), want, exactTol)
}

// testSeriesOutputs checks that every output reads the same ledger: the
// burndown ends at the summary's remaining ratio, the burn-rate series end
// at the summary's long burns, and the alert values are their ratios.
func (e sloEnv) testSeriesOutputs(t *testing.T) {
	now := e.fx.End
	resp := runSLO(t, e.ds,
		sloReq{RefID: "sum", SLOID: "errors-7d", Now: now},
		sloReq{RefID: "down", SLOID: "errors-7d", Output: "burndown", Now: now},
		sloReq{RefID: "rate", SLOID: "errors-7d", Output: "burnrate", Now: now, From: now.Add(-6 * time.Hour)},
		sloReq{RefID: "alert", SLOID: "errors-7d", Output: "alert", Now: now})
	sum, pairs := summaryOf(t, resp["sum"])

	down := resp["down"].Frames[0]
	n := down.Rows()
	last, _ := down.Fields[1].FloatAt(n - 1)
	first, _ := down.Fields[2].FloatAt(0)
	if !down.Fields[0].At(n-1).(time.Time).Equal(now) || first != 1 || n > 1002 {
		t.Errorf("burndown: %d points ending %v, ideal starting at %v", n, down.Fields[0].At(n-1), first)
	}
	checkClose(t, "burndown's last remaining vs the summary", last, sum.f("budget_remaining_ratio"), exactTol)

	if got := len(resp["rate"].Frames); got != 4 {
		t.Fatalf("%d burn-rate frames, want one per long window", got)
	}
	for _, f := range resp["rate"].Frames {
		v := f.Fields[1]
		w := v.Labels["window"]
		got, _ := v.FloatAt(v.Len() - 1)
		if !f.Fields[0].At(v.Len() - 1).(time.Time).Equal(now) {
			t.Errorf("%s series ends at %v", w, f.Fields[0].At(v.Len()-1))
		}
		checkClose(t, w+" burn-rate series at now vs the summary", got, pairs[w].f("long_burn"), exactTol)
	}
	for _, f := range resp["alert"].Frames {
		v := f.Fields[0]
		r := pairs[v.Labels["long"]]
		got, _ := v.FloatAt(0)
		checkClose(t, v.Labels["long"]+" burn_alert vs the summary", got, math.Min(r.f("long_burn"), r.f("short_burn"))/r.f("threshold"), exactTol)
	}
}
