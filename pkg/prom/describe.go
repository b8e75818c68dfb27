package prom

import (
	"errors"
	"fmt"
)

// Describe names the server as its build info does: "Connected to
// Prometheus 3.5.0 at …", "Connected to Grafana Mimir 2.14.0 at …" (Mimir
// names itself in "application"), or, for a server that reports no version
// (VictoriaMetrics, a Prometheus built from source), "Connected to a
// Prometheus-compatible API at … (version not reported)", with the source
// revision when the server gives one.
func (info BuildInfo) Describe(where string) string {
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

// ConnectionProblem says in one line what a failed call to the server at
// where (a URL without credentials) means and what to check.
func ConnectionProblem(where string, err error) string {
	var (
		apiErr   *APIError
		deadline *DeadlineError
	)
	switch {
	case errors.Is(err, ErrUnreachable):
		return fmt.Sprintf("Cannot reach %s: check the URL and that the server is running and reachable from Grafana", where)
	case errors.As(err, &deadline):
		return fmt.Sprintf("%s did not answer within the datasource timeout of %s: check the network or raise the timeout",
			where, formatSeconds(deadline.Limit))
	case errors.Is(err, ErrTimeout):
		return fmt.Sprintf("%s did not answer in time: check the network or raise the timeout", where)
	case errors.Is(err, ErrUnauthorized):
		return fmt.Sprintf("%s refused the credentials: check basic auth or the Authorization / X-Scope-OrgID headers", where)
	case errors.Is(err, ErrTruncated):
		return fmt.Sprintf("%s started to answer, but the response was cut short: the connection broke or a proxy ended it early", where)
	case errors.Is(err, ErrNotPrometheus), errors.Is(err, ErrMalformedResponse):
		return fmt.Sprintf("%s answered, but not as a Prometheus API: the URL should be the server root (e.g. http://prometheus:9090), or the /prometheus prefix for Mimir", where)
	case errors.As(err, &apiErr):
		return fmt.Sprintf("%s returned an error: %s", where, apiErr.Error())
	default:
		return fmt.Sprintf("Health check against %s failed: %v", where, err)
	}
}
