// Package integration holds the tests that run the datasource against real
// upstreams: the Prometheus client and the SDK handlers against Prometheus and
// VictoriaMetrics serving testenv's fixture, the built plugin binary launched
// over Grafana's go-plugin handshake, and an end-to-end benchmark.
//
// They run with a plain `go test ./pkg/...` and are skipped only with -short.
// The servers come from Debian packages (apt-get install -y prometheus
// victoria-metrics); the protocol test needs the binary built by
// `go run github.com/magefile/mage -v build:linux` (or PLUGIN_BINARY).
package integration
