// Package alerting tests the provisioned Grafana-managed alert rules
// (provisioning/alerting/rules.yaml):
//
//   - their structure: the file parses, uids and titles are unique, every
//     query names a provisioned datasource or an expression, conditions and
//     expression inputs exist, durations parse, labels carry a known severity
//     and category, dashboard links resolve to provisioned panels, templates
//     render, queries of our datasource are valid for the provisioned
//     settings, and the seed's 11 rules and its error-rate SLA trigger are
//     exactly demo/timeline.json's alertReference (no binaries needed);
//   - their behaviour over a week of the demo's incident timeline: the demo
//     generator backfills ten days (a week plus three days of warm-up for
//     the longest SLO window) into a real Prometheus, and each rule is
//     evaluated minute by minute as Grafana evaluates it (query, reduce last,
//     threshold, the pending period per label set). Each rule must fire on
//     the incidents that name it, within a stated delay, for their
//     environment, and at no other time or environment; the SLA trigger
//     fires after exactly 30 minutes of violation and not after 29; the
//     burn-rate rules page and ticket where the SRE Workbook says they
//     should; a budget rule fires when its SLO has no budget left; the disk
//     forecast fires on the filling disk ahead of LowDiskSpace; the anomaly
//     rules find their incidents with at most one false event a week.
//
// The second part needs node, prometheus and promtool on PATH and the demo
// generator built (npm run demo:build, which make test-go runs first);
// without them it fails, and only -short skips it.
package alerting
