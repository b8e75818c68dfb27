#!/usr/bin/env bash
# The dev stack's generator and Prometheus on this machine, without Docker: the
# generator in live mode, and Prometheus started by demo/prometheus/entrypoint.sh
# (the same script the compose service runs) on history backfilled from it.
#
#   demo/scripts/local-stack.sh [--data DIR] [--history 3d] [--prometheus-port 9090]
#                               [--generator-port 9464] [--scrape-interval 15s]
#                               [--prometheus BIN] [--promtool BIN]
#
# It starts no Grafana: point a Grafana of yours at the printed Prometheus URL, or
# run `docker compose up` for the whole stack. Needs node, prometheus, promtool and
# wget (apt-get install prometheus wget); it runs `npm ci` and `npm run demo:build`
# itself when the generator is not built yet; --prometheus and --promtool pick other
# builds than those on PATH (Prometheus 3 from go install, say). Prints one line
#   READY prometheus=http://127.0.0.1:9090 generator=http://127.0.0.1:9464 data=DIR
# when Prometheus answers, then runs until interrupted; logs are in DIR. The
# integration tests in pkg/integration/dashboards start it the same way.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
data=""
history=3d
pport=9090
gport=9464
interval=15s
prometheus=prometheus
promtool=promtool
while (($#)); do
  case $1 in
    --data) data=$2; shift 2 ;;
    --history) history=$2; shift 2 ;;
    --prometheus-port) pport=$2; shift 2 ;;
    --generator-port) gport=$2; shift 2 ;;
    --scrape-interval) interval=$2; shift 2 ;;
    --prometheus) prometheus=$2; shift 2 ;;
    --promtool) promtool=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "local-stack: unknown argument $1" >&2; exit 2 ;;
  esac
done

for bin in node "$prometheus" "$promtool" wget; do
  command -v "$bin" >/dev/null || { echo "local-stack: $bin not found on PATH (apt-get install prometheus wget; Node 20)" >&2; exit 1; }
done
cli="$root/demo/dist/cli.js"
if [[ ! -f $cli ]]; then
  if [[ ! -x $root/node_modules/.bin/tsc ]]; then
    echo "local-stack: installing the npm dependencies (npm ci)" >&2
    (cd "$root" && npm ci --no-audit --no-fund) >&2
  fi
  echo "local-stack: building the generator (npm run demo:build)" >&2
  (cd "$root" && npm run demo:build) >&2
fi
echo "local-stack: starting the generator and Prometheus (no Grafana; see --help)" >&2
[[ -n $data ]] || data=$(mktemp -d -t ce-local-stack-XXXXXX)
mkdir -p "$data"

gen_pid=""
prom_pid=""
cleanup() {
  trap - EXIT INT TERM
  [[ -n $prom_pid ]] && kill "$prom_pid" 2>/dev/null || true
  [[ -n $gen_pid ]] && kill "$gen_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 0' INT TERM

node "$cli" live --host 127.0.0.1 --port "$gport" >"$data/generator.log" 2>&1 &
gen_pid=$!
for _ in $(seq 100); do
  wget -q -O /dev/null "http://127.0.0.1:$gport/healthz" && break
  kill -0 "$gen_pid" 2>/dev/null || { cat "$data/generator.log" >&2; exit 1; }
  sleep 0.1
done

node "$cli" scrape-config --full --target "127.0.0.1:$gport" --self "127.0.0.1:$pport" --interval "$interval" >"$data/prometheus.yml"

GENERATOR_URL="http://127.0.0.1:$gport" DEMO_HISTORY="$history" TSDB_PATH="$data/tsdb" PROMETHEUS="$prometheus" PROMTOOL="$promtool" \
  PROMETHEUS_CONFIG="$data/prometheus.yml" PROMETHEUS_LISTEN="127.0.0.1:$pport" PROMETHEUS_RETENTION=3650d \
  sh "$root/demo/prometheus/entrypoint.sh" >"$data/prometheus.log" 2>&1 &
prom_pid=$!
until wget -q -O /dev/null "http://127.0.0.1:$pport/-/ready" 2>/dev/null; do
  kill -0 "$prom_pid" 2>/dev/null || { echo "local-stack: Prometheus exited; log:" >&2; tail -n 40 "$data/prometheus.log" >&2; exit 1; }
  sleep 0.5
done
echo "READY prometheus=http://127.0.0.1:$pport generator=http://127.0.0.1:$gport data=$data"
wait "$prom_pid"
