#!/bin/sh
# Starts Prometheus on the demo's history, then lets it scrape the live generator.
#
# On first start (no marker in the data directory) it asks the generator for a
# plan of the history (DEMO_HISTORY ending now, in promtool-block-sized chunks),
# downloads each chunk as OpenMetrics and turns it into TSDB blocks with promtool
# while the next chunk downloads, then catches up with the minutes that took.
# Later starts skip the backfill: the gap while the stack was down stays a gap,
# as it would in production. POSIX sh and busybox wget only, so it runs in the
# prom/prometheus image; demo/scripts/local-stack.sh runs it outside Docker.
set -eu

GENERATOR_URL=${GENERATOR_URL:-http://generator:9464}
DEMO_HISTORY=${DEMO_HISTORY:-30d}
# Optional: one sample a minute for history older than this (e.g. 7d), to backfill faster.
DEMO_COARSE_AFTER=${DEMO_COARSE_AFTER:-}
TSDB_PATH=${TSDB_PATH:-/prometheus}
PROMETHEUS_CONFIG=${PROMETHEUS_CONFIG:-/etc/prometheus/prometheus.yml}
PROMETHEUS_LISTEN=${PROMETHEUS_LISTEN:-0.0.0.0:9090}
PROMETHEUS_RETENTION=${PROMETHEUS_RETENTION:-45d}
PROMTOOL=${PROMTOOL:-promtool}
PROMETHEUS=${PROMETHEUS:-prometheus}

marker="$TSDB_PATH/.demo-backfill"
work="$TSDB_PATH/.demo-work"

log() { echo "[demo-backfill] $*" >&2; }
fail() { log "$*"; exit 1; }

fetch() { wget -q -O "$2" "$GENERATOR_URL$1"; }

# run_plan QUERY: backfills every chunk of /history/plan?QUERY; prints the last chunk's end.
run_plan() {
  plan="$work/plan"
  fetch "/history/plan?$1" "$plan" || fail "cannot get $GENERATOR_URL/history/plan?$1"
  pid=""
  n=0
  while read -r path; do
    [ -n "$path" ] || continue
    n=$((n + 1))
    file="$work/chunk-$n.om"
    fetch "$path" "$file" || fail "cannot get $GENERATOR_URL$path"
    if [ -n "$pid" ]; then
      wait "$pid" || fail "promtool failed (see above)"
    fi
    ("$PROMTOOL" tsdb create-blocks-from openmetrics --max-block-duration=24h "$file" "$TSDB_PATH" >/dev/null && rm -f "$file") &
    pid=$!
  done <"$plan"
  if [ -n "$pid" ]; then
    wait "$pid" || fail "promtool failed (see above)"
  fi
  log "$n chunk(s) of /history/plan?$1 written"
  sed -n 's/.*[?&]end=\([0-9]*\).*/\1/p' "$plan" | tail -n 1
}

i=0
until wget -q -O /dev/null "$GENERATOR_URL/healthz"; do
  i=$((i + 1))
  [ "$i" -le 300 ] || fail "generator $GENERATOR_URL not reachable"
  sleep 1
done

if [ ! -f "$marker" ]; then
  mkdir -p "$work"
  began=$(date +%s)
  coarse=""
  if [ -n "$DEMO_COARSE_AFTER" ]; then
    coarse="&coarse_after=$DEMO_COARSE_AFTER&coarse_step=60s"
  fi
  log "backfilling $DEMO_HISTORY of history from $GENERATOR_URL into $TSDB_PATH"
  first=$(wget -q -O - "$GENERATOR_URL/history/plan?span=$DEMO_HISTORY" | sed -n '1s/.*[?&]start=\([0-9]*\).*/\1/p')
  last=$(run_plan "span=$DEMO_HISTORY$coarse")
  # Catch up with the time the backfill took, so history and scraping meet.
  for _ in 1 2 3; do
    next=$((last + 15))
    [ "$((next + 30))" -le "$(date +%s)" ] || break
    end=$(run_plan "start=$next&end=now")
    [ -n "$end" ] || break
    last=$end
  done
  rm -rf "$work"
  echo "$first $last" >"$marker"
  log "history $first .. $last done in $(($(date +%s) - began))s"
fi

exec "$PROMETHEUS" \
  --config.file="$PROMETHEUS_CONFIG" \
  --storage.tsdb.path="$TSDB_PATH" \
  --storage.tsdb.retention.time="$PROMETHEUS_RETENTION" \
  --web.listen-address="$PROMETHEUS_LISTEN" \
  "$@"
