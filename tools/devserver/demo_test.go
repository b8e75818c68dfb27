package main

import (
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/internal/demostack"
	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// The demo fixture ends at its clock and names the incidents of
// demo/timeline.json in its span, where the browser tests look for them:
// Monday 10:00's connection spike on api-gateway-2 of a week ending on a
// Thursday noon, and its data answers for that time.
func TestDemoFixtureServesTheTimelinesIncidents(t *testing.T) {
	testenv.RequireIntegration(t)
	now := time.Date(2026, 11, 26, 12, 5, 30, 0, time.UTC)
	fixtures, cleanup, err := startFixtures([]string{"demo"}, now)
	t.Cleanup(cleanup)
	if err != nil {
		t.Fatal(err)
	}
	info := fixtures[0].info("ce-anomaly-demo")
	if want := now.Truncate(time.Minute); info.End != want.UnixMilli() || info.Start != want.Add(-demoSpan).UnixMilli() {
		t.Errorf("span %d–%d, want %s before %s", info.Start, info.End, demoSpan, want)
	}
	spike := info.Incidents["anomaly-spike"]
	if spike == nil {
		t.Fatalf("no anomaly-spike among %v", info.Incidents)
	}
	if at := time.UnixMilli(spike.At).UTC(); at != time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) || spike.For != 2*time.Minute.Milliseconds() {
		t.Errorf("anomaly-spike at %s for %d ms, want Monday 2026-11-23 10:00 for 2 minutes", at, spike.For)
	}
	if len(spike.Instances) != 1 || spike.Instances[0] != "api-gateway-2" {
		t.Errorf("anomaly-spike instances %v, want [api-gateway-2]", spike.Instances)
	}
	res, err := demostack.Prometheus{URL: info.Prometheus}.Query(`max(database_connections{instance="api-gateway-2"})`, time.UnixMilli(spike.At+time.Minute.Milliseconds()))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Series) != 1 {
		t.Fatalf("database_connections at the spike: %+v", res)
	}
}
