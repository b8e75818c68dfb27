package plugin

import (
	"context"

	"github.com/claudeenhancer/monitoring/pkg/prom"
)

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
