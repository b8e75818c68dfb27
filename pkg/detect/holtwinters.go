package detect

import (
	"iter"
	"math"
	"slices"

	"github.com/claudeenhancer/monitoring/pkg/internal/kahan"
)

// HoltWinters is additive Holt-Winters with Brutlag (2000) bands, as in
// RRDtool's HWPREDICT (rrdcreate(1); Brutlag, "Aberrant Behavior Detection
// in Time Series for Network Monitoring", LISA 2000). With period m:
//
//	ŷ_t = ℓ_{t−1} + b_{t−1} + s_{t−m}                      one-step prediction
//	e_t = y_t − ŷ_t,  y*_t = ŷ_t + clamp(e_t, ±c·d_{t−m})   cleaned value
//	ℓ_t = α(y*_t − s_{t−m}) + (1 − α)(ℓ_{t−1} + b_{t−1})
//	b_t = β(ℓ_t − ℓ_{t−1}) + (1 − β)b_{t−1}
//	s_t = γ(y*_t − ℓ_t) + (1 − γ)s_{t−m}
//	d²_t = γ·e_t² + (1 − γ)d²_{t−m}                          deviation
//	band = ŷ_t ± max(k·d_{t−m}, floor)
//
// Three changes to Brutlag's recursion keep an anomaly from becoming the
// pattern and a band from resting on a handful of errors:
//   - the state learns from the cleaned value y*, the prediction plus the
//     error clipped at c = cleanK deviations (Gelper, Fried & Croux,
//     "Robust forecasting with exponential and Holt-Winters smoothing",
//     Journal of Forecasting 29(3), 2010): an outage moves the level and
//     the season by a bounded step a point instead of being learnt and then
//     flagged, by its absence, at the same hour of the following days;
//   - at the end of each season s and d² are replaced by their running
//     mean over smoothWindow of the season, RRDtool's smoothing window
//     (rrdtune(1), --smoothing-window, default 0.05): otherwise each
//     phase's deviation averages one error a season;
//   - d is a root-mean-square deviation, not Brutlag's mean absolute one:
//     for a sparse series (a count rate that is mostly flat) the mean
//     absolute error is a fraction of the spread (see SortedWindow.Sigma).
//
// Initialisation uses the first k ≥ 2 seasons: ℓ₀ = mean of season 1,
// b₀ = (mean_k − mean₁)/((k − 1)m), s_i = the median over the seasons of
// y − that season's mean (one abnormal season in the warm-up does not
// become the pattern), then the recursion runs over seasons 2 … k to seed
// d² with the mean squared one-step error. Verdicts start at point k·m. A gap advances
// time without learning: ℓ ← ℓ + b, s and d keep their values. O(1) per
// point amortised (smoothing is O(m) once a season); memory O(k·m) during
// the warm-up, O(m) after.
type HoltWinters struct {
	alpha, beta, gamma float64
	m, k               int // period; seasons of warm-up (≥ 2)
	level, trend       float64
	season, dev        []float64 // m each, from initialisation on; dev holds d²
	phase              int
	warm               []float64 // first k·m values until initialised (nil after)
	initialised        bool
	b                  band
	scratch            []float64 // smooth's copy of a season
	sse                kahan.Sum // Σ one-step squared errors after warm-up
	nres               int
}

// cleanK is where the error an update learns from is clipped, in
// deviations. Gelper et al. clip at 2; on the demo history
// (TestAnomalyDefaultsFindTheDemoIncidentsAndStayQuiet) 3.5 still keeps an
// outage out of the season and follows a real change of level sooner.
const cleanK = 3.5

// smoothWindow is RRDtool's default smoothing window, as a fraction of the
// season: ±36 minutes of a day.
const smoothWindow = 0.05

func newHoltWinters(alpha, beta, gamma float64, m, k int, b band) *HoltWinters {
	return &HoltWinters{alpha: alpha, beta: beta, gamma: gamma, m: m, k: max(k, 2), b: b}
}

// Forecast returns the h-step-ahead prediction ℓ + h·b + s (h ≥ 1) from the
// current state; NaN during warm-up.
func (d *HoltWinters) Forecast(h int) float64 {
	if !d.initialised || h < 1 {
		return math.NaN()
	}
	return d.level + float64(h)*d.trend + d.season[(d.phase+h-1)%d.m]
}

