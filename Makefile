# One command contract, run in this order by CI (.ci/run) and by `make test`.
# Prerequisites: Node 20+, Go 1.26, prometheus + promtool and victoria-metrics
# on PATH for the integration tests, chromium for the browser tests
# (Debian: apt-get install prometheus victoria-metrics chromium).

MAGE := go run github.com/magefile/mage
# The oldest and newest Grafana of the range plugin.json declares (>=12.3.0).
GRAFANA_OLDEST ?= 12.3.3
GRAFANA_TARGET ?= 13.2.3

.PHONY: test lint-go deadcode test-frontend build build-frontend build-backend build-dev package test-dist test-go test-browser screenshots compat compose-check demo-build demo-bench clean

test: test-frontend lint-go deadcode build test-dist test-go test-load-race test-browser compat compose-check

node_modules: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch node_modules

test-frontend: node_modules
	npm run typecheck
	npm run lint
	npm run test:ci

build: build-frontend build-backend

build-frontend: node_modules
	npm run build

# Every platform Grafana's own backend plugins ship for (linux amd64/arm64/arm,
# darwin amd64/arm64, windows amd64): mage's default target. `make build-dev`
# builds only this machine's, which is what the protocol tests run.
build-backend:
	$(MAGE) -v

build-dev:
	$(MAGE) -v build:backend

# The release archive (zip + .md5 + .sha256 in artifacts/), signed when
# GRAFANA_ACCESS_POLICY_TOKEN is set.
package: build
	./scripts/package.sh

test-dist:
	node --test tests/

# The demo generator (demo/dist): the compose stack, demo/scripts/local-stack.sh
# and the dashboard tests in pkg/integration/dashboards run it.
demo-build: node_modules
	npm run demo:build

# Go static checks, pinned so a clean clone runs the same ones (go run builds
# and caches them from the Go module proxy). .golangci.yml holds the linters
# and the layering rules.
# pkg/ is the product (the plugin binary, pkg/main.go, and its packages);
# internal/ the test harness, tools/ the browser tests' devserver.
GO_PACKAGES := ./pkg/... ./internal/... ./tools/...
GOLANGCI_LINT := go run github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0
DEADCODE := go run golang.org/x/tools/cmd/deadcode@v0.53.0

# --allow-parallel-runners: a second checkout linting on the same machine waits
# for the cache lock instead of failing the run.
lint-go:
	$(GOLANGCI_LINT) run --allow-parallel-runners $(GO_PACKAGES)

# Every function in pkg/ must be reachable from the plugin binary (pkg/main.go),
# except those scripts/deadcode-allow.txt lists (grep -E patterns, one a line):
# the NAB composite detector, kept in pkg/detect until it is a query method.
deadcode:
	@out=$$($(DEADCODE) ./pkg) || exit 1; \
	extra=$$(printf '%s\n' "$$out" | grep -Ev -f scripts/deadcode-allow.txt | grep . || true); \
	if [ -n "$$extra" ]; then echo "unreachable from pkg/main.go:"; echo "$$extra"; exit 1; fi; \
	echo "deadcode: nothing unreachable beyond scripts/deadcode-allow.txt"

test-go: demo-build
	go vet $(GO_PACKAGES)
	go test -race -count=1 -timeout 45m $(GO_PACKAGES)

# The load test (200 gRPC streams on the demo history) against the plugin
# binary built with -race: no race report, no error. LOAD_SECONDS=60 for the
# README's figures.
RACE_BINARY := $(or $(TMPDIR),/tmp)/gpx_anomaly_race
.PHONY: test-load-race
test-load-race: demo-build
	CGO_ENABLED=1 go build -race -tags arrow_json_stdlib -o $(RACE_BINARY) ./pkg
	PLUGIN_BINARY=$(RACE_BINARY) go test -count=1 -timeout 30m -run TestLoadConcurrent ./pkg/integration/

# Editors and panels rendered with real @grafana/ui in Chromium, fed by the real
# backend over a real Prometheus. `make screenshots` refreshes the README's images.
test-browser: node_modules
	SCREENSHOT_DIR=artifacts/screenshots npm run test:browser

screenshots: node_modules
	npm run test:browser

# API compatibility of every module entry with the oldest and newest Grafana we support.
compat: node_modules
	./scripts/levitate.sh $(GRAFANA_OLDEST)
	./scripts/levitate.sh $(GRAFANA_TARGET)

compose-check:
	@if command -v docker-compose >/dev/null; then docker-compose config -q && echo "docker-compose.yaml: valid"; \
	else echo "docker-compose not installed: skipping compose validation"; fi

# 35 days of demo history into a throwaway TSDB, with timings (demo/README.md).
demo-bench: demo-build
	d=$$(mktemp -d) && node demo/dist/cli.js backfill --start now-35d --tsdb $$d/tsdb; rm -rf $$d

clean:
	rm -rf dist coverage .eslintcache
