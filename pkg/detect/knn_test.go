package detect

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// flatCycle is a noisy period-50 cycle whose cycles from flat on are
// replaced by their mean level: no value is out of range, only the shape is new.
func flatCycle(n, flat int) []float64 {
	xs := daily(21, n, 50)
	for i := flat; i < flat+50; i++ {
		xs[i] = 10 + 0.1*(xs[i]-10-5*math.Sin(2*math.Pi*float64(i)/50))
	}
	return xs
}

func TestKNNCADFlagsANewShapeWithinTheRange(t *testing.T) {
	c, err := NewKNNCAD(19, 27, 750)
	if err != nil {
		t.Fatal(err)
	}
	xs := flatCycle(3000, 2500)
	var before, during, pDuring float64
	for i, x := range xs {
		p, r := c.Step(x)
		switch {
		case i < 19-1+750:
			if !math.IsNaN(p) || !math.IsNaN(r) {
				t.Fatalf("point %d scored (%v, %v) during warm-up", i, p, r)
			}
		case i >= 1600 && i < 2500:
			before = max(before, r)
		case i >= 2500 && i < 2550:
			during, pDuring = max(during, r), max(pDuring, p)
		}
	}
	if !(during > 1) || !(during > 2*before) || pDuring != 1 {
		t.Errorf("flattened cycle: ratio %.2f (p %.4f), steady cycles up to %.2f; want > 1, > 2× and p = 1", during, pDuring, before)
	}
}

func TestKNNCADSkipsGapsAndRejectsBadSizes(t *testing.T) {
	c, _ := NewKNNCAD(3, 2, 6)
	for i := range 20 {
		if p, r := c.Step(math.NaN()); !math.IsNaN(p) || !math.IsNaN(r) {
			t.Fatalf("gap %d scored (%v, %v)", i, p, r)
		}
	}
	if len(c.buf) != 0 {
		t.Errorf("gaps entered the embedding: %v", c.buf)
	}
	for _, a := range [][3]int{{0, 27, 750}, {19, 0, 750}, {19, 27, 55}} {
		if _, err := NewKNNCAD(a[0], a[1], a[2]); err == nil {
			t.Errorf("dim %d, k %d, reference %d accepted", a[0], a[1], a[2])
		}
	}
}

func TestKNNCADFlatLineConformsAndStaysFinite(t *testing.T) {
	c, _ := NewKNNCAD(5, 3, 20)
	for i := range 200 {
		if p, r := c.Step(7); i >= 24 && (p != 0 || r != 0) {
			t.Fatalf("point %d of a flat line scored (%v, %v)", i, p, r)
		}
	}
}

func TestCholeskyReconstructsTheMatrix(t *testing.T) {
	const m = 6
	r := rand.New(rand.NewPCG(3, 4))
	b := make([]float64, m*m)
	for i := range b {
		b[i] = r.NormFloat64()
	}
	a := make([]float64, m*m) // a = b·bᵀ + I, symmetric positive definite
	for i := range m {
		for j := range m {
			for k := range m {
				a[i*m+j] += b[i*m+k] * b[j*m+k]
			}
		}
		a[i*m+i]++
	}
	l := make([]float64, m*m)
	cholesky(a, l, m)
	for i := range m {
		for j := range m {
			s := 0.0
			for k := range m {
				s += l[i*m+k] * l[j*m+k]
			}
			if !near(s, a[i*m+j], 1e-12) {
				t.Fatalf("(L·Lᵀ)[%d][%d] = %v, want %v", i, j, s, a[i*m+j])
			}
		}
	}
}

func TestQuickselectPutsTheKSmallestFirst(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := range 200 {
		n := 1 + r.IntN(60)
		a := make([]float64, n)
		for i := range a {
			a[i] = float64(r.IntN(10)) // many ties
		}
		k := 1 + r.IntN(n)
		want := slices.Sorted(slices.Values(a))[:k]
		quickselect(a, k)
		got := slices.Sorted(slices.Values(a[:k]))
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d: %d smallest = %v, want %v", trial, k, got, want)
		}
	}
}

func FuzzNABPattern(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
	f.Fuzz(func(t *testing.T, b []byte) {
		d, _ := NewNAB(NABOptions{Window: 5, MinPoints: 3, Novelty: 4, Pattern: 3, Neighbours: 2, Reference: 6})
		c, _ := NewKNNCAD(3, 2, 6)
		t0 := time.Unix(0, 0)
		for i, x := range series(b) {
			if s := d.Step(t0.Add(time.Duration(i)*time.Minute), x); !(s >= 0 && s <= 1) {
				t.Fatalf("score %d = %v outside [0, 1]", i, s)
			}
			if p, r := c.Step(x); !math.IsNaN(p) && (p < 0 || p > 1 || r < 0 || math.IsNaN(r)) {
				t.Fatalf("point %d: p %v, ratio %v", i, p, r)
			}
		}
	})
}
