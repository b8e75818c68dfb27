/**
 * Counter increases the dashboards' SLIs are built from, exact whether the Prometheus runs 2.x, whose
 * range selectors are closed ([t − w, t]), or 3.x, whose ranges are left-open ((t − w, t]): there,
 * rate(x[5m]) at a scrape-aligned t leaves out the increment from the sample at t − 5m and extrapolates
 * the rest (5–10 % off per 5-minute window on the demo's data).
 */

/**
 * The increase of each series of counter selector `sel` over the `w` ending at the evaluation time: the
 * PromQL of slo.IncreaseExpr in pkg/slo/increase.go (whose comment has the proof; the dashboards'
 * integration test checks the two agree). It reads the same samples under either range rule: the
 * difference of the last samples at or before t and t − w, and after a counter reset the value before
 * the reset plus the value at t. A second reset within `w` is counted from the largest value.
 */
export function increaseOver(sel: string, w: string): string {
  return (
    `${sel} - ${sel} offset ${w} unless (resets(${sel}[${w}]) > 0 or min_over_time(${sel}[${w}]) < ${sel} offset ${w})` +
    ` or ${sel} + clamp_min(max_over_time(${sel}[${w}]) - ${sel} offset ${w}, 0)` +
    ` or increase(${sel}[${w}])`
  );
}

/** The demo's scrape interval (local-stack.sh and docker compose scrape every 15 s). */
export const SCRAPE = '15s';

/**
 * The increase of each series of counter selector `sel` over the dashboard's time range, as the sum
 * of its per-scrape increases (a reset counts the value after it): exact over any number of restarts,
 * given one sample per scrape interval. The subquery's points are multiples of 15 s; the `offset -1ms`
 * puts the range's left edge 1 ms after its start, so Prometheus 2 (closed) and 3 (left-open) sum the
 * same points: those in (end − range, end].
 */
export function increaseOverRange(sel: string): string {
  return `sum_over_time((${sel} - ${sel} offset ${SCRAPE} >= 0 or ${sel} * 1 and ${sel} offset ${SCRAPE})[$__range:${SCRAPE}] offset -1ms)`;
}

/** The standard selector of the suite's series, with the dashboard variables. */
export function sel(extra = '', withInstance = false): string {
  const parts = ['job=~"claude-enhancer.*"', 'environment=~"$environment"', 'service=~"$service"'];
  if (withInstance) {
    parts.push('instance=~"$instance"');
  }
  if (extra) {
    parts.push(extra);
  }
  return `{${parts.join(', ')}}`;
}
