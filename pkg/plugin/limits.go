package plugin

import (
	"errors"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/limits"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

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
