package plugin

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
	"github.com/grafana/grafana-plugin-sdk-go/backend/resource/httpadapter"

	"github.com/claudeenhancer/monitoring/internal/promfake"
	"github.com/claudeenhancer/monitoring/pkg/internal/fanout"
	"github.com/claudeenhancer/monitoring/pkg/models"
)

// recordingLogger keeps the Error lines the plugin writes to backend.Logger.
type recordingLogger struct {
	mu     sync.Mutex
	errors []string
}

func (l *recordingLogger) Debug(string, ...any) {}
func (l *recordingLogger) Info(string, ...any)  {}
func (l *recordingLogger) Warn(string, ...any)  {}
func (l *recordingLogger) Error(msg string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errors = append(l.errors, fmt.Sprintln(append([]any{msg}, args...)...))
}
func (l *recordingLogger) With(...any) log.Logger                 { return l }
func (l *recordingLogger) Level() log.Level                       { return log.Debug }
func (l *recordingLogger) FromContext(context.Context) log.Logger { return l }

func (l *recordingLogger) lines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.errors...)
}

// recordLogs points backend.Logger at a recorder for the test.
func recordLogs(t *testing.T) *recordingLogger {
	l := &recordingLogger{}
	old := backend.Logger
	backend.Logger = l
	t.Cleanup(func() { backend.Logger = old })
	return l
}

// panicValue is what the injected panics carry: it looks like data a panic
// might hold (a label value, a token), which must stay out of responses.
const panicValue = "token=s3cr3t service=payments"

// A panic two goroutines deep (a chunk fetch inside a query) fails that
// query alone, with a 500 plugin error that names the query type and not
// the panic value; its siblings answer, and the log has value and stack.
func TestAPanickingQueryFailsAloneWithAnInternalError(t *testing.T) {
	logs := recordLogs(t)
	real := dispatch
	t.Cleanup(func() { dispatch = real })
	dispatch = func(d *Datasource, ctx context.Context, q models.Query) backend.DataResponse {
		if q.RefID == "B" {
			fanout.Run(3, func(i int) {
				if i == 1 {
					panic(panicValue)
				}
			})
		}
		return real(d, ctx, q)
	}
	_, ds := spikeUpstream(t)
	from, to := promfake.T0, promfake.T0.Add(time.Hour)
	r := runQueries(t, ds,
		detectionDataQuery("A", anomalyJSON(""), from, to, 1000),
		detectionDataQuery("B", `{"refId":"B","queryType":"anomaly","expr":"latency"}`, from, to, 1000),
		seriesQuery("C", "latency"))
	for _, ref := range []string{"A", "C"} {
		if got := r[ref]; got.Error != nil || len(got.Frames) == 0 {
			t.Errorf("%s: %v, %d frames; a sibling must answer", ref, got.Error, len(got.Frames))
		}
	}
	b := r["B"]
	if b.Status != backend.StatusInternal || b.ErrorSource != backend.ErrorSourcePlugin || b.Error == nil {
		t.Fatalf("B: status %d source %q err %v, want a 500 plugin error", b.Status, b.ErrorSource, b.Error)
	}
	if want := "internal error in the anomaly query; see the plugin log"; b.Error.Error() != want {
		t.Errorf("B says %q, want %q", b.Error, want)
	}
	lines := logs.lines()
	if len(lines) != 1 || !strings.Contains(lines[0], panicValue) || !strings.Contains(lines[0], "recover_test.go") ||
		!strings.Contains(lines[0], "refId B") {
		t.Errorf("log lines %q, want one with the ref id, the value and the stack of the panic", lines)
	}
}

// A datasource without a client is a bug no constructor produces; calling
// through the nil client panics in the query's goroutine (series) or in a
// chunk fetch's (anomaly, trend, forecast, slo), as any nil dereference in
// those paths would.
func TestAQueryThatPanicsInsideAFetchGoroutineAnswersWithAnInternalError(t *testing.T) {
	recordLogs(t)
	ds := &Datasource{}
	from, to := promfake.T0, promfake.T0.Add(time.Hour)
	sloBody := `{"refId":"E","queryType":"slo","slo":{"id":"x","sli":{"kind":"ratio","good":"g","total":"t"},"objective":0.99,"window":"1d"}}`
	r := runQueries(t, ds, seriesQuery("A", "up"),
		detectionDataQuery("B", anomalyJSON(""), from, to, 1000),
		detectionDataQuery("C", `{"queryType":"trend","expr":"up"}`, from, to, 1000),
		detectionDataQuery("D", `{"queryType":"forecast","expr":"up"}`, from, to, 1000),
		detectionDataQuery("E", sloBody, from, to, 1000))
	for ref, typ := range map[string]string{"A": "series", "B": "anomaly", "C": "trend", "D": "forecast", "E": "slo"} {
		got := r[ref]
		want := "internal error in the " + typ + " query; see the plugin log"
		if got.Status != backend.StatusInternal || got.ErrorSource != backend.ErrorSourcePlugin || got.Error == nil || got.Error.Error() != want {
			t.Errorf("%s: status %d source %q err %v, want a 500 plugin error %q", ref, got.Status, got.ErrorSource, got.Error, want)
		}
	}
}

func TestAPanickingHealthCheckIsAnUnhealthyResult(t *testing.T) {
	logs := recordLogs(t)
	res, err := (&Datasource{}).CheckHealth(context.Background(), &backend.CheckHealthRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != backend.HealthStatusError || res.Message != "internal error in the health check; see the plugin log" {
		t.Errorf("got %v %q", res.Status, res.Message)
	}
	if len(logs.lines()) != 1 {
		t.Errorf("log lines %q, want one", logs.lines())
	}
}

func TestAPanickingResourceCallIsA500(t *testing.T) {
	recordLogs(t)
	ds := &Datasource{}
	ds.resources = httpadapter.New(ds.routes())
	status, body := callResource(t, ds, "labels")
	if status != 500 || string(body) != `{"message":"internal error in the resource call; see the plugin log"}` {
		t.Errorf("got %d %s", status, body)
	}
}
