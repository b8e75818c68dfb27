package plugin

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/limits"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// classified is an error with the status and source Grafana records for it
// (source feeds grafana_plugin_request_total{status_source}).
type classified struct {
	status backend.Status
	source backend.ErrorSource
	err    error
}

func (c classified) Error() string { return c.err.Error() }
func (c classified) Unwrap() error { return c.err }

func (d *Datasource) errorResponse(c classified) backend.DataResponse {
	return backend.ErrDataResponseWithSource(c.status, c.source, d.settings.Redact(c.Error()))
}

func userError(err error) classified {
	return classified{backend.StatusBadRequest, backend.ErrorSourceDownstream, err}
}

func configError(err error) classified {
	return classified{backend.StatusBadRequest, backend.ErrorSourceDownstream,
		fmt.Errorf("datasource settings: %w", err)}
}

// engineError classifies what an engine returned: the user's query or SLO
// definition (a detector option, a limit, no histogram bucket at the
// threshold), or else a failed upstream call (upstreamError).
func engineError(err error) classified {
	for _, user := range []error{models.ErrInvalidDetection, models.ErrSLOQuery, slo.ErrNoBucket, slo.ErrGapPolicy,
		slo.ErrSLI, slo.ErrObjective, slo.ErrObjectiveTooHigh, slo.ErrWindow} {
		if errors.Is(err, user) {
			return userError(err)
		}
	}
	return upstreamError(err)
}

// upstreamError maps a failed Prometheus call to a status. Everything the
// upstream or the network did is downstream, and so is a range or label
// name the client refused before sending: both come from the user's time
// range or lookup. Anything unrecognised is ours.
func upstreamError(err error) classified {
	if c, ok := limitError(err); ok {
		return c
	}
	if deadline := (*prom.DeadlineError)(nil); errors.As(err, &deadline) {
		return classified{backend.StatusTimeout, backend.ErrorSourceDownstream, deadline}
	}
	if errors.Is(err, prom.ErrInvalidRange) || errors.Is(err, prom.ErrInvalidLabelName) {
		return userError(err)
	}
	var apiErr *prom.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusTooManyRequests {
		return classified{backend.StatusTooManyRequests, backend.ErrorSourceDownstream, rateLimitedError{apiErr}}
	}
	status := backend.StatusBadGateway
	switch {
	case errors.Is(err, context.Canceled):
		status = backend.StatusBadRequest
	case errors.Is(err, prom.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		status = backend.StatusTimeout
	case errors.Is(err, prom.ErrUnauthorized):
		status = backend.StatusUnauthorized
	case errors.As(err, &apiErr) && apiErr.StatusCode >= 400 && apiErr.StatusCode < 500:
		status = backend.StatusBadRequest
	}
	if !prom.IsUpstream(err) {
		return classified{backend.StatusInternal, backend.ErrorSourcePlugin, err}
	}
	return classified{status, backend.ErrorSourceDownstream, err}
}

// rateLimitedError is an upstream's 429 answer, kept as such (status 429)
// so Grafana and the user see rate limiting, not a bad query.
type rateLimitedError struct{ api *prom.APIError }

func (e rateLimitedError) Error() string {
	msg := "the upstream is rate-limiting requests (429 Too Many Requests)"
	if e.api.RetryAfter > 0 {
		msg += "; retry after " + models.FormatDuration(e.api.RetryAfter)
	}
	if e.api.Message != "" {
		msg += ": " + e.api.Message
	}
	return msg
}

func (e rateLimitedError) Unwrap() error { return e.api }

// limitError classifies a crossed limit: the query asked for too much (a
// downstream 400), or the process is full (429, worth a retry).
func limitError(err error) (classified, bool) {
	var limit *prom.LimitError
	if !errors.As(err, &limit) {
		return classified{}, false
	}
	status := backend.StatusBadRequest
	if limit.Scope == limits.ProcessScope {
		status = backend.StatusTooManyRequests
	}
	return classified{status, backend.ErrorSourceDownstream, err}, true
}
