package slo

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// MatchBucket returns the le label value, among les, whose numeric value
// equals threshold exactly after parsing: "0.2", "0.20", "2e-1" and ".2"
// all match 0.2 (the le="1" vs le="1.0" mismatch of pyrra#1502 cannot
// happen). The result is the exact string, to build
// <histogram>_bucket{le="<result>"}. When none matches, the error wraps
// ErrNoBucket and lists the available boundaries in numeric order.
// Unparsable values are skipped; "+Inf" never matches a finite threshold.
// When several strings parse to the threshold (a histogram exported twice
// with different formatting), the first in les is returned.
func MatchBucket(les []string, threshold float64) (string, error) {
	type bound struct {
		s string
		v float64
	}
	var seen []bound
	for _, le := range les {
		v, err := strconv.ParseFloat(strings.TrimSpace(le), 64)
		if err != nil || math.IsNaN(v) {
			continue
		}
		if v == threshold {
			return le, nil
		}
		seen = append(seen, bound{le, v})
	}
	// Insertion sort: bucket lists are short.
	for i := 1; i < len(seen); i++ {
		for j := i; j > 0 && seen[j].v < seen[j-1].v; j-- {
			seen[j], seen[j-1] = seen[j-1], seen[j]
		}
	}
	names := make([]string, len(seen))
	for i, b := range seen {
		names[i] = b.s
	}
	avail := strings.Join(names, ", ")
	if avail == "" {
		avail = "none"
	}
	return "", fmt.Errorf("%w %v (available le: %s)", ErrNoBucket, threshold, avail)
}
