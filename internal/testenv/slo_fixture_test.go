package testenv

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestSLOFixtureShape(t *testing.T) {
	f := NewSLO(testNow, 1)
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	all := f.AuthIDs(nil)
	bad := f.AuthIDs(func(s string) bool { return strings.HasPrefix(s, "5") })
	cases := []struct {
		name string
		ok   bool
	}{
		{"the fixture spans eight days ending on the hour", f.End.Sub(f.Start) == 8*24*time.Hour && f.End.Truncate(time.Hour).Equal(f.End)},
		{"ten auth series plus the late-born one", len(all) == 11 && len(bad) == 5},
		{"22 series in all", len(f.Series) == 22},
		{"the outage lasts five minutes", f.Outage.End.Sub(f.Outage.Start) == 5*time.Minute},
		{"the outage fails every request", f.Events(f.Outage.Start, f.Outage.End, bad...) == f.Events(f.Outage.Start, f.Outage.End, all...)},
		{"the late-born series counts its birth value", f.Events(f.LateBirth.Add(-f.Step), f.LateBirth, AuthLate) == f.LateBirthValue},
		{"idle counters count nothing", f.Events(f.Start, f.End, IdleOK, IdleFailed) == 0},
	}
	for _, c := range cases {
		if !c.ok {
			t.Error(c.name + ": false")
		}
	}
}

// The events of every counter are exactly what Increase (Prometheus'
// reading of the samples, resets included) finds, except a late-born
// series' birth value.
func TestSLOFixtureEventsMatchTheSamples(t *testing.T) {
	f := NewSLO(testNow, 1)
	for _, s := range f.Series {
		if _, ok := f.events[s.ID()]; !ok {
			continue
		}
		got := f.Increase(s.ID(), f.Start, f.End)
		want := f.Events(f.Start, f.End, s.ID())
		if s.ID() == AuthLate {
			want -= f.LateBirthValue
		}
		if got != want {
			t.Errorf("%s: samples increase by %v, events %v", s.ID(), got, want)
		}
	}
	// Buckets are cumulative in le.
	for _, ts := range f.Times()[:2000] {
		prev := -1.0
		for _, le := range SLOLes {
			v, _ := f.ValueAt(Bucket(le), ts)
			if v < prev {
				t.Fatalf("bucket le=%s at %v: %v < %v", le, ts, v, prev)
			}
			prev = v
		}
		if c, _ := f.ValueAt(HistogramCount, ts); c != prev {
			t.Fatalf("count %v != +Inf bucket %v", c, prev)
		}
	}
	if v, ok := f.ValueAt(UpAuth0, f.UpGap.End); ok || !math.IsNaN(v) && v != 0 {
		t.Errorf("up during the gap: %v %v", v, ok)
	}
}
