package plugin

import (
	"context"
	"encoding/json"
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
		return d.unhealthy(prom.ConnectionProblem(models.RedactURL(d.settings.URL), err), err), nil
	}
	if len(samples) != 1 || samples[0].Value != 2 {
		err := fmt.Errorf("%s returned %d samples", healthQuery, len(samples))
		return d.unhealthy(models.RedactURL(d.settings.URL)+" answered, but not like a Prometheus query API", err), nil
	}
	info, _ := d.client.BuildInfo(ctx) // optional: the query above proved the API
	return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: info.Describe(models.RedactURL(d.settings.URL))}, nil
}

func (d *Datasource) unhealthy(msg string, err error) *backend.CheckHealthResult {
	details, _ := json.Marshal(map[string]string{"verboseMessage": d.settings.Redact(err.Error())})
	return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: d.settings.Redact(msg), JSONDetails: details}
}
