package slo

import (
	"errors"
	"strings"
	"testing"
)

func TestMatchBucket(t *testing.T) {
	cases := []struct {
		name      string
		les       []string
		threshold float64
		want      string
		errHas    string
	}{
		{"the exported string is returned as is", []string{"0.1", "0.2", "0.5", "+Inf"}, 0.2, "0.2", ""},
		{"a trailing zero still matches", []string{"0.1", "0.20", "+Inf"}, 0.2, "0.20", ""},
		{"scientific notation matches", []string{"1e-1", "2e-1", "+Inf"}, 0.2, "2e-1", ""},
		{"le=\"1\" and le=\"1.0\" are the same bucket (pyrra#1502)", []string{"0.5", "1.0", "+Inf"}, 1, "1.0", ""},
		{"the first of two equal spellings wins", []string{"0.2", "0.20"}, 0.2, "0.2", ""},
		{"a near miss does not match: equality is exact", []string{"0.1", "0.19999", "0.25"}, 0.2, "", "available le: 0.1, 0.19999, 0.25"},
		{"the error lists buckets in numeric order", []string{"+Inf", "10", "2.5", "0.5"}, 0.2, "", "available le: 0.5, 2.5, 10, +Inf"},
		{"garbage labels are skipped", []string{"fast", "0.2"}, 0.2, "0.2", ""},
		{"no buckets at all says so", nil, 0.2, "", "available le: none"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := MatchBucket(c.les, c.threshold)
			if c.errHas != "" {
				if !errors.Is(err, ErrNoBucket) || !strings.Contains(err.Error(), c.errHas) {
					t.Fatalf("error %v, want ErrNoBucket containing %q", err, c.errHas)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("MatchBucket = %q, %v; want %q", got, err, c.want)
			}
		})
	}
}
