package detect

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// NABOptions configure the NAB detector. Zero fields take the defaults in
// brackets; the defaults are the configuration reported for the benchmark.
type NABOptions struct {
	Window    int             // baseline window of every channel, points [400]
	MinPoints int             // points a baseline needs before it is used [60]
	Novelty   int             // memory of past surprises, points [400]
	Floor     float64         // surprise (robust |z|) a point must exceed to be novel [3]
	Periods   []time.Duration // seasonal periods [24h, 168h]
	Seasons   int             // seasons medianed per period [3]
	// Spatial is the range tolerance, as a fraction of the range of the
	// values seen so far: a value beyond it is a new extreme [0.05; < 0: off].
	Spatial float64
	// Pattern is the KNN-CAD score of the recent pattern (knn.go): its
	// embedding length [19; < 0: off], neighbours [27] and training and
	// calibration size [750].
	Pattern, Neighbours, Reference int
	// Rest is how many points a score is remembered for: a point scoring
	// below the highest raw score of the previous Rest points reports 0
	// [150; < 0: off].
	Rest int
}

func (o NABOptions) withDefaults() NABOptions {
	if o.Window == 0 {
		o.Window = 400
	}
	if o.MinPoints == 0 {
		o.MinPoints = 60
	}
	if o.Novelty == 0 {
		o.Novelty = 400
	}
	if o.Floor == 0 {
		o.Floor = 3
	}
	if o.Periods == nil {
		o.Periods = []time.Duration{24 * time.Hour, 7 * 24 * time.Hour}
	}
	if o.Seasons == 0 {
		o.Seasons = 3
	}
	if o.Spatial == 0 {
		o.Spatial = 0.05
	}
	if o.Pattern == 0 {
		o.Pattern = 19
	}
	if o.Neighbours == 0 {
		o.Neighbours = 27
	}
	if o.Reference == 0 {
		o.Reference = 750
	}
	if o.Rest == 0 {
		o.Rest = 150
	}
	return o
}

// NAB is the benchmark configuration of this package: one score in [0, 1]
// per point, streaming, from six pieces.
//
//  1. Baselines (channels), each leave-current-out with a robust scale:
//     the level (median and 1.4826·MAD of the last Window points), and per
//     seasonal period P the same-phase reference ŷ = median of the values
//     at t − P, …, t − kP (by timestamp, so irregular sampling is fine)
//     with the robust scale of the last Window residuals x − ŷ.
//  2. Model selection: the channel whose residual scale σ̂ is smallest (the
//     one that currently predicts best) supplies the surprise s = |x − ŷ|/σ̂.
//     A seasonal series is judged against its season, a flat one against its
//     level, with no per-series switch.
//  3. Novelty: r = s / max(Floor, max of s over the previous Novelty points),
//     score = r/(1 + r). A point scores above ½ only when it is both
//     significant (s > Floor) and more surprising than anything in the recent
//     past, so a recurring pattern (daily spikes, a noisy plateau) stops
//     alarming after its first occurrence and one incident yields one
//     detection at its onset rather than one per point.
//  4. Range: once Window values have been seen, a value beyond the range
//     of all values so far by more than Spatial of its width scores at least
//     0.99. This is the "spatial anomaly" rule of Numenta's NAB detector
//     (numenta_detector.py, tolerance 0.05, the value used here): a jump to
//     a new extreme is news even when the robust scale, inflated by an
//     earlier incident or a noisy regime, calls it unremarkable. (A slow
//     drift widens the range as it goes and is not caught by this rule.)
//  5. Pattern: KNN-CAD (knn.go) with its published dim 19 and k 27 and a
//     reference of 750 points, the longest NAB probationary period, which
//     is what the published detector trains and calibrates on. With
//     ρ = α_t / max(calibration α), the novelty of the last Pattern values
//     as a shape (no value need be extreme, a cycle that changes form or
//     a level that holds where it should oscillate), the score is at least
//     √ρ/(1 + √ρ): the square root makes the squared Mahalanobis distance
//     a distance, as s is, and ρ > 1 (a pattern less conforming than every
//     one of the last 750) crosses ½ like r > 1 does. Silent for the first
//     Pattern − 1 + Reference points.
//  6. Rest: a score lower than the highest of the previous Rest points'
//     reports 0 (non-maximum suppression). An excursion is reported at its
//     first point above any threshold and not again until it outscores
//     itself; that first point is never suppressed, since whatever beat it
//     within Rest points would have been above the threshold too. The 150 points are
//     the rest period of both NAB detectors that have one (KNN-CAD and
//     CAD OSE: a fifth of the 750-point probationary period), here without
//     their fixed trigger level, so no score level is built in.
//
// The score at t uses only points up to t. Warm-up, NaN and ±Inf points
// score 0; NaN points are gaps and do not enter any baseline. O(log w) per
// point plus memmoves of ≤ w floats, plus the pattern's O(Reference·Pattern);
// the seasonal history keeps k·max(P).
type NAB struct {
	o      NABOptions
	level  *SortedWindow
	resid  []*SortedWindow // per period
	hist   history
	recent *RollingMax
	refs   []float64
	knn    *KNNCAD     // nil when off
	rest   *RollingMax // nil when off
	lo, hi float64     // range of the values seen
	seen   int
}

