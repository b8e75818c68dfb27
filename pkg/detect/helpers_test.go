package detect

import (
	"math"
	"math/rand/v2"
)

// noise returns n values of a seeded N(0,1) stream.
func noise(seed uint64, n int) []float64 {
	r := rand.New(rand.NewPCG(seed, 7))
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = r.NormFloat64()
	}
	return xs
}

// daily returns n points of a period-p sine plus seeded noise of sd 0.1.
func daily(seed uint64, n, p int) []float64 {
	xs := noise(seed, n)
	for i := range xs {
		xs[i] = 10 + 5*math.Sin(2*math.Pi*float64(i)/float64(p)) + 0.1*xs[i]
	}
	return xs
}

func near(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	if math.IsInf(a, 0) || math.IsInf(b, 0) {
		return a == b
	}
	return math.Abs(a-b) <= tol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// allMethods are option sets covering every detector.
func allMethods() []Options {
	return []Options{
		{Method: MethodZScore, Window: 20},
		{Method: MethodRobust, Window: 20},
		{Method: MethodEWMA, Window: 20, Alpha: 0.2},
		{Method: MethodSeasonal, Window: 20, Season: 24, Seasons: 2},
		{Method: MethodHoltWinters, Season: 24},
	}
}

// newDetector is the streaming detector Run steps through when it cannot use
// a column kernel: o validated and defaulted, in the persistence filter when
// o asks for one.
func newDetector(o Options) (Detector, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	o = o.WithDefaults()
	return streaming(newBase(o), o.Persistence), nil
}

// columns runs the column kernel of o's detector over xs, as Run does for
// detectors that have one; ok is false for those that do not, or when o
// asks for persistence (Run then steps point by point).
func columns(xs []float64, o Options) (out Bands, ok bool) {
	o = o.WithDefaults()
	k, ok := newBase(o).(batcher)
	if !ok || o.Persistence.K > 1 {
		return Bands{}, false
	}
	out = MakeBands(len(xs))
	k.batch(xs, out)
	return out, true
}
