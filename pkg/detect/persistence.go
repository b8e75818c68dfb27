package detect

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

// kOfN is the k-of-n rule over a stream of outside/inside verdicts. Its
// ring of the last n verdicts grows with the verdicts pushed, so an n far
// beyond the series costs no more than the series.
type kOfN struct {
	k, n   int
	ring   []bool // the last min(n, pushed) verdicts; grows to n
	head   int
	active int // outside verdicts in ring
}

// push records one verdict and reports whether it is outside and at least k
// of the last n (itself included) were.
func (r *kOfN) push(out bool) bool {
	if len(r.ring) < r.n {
		r.ring = append(r.ring, out) // head == len(ring) until full
	} else {
		if r.ring[r.head] {
			r.active--
		}
		r.ring[r.head] = out
	}
	if out {
		r.active++
	}
	if r.head++; r.head == r.n {
		r.head = 0
	}
	return out && r.active >= r.k
}
