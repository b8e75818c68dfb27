package main

import (
	"math"
	"os"
	"testing"
)

func TestWindowedGaussianMatchesNABsPublishedRows(t *testing.T) {
	// The first rows of NAB's published results for this detector on
	// artificialWithAnomaly/art_daily_jumpsup.csv (numenta/NAB,
	// results/windowedGaussian/artificialWithAnomaly/
	// windowedGaussian_art_daily_jumpsup.csv): value and anomaly_score, the
	// score printed to 12 significant digits.
	rows := []struct{ value, score float64 }{
		{19.761251903, 0.0},
		{20.500833287, 1.0},
		{19.9616414445, 0.676559734041},
		{21.4902660734, 0.999997090991},
		{20.1877394098, 0.640324316469},
	}
	g := &windowedGaussian{}
	for i, r := range rows {
		if got := g.Step(r.value); math.Abs(got-r.score) > 5e-12 {
			t.Errorf("row %d: score %.12g, NAB published %.12g", i, got, r.score)
		}
	}
}

func TestWindowedGaussianForgetsRowsOlderThanItsWindow(t *testing.T) {
	// After a 10⁶ outlier and 1000 rows alternating 0 and 2 (mean 1,
	// population sd 1), the outlier has left the 1000-row window: a 3 is 2 sd
	// out and scores 1 − Q(2) = 0.97724986805 (Q(2) = 0.02275013195, the
	// standard normal upper tail, e.g. NIST/SEMATECH e-Handbook §1.3.6.7.1).
	g := &windowedGaussian{}
	g.Step(1e6)
	for i := range windowedGaussianSize {
		g.Step(float64(2 * (i % 2)))
	}
	if got := g.Step(3); math.Abs(got-0.97724986805) > 1e-10 {
		t.Errorf("score %.11f, want 1 − Q(2) = 0.97724986805", got)
	}
}

// TestWindowedGaussianOnTheDevelopmentSubset pins what the replay measures
// on NAB's 35-file development subset (NAB_CORPUS=dir; skipped without it):
// the standard-profile score with the threshold chosen on these files by
// this scorer. It is not NAB's published figure for the detector on the
// same files (22.0): the rows agree with NAB's published scores (the test
// above), so the difference lies in the scoring run behind that figure (the
// threshold NAB chose on its whole corpus, the label version), which this
// harness does not replay.
func TestWindowedGaussianOnTheDevelopmentSubset(t *testing.T) {
	dir := os.Getenv("NAB_CORPUS")
	if dir == "" {
		t.Skip("NAB_CORPUS not set")
	}
	files, err := LoadCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 35 {
		t.Skipf("%d files: not the 35-file development subset", len(files))
	}
	scores := make([][]float64, len(files))
	for i, f := range files {
		scores[i] = scoreFile(valueOnly{&windowedGaussian{}}, f)
	}
	rs, nwin := rows(files, scores)
	r := Optimise(rs, nwin, Profiles[0])
	if math.Abs(r.Normalised-27.83) > 0.005 || r.TP != 26 || r.FN != 29 || r.FP != 149 {
		t.Errorf("%+v, want standard score 27.83 (TP 26, FN 29, 149 false-positive rows)", r)
	}
}
