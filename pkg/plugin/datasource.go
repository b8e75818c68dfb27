// Package plugin adapts the datasource to Grafana's plugin SDK and nothing
// more: it loads settings once per instance, parses each query
// (models.ParseQuery), runs it on the engine of its kind (pkg/query), and
// turns engine errors into classified responses; it serves the health
// check and the editor's resources. See ARCHITECTURE.md.
package plugin

import (
	"context"
	"fmt"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/httpclient"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
	"github.com/grafana/grafana-plugin-sdk-go/backend/resource/httpadapter"

	"github.com/claudeenhancer/monitoring/pkg/limits"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/query"
)

var (
	_ backend.QueryDataHandler      = (*Datasource)(nil)
	_ backend.CheckHealthHandler    = (*Datasource)(nil)
	_ backend.CallResourceHandler   = (*Datasource)(nil)
	_ instancemgmt.InstanceDisposer = (*Datasource)(nil)
)

// Datasource is one configured instance. A configuration error does not stop
// the instance from being created: it is reported by every handler instead,
// so the user reads it in the health check rather than a generic failure.
type Datasource struct {
	settings  models.Settings
	client    *prom.Client
	http      *http.Client
	configErr error
	resources backend.CallResourceHandler
	engine    *query.Engine
}

// NewDatasource is the instance factory Grafana's instance manager calls
// whenever a datasource is created or its settings change.
func NewDatasource(ctx context.Context, s backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	ds := &Datasource{}
	ds.resources = httpadapter.New(ds.routes())
	// A settings error is not the factory's: every query and the health
	// check answer with it, so the user sees what to fix.
	ds.configErr = ds.connect(ctx, s)
	return ds, nil
}

func (ds *Datasource) connect(ctx context.Context, s backend.DataSourceInstanceSettings) error {
	settings, err := models.LoadSettings(ctx, s)
	if err != nil {
		return err
	}
	hc, err := httpclient.New(settings.HTTPOptions)
	if err != nil {
		return fmt.Errorf("HTTP client: %w", err)
	}
	client, err := prom.NewClient(settings.URL, hc, prom.Options{
		Method:           settings.HTTPMethod,
		MaxResponseBytes: settings.ResponseLimitBytes(),
		Slots:            limits.UpstreamSlots,
		Redact:           settings.Redact,
	})
	if err != nil {
		return err
	}
	ds.settings, ds.client, ds.http = settings, client, hc
	ds.engine = query.New(client, settings.ScrapeInterval)
	return nil
}

// Dispose releases idle connections of a replaced instance.
func (d *Datasource) Dispose() {
	if d.http != nil {
		d.http.CloseIdleConnections()
	}
}

func (d *Datasource) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /metrics", d.handleMetrics)
	mux.HandleFunc("GET /labels", d.handleLabels)
	mux.HandleFunc("GET /label-values", d.handleLabelValues)
	mux.HandleFunc("GET /slos", d.handleSLOs)
	return mux
}

// One deadline per handler call: a QueryData request, a resource call or a
// health check gets the datasource timeout (models.Settings.Timeout) as a
// whole, however many upstream calls it makes (detection warm-up chunks,
// SLO fetches, fan-out over queries). The HTTP client's own timeout, per
// call, is a second longer (see models.LoadSettings), so the deadline fires
// first and the answer names it.

// withTimeout bounds ctx by the datasource timeout. An instance whose
// settings failed to load has no timeout; its handlers answer at once.
func (d *Datasource) withTimeout(ctx context.Context, call string) (context.Context, context.CancelFunc) {
	limit := d.settings.Timeout
	if limit <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeoutCause(ctx, limit, &prom.DeadlineError{Call: call, Limit: limit})
}
