package detect

import (
	"math"
	"slices"
)

// Seasonal compares each point with the same phase of earlier seasons and
// with the recent past, and judges it by whichever baseline currently
// predicts better:
//
//	seasonal:   r = median(x_{t−P}, x_{t−2P}, …, x_{t−kP})   (present values only)
//	            ŷ_s = r + median of the last w residuals x − r
//	            σ_s = robust σ of the last w residuals x − r
//	short-term: ŷ_r = median, σ_r = robust σ of the last w points (RobustZ)
//	verdict = the seasonal one if σ_s < σ_r, else the short-term one
//
// The residual median is the current day's level against the seasons
// it is compared with: a daily season then keeps the daily shape but
// follows a weekly pattern (a weekend at 55 % of weekdays), as the level of
// Holt-Winters does (Hyndman & Athanasopoulos, Forecasting: Principles and
// Practice, 3rd ed., §8.3), without the weeks of history a weekly season
// needs. Being a median, it follows an anomaly only once it fills half the
// window, so a drop to zero is flagged from its start. Both scales are
// leave-current-out, so the choice is a pure function of the
// past. A seasonal series gets the tight seasonal band (an off-phase value,
// a missing daily peak are anomalies even inside the recent range); a
// series without seasonality keeps the short-term band (σ_s of a seasonal
// difference is ≈ √2·σ_r there). This is the selection that scored best on
// NAB (the union envelope of grafana/promql-anomaly-detection, min of the two
// scores, scored lower: see tools/nabscore). The median of k seasons
// survives one abnormal season (a holiday, yesterday's incident). Until k·P
// points and w residuals exist the verdict is the short-term one alone. NaN points are
// gaps: their slot stays NaN so later seasons skip it. O(k log k + log w)
// per point; memory O(k·P + w) at most, growing with the points seen.
type Seasonal struct {
	period, k  int
	hist       []float64 // ring of the last k·P values, NaN for gaps; grows to size
	size       int       // k·P (Options.Validate keeps it from overflowing)
	head, n    int
	resid      *SortedWindow
	short      *RobustZ
	b          band
	refs       []float64 // scratch
	shortSigma float64
}

func newSeasonal(period, k, w int, b band) *Seasonal {
	r, _ := NewSortedWindow(w)
	return &Seasonal{
		period: period, k: k, size: period * k,
		resid: r, short: newRobustZ(w, b), b: b,
	}
}

// References returns the same-phase values x_{t−P}, …, x_{t−kP} the next Step
// will use (NaN for gaps), newest first, for the seasons seen so far.
func (d *Seasonal) References() []float64 {
	out := make([]float64, min(d.k, d.n/d.period))
	for j := range out {
		out[j] = d.hist[d.slot((j+1)*d.period)]
	}
	return out
}

// slot is the ring index of the value lag points before the next one.
func (d *Seasonal) slot(lag int) int {
	i := d.head - lag
	for i < 0 {
		i += d.size
	}
	return i
}

// Step returns the verdict for x and then records it.
func (d *Seasonal) Step(x float64) Point {
	d.shortSigma = math.Inf(1)
	if d.short.win.Full() {
		d.shortSigma = d.short.win.Sigma()
	}
	short := d.short.Step(x)
	ref := math.NaN()
	if d.n >= d.size {
		d.refs = d.refs[:0]
		for j := 1; j <= d.k; j++ {
			if v := d.hist[d.slot(j*d.period)]; !math.IsNaN(v) {
				d.refs = append(d.refs, v)
			}
		}
		slices.Sort(d.refs)
		ref = median(d.refs)
	}
	if len(d.hist) < d.size {
		d.hist = append(d.hist, x) // head == len(hist) until full
	} else {
		d.hist[d.head] = x
	}
	d.head = (d.head + 1) % d.size
	d.n++
	if math.IsNaN(x) {
		return short
	}
	p := short
	if !math.IsNaN(ref) && d.resid.Full() {
		if offset, sigma := d.resid.medianSigma(); math.IsNaN(short.Score) || sigma < d.shortSigma {
			p = d.b.eval(x, ref+offset, sigma)
		}
	}
	if !math.IsNaN(ref) {
		d.resid.Push(x - ref)
	}
	return p
}

// SeasonalReferences returns xs[i−P], xs[i−2P], …, xs[i−kP], the values a
// seasonal verdict for point i was built from, stopping at the start of xs
// (so at most i/P of them). Events report them.
func SeasonalReferences(xs []float64, i, period, k int) []float64 {
	if period < 1 || i < 0 || i >= len(xs) {
		return nil
	}
	k = min(k, i/period)
	out := make([]float64, k)
	for j := range out {
		out[j] = xs[i-(j+1)*period]
	}
	return out
}

// SeasonalWarmup is the first index of xs whose seasonal baseline has a
// reference. For seasonal, the first present value plus one season: before
// it the detector judges by the short-term band alone and every same-phase
// reference is missing, so its verdicts are warm-up, not seasonal verdicts.
// For Holt-Winters, also no sooner than the Seasons·Season points its
// initialisation reads from the start of xs (newHoltWinters). 0 for the
// methods that learn no season; len(xs) when xs holds no value or no value
// a season before its end.
func SeasonalWarmup(xs []float64, o Options) int {
	o = o.WithDefaults()
	if !o.seasonal() || o.Season < 1 {
		return 0
	}
	init := 0
	if o.Method == MethodHoltWinters {
		init = max(o.Seasons, 2) * o.Season
	}
	for i, x := range xs {
		if !math.IsNaN(x) {
			return min(max(i+o.Season, init), len(xs))
		}
	}
	return len(xs)
}
