package testenv

import (
	"bufio"
	"bytes"
	"math"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 11, 27, 6, 0, 7, 0, time.UTC)

func TestDefaultFixtureShape(t *testing.T) {
	d := NewDefault(testNow, 1)
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	step := d.Step
	cases := []struct {
		name string
		ok   bool
	}{
		{"start and end are multiples of the step since the epoch", d.Start.UnixMilli()%step.Milliseconds() == 0 && d.End.UnixMilli()%step.Milliseconds() == 0},
		{"the fixture spans two days", d.End.Sub(d.Start) == 48*time.Hour},
		{"the last sample is at least ten minutes before now", !d.End.After(testNow.Add(-10 * time.Minute))},
		{"the reset is in the middle", d.Reset.Equal(d.Start.Add(24 * time.Hour))},
		{"the gap lasts 30 minutes", d.GapEnd.Sub(d.GapStart) == 30*time.Minute},
	}
	for _, c := range cases {
		if !c.ok {
			t.Error(c.name + ": false")
		}
	}
}

func TestDefaultFixtureIsDeterministic(t *testing.T) {
	render := func(now time.Time, seed uint64) []byte {
		var b bytes.Buffer
		if err := NewDefault(now, seed).WriteOpenMetrics(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := render(testNow, 1), render(testNow.Add(3*time.Second), 1)
	if !bytes.Equal(a, b) {
		t.Error("the same seed and the same step-aligned now gave different fixtures")
	}
	if bytes.Equal(a, render(testNow, 2)) {
		t.Error("a different seed gave the same fixture")
	}
}

func TestDefaultFixtureSeries(t *testing.T) {
	d := NewDefault(testNow, 1)
	times := d.Times()

	t.Run("counters grow by at least one per step and reset once, at Reset", func(t *testing.T) {
		for _, id := range []string{Requests200, Requests500} {
			prev, _ := d.ValueAt(id, times[0])
			for _, ts := range times[1:] {
				v, ok := d.ValueAt(id, ts)
				if !ok || v != math.Trunc(v) {
					t.Fatalf("%s at %v: %v, %v; want an integer sample", id, ts, v, ok)
				}
				if ts.Equal(d.Reset) {
					if v >= prev || v >= 60 {
						t.Fatalf("%s at the reset: %v after %v; want a restart near zero", id, v, prev)
					}
				} else if v <= prev {
					t.Fatalf("%s at %v: %v after %v; want growth", id, ts, v, prev)
				}
				prev = v
			}
		}
	})

	t.Run("gauges have at most three decimals and stay in range", func(t *testing.T) {
		for _, id := range []string{CPUAPI, CPUWorker, CacheHit, DBPool} {
			for _, ts := range times {
				v, ok := d.ValueAt(id, ts)
				if !ok || math.IsNaN(v) {
					continue
				}
				if round3(v) != v || v < 0 || v > 100 {
					t.Fatalf("%s at %v = %v", id, ts, v)
				}
			}
		}
	})

	t.Run("the cache series has no samples in [GapStart, GapEnd) only", func(t *testing.T) {
		missing := 0
		for _, ts := range times {
			_, ok := d.ValueAt(CacheHit, ts)
			inGap := !ts.Before(d.GapStart) && ts.Before(d.GapEnd)
			if ok == inGap {
				t.Fatalf("sample at %v: present=%v, in gap=%v", ts, ok, inGap)
			}
			if !ok {
				missing++
			}
		}
		if missing != 120 {
			t.Errorf("%d samples missing; want 120 (30 min / 15 s)", missing)
		}
	})

	t.Run("the db pool series is NaN at every half hour and only then", func(t *testing.T) {
		nans := 0
		for _, ts := range times {
			v, _ := d.ValueAt(DBPool, ts)
			if math.IsNaN(v) != (ts.UTC().Minute() == 30 && ts.Second() == 0) {
				t.Fatalf("at %v: %v", ts, v)
			}
			if math.IsNaN(v) {
				nans++
			}
		}
		if nans != 48 {
			t.Errorf("%d NaN samples; want 48 (two days of half hours)", nans)
		}
	})

	t.Run("ValueAt is false off the grid and outside the range", func(t *testing.T) {
		for _, ts := range []time.Time{d.Start.Add(-d.Step), d.End.Add(d.Step), d.Start.Add(time.Second)} {
			if _, ok := d.ValueAt(CPUAPI, ts); ok {
				t.Errorf("a value at %v", ts)
			}
		}
	})

	t.Run("metadata lists what the series carry", func(t *testing.T) {
		for _, c := range []struct{ got, want []string }{
			{d.MetricNames(), []string{"ce_cache_hit_ratio", "ce_cpu_usage", "ce_db_pool_utilization", "ce_requests_total"}},
			{d.LabelNames(), []string{"__name__", "code", "job", "service"}},
			{d.LabelValues("service"), []string{"api", "cache", "db", "worker"}},
		} {
			if strings.Join(c.got, ",") != strings.Join(c.want, ",") {
				t.Errorf("got %v, want %v", c.got, c.want)
			}
		}
	})
}

func TestIncreaseCountsAResetAsGrowthFromZero(t *testing.T) {
	start := time.Unix(1_800_000_000, 0)
	vals := []float64{10, 15, 25, 3, 7} // reset between 25 and 3
	fx := &Fixture{Start: start, End: start.Add(4 * time.Second), Step: time.Second, Series: []Series{{
		Name: "c_total", Type: Counter,
		Value: func(t time.Time) (float64, bool) { return vals[t.Sub(start)/time.Second], true },
	}}}
	// 5 + 10 + 3 (the restart counts from zero) + 4
	if got := fx.Increase("c_total{}", fx.Start, fx.End); got != 22 {
		t.Errorf("Increase = %v, want 22", got)
	}
	if got := fx.Rate("c_total{}", fx.End, 2*time.Second); got != 3.5 {
		t.Errorf("Rate over the last 2 s = %v, want (3+4)/2 = 3.5", got)
	}
}

func TestEncoders(t *testing.T) {
	start := time.UnixMilli(1_800_000_000_000)
	fx := &Fixture{Start: start, End: start.Add(30 * time.Second), Step: 15 * time.Second, Series: []Series{
		{Name: "a_total", Type: Counter, Help: "A\nhelp.", Labels: map[string]string{"z": "1", "b": `q"\`},
			Value: func(t time.Time) (float64, bool) { return float64(t.Sub(start) / time.Second), true }},
		{Name: "g", Type: Gauge, Value: func(t time.Time) (float64, bool) {
			if t.Equal(start) {
				return math.NaN(), true
			}
			return 0.1, !t.Equal(start.Add(15 * time.Second))
		}},
	}}
	var om, imp bytes.Buffer
	if err := fx.WriteOpenMetrics(&om); err != nil {
		t.Fatal(err)
	}
	if err := fx.WriteImport(&imp); err != nil {
		t.Fatal(err)
	}
	wantOM := `# HELP a A\nhelp.
# TYPE a counter
a_total{b="q\"\\",z="1"} 0 1800000000.000
a_total{b="q\"\\",z="1"} 15 1800000015.000
a_total{b="q\"\\",z="1"} 30 1800000030.000
# TYPE g gauge
g NaN 1800000000.000
g 0.1 1800000030.000
# EOF
`
	if om.String() != wantOM {
		t.Errorf("OpenMetrics:\n%s\nwant:\n%s", om.String(), wantOM)
	}
	wantImp := `a_total{b="q\"\\",z="1"} 0 1800000000000
a_total{b="q\"\\",z="1"} 15 1800000015000
a_total{b="q\"\\",z="1"} 30 1800000030000
g NaN 1800000000000
g 0.1 1800000030000
`
	if imp.String() != wantImp {
		t.Errorf("import:\n%s\nwant:\n%s", imp.String(), wantImp)
	}
	if n := fx.SampleCount(); n != 5 {
		t.Errorf("SampleCount = %d, want 5", n)
	}
}

func TestValidateRejectsWhatTheEncodersCannotWrite(t *testing.T) {
	start := time.Unix(1_800_000_000, 0)
	g := func(time.Time) (float64, bool) { return 1, true }
	cases := []struct {
		name string
		fx   *Fixture
	}{
		{"a start off the step grid", &Fixture{Start: start.Add(time.Second), End: start.Add(16 * time.Second), Step: 15 * time.Second}},
		{"a sub-millisecond step", &Fixture{Start: start, End: start, Step: time.Microsecond}},
		{"a counter without _total", &Fixture{Start: start, End: start, Step: time.Second, Series: []Series{{Name: "c", Type: Counter, Value: g}}}},
		{"a duplicate series", &Fixture{Start: start, End: start, Step: time.Second, Series: []Series{{Name: "g", Type: Gauge, Value: g}, {Name: "g", Type: Gauge, Value: g}}}},
	}
	for _, c := range cases {
		if err := c.fx.Validate(); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

func TestNewBench(t *testing.T) {
	f := NewBench(testNow, 1, 3, time.Hour)
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(f.Series) != 3 || f.SampleCount() != 3*241 {
		t.Errorf("%d series, %d samples; want 3 and 3·241", len(f.Series), f.SampleCount())
	}
	var b bytes.Buffer
	_ = f.WriteImport(&b)
	sc := bufio.NewScanner(&b)
	sc.Scan()
	if !strings.HasPrefix(sc.Text(), `ce_bench_gauge{instance="i000",job="claude-enhancer-bench"} `) {
		t.Errorf("first line %q", sc.Text())
	}
}

func TestMissingBinaryFailsWithTheInstallCommand(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := lookBinary("prometheus")
	want := "prometheus not found on PATH: apt-get install -y prometheus, or run go test -short to skip integration tests"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
	if _, err := startVictoriaMetrics(t.TempDir(), &NewDefault(testNow, 1).Fixture); err == nil || !strings.Contains(err.Error(), "apt-get install -y victoria-metrics") {
		t.Errorf("startVictoriaMetrics without the binary: %v", err)
	}
}
