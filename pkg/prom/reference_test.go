package prom

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"unicode/utf8"
)

// refResponse is the natural encoding/json model of a range query answer,
// what a Go programmer writes first; refDecodeMatrix converts it like one.
// It is the baseline of BenchmarkDecodeMatrix1M and the oracle of
// TestDecodeMatrixMatchesEncodingJSON.
type refResponse struct {
	Status string `json:"status"`
	Data   struct {
		ResultType string `json:"resultType"`
		Result     []struct {
			Metric map[string]string `json:"metric"`
			Values [][2]any          `json:"values"`
		} `json:"result"`
	} `json:"data"`
	Warnings []string `json:"warnings"`
	Infos    []string `json:"infos"`
}

func refDecodeMatrix(r io.Reader) (Matrix, error) {
	var resp refResponse
	if err := json.NewDecoder(r).Decode(&resp); err != nil {
		return Matrix{}, err
	}
	if resp.Status != "success" || resp.Data.ResultType != "matrix" {
		return Matrix{}, errors.New("not a successful matrix")
	}
	m := Matrix{Series: make([]Series, 0, len(resp.Data.Result)), Warnings: resp.Warnings, Infos: resp.Infos}
	for _, res := range resp.Data.Result {
		s := Series{Labels: res.Metric, Times: make([]int64, len(res.Values)), Values: make([]float64, len(res.Values))}
		if s.Labels == nil {
			s.Labels = Labels{}
		}
		for i, p := range res.Values {
			ts, ok1 := p[0].(float64)
			vs, ok2 := p[1].(string)
			if !ok1 || !ok2 {
				return Matrix{}, fmt.Errorf("bad sample %v", p)
			}
			v, err := strconv.ParseFloat(vs, 64)
			if err != nil {
				return Matrix{}, err
			}
			s.Times[i], s.Values[i] = int64(math.Round(ts*1000)), v
		}
		m.Series = append(m.Series, s)
	}
	return m, nil
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5eed)) }

// genOptions shapes a generated range-query body.
type genOptions struct {
	series, points int
	escapes        bool // odd label text, written with random \u escapes
	specials       bool // NaN, ±Inf, tiny and huge values
	indent         bool // json.Indent the body
	warnings       bool
}

// genBody writes a valid query_range answer as Prometheus formats it:
// timestamps as seconds with up to three decimals (Go's shortest float
// form, like Prometheus' jsonutil), values with strconv 'f' -1.
func genBody(rng *rand.Rand, o genOptions) []byte {
	var b bytes.Buffer
	b.WriteString(`{"status":"success","data":{"resultType":"matrix","result":[`)
	for i := range o.series {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"metric":{`)
		labels := genLabels(rng, i, o.escapes)
		for j, kv := range labels {
			if j > 0 {
				b.WriteByte(',')
			}
			writeJSONString(&b, kv[0], rng, o.escapes)
			b.WriteByte(':')
			writeJSONString(&b, kv[1], rng, o.escapes)
		}
		b.WriteString(`},"values":[`)
		ms := int64(1764201600123) + rng.Int64N(1000)
		for j := range o.points {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `[%s,"%s"]`, strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64), genValue(rng, o.specials))
			ms += 15000
		}
		b.WriteString(`]}`)
	}
	b.WriteString(`]}`)
	if o.warnings {
		b.WriteString(`,"warnings":["partial data: store \"eu-1\" unreachable"]`)
	}
	b.WriteString(`}`)
	if !o.indent {
		return b.Bytes()
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "\t"); err != nil {
		panic(err)
	}
	return out.Bytes()
}

// genLabels returns realistic labels for series i, plus odd ones when asked.
func genLabels(rng *rand.Rand, i int, odd bool) [][2]string {
	labels := [][2]string{
		{"__name__", "node_cpu_seconds_total"},
		{"cpu", strconv.Itoa(i % 64)},
		{"instance", fmt.Sprintf("node-%d.prod.example.com:9100", i/64)},
		{"job", "node-exporter"},
		{"mode", []string{"idle", "user", "system", "iowait"}[rng.IntN(4)]},
		{"namespace", "monitoring"},
		{"pod", fmt.Sprintf("node-exporter-%05x", rng.IntN(1<<20))},
	}
	if odd {
		labels = append(labels,
			[2]string{"path", `/api/"v1"\query` + "\n\t<&>"},
			[2]string{"city", "Zürich 東京 😀 \u2028"},
			[2]string{"ctl", "\x00\x1f\x7f"},
		)
	}
	return labels
}

func genValue(rng *rand.Rand, specials bool) string {
	if specials {
		switch rng.IntN(10) {
		case 0:
			return []string{"NaN", "+Inf", "-Inf"}[rng.IntN(3)]
		case 1:
			return strconv.FormatFloat(rng.NormFloat64()*1e-12, 'f', -1, 64)
		case 2:
			return strconv.FormatFloat(rng.NormFloat64()*1e15, 'f', -1, 64)
		case 3:
			return strconv.Itoa(rng.IntN(1000) - 500)
		}
	}
	return strconv.FormatFloat(rng.Float64(), 'f', 9, 64)
}

// writeJSONString writes s as a JSON string. With escapes, each non-ASCII
// or ASCII letter may be written as \uXXXX, astral runes as surrogate pairs.
func writeJSONString(b *bytes.Buffer, s string, rng *rand.Rand, escapes bool) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			fmt.Fprintf(b, `\u%04x`, r)
		case escapes && rng.IntN(3) == 0:
			if r > 0xffff {
				r -= 0x10000
				fmt.Fprintf(b, `\u%04X\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
			} else {
				fmt.Fprintf(b, `\u%04x`, r)
			}
		default:
			var buf [utf8.UTFMax]byte
			b.Write(buf[:utf8.EncodeRune(buf[:], r)])
		}
	}
	b.WriteByte('"')
}
