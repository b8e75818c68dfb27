package prom

import (
	"bytes"
	"io"
	"runtime"
	"sync"
	"testing"
)

// The acceptance benchmark: a range query answer of 1,000,000 points (100
// series × 10,000 points, node-exporter labels, values like "0.123456789",
// timestamps like 1764201600.123), decoded by decodeMatrix and by the
// encoding/json baseline (refDecodeMatrix) in the same run:
//
//	go test -run xxx -bench DecodeMatrix1M -benchmem ./pkg/prom/
//
// The contract is ours ≥ 3× faster than encoding_json.
const (
	benchSeries = 100
	benchPoints = 10_000
)

var benchBody = sync.OnceValue(func() []byte {
	return genBody(newRand(2025), genOptions{series: benchSeries, points: benchPoints})
})

func BenchmarkDecodeMatrix1M(b *testing.B) {
	body := benchBody()
	b.Run("ours", func(b *testing.B) { benchDecode(b, body, decodeBody) })
	// The same under a query's limits, as QueryRange decodes with a budget.
	b.Run("ours_budget", func(b *testing.B) {
		benchDecode(b, body, func(r io.Reader) (Matrix, error) {
			return decodeMatrix(newScanner(r), 0, NewBudget(nil, Limits{MaxSeries: 5000, MaxPoints: 1_000_000}))
		})
	})
	b.Run("encoding_json", func(b *testing.B) { benchDecode(b, body, refDecodeMatrix) })
}

// benchDecode decodes body once per iteration from a reset bytes.Reader
// and reports time and heap allocations per point besides the usual
// per-operation figures.
func benchDecode(b *testing.B, body []byte, decode func(io.Reader) (Matrix, error)) {
	const points = benchSeries * benchPoints
	r := bytes.NewReader(body)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	n := 0
	for b.Loop() {
		r.Reset(body)
		m, err := decode(r)
		if err != nil {
			b.Fatal(err)
		}
		if len(m.Series) != benchSeries || len(m.Series[benchSeries-1].Values) != benchPoints {
			b.Fatalf("decoded %d series", len(m.Series))
		}
		n++
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n*points), "ns/point")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(n*points), "allocs/point")
}
