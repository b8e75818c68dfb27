package integration

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// The memory ceiling: the resident memory one query costs the plugin
// process at the largest inputs its limits allow, with as many such
// queries at once as the process admits. The limits (pkg/limits/limits.go,
// pkg/models/settings.go): jsonData.maxPointsPerQuery up to 2,000,000
// points, 5,000 series per answer, 8,000,000 points held by the process at
// once, 4 points per detector step of a detection query. Each shape below
// stays within 1.5 % of the per-query limit and must answer in full: the
// figure is for queries the plugin serves, not for ones it refuses.
//
//	go test -count=1 -run TestLoadMemoryCeiling -v ./pkg/integration/

const (
	ceilingPointsPerQuery = 2_000_000 // the largest maxPointsPerQuery
	ceilingConcurrent     = 4         // 8,000,000 points in the process / 2,000,000
	detectorStepCost      = 4
	// rssCeilingPerQuery is the stated maximum: the resident memory one
	// concurrent query at the limit may add to the process. This test
	// measured 154–268 MiB across the shapes with the limits in place; the
	// bound leaves room for the garbage collector's timing.
	rssCeilingPerQuery = 384 << 10 // KiB
)

// ceilingShape is one kind of query at the limit.
type ceilingShape struct {
	name   string
	series int
	query  func(t *testing.T) backend.DataQuery
}

func ceilingShapes() []ceilingShape {
	const step = 15 * time.Second
	end := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	series := func(points int) func(t *testing.T) backend.DataQuery {
		return func(t *testing.T) backend.DataQuery {
			return seriesQuery{RefID: "Q", Expr: "ce_ceiling", From: end.Add(-time.Duration(points-1) * step), To: end, Interval: step}.dataQuery(t)
		}
	}
	// A detection query is charged its grid, warm-up included: 10,000
	// visible steps of 1 min plus the 1 h window, 4 points each.
	const detectSteps = 10_000
	detectSeries := ceilingPointsPerQuery / detectorStepCost / (detectSteps + 60)
	return []ceilingShape{
		{"a series query of 199 series × 10,000 points", 199, series(10_000)},
		{"a series query of 4,975 series × 400 points", 4_975, series(400)},
		{fmt.Sprintf("an anomaly query of %d series × %d detector steps", detectSeries, detectSteps+60), detectSeries,
			func(t *testing.T) backend.DataQuery {
				q := anomalyQuery(t, "Q", "ce_ceiling", end.Add(-(detectSteps-1)*time.Minute), end, map[string]any{"detectorStep": "1m", "window": "1h"})
				q.MaxDataPoints = detectSteps // bands for every step: the largest output
				return q
			}},
	}
}

func TestLoadMemoryCeilingPerConcurrentQuery(t *testing.T) {
	bin := pluginBinary(t)
	if raceBuilt(t, bin) {
		t.Skipf("%s is built with -race: its resident set is mostly ThreadSanitizer's shadow memory", bin)
	}
	for _, shape := range ceilingShapes() {
		t.Run(shape.name, func(t *testing.T) {
			p := startPluginProcess(t, bin)
			fs := newFaultServer(t, "", withEveryRequest(), withHandler(gridAnswer(shape.series)))
			s := settingsFor(fs.URL)
			s.JSONData = []byte(fmt.Sprintf(`{"httpMethod":"POST","timeout":600,"maxPointsPerQuery":%d}`, ceilingPointsPerQuery))
			pctx := pluginContext(s)
			if res, err := p.checkHealth(callContext(t), pctx); err != nil || res.Status != backend.HealthStatusOk {
				t.Fatalf("health: %v %+v", err, res)
			}
			base := settledRSS(t, p, 0)
			if err := p.resetPeakRSS(); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			for range ceilingConcurrent {
				wg.Add(1)
				go func() {
					defer wg.Done()
					q := shape.query(t)
					resp, err := p.queryData(callContext(t), pctx, q)
					if err != nil {
						t.Error(err)
						return
					}
					checkAnswers(t, q.RefID, resp.Responses[q.RefID], shape.series)
				}()
			}
			wg.Wait()
			peak, err := p.memoryKiB("VmHWM")
			if err != nil {
				t.Fatal(err)
			}
			perQuery := (peak - base) / ceilingConcurrent
			t.Logf("RSS baseline %d MiB, peak %d MiB with %d queries at once: %d MiB per query (ceiling %d MiB)",
				base>>10, peak>>10, ceilingConcurrent, perQuery>>10, rssCeilingPerQuery>>10)
			if perQuery > rssCeilingPerQuery {
				t.Errorf("%d MiB per concurrent query, more than the stated %d MiB", perQuery>>10, rssCeilingPerQuery>>10)
			}
			after := settledRSS(t, p, base)
			t.Logf("RSS after: %d MiB", after>>10)
		})
	}
}

// gridAnswer answers range queries with series series holding a sample at
// every step the request asks for (so detection grids fill completely),
// and the health check's 1+1 with 2.
func gridAnswer(series int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if !strings.HasSuffix(r.URL.Path, "/query_range") {
			_ = json.NewEncoder(w).Encode(map[string]any{"status": "success",
				"data": map[string]any{"resultType": "scalar", "result": []any{float64(time.Now().Unix()), "2"}}})
			return
		}
		start, err1 := strconv.ParseFloat(r.FormValue("start"), 64)
		end, err2 := strconv.ParseFloat(r.FormValue("end"), 64)
		step, err3 := strconv.ParseFloat(r.FormValue("step"), 64)
		if err1 != nil || err2 != nil || err3 != nil || step <= 0 {
			http.Error(w, "bad range", http.StatusBadRequest)
			return
		}
		bw := bufio.NewWriterSize(w, 1<<16)
		defer func() { _ = bw.Flush() }()
		bw.WriteString(matrixPrefix)
		for i := range series {
			if i > 0 {
				bw.WriteByte(',')
			}
			fmt.Fprintf(bw, `{"metric":{"__name__":"ce_ceiling","series":"%d"},"values":[`, i)
			for k := 0; start+float64(k)*step <= end+1e-9; k++ {
				if k > 0 {
					bw.WriteByte(',')
				}
				bw.WriteByte('[')
				bw.WriteString(strconv.FormatFloat(start+float64(k)*step, 'f', -1, 64))
				bw.WriteString(`,"`)
				bw.WriteString(strconv.Itoa(50 + (k*7+i)%13))
				bw.WriteString(`"]`)
			}
			bw.WriteString("]}")
		}
		bw.WriteString("]}}")
	})
}
