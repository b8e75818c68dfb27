package detect

// kOfN is the k-of-n rule over a stream of outside/inside verdicts. Its
// ring of the last n verdicts grows with the verdicts pushed, so an n far
// beyond the series costs no more than the series.
type kOfN struct {
	k, n   int
	ring   []bool // the last min(n, pushed) verdicts; grows to n
	head   int
	active int // outside verdicts in ring
}

// push records one verdict and reports whether it is outside and at least k
// of the last n (itself included) were.
func (r *kOfN) push(out bool) bool {
	if len(r.ring) < r.n {
		r.ring = append(r.ring, out) // head == len(ring) until full
	} else {
		if r.ring[r.head] {
			r.active--
		}
		r.ring[r.head] = out
	}
	if out {
		r.active++
	}
	if r.head++; r.head == r.n {
		r.head = 0
	}
	return out && r.active >= r.k
}
