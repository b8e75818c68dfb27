package prom

import (
	"bytes"
	"fmt"
	"testing"
)

// TestDecodeMatrixMatchesEncodingJSON decodes generated valid bodies with
// decodeMatrix and with the encoding/json reference; they must agree
// exactly (NaN equal to NaN).
func TestDecodeMatrixMatchesEncodingJSON(t *testing.T) {
	rng := newRand(42)
	for i := range 60 {
		o := genOptions{
			series:   rng.IntN(8),
			points:   rng.IntN(400),
			escapes:  i%2 == 0,
			specials: i%3 != 0,
			indent:   i%4 == 1,
			warnings: i%5 == 0,
		}
		body := genBody(rng, o)
		t.Run(fmt.Sprintf("body %d %+v", i, o), func(t *testing.T) {
			want, err := refDecodeMatrix(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("reference: %v", err)
			}
			got, err := decodeBody(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("DecodeMatrix: %v", err)
			}
			if !matrixEqual(got, want) {
				t.Errorf("DecodeMatrix and encoding/json disagree on\n%.2000s", body)
			}
		})
	}
}
