package slo

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/internal/kahan"
)

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"30d", "1h30m", "2w", "1m500ms", "0", "", "1h1h", "5m1h", "99999999999999999d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			return
		}
		if d < 0 {
			t.Fatalf("%q parsed to a negative %v", s, d)
		}
		back, err := ParseDuration(FormatDuration(d))
		if err != nil || back != d {
			t.Fatalf("%q → %v → %q → %v, %v", s, d, FormatDuration(d), back, err)
		}
	})
}

func FuzzMatchBucket(f *testing.F) {
	f.Add("0.1,0.2,0.5,+Inf", 0.2)
	f.Add("1.0,2e-1,NaN,x", 1.0)
	f.Add("", 0.0)
	f.Fuzz(func(t *testing.T, list string, threshold float64) {
		les := strings.Split(list, ",")
		got, err := MatchBucket(les, threshold)
		parses := func(s string) bool {
			v, perr := strconv.ParseFloat(strings.TrimSpace(s), 64)
			return perr == nil && v == threshold
		}
		if err == nil {
			if !parses(got) {
				t.Fatalf("matched %q for %v", got, threshold)
			}
			return
		}
		for _, le := range les {
			if parses(le) {
				t.Fatalf("missed %q for %v: %v", le, threshold, err)
			}
		}
	})
}

func FuzzParseCatalog(f *testing.F) {
	seed, _ := json.Marshal(seedCatalog(f))
	f.Add(seed)
	f.Add([]byte(`[{"id":"a","sli":{"kind":"ratio","good":"g","total":"t"},"objective":0.99,"window":{"kind":"calendar","unit":"week"}}]`))
	f.Add([]byte(`[{"id":"a","window":"1x"}]`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseCatalog(data)
		if err != nil {
			return
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		c2, err := ParseCatalog(b)
		if err != nil {
			t.Fatalf("a valid catalog did not survive a round trip: %v\n%s", err, b)
		}
		b2, _ := json.Marshal(c2)
		if string(b) != string(b2) {
			t.Fatalf("round trip changed:\n%s\n%s", b, b2)
		}
	})
}

// floats decodes data as a sequence of small non-negative numbers, with NaN
// for a marker byte.
func floats(data []byte) []float64 {
	out := make([]float64, 0, len(data))
	for _, b := range data {
		if b == 0xff {
			out = append(out, math.NaN())
			continue
		}
		out = append(out, float64(b))
	}
	return out
}

func FuzzLedgerTally(f *testing.F) {
	f.Add([]byte{10, 9, 255, 0, 4, 8, 7, 7}, uint16(1), uint16(3))
	f.Fuzz(func(t *testing.T, data []byte, a, b uint16) {
		vals := floats(data)
		n := len(vals) / 2
		e := Events{Start: t0, Step: time.Minute, Good: vals[:n], Total: vals[n : 2*n]}
		l, err := NewLedger(e)
		if err != nil {
			t.Fatal(err)
		}
		i, j := int(a)%(n+1), int(b)%(n+1)
		from, to := t0.Add(time.Duration(i)*time.Minute), t0.Add(time.Duration(j)*time.Minute)
		got := l.Tally(from, to)
		var good, total kahan.Sum
		present := 0
		for k := i; k < j; k++ {
			g, tt := e.Good[k], e.Total[k]
			if math.IsNaN(g) || math.IsNaN(tt) {
				continue
			}
			good.Add(math.Min(g, tt))
			total.Add(tt)
			present++
		}
		if got.Present != present || math.Abs(got.Total-total.Value()) > 1e-9 || math.Abs(got.Good-good.Value()) > 1e-9 {
			t.Fatalf("Tally(%d, %d) = %+v, want good %v total %v present %d", i, j, got, good.Value(), total.Value(), present)
		}
		if got.Good > got.Total || got.Bad < 0 {
			t.Fatalf("inconsistent tally %+v", got)
		}
		if sli := got.SLI(); !math.IsNaN(sli) && (sli < 0 || sli > 1) {
			t.Fatalf("SLI %v", sli)
		}
	})
}

func FuzzAvailabilityEvents(f *testing.F) {
	f.Add([]byte{1, 1, 255, 0, 1}, uint32(60_000), uint32(15_000), true)
	f.Add([]byte{255, 255, 1}, uint32(300_000), uint32(40_000), false)
	f.Fuzz(func(t *testing.T, data []byte, stepMs, intervalMs uint32, down bool) {
		step := time.Duration(stepMs%3_600_000+1000) * time.Millisecond
		interval := time.Duration(intervalMs%600_000+1000) * time.Millisecond
		vals := floats(data)
		times := make([]int64, len(vals))
		for i := range vals {
			times[i] = t0.Add(time.Duration(i+1) * interval).UnixMilli()
			if !math.IsNaN(vals[i]) {
				vals[i] = float64(int(vals[i])%3) / 2 // 0, ½ or 1 of the targets up
			}
		}
		policy := GapsIgnored
		if down {
			policy = GapsAsDown
		}
		g := Grid{Start: t0, Step: step, N: 40}
		e, err := AvailabilityEvents(times, vals, interval, g, policy)
		if err != nil {
			t.Fatal(err)
		}
		for k := range e.Total {
			if math.IsNaN(e.Total[k]) {
				continue
			}
			if e.Good[k] < 0 || e.Good[k] > e.Total[k]+1e-9 || e.Total[k] > step.Seconds()+1e-9 || e.Total[k] <= 0 {
				t.Fatalf("bucket %d: %v up of %v (step %v)", k, e.Good[k], e.Total[k], step)
			}
		}
	})
}