// NewNAB builds the NAB configuration; errors for a window or novelty < 2,
// a floor ≤ 0, or a non-positive period.
func NewNAB(o NABOptions) (*NAB, error) {
	o = o.withDefaults()
	if o.Window < 2 || o.Novelty < 2 || o.MinPoints < 2 {
		return nil, fmt.Errorf("%w: window %d, novelty %d, min points %d", ErrWindow, o.Window, o.Novelty, o.MinPoints)
	}
	if !(o.Floor > 0) || math.IsInf(o.Floor, 0) {
		return nil, fmt.Errorf("%w: floor %v", ErrThreshold, o.Floor)
	}
	if o.Seasons < 1 {
		return nil, fmt.Errorf("%w: seasons %d", ErrSeason, o.Seasons)
	}
	var keep time.Duration
	for _, p := range o.Periods {
		if p <= 0 {
			return nil, fmt.Errorf("%w: period %v", ErrSeason, p)
		}
		keep = max(keep, p*time.Duration(o.Seasons))
	}
	n := &NAB{o: o, hist: history{keep: keep}}
	n.level, _ = NewSortedWindow(o.Window)
	for range o.Periods {
		w, _ := NewSortedWindow(o.Window)
		n.resid = append(n.resid, w)
	}
	n.recent, _ = NewRollingMax(o.Novelty)
	if o.Pattern > 0 {
		k, err := NewKNNCAD(o.Pattern, o.Neighbours, o.Reference)
		if err != nil {
			return nil, err
		}
		n.knn = k
	}
	if o.Rest > 0 {
		n.rest, _ = NewRollingMax(o.Rest)
	}
	return n, nil
}

// Step scores the point (t, x) in [0, 1] and then learns it.
func (n *NAB) Step(t time.Time, x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return n.gap()
	}
	extreme := n.newExtreme(x)
	pattern := math.NaN()
	if n.knn != nil {
		_, pattern = n.knn.Step(x)
	}
	s, best := n.z(n.level, x)
	n.level.Push(x)
	for i, p := range n.o.Periods {
		ref := n.seasonalRef(t, p)
		if math.IsNaN(ref) {
			continue
		}
		if z, sigma := n.z(n.resid[i], x-ref); sigma < best {
			s, best = z, sigma
		}
		n.resid[i].Push(x - ref)
	}
	n.hist.add(t, x)
	if math.IsNaN(s) {
		return n.gap()
	}
	past := n.recent.Max()
	n.recent.Push(s)
	r := s / math.Max(past, n.o.Floor)
	score := r / (1 + r)
	if !math.IsNaN(pattern) { // α is a squared distance: √ puts it in z units
		score = math.Max(score, 1-1/(1+math.Sqrt(pattern))) // +Inf → 1
	}
	if extreme {
		score = math.Max(score, 0.99)
	}
	if n.rest != nil {
		past := n.rest.Max()
		n.rest.Push(score)
		if score < past {
			return 0
		}
	}
	return score
}

