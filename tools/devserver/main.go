// Command devserver serves the datasource backend behind the few Grafana HTTP
// endpoints its frontend calls, so the browser harness (tests/browser) can
// render the real editors and panels without a Grafana server:
//
//	go run ./tools/devserver (--prometheus URL | --fixture default[,anomaly][,demo] [--fixture-now T]) [--slos FILE] [--listen 127.0.0.1:0] [--static DIR]
//
// Each fixture gets its own Prometheus and its own datasource instance: the
// first is served under --uid, each further one under --uid + "-" + its name
// (ce-anomaly-anomaly), and GET /api/harness/fixture describes them all.
// The demo fixture is the demo generator's history (demo/timeline.json's
// incidents) up to --fixture-now; it needs node and npm run demo:build.
//
// The first line printed on stdout is the server's base URL. It contains no
// query logic of its own: every request goes to plugin.Datasource.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/testenv"
	"github.com/claudeenhancer/monitoring/pkg/plugin"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "devserver:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("devserver", flag.ContinueOnError)
	promURL := fs.String("prometheus", "", "URL of the Prometheus-compatible server the datasource queries")
	fixture := fs.String("fixture", "", `instead of --prometheus, start a Prometheus over each fixture of a comma-separated list: testenv's "default" and "anomaly", the demo generator's "demo"`)
	fixtureNow := fs.String("fixture-now", "", "build the fixture as if it were this RFC 3339 time rather than now, so screenshots repeat")
	listen := fs.String("listen", "127.0.0.1:0", "address to serve on")
	static := fs.String("static", "", "directory served at / (the harness bundle)")
	uid := fs.String("uid", "ce-anomaly", "uid of the datasource over --prometheus or the first fixture; a further fixture's is this uid + \"-\" + its name")
	lifeline := fs.Bool("exit-with-stdin", false, "stop when stdin closes, so a parent that dies leaves no servers behind")
	slosFile := fs.String("slos", "", "JSON file with the SLO catalog (a jsonData.slos array) of every datasource")
	if err := fs.Parse(args); err != nil {
		return err
	}
	jsonData := []byte(`{}`)
	if *slosFile != "" {
		slos, err := os.ReadFile(*slosFile)
		if err != nil {
			return fmt.Errorf("--slos: %w", err)
		}
		jsonData = append(append([]byte(`{"slos":`), slos...), '}')
	}
	if (*promURL == "") == (*fixture == "") {
		return errors.New("give exactly one of --prometheus URL and --fixture default[,anomaly]")
	}

	mux := http.NewServeMux()
	var a *api
	if *promURL != "" {
		ds, settings, err := newDatasource(ctx, *uid, *promURL, jsonData)
		if err != nil {
			return err
		}
		defer ds.Dispose()
		a = newAPI(ds, settings)
	} else {
		names := strings.Split(*fixture, ",")
		now := time.Now()
		if *fixtureNow != "" {
			var err error
			if now, err = time.Parse(time.RFC3339, *fixtureNow); err != nil {
				return fmt.Errorf("--fixture-now: %w", err)
			}
		}
		fixtures, cleanup, err := startFixtures(names, now)
		defer cleanup()
		if err != nil {
			return err
		}
		infos := map[string]*fixtureInfo{}
		for i, fx := range fixtures {
			id := *uid
			if i > 0 {
				id += "-" + fx.name
			}
			ds, settings, err := newDatasource(ctx, id, fx.url(), jsonData)
			if err != nil {
				return err
			}
			defer ds.Dispose()
			if a == nil {
				a = newAPI(ds, settings)
			} else {
				a.add(ds, settings)
			}
			info := fx.info(id)
			infos[fx.name] = info
			fmt.Fprintf(os.Stderr, "devserver: datasource %s: Prometheus %s over the %s fixture (%s to %s)\n", id,
				info.Prometheus, fx.name, time.UnixMilli(info.Start).UTC().Format(time.RFC3339), time.UnixMilli(info.End).UTC().Format(time.RFC3339))
		}
		// The first fixture at the top level, as before there were several; all of them by name.
		first := *infos[fixtures[0].name]
		first.Fixtures = infos
		mux.HandleFunc("GET /api/harness/fixture", first.serve)
	}
	a.register(mux)
	if *static != "" {
		mux.Handle("/", http.FileServer(http.Dir(*static)))
	}

	l, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	_, _ = fmt.Fprintf(stdout, "http://%s\n", l.Addr())

	if *lifeline {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		go func() { _, _ = io.Copy(io.Discard, stdin); cancel() }()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

func newDatasource(ctx context.Context, uid, url string, jsonData []byte) (*plugin.Datasource, backend.DataSourceInstanceSettings, error) {
	settings := backend.DataSourceInstanceSettings{
		UID:      uid,
		Name:     "Claude Enhancer Anomaly & SLO",
		Type:     pluginID,
		URL:      url,
		JSONData: jsonData,
		Updated:  time.Now(),
	}
	inst, err := plugin.NewDatasource(ctx, settings)
	if err != nil {
		return nil, settings, err
	}
	return inst.(*plugin.Datasource), settings, nil
}

// servedFixture is a testenv fixture and the Prometheus serving it, or the
// demo's history (demo set, up nil).
type servedFixture struct {
	name    string
	up      *testenv.Upstream
	anomaly *testenv.Anomaly // for the "anomaly" fixture: when its anomalies are
	demo    *demoFixture
}

func (f *servedFixture) url() string {
	if f.demo != nil {
		return f.demo.hist.URL
	}
	return f.up.URL
}

func (f *servedFixture) info(uid string) *fixtureInfo {
	if f.demo != nil {
		return f.demo.info(uid)
	}
	info := newFixtureInfo(uid, f.up)
	if a := f.anomaly; a != nil {
		at := func(t time.Time, d time.Duration) *injected {
			return &injected{At: t.UnixMilli(), For: d.Milliseconds()}
		}
		info.Injected = map[string]*injected{
			"spike":    at(a.SpikeAt, a.SpikeFor),
			"drop":     at(a.DropAt, a.DropFor),
			"shift":    at(a.ShiftAt, 0),
			"drift":    at(a.DriftAt, 0),
			"seasonal": at(a.SeasonalAt, a.SeasonalFor),
		}
	}
	return info
}

// startFixtures serves each named testenv fixture (the ones the integration
// tests use) from its own Prometheus, started concurrently, in a temporary
// directory removed by cleanup, and the demo's history from another.
// cleanup is never nil, also on error.
func startFixtures(names []string, now time.Time) ([]*servedFixture, func(), error) {
	out := make([]*servedFixture, len(names))
	var build []func() *testenv.Fixture
	seen := map[string]bool{}
	for i, name := range names {
		if seen[name] {
			return nil, func() {}, fmt.Errorf("fixture %q given twice", name)
		}
		seen[name] = true
		out[i] = &servedFixture{name: name}
		switch name {
		case "default":
			build = append(build, func() *testenv.Fixture { return &testenv.NewDefault(now, testenv.DefaultSeed).Fixture })
		case "anomaly":
			fx := out[i]
			build = append(build, func() *testenv.Fixture {
				fx.anomaly = testenv.NewAnomaly(now, testenv.AnomalySeed)
				return &fx.anomaly.Fixture
			})
		case "demo":
			build = append(build, nil) // backfilled by the generator, not built here
		default:
			return nil, func() {}, fmt.Errorf("unknown fixture %q (known: default, anomaly, demo)", name)
		}
	}
	dirs := make([]string, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i := range names {
		wg.Go(func() {
			if build[i] == nil {
				out[i].demo, errs[i] = startDemo(now)
				return
			}
			dir, err := os.MkdirTemp("", "devserver-prometheus-")
			if err != nil {
				errs[i] = err
				return
			}
			dirs[i] = dir
			out[i].up, errs[i] = testenv.ServePrometheus(dir, build[i]())
		})
	}
	wg.Wait()
	cleanup := func() {
		for i, fx := range out {
			if fx.up != nil {
				fx.up.Stop()
			}
			if fx.demo != nil {
				fx.demo.hist.Stop()
			}
			if dirs[i] != "" {
				_ = os.RemoveAll(dirs[i])
			}
		}
	}
	return out, cleanup, errors.Join(errs...)
}
