package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/grpcplugin"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
	hclog "github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"

	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// The built plugin binary, launched the way Grafana launches it
// (pkg/plugins/backendplugin/grpcplugin/client.go): hashicorp go-plugin,
// protocol 2, the grafana_plugin_type=datasource cookie, gRPC only, the four
// v2 services, a reduced environment. Requests and responses cross the wire
// as protobuf, converted with the SDK's ToProto/FromProto like Grafana does.

const buildCommand = "go run github.com/magefile/mage -v build:linux"

// pluginBinary is $PLUGIN_BINARY, else dist/datasource/<executable>_<os>_<arch>
// under the repository root, with <executable> read from plugin.json.
func pluginBinary(t *testing.T) string {
	t.Helper()
	testenv.RequireIntegration(t)
	if p := os.Getenv("PLUGIN_BINARY"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("PLUGIN_BINARY=%s: %v", p, err)
		}
		return p
	}
	root := repoRoot(t)
	raw, err := os.ReadFile(filepath.Join(root, "src", "datasource", "plugin.json"))
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Executable string `json:"executable"`
	}
	if err := json.Unmarshal(raw, &meta); err != nil || meta.Executable == "" {
		t.Fatalf("src/datasource/plugin.json: no executable (%v)", err)
	}
	p := filepath.Join(root, "dist", "datasource", fmt.Sprintf("%s_%s_%s", meta.Executable, runtime.GOOS, runtime.GOARCH))
	info, err := os.Stat(p)
	if err != nil {
		t.Fatalf("plugin binary %s not found: build it with `%s` at the repository root (or set PLUGIN_BINARY), or run go test -short to skip integration tests", p, buildCommand)
	}
	if src := newerSource(root, info.ModTime()); src != "" {
		t.Logf("warning: %s is newer than %s; this test runs the old binary until you rebuild with `%s`", src, p, buildCommand)
	}
	return p
}

// newerSource returns a Go source file of the plugin (pkg/, tests and test
// helpers excluded) modified after t, or "".
func newerSource(root string, t time.Time) string {
	var found string
	_ = filepath.WalkDir(filepath.Join(root, "pkg"), func(path string, d os.DirEntry, err error) error {
		switch {
		case err != nil || found != "":
			return filepath.SkipAll
		case d.IsDir() && (d.Name() == "integration" || d.Name() == "testenv" || d.Name() == "testdata"):
			return filepath.SkipDir
		case d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go"):
			return nil
		}
		if info, err := d.Info(); err == nil && info.ModTime().After(t) {
			found = path
		}
		return nil
	})
	return found
}

func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// grafanaEnv is the environment Grafana gives a plugin process: its own
// GF_* variables, not the host's environment.
var grafanaEnv = []string{
	"GF_VERSION=13.1.0",
	"GF_EDITION=oss",
	"GF_PLUGIN_APP_CLIENT_SECRET=",
}

// pluginClients is the dispensed gRPC clients of a launched plugin.
type pluginClients struct {
	diagnostics grpcplugin.DiagnosticsClient
	data        grpcplugin.DataClient
	resource    grpcplugin.ResourceClient
}

func launchPlugin(t *testing.T, bin string) pluginClients {
	t.Helper()
	c, _ := launchPluginCmd(t, exec.Command(bin), io.Discard)
	return c
}

