package query

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/internal/promfake"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// sliProm is the fake SLI Prometheus with the engine of its datasource
// instance, which remembers the anchored probe's answer.
type sliProm struct {
	*promfake.SLI
	engine *Engine
}

func newSLIProm(t *testing.T, errorRatio float64) *sliProm {
	return &sliProm{SLI: promfake.NewSLI(t, errorRatio)}
}

// runSLO runs an SLO query of the catalog above on an engine reading up,
// over the hour before now, as a panel of 500 points asks it.
func runSLO(t *testing.T, up *sliProm, body string, now time.Time) data.Frames {
	t.Helper()
	s, err := models.LoadSettings(context.Background(), backend.DataSourceInstanceSettings{URL: up.URL,
		JSONData: []byte(`{"slos":` + promfake.SLOCatalogJSON + `}`)})
	if err != nil {
		t.Fatal(err)
	}
	q, err := models.ParseQuery(backend.DataQuery{RefID: "A", QueryType: "slo", JSON: []byte(body), MaxDataPoints: 500,
		TimeRange: backend.TimeRange{From: now.Add(-time.Hour), To: now}}, s)
	if err != nil {
		t.Fatal(err)
	}
	return runSLOQuery(t, up, q)
}

func runSLOQuery(t *testing.T, up *sliProm, q models.Query) data.Frames {
	t.Helper()
	if up.engine == nil {
		client, err := prom.NewClient(up.URL, up.Client(), prom.Options{})
		if err != nil {
			t.Fatal(err)
		}
		up.engine = New(client, 15*time.Second)
	}
	fs, err := up.engine.SLO(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// A constant error ratio a hair below a pair's threshold never fires it; a
// hair above always does. Every window sees the same ratio, so burn_alert
// is (1 ± 1e-3) for the pair whose threshold is set, exactly.
func TestSLOAlertFiresExactlyAboveEachThreshold(t *testing.T) {
	for _, p := range slo.Pairs(30*24*time.Hour, 0.999, 5*time.Minute) {
		for _, factor := range []float64{1 - 1e-3, 1 + 1e-3} {
			name := fmt.Sprintf("%s %s at %.4g × its threshold", p.Severity, p.Name(), factor)
			t.Run(name, func(t *testing.T) {
				up := newSLIProm(t, p.Threshold*0.001*factor)
				fs := runSLO(t, up, `{"queryType":"slo","sloId":"errors-30d","output":"alert"}`, promfake.SLONow)
				if len(fs) != 4 {
					t.Fatalf("%d frames, want one per pair", len(fs))
				}
				for _, f := range fs {
					v := f.Fields[0]
					if f.Meta.Type != data.FrameTypeNumericMulti || v.Name != "burn_alert" || v.Labels["slo"] != "errors-30d" {
						t.Fatalf("frame %s %+v", f.Meta.Type, v)
					}
					if v.Labels["long"] != slo.FormatDuration(p.Long) {
						continue
					}
					got, _ := v.FloatAt(0)
					if d := got - factor; d > 1e-9 || d < -1e-9 || (got > 1) != (factor > 1) || v.Labels["short"] != slo.FormatDuration(p.Short) {
						t.Errorf("burn_alert %v, want %v (fires %v)", got, factor, factor > 1)
					}
					return
				}
				t.Errorf("no frame for %s", p.Name())
			})
		}
	}
}

// Range queries cover aligned bucket ranges: 5-minute buckets ending at
// the evaluation instant rounded down to the minute (12:03, not 12:00, so
// the figures agree with 1-minute alert rules) and every 5 minutes before,
// one range per counter. The alert output reads only the longest pair
// window before now (3 days); the summary reads the whole window.
func TestSLOQueriesAreAlignedBucketRanges(t *testing.T) {
	end := promfake.SLONow.Truncate(time.Minute)
	if end.Equal(promfake.SLONow.Truncate(5 * time.Minute)) {
		t.Fatalf("SLONow %v is within a minute of a 5-minute bucket end: the test cannot tell the alignments apart", promfake.SLONow)
	}
	tests := []struct {
		output     string
		start, end time.Time // first and last bucket end
	}{
		{"alert", end.Add(-72*time.Hour + 5*time.Minute), end},
		{"summary", end.Add(-30*24*time.Hour + 5*time.Minute), end},
	}
	for _, tt := range tests {
		t.Run(tt.output, func(t *testing.T) {
			up := newSLIProm(t, 0)
			runSLO(t, up, `{"queryType":"slo","sloId":"errors-30d","output":"`+tt.output+`"}`, promfake.SLONow)
			if len(up.Forms()) != 2 {
				t.Fatalf("%d range queries, want one per counter", len(up.Forms()))
			}
			for _, f := range up.Forms() {
				if f["step"] != "300" || f["start"] != strconv.FormatInt(tt.start.Unix(), 10) || f["end"] != strconv.FormatInt(tt.end.Unix(), 10) {
					t.Errorf("range %v, want bucket ends %v … %v every 300 s", f, tt.start, tt.end)
				}
			}
		})
	}
}

// A server that parses the anchored modifier is asked for
// increase(x[5m] anchored); one that rejects it (Prometheus 2, 3.0–3.15,
// VictoriaMetrics) for the portable form. The answer is remembered; a
// failed probe (the server down for a moment) is not.
func TestSLOCounterFormFollowsTheAnchoredProbe(t *testing.T) {
	anchored := `sum(increase(http_requests_total[5m] anchored))`
	portable := "sum(" + slo.IncreaseExpr("http_requests_total", 5*time.Minute) + ")"
	tests := []struct {
		name       string
		probe      int
		want       string
		wantProbes int // after two queries
	}{
		{"a server with the anchored modifier gets it, asked once", http.StatusOK, anchored, 1},
		{"a server that cannot parse it gets the portable form, asked once", http.StatusBadRequest, portable, 1},
		{"VictoriaMetrics' 422 is a rejection too", http.StatusUnprocessableEntity, portable, 1},
		{"a failed probe gives the portable form and is asked again", http.StatusServiceUnavailable, portable, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			up := newSLIProm(t, 0)
			up.Probe = tt.probe
			for range 2 {
				runSLO(t, up, `{"queryType":"slo","sloId":"errors-30d","output":"alert"}`, promfake.SLONow)
			}
			if up.Probes() != tt.wantProbes {
				t.Errorf("%d probes, want %d", up.Probes(), tt.wantProbes)
			}
			for _, f := range up.Forms() {
				if q := f["query"]; q != tt.want && q != strings.Replace(tt.want, "http_requests_total", `http_requests_total{code=~"5.."}`, -1) {
					t.Errorf("query %s, want %s", q, tt.want)
				}
			}
		})
	}
}
