package prom

import (
	"fmt"
	"slices"
	"strings"
)

// decodeMatrix decodes a whole /api/v1/query_range response body as it
// streams in, in one pass and with no intermediate tree: series come out in
// the order received, with Times in Unix ms (see parseMillis) and Values
// parsed as parseValue does, including NaN and ±Inf. An empty result gives
// zero series. Native histogram samples are skipped: a series with only
// histograms is left out and Warnings says how many series were affected.
//
// Errors: an error envelope gives an *APIError (StatusCode 0);
// ErrNotPrometheus when the body is not a Prometheus JSON envelope;
// ErrMalformedResponse, with the byte offset, for invalid or truncated JSON,
// a resultType other than "matrix" or a bad sample; other reader errors are
// wrapped with the offset they occurred at.
//
// hint is the expected points per series, a capacity hint for the reused
// point buffer (Range.Points; 0 if unknown); budget bounds the decoding
// (nil: no limits). On error, what it charged to budget is released.
func decodeMatrix(s *scanner, hint int, budget *Budget) (Matrix, error) {
	d := newResultDecoder(budget)
	d.times, d.values = make([]int64, 0, hint), make([]float64, 0, hint)
	env, err := decodeEnvelope(s, d.data)
	if err == nil {
		err = d.check(env, "matrix")
	}
	if err != nil {
		budget.Release(d.charged)
		return Matrix{}, err
	}
	return Matrix{Series: d.series, Warnings: d.warnings(env), Infos: env.infos}, nil
}

// decodeInstant decodes an /api/v1/query response under budget: a vector
// gives one Sample per series, a scalar one Sample with empty Labels. Info
// annotations are not returned.
func decodeInstant(s *scanner, budget *Budget) ([]Sample, []string, error) {
	d := newResultDecoder(budget)
	env, err := decodeEnvelope(s, d.data)
	if err == nil {
		err = d.check(env, "vector", "scalar")
	}
	if err != nil {
		budget.Release(d.charged)
		return nil, nil, err
	}
	if d.resultType == "scalar" {
		v, ok := parseValue([]byte(d.pairValue))
		if !ok {
			return nil, nil, fmt.Errorf("%w: bad scalar value %q", ErrMalformedResponse, d.pairValue)
		}
		return []Sample{{Labels: Labels{}, Time: d.pairTime, Value: v}}, d.warnings(env), nil
	}
	samples := make([]Sample, 0, len(d.series))
	for _, ser := range d.series {
		if len(ser.Times) != 1 {
			return nil, nil, fmt.Errorf("%w: vector element with %d samples, want 1", ErrMalformedResponse, len(ser.Times))
		}
		samples = append(samples, Sample{Labels: ser.Labels, Time: ser.Times[0], Value: ser.Values[0]})
	}
	return samples, d.warnings(env), nil
}

// decodeStrings decodes a response whose data is a list of strings, as
// from /api/v1/labels and /api/v1/label/<name>/values. Missing or null
// data gives an empty, non-nil list.
func decodeStrings(s *scanner) ([]string, error) {
	var out []string
	_, err := decodeEnvelope(s, func(s *scanner) (err error) {
		out, err = s.texts("label string")
		return err
	})
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []string{}
	}
	return out, nil
}

// decodeBuildInfo decodes /api/v1/status/buildinfo: "version",
// "application" and "revision" are kept; missing, null or empty data gives
// empty fields.
func decodeBuildInfo(s *scanner) (BuildInfo, error) {
	var info BuildInfo
	_, err := decodeEnvelope(s, func(s *scanner) error {
		return s.object(func(key []byte) (err error) {
			switch string(key) {
			case "version":
				info.Version, err = s.text("version string")
			case "application":
				info.Application, err = s.text("application string")
			case "revision":
				info.Revision, err = s.text("revision string")
			default:
				err = s.skip(0)
			}
			return err
		})
	})
	return info, err
}

// resultShape is what the elements of data.result looked like.
type resultShape uint8

const (
	shapeNone   resultShape = iota // empty or null result
	shapeSeries                    // objects: matrix or vector
	shapePair                      // [time, "value"]: scalar or string
)

// resultDecoder decodes the data of the query endpoints,
// {"resultType": "...", "result": [...]}, in either key order: the shape
// of result is recognised from its content and checked against resultType
// once both are known.
type resultDecoder struct {
	resultType string
	shape      resultShape
	series     []Series
	pairTime   int64  // the time of a scalar or string result
	pairValue  string // its value, parsed once resultType is known
	histograms int    // series that carried native histogram samples

	// The current series' points, reused across series; each Series gets
	// an exact-size copy, so sparse series do not pin large buffers.
	times  []int64
	values []float64

	// Limits (see Budget): points are charged in batches of chargeBatch,
	// the current series' once it reaches chargeAt points.
	budget     *Budget
	maxSeries  int         // 0: no limit
	tooMany    *LimitError // the error for more than maxSeries
	charged    int64       // points charged by this decoder
	seriesPaid int         // points of the current series charged
	chargeAt   int         // len(times) at which to charge next
}

// chargeBatch is how many points are decoded between two charges to the
// budget: a charge is a compare-and-swap on counters shared by concurrent
// decoders, dear next to the ~50 ns a point costs. A limit is therefore
// noticed at most chargeBatch points (64 KiB of Series) late, but never
// missed: the rest of each series is charged when it ends.
const chargeBatch = 4096

func newResultDecoder(budget *Budget) *resultDecoder {
	d := &resultDecoder{budget: budget, chargeAt: chargeBatch}
	d.maxSeries, d.tooMany = budget.seriesLimit()
	return d
}

// charge charges the current series' points decoded since the last charge.
func (d *resultDecoder) charge() error {
	n := len(d.times) - d.seriesPaid
	if err := d.budget.Charge(int64(n)); err != nil {
		return err
	}
	d.charged += int64(n)
	d.seriesPaid = len(d.times)
	d.chargeAt = len(d.times) + chargeBatch
	return nil
}

func (d *resultDecoder) data(s *scanner) error {
	return s.object(func(key []byte) (err error) {
		switch string(key) {
		case "resultType":
			d.resultType, err = s.text("resultType string")
			return err
		case "result":
			return d.result(s)
		}
		return s.skip(0)
	})
}

// check verifies that the result type is one of want and the result's
// shape fits it.
func (d *resultDecoder) check(env envelope, want ...string) error {
	if !env.hasData {
		return fmt.Errorf("%w: success response without data", ErrMalformedResponse)
	}
	if !slices.Contains(want, d.resultType) {
		return fmt.Errorf("%w: resultType %q, want %s", ErrMalformedResponse, d.resultType, strings.Join(want, " or "))
	}
	wantShape := shapeSeries
	if d.resultType == "scalar" {
		wantShape = shapePair
	}
	if d.shape != wantShape && !(d.shape == shapeNone && wantShape == shapeSeries) {
		return fmt.Errorf("%w: result does not have the form of a %s", ErrMalformedResponse, d.resultType)
	}
	return nil
}

// warnings is the upstream's warnings plus ours about skipped histograms.
func (d *resultDecoder) warnings(env envelope) []string {
	if d.histograms == 0 {
		return env.warnings
	}
	return append(env.warnings, fmt.Sprintf(
		"%d series carry native histogram samples, which this data source does not support; they were skipped", d.histograms))
}
