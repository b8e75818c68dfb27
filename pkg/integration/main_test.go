package integration

import (
	"context"
	"encoding/json"
	"math"
	"net"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/claudeenhancer/monitoring/internal/testenv"
	"github.com/claudeenhancer/monitoring/pkg/plugin"
)

func TestMain(m *testing.M) {
	// The SDK logs at debug level to stderr by default; its per-request debug
	// lines would interleave with benchmark results.
	log.DefaultLogger = log.NewWithLevel(log.Info)
	testenv.Main(m)
}

// upstreams returns the shared Prometheus and VictoriaMetrics, both serving
// testenv.SharedFixture().
func upstreams(t *testing.T) []*testenv.Upstream {
	t.Helper()
	return testenv.SharedUpstreams(t)
}

// settingsFor is what Grafana sends for a datasource pointing at url.
func settingsFor(url string) backend.DataSourceInstanceSettings {
	return backend.DataSourceInstanceSettings{
		UID:                     "integration",
		Type:                    "claudeenhancer-anomaly-datasource",
		Name:                    "integration",
		URL:                     url,
		JSONData:                []byte(`{"httpMethod":"POST"}`),
		DecryptedSecureJSONData: map[string]string{},
		Updated:                 time.Unix(0, 0),
	}
}

// newDatasource builds the datasource exactly as the instance manager does.
func newDatasource(t testing.TB, url string) (*plugin.Datasource, backend.PluginContext) {
	t.Helper()
	s := settingsFor(url)
	inst, err := plugin.NewDatasource(context.Background(), s)
	if err != nil {
		t.Fatalf("NewDatasource(%s): %v", url, err)
	}
	ds, ok := inst.(*plugin.Datasource)
	if !ok {
		t.Fatalf("NewDatasource returned %T, want *plugin.Datasource", inst)
	}
	t.Cleanup(ds.Dispose)
	return ds, backend.PluginContext{
		OrgID:                      1,
		PluginID:                   "claudeenhancer-anomaly-datasource",
		DataSourceInstanceSettings: &s,
	}
}

// seriesQuery is a "series" query as the frontend sends it.
type seriesQuery struct {
	RefID, Expr, Legend string
	From, To            time.Time
	Interval            time.Duration
}

func (q seriesQuery) dataQuery(t testing.TB) backend.DataQuery {
	t.Helper()
	body, err := json.Marshal(map[string]string{
		"refId":        q.RefID,
		"queryType":    "series",
		"expr":         q.Expr,
		"legendFormat": q.Legend,
		"minStep":      "15s",
	})
	if err != nil {
		t.Fatal(err)
	}
	interval := q.Interval
	if interval == 0 {
		interval = 15 * time.Second
	}
	return backend.DataQuery{
		RefID:         q.RefID,
		QueryType:     "series",
		TimeRange:     backend.TimeRange{From: q.From, To: q.To},
		Interval:      interval,
		MaxDataPoints: 11000,
		JSON:          body,
	}
}

// closedPortURL is an http URL on 127.0.0.1 where nothing listens: the port
// was free a moment ago and is closed again.
func closedPortURL(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return "http://" + addr
}

// sameFloat is == that also matches NaN with NaN.
func sameFloat(a, b float64) bool {
	return a == b || (math.IsNaN(a) && math.IsNaN(b))
}

// relClose reports |got-want| <= tol·|want| (or both exactly zero).
func relClose(got, want, tol float64) bool {
	if want == 0 {
		return got == 0
	}
	return math.Abs(got-want) <= tol*math.Abs(want)
}
