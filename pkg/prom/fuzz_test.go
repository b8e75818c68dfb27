package prom

import (
	"bytes"
	"errors"
	"testing"
	"testing/iotest"
)

// FuzzDecodeMatrix: arbitrary input never panics; when it decodes, every
// series has as many times as values, and decoding it one byte at a time
// gives the same answer.
func FuzzDecodeMatrix(f *testing.F) {
	seeds := []string{
		matrixBody,
		`{"status":"success","data":{"resultType":"matrix","result":[]}}`,
		`{"status":"success","data":{"resultType":"matrix","result":null},"warnings":["w"],"infos":[]}`,
		`{"data":{"result":[{"values":[[1,"NaN"],[2.5,"+Inf"]],"metric":{"a\u00e9\ud83d\ude00":"\"\\\n"}}],"resultType":"matrix"},"status":"success"}`,
		`{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"histograms":[[1,{"count":"1","buckets":[[0,"1","2","3"]]}]]}]}}`,
		`{"status":"success","stats":{"a":[true,false,null,-1.5e3]},"data":{"resultType":"matrix","result":[{"metric":{},"values":[[1.7e9,"1e-3"]]}]}}`,
		`{"status":"error","errorType":"bad_data","error":"parse error"}`,
		`{"status":"success","data":{"resultType":"scalar","result":[1,"1"]}}`,
		`{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"],[2,`,
		`{"status":"\ud800\u0041"}`,
		`<html>no</html>`,
		``,
		`[[[[[[[[[[`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Add(genBody(newRand(9), genOptions{series: 2, points: 3, escapes: true, specials: true, indent: true}))
	f.Fuzz(func(t *testing.T, body []byte) {
		m, err := decodeBody(bytes.NewReader(body))
		slow, slowErr := decodeBody(iotest.OneByteReader(bytes.NewReader(body)))
		if (err == nil) != (slowErr == nil) {
			t.Fatalf("one-buffer err %v, byte-by-byte err %v", err, slowErr)
		}
		if err != nil {
			var apiErr *APIError
			if !errors.Is(err, ErrMalformedResponse) && !errors.Is(err, ErrNotPrometheus) && !errors.As(err, &apiErr) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		for i, s := range m.Series {
			if len(s.Times) != len(s.Values) || s.Labels == nil {
				t.Fatalf("series %d has %d times, %d values, labels %v", i, len(s.Times), len(s.Values), s.Labels)
			}
		}
		if !matrixEqual(m, slow) {
			t.Fatal("byte-by-byte decoding differs")
		}
	})
}