// ForecastBand returns the h-step forecast with the ETS(A,A,A) interval
// ŷ ± k·σ_h, σ_h² = σ²·(1 + Σ_{j=1}^{h−1} c_j²), c_j = α + αβj + γ·[j mod m = 0],
// σ² the mean squared one-step error since warm-up (Hyndman &
// Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §8.7). NaN
// until one post-warm-up point has been seen.
func (d *HoltWinters) ForecastBand(h int, k float64) (yhat, lower, upper float64) {
	yhat = d.Forecast(h)
	if d.nres == 0 || math.IsNaN(yhat) {
		n := math.NaN()
		return n, n, n
	}
	var sum float64 = 1
	for j := 1; j < h; j++ {
		c := d.alpha + d.alpha*d.beta*float64(j)
		if j%d.m == 0 {
			c += d.gamma
		}
		sum += c * c
	}
	s := k * math.Sqrt(d.sse.Value()/float64(d.nres)*sum)
	return yhat, yhat - s, yhat + s
}

// ForecastBands is ForecastBand for h = 1 … len(yhat), written into yhat,
// lower and upper (of equal length): the variance sum is carried from one h
// to the next, so the whole horizon costs O(len(yhat)) instead of
// O(len(yhat)²).
func (d *HoltWinters) ForecastBands(k float64, yhat, lower, upper []float64) {
	sum := 1.0
	for i := range yhat {
		h := i + 1
		if j := h - 1; j > 0 {
			c := d.alpha + d.alpha*d.beta*float64(j)
			if j%d.m == 0 {
				c += d.gamma
			}
			sum += c * c
		}
		y := d.Forecast(h)
		if d.nres == 0 || math.IsNaN(y) {
			n := math.NaN()
			yhat[i], lower[i], upper[i] = n, n, n
			continue
		}
		s := k * math.Sqrt(d.sse.Value()/float64(d.nres)*sum)
		yhat[i], lower[i], upper[i] = y, y-s, y+s
	}
}

// Step returns the verdict for x and then updates the state.
func (d *HoltWinters) Step(x float64) Point {
	var s single
	d.batch(s.in(x), s.bands())
	return s.point(x)
}

// batch is the column kernel: after warm-up the state lives in locals and
// the phase wraps without a modulo.
func (d *HoltWinters) batch(xs []float64, out Bands) {
	i := 0
	for ; i < len(xs) && !d.initialised; i++ {
		x := xs[i]
		if math.IsInf(x, 0) {
			x = math.NaN()
		}
		d.warm = append(d.warm, x)
		if len(d.warm) == d.k*d.m {
			d.initialise()
		}
		out.setGap(i)
	}
	if !d.initialised {
		return
	}
	alpha, beta, gamma := d.alpha, d.beta, d.gamma
	level, trend, phase := d.level, d.trend, d.phase
	season, dev := d.season[:d.m], d.dev[:d.m]
	for ; i < len(xs); i++ {
		x := xs[i]
		s := season[phase]
		yhat := level + trend + s
		if x != x || math.IsInf(x, 0) {
			out.setGap(i)
			level += trend
		} else {
			sd := math.Sqrt(dev[phase])
			d.b.put(out, i, x, yhat, sd)
			e := x - yhat
			d.sse.Add(e * e)
			d.nres++
			x = yhat + clean(e, sd)
			// update, on locals
			l := alpha*(x-s) + (1-alpha)*(level+trend)
			trend = beta*(l-level) + (1-beta)*trend
			level = l
			season[phase] = gamma*(x-l) + (1-gamma)*s
			dev[phase] = gamma*e*e + (1-gamma)*dev[phase]
		}
		if phase++; phase == len(season) {
			phase = 0
			d.smooth()
		}
	}
	d.level, d.trend, d.phase = level, trend, phase
}

// update is one step of the recursion in the warm-up's seeding run, where
// d² is still a partial sum: nothing is clipped.
func (d *HoltWinters) update(x, yhat float64) {
	e := x - yhat
	s := d.season[d.phase]
	level := d.alpha*(x-s) + (1-d.alpha)*(d.level+d.trend)
	d.trend = d.beta*(level-d.level) + (1-d.beta)*d.trend
	d.level = level
	d.season[d.phase] = d.gamma*(x-level) + (1-d.gamma)*s
	d.dev[d.phase] = d.gamma*e*e + (1-d.gamma)*d.dev[d.phase]
}

