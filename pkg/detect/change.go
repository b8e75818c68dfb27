package detect

import (
	"fmt"
	"math"

	"github.com/claudeenhancer/monitoring/pkg/internal/kahan"
)

// RatioChange is the seed's trend-change statistic, kept for compatibility:
//
//	r = |μ_after − μ_before| / |μ_before|
//
// It is NOT a statistical test (by simulation: on Poisson(2) noise with 5
// points per side it exceeds 0.5 in a quarter of windows, and a 10σ shift at
// level 1000 gives 0.1); use Welch or CUSUM to decide, and this ratio as a
// practical-significance gate. Zero-safe: μ_before = 0 gives 0 when μ_after
// is 0 too and +Inf otherwise. NaN values are skipped; a side with no value
// is ErrShortSeries.
func RatioChange(before, after []float64) (float64, error) {
	mb, nb := nanMeanCount(before)
	ma, na := nanMeanCount(after)
	if nb == 0 || na == 0 {
		return math.NaN(), fmt.Errorf("%w: ratio needs a value on each side (got %d and %d)", ErrShortSeries, nb, na)
	}
	d := math.Abs(ma - mb)
	if mb == 0 {
		if d == 0 {
			return 0, nil
		}
		return math.Inf(1), nil
	}
	return d / math.Abs(mb), nil
}

// WelchResult is a two-sample comparison of the means of "before" and "after".
type WelchResult struct {
	Before, After float64 // sample means
	Diff          float64 // After − Before (value units): the change size
	T             float64 // Welch's t statistic
	DF            float64 // Welch–Satterthwaite degrees of freedom
	P             float64 // two-sided p-value
	// Effect is Cohen's d with the average variance,
	// (After − Before)/√((s²_b + s²_a)/2): the shift in standard deviations.
	Effect float64
}

// Welch compares the two samples with Welch's unequal-variance t-test:
//
//	t = (x̄_a − x̄_b)/√(s²_a/n_a + s²_b/n_b)
//	ν = (s²_a/n_a + s²_b/n_b)² / ((s²_a/n_a)²/(n_a−1) + (s²_b/n_b)²/(n_b−1))
//
// NaN values are skipped; each side needs two values (ErrShortSeries).
// Both sides constant: t = ±Inf and P = 0 when the means differ, t = 0 and
// P = 1 when they do not. Autocorrelated data inflate |t|: test block means
// or use CUSUM on such series.
func Welch(before, after []float64) (WelchResult, error) {
	mb, vb, nb := nanMeanVar(before)
	ma, va, na := nanMeanVar(after)
	if nb < 2 || na < 2 {
		return WelchResult{}, fmt.Errorf("%w: Welch needs 2 values on each side (got %d and %d)", ErrShortSeries, nb, na)
	}
	r := WelchResult{Before: mb, After: ma, Diff: ma - mb}
	qb, qa := vb/float64(nb), va/float64(na)
	se := math.Sqrt(qb + qa)
	if se == 0 {
		r.DF = float64(nb + na - 2)
		if r.Diff == 0 {
			r.P = 1
		} else {
			r.T, r.Effect = math.Copysign(math.Inf(1), r.Diff), math.Copysign(math.Inf(1), r.Diff)
		}
		return r, nil
	}
	r.T = r.Diff / se
	r.DF = (qb + qa) * (qb + qa) / (qb*qb/float64(nb-1) + qa*qa/float64(na-1))
	r.P = 2 * StudentTSF(math.Abs(r.T), r.DF)
	r.Effect = r.Diff / math.Sqrt((vb+va)/2)
	return r, nil
}

// Change is a level change reported by CUSUM.
type Change struct {
	At        int       // index of the point that raised the alarm
	Start     int       // estimated change point τ̂: first point of the run that alarmed
	Direction Direction // Up or Down
	Size      float64   // estimated shift: mean of (x − μ₀) over τ̂..At, value units
	Baseline  float64   // μ₀, the in-control level
	Scale     float64   // σ₀, the in-control robust σ
}

