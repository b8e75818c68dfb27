package dashboards

import (
	"sync"
	"testing"

	"github.com/claudeenhancer/monitoring/internal/demostack"
	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// historySpan is how much history the stack backfills: enough for every
// dashboard's default range (6 h) and for day-long SLI windows, small enough
// to load in well under a minute.
const historySpan = "3d"

// stack is the demo stack (local-stack.sh) with its ground truth, fetched
// once.
type stack struct {
	*demostack.Stack

	truthOnce sync.Once
	truth     *groundTruth
	truthErr  error
}

// shared is one stack per Prometheus build: Debian's 2.42, and Prometheus 3,
// whose range selectors are left-open and whose scrapes and promtool
// normalise the le labels of classic histograms ("1" becomes "1.0").
var shared = demostack.NewShared(func(b testenv.Build) (*stack, error) {
	s, err := demostack.StartStack(b, historySpan)
	if err != nil {
		return nil, err
	}
	return &stack{Stack: s}, nil
})

func TestMain(m *testing.M) { shared.Main(m) }

// requireStack returns the default build's stack (Debian's Prometheus),
// starting it on first use, for tests of the generator itself.
func requireStack(t *testing.T) *stack {
	t.Helper()
	testenv.RequireIntegration(t)
	b, err := testenv.DefaultBuild()
	if err != nil {
		t.Fatal(err)
	}
	return shared.Get(t, b)
}

// Truth is the generator's ground truth for the backfilled history.
func (s *stack) Truth(t *testing.T) *groundTruth {
	t.Helper()
	s.truthOnce.Do(func() {
		var g groundTruth
		s.truthErr = s.Stack.Truth(&g)
		s.truth = &g
	})
	if s.truthErr != nil {
		t.Fatal(s.truthErr)
	}
	return s.truth
}

// groundTruth is the part of demo/src/truth.ts' GroundTruth the tests read.
type groundTruth struct {
	Start, End int64
	SLO        struct {
		Totals  counts `json:"totals"`
		Targets int    `json:"targets"`
		Windows struct {
			End            []int64              `json:"end"`
			ErrorsBad      []float64            `json:"errorsBad"`
			ErrorsTotal    []float64            `json:"errorsTotal"`
			LatencyGood    []float64            `json:"latencyGood"`
			LatencyTotal   []float64            `json:"latencyTotal"`
			LatencyBuckets map[string][]float64 `json:"latencyBuckets"`
			UpAtEnd        []float64            `json:"upAtEnd"`
			Exact          []bool               `json:"exact"`
		} `json:"windows"`
	} `json:"slo"`
	Incidents []struct {
		ID         string `json:"id"`
		Start, End int64
	} `json:"incidents"`
	Downtime []struct {
		Instance   string `json:"instance"`
		Start, End int64
	} `json:"downtime"`
}

type counts struct {
	ErrorsBad    float64 `json:"errorsBad"`
	ErrorsTotal  float64 `json:"errorsTotal"`
	LatencyGood  float64 `json:"latencyGood"`
	LatencyTotal float64 `json:"latencyTotal"`
	UpSamples    float64 `json:"upSamples"`
	Samples      float64 `json:"samples"`
}

// downAt reports whether some process is down at tick t.
func (g *groundTruth) downAt(t int64) bool {
	for _, d := range g.Downtime {
		if t >= d.Start && t < d.End {
			return true
		}
	}
	return false
}
