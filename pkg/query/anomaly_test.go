package query

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/internal/frametest"
	"github.com/claudeenhancer/monitoring/internal/promfake"
)

// The anomaly engine over the in-memory fetcher: two level series,
// 100 + N(0, 1) on a 1-minute grid; service "a" has a +30 spike for one
// minute at promfake.SpikeAt.
func spikeFake() (*fakeFetcher, *Engine) {
	f := &fakeFetcher{series: []promfake.Series{promfake.Level("a", 1, true), promfake.Level("b", 2, false)}}
	return f, New(f, 15*time.Second)
}

func anomalyJSON(extra string) string {
	return `{"refId":"A","queryType":"anomaly","expr":"latency","legendFormat":"{{service}}"` + extra + `}`
}

var bandFields = []string{"Time", "value", "yhat", "yhat_lower", "yhat_upper", "anomaly_score", "anomaly", "anomaly_points"}

func TestAnomalyBandsCarryTheContractFieldsAndScoreAboveOneMeansOutsideTheBand(t *testing.T) {
	_, e := spikeFake()
	r := runQuery(t, e, anomalyJSON(`,"method":"zscore","window":"1h","persistence":"1/1","output":"bands"`), promfake.T0, promfake.T0.Add(6*time.Hour), 1000)
	fs := r
	if len(fs) != 2 {
		t.Fatalf("%d frames, want one per series", len(fs))
	}
	for i, svc := range []string{"a", "b"} {
		f := fs[i]
		var names []string
		for _, fld := range f.Fields {
			names = append(names, fld.Name)
		}
		if strings.Join(names, ",") != strings.Join(bandFields, ",") {
			t.Fatalf("frame %d fields %v, want %v", i, names, bandFields)
		}
		for _, fld := range f.Fields[1:] {
			if fld.Labels["service"] != svc || fld.Labels["__name__"] != "latency" {
				t.Errorf("field %s labels %v, want the series' labels (service %s)", fld.Name, fld.Labels, svc)
			}
		}
		if name := f.Fields[1].Config.DisplayNameFromDS; name != svc {
			t.Errorf("value display name %q, want %q from the legend", name, svc)
		}
		if !strings.Contains(f.Meta.ExecutedQueryString, "Detector: zscore, window 1h") {
			t.Errorf("executed %q does not describe the detector", f.Meta.ExecutedQueryString)
		}
		value, lower, upper := frametest.Column(t, f, "value"), frametest.Column(t, f, "yhat_lower"), frametest.Column(t, f, "yhat_upper")
		score, flag := frametest.Column(t, f, "anomaly_score"), frametest.Column(t, f, "anomaly")
		if len(value) != 361 {
			t.Errorf("%d points, want 361 (6 h at the 1 m detector step)", len(value))
		}
		for j := range value {
			if math.IsNaN(score[j]) {
				t.Fatalf("point %d has no score: the warm-up should cover the visible range", j)
			}
			outside := value[j] < lower[j] || value[j] > upper[j]
			if (score[j] > 1) != outside {
				t.Errorf("point %d: value %v, band [%v, %v], score %v: score > 1 must mean outside", j, value[j], lower[j], upper[j], score[j])
			}
			if (flag[j] == 1) != (score[j] > 1) {
				t.Errorf("point %d: anomaly %v with score %v (no persistence: anomaly ⇔ score > 1)", j, flag[j], score[j])
			}
		}
	}
}

func TestAnomalyScoreOutputIsTimeseriesMultiWithOneNumberPerFrame(t *testing.T) {
	_, e := spikeFake()
	r := runQuery(t, e, anomalyJSON(`,"output":"score"`), promfake.T0, promfake.T0.Add(time.Hour), 43200)
	fs := r
	if len(fs) != 2 {
		t.Fatalf("%d frames, want one per series", len(fs))
	}
	for _, f := range fs {
		if f.Meta.Type != data.FrameTypeTimeSeriesMulti || f.Meta.TypeVersion != (data.FrameTypeVersion{0, 1}) {
			t.Errorf("meta %+v, want timeseries-multi 0.1 (what Alerting reads)", f.Meta)
		}
		if len(f.Fields) != 2 || f.Fields[0].Type() != data.FieldTypeTime || f.Fields[1].Type() != data.FieldTypeFloat64 {
			t.Fatalf("fields %v, want [time, one float64]", f.Fields)
		}
		if v := f.Fields[1]; v.Name != "anomaly_score" || v.Labels["service"] == "" {
			t.Errorf("value field %q labels %v, want anomaly_score with the series' labels", v.Name, v.Labels)
		}
		if f.Rows() != 61 {
			t.Errorf("%d rows, want 61", f.Rows())
		}
	}
}

