package models

import (
	"time"

	"github.com/claudeenhancer/monitoring/pkg/promdur"
)

// FormatDuration writes d the way PromQL reads it, with all of PromQL's units
// ("1m30s", "250ms", "1w"); zero and negative durations are "0s".
func FormatDuration(d time.Duration) string {
	if d <= 0 {
		return "0s"
	}
	return promdur.Format(d, promdur.Year)
}
