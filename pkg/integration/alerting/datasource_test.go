package alerting

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/internal/demostack"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/plugin"
)

// ours is our datasource as provisioned (ce-anomaly: its jsonData, SLO
// catalog included), pointed at the history's Prometheus and called in
// process through QueryData, as Grafana's alerting calls the plugin.
type ours struct {
	ds       *plugin.Datasource
	ctx      backend.PluginContext
	settings models.Settings
}

// ourDatasourceUID is the provisioned uid of our datasource.
const ourDatasourceUID = "ce-anomaly"

// instanceSettings builds the settings Grafana hands the plugin for a
// provisioned datasource, with url as its upstream.
func instanceSettings(t testing.TB, prov demostack.Datasource, url string) backend.DataSourceInstanceSettings {
	t.Helper()
	jsonData, err := json.Marshal(prov.JSONData)
	if err != nil {
		t.Fatal(err)
	}
	return backend.DataSourceInstanceSettings{
		UID: prov.UID, Name: prov.Name, Type: prov.Type, URL: url, JSONData: jsonData,
		DecryptedSecureJSONData: map[string]string{}, Updated: time.Unix(0, 0),
	}
}

func (h *history) ours(t *testing.T) *ours {
	t.Helper()
	prov, ok := demostack.ProvisionedDatasources(t)[ourDatasourceUID]
	if !ok {
		t.Fatalf("provisioning/datasources has no %s datasource", ourDatasourceUID)
	}
	s := instanceSettings(t, prov, h.Prometheus.URL)
	settings, err := models.LoadSettings(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := plugin.NewDatasource(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	ds := inst.(*plugin.Datasource)
	t.Cleanup(ds.Dispose)
	return &ours{ds: ds, ctx: backend.PluginContext{OrgID: 1, PluginID: prov.Type, DataSourceInstanceSettings: &s}, settings: settings}
}

// alertQuery is the DataQuery Grafana's alerting sends for a rule's query
// evaluated at `at`: the model as JSON, the relative time range ending at
// `at`, intervalMs and maxDataPoints from the model.
func alertQuery(t testing.TB, q *query, at time.Time) backend.DataQuery {
	t.Helper()
	body, err := json.Marshal(q.Model)
	if err != nil {
		t.Fatal(err)
	}
	interval := time.Second
	if ms, ok := number(q.Model["intervalMs"]); ok {
		interval = time.Duration(ms) * time.Millisecond
	}
	maxPoints := int64(43200)
	if n, ok := number(q.Model["maxDataPoints"]); ok {
		maxPoints = int64(n)
	}
	return backend.DataQuery{
		RefID: q.RefID, QueryType: q.QueryType, JSON: body, Interval: interval, MaxDataPoints: maxPoints,
		TimeRange: backend.TimeRange{
			From: at.Add(-time.Duration(q.RelativeTimeRange.From) * time.Second),
			To:   at.Add(-time.Duration(q.RelativeTimeRange.To) * time.Second),
		},
	}
}

// run sends one query and returns its frames, failing on an error.
func (o *ours) run(t testing.TB, q backend.DataQuery) data.Frames {
	t.Helper()
	resp, err := o.ds.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: o.ctx, Queries: []backend.DataQuery{q}})
	if err != nil {
		t.Fatal(err)
	}
	r := resp.Responses[q.RefID]
	if r.Error != nil {
		t.Fatalf("%s: %v", q.JSON, r.Error)
	}
	return r.Frames
}

// weekQuery is q over the whole week with room for one point per minute
// and its end (so detection output is not thinned).
func weekQuery(t testing.TB, model map[string]any, queryType string) backend.DataQuery {
	t.Helper()
	body, err := json.Marshal(model)
	if err != nil {
		t.Fatal(err)
	}
	points := int64(weekEnd.Sub(weekStart)/time.Minute) + 1
	return backend.DataQuery{
		RefID: "W", QueryType: queryType, JSON: body, Interval: time.Minute, MaxDataPoints: points,
		TimeRange: backend.TimeRange{From: weekStart, To: weekEnd},
	}
}

// numberSeries reads dataplane frames (timeseries-multi: time + one number
// field; numeric-multi: one number field) as label set → values, laying
// time series on times (NaN where a series has no point).
func numberSeries(frames data.Frames, times []time.Time) ([]instanceSeries, error) {
	index := map[int64]int{}
	for i, at := range times {
		index[at.Unix()] = i
	}
	var out []instanceSeries
	for _, f := range frames {
		var tf, vf *data.Field
		for _, fld := range f.Fields {
			switch {
			case fld.Type() == data.FieldTypeTime:
				tf = fld
			case fld.Type().Numeric():
				vf = fld
			}
		}
		if vf == nil {
			continue
		}
		labels := map[string]string{}
		for k, v := range vf.Labels {
			labels[k] = v
		}
		if tf == nil {
			v, _ := vf.FloatAt(0)
			out = append(out, instanceSeries{Labels: labels, Values: []float64{v}})
			continue
		}
		vals := make([]float64, len(times))
		for i := range vals {
			vals[i] = math.NaN()
		}
		for i := 0; i < tf.Len(); i++ {
			at := tf.At(i).(time.Time)
			k, ok := index[at.Unix()]
			if !ok {
				continue // outside the evaluated minutes
			}
			if v, err := vf.FloatAt(i); err == nil {
				vals[k] = v
			} else {
				return nil, fmt.Errorf("%s: %w", vf.Name, err)
			}
		}
		out = append(out, instanceSeries{Labels: labels, Values: vals})
	}
	return out, nil
}

// sameValue compares a value computed two ways: equal to 1e-9 relative, or
// both NaN.
func sameValue(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