// gap scores a point without a surprise (a gap or the warm-up) 0; it still
// takes its slot in the memories, which count points.
func (n *NAB) gap() float64 {
	n.recent.Push(math.NaN())
	if n.rest != nil {
		n.rest.Push(math.NaN())
	}
	return 0
}

// newExtreme reports whether x lies beyond the range of the values seen so
// far by more than Spatial of its width (never before Window values, nor
// for a constant history), then widens the range by x.
func (n *NAB) newExtreme(x float64) bool {
	out := false
	if n.seen == 0 {
		n.lo, n.hi = x, x
	} else if n.seen >= n.o.Window && n.o.Spatial > 0 && n.hi > n.lo {
		tol := n.o.Spatial * (n.hi - n.lo)
		out = x > n.hi+tol || x < n.lo-tol
	}
	n.lo, n.hi = math.Min(n.lo, x), math.Max(n.hi, x)
	n.seen++
	return out
}

// z is the robust |z| of x against w and w's scale; NaN and +Inf scale while
// w has fewer than MinPoints values. A zero scale gives |z| = 0 for x on the
// median and 1e6 otherwise (finite, so that ratios stay defined).
func (n *NAB) z(w *SortedWindow, x float64) (z, sigma float64) {
	if w.Len() < min(n.o.MinPoints, n.o.Window) {
		return math.NaN(), math.Inf(1)
	}
	m, sigma := w.Median(), w.Sigma()
	dev := math.Abs(x - m)
	switch {
	case dev == 0:
		return 0, sigma
	case sigma == 0:
		return 1e6, sigma
	}
	return math.Min(dev/sigma, 1e6), sigma
}

// seasonalRef is the median of the values at (the first sample at or after)
// t − jP for j = 1..Seasons; NaN when no season is in the history.
func (n *NAB) seasonalRef(t time.Time, p time.Duration) float64 {
	n.refs = n.refs[:0]
	for j := 1; j <= n.o.Seasons; j++ {
		if v, ok := n.hist.at(t.Add(-time.Duration(j) * p)); ok {
			n.refs = append(n.refs, v)
		}
	}
	if len(n.refs) == 0 {
		return math.NaN()
	}
	slices.Sort(n.refs)
	return median(n.refs)
}

// history is a time-indexed record of recent points, trimmed to keep.
// Timestamps are expected in non-decreasing order; a rewind (a DST repeat)
// only makes lookups near it approximate.
type history struct {
	keep  time.Duration
	times []time.Time
	vals  []float64
	start int // first live index
}

func (h *history) add(t time.Time, x float64) {
	h.times = append(h.times, t)
	h.vals = append(h.vals, x)
	for h.start < len(h.times) && t.Sub(h.times[h.start]) > h.keep+time.Hour {
		h.start++
	}
	if h.start > 1024 && 2*h.start > len(h.times) {
		h.times = slices.Delete(h.times, 0, h.start)
		h.vals = slices.Delete(h.vals, 0, h.start)
		h.start = 0
	}
}

// at returns the first value at or after t, if t lies within the history.
func (h *history) at(t time.Time) (float64, bool) {
	live := h.times[h.start:]
	if len(live) == 0 || !t.After(live[0]) {
		return 0, false
	}
	i, _ := slices.BinarySearchFunc(live, t, func(a, b time.Time) int { return a.Compare(b) })
	if i == len(live) {
		return 0, false
	}
	return h.vals[h.start+i], true
}
