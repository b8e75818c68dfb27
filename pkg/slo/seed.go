package slo

import "time"

// SeedCatalog returns the seed's three SLAs as catalog entries.
//
//   - availability: 99.9 % over a rolling 30 d (43.2 min of allowed
//     downtime) from up{job=~"claude-enhancer.*"}; gaps count as down, since
//     the SLA promises observed availability.
//   - latency-p95: "P95 < 200 ms over 7 d", read as "≥ 95 % of
//     auth_response_time requests take ≤ 0.2 s" (event-weighted, exact at
//     the le="0.2" boundary the demo's histogram exports; §11.1).
//   - error-rate: "< 0.1 % over 24 h" as a bad/total ratio of
//     auth_requests_total{status=~"5.."} over auth_requests_total, objective
//     0.999. "Triggered after 30 minutes of continuous violation" becomes
//     ViolationFor 30 m on the 5 m error ratio (a pending period; §11.6),
//     reported next to the burn-rate pairs.
//
// The ratio SLOs guard with MinEvents 100: below 100 requests in a window a
// single failure at 99.9 % is a 1 000× burn, which is noise, not a page.
func SeedCatalog() Catalog {
	day := 24 * time.Hour
	return Catalog{
		{
			ID:          "availability",
			Name:        "Availability",
			Description: "Share of time the claude-enhancer targets are up (99.9 % over 30 days: 43.2 minutes of allowed downtime).",
			SLI:         SLI{Kind: KindAvailability, Expr: `up{job=~"claude-enhancer.*"}`, Gaps: GapsAsDown},
			Objective:   0.999,
			Window:      RollingWindow(30 * day),
			Labels:      map[string]string{"service": "claude-enhancer", "sla": "availability"},
		},
		{
			ID:          "latency-p95",
			Name:        "Latency P95 < 200 ms",
			Description: "Share of authentication requests served within 200 ms (P95 < 200 ms over 7 days ⇔ at least 95 % of requests ≤ 0.2 s).",
			SLI:         SLI{Kind: KindLatency, Histogram: "auth_response_time", Threshold: 0.2},
			Objective:   0.95,
			Window:      RollingWindow(7 * day),
			Labels:      map[string]string{"service": "auth", "sla": "latency"},
			MinEvents:   100,
		},
		{
			ID:           "error-rate",
			Name:         "Error rate < 0.1 %",
			Description:  "Share of authentication requests that do not fail with a 5xx status (error rate below 0.1 % over 24 hours; an alert after 30 minutes of continuous violation).",
			SLI:          SLI{Kind: KindRatio, Bad: `auth_requests_total{status=~"5.."}`, Total: `auth_requests_total`},
			Objective:    0.999,
			Window:       RollingWindow(day),
			Labels:       map[string]string{"service": "auth", "sla": "error-rate"},
			MinEvents:    100,
			ViolationFor: 30 * time.Minute,
		},
	}
}
