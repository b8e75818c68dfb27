package detect

import (
	"fmt"
	"math"
	"slices"
)

// KNNCAD scores how unusual the recent pattern of a stream is: the
// k-nearest-neighbour conformal anomaly detector (KNN-CAD) of Burnaev and
// Ishimtsev, "Conformalized density- and distance-based anomaly detection
// in time-series data" (arXiv:1608.04585), as run in NAB (knncad_detector.py,
// whose defaults dim = 19 and k = 27 are used here).
//
// Every point t with Dim values behind it gives an embedding
// e_t = (x_{t−Dim+1}, …, x_t). Its non-conformity is
//
//	α_t = Σ of the k smallest (e_t − e_j)ᵀ Σ⁻¹ (e_t − e_j), e_j in the training set,
//
// with Σ the covariance of the training embeddings (refreshed every Ref/2
// points, with a ridge of 1e-6 of its mean variance; NAB's code uses the
// uncentred second moment, which down-weights a level shift by the series'
// mean-to-noise ratio, so the centred covariance is used here). The
// training set is the Ref embeddings before the calibration set, the
// calibration set the Ref embeddings before t; until the calibration set
// has filled, the first training set, calibrated leave-one-out, stands in
// for it. Step returns the
// conformal p-value p = #{calibration α < α_t}/Ref and the ratio
// α_t / max(calibration α), which exceeds 1 exactly when the pattern is
// less conforming than anything in the calibration period.
//
// O(Ref·Dim) per point plus O(Ref·Dim²) every Ref/2 points.
type KNNCAD struct {
	dim, k, ref int
	buf         []float64   // last dim values
	train       [][]float64 // raw training embeddings, oldest first
	white       [][]float64 // train mapped by L⁻¹ (Σ = LLᵀ)
	calib       [][]float64 // raw calibration embeddings, oldest first
	alphas      []float64   // non-conformity of the calibration period
	mean        []float64
	chol        []float64 // L, row-major dim×dim
	n           int       // embeddings seen
	scratch     []float64
	d           []float64
}

// NewKNNCAD returns a detector over embeddings of dim values with k
// neighbours and training and calibration sets of ref embeddings each.
func NewKNNCAD(dim, k, ref int) (*KNNCAD, error) {
	if dim < 1 || k < 1 || ref < 2*(k+1) {
		return nil, fmt.Errorf("%w: knn dim %d, k %d, reference %d (needs ≥ 2(k+1))", ErrParameter, dim, k, ref)
	}
	return &KNNCAD{dim: dim, k: k, ref: ref, mean: make([]float64, dim),
		chol: make([]float64, dim*dim), scratch: make([]float64, dim)}, nil
}

// Step learns x and scores the embedding ending at it: the conformal p-value
// and the ratio to the largest calibration non-conformity. Both are NaN
// during warm-up (Dim−1+Ref points), for NaN or ±Inf input, which is
// skipped, and while values so large (beyond about 1e150) that squared
// distances overflow are in the reference.
func (c *KNNCAD) Step(x float64) (p, ratio float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return math.NaN(), math.NaN()
	}
	c.buf = append(c.buf, x)
	if len(c.buf) > c.dim {
		c.buf = c.buf[1:]
	}
	if len(c.buf) < c.dim {
		return math.NaN(), math.NaN()
	}
	e := slices.Clone(c.buf)
	c.n++
	if len(c.train) < c.ref {
		c.train = append(c.train, e)
		if len(c.train) == c.ref {
			c.refit()
			c.alphas = make([]float64, c.ref)
			for i, w := range c.white {
				c.alphas[i] = c.ncm(w, true)
			}
		}
		return math.NaN(), math.NaN()
	}
	if c.n%c.ref == 0 || c.n%c.ref == c.ref/2 {
		c.refit()
	}
	a := c.ncm(c.whiten(e, make([]float64, c.dim)), false)
	below, top := 0, 0.0
	for _, b := range c.alphas {
		if b < a {
			below++
		}
		top = math.Max(top, b)
	}
	p = float64(below) / float64(len(c.alphas))
	switch {
	case math.IsNaN(a):
		ratio = a
	case a == 0:
		ratio = 0
	case top == 0:
		ratio = math.Inf(1)
	default:
		ratio = a / top
	}
	if math.IsNaN(ratio) { // overflowing values
		p = math.NaN()
	}
	if len(c.calib) == c.ref {
		old := c.calib[0]
		c.calib = c.calib[1:]
		c.train = append(c.train[1:], old)
		c.white = append(c.white[1:], c.whiten(old, make([]float64, c.dim)))
	}
	c.calib = append(c.calib, e)
	c.alphas = append(c.alphas[1:], a)
	return p, ratio
}

