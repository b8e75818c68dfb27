package detect

import (
	"math"
	"math/rand/v2"
	"testing"
)

// finishColumns draws the sums S and Q of a 60-point window about a shift,
// and a value, per point, from ordinary values and every edge finish has a
// rule for: gaps, ±Inf points, zero and rounding-negative M2, x equal to
// the centre or off by rounding, signed zeros, huge levels.
func finishColumns(seed uint64, n int) (xs, sums, squares []float64, m moments) {
	r := rand.New(rand.NewPCG(seed, 5))
	pick := func(vals ...float64) float64 { return vals[r.IntN(len(vals))] }
	const w = 60
	m = moments{shift: pick(0, 5, -1e12), invw: 1.0 / w, invwm1: 1.0 / (w - 1)}
	xs, sums, squares = make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		c := pick(100*r.NormFloat64(), 0, math.Copysign(0, -1), 1e15, m.shift, 3)
		v := pick(r.ExpFloat64(), r.ExpFloat64(), 0, 1e-30, -1e-9)
		sums[i] = pick((c-m.shift)*w, (c-m.shift)*w, math.NaN())
		squares[i] = v*(w-1) + sums[i]*sums[i]/w
		xs[i] = pick(c+r.NormFloat64()*math.Sqrt(math.Abs(v))*4, c, c*(1+1e-15), math.Inf(1), math.Inf(-1), 0)
		if math.IsNaN(sums[i]) {
			xs[i] = math.NaN()
		}
	}
	return xs, sums, squares, m
}

func TestVectorFinishIsBitIdenticalToGo(t *testing.T) {
	if !hasAVX2 {
		t.Skip("no vector finish on this CPU or build")
	}
	for seed := range uint64(20) {
		xs, sums, squares, m := finishColumns(seed, 1003)
		for _, b := range []band{{k: 3}, {k: 0.5, floor: 0.5}, {k: 3, dir: Up}, {k: 3, dir: Down, floor: 2}} {
			vec, ref := MakeBands(len(xs)), MakeBands(len(xs))
			for _, o := range []Bands{vec, ref} {
				copy(o.Yhat, sums)
				copy(o.Score, squares)
			}
			n := b.finishVector(xs, vec, m)
			if n != 1000 {
				t.Fatalf("vector finish took %d of 1003 points, want 1000", n)
			}
			b.finishGo(xs[n:], vec.slice(n, len(xs)), m)
			b.finishGo(xs, ref, m)
			for i := range xs {
				got, want := vec.Point(i, xs[i]), ref.Point(i, xs[i])
				if !bitIdentical(got, want) {
					t.Fatalf("seed %d band %+v point %d (x %v, S %v, Q %v): vector %+v, Go %+v", seed, b, i, xs[i], sums[i], squares[i], got, want)
				}
			}
		}
	}
}

func bitIdentical(a, b Point) bool {
	eq := func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }
	return eq(a.Yhat, b.Yhat) && eq(a.Lower, b.Lower) && eq(a.Upper, b.Upper) && eq(a.Score, b.Score) && a.Anomaly == b.Anomaly
}

func TestInfinitePointScoresInfinity(t *testing.T) {
	xs := daily(1, 200, 24)
	xs[150], xs[170] = math.Inf(1), math.Inf(-1)
	for _, o := range allMethods() {
		ps, err := Run(xs, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range []int{150, 170} {
			if p := ps[i]; !math.IsNaN(p.Yhat) && (!math.IsInf(p.Score, 1) || !p.Anomaly) {
				t.Errorf("%s: point %d = %v scored %v (anomaly %v), want +Inf", o.Method, i, xs[i], p.Score, p.Anomaly)
			}
		}
	}
}
