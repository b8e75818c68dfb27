package kahan

import "testing"

func TestSmallTermsNextToLargeOnesAreKept(t *testing.T) {
	var k Sum
	k.Add(1e16)
	for range 1000 {
		k.Add(1)
	}
	k.Add(-1e16)
	if k.Value() != 1000 {
		t.Errorf("compensated sum = %v, want 1000", k.Value())
	}
}
