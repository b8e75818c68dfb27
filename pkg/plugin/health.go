package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// healthQuery is evaluated by every Prometheus-compatible engine and proves
// the query path works, not only that a port is open.
const healthQuery = "1+1"

// checkHealth makes one real round trip and answers in one actionable line.
func (d *Datasource) checkHealth(ctx context.Context, _ *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	if d.configErr != nil {
		return d.unhealthy("Settings: "+d.configErr.Error(), d.configErr), nil
	}
	ctx, cancel := d.withTimeout(ctx, "health check")
	defer cancel()
	samples, _, err := d.client.Query(ctx, healthQuery, time.Now())
	if err != nil {
		return d.unhealthy(healthMessage(d.settings.URL, err), err), nil
	}
	if len(samples) != 1 || samples[0].Value != 2 {
		err := fmt.Errorf("%s returned %d samples", healthQuery, len(samples))
		return d.unhealthy(models.RedactURL(d.settings.URL)+" answered, but not like a Prometheus query API", err), nil
	}
	info, _ := d.client.BuildInfo(ctx) // optional: the query above proved the API
	return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: connectedMessage(info, models.RedactURL(d.settings.URL))}, nil
}

// connectedMessage names the server as its build info does: "Connected to
// Prometheus 3.5.0 at …", "Connected to Grafana Mimir 2.14.0 at …" (Mimir
// names itself in "application"), or, for a server that reports no version
// (VictoriaMetrics, a Prometheus built from source), "Connected to a
// Prometheus-compatible API at … (version not reported)", with the source
// revision when the server gives one.
func connectedMessage(info prom.BuildInfo, where string) string {
	name := info.Application
	if name == "" && info.Version != "" {
		name = "Prometheus"
	}
	if info.Version != "" {
		return fmt.Sprintf("Connected to %s %s at %s", name, info.Version, where)
	}
	if name == "" {
		name = "a Prometheus-compatible API"
	}
	note := "version not reported"
	if rev := info.Revision; rev != "" && rev != "unknown" {
		note += ", revision " + rev[:min(len(rev), 12)]
	}
	return fmt.Sprintf("Connected to %s at %s (%s)", name, where, note)
}

func healthMessage(rawURL string, err error) string {
	where := models.RedactURL(rawURL)
	var (
		apiErr   *prom.APIError
		deadline *timeoutError
	)
	switch {
	case errors.Is(err, prom.ErrUnreachable):
		return fmt.Sprintf("Cannot reach %s: check the URL and that the server is running and reachable from Grafana", where)
	case errors.As(err, &deadline):
		return fmt.Sprintf("%s did not answer within the datasource timeout of %s: check the network or raise the timeout",
			where, formatSeconds(deadline.limit))
	case errors.Is(err, prom.ErrTimeout):
		return fmt.Sprintf("%s did not answer in time: check the network or raise the timeout", where)
	case errors.Is(err, prom.ErrUnauthorized):
		return fmt.Sprintf("%s refused the credentials: check basic auth or the Authorization / X-Scope-OrgID headers", where)
	case errors.Is(err, prom.ErrTruncated):
		return fmt.Sprintf("%s started to answer, but the response was cut short: the connection broke or a proxy ended it early", where)
	case errors.Is(err, prom.ErrNotPrometheus), errors.Is(err, prom.ErrMalformedResponse):
		return fmt.Sprintf("%s answered, but not as a Prometheus API: the URL should be the server root (e.g. http://prometheus:9090), or the /prometheus prefix for Mimir", where)
	case errors.As(err, &apiErr):
		return fmt.Sprintf("%s returned an error: %s", where, apiErr.Error())
	default:
		return fmt.Sprintf("Health check against %s failed: %v", where, err)
	}
}

func (d *Datasource) unhealthy(msg string, err error) *backend.CheckHealthResult {
	details, _ := json.Marshal(map[string]string{"verboseMessage": d.settings.Redact(err.Error())})
	return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: d.settings.Redact(msg), JSONDetails: details}
}
