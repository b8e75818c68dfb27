package testenv

import (
	"bufio"
	"io"
	"slices"
	"strconv"
	"strings"
)

// WriteOpenMetrics writes the fixture as OpenMetrics text for
// `promtool tsdb create-blocks-from openmetrics`: one HELP/TYPE per family,
// the samples of a family together and each series' samples ascending,
// timestamps in seconds with millisecond decimals, `# EOF` last.
func (f *Fixture) WriteOpenMetrics(w io.Writer) error {
	bw := bufio.NewWriter(w)
	times := f.Times()
	for _, fam := range f.families() {
		first := &f.Series[fam[0]]
		family := first.Name
		if first.Type == Counter {
			family = strings.TrimSuffix(family, "_total")
		}
		if first.Help != "" {
			bw.WriteString("# HELP " + family + " " + escapeHelp(first.Help) + "\n")
		}
		bw.WriteString("# TYPE " + family + " " + string(first.Type) + "\n")
		for _, i := range fam {
			s := &f.Series[i]
			prefix := s.Name + formatLabels(s.Labels) + " "
			for _, t := range times {
				v, ok := s.Value(t)
				if !ok {
					continue
				}
				ms := t.UnixMilli()
				bw.WriteString(prefix)
				bw.WriteString(formatValue(v))
				bw.WriteByte(' ')
				bw.WriteString(strconv.FormatInt(ms/1000, 10))
				bw.WriteByte('.')
				bw.WriteString(strconv.FormatInt(1000+ms%1000, 10)[1:])
				bw.WriteByte('\n')
			}
		}
	}
	bw.WriteString("# EOF\n")
	return bw.Flush()
}

// WriteImport writes the fixture as Prometheus exposition lines with
// millisecond timestamps (`name{l="v"} 1.5 1795671205000`), the format
// VictoriaMetrics' /api/v1/import/prometheus reads.
func (f *Fixture) WriteImport(w io.Writer) error {
	bw := bufio.NewWriter(w)
	times := f.Times()
	for i := range f.Series {
		s := &f.Series[i]
		prefix := s.Name + formatLabels(s.Labels) + " "
		for _, t := range times {
			v, ok := s.Value(t)
			if !ok {
				continue
			}
			bw.WriteString(prefix)
			bw.WriteString(formatValue(v))
			bw.WriteByte(' ')
			bw.WriteString(strconv.FormatInt(t.UnixMilli(), 10))
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

// families groups series indexes by metric name, in order of first appearance.
func (f *Fixture) families() [][]int {
	var order []string
	byName := map[string][]int{}
	for i, s := range f.Series {
		if _, ok := byName[s.Name]; !ok {
			order = append(order, s.Name)
		}
		byName[s.Name] = append(byName[s.Name], i)
	}
	out := make([][]int, 0, len(order))
	for _, n := range order {
		out = append(out, byName[n])
	}
	return out
}

func formatLabels(labels map[string]string) string {
	if len(labels) == 0 {
		return ""
	}
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k)
		b.WriteString(`="`)
		b.WriteString(labelEscaper.Replace(labels[k]))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func escapeHelp(s string) string { return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(s) }

// formatValue writes the shortest decimal that parses back to v exactly;
// NaN and ±Inf as both formats spell them.
func formatValue(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