// launchPluginCmd starts cmd (its Env defaults to grafanaEnv) as Grafana
// does and copies the plugin's raw stderr to stderr.
func launchPluginCmd(t *testing.T, cmd *exec.Cmd, stderr io.Writer) (pluginClients, *goplugin.Client) {
	t.Helper()
	bin := cmd.Path
	if cmd.Env == nil {
		cmd.Env = grafanaEnv
	}
	client := goplugin.NewClient(&goplugin.ClientConfig{
		HandshakeConfig: goplugin.HandshakeConfig{
			ProtocolVersion:  grpcplugin.ProtocolVersion,  // 2
			MagicCookieKey:   grpcplugin.MagicCookieKey,   // grafana_plugin_type
			MagicCookieValue: grpcplugin.MagicCookieValue, // datasource
		},
		VersionedPlugins: map[int]goplugin.PluginSet{
			grpcplugin.ProtocolVersion: {
				"diagnostics": &grpcplugin.DiagnosticsGRPCPlugin{},
				"resource":    &grpcplugin.ResourceGRPCPlugin{},
				"data":        &grpcplugin.DataGRPCPlugin{},
				"stream":      &grpcplugin.StreamGRPCPlugin{},
			},
		},
		Cmd:              cmd,
		AllowedProtocols: []goplugin.Protocol{goplugin.ProtocolGRPC},
		Logger:           testLogger(t),
		Stderr:           stderr,
		StartTimeout:     30 * time.Second,
	})
	t.Cleanup(client.Kill)
	rpc, err := client.Client()
	if err != nil {
		t.Fatalf("handshake with %s: %v", bin, err)
	}
	if v := client.NegotiatedVersion(); v != grpcplugin.ProtocolVersion {
		t.Fatalf("negotiated protocol %d, want %d", v, grpcplugin.ProtocolVersion)
	}
	var c pluginClients
	for name, dst := range map[string]any{"diagnostics": &c.diagnostics, "data": &c.data, "resource": &c.resource} {
		raw, err := rpc.Dispense(name)
		if err != nil {
			t.Fatalf("dispense %s: %v", name, err)
		}
		var ok bool
		switch d := dst.(type) {
		case *grpcplugin.DiagnosticsClient:
			*d, ok = raw.(grpcplugin.DiagnosticsClient)
		case *grpcplugin.DataClient:
			*d, ok = raw.(grpcplugin.DataClient)
		case *grpcplugin.ResourceClient:
			*d, ok = raw.(grpcplugin.ResourceClient)
		}
		if !ok {
			t.Fatalf("dispense %s: got %T", name, raw)
		}
	}
	return c, client
}

// testLogger routes go-plugin's log (including the plugin's stderr) to t.Log
// until the test ends.
func testLogger(t *testing.T) hclog.Logger {
	w := &testWriter{t: t}
	t.Cleanup(w.close) // registered before client.Kill, so it runs after it
	return hclog.New(&hclog.LoggerOptions{Name: "go-plugin", Level: hclog.Info, Output: w})
}

type testWriter struct {
	mu     sync.Mutex
	t      *testing.T
	closed bool
}

func (w *testWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed {
		w.t.Log(strings.TrimRight(string(p), "\n"))
	}
	return len(p), nil
}

func (w *testWriter) close() { w.mu.Lock(); w.closed = true; w.mu.Unlock() }

func TestProtocolPluginBinaryAnswersLikeGrafanaExpects(t *testing.T) {
	bin := pluginBinary(t)
	ups := testenv.SharedPrometheuses(t)
	c := launchPlugin(t, bin)
	for _, up := range ups {
		t.Run(up.Name, func(t *testing.T) { testProtocolAgainst(t, c, up) })
	}
}

