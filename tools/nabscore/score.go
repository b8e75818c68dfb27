package main

import (
	"math"
	"slices"
)

// Profile is a NAB cost matrix (NAB config/profiles.json).
type Profile struct {
	Name       string
	TP, FP, FN float64
}

// Profiles are NAB's three application profiles (README rule 6).
var Profiles = []Profile{
	{"standard", 1, 0.11, 1},
	{"reward_low_FP_rate", 1, 0.22, 1},
	{"reward_low_FN_rate", 1, 0.11, 2},
}

// scaledSigmoid is NAB's σ(y) = 2/(1 + e^{5y}) − 1, with σ(y) = −1 for y ≥ 3
// (sweeper.scaledSigmoid). σ(−1) = 0.98661, σ(0) = 0.
func scaledSigmoid(y float64) float64 {
	if y >= 3 {
		return -1
	}
	return 2/(1+math.Exp(5*y)) - 1
}

// probation is the number of leading rows NAB does not score:
// min(floor(0.15·N), 750) (README rule 2).
func probation(n int) int { return min(int(math.Floor(0.15*float64(n))), 750) }

// row is one scorable row of the corpus: its detector score and its NAB
// position value.
type row struct {
	score float64
	// window is the corpus-wide window index, or −1 outside every window.
	window int
	// sig is σ(y)/σ(−1) in a window (README rule 3) or σ(d/(W_prev − 1)) after
	// one, −1 before the first window (rule 4). The profile weight multiplies it.
	sig float64
}

// rows lays out every scorable row of the corpus (probation excluded) and
// returns them with the number of windows. scores[i] are file i's detector
// scores, one per row.
func rows(files []File, scores [][]float64) ([]row, int) {
	var out []row
	nwin := 0
	maxTP := scaledSigmoid(-1)
	for fi, f := range files {
		prob := probation(len(f.Values))
		wi := 0                   // next window of this file
		prevRight, prevW := -1, 0 // last window passed
		for i := range f.Values {
			for wi < len(f.Windows) && f.Windows[wi].Right < i {
				prevRight, prevW = f.Windows[wi].Right, f.Windows[wi].Width()
				wi++
			}
			r := row{score: scores[fi][i], window: -1}
			switch {
			case wi < len(f.Windows) && i >= f.Windows[wi].Left:
				w := f.Windows[wi]
				r.window = nwin + wi
				r.sig = scaledSigmoid(-float64(w.Right-i+1)/float64(w.Width())) / maxTP
			case prevRight < 0:
				r.sig = -1
			default:
				r.sig = scaledSigmoid(float64(i-prevRight) / float64(prevW-1))
			}
			if i >= prob {
				out = append(out, r)
			}
		}
		nwin += len(f.Windows)
	}
	return out, nwin
}

// Result is the outcome of threshold optimisation for one profile.
type Result struct {
	Profile    Profile
	Threshold  float64 // best threshold (a row is a detection iff score ≥ it)
	Raw        float64 // S at that threshold
	Null       float64 // S of the detector that never fires: −A_FN·windows
	Perfect    float64 // A_TP·windows
	Normalised float64 // 100·(S − S_null)/(S_perfect − S_null)
	TP, FP, FN int     // windows detected, false-positive rows, windows missed
}

// Optimise sweeps every distinct score as the global threshold (README rule
// 5) and returns the best raw score and its normalisation (rule 7). Rows are
// taken in descending score order; each threshold's S counts all rows with
// score ≥ it: every window scores the best of −A_FN and A_TP·sig of its
// detections, every detection outside windows A_FP·sig.
func Optimise(rs []row, nwin int, p Profile) Result {
	order := make([]int, len(rs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case rs[a].score > rs[b].score:
			return -1
		case rs[a].score < rs[b].score:
			return 1
		}
		return 0
	})
	best := make([]float64, nwin)
	for i := range best {
		best[i] = -p.FN
	}
	null := -p.FN * float64(nwin)
	res := Result{Profile: p, Threshold: math.Inf(1), Raw: null, Null: null,
		Perfect: p.TP * float64(nwin), FN: nwin}
	total, fp, tp := null, 0, 0
	for k, idx := range order {
		r := rs[idx]
		if r.window < 0 {
			total += p.FP * r.sig
			fp++
		} else if v := p.TP * r.sig; v > best[r.window] {
			if best[r.window] == -p.FN {
				tp++
			}
			total += v - best[r.window]
			best[r.window] = v
		}
		if k+1 < len(order) && rs[order[k+1]].score == r.score {
			continue // the threshold is a distinct score: take all its rows
		}
		if total > res.Raw {
			res.Raw, res.Threshold, res.TP, res.FP, res.FN = total, r.score, tp, fp, nwin-tp
		}
	}
	if d := res.Perfect - res.Null; d != 0 {
		res.Normalised = 100 * (res.Raw - res.Null) / d
	}
	return res
}
