package plugin

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"google.golang.org/protobuf/proto"

	"github.com/claudeenhancer/monitoring/internal/promfake"
)

// Memory of whole QueryData requests, response encoding included, against
// a fake upstream that answers every range query with `series` series of up
// to `points` points on the requested grid. Run one case per process so
// the peak RSS (VmHWM) is that case's:
//
//	go test -run '^$' -bench 'QueryMemory/<case>$' -benchtime 1x ./pkg/plugin/
//
// Reported: held-MB, the live heap while the response is held (after a GC);
// peak-heap-MB, the largest heap sampled every millisecond during the
// request; B/point, held bytes per point the upstream sent; RSS-MB and
// HWM-MB from /proc/self/status after the request.
func BenchmarkQueryMemory(b *testing.B) {
	seriesQ := func(ref string) backend.DataQuery {
		q := seriesQuery(ref, "node_cpu_seconds_total")
		q.Interval, q.MaxDataPoints = 15*time.Second, 1000 // 241 steps over the hour
		return q
	}
	anomalyQ := func(ref string) backend.DataQuery {
		return detectionDataQuery(ref, `{"refId":"`+ref+`","queryType":"anomaly","expr":"x","method":"zscore","window":"1h"}`,
			promfake.T0.Add(5*time.Hour), promfake.T0.Add(11*time.Hour), 1000)
	}
	trendQ := func(ref string) backend.DataQuery { // 5 h visible + 2 h of trend windows: 421 steps
		return detectionDataQuery(ref, `{"refId":"`+ref+`","queryType":"trend","expr":"x","trendWindow":"1h","output":"bands"}`,
			promfake.T0.Add(6*time.Hour), promfake.T0.Add(11*time.Hour), 1000)
	}
	forecastQ := func(ref string) backend.DataQuery { // trained on the 7 h visible: 421 steps
		return detectionDataQuery(ref, `{"refId":"`+ref+`","queryType":"forecast","expr":"x","horizon":"1h","output":"bands"}`,
			promfake.T0.Add(4*time.Hour), promfake.T0.Add(11*time.Hour), 1000)
	}
	cases := []struct {
		name           string
		series, points int
		queries        []backend.DataQuery
		requests       int // run concurrently
	}{
		// The burst: three queries against 20,000 series × 121 points
		// (the last 121 of the 241 steps).
		{"three-queries-20k-series", 20_000, 121, []backend.DataQuery{seriesQ("A"), seriesQ("B"), seriesQ("C")}, 1},
		{"10k-small-queries", 1, 2, repeatQuery(10_000, seriesQ), 1},
		// The largest answers the default limits admit: 5,000 series × 200
		// = 1,000,000 points; 7 h at 1 m = 421 steps × 593 series × 4 points
		// a detection step = 998,612.
		{"series-at-limit", 5_000, 200, []backend.DataQuery{seriesQ("A")}, 1},
		{"anomaly-at-limit", 593, 421, []backend.DataQuery{anomalyQ("A")}, 1},
		{"trend-at-limit", 593, 421, []backend.DataQuery{trendQ("A")}, 1},
		{"forecast-at-limit", 593, 421, []backend.DataQuery{forecastQ("A")}, 1},
		// The request budget (four full queries), and the process's (two
		// such requests at once).
		{"series-request-at-limit", 5_000, 200, repeatQuery(4, seriesQ), 1},
		{"series-process-at-limit", 5_000, 200, repeatQuery(4, seriesQ), 2},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			up := newBodyServer(b, c.series, c.points)
			ds := newDS(b, up.URL, `{"responseLimitMB":1000}`, nil)
			// A first request builds and caches the bodies, so the measured
			// one counts only what the plugin holds.
			if _, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: c.queries}); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				measureRequests(b, ds, c.queries, c.requests, c.series*c.points)
			}
			b.ReportMetric(float64(up.size.Load())/(1<<20), "body-MB")
		})
	}
}

func repeatQuery(n int, q func(ref string) backend.DataQuery) []backend.DataQuery {
	out := make([]backend.DataQuery, n)
	for i := range out {
		out[i] = q("Q" + strconv.Itoa(i))
	}
	return out
}

// measureRequests runs n identical requests at once, encodes their
// responses as the SDK does for gRPC, and reports the memory figures.
func measureRequests(b *testing.B, ds *Datasource, qs []backend.DataQuery, n, pointsPerAnswer int) {
	runtime.GC()
	base := heapObjects()
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // sample the heap until the request is encoded
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if h := heapObjects(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	resps := make([]*backend.QueryDataResponse, n)
	wires := make([][]byte, n)
	var reqs sync.WaitGroup
	for i := range n {
		reqs.Add(1)
		go func() {
			defer reqs.Done()
			resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: qs})
			if err != nil {
				b.Error(err)
				return
			}
			pb, err := backend.ToProto().QueryDataResponse(backend.DataFrameFormat_ARROW, resp)
			if err != nil {
				b.Error(err)
				return
			}
			resps[i] = resp
			wires[i], _ = proto.Marshal(pb)
		}()
	}
	reqs.Wait()
	close(stop)
	wg.Wait()
	runtime.GC()
	held := float64(heapObjects()) - float64(base)
	failed, wire := 0, 0
	var firstErr error
	for i, resp := range resps {
		wire += len(wires[i])
		for _, r := range resp.Responses {
			if r.Error != nil {
				failed++
				firstErr = r.Error
			}
		}
	}
	answered := n*len(qs) - failed
	b.ReportMetric(held/(1<<20), "held-MB")
	b.ReportMetric((float64(peak.Load())-float64(base))/(1<<20), "peak-heap-MB")
	if answered > 0 {
		b.ReportMetric(held/float64(answered*pointsPerAnswer), "B/point")
	}
	b.ReportMetric(float64(wire)/(1<<20), "wire-MB")
	b.ReportMetric(float64(failed), "failed-queries")
	b.ReportMetric(procStatusMB("VmRSS"), "RSS-MB")
	b.ReportMetric(procStatusMB("VmHWM"), "HWM-MB")
	if firstErr != nil {
		b.Logf("an error: %v", firstErr)
	}
	runtime.KeepAlive(resps)
	runtime.KeepAlive(wires)
}

var heapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

var heapMu sync.Mutex

func heapObjects() uint64 {
	heapMu.Lock()
	defer heapMu.Unlock()
	metrics.Read(heapSample)
	return heapSample[0].Value.Uint64()
}

// procStatusMB reads a kB field of /proc/self/status in MiB (0 off Linux).
func procStatusMB(field string) float64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// bodyServer answers every range query with n series of up to points
// points (the last ones of the requested grid), node-exporter-like labels
// and values like "0.123456789". Bodies are built once per grid and
// written without a copy.
type bodyServer struct {
	*httptest.Server
	n, points int
	mu        sync.Mutex
	cache     map[string][]byte
	size      atomic.Int64 // bytes of the largest body
}

func newBodyServer(tb testing.TB, n, points int) *bodyServer {
	s := &bodyServer{n: n, points: points, cache: map[string][]byte{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		body := s.body(r.Form)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	tb.Cleanup(s.Close)
	return s
}

func (s *bodyServer) body(form url.Values) []byte {
	key := form.Get("start") + "/" + form.Get("end") + "/" + form.Get("step")
	s.mu.Lock()
	defer s.mu.Unlock()
	if body, ok := s.cache[key]; ok {
		return body
	}
	start, _ := strconv.ParseFloat(form.Get("start"), 64)
	end, _ := strconv.ParseFloat(form.Get("end"), 64)
	step, _ := strconv.ParseFloat(form.Get("step"), 64)
	steps := int((end-start)/step) + 1
	first := max(steps-s.points, 0)
	buf := []byte(`{"status":"success","data":{"resultType":"matrix","result":[`)
	for i := range s.n {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = fmt.Appendf(buf, `{"metric":{"__name__":"node_cpu_seconds_total","cpu":"%d","instance":"host-%05d:9100","job":"node","mode":"idle"},"values":[`, i%64, i/64)
		for k := first; k < steps; k++ {
			if k > first {
				buf = append(buf, ',')
			}
			buf = append(buf, '[')
			buf = strconv.AppendFloat(buf, start+float64(k)*step, 'f', -1, 64)
			buf = append(buf, `,"0.`...)
			buf = strconv.AppendInt(buf, int64(100_000_000+(i*7919+k*104729)%900_000_000), 10)
			buf = append(buf, `"]`...)
		}
		buf = append(buf, "]}"...)
	}
	buf = append(buf, "]}}"...)
	s.cache[key] = buf
	if int64(len(buf)) > s.size.Load() {
		s.size.Store(int64(len(buf)))
	}
	return buf
}

// BenchmarkIdleAfterBurst runs the largest burst the default limits admit
// (two requests of four queries of 5,000 series × 200 points, responses
// encoded), drops the responses and logs RSS over the next 150 s of
// idleness, to see when the memory goes back to the OS:
//
//	go test -run '^$' -bench IdleAfterBurst -benchtime 1x -timeout 10m ./pkg/plugin/
func BenchmarkIdleAfterBurst(b *testing.B) {
	up := newBodyServer(b, 5_000, 200)
	ds := newDS(b, up.URL, `{"responseLimitMB":1000}`, nil)
	qs := make([]backend.DataQuery, 4)
	for i := range qs {
		qs[i] = seriesQuery(string(rune('A'+i)), "node_cpu_seconds_total")
	}
	up.body(url.Values{"start": {"1795737600"}, "end": {"1795741200"}, "step": {"15"}}) // built before the burst
	runtime.GC()
	log := fmt.Sprintf("before: RSS %.0f MB", procStatusMB("VmRSS"))
	for b.Loop() {
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: qs})
				if err != nil {
					b.Error(err)
					return
				}
				pb, _ := backend.ToProto().QueryDataResponse(backend.DataFrameFormat_ARROW, resp)
				_, _ = proto.Marshal(pb)
			}()
		}
		wg.Wait()
	}
	log += fmt.Sprintf("; burst peak (HWM) %.0f MB; idle RSS:", procStatusMB("VmHWM"))
	start := time.Now()
	for _, at := range []time.Duration{0, 2, 5, 10, 20, 30, 60, 90, 120, 150} {
		time.Sleep(time.Until(start.Add(at * time.Second)))
		log += fmt.Sprintf(" %ds %.0f MB,", at, procStatusMB("VmRSS"))
	}
	b.Log(log)
}
