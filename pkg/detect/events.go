package detect

import "math"

// Event is a run of consecutive anomalous points.
type Event struct {
	Start, End int       // first and last anomalous index (inclusive)
	Peak       int       // index of the highest score in the run
	PeakScore  float64   // Score at Peak
	Direction  Direction // Up when the peak is above Yhat, Down otherwise
	Method     Method
	Value      float64 // value at the peak
	Yhat       float64 // baseline at the peak
	Lower      float64 // band at the peak
	Upper      float64
	// References are the seasonal same-phase values behind the peak's
	// baseline (x[peak−P], …, x[peak−kP], those inside the series); nil for
	// non-seasonal methods.
	References []float64
}

// BandEvents groups the anomalous runs of a detected series into events:
// xs are the values RunBands scored and b its verdicts.
func BandEvents(xs []float64, b Bands, o Options) []Event {
	return events(min(len(xs), len(b.Score)), func(i int) Point { return b.Point(i, xs[i]) }, xs, o)
}

func (o Options) seasonal() bool { return o.Method == MethodSeasonal || o.Method == MethodHoltWinters }

// events groups the anomalous runs among the n verdicts at(0 … n−1); xs,
// when the method is seasonal, are the values References are read from.
func events(n int, at func(int) Point, xs []float64, o Options) []Event {
	o = o.WithDefaults()
	var out []Event
	var cur *Event
	for i := range n {
		p := at(i)
		if !p.Anomaly || math.IsNaN(p.Value) {
			cur = nil
			continue
		}
		if cur == nil {
			out = append(out, Event{Start: i, Peak: i, PeakScore: math.Inf(-1), Method: o.Method})
			cur = &out[len(out)-1]
		}
		cur.End = i
		if p.Score > cur.PeakScore {
			cur.Peak, cur.PeakScore = i, p.Score
			cur.Value, cur.Yhat, cur.Lower, cur.Upper = p.Value, p.Yhat, p.Lower, p.Upper
		}
	}
	for i := range out {
		e := &out[i]
		e.Direction = Up
		if e.Value < e.Yhat {
			e.Direction = Down
		}
		if o.seasonal() && xs != nil {
			e.References = SeasonalReferences(xs, e.Peak, o.Season, o.Seasons)
		}
	}
	return out
}
