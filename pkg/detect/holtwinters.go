package detect

import (
	"math"

	"github.com/claudeenhancer/monitoring/pkg/internal/kahan"
)

// HoltWinters is additive Holt-Winters with Brutlag (2000) bands, as in
// RRDtool's HWPREDICT (rrdcreate(1); Brutlag, "Aberrant Behavior Detection
// in Time Series for Network Monitoring", LISA 2000). With period m:
//
//	ŷ_t = ℓ_{t−1} + b_{t−1} + s_{t−m}                      one-step prediction
//	ℓ_t = α(y_t − s_{t−m}) + (1 − α)(ℓ_{t−1} + b_{t−1})
//	b_t = β(ℓ_t − ℓ_{t−1}) + (1 − β)b_{t−1}
//	s_t = γ(y_t − ℓ_t) + (1 − γ)s_{t−m}
//	d_t = γ|y_t − ŷ_t| + (1 − γ)d_{t−m}                    Brutlag deviation
//	band = ŷ_t ± max(k·d_{t−m}, floor)
//
// Initialisation uses the first two seasons: ℓ₀ = mean of season 1,
// b₀ = (mean₂ − mean₁)/m, s_i = y_i − ℓ₀, then the recursion runs over season
// 2 to seed d with the mean absolute one-step error. Verdicts start at point
// 2m (warm-up: 2 seasons). A gap advances time without learning: ℓ ← ℓ + b,
// s and d keep their values. O(1) per point; memory O(m) at most, allocated
// as the first two seasons arrive.
type HoltWinters struct {
	alpha, beta, gamma float64
	m                  int
	level, trend       float64
	season, dev        []float64 // m each, from initialisation on
	phase              int
	warm               []float64 // first 2m values until initialised (nil after)
	initialised        bool
	b                  band
	sse                kahan.Sum // Σ one-step squared errors after warm-up
	nres               int
}

func newHoltWinters(alpha, beta, gamma float64, m int, b band) *HoltWinters {
	return &HoltWinters{alpha: alpha, beta: beta, gamma: gamma, m: m, b: b}
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
		if len(d.warm) == 2*d.m {
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
			d.b.put(out, i, x, yhat, dev[phase])
			e := x - yhat
			d.sse.Add(e * e)
			d.nres++
			// update, on locals
			l := alpha*(x-s) + (1-alpha)*(level+trend)
			trend = beta*(l-level) + (1-beta)*trend
			level = l
			season[phase] = gamma*(x-l) + (1-gamma)*s
			dev[phase] = gamma*math.Abs(e) + (1-gamma)*dev[phase]
		}
		if phase++; phase == len(season) {
			phase = 0
		}
	}
	d.level, d.trend, d.phase = level, trend, phase
}

func (d *HoltWinters) update(x, yhat float64) {
	s := d.season[d.phase]
	level := d.alpha*(x-s) + (1-d.alpha)*(d.level+d.trend)
	d.trend = d.beta*(level-d.level) + (1-d.beta)*d.trend
	d.level = level
	d.season[d.phase] = d.gamma*(x-level) + (1-d.gamma)*s
	d.dev[d.phase] = d.gamma*math.Abs(x-yhat) + (1-d.gamma)*d.dev[d.phase]
}

func (d *HoltWinters) initialise() {
	m := d.m
	m1, _ := nanMeanCount(d.warm[:m])
	m2, _ := nanMeanCount(d.warm[m:])
	if math.IsNaN(m1) {
		m1 = m2
	}
	if math.IsNaN(m2) {
		m2 = m1
	}
	if math.IsNaN(m1) { // two seasons of gaps: start again
		d.warm = d.warm[:0]
		return
	}
	d.season, d.dev, d.initialised = make([]float64, m), make([]float64, m), true
	d.level, d.trend = m1, (m2-m1)/float64(m)
	for i, v := range d.warm[:m] {
		if d.season[i] = v - m1; math.IsNaN(v) {
			d.season[i] = 0
		}
	}
	var sum kahan.Sum
	cnt := 0
	warm := d.warm
	d.warm = nil
	d.level -= d.trend * float64(m) // so that season 1 is the first step again
	for t, v := range warm {
		yhat := d.level + d.trend + d.season[d.phase]
		if math.IsNaN(v) {
			d.level += d.trend
		} else {
			if t >= m {
				sum.Add(math.Abs(v - yhat))
				cnt++
			}
			d.update(v, yhat)
		}
		d.phase = (d.phase + 1) % m
	}
	mae := 0.0
	if cnt > 0 {
		mae = sum.Value() / float64(cnt)
	}
	for i := range d.dev {
		d.dev[i] = mae
	}
}

// NewHoltWinters returns a Holt-Winters detector for o (Method is ignored;
// Season is required), for callers that also want its Forecast and
// ForecastBand after feeding it a series with Step.
func NewHoltWinters(o Options) (*HoltWinters, error) {
	o.Method = MethodHoltWinters
	if err := o.Validate(); err != nil {
		return nil, err
	}
	o = o.WithDefaults()
	return newHoltWinters(o.Alpha, o.Beta, o.Gamma, o.Season, band{k: o.Threshold, floor: o.MinDeviation, dir: o.Direction}), nil
}
