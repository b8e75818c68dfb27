package detect

import "math"

// NormalSF is the standard normal upper tail Q(z) = P(Z > z) = erfc(z/√2)/2.
// It is accurate in the far tail (no 1 − Φ cancellation). NaN in, NaN out.
func NormalSF(z float64) float64 { return 0.5 * math.Erfc(z/math.Sqrt2) }

// StudentTSF is the upper tail P(T > t) of Student's t with nu > 0 degrees of
// freedom, via the regularised incomplete beta: P(|T| > |t|) = I_{ν/(ν+t²)}(ν/2, 1/2).
// NaN when nu ≤ 0 or either argument is NaN.
func StudentTSF(t, nu float64) float64 {
	if math.IsNaN(t) || math.IsNaN(nu) || nu <= 0 {
		return math.NaN()
	}
	if math.IsInf(t, 0) {
		if t > 0 {
			return 0
		}
		return 1
	}
	two := regIncBeta(nu/2, 0.5, nu/(nu+t*t)) // P(|T| > |t|)
	if t >= 0 {
		return two / 2
	}
	return 1 - two/2
}

// StudentTQuantile returns q with P(T ≤ q) = p for Student's t with nu > 0
// degrees of freedom, by bisection on StudentTSF (60 halvings: full float64
// precision for |q| < 1e6). NaN for p outside (0, 1) or nu ≤ 0.
func StudentTQuantile(p, nu float64) float64 {
	if !(p > 0 && p < 1) || !(nu > 0) {
		return math.NaN()
	}
	if p == 0.5 {
		return 0
	}
	lo, hi := -1e6, 1e6
	for range 200 {
		mid := (lo + hi) / 2
		if 1-StudentTSF(mid, nu) < p {
			lo = mid
		} else {
			hi = mid
		}
		if hi-lo <= 1e-12*math.Max(1, math.Abs(mid)) {
			break
		}
	}
	return (lo + hi) / 2
}

// regIncBeta is the regularised incomplete beta I_x(a, b) by Lentz's continued
// fraction (Numerical Recipes §6.4), using the symmetry I_x(a,b) = 1 − I_{1−x}(b,a)
// where the fraction converges faster.
func regIncBeta(a, b, x float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	front := math.Exp(lab - la - lb + a*math.Log(x) + b*math.Log1p(-x))
	if x < (a+1)/(a+b+2) {
		return front * betaCF(a, b, x) / a
	}
	return 1 - front*betaCF(b, a, 1-x)/b
}

func betaCF(a, b, x float64) float64 {
	const tiny, eps = 1e-300, 1e-15
	c, d := 1.0, 1-(a+b)*x/(a+1)
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m <= 300; m++ {
		fm := float64(m)
		num := fm * (b - fm) * x / ((a + 2*fm - 1) * (a + 2*fm))
		d = 1 + num*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + num/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		num = -(a + fm) * (a + b + fm) * x / ((a + 2*fm) * (a + 2*fm + 1))
		d = 1 + num*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + num/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < eps {
			break
		}
	}
	return h
}
