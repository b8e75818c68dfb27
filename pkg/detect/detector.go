package detect

// Detector is a streaming point detector. Step consumes the next value of a
// series on a fixed step (NaN for a missing point) and returns its verdict,
// computed from the earlier values only. Detectors are not safe for
// concurrent use; use one per series.
type Detector interface {
	Step(x float64) Point
}

// newBase builds the bare detector for validated, defaulted options.
func newBase(o Options) Detector {
	b := band{k: o.Threshold, floor: o.MinDeviation, dir: o.Direction}
	switch o.Method {
	case MethodRobust:
		return newRobustZ(o.Window, b)
	case MethodEWMA:
		return newEWMA(o.Alpha, o.Window, b)
	case MethodSeasonal:
		return newSeasonal(o.Season, o.Seasons, o.Window, b)
	case MethodHoltWinters:
		return newHoltWinters(o.Alpha, o.Beta, o.Gamma, o.Season, b)
	}
	return newZScore(o.Window, b)
}

// streaming wraps a bare detector for point-by-point use: in the
// persistence filter when p asks for one, and in flagger.
func streaming(d Detector, p Persistence) Detector {
	if p.K > 1 {
		d = NewPersistent(d, p)
	}
	return flagger{d}
}

// flagger sets Anomaly from Score for detectors that leave it to the caller.
type flagger struct{ d Detector }

func (f flagger) Step(x float64) Point {
	p := f.d.Step(x)
	if _, ok := f.d.(*Persistent); !ok {
		p.Anomaly = p.Score > 1
	}
	return p
}

// runChunk is how many verdicts Run computes in column form before copying
// them into its []Point (small enough to stay in the L1 cache).
const runChunk = 256

// Run applies a fresh detector built from o to xs and returns one verdict per
// point. It is a pure function: Run(xs[:i], o) is a prefix of Run(xs, o).
// Options errors, and a season longer than half of xs, are returned as such.
// Detectors with a column kernel (batcher) and no persistence filter score
// runChunk points at a time in column form; the others step point by point.
func Run(xs []float64, o Options) ([]Point, error) {
	if err := o.ValidateFor(len(xs)); err != nil {
		return nil, err
	}
	o = o.WithDefaults()
	d := newBase(o)
	out := make([]Point, len(xs))
	if k, ok := d.(batcher); ok && o.Persistence.K <= 1 {
		cols := MakeBands(min(runChunk, len(xs)))
		for i := 0; i < len(xs); i += runChunk {
			chunk := xs[i:min(i+runChunk, len(xs))]
			c := cols.slice(0, len(chunk))
			k.batch(chunk, c)
			for j, x := range chunk {
				out[i+j] = c.Point(j, x)
			}
		}
		return out, nil
	}
	f := streaming(d, o.Persistence)
	for i, x := range xs {
		out[i] = f.Step(x)
	}
	return out, nil
}
