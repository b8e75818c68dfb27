// Package dashboards tests the provisioned dashboards and the demo workload
// they show, end to end:
//
//   - the dashboards' structure: stable unique uids, datasources that resolve
//     to provisioned ones, units, titles, variables, links (no binaries needed);
//   - every query of every dashboard against real Prometheus over three days of
//     demo history, Prometheus panels through Prometheus' HTTP API and panels of
//     our datasource through its QueryData handler, and the seed's SLIs against
//     the generator's ground truth;
//   - the live generator scraped by that Prometheus: every catalogue metric,
//     with the values the model gives for the scrape's tick.
//
// The stack is demo/scripts/local-stack.sh (the generator in live mode and
// Prometheus started by demo/prometheus/entrypoint.sh, as in docker compose).
// It needs node, prometheus, promtool and wget on PATH and the generator built
// (npm run demo:build); without them the tests fail, and only -short skips them.
package dashboards