// testProtocolAgainst sends CheckHealth, QueryData and CallResource for a
// datasource pointing at up through the launched plugin's gRPC clients.
func testProtocolAgainst(t *testing.T, c pluginClients, up *testenv.Upstream) {
	fx := testenv.SharedFixture()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	settings := settingsFor(up.URL)
	// The plugin keeps one instance per datasource uid and update time, as
	// Grafana's instance manager does: one uid per upstream.
	settings.UID = "integration-" + up.Name
	pctx := backend.PluginContext{
		OrgID:                      1,
		PluginID:                   "claudeenhancer-anomaly-datasource",
		User:                       &backend.User{Login: "admin", Role: "Admin"},
		DataSourceInstanceSettings: &settings,
	}
	protoCtx := backend.ToProto().PluginContext(pctx)

	t.Run("CheckHealth is OK and names the Prometheus version, or says it is not reported", func(t *testing.T) {
		res, err := c.diagnostics.CheckHealth(ctx, &pluginv2.CheckHealthRequest{PluginContext: protoCtx})
		if err != nil {
			t.Fatal(err)
		}
		got := backend.FromProto().CheckHealthResponse(res)
		want := "Connected to Prometheus 2.42.0+ds at " + up.URL
		if up.Build.Major() == 3 { // built with go install: no version
			want = "Connected to a Prometheus-compatible API at " + up.URL + " (version not reported)"
		}
		if got.Status != backend.HealthStatusOk || got.Message != want {
			t.Errorf("health %v %q, want OK with %q", got.Status, got.Message, want)
		}
	})

	t.Run("QueryData returns the fixture's values in dataplane frames", func(t *testing.T) {
		from, to := fx.Start.Add(6*time.Hour), fx.Start.Add(7*time.Hour)
		bad := seriesQuery{RefID: "B", Expr: "sum(", From: from, To: to}
		good := seriesQuery{RefID: "A", Expr: `ce_cpu_usage{service="api"}`, Legend: "{{service}}", From: from, To: to}
		req := &backend.QueryDataRequest{PluginContext: pctx, Queries: []backend.DataQuery{good.dataQuery(t), bad.dataQuery(t)}}
		protoResp, err := c.data.QueryData(ctx, backend.ToProto().QueryDataRequest(req))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := backend.FromProto().QueryDataResponse(protoResp)
		if err != nil {
			t.Fatal(err)
		}
		a := resp.Responses["A"]
		if a.Error != nil || len(a.Frames) != 1 {
			t.Fatalf("A: error %v, %d frames; want one frame", a.Error, len(a.Frames))
		}
		times, values, labels := checkSeriesFrame(t, a.Frames[0])
		if labels["service"] != "api" || a.Frames[0].Fields[1].Config.DisplayNameFromDS != "api" {
			t.Errorf("labels %v, config %+v", labels, a.Frames[0].Fields[1].Config)
		}
		if len(times) != 241 {
			t.Fatalf("%d points, want 241", len(times))
		}
		for i, at := range times {
			want, _ := fx.ValueAt(testenv.CPUAPI, at)
			if !at.Equal(from.Add(time.Duration(i)*fx.Step)) || values[i] != want {
				t.Fatalf("point %d: (%v, %v), want the fixture's %v", i, at, values[i], want)
			}
		}
		// The error crosses the wire with its status and source.
		b := resp.Responses["B"]
		if b.Error == nil || b.Status != backend.StatusBadRequest || b.ErrorSource != backend.ErrorSourceDownstream || !strings.Contains(b.Error.Error(), "bad_data") {
			t.Errorf("B: %v status %d source %q, want a 400 downstream bad_data error", b.Error, b.Status, b.ErrorSource)
		}
	})

	t.Run("CallResource metrics lists the fixture's metric names", func(t *testing.T) {
		req := backend.ToProto().CallResourceRequest(&backend.CallResourceRequest{
			PluginContext: pctx, Path: "metrics", Method: http.MethodGet,
			URL: "/api/datasources/uid/integration/resources/metrics",
		})
		stream, err := c.resource.CallResource(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		status, body := 0, bytes.Buffer{}
		for {
			msg, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			r := backend.FromProto().CallResourceResponse(msg)
			if status == 0 {
				status = r.Status
			}
			body.Write(r.Body)
		}
		var names []string
		if status != http.StatusOK || json.Unmarshal(body.Bytes(), &names) != nil {
			t.Fatalf("%d %s", status, body.String())
		}
		if !slices.Equal(names, fx.MetricNames()) {
			t.Errorf("metrics %v, want %v", names, fx.MetricNames())
		}
	})
}

func TestProtocolPluginBinaryRefusesToRunWithoutTheHandshakeCookie(t *testing.T) {
	bin := pluginBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	cmd.Env = grafanaEnv // no grafana_plugin_type
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 0 {
		t.Fatalf("run without the cookie: %v, want a non-zero exit; output:\n%s", err, out)
	}
	if !strings.Contains(string(out), "This binary is a plugin") {
		t.Errorf("output %q does not explain that it is a plugin", out)
	}
}
