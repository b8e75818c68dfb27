package prom

import (
	"errors"
	"testing"
)

func TestLabelPathSegment(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantErr        bool
	}{
		{"a legacy name is kept", "job", "job", false},
		{"colons and digits are legacy", "a:b_1", "a:b_1", false},
		{"a dot needs value escaping", "http.method", "U__http_2e_method", false},
		{"underscores double inside an escaped name", "a_b.c", "U__a__b_2e_c", false},
		{"a leading digit is escaped", "1abc", "U___31_abc", false},
		{"non-ASCII is written as its code point", "größe", "U__gr_f6__df_e", false},
		{"astral runes are one code point", "😀", "U___1f600_", false},
		{"an empty name is refused", "", "", true},
		{"invalid UTF-8 is refused", "a\xffb", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := labelPathSegment(tt.in)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalidLabelName) {
					t.Errorf("err = %v, want ErrInvalidLabelName", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("labelPathSegment(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}
