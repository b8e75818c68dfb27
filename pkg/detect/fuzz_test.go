package detect

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"
	"time"
)

// series decodes fuzz bytes into float64s (any bit pattern: NaN, ±Inf,
// subnormals, huge values).
func series(b []byte) []float64 {
	xs := make([]float64, 0, len(b)/8)
	for len(b) >= 8 {
		xs = append(xs, math.Float64frombits(binary.LittleEndian.Uint64(b)))
		b = b[8:]
	}
	return xs
}

// maxFuzzPoints bounds the series a fuzz input may decode to: the work per
// input is bounded by its data, never by its options.
const maxFuzzPoints = 2048

// detectorAlloc bounds what running a detector on n points may allocate,
// whatever its options: fixed state plus a few hundred bytes per point
// (verdicts, bands, rings that grow with the points seen).
func detectorAlloc(n int) uint64 { return 1<<20 + 1024*uint64(n) }

func FuzzDetectors(f *testing.F) {
	seed := make([]byte, 0, 8*64)
	for i := range 64 {
		seed = binary.LittleEndian.AppendUint64(seed, math.Float64bits(float64(i%7)))
	}
	f.Add(seed, uint8(0), 4, 3, 2, 0, 0)
	f.Add(binary.LittleEndian.AppendUint64(seed, math.Float64bits(math.NaN())), uint8(3), 4, 3, 2, 2, 3)
	// testdata/fuzz/FuzzDetectors holds lengths far beyond the series: each
	// once sized a buffer up front.
	f.Fuzz(func(t *testing.T, b []byte, m uint8, window, season, seasons, persistK, persistN int) {
		xs := series(b)
		if len(xs) > maxFuzzPoints {
			t.Skip()
		}
		opts := allMethods()
		o := opts[int(m)%len(opts)]
		o.Window, o.Season, o.Seasons, o.Persistence = window, season, seasons, Persistence{K: persistK, N: persistN}
		if err := o.Validate(); err != nil {
			if !errors.Is(err, ErrWindow) && !errors.Is(err, ErrSeason) && !errors.Is(err, ErrParameter) {
				t.Fatalf("%+v: unnamed error %v", o, err)
			}
			return
		}
		var pts []Point
		if got := allocated(func() {
			d, err := newDetector(o)
			if err != nil {
				t.Fatal(err)
			}
			pts = make([]Point, len(xs))
			for i, x := range xs {
				pts[i] = d.Step(x)
			}
			Events(pts, o)
			if _, err := Run(xs, o); err != nil && !errors.Is(err, ErrSeason) {
				t.Fatal(err)
			}
		}); got > detectorAlloc(len(xs)) {
			t.Fatalf("%+v on %d points allocated %d bytes", o, len(xs), got)
		}
		for i, x := range xs {
			p := pts[i]
			// Documented rule: Score is NaN (gap, warm-up, non-finite
			// arithmetic) or ≥ 0, possibly +Inf; Anomaly implies Score > 1.
			if p.Score < 0 || (p.Anomaly && !(p.Score > 1)) {
				t.Fatalf("point %d (%v): %+v", i, x, p)
			}
			if math.IsNaN(x) && (!math.IsNaN(p.Score) || p.Anomaly) {
				t.Fatalf("gap %d scored %+v", i, p)
			}
		}
		if len(xs) >= 3 {
			_, _ = Welch(xs[:len(xs)/2], xs[len(xs)/2:])
			_, _ = RatioChange(xs[:1], xs[1:])
			ts := make([]float64, len(xs))
			for i := range ts {
				ts[i] = float64(i)
			}
			if l, err := FitLinear(ts, xs); err == nil {
				l.Predict(float64(len(xs)+3), 0.9)
				l.TimeToThreshold(xs[0], float64(len(xs)), 0.9)
			}
		}
		if c, err := NewCUSUM(window, 0.5, 5); err == nil {
			if got := allocated(func() {
				for _, x := range xs {
					c.Step(x)
				}
			}); got > detectorAlloc(len(xs)) {
				t.Fatalf("CUSUM of window %d on %d points allocated %d bytes", window, len(xs), got)
			}
		}
	})
}

func FuzzNAB(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
	f.Fuzz(func(t *testing.T, b []byte) {
		d, _ := NewNAB(NABOptions{Window: 5, MinPoints: 3, Novelty: 4})
		t0 := time.Unix(0, 0)
		for i, x := range series(b) {
			// Irregular, sometimes repeated timestamps.
			s := d.Step(t0.Add(time.Duration(i*i%97)*time.Hour), x)
			if !(s >= 0 && s <= 1) {
				t.Fatalf("score %d = %v outside [0, 1]", i, s)
			}
		}
	})
}