// clean is e clipped to ±cleanK·sd, or e itself while sd is 0 (a constant
// series).
func clean(e, sd float64) float64 {
	c := cleanK * sd
	switch {
	case !(c > 0):
		return e
	case e > c:
		return c
	case e < -c:
		return -c
	}
	return e
}

func (d *HoltWinters) initialise() {
	m := d.m
	means := make([]float64, d.k)
	for j := range means {
		means[j], _ = nanMeanCount(d.warm[j*m : (j+1)*m])
	}
	first, last := firstPresent(slices.All(means)), firstPresent(slices.Backward(means))
	if math.IsNaN(first) { // seasons of gaps only: start again
		d.warm = d.warm[:0]
		return
	}
	d.season, d.dev, d.initialised = make([]float64, m), make([]float64, m), true
	d.level, d.trend = first, (last-first)/float64((d.k-1)*m)
	var dev []float64
	for i := range d.season {
		dev = dev[:0]
		for j, mu := range means {
			if v := d.warm[j*m+i]; !math.IsNaN(v) && !math.IsNaN(mu) {
				dev = append(dev, v-mu)
			}
		}
		slices.Sort(dev)
		if d.season[i] = median(dev); math.IsNaN(d.season[i]) {
			d.season[i] = 0
		}
	}
	var sq kahan.Sum // squared one-step errors over seasons 2 … k
	n := 0
	warm := d.warm
	d.warm = nil
	d.level -= d.trend * float64(m) // so that season 1 is the first step again
	for t, v := range warm {
		yhat := d.level + d.trend + d.season[d.phase]
		if math.IsNaN(v) {
			d.level += d.trend
		} else {
			if t >= m {
				sq.Add((v - yhat) * (v - yhat))
				n++
			}
			d.update(v, yhat)
		}
		d.phase = (d.phase + 1) % m
	}
	for i := range d.dev {
		d.dev[i] = sq.Value() / float64(max(n, 1))
	}
	d.smooth()
}

// smooth replaces the seasonal coefficients and the squared deviations by
// their centred running mean over smoothWindow of the season.
func (d *HoltWinters) smooth() {
	h := int(smoothWindow * float64(d.m) / 2)
	if h < 1 {
		return
	}
	d.scratch = runningMean(d.season, h, d.scratch)
	d.scratch = runningMean(d.dev, h, d.scratch)
}

// runningMean replaces xs (circular) by the mean of xs[i−h … i+h], using
// scratch for a copy of the old values, and returns scratch. The sum slides
// (one value in, one out) with compensated additions, so that a series of
// small values next to large ones does not come out negative.
func runningMean(xs []float64, h int, scratch []float64) []float64 {
	m := len(xs)
	h = min(h, (m-1)/2)
	scratch = append(scratch[:0], xs...)
	var sum kahan.Sum
	for _, v := range scratch[m-h:] {
		sum.Add(v)
	}
	for _, v := range scratch[:h+1] {
		sum.Add(v)
	}
	inv := 1 / float64(2*h+1)
	in, out := h+1, m-h // the next index to enter the window and to leave it
	for i := range xs {
		xs[i] = sum.Value() * inv
		if in == m {
			in = 0
		}
		if out == m {
			out = 0
		}
		sum.Add(scratch[in])
		sum.Add(-scratch[out])
		in++
		out++
	}
	return scratch
}

// firstPresent is the first non-NaN value of seq, NaN if none.
func firstPresent(seq iter.Seq2[int, float64]) float64 {
	for _, v := range seq {
		if !math.IsNaN(v) {
			return v
		}
	}
	return math.NaN()
}

// NewHoltWinters returns a Holt-Winters detector for o (Method is ignored;
// Season is required), for callers that also want its Forecast and
// ForecastBand after feeding it a series with Step. It learns from two
// seasons, the training a forecast needs, and its level smoothing defaults
// to DefaultAlpha: DefaultHoltWintersAlpha was chosen for anomaly verdicts.
func NewHoltWinters(o Options) (*HoltWinters, error) {
	o.Method = MethodHoltWinters
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if o.Alpha == 0 {
		o.Alpha = DefaultAlpha
	}
	o = o.WithDefaults()
	return newHoltWinters(o.Alpha, o.Beta, o.Gamma, o.Season, 2, band{k: o.Threshold, floor: o.MinDeviation, dir: o.Direction}), nil
}
