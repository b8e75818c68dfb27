# One command contract, run in this order by CI (.ci/run) and by `make test`.
# Prerequisites: Node 20+, Go 1.26, prometheus + promtool and victoria-metrics
# on PATH for the integration tests, chromium for the browser tests
# (Debian: apt-get install prometheus victoria-metrics chromium).

MAGE := go run github.com/magefile/mage
GRAFANA_TARGET ?= 13.2.3

.PHONY: test test-frontend build build-frontend build-backend test-dist test-go test-browser screenshots compat compose-check demo-build demo-bench clean

test: test-frontend build test-dist test-go test-browser compat compose-check

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

# Linux amd64 is what Grafana's validator requires and what the protocol test runs.
build-backend:
	$(MAGE) -v build:linux

test-dist:
	node --test tests/

# The demo generator (demo/dist): the compose stack, demo/scripts/local-stack.sh
# and the dashboard tests in pkg/integration/dashboards run it.
demo-build: node_modules
	npm run demo:build

test-go: demo-build
	go vet ./pkg/...
	go test -race -count=1 -timeout 45m ./pkg/...

# Editors and panels rendered with real @grafana/ui in Chromium, fed by the real
# backend over a real Prometheus. `make screenshots` refreshes the README's images.
test-browser: node_modules
	SCREENSHOT_DIR=artifacts/screenshots npm run test:browser

screenshots: node_modules
	npm run test:browser

# API compatibility of every module entry with the newest Grafana 13.x packages.
compat: node_modules
	./scripts/levitate.sh $(GRAFANA_TARGET)

compose-check:
	@if command -v docker-compose >/dev/null; then docker-compose config -q && echo "docker-compose.yaml: valid"; \
	else echo "docker-compose not installed: skipping compose validation"; fi

# 35 days of demo history into a throwaway TSDB, with timings (demo/README.md).
demo-bench: demo-build
	d=$$(mktemp -d) && node demo/dist/cli.js backfill --start now-35d --tsdb $$d/tsdb; rm -rf $$d

clean:
	rm -rf dist coverage .eslintcache
