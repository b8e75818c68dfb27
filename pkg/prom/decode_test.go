package prom

import (
	"bytes"
	"errors"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// series is shorthand for test expectations.
func series(labels Labels, times []int64, values ...float64) Series {
	return Series{Labels: labels, Times: times, Values: values}
}

func TestDecodeMatrix(t *testing.T) {
	tests := []struct {
		name string
		body string
		want Matrix
	}{
		{
			name: "series come out in order with labels, times in ms and values",
			body: `{"status":"success","data":{"resultType":"matrix","result":[
				{"metric":{"job":"a"},"values":[[1,"1"],[2.5,"2"]]},
				{"metric":{"job":"b"},"values":[[3,"3"]]}]}}`,
			want: Matrix{Series: []Series{
				series(Labels{"job": "a"}, []int64{1000, 2500}, 1, 2),
				series(Labels{"job": "b"}, []int64{3000}, 3),
			}},
		},
		{
			name: "keys may come in any order, result before resultType and data before status",
			body: `{"data":{"result":[{"values":[[1,"1"]],"metric":{"a":"b"}}],"resultType":"matrix"},"status":"success"}`,
			want: Matrix{Series: []Series{series(Labels{"a": "b"}, []int64{1000}, 1)}},
		},
		{
			name: "unknown keys are skipped at every level, whatever their values",
			body: `{"status":"success","isPartial":false,"stats":{"seriesFetched":"1","x":[1,-2.5e3,true,null,{"y":[]}]},
				"data":{"resultType":"matrix","extra":{"a":[[]]},"result":[{"metric":{},"foo":"bar","values":[[1,"1"]]}]}}`,
			want: Matrix{Series: []Series{series(Labels{}, []int64{1000}, 1)}},
		},
		{
			name: "whitespace is allowed between all tokens",
			body: " \n{ \"status\" : \"success\" ,\r\n\t\"data\" : { \"resultType\" : \"matrix\" , \"result\" : [ { \"metric\" : { \"a\" : \"b\" } , \"values\" : [ [ 1 , \"1\" ] , [ 2 , \"2\" ] ] } ] } }\n",
			want: Matrix{Series: []Series{series(Labels{"a": "b"}, []int64{1000, 2000}, 1, 2)}},
		},
		{
			name: "string escapes in labels decode like encoding/json, lone surrogates become U+FFFD",
			body: `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{
				"q":"\"\\\/\b\f\n\r\t","u":"\u00e9\u4e16\uD83D\uDE00","lone":"a\ud800b","lo":"\udc00\u0041","k\u0065y":"v"},
				"values":[]}]}}`,
			want: Matrix{Series: []Series{series(Labels{
				"q": "\"\\/\b\f\n\r\t", "u": "é世😀", "lone": "a\uFFFDb", "lo": "\uFFFDA", "key": "v",
			}, []int64{})}},
		},
		{
			name: "an empty result gives zero series and a null result too",
			body: `{"status":"success","data":{"resultType":"matrix","result":null}}`,
			want: Matrix{},
		},
		{
			name: "a null metric gives empty labels",
			body: `{"status":"success","data":{"resultType":"matrix","result":[{"metric":null,"values":[[1,"1"]]}]}}`,
			want: Matrix{Series: []Series{series(Labels{}, []int64{1000}, 1)}},
		},
		{
			name: "warnings and infos are kept",
			body: `{"status":"success","data":{"resultType":"matrix","result":[]},"warnings":["w1","w2"],"infos":["i1"]}`,
			want: Matrix{Warnings: []string{"w1", "w2"}, Infos: []string{"i1"}},
		},
		{
			name: "a series with only native histograms is skipped with a warning, a mixed one keeps its floats",
			body: `{"status":"success","data":{"resultType":"matrix","result":[
				{"metric":{"h":"only"},"histograms":[[1,{"count":"2","sum":"3","buckets":[[0,"0.5","1","2"]]}]]},
				{"metric":{"h":"mixed"},"values":[[1,"1"]],"histograms":[[2,{"count":"1","sum":"1"}]]}]}}`,
			want: Matrix{
				Series:   []Series{series(Labels{"h": "mixed"}, []int64{1000}, 1)},
				Warnings: []string{"2 series carry native histogram samples, which this data source does not support; they were skipped"},
			},
		},
		{
			name: "timestamps: integer, 1-3 fraction digits, truncation beyond, exponent form, negative",
			body: `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[
				[1764201600,"0"],[1764201600.1,"0"],[1764201600.12,"0"],[1764201600.123,"0"],[1764201600.1239,"0"],
				[1.7642016001e9,"0"],[-1.5,"0"],[0,"0"]]}]}}`,
			want: Matrix{Series: []Series{series(Labels{}, []int64{
				1764201600000, 1764201600100, 1764201600120, 1764201600123, 1764201600123,
				1764201600100, -1500, 0}, 0, 0, 0, 0, 0, 0, 0, 0)}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeBody(strings.NewReader(tt.body))
			if err != nil {
				t.Fatalf("DecodeMatrix: %v", err)
			}
			if !matrixEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestDecodeMatrixSpecialValues(t *testing.T) {
	body := `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[
		[1,"NaN"],[2,"+Inf"],[3,"-Inf"],[4,"Inf"],[5,"-0"],[6,"1e-300"],[7,"1.7976931348623157e308"],[8,"0.123456789"]]}]}}`
	m, err := decodeBody(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	v := m.Series[0].Values
	checks := []struct {
		name string
		ok   bool
	}{
		{"NaN is NaN", math.IsNaN(v[0])},
		{"+Inf is +Inf", math.IsInf(v[1], 1)},
		{"-Inf is -Inf", math.IsInf(v[2], -1)},
		{"Inf is +Inf", math.IsInf(v[3], 1)},
		{"-0 keeps its sign", v[4] == 0 && math.Signbit(v[4])},
		{"1e-300 is exact", v[5] == 1e-300},
		{"the largest float is exact", v[6] == math.MaxFloat64},
		{"0.123456789 is exact", v[7] == 0.123456789},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: got %v", c.name, v)
		}
	}
}

func TestDecodeMatrixErrors(t *testing.T) {
	const head = `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[`
	tests := []struct {
		name   string
		body   string
		target error
		inMsg  string // a fragment the message must carry (the "where")
	}{
		{"an empty body is not Prometheus", "", ErrNotPrometheus, "empty body"},
		{"an HTML page is not Prometheus", "<html><body>Login</body></html>", ErrNotPrometheus, `"<html><body>Login`},
		{"a JSON array is not Prometheus", `["a"]`, ErrNotPrometheus, "starts with"},
		{"an object without status is not Prometheus", `{"data":{"resultType":"matrix","result":[]}}`, ErrNotPrometheus, `"status"`},
		{"an unknown status is malformed", `{"status":"ok","data":{"resultType":"matrix","result":[]}}`, ErrMalformedResponse, `"ok"`},
		{"success without data is malformed", `{"status":"success"}`, ErrMalformedResponse, "without data"},
		{"a vector result type is malformed for a range query", `{"status":"success","data":{"resultType":"vector","result":[]}}`, ErrMalformedResponse, `"vector"`},
		{"a missing result type is malformed", `{"status":"success","data":{"result":[]}}`, ErrMalformedResponse, `resultType ""`},
		{"a scalar pair under a matrix result type is malformed", `{"status":"success","data":{"resultType":"matrix","result":[1,"1"]}}`, ErrMalformedResponse, "form of a matrix"},
		{"a body that stops mid-sample is malformed at its end", head + `[1,"1"],[2,`, ErrMalformedResponse, "unexpected end of input at byte 94"},
		{"a trailing comma is malformed", head + `[1,"1"],]}]}}`, ErrMalformedResponse, "at byte 91: expected"},
		{"a timestamp string is malformed", head + `["1","1"]]}]}}`, ErrMalformedResponse, "sample timestamp"},
		{"a timestamp with a leading zero is malformed", head + `[01,"1"]]}]}}`, ErrMalformedResponse, `bad sample timestamp "01"`},
		{"a timestamp without fraction digits is malformed", head + `[1.,"1"]]}]}}`, ErrMalformedResponse, `bad sample timestamp "1."`},
		{"a timestamp beyond int64 ms is malformed", head + `[9223372036854776,"1"]]}]}}`, ErrMalformedResponse, "bad sample timestamp"},
		{"a numeric value is malformed", head + `[1,1]]}]}}`, ErrMalformedResponse, "sample value string"},
		{"a value that is not a float is malformed", head + `[1,"1,5"]]}]}}`, ErrMalformedResponse, `at byte 86: bad sample value "1,5"`},
		{"a sample with three elements is malformed", head + `[1,"1",2]]}]}}`, ErrMalformedResponse, "']' ending a sample"},
		{"a numeric label value is malformed", `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":1}}]}}`, ErrMalformedResponse, "label value string"},
		{"a control character in a string is malformed", "{\"status\":\"succ\x01ess\"}", ErrMalformedResponse, "control character"},
		{"an invalid escape is malformed", `{"status":"succ\xess"}`, ErrMalformedResponse, `invalid escape \x`},
		{"a bad \\u escape is malformed", `{"status":"\u12G4"}`, ErrMalformedResponse, `invalid \u escape`},
		{"data after the object is malformed", `{"status":"success","data":{"resultType":"matrix","result":[]}} {}`, ErrMalformedResponse, "data after the response object"},
		{"a misspelt literal is malformed", `{"status":"success","x":nul,"data":{"resultType":"matrix","result":[]}}`, ErrMalformedResponse, `"null"`},
		{"an invalid number in an unknown key is malformed", `{"status":"success","x":-,"data":{"resultType":"matrix","result":[]}}`, ErrMalformedResponse, "invalid number"},
		{"nesting beyond the limit is malformed, not a stack overflow", `{"x":` + strings.Repeat("[", 100000), ErrMalformedResponse, "nesting deeper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeBody(strings.NewReader(tt.body))
			if !errors.Is(err, tt.target) {
				t.Fatalf("err = %v, want %v", err, tt.target)
			}
			if !strings.Contains(err.Error(), tt.inMsg) {
				t.Errorf("err = %q, want it to mention %q", err, tt.inMsg)
			}
		})
	}
}

func TestDecodeMatrixErrorEnvelope(t *testing.T) {
	_, err := decodeBody(strings.NewReader(`{"status":"error","data":{"weird":[1]},"errorType":"bad_data","error":"parse error at char 5: unexpected \"}\""}`))
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Type != "bad_data" || apiErr.Error() != `prometheus: bad_data: parse error at char 5: unexpected "}"` {
		t.Fatalf("err = %#v, want an APIError of type bad_data", err)
	}
}

// TestDecodeMatrixAcrossChunkBoundaries feeds the same bodies through
// readers that return data in odd pieces; every split must decode alike.
func TestDecodeMatrixAcrossChunkBoundaries(t *testing.T) {
	body := genBody(newRand(7), genOptions{series: 5, points: 300, escapes: true, indent: true})
	want, err := decodeBody(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	readers := []struct {
		name string
		r    io.Reader
	}{
		{"one byte at a time", iotest.OneByteReader(bytes.NewReader(body))},
		{"half of each request", iotest.HalfReader(bytes.NewReader(body))},
		{"EOF together with the last data", iotest.DataErrReader(bytes.NewReader(body))},
		{"one byte at a time with EOF on the last byte", iotest.DataErrReader(iotest.OneByteReader(bytes.NewReader(body)))},
	}
	for _, tt := range readers {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeBody(tt.r)
			if err != nil {
				t.Fatalf("DecodeMatrix: %v", err)
			}
			if !matrixEqual(got, want) {
				t.Error("decoded differently than from one buffer")
			}
		})
	}
}

func TestDecodeMatrixPassesReaderErrorsThrough(t *testing.T) {
	body := genBody(newRand(1), genOptions{series: 2, points: 5000})
	_, err := decodeBody(iotest.TimeoutReader(bytes.NewReader(body)))
	if !errors.Is(err, iotest.ErrTimeout) || errors.Is(err, ErrMalformedResponse) {
		t.Fatalf("err = %v, want iotest.ErrTimeout and not ErrMalformedResponse", err)
	}
	if !strings.Contains(err.Error(), "at byte 32768") {
		t.Errorf("err = %q, want the offset of the failed read", err)
	}
	_, err = decodeBody(iotest.ErrReader(io.ErrUnexpectedEOF))
	if !errors.Is(err, ErrMalformedResponse) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("err = %v, want a truncated body to be malformed", err)
	}
}

// TestDecodeMatrixHandlesTokensLongerThanTheBuffer makes the scanner grow.
func TestDecodeMatrixHandlesTokensLongerThanTheBuffer(t *testing.T) {
	long := strings.Repeat("x", 3*scanBufSize)
	body := `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"l":"` + long + `","e":"\n` + long + `"},"values":[[1,"1"]]}]}}`
	m, err := decodeBody(iotest.HalfReader(strings.NewReader(body)))
	if err != nil {
		t.Fatal(err)
	}
	if want := (Labels{"l": long, "e": "\n" + long}); !reflect.DeepEqual(m.Series[0].Labels, want) {
		t.Error("long label values came out wrong")
	}
}

// matrixEqual compares matrices treating NaN as equal to NaN (by bits) and
// nil and empty slices alike.
func matrixEqual(a, b Matrix) bool {
	if len(a.Series) != len(b.Series) || !stringsEqual(a.Warnings, b.Warnings) || !stringsEqual(a.Infos, b.Infos) {
		return false
	}
	for i := range a.Series {
		x, y := a.Series[i], b.Series[i]
		if len(x.Labels) != len(y.Labels) || len(x.Times) != len(y.Times) || len(x.Values) != len(y.Values) {
			return false
		}
		for k, v := range x.Labels {
			if w, ok := y.Labels[k]; !ok || v != w {
				return false
			}
		}
		for j := range x.Times {
			if x.Times[j] != y.Times[j] || math.Float64bits(x.Values[j]) != math.Float64bits(y.Values[j]) && !(math.IsNaN(x.Values[j]) && math.IsNaN(y.Values[j])) {
				return false
			}
		}
	}
	return true
}

func stringsEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestDecodeMatrixReportsANumberEndingTheInput covers a number token cut
// by the end of input after the buffer has been refilled.
func TestDecodeMatrixReportsANumberEndingTheInput(t *testing.T) {
	body := `{"status":"success","x":` + strings.Repeat(" ", scanBufSize-30) + `12345`
	_, err := decodeBody(iotest.HalfReader(strings.NewReader(body)))
	if !errors.Is(err, ErrMalformedResponse) || !strings.Contains(err.Error(), "unexpected end of input") {
		t.Fatalf("err = %v, want an unexpected end of input", err)
	}
}

// decodeBody decodes a whole query_range body as QueryRange does, without a
// size hint or limits.
func decodeBody(r io.Reader) (Matrix, error) { return decodeMatrix(newScanner(r), 0, nil) }
