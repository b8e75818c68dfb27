package frames

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"

	"github.com/claudeenhancer/monitoring/pkg/detect"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

var nan = math.NaN()

// bandsInput is two series of four points: the first starts in warm-up
// (no baseline) and has a gap, the second flags its third point.
func bandsInput() []BandSeries {
	at := func(i int) time.Time { return time.UnixMilli(t0).UTC().Add(time.Duration(i) * time.Minute) }
	times := []time.Time{at(0), at(1), at(2), at(3)}
	return []BandSeries{
		{
			Labels: prom.Labels{"__name__": "errors", "service": "api-gateway"}, Times: times,
			Values: []float64{1, 2, nan, 2},
			Bands: detect.Bands{
				Yhat: []float64{nan, 1.5, nan, 1.5}, Lower: []float64{nan, 1, nan, 1}, Upper: []float64{nan, 2, nan, 2},
				Score: []float64{nan, 1, nan, 1}, Anomaly: []bool{false, false, false, false},
			},
		},
		{
			Labels: prom.Labels{"__name__": "errors", "service": "auth"}, Times: times,
			Values: []float64{5, 5, 9, 5},
			Bands: detect.Bands{
				Yhat: []float64{5, 5, 5, 5}, Lower: []float64{4, 4, 4, 4}, Upper: []float64{6, 6, 6, 6},
				Score: []float64{0, 0, 4, 0}, Anomaly: []bool{false, false, true, false},
			},
		},
	}
}

func TestBandsGolden(t *testing.T) {
	dr := backend.DataResponse{Frames: Bands(bandsInput(), "{{service}}", "errors\nDetector: robust", time.Minute)}
	experimental.CheckGoldenJSONResponse(t, "testdata", "bands-two-series-warmup-and-anomaly", &dr, *update)
}

// A NaN in a frame makes Grafana's time series panel draw nothing: warm-up
// and gaps must arrive as nulls.
func TestBandsSendNullNeverNaN(t *testing.T) {
	fs := Bands(bandsInput(), "", "", time.Minute)
	raw, err := json.Marshal(fs[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, fld := range fs[0].Fields[1:] {
		for i := range fld.Len() {
			if v, ok := fld.ConcreteAt(i); ok {
				if f, isFloat := v.(float64); isFloat && math.IsNaN(f) {
					t.Errorf("field %s row %d is NaN", fld.Name, i)
				}
			}
		}
	}
	if strings.Contains(string(raw), "NaN") {
		t.Errorf("the frame's JSON carries NaN: %s", raw)
	}
	if v := fs[0].Fields[2].At(0).(*float64); v != nil {
		t.Errorf("warm-up baseline is %v, want null", *v)
	}
}

// A stock time series panel: one legend entry per series plus its
// baseline, the band shaded from its upper edge down to the lower edge
// named by display name, flagged points red.
func TestBandsDisplayForAStockTimeSeriesPanel(t *testing.T) {
	f := Bands(bandsInput(), "{{service}}", "", time.Minute)[1]
	byName := map[string]*data.Field{}
	for _, fld := range f.Fields[1:] {
		byName[fld.Name] = fld
	}
	names := map[string]string{}
	var inLegend []string
	for name, fld := range byName {
		names[name] = fld.Config.DisplayNameFromDS
		hide, _ := fld.Config.Custom["hideFrom"].(map[string]bool)
		if !hide["legend"] {
			inLegend = append(inLegend, fld.Config.DisplayNameFromDS)
		}
	}
	if names[FieldValue] != "auth" || names[FieldYhat] != "auth · baseline" || names[FieldLower] != "auth · band" {
		t.Errorf("display names %v", names)
	}
	if len(inLegend) != 2 {
		t.Errorf("legend entries %v, want the series and its baseline", inLegend)
	}
	if got := byName[FieldUpper].Config.Custom["fillBelowTo"]; got != names[FieldLower] {
		t.Errorf("upper fills below to %v, want the lower edge's display name %q", got, names[FieldLower])
	}
	if names[FieldUpper] == names[FieldLower] {
		t.Errorf("both band edges are %q: Grafana resolves fillBelowTo by display name, so the fill would have nothing to fill to", names[FieldUpper])
	}
	pts := byName[FieldPoints]
	if pts.Config.Custom["drawStyle"] != "points" || pts.Config.Color["fixedColor"] != anomalyColour {
		t.Errorf("anomaly_points config %+v", pts.Config)
	}
	for i := range pts.Len() {
		v, ok := pts.ConcreteAt(i)
		if flagged := i == 2; flagged != ok || flagged && v.(float64) != 9 {
			t.Errorf("anomaly_points row %d = %v, want the value 9 at the flagged row and null elsewhere", i, v)
		}
	}
}

func TestEventsGolden(t *testing.T) {
	start := time.UnixMilli(t0).UTC().Add(14*time.Hour + 20*time.Minute)
	in := EventsInput{
		Series: []prom.Labels{{"service": "api-gateway"}, {"service": "auth"}, {"service": "dashboard"}},
		Unit:   "/s", Step: time.Minute, Executed: "sum by (service) (rate(errors_total[5m]))",
		Notices: []string{"seasonal baseline warming up until 2026-11-26 03:00 UTC"},
		Rows: []EventRow{
			{Start: start, End: start.Add(14 * time.Minute), Labels: prom.Labels{"service": "api-gateway"}, Kind: "anomaly", Method: "robust",
				Direction: "up", PeakScore: 7.5, Value: 2.4, Yhat: 0.04, Lower: 0, Upper: 0.31},
			{Start: start, End: start, Labels: prom.Labels{"service": "auth"}, Kind: "anomaly", Method: "seasonal",
				Direction: "down", PeakScore: 2, Value: 1, Yhat: 3, Lower: 2, Upper: 4, References: []float64{3, nan, 3.2}},
		},
	}
	dr := backend.DataResponse{Frames: Events(in)}
	experimental.CheckGoldenJSONResponse(t, "testdata", "events-readable", &dr, *update)
}
