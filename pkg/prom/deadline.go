package prom

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// DeadlineError is the cause to give a context whose deadline is the
// datasource timeout (context.WithTimeoutCause). It matches ErrTimeout and
// context.DeadlineExceeded, so every timeout check sees it; classify keeps
// it in the chain (context.Cause), so the answer names the limit.
type DeadlineError struct {
	Call  string // "query", "resource call", "health check"
	Limit time.Duration
}

func (e *DeadlineError) Error() string {
	return fmt.Sprintf("the %s did not finish within the datasource timeout of %s", e.Call, formatSeconds(e.Limit))
}

func (e *DeadlineError) Unwrap() []error { return []error{ErrTimeout, context.DeadlineExceeded} }

// formatSeconds writes d in seconds, the unit of jsonData.timeout: "1.5s",
// "30s", "0.2s".
func formatSeconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "s"
}
