// Package frametest reads data frames' fields back as Go values for tests.
package frametest

import (
	"math"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// Column returns a frame's float64 field by name, null as NaN.
func Column(t testing.TB, f *data.Frame, name string) []float64 {
	t.Helper()
	fld := field(t, f, name)
	out := make([]float64, fld.Len())
	for i := range out {
		switch v := fld.At(i).(type) {
		case float64:
			out[i] = v
		case *float64:
			out[i] = math.NaN()
			if v != nil {
				out[i] = *v
			}
		default:
			t.Fatalf("field %q holds %T, want float64 or *float64", name, v)
		}
	}
	return out
}

// Times returns a frame's time field by name.
func Times(t testing.TB, f *data.Frame, name string) []time.Time {
	t.Helper()
	fld := field(t, f, name)
	out := make([]time.Time, fld.Len())
	for i := range out {
		ts, ok := fld.At(i).(time.Time)
		if !ok {
			t.Fatalf("field %q holds %T, want time.Time", name, fld.At(i))
		}
		out[i] = ts
	}
	return out
}

func field(t testing.TB, f *data.Frame, name string) *data.Field {
	t.Helper()
	fld, i := f.FieldByName(name)
	if i < 0 {
		t.Fatalf("frame %q has no field %q", f.Name, name)
	}
	return fld
}
