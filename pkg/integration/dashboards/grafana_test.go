package dashboards

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// What Grafana does to a panel's query before sending it, reproduced for the
// dashboard's default time range: variables at All (`.*`), interval macros.

// maxDataPoints is a full-width panel's point budget.
const maxDataPoints = 1000

// scrapeInterval is the provisioned datasources' timeInterval.
const scrapeInterval = 15 * time.Second

// niceIntervals are Grafana's rounded intervals (kbn.roundInterval), with the
// upper bound of the raw intervals each one covers.
var niceIntervals = []struct{ below, value time.Duration }{
	{1500 * time.Millisecond, time.Second}, {3500 * time.Millisecond, 2 * time.Second},
	{7500 * time.Millisecond, 5 * time.Second}, {12500 * time.Millisecond, 10 * time.Second},
	{17500 * time.Millisecond, 15 * time.Second}, {25 * time.Second, 20 * time.Second},
	{45 * time.Second, 30 * time.Second}, {90 * time.Second, time.Minute},
	{210 * time.Second, 2 * time.Minute}, {450 * time.Second, 5 * time.Minute},
	{750 * time.Second, 10 * time.Minute}, {1050 * time.Second, 15 * time.Minute},
	{1500 * time.Second, 20 * time.Minute}, {2700 * time.Second, 30 * time.Minute},
	{5400 * time.Second, time.Hour}, {12600 * time.Second, 2 * time.Hour},
}

// grafanaInterval is the $__interval Grafana computes for a time range.
func grafanaInterval(span time.Duration) time.Duration {
	raw := span / maxDataPoints
	iv := 3 * time.Hour
	for _, n := range niceIntervals {
		if raw < n.below {
			iv = n.value
			break
		}
	}
	return max(iv, scrapeInterval)
}

// rateInterval is Grafana's $__rate_interval: max(interval + scrape, 4 × scrape).
func rateInterval(interval time.Duration) time.Duration {
	return max(interval+scrapeInterval, 4*scrapeInterval)
}

// relativeTime parses "now" and "now-6h" style times of a dashboard.
func relativeTime(s string, now time.Time) (time.Time, error) {
	if s == "now" {
		return now, nil
	}
	m := regexp.MustCompile(`^now-(\d+)([smhdw])$`).FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, fmt.Errorf("time %q: only now and now-N[smhdw] are supported", s)
	}
	n, _ := strconv.Atoi(m[1])
	unit := map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour, "w": 7 * 24 * time.Hour}[m[2]]
	return now.Add(-time.Duration(n) * unit), nil
}

func promDuration(d time.Duration) string { return strconv.FormatInt(int64(d/time.Second), 10) + "s" }

// substituteVariables replaces every dashboard variable with its All value.
func substituteVariables(expr string, vars []map[string]any) string {
	for _, v := range vars {
		name, all := str(v["name"]), str(v["allValue"])
		if all == "" {
			all = ".*"
		}
		expr = strings.ReplaceAll(expr, "${"+name+"}", all)
		expr = regexp.MustCompile(`\$`+regexp.QuoteMeta(name)+`\b`).ReplaceAllString(expr, all)
	}
	return expr
}

// expandMacros replaces Grafana's interval and range macros as the Prometheus
// datasource does in the browser.
func expandMacros(expr string, interval, span time.Duration) string {
	return strings.NewReplacer(
		"${__rate_interval}", promDuration(rateInterval(interval)),
		"$__rate_interval", promDuration(rateInterval(interval)),
		"${__interval}", promDuration(interval),
		"$__interval", promDuration(interval),
		"${__range}", promDuration(span),
		"$__range", promDuration(span),
	).Replace(expr)
}
