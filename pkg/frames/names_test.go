package frames

import (
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/prom"
)

func TestSeriesNamesAreWhatTellsTheSeriesApart(t *testing.T) {
	gw := prom.Labels{"__name__": "cache_hit_ratio", "environment": "production", "service": "api-gateway", "instance": "api-gateway-1"}
	auth := prom.Labels{"__name__": "cache_hit_ratio", "environment": "production", "service": "auth", "instance": "auth-1"}
	bySvc := []prom.Labels{{"service": "api-gateway"}, {"service": "auth"}}
	tests := []struct {
		name   string
		series []prom.Labels
		legend string
		want   map[string]string
	}{
		{"the legend format wins", []prom.Labels{gw}, "{{instance}}", map[string]string{key(gw): "api-gateway-1"}},
		{"one label differs: its value", bySvc, "", map[string]string{key(bySvc[0]): "api-gateway", key(bySvc[1]): "auth"}},
		{"several differ: name=value, never __name__", []prom.Labels{gw, auth}, "",
			map[string]string{key(gw): "instance=api-gateway-1, service=api-gateway", key(auth): "instance=auth-1, service=auth"}},
		{"a single series: its metric name", []prom.Labels{gw}, "", map[string]string{key(gw): "cache_hit_ratio"}},
		{"a single unnamed series: its labels", []prom.Labels{{"service": "auth"}}, "", map[string]string{`service=auth`: "service=auth"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SeriesNames(tt.series, tt.legend)
			for k, want := range tt.want {
				if got[k] != want {
					t.Errorf("name of %s = %q, want %q", k, got[k], want)
				}
			}
		})
	}
}

func key(ls prom.Labels) string { return data.Labels(ls).String() }

func TestDurationWords(t *testing.T) {
	for d, want := range map[time.Duration]string{
		45 * time.Second:               "45 seconds",
		time.Minute:                    "1 minute",
		12 * time.Minute:               "12 minutes",
		2*time.Hour + 5*time.Minute:    "2 hours 5 minutes",
		3*24*time.Hour + 4*time.Hour:   "3 days 4 hours",
		24*time.Hour + 30*time.Second:  "1 day",
		2*24*time.Hour + 5*time.Minute: "2 days",
	} {
		if got := DurationWords(d); got != want {
			t.Errorf("DurationWords(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestUnitOfFollowsPrometheusNaming(t *testing.T) {
	for expr, want := range map[string]string{
		`sum by (service) (rate(auth_requests_total{status=~"5.."}[5m]))`:                   "/s",
		`histogram_quantile(0.95, sum by (le) (rate(request_duration_seconds_bucket[5m])))`: "",
		`process_memory_rss_bytes`:                      "bytes",
		`node_boot_time_seconds`:                        "s",
		`cache_hit_ratio`:                               "",
		`rate(a_total[5m]) / rate(b_seconds_total[5m])`: "",
	} {
		if got := UnitOf(expr); got != want {
			t.Errorf("UnitOf(%s) = %q, want %q", expr, got, want)
		}
	}
}