// CUSUM is Page's two-sided cumulative-sum change detector (Page,
// "Continuous Inspection Schemes", Biometrika 41, 1954; the tabular form of
// Montgomery, Introduction to Statistical Quality Control, ch. 9):
//
//	z_t = (x_t − μ₀)/σ₀,  S⁺ = max(0, S⁺ + z − k),  S⁻ = max(0, S⁻ − z − k)
//	alarm when S⁺ > h or S⁻ > h
//
// μ₀ and σ₀ are the median and robust σ (scaled MAD) of the last w points
// before x (leave-current-out). Every point enters the reference: median and
// MAD are robust to the few shifted points a run holds before it alarms, and
// learning only from points with both sums at 0 would keep the large ones
// out and bias σ₀ low. k = δ/2 detects a shift of δσ; h = 5 gives an
// in-control run length of about 465 points and about 10 points to detect a
// 1σ shift. After an alarm the sums restart and the reference moves to the
// new level (see reseed), so a real shift right after a false alarm is still
// seen. Verdicts start once the reference holds max(5, w/4) points. NaN
// points are gaps. O(log w) per point, O(w) after an alarm.
type CUSUM struct {
	k, h       float64
	ref        *SortedWindow
	recent     []float64 // the last w values, in arrival order (ring)
	head       int
	w, minRef  int
	pos, neg   float64
	start      int // index where the current positive/negative run began
	startN     int
	sumP, sumN float64 // Σ(x − μ₀) over the runs
	i          int
}

// NewCUSUM returns a detector with reference window w ≥ 2, allowance k ≥ 0
// and decision interval h > 0.
func NewCUSUM(w int, k, h float64) (*CUSUM, error) {
	if w < 2 {
		return nil, ErrWindow
	}
	if !(k >= 0) || !(h > 0) || math.IsInf(k, 0) || math.IsInf(h, 0) {
		return nil, fmt.Errorf("%w: CUSUM k %v must be ≥ 0 and h %v > 0", ErrParameter, k, h)
	}
	s, _ := NewSortedWindow(w)
	return &CUSUM{k: k, h: h, ref: s, w: w, minRef: min(w, max(5, w/4))}, nil
}

// Step consumes x and reports a Change when it raises an alarm.
func (c *CUSUM) Step(x float64) (Change, bool) {
	i := c.i
	c.i++
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return Change{}, false
	}
	defer c.remember(x)
	if c.ref.Len() < c.minRef {
		c.ref.Push(x)
		return Change{}, false
	}
	mu, sigma := c.ref.Median(), c.ref.Sigma()
	c.ref.Push(x)
	if sigma == 0 {
		sigma = math.SmallestNonzeroFloat64 // constant reference: any change alarms
	}
	z := (x - mu) / sigma
	if c.pos == 0 {
		c.start, c.sumP = i, 0
	}
	if c.neg == 0 {
		c.startN, c.sumN = i, 0
	}
	c.pos = math.Max(0, c.pos+z-c.k)
	c.neg = math.Max(0, c.neg-z-c.k)
	c.sumP += x - mu
	c.sumN += x - mu
	ch := Change{At: i, Baseline: mu, Scale: sigma}
	switch {
	case c.pos > c.h:
		ch.Start, ch.Direction, ch.Size = c.start, Up, c.sumP/float64(i-c.start+1)
	case c.neg > c.h:
		ch.Start, ch.Direction, ch.Size = c.startN, Down, c.sumN/float64(i-c.startN+1)
	default:
		return Change{}, false
	}
	c.pos, c.neg = 0, 0
	c.reseed(i-ch.Start, ch.Size)
	c.ref.Push(x)
	return ch, true
}

// remember keeps x in the ring of the last w values.
func (c *CUSUM) remember(x float64) {
	if len(c.recent) < c.w {
		c.recent = append(c.recent, x)
		return
	}
	c.recent[c.head] = x
	c.head = (c.head + 1) % c.w
}

// reseed moves the reference to the new level without forgetting the
// spread: values from before the run are shifted by the estimated size, the
// run's own n values are kept. Detection goes on at once (no blind window),
// and a false alarm moves the reference by only its small estimated size.
func (c *CUSUM) reseed(n int, size float64) {
	c.ref, _ = NewSortedWindow(c.w)
	m := len(c.recent)
	for j := range m {
		k := (c.head + j) % m
		if j < m-n {
			c.recent[k] += size // kept shifted, so a later alarm shifts from this level
		}
		c.ref.Push(c.recent[k])
	}
}

// nanMeanCount is the compensated mean of the non-NaN values of xs and how
// many there are; NaN and 0 when there are none.
func nanMeanCount(xs []float64) (float64, int) {
	var s kahan.Sum
	n := 0
	for _, v := range xs {
		if !math.IsNaN(v) {
			s.Add(v)
			n++
		}
	}
	if n == 0 {
		return math.NaN(), 0
	}
	return s.Value() / float64(n), n
}

// nanMeanVar is the mean and sample variance (Welford) of the non-NaN values.
func nanMeanVar(xs []float64) (mean, variance float64, n int) {
	var m2 float64
	for _, v := range xs {
		if math.IsNaN(v) {
			continue
		}
		n++
		d := v - mean
		mean += d / float64(n)
		m2 += d * (v - mean)
	}
	if n < 2 {
		return mean, math.NaN(), n
	}
	return mean, math.Max(m2, 0) / float64(n-1), n
}
