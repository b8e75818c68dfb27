package integration

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/plugin"
)

// detectionQuery is an anomaly, trend or forecast query as the frontend
// sends it: the detection options are flat fields next to expr.
type detectionQuery struct {
	RefID, Type, Expr string
	Options           map[string]any
	From, To          time.Time
	MaxDataPoints     int64         // 0: 43,200, enough never to thin a day at 1 m
	Interval          time.Duration // 0: 15 s
}

func (q detectionQuery) dataQuery(t testing.TB) backend.DataQuery {
	t.Helper()
	body := map[string]any{"refId": q.RefID, "queryType": q.Type, "expr": q.Expr}
	for k, v := range q.Options {
		body[k] = v
	}
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	maxPoints, interval := q.MaxDataPoints, q.Interval
	if maxPoints == 0 {
		maxPoints = 43200
	}
	if interval == 0 {
		interval = 15 * time.Second
	}
	return backend.DataQuery{
		RefID: q.RefID, QueryType: q.Type, JSON: raw,
		TimeRange: backend.TimeRange{From: q.From, To: q.To}, Interval: interval, MaxDataPoints: maxPoints,
	}
}

// runDetection runs one query through QueryData and fails on its error.
func runDetection(t testing.TB, ds *plugin.Datasource, pctx backend.PluginContext, q detectionQuery) data.Frames {
	t.Helper()
	if q.RefID == "" {
		q.RefID = "A"
	}
	resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pctx, Queries: []backend.DataQuery{q.dataQuery(t)}})
	if err != nil {
		t.Fatal(err)
	}
	dr := resp.Responses[q.RefID]
	if dr.Error != nil {
		t.Fatalf("%s query %s %v: %v", q.Type, q.Expr, q.Options, dr.Error)
	}
	return dr.Frames
}

// event is one row of an events frame.
type event struct {
	Start, End time.Time
	Title      string
	Tags       string
	Series     string
	PeakScore  float64
}

func (e event) kind() string { k, _, _ := strings.Cut(e.Tags, ","); return k }

// direction is the last tag: up or down.
func (e event) direction() string { return e.Tags[strings.LastIndex(e.Tags, ",")+1:] }

func readEvents(t testing.TB, fs data.Frames) []event {
	t.Helper()
	if len(fs) != 1 {
		t.Fatalf("%d frames, want one events table", len(fs))
	}
	f := fs[0]
	col := func(name string) *data.Field {
		fld, i := f.FieldByName(name)
		if i < 0 {
			t.Fatalf("events frame has no %q field", name)
		}
		return fld
	}
	start, end, title, tags, series, peak := col("time"), col("timeEnd"), col("title"), col("tags"), col("series"), col("peak_score")
	out := make([]event, f.Rows())
	for i := range out {
		out[i] = event{
			Start: start.At(i).(time.Time), End: end.At(i).(time.Time),
			Title: title.At(i).(string), Tags: tags.At(i).(string), Series: series.At(i).(string),
			PeakScore: peak.At(i).(float64),
		}
	}
	return out
}

// bandPoint is one row of a bands frame.
type bandPoint struct {
	Time                             time.Time
	Value, Yhat, Lower, Upper, Score float64
	Anomaly                          bool
}

// readBands returns the points of a bands frame by time.
func readBands(t testing.TB, f *data.Frame) []bandPoint {
	t.Helper()
	col := func(name string) *data.Field {
		fld, i := f.FieldByName(name)
		if i < 0 {
			t.Fatalf("bands frame %q has no %q field", f.Name, name)
		}
		return fld
	}
	tm := col("Time")
	v, y, lo, hi, s, a := col("value"), col("yhat"), col("yhat_lower"), col("yhat_upper"), col("anomaly_score"), col("anomaly")
	out := make([]bandPoint, f.Rows())
	for i := range out {
		out[i] = bandPoint{
			Time: tm.At(i).(time.Time), Value: orNaN(v.At(i)), Yhat: orNaN(y.At(i)),
			Lower: orNaN(lo.At(i)), Upper: orNaN(hi.At(i)), Score: orNaN(s.At(i)), Anomaly: a.At(i).(float64) == 1,
		}
	}
	return out
}

// orNaN reads a nullable band field's entry, null as NaN.
func orNaN(v any) float64 {
	if p := v.(*float64); p != nil {
		return *p
	}
	return math.NaN()
}

// readScores returns the (time, anomaly_score) points of a score frame.
func readScores(t testing.TB, f *data.Frame) ([]time.Time, []float64) {
	t.Helper()
	if len(f.Fields) != 2 || f.Fields[1].Name != "anomaly_score" {
		t.Fatalf("score frame fields %v, want [time, anomaly_score]", f.Fields)
	}
	times := make([]time.Time, f.Rows())
	scores := make([]float64, f.Rows())
	for i := range times {
		times[i] = f.Fields[0].At(i).(time.Time)
		scores[i] = f.Fields[1].At(i).(float64)
	}
	return times, scores
}

// offset formats at − ref for logs: "+1m0s", "-2h28m0s".
func offset(at, ref time.Time) string {
	d := at.Sub(ref)
	if d < 0 {
		return "-" + (-d).String()
	}
	return "+" + d.String()
}
