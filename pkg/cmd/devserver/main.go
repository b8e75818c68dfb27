// Command devserver serves the datasource backend behind the few Grafana HTTP
// endpoints its frontend calls, so the browser harness (tests/browser) can
// render the real editors and panels without a Grafana server:
//
//	go run ./pkg/cmd/devserver (--prometheus URL | --fixture default [--fixture-now T]) [--listen 127.0.0.1:0] [--static DIR]
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
	"syscall"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/internal/testenv"
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
	fixture := fs.String("fixture", "", `instead of --prometheus, start a Prometheus over a testenv fixture: "default"`)
	fixtureNow := fs.String("fixture-now", "", "build the fixture as if it were this RFC 3339 time rather than now, so screenshots repeat")
	listen := fs.String("listen", "127.0.0.1:0", "address to serve on")
	static := fs.String("static", "", "directory served at / (the harness bundle)")
	uid := fs.String("uid", "ce-anomaly", "uid of the datasource the API answers for")
	lifeline := fs.Bool("exit-with-stdin", false, "stop when stdin closes, so a parent that dies leaves no servers behind")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if (*promURL == "") == (*fixture == "") {
		return errors.New("give exactly one of --prometheus URL and --fixture default")
	}

	var info *fixtureInfo
	if *fixture != "" {
		if *fixture != "default" {
			return fmt.Errorf("unknown fixture %q (known: default)", *fixture)
		}
		now := time.Now()
		if *fixtureNow != "" {
			var err error
			if now, err = time.Parse(time.RFC3339, *fixtureNow); err != nil {
				return fmt.Errorf("--fixture-now: %w", err)
			}
		}
		up, cleanup, err := startFixture(now)
		if err != nil {
			return err
		}
		defer cleanup()
		*promURL = up.URL
		info = newFixtureInfo(up)
		fmt.Fprintf(os.Stderr, "devserver: Prometheus %s over the default fixture (%s to %s)\n",
			up.URL, up.Fixture.Start.Format(time.RFC3339), up.Fixture.End.Format(time.RFC3339))
	}

	settings := backend.DataSourceInstanceSettings{
		UID:      *uid,
		Name:     "Claude Enhancer Anomaly & SLO",
		Type:     pluginID,
		URL:      *promURL,
		JSONData: []byte(`{}`),
		Updated:  time.Now(),
	}
	inst, err := plugin.NewDatasource(ctx, settings)
	if err != nil {
		return err
	}
	ds := inst.(*plugin.Datasource)
	defer ds.Dispose()

	mux := http.NewServeMux()
	newAPI(ds, settings).register(mux)
	if info != nil {
		mux.HandleFunc("GET /api/harness/fixture", info.serve)
	}
	if *static != "" {
		mux.Handle("/", http.FileServer(http.Dir(*static)))
	}

	l, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "http://%s\n", l.Addr())

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

// startFixture serves testenv's default fixture (the one the integration
// tests use) from a temporary directory removed by cleanup.
func startFixture(now time.Time) (*testenv.Upstream, func(), error) {
	dir, err := os.MkdirTemp("", "devserver-prometheus-")
	if err != nil {
		return nil, nil, err
	}
	fx := testenv.NewDefault(now, testenv.DefaultSeed)
	up, err := testenv.ServePrometheus(dir, &fx.Fixture)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, nil, err
	}
	return up, func() { up.Stop(); _ = os.RemoveAll(dir) }, nil
}
