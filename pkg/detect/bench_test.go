package detect

import (
	"testing"
	"time"
)

const benchPoints = 1_000_000

// report sets the ns/point (wall) and cpu-ns/point metrics of a benchmark
// that processed benchPoints per iteration, CPU time counted from start.
func report(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchPoints, "ns/point")
	b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N)/benchPoints, "cpu-ns/point")
}

// benchDetector streams 1,000,000 points of seeded noise through a fresh
// detector per iteration (Step, one point at a time) and reports ns/point.
func benchDetector(b *testing.B, o Options) {
	xs := daily(1, benchPoints, 1440)
	o = o.WithDefaults()
	b.ResetTimer()
	var sink float64
	start := cpuTime()
	for b.Loop() {
		d := newBase(o)
		for _, x := range xs {
			sink += d.Step(x).Score
		}
	}
	report(b, start)
	_ = sink
}

func BenchmarkZScore(b *testing.B) { benchDetector(b, Options{Method: MethodZScore, Window: 60}) }

// BenchmarkZScoreCore measures the bare detector, without the Detector
// interface and the verdict wrapper (the cost a tight loop in the datasource sees).
func BenchmarkZScoreCore(b *testing.B) {
	xs := daily(1, benchPoints, 1440)
	var sink float64
	start := cpuTime()
	for b.Loop() {
		d := newZScore(60, band{k: 3})
		for _, x := range xs {
			sink += d.Step(x).Score
		}
	}
	report(b, start)
	_ = sink
}

func BenchmarkRobust(b *testing.B) { benchDetector(b, Options{Method: MethodRobust, Window: 60}) }
func BenchmarkEWMA(b *testing.B)   { benchDetector(b, Options{Method: MethodEWMA, Window: 60}) }
func BenchmarkSeasonal(b *testing.B) {
	benchDetector(b, Options{Method: MethodSeasonal, Window: 60, Season: 1440})
}

func BenchmarkHoltWinters(b *testing.B) {
	benchDetector(b, Options{Method: MethodHoltWinters, Season: 1440})
}

func BenchmarkHoltWintersCore(b *testing.B) {
	xs := daily(1, benchPoints, 1440)
	var sink float64
	start := cpuTime()
	for b.Loop() {
		d := newHoltWinters(0.1, 0.01, 0.1, 1440, 2, band{k: 3})
		for _, x := range xs {
			sink += d.Step(x).Score
		}
	}
	report(b, start)
	_ = sink
}

func BenchmarkNAB(b *testing.B) {
	xs := daily(1, benchPoints, 288)
	t0 := time.Unix(0, 0)
	var sink float64
	start := cpuTime()
	for b.Loop() {
		d, _ := NewNAB(NABOptions{})
		for i, x := range xs {
			sink += d.Step(t0.Add(time.Duration(i)*5*time.Minute), x)
		}
	}
	report(b, start)
	_ = sink
}

// benchBands is the column kernel Run uses (baseline, then finish) over
// 1,000,000 points into columns allocated once, without Run's copy into
// []Point: the cost of scoring a whole series.
func benchBands(b *testing.B, o Options) {
	xs := daily(1, benchPoints, 1440)
	out := MakeBands(len(xs))
	o = o.WithDefaults()
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		newBase(o).(batcher).batch(xs, out)
	}
	report(b, start)
}

func BenchmarkBandsZScore(b *testing.B) { benchBands(b, Options{Method: MethodZScore, Window: 60}) }
func BenchmarkBandsRobust(b *testing.B) { benchBands(b, Options{Method: MethodRobust, Window: 60}) }
func BenchmarkBandsHoltWinters(b *testing.B) {
	benchBands(b, Options{Method: MethodHoltWinters, Season: 1440})
}

// BenchmarkRunZScore is Run, the datasource's entry point: the column kernel
// plus the copy into one Point per input point.
func BenchmarkRunZScore(b *testing.B) {
	xs := daily(1, benchPoints, 1440)
	o := Options{Method: MethodZScore, Window: 60}
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		if _, err := Run(xs, o); err != nil {
			b.Fatal(err)
		}
	}
	report(b, start)
}