func TestAnomalyEventsAreOneAnnotationTableWithTheSpikeAtItsTime(t *testing.T) {
	_, e := spikeFake()
	r := runQuery(t, e, anomalyJSON(`,"method":"robust","threshold":5,"persistence":"1/1","output":"events"`), promfake.T0, promfake.T0.Add(6*time.Hour), 1000)
	fs := r
	if len(fs) != 1 || fs[0].Meta.Type != data.FrameTypeTable {
		t.Fatalf("%d frames (%v), want one table", len(fs), fs)
	}
	f := fs[0]
	for i, want := range []struct {
		name string
		typ  data.FieldType
	}{{"time", data.FieldTypeTime}, {"timeEnd", data.FieldTypeTime}, {"title", data.FieldTypeString}, {"text", data.FieldTypeString}, {"tags", data.FieldTypeString}} {
		if f.Fields[i].Name != want.name || f.Fields[i].Type() != want.typ {
			t.Errorf("field %d is %s %s, want %s %s (Grafana's annotation columns)", i, f.Fields[i].Name, f.Fields[i].Type(), want.name, want.typ)
		}
	}
	// A 30σ point against a 5σ robust band: the only event, at the spike.
	if f.Rows() != 1 {
		t.Fatalf("%d events, want the spike alone", f.Rows())
	}
	start, end := frametest.Times(t, f, "time")[0], frametest.Times(t, f, "timeEnd")[0]
	if !start.Equal(promfake.SpikeAt) || !end.Equal(promfake.SpikeAt) {
		t.Errorf("event %v – %v, want the spike's minute %v", start, end, promfake.SpikeAt)
	}
	row := func(name string) string { fld, _ := f.FieldByName(name); return fld.At(0).(string) }
	if tags := row("tags"); tags != "anomaly,robust,up" {
		t.Errorf("tags %q", tags)
	}
	// The legend format ({{service}}) names the series; a one-point event
	// is said at its minute, not "from X to X".
	if title := row("title"); title != "a: anomaly above the band" {
		t.Errorf("title %q, want the legend name and the direction", title)
	}
	if text := row("text"); !strings.Contains(text, "against a baseline of") || !strings.HasSuffix(text, "At 2026-11-27 03:00 UTC.") {
		t.Errorf("text %q does not explain the one-point event", text)
	}
}

func TestThinningToMaxDataPointsKeepsTheAnomalousPoint(t *testing.T) {
	_, e := spikeFake()
	// One day at 1 m is 1,441 points; 100 max data points make buckets of 15.
	r := runQuery(t, e, anomalyJSON(`,"persistence":"1/1","output":"bands"`), promfake.T0, promfake.T0.Add(24*time.Hour), 100)
	f := r[0]
	if f.Rows() > 100 {
		t.Fatalf("%d rows, want ≤ 100", f.Rows())
	}
	ts, score, flag := frametest.Times(t, f, "Time"), frametest.Column(t, f, "anomaly_score"), frametest.Column(t, f, "anomaly")
	for i := range ts {
		if ts[i].Equal(promfake.SpikeAt) {
			if !(score[i] > 1) || flag[i] != 1 {
				t.Errorf("the spike is shown with score %v, anomaly %v", score[i], flag[i])
			}
			return
		}
	}
	t.Errorf("the spike's point %v was thinned away; shown: %v", promfake.SpikeAt, ts)
}

func TestTheFirstVisiblePointAlreadyHasABaseline(t *testing.T) {
	for _, tc := range []struct{ name, extra string }{
		{"zscore", `,"method":"zscore","window":"30m"`},
		{"robust", `,"method":"robust","window":"30m"`},
		{"ewma", `,"method":"ewma","window":"30m"`},
		{"seasonal", `,"method":"seasonal","window":"30m","season":"1h","seasons":2`},
		{"holtwinters", `,"method":"holtwinters","season":"1h"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			up, e := spikeFake()
			from := promfake.T0.Add(5 * time.Hour)
			r := runQuery(t, e, anomalyJSON(tc.extra+`,"output":"bands"`), from, from.Add(time.Hour), 1000)
			f := r[0]
			if ts := frametest.Times(t, f, "Time"); !ts[0].Equal(from) {
				t.Fatalf("first point at %v, want %v", ts[0], from)
			}
			if yhat := frametest.Column(t, f, "yhat"); math.IsNaN(yhat[0]) || math.IsInf(yhat[0], 0) {
				t.Errorf("yhat at the first visible point is %v", yhat[0])
			}
			// The warm-up is fetched with the range, not as a second query.
			reqs := up.sortedRanges()
			if len(reqs) != 1 || float64(reqs[0].Start.Unix()) >= float64(from.Unix()) {
				t.Errorf("requests %v, want one starting before %v", reqs, from)
			}
		})
	}
}

func TestMoreThan11000DetectorStepsAreFetchedInChunks(t *testing.T) {
	up, e := spikeFake()
	// Two days at 15 s plus the 1 h warm-up: 11,760 intervals.
	from, to := promfake.T0, promfake.T0.Add(48*time.Hour)
	r := runQuery(t, e, anomalyJSON(`,"detectorStep":"15s","output":"bands"`), from, to, 20000)
	fs := r
	reqs := up.sortedRanges()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2 chunks", len(reqs))
	}
	for i, form := range reqs {
		start, end := float64(form.Start.Unix()), float64(form.End.Unix())
		if (end-start)/15 > 11000 {
			t.Errorf("chunk %d has %v intervals", i, (end-start)/15)
		}
		if i > 0 {
			if prev := float64(reqs[i-1].End.Unix()); start != prev+15 {
				t.Errorf("chunk %d starts at %v, want %v: one step after the previous end, no gap, no overlap", i, start, prev+15)
			}
		}
	}
	if first, last := float64(reqs[0].Start.Unix()), float64(reqs[1].End.Unix()); first != float64(from.Add(-time.Hour).Unix()) || last != float64(to.Unix()) {
		t.Errorf("chunks cover %v – %v, want the warm-up start %v to %v", first, last, from.Add(-time.Hour).Unix(), to.Unix())
	}
	for _, f := range fs {
		ts, value := frametest.Times(t, f, "Time"), frametest.Column(t, f, "value")
		if len(ts) != 11521 {
			t.Fatalf("%d points, want 11,521", len(ts))
		}
		s := promfake.Level(f.Fields[1].Labels["service"], 1, true)
		if f.Fields[1].Labels["service"] == "b" {
			s = promfake.Level("b", 2, false)
		}
		for i, at := range ts {
			if want := s.At(at); !at.Equal(from.Add(time.Duration(i)*15*time.Second)) || value[i] != want {
				t.Fatalf("point %d: (%v, %v), want (%v, %v)", i, at, value[i], from.Add(time.Duration(i)*15*time.Second), want)
			}
		}
	}
}
