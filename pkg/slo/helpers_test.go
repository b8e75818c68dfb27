package slo

import (
	"math"
	"os"
	"testing"
	"time"
	_ "time/tzdata" // calendar tests and examples must not depend on the host's zone files
)

// t0 is an arbitrary Monday at 00:00 UTC that the synthetic series start at.
var t0 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

// constant builds n buckets of step from start, each with total events of
// which errRatio are bad.
func constant(start time.Time, step time.Duration, n int, total, errRatio float64) Events {
	e := Events{Start: start, Step: step, Good: make([]float64, n), Total: make([]float64, n)}
	for i := range n {
		e.Total[i] = total
		e.Good[i] = total * (1 - errRatio)
	}
	return e
}

// setRatio sets the error ratio of buckets [from, to).
func setRatio(e Events, from, to int, errRatio float64) {
	for i := from; i < to && i < len(e.Total); i++ {
		e.Good[i] = e.Total[i] * (1 - errRatio)
	}
}

func mustLedger(t testing.TB, e Events) *Ledger {
	t.Helper()
	l, err := NewLedger(e)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// bucketEnd is the end of bucket i.
func bucketEnd(e Events, i int) time.Time { return e.Start.Add(time.Duration(i+1) * e.Step) }

func near(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	if math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func assertNear(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !near(got, want, tol) {
		t.Errorf("%s = %.12g, want %.12g (±%g)", what, got, want, tol)
	}
}

func ratioSLO(id string, objective float64, w Window) SLO {
	return SLO{ID: id, Objective: objective, Window: w,
		SLI: SLI{Kind: KindRatio, Bad: `errors_total`, Total: `requests_total`}}
}

// anyFiring reports whether a condition of severity sev fires ("" for any).
func anyFiring(conds []PairCondition, sev Severity) bool {
	for _, c := range conds {
		if c.Firing && (sev == "" || c.Pair.Severity == sev) {
			return true
		}
	}
	return false
}

// seedJSON is the seed's three SLAs as the config editor's "Add the seed
// SLAs" button inserts them (src/datasource/lib/seedSlos.ts tests against
// the same file); the provisioned datasource carries them too.
const seedJSON = "../../src/datasource/lib/testdata/seed-slos.json"

// seedCatalog parses seedJSON.
func seedCatalog(t testing.TB) Catalog {
	t.Helper()
	b, err := os.ReadFile(seedJSON)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseCatalog(b)
	if err != nil {
		t.Fatalf("%s: %v", seedJSON, err)
	}
	return c
}
