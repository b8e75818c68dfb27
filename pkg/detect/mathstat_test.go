package detect

import (
	"math"
	"testing"
)

func TestStudentT(t *testing.T) {
	tests := []struct {
		name     string
		p, nu, q float64
	}{
		// Reference quantiles: standard t tables (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2).
		{"the 97.5 % point with 10 degrees of freedom is 2.228", 0.975, 10, 2.228138852},
		{"the 97.5 % point with 1 degree of freedom (Cauchy) is 12.706", 0.975, 1, 12.70620474},
		{"the 95 % point with 30 degrees of freedom is 1.697", 0.95, 30, 1.697260887},
		{"the median is 0 for any degrees of freedom", 0.5, 4, 0},
		{"the 2.5 % point is minus the 97.5 % point", 0.025, 10, -2.228138852},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := StudentTQuantile(tc.p, tc.nu); !near(got, tc.q, 1e-8) {
				t.Errorf("StudentTQuantile(%v, %v) = %.10f, want %.10f", tc.p, tc.nu, got, tc.q)
			}
			if tc.q != 0 {
				if got := 1 - StudentTSF(tc.q, tc.nu); !near(got, tc.p, 1e-9) {
					t.Errorf("CDF(%v) = %v, want %v", tc.q, got, tc.p)
				}
			}
		})
	}
	if !math.IsNaN(StudentTQuantile(1, 3)) || !math.IsNaN(StudentTSF(1, 0)) {
		t.Error("out-of-domain arguments must give NaN")
	}
}