// ncm is the sum of the k smallest squared distances from w (whitened) to
// the whitened training set; self skips w's own zero distance.
func (c *KNNCAD) ncm(w []float64, self bool) float64 {
	k := c.k
	if self {
		k++
	}
	c.d = c.d[:0]
	for _, v := range c.white {
		s := 0.0
		for i, wi := range w {
			d := wi - v[i]
			s += d * d
		}
		c.d = append(c.d, s)
	}
	k = min(k, len(c.d))
	if k < len(c.d) {
		quickselect(c.d, k)
	}
	sum := 0.0
	for _, d := range c.d[:k] {
		sum += d
	}
	return sum
}

// refit recomputes the mean, the covariance's Cholesky factor (with a small
// ridge so that flat or collinear stretches stay invertible) and the
// whitened training set.
func (c *KNNCAD) refit() {
	m := c.dim
	clear(c.mean)
	for _, e := range c.train {
		for i, v := range e {
			c.mean[i] += v
		}
	}
	n := float64(len(c.train))
	for i := range c.mean {
		c.mean[i] /= n
	}
	cov := make([]float64, m*m)
	for _, e := range c.train {
		for i := range m {
			di := e[i] - c.mean[i]
			for j := 0; j <= i; j++ {
				cov[i*m+j] += di * (e[j] - c.mean[j])
			}
		}
	}
	tr := 0.0
	for i := range m {
		tr += cov[i*m+i]
	}
	ridge := 1e-6*tr/float64(m) + 1e-300
	for i := range m {
		cov[i*m+i] += ridge
	}
	cholesky(cov, c.chol, m)
	c.white = c.white[:0]
	for _, e := range c.train {
		c.white = append(c.white, c.whiten(e, make([]float64, m)))
	}
}

// whiten writes L⁻¹(e − mean) into dst by forward substitution.
func (c *KNNCAD) whiten(e, dst []float64) []float64 {
	m := c.dim
	for i := range m {
		s := e[i] - c.mean[i]
		for j := range i {
			s -= c.chol[i*m+j] * dst[j]
		}
		dst[i] = s / c.chol[i*m+i]
	}
	return dst
}

// cholesky factors the symmetric positive-definite a (lower triangle read,
// row-major m×m) into l with a = l·lᵀ. A non-positive pivot (rounding on a
// nearly singular matrix) is replaced by the smallest positive one seen.
func cholesky(a, l []float64, m int) {
	clear(l)
	floor := math.Inf(1)
	for i := range m {
		for j := 0; j <= i; j++ {
			s := a[i*m+j]
			for k := range j {
				s -= l[i*m+k] * l[j*m+k]
			}
			if i == j {
				if !(s > 0) {
					s = floor
					if math.IsInf(s, 1) {
						s = 1
					}
				}
				floor = math.Min(floor, s)
				l[i*m+i] = math.Sqrt(s)
			} else {
				l[i*m+j] = s / l[j*m+j]
			}
		}
	}
}

// quickselect partially orders a so that its k smallest values come first.
func quickselect(a []float64, k int) {
	lo, hi := 0, len(a)-1
	for lo < hi {
		p := a[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
}
