package detect

// Detector is a streaming point detector. Step consumes the next value of a
// series on a fixed step (NaN for a missing point) and returns its verdict,
// computed from the earlier values only. Detectors are not safe for
// concurrent use; use one per series.
type Detector interface {
	Step(x float64) Point
}

// New builds the detector o describes (after defaults and validation),
// wrapped in the persistence filter when o.Persistence asks for one.
func New(o Options) (Detector, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	o = o.WithDefaults()
	b := band{k: o.Threshold, floor: o.MinDeviation, dir: o.Direction}
	var d Detector
	switch o.Method {
	case MethodRobust:
		d = newRobustZ(o.Window, b)
	case MethodEWMA:
		d = newEWMA(o.Alpha, o.Window, b)
	case MethodSeasonal:
		d = newSeasonal(o.Season, o.Seasons, o.Window, b)
	case MethodHoltWinters:
		d = newHoltWinters(o.Alpha, o.Beta, o.Gamma, o.Season, b)
	default:
		d = newZScore(o.Window, b)
	}
	if o.Persistence.K > 1 {
		d = NewPersistent(d, o.Persistence)
	}
	return flagger{d}, nil
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

// Run applies a fresh detector built from o to xs and returns one verdict per
// point. It is a pure function: Run(xs[:i], o) is a prefix of Run(xs, o).
// Options errors, and a season longer than half of xs, are returned as such.
func Run(xs []float64, o Options) ([]Point, error) {
	if err := o.ValidateFor(len(xs)); err != nil {
		return nil, err
	}
	d, err := New(o)
	if err != nil {
		return nil, err
	}
	out := make([]Point, len(xs))
	for i, x := range xs {
		out[i] = d.Step(x)
	}
	return out, nil
}
