package main

import (
	"fmt"
	"os"
	"time"

	"github.com/claudeenhancer/monitoring/internal/demostack"
	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// demoSpan is how much demo history the demo fixture holds before its end:
// from Monday 06:00 to Thursday 12:00 of the fixture's week when it ends on
// a Thursday noon (the browser tests' clock), which holds Monday's
// connection spike and 5xx burst, Tuesday's cache level shift and
// Wednesday's memory leak of demo/timeline.json, each with hours of normal
// history before it.
const demoSpan = 78 * time.Hour

// demoStep is the backfill's one sample per step (the generator's
// --coarse-step): a quarter of the samples of its 15 s scrape interval, and
// panels read the history on a step of a minute or more anyway.
const demoStep = time.Minute

// demoFixture is the demo generator's history over [End-demoSpan, End],
// backfilled with nothing scraping, and its incidents from the generator's
// ground truth.
type demoFixture struct {
	hist       *demostack.History
	start, end time.Time
	incidents  map[string]*incident
}

// incident is one occurrence of a demo/timeline.json incident: its start
// (epoch ms), length (ms) and the instances it hits.
type incident struct {
	At        int64    `json:"at"`
	For       int64    `json:"for"`
	Instances []string `json:"instances"`
}

// startDemo backfills and serves the demo history up to now, truncated to
// the minute. It needs node and the generator's build (npm run demo:build).
func startDemo(now time.Time) (*demoFixture, error) {
	build, err := testenv.DefaultBuild()
	if err != nil {
		return nil, err
	}
	end := now.Truncate(time.Minute)
	d := &demoFixture{start: end.Add(-demoSpan), end: end, incidents: map[string]*incident{}}
	if d.hist, err = demostack.StartCoarseHistory(build, d.start, d.end, demoStep); err != nil {
		return nil, err
	}
	var truth struct {
		Incidents []struct {
			ID         string   `json:"id"`
			Start, End int64    // unix s
			Instances  []string `json:"instances"`
		} `json:"incidents"`
	}
	if err := d.hist.Truth(&truth); err != nil {
		d.hist.Stop()
		return nil, err
	}
	for _, in := range truth.Incidents {
		// The first occurrence: the span is shorter than the timeline's week.
		if _, seen := d.incidents[in.ID]; !seen {
			d.incidents[in.ID] = &incident{At: in.Start * 1000, For: (in.End - in.Start) * 1000, Instances: in.Instances}
		}
	}
	fmt.Fprintf(os.Stderr, "devserver: demo history %s to %s backfilled and served in %v\n",
		d.start.Format(time.RFC3339), d.end.Format(time.RFC3339), d.hist.Took.Round(100*time.Millisecond))
	return d, nil
}

func (d *demoFixture) info(uid string) *fixtureInfo {
	return &fixtureInfo{UID: uid, Prometheus: d.hist.URL, Start: d.start.UnixMilli(), End: d.end.UnixMilli(),
		Series: []string{}, Incidents: d.incidents}
}
