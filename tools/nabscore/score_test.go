package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/detect"
)

// tinyFile has 20 rows, one window on rows 10..14 (W = 5) and a probation of
// floor(0.15·20) = 3 rows.
func tinyFile(scores map[int]float64) (File, []float64) {
	f := File{Name: "cat/tiny.csv", Windows: []Window{{Left: 10, Right: 14}}}
	s := make([]float64, 20)
	t0 := time.Date(2014, 4, 1, 0, 0, 0, 0, time.UTC)
	for i := range 20 {
		f.Times = append(f.Times, t0.Add(time.Duration(i)*5*time.Minute))
		f.Values = append(f.Values, float64(i))
		s[i] = scores[i]
	}
	return f, s
}

func TestScorerOnAHandComputedCase(t *testing.T) {
	// Detections (score 0.9) at rows 5, 10 and 17; every other row scores 0.
	//  row 10, window left edge: y = −(14 − 10 + 1)/5 = −1 → A_TP·σ(−1)/σ(−1) = 1  (rule 3)
	//  row 5, before the first window: −A_FP = −0.11                              (rule 4)
	//  row 17, 3 rows after the window: A_FP·σ(3/(5 − 1)) = 0.11·(2/(1 + e^3.75) − 1)
	//          = 0.11·(−0.9540452) = −0.1049450                                  (rule 4)
	//  S = 1 − 0.11 − 0.1049450 = 0.7850550; threshold 0 (every row) gives
	//  1 − 7·0.11 + 0.11·Σ_{d=1..5} σ(d/4) = −0.2474 < S, so 0.9 is optimal (rule 5).
	//  standard: 100·(S + 1)/(1 + 1) = 89.25; reward_low_FN: 100·(S + 2)/(1 + 2) = 92.84 (rule 7).
	f, s := tinyFile(map[int]float64{5: 0.9, 10: 0.9, 17: 0.9})
	rs, nwin := rows([]File{f}, [][]float64{s})
	if len(rs) != 17 || nwin != 1 {
		t.Fatalf("%d scorable rows and %d windows, want 17 and 1 (probation 3)", len(rs), nwin)
	}
	wantS := 1 - 0.11 + 0.11*(2/(1+math.Exp(3.75))-1)
	tests := []struct {
		name    string
		profile Profile
		want    float64
	}{
		{"the standard profile normalises S against null −1 and perfect 1", Profiles[0], 100 * (wantS + 1) / 2},
		{"reward_low_FP doubles the false-positive cost", Profiles[1], 100 * (1 - 0.22 + 0.22*(2/(1+math.Exp(3.75))-1) + 1) / 2},
		{"reward_low_FN has a null score of −2", Profiles[2], 100 * (wantS + 2) / 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Optimise(rs, nwin, tc.profile)
			if math.Abs(r.Normalised-tc.want) > 1e-9 || r.Threshold != 0.9 || r.TP != 1 || r.FP != 2 {
				t.Errorf("%+v, want score %v at threshold 0.9", r, tc.want)
			}
		})
	}
	if math.Abs(wantS-0.785055) > 1e-6 {
		t.Errorf("hand value drifted: %v", wantS)
	}
}

func TestOnlyTheEarliestDetectionOfAWindowCounts(t *testing.T) {
	// Rows 12 and 13 in the window: the best is row 12, y = −3/5,
	// σ(−0.6)/σ(−1) = 0.905148/0.986614 = 0.917429; nothing else fires.
	f, s := tinyFile(map[int]float64{12: 0.5, 13: 0.5})
	rs, nwin := rows([]File{f}, [][]float64{s})
	r := Optimise(rs, nwin, Profiles[0])
	want := scaledSigmoid(-0.6) / scaledSigmoid(-1)
	if math.Abs(r.Raw-want) > 1e-12 || math.Abs(want-0.917429) > 1e-6 {
		t.Errorf("raw %v, want %v", r.Raw, want)
	}
}

func TestProbationRowsAreNotScored(t *testing.T) {
	// Rows 0..2 (the probation) score 1 and are dropped: the only threshold
	// left is 0, where every scorable row fires.
	f, s := tinyFile(map[int]float64{0: 1, 1: 1, 2: 1})
	rs, nwin := rows([]File{f}, [][]float64{s})
	for _, r := range rs {
		if r.score != 0 {
			t.Fatalf("a probation row was kept: %+v", r)
		}
	}
	if r := Optimise(rs, nwin, Profiles[0]); r.Threshold != 0 || r.FP != 12 {
		t.Errorf("%+v", r)
	}
}

func TestRunEndToEnd(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data", "cat")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("timestamp,value\n")
	t0 := time.Date(2014, 4, 1, 0, 0, 0, 0, time.UTC)
	for i := range 200 {
		v := float64(i % 5)
		if i == 150 {
			v = 50
		}
		fmt.Fprintf(&b, "%s,%v\n", t0.Add(time.Duration(i)*5*time.Minute).Format("2006-01-02 15:04:05"), v)
	}
	if err := os.WriteFile(filepath.Join(data, "a.csv"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	win := fmt.Sprintf(`{"cat/a.csv": [["%s.000000", "%s.000000"]]}`,
		t0.Add(140*5*time.Minute).Format("2006-01-02 15:04:05"), t0.Add(160*5*time.Minute).Format("2006-01-02 15:04:05"))
	if err := os.WriteFile(filepath.Join(dir, "combined_windows.json"), []byte(win), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	var stdout bytes.Buffer
	if err := run([]string{"--corpus", dir, "--results", out}, &stdout); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	// The spike at row 150 is caught at its onset in the window 140..160:
	// σ(−11/21)/σ(−1) = 0.876 → 100·(0.876 + 1)/2 = 93.79.
	if last := lines[len(lines)-1]; last != "NAB standard score: 93.79" {
		t.Errorf("last line %q\n%s", last, stdout.String())
	}
	res, err := os.ReadFile(filepath.Join(out, "cat", "a.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(string(res)), "\n")
	if len(rows) != 201 || rows[0] != "timestamp,value,anomaly_score" {
		t.Errorf("results: %d lines, header %q", len(rows), rows[0])
	}
	if err := run([]string{"--corpus", dir, "--method", "prophet"}, &stdout); err == nil {
		t.Error("an unknown method must fail")
	}
}

func TestNormalSFIsTheStandardNormalTail(t *testing.T) {
	// 2·Q(3) = erfc(3/√2) ≈ 0.0026997960632601866, the two-sided 3σ rate
	// (Abramowitz & Stegun, Handbook of Mathematical Functions, 26.2).
	if got := 2 * detect.NormalSF(3); math.Abs(got-0.0026997960632601866) > 1e-12 {
		t.Errorf("2Q(3) = %v", got)
	}
}
