package integration

import (
	"context"
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/internal/testenv"
	"github.com/claudeenhancer/monitoring/pkg/frames"
	"github.com/claudeenhancer/monitoring/pkg/plugin"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// sloReq is an "slo" query as the frontend and alert rules send it.
type sloReq struct {
	RefID      string
	SLOID      string
	Inline     *slo.SLO
	Output     string
	BucketStep string
	Now        time.Time // the time range end: the evaluation instant
	From       time.Time // zero: Now − 1h
}

func (r sloReq) dataQuery(t testing.TB) backend.DataQuery {
	t.Helper()
	body := map[string]any{"refId": r.RefID, "queryType": "slo"}
	if r.SLOID != "" {
		body["sloId"] = r.SLOID
	}
	if r.Inline != nil {
		body["slo"] = r.Inline
	}
	if r.Output != "" {
		body["output"] = r.Output
	}
	if r.BucketStep != "" {
		body["bucketStep"] = r.BucketStep
	}
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	from := r.From
	if from.IsZero() {
		from = r.Now.Add(-time.Hour)
	}
	return backend.DataQuery{
		RefID: r.RefID, QueryType: "slo", JSON: raw, MaxDataPoints: 1000, Interval: 15 * time.Second,
		TimeRange: backend.TimeRange{From: from, To: r.Now},
	}
}

// sloDatasource is the datasource with catalog in jsonData.slos, built as
// the instance manager builds it.
func sloDatasource(t testing.TB, url string, catalog slo.Catalog) *plugin.Datasource {
	t.Helper()
	slos, err := json.Marshal(catalog)
	if err != nil {
		t.Fatal(err)
	}
	s := settingsFor(url)
	s.JSONData = []byte(`{"httpMethod":"POST","timeInterval":"15s","slos":` + string(slos) + `}`)
	inst, err := plugin.NewDatasource(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	ds := inst.(*plugin.Datasource)
	t.Cleanup(ds.Dispose)
	return ds
}

// runSLO runs the queries in one request and fails on any query error.
func runSLO(t testing.TB, ds *plugin.Datasource, reqs ...sloReq) map[string]backend.DataResponse {
	t.Helper()
	req := &backend.QueryDataRequest{}
	for i, r := range reqs {
		if r.RefID == "" {
			r.RefID = string(rune('A' + i))
			reqs[i] = r
		}
		req.Queries = append(req.Queries, r.dataQuery(t))
	}
	resp, err := ds.QueryData(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]backend.DataResponse{}
	for _, r := range reqs {
		dr := resp.Responses[r.RefID]
		if dr.Error != nil {
			t.Fatalf("%s: %v", r.RefID, dr.Error)
		}
		out[r.RefID] = dr
	}
	return out
}

// row is one table row, field name → value (*float64 and float64 read as
// float64).
type sloRow map[string]any

func (r sloRow) f(name string) float64 {
	switch v := r[name].(type) {
	case float64:
		return v
	case *float64:
		if v == nil {
			return math.NaN()
		}
		return *v
	}
	panic("no float field " + name)
}

func sloRows(f *data.Frame) []sloRow {
	out := make([]sloRow, f.Rows())
	for i := range out {
		out[i] = sloRow{}
		for _, fld := range f.Fields {
			out[i][fld.Name] = fld.At(i)
		}
	}
	return out
}

// summaryOf returns the slo_summary row and the slo_burn_rates rows by
// long window.
func summaryOf(t testing.TB, dr backend.DataResponse) (sloRow, map[string]sloRow) {
	t.Helper()
	if len(dr.Frames) != 2 || dr.Frames[0].Name != frames.FrameSLOSummary || dr.Frames[1].Name != frames.FrameSLOBurnRates {
		t.Fatalf("summary frames: %v", dr.Frames)
	}
	pairs := map[string]sloRow{}
	for _, r := range sloRows(dr.Frames[1]) {
		pairs[r["long_window"].(string)] = r
	}
	return sloRows(dr.Frames[0])[0], pairs
}

// instant evaluates expr at t on Prometheus; NaN when the result is empty.
func promInstant(t testing.TB, c *prom.Client, expr string, at time.Time) float64 {
	t.Helper()
	samples, _, err := c.Query(context.Background(), expr, at)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	if len(samples) == 0 {
		return math.NaN()
	}
	if len(samples) > 1 {
		t.Fatalf("%s: %d samples", expr, len(samples))
	}
	return samples[0].Value
}

// within reports |got − want| ≤ tol·|want|, NaN matching NaN and ±Inf
// matching itself.
func sloWithin(got, want, tol float64) bool {
	if math.IsNaN(want) || math.IsInf(want, 0) {
		return sameFloat(got, want)
	}
	return math.Abs(got-want) <= tol*math.Abs(want)
}

func checkClose(t testing.TB, what string, got, want, tol float64) {
	t.Helper()
	if !sloWithin(got, want, tol) {
		t.Errorf("%s = %.12g, want %.12g (relative tolerance %g, off by %.3g)", what, got, want, tol, (got-want)/want)
	}
}

// truth holds the fixture's exact event counts for a ratio SLO.
type sloTruth struct {
	fx        *testenv.SLO
	bad, all  []string
	lateBirth bool // the ids include testenv.AuthLate
}

func newSLOTruth(fx *testenv.SLO, bad, all []string) sloTruth {
	tr := sloTruth{fx: fx, bad: bad, all: all}
	for _, id := range all {
		tr.lateBirth = tr.lateBirth || id == testenv.AuthLate
	}
	return tr
}

// counts returns bad and total events in (from, to] as Prometheus can see
// them: the exact counts less the late-born series' birth value, the one
// increment no increase() sees.
func (tr sloTruth) counts(from, to time.Time) (bad, total float64) {
	bad, total = tr.fx.Events(from, to, tr.bad...), tr.fx.Events(from, to, tr.all...)
	if tr.lateBirth && tr.fx.LateBirth.After(from) && !tr.fx.LateBirth.After(to) {
		bad -= tr.fx.LateBirthValue
		total -= tr.fx.LateBirthValue
	}
	return bad, total
}

// burn is the burn rate over (to−w, to] at objective o.
func (tr sloTruth) burn(o float64, w time.Duration, to time.Time) float64 {
	b, n := tr.counts(to.Add(-w), to)
	return b / n / (1 - o)
}
