package detect

import (
	"math"
	"math/rand/v2"
	"testing"
)

// same is bit-for-bit equality, NaN equal to NaN.
func same(a, b float64) bool { return a == b || (a != a && b != b) }

func samePoint(a, b Point) bool {
	return same(a.Value, b.Value) && same(a.Yhat, b.Yhat) && same(a.Lower, b.Lower) &&
		same(a.Upper, b.Upper) && same(a.Score, b.Score) && a.Anomaly == b.Anomaly
}

// gappy is a seasonal series with level shifts, spikes, runs of NaN gaps,
// isolated ±Inf and a stretch of constant values.
func gappy(seed uint64, n int) []float64 {
	r := rand.New(rand.NewPCG(seed, 11))
	xs := daily(seed, n, 24)
	for i := range xs {
		switch u := r.Float64(); {
		case u < 0.03:
			xs[i] = math.NaN()
		case u < 0.035:
			xs[i] += 20 * r.NormFloat64()
		case u < 0.036:
			xs[i] = math.Inf(1 - 2*r.IntN(2))
		}
		if i > n/2 {
			xs[i] += 50
		}
	}
	for i := n / 3; i < n/3+100; i++ {
		xs[i] = 7
	}
	for i := 2 * n / 3; i < 2*n/3+30; i++ {
		xs[i] = math.NaN()
	}
	return xs
}

func TestBatchVerdictsEqualStreamingOnes(t *testing.T) {
	var cases []Options
	for _, o := range allMethods() {
		cases = append(cases, o)
		for _, d := range []Direction{Up, Down} {
			v := o
			v.Direction = d
			cases = append(cases, v)
		}
		v := o
		v.MinDeviation, v.Persistence = 0.5, Persistence{K: 2, N: 3}
		cases = append(cases, v)
	}
	for seed := range uint64(3) {
		xs := gappy(seed, 3000)
		for _, o := range cases {
			name := string(o.Method) + "/" + o.Direction.String()
			t.Run(name+" gives bit-identical verdicts from Step, Run and the column kernel", func(t *testing.T) {
				d, err := newDetector(o)
				if err != nil {
					t.Fatal(err)
				}
				run, err := Run(xs, o)
				if err != nil {
					t.Fatal(err)
				}
				cols, batched := columns(xs, o)
				for i, x := range xs {
					p := d.Step(x)
					if !samePoint(p, run[i]) {
						t.Fatalf("point %d (%v): Step %+v, Run %+v", i, x, p, run[i])
					}
					if batched && !samePoint(p, cols.Point(i, x)) {
						t.Fatalf("point %d (%v): Step %+v, column kernel %+v", i, x, p, cols.Point(i, x))
					}
				}
			})
		}
	}
}

// The rolling window recomputes its sums exactly every 4096 replacements
// and when the level moves far from its shift: the batch kernel and Step
// must do so at the same points, or their verdicts drift apart.
func TestZScoreBatchEqualsStreamingAcrossRecomputes(t *testing.T) {
	xs := noise(7, 20000)
	for i := range xs {
		switch {
		case i > 15000:
			xs[i] += 1e12 // a counter-sized jump: cancellation, then a recompute
		case i > 9000:
			xs[i] += 5e6
		}
		if i%997 == 0 {
			xs[i] = math.NaN()
		}
	}
	for _, w := range []int{2, 7, 60, 1000} {
		o := Options{Method: MethodZScore, Window: w}
		d, err := newDetector(o)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := columns(xs, o)
		recomputes := 0
		z := newZScore(w, band{k: 3})
		for i, x := range xs {
			if p := d.Step(x); !samePoint(p, cols.Point(i, x)) {
				t.Fatalf("w=%d point %d (%v): Step %+v, column kernel %+v", w, i, x, p, cols.Point(i, x))
			}
			before := z.roll.since
			z.Step(x)
			if z.roll.since < before {
				recomputes++
			}
		}
		if recomputes < 3 {
			t.Errorf("w=%d: %d recomputes, the test needs some", w, recomputes)
		}
	}
}
