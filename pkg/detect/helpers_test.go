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

// The point-by-point reference of RunBands' persistence filter, against
// which the column form is checked.

// streaming wraps a bare detector for point-by-point use: in the
// persistence filter when p asks for one, and in flagger.
func streaming(d Detector, p Persistence) Detector {
	if p.K > 1 {
		d = NewPersistent(d, p)
	}
	return flagger{d}
}

// flagger sets Anomaly from Score for detectors that leave it to the caller.
type flagger struct{ d Detector }

func (f flagger) Step(x float64) Point {
	p := f.d.Step(x)
	if _, ok := f.d.(*Persistent); !ok {
		p.Anomaly = p.Score > 1
	}
	return p
}

// Persistent flags a point only when it is outside the band and at least K of
// the last N verdicts (itself included) were outside the band, the "k of n"
// rule that cuts isolated false alarms (a Gaussian |z| > 3 fires on 0.27 % of
// points; requiring 2 of 3 brings that to about 2·10⁻⁵). Gaps and warm-up
// points count as inside. O(1) per point.
type Persistent struct {
	d    Detector
	rule kOfN
}

// NewPersistent wraps d; p.K ≤ 1 or p.N < p.K make it flag every outside point.
func NewPersistent(d Detector, p Persistence) *Persistent {
	return &Persistent{d: d, rule: kOfN{k: p.K, n: max(p.N, 1)}}
}

// Step returns d's verdict with Anomaly set by the k-of-n rule.
func (p *Persistent) Step(x float64) Point {
	pt := p.d.Step(x)
	out := pt.Score > 1
	pt.Anomaly = p.rule.push(out)
	return pt
}

// Events groups contiguous Anomaly points of pts (the output of Run with
// options o) into events, in order. A gap (NaN value) ends an event. The
// values needed for References are read from pts' Value fields.
func Events(pts []Point, o Options) []Event {
	var xs []float64 // the values, for References
	if o.WithDefaults().seasonal() {
		xs = make([]float64, len(pts))
		for j, p := range pts {
			xs[j] = p.Value
		}
	}
	return events(len(pts), func(i int) Point { return pts[i] }, xs, o)
}

// Run applies a fresh detector built from o to xs and returns one verdict per
// point: RunBands in row form. It is a pure function: Run(xs[:i], o) is a
// prefix of Run(xs, o). Options errors, and a season longer than half of
// xs, are returned as such.
func Run(xs []float64, o Options) ([]Point, error) {
	b := MakeBands(len(xs))
	if err := RunBands(xs, o, b); err != nil {
		return nil, err
	}
	out := make([]Point, len(xs))
	for i, x := range xs {
		out[i] = b.Point(i, x)
	}
	return out, nil
}
