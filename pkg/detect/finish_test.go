package detect

import (
	"math"
	"testing"
)

func TestInfinitePointScoresInfinity(t *testing.T) {
	xs := daily(1, 200, 24)
	xs[150], xs[170] = math.Inf(1), math.Inf(-1)
	for _, o := range allMethods() {
		ps, err := Run(xs, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range []int{150, 170} {
			if p := ps[i]; !math.IsNaN(p.Yhat) && (!math.IsInf(p.Score, 1) || !p.Anomaly) {
				t.Errorf("%s: point %d = %v scored %v (anomaly %v), want +Inf", o.Method, i, xs[i], p.Score, p.Anomaly)
			}
		}
	}
}
