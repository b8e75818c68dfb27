package plugin

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// One deadline per handler call: a QueryData request, a resource call or a
// health check gets the datasource timeout (models.Settings.Timeout) as a
// whole, however many upstream calls it makes (detection warm-up chunks,
// SLO fetches, fan-out over queries). The HTTP client's own timeout, per
// call, is a second longer (see models.LoadSettings), so the deadline fires
// first and the answer names it.

// timeoutError is the cause of an expired request deadline. It matches
// prom.ErrTimeout and context.DeadlineExceeded, so every timeout check
// sees it; prom's classify keeps it in the chain (context.Cause).
type timeoutError struct {
	call  string // "query", "resource call", "health check"
	limit time.Duration
}

func (e *timeoutError) Error() string {
	return fmt.Sprintf("the %s did not finish within the datasource timeout of %s", e.call, formatSeconds(e.limit))
}

func (e *timeoutError) Unwrap() []error { return []error{prom.ErrTimeout, context.DeadlineExceeded} }

// withTimeout bounds ctx by the datasource timeout. An instance whose
// settings failed to load has no timeout; its handlers answer at once.
func (d *Datasource) withTimeout(ctx context.Context, call string) (context.Context, context.CancelFunc) {
	limit := d.settings.Timeout
	if limit <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeoutCause(ctx, limit, &timeoutError{call: call, limit: limit})
}

// formatSeconds writes d in seconds, the unit of jsonData.timeout: "1.5s",
// "30s", "0.2s".
func formatSeconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "s"
}
