package models

import (
	"strconv"
	"strings"
	"time"
)

// expandMacros substitutes Grafana's interval and range macros in PromQL. The
// backend does it rather than the browser so alert rules, which never run
// frontend code, see the same expression as panels.
//
// $__rate_interval follows Grafana's Prometheus datasource:
// max(step + scrape interval, 4 × scrape interval), the shortest window that
// always holds at least two samples for rate().
func expandMacros(expr string, step, span, scrape time.Duration) string {
	rate := max(step+scrape, 4*scrape)
	r := strings.NewReplacer(
		// Longer names first: Replacer picks the first match at each position.
		"${__interval_ms}", strconv.FormatInt(step.Milliseconds(), 10),
		"$__interval_ms", strconv.FormatInt(step.Milliseconds(), 10),
		"${__interval}", FormatDuration(step),
		"$__interval", FormatDuration(step),
		"${__rate_interval}", FormatDuration(rate),
		"$__rate_interval", FormatDuration(rate),
		"${__range_ms}", strconv.FormatInt(span.Milliseconds(), 10),
		"$__range_ms", strconv.FormatInt(span.Milliseconds(), 10),
		"${__range_s}", strconv.FormatInt(int64(span.Seconds()), 10),
		"$__range_s", strconv.FormatInt(int64(span.Seconds()), 10),
		"${__range}", FormatDuration(span.Truncate(time.Second)),
		"$__range", FormatDuration(span.Truncate(time.Second)),
	)
	return r.Replace(expr)
}
