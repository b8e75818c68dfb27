// Package slo is the SLO / error-budget engine: pure functions over per-bucket
// event counts, with no Grafana, HTTP or Prometheus imports. The maths follows
// the Google SRE Workbook, ch. 2 "Implementing SLOs" (SLIs, error budgets)
// and ch. 5 "Alerting on SLOs" (burn rates, multiwindow alerts).
//
// # Units
//
// Objectives and budgets are ratios (0.999), never percent. Event counts are
// events; availability is time-weighted and counted in seconds (Unit).
// Timestamps of raw samples are Unix milliseconds, as Prometheus returns them.
//
// # Input model
//
// Every SLI is reduced to Events: a fixed grid of buckets, each holding the
// good and total "events" that happened in it. Bucket i covers the left-open
// interval (Start+i·Step, Start+(i+1)·Step], like a Prometheus range (t−w, t]:
// the value of sum(increase(x[step])) evaluated at t belongs to the bucket
// ending at t. A window (a, b] holds the buckets whose end lies in (a, b].
//
//   - Ratio SLIs: good (or bad) and total counters. The adapter asks
//     Prometheus for the sum of IncreaseExpr (or AnchoredIncreaseExpr, where
//     the engine has the anchored modifier) on a step grid aligned to bucket
//     ends. It is exact: the buckets tile each counter, so the sum over any
//     window equals the counter's true increase, whatever the scrape phase
//     and whether the engine's ranges are closed (Prometheus 2) or left-open
//     (Prometheus 3), except increments lost before a restart and the first
//     increment of a late-born series (as in PromQL's increase()). Plain
//     sum(increase(x[step])) is not: it extrapolates each bucket to its
//     edges and, on left-open ranges, misses the step from the sample at the
//     bucket's start.
//   - Latency SLIs: the same, with good = h_bucket{le="<MatchBucket>"} and
//     total = h_count: "P95 < 200 ms" ⇔ "≥ 95 % of requests took ≤ 0.2 s"
//     (the Prometheus docs' "Histograms and summaries" count requests
//     served within a bucket's le the same way), exact to the histogram's
//     bucket boundary, with no
//     histogram_quantile interpolation.
//   - Availability SLIs: a per-step fraction of targets up (avg(up{…})),
//     turned into up-seconds and observed-seconds by AvailabilityEvents under
//     an explicit GapPolicy.
//
// A missing bucket (NaN total: no samples) is not a bucket with zero traffic
// (total 0). Both carry no information about the SLI, which is a ratio of sums
// (never an average of ratios) and is NaN when no event happened. Only missing
// buckets reduce a window's coverage, which is what flags partial history.
//
// # Partial windows
//
// A window whose data does not cover all of it (history shorter than the
// window, missing buckets, or the not-yet-elapsed part of a calendar period)
// is not shortened. Its budget is the budget of the whole window: the
// window's expected events are extrapolated from the covered part at its
// observed rate, N̂(T) = N·T/covered, and the uncovered part spends nothing.
// Burn rates are pro-rated the same way. With full coverage both reduce to
// the Workbook's formulas exactly; with partial history the result is
// flagged, and a young service does not page as if its 70 minutes of data
// were a 6 h window (the cold-start false page).
package slo
