// Package promfake holds the fake Prometheus upstreams and synthetic series
// that the tests of pkg/query and pkg/plugin share. Only tests import it:
// .golangci.yml's depguard forbids internal/ in pkg/ product code.
package promfake
