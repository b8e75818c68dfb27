package detect

// Persistent flags a point only when it is outside the band and at least K of
// the last N verdicts (itself included) were outside the band, the "k of n"
// rule that cuts isolated false alarms (a Gaussian |z| > 3 fires on 0.27 % of
// points; requiring 2 of 3 brings that to about 2·10⁻⁵). Gaps and warm-up
// points count as inside. O(1) per point.
type Persistent struct {
	d      Detector
	k      int
	ring   []bool
	head   int
	active int
}

// NewPersistent wraps d; p.K ≤ 1 or p.N < p.K make it flag every outside point.
func NewPersistent(d Detector, p Persistence) *Persistent {
	n := max(p.N, 1)
	return &Persistent{d: d, k: p.K, ring: make([]bool, n)}
}

// Step returns d's verdict with Anomaly set by the k-of-n rule.
func (p *Persistent) Step(x float64) Point {
	pt := p.d.Step(x)
	out := pt.Score > 1
	if p.ring[p.head] {
		p.active--
	}
	p.ring[p.head] = out
	if out {
		p.active++
	}
	p.head = (p.head + 1) % len(p.ring)
	pt.Anomaly = out && p.active >= p.k
	return pt
}
