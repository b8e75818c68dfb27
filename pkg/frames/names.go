package frames

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// SeriesNames names each series of an answer for a person, keyed by its
// labels' data.Labels string: the legend format when it renders something;
// otherwise the values of the labels that differ between the series
// ("api-gateway", or "service=auth, instance=auth-1" when several differ);
// a single series by its metric name, or its labels without __name__.
func SeriesNames(series []prom.Labels, legendFormat string) map[string]string {
	out := make(map[string]string, len(series))
	varying := varyingLabels(series)
	for _, ls := range series {
		key := data.Labels(ls).String()
		if name := Legend(legendFormat, ls); strings.TrimSpace(name) != "" {
			out[key] = name
			continue
		}
		switch {
		case len(varying) == 1:
			out[key] = ls[varying[0]]
		case len(varying) > 1:
			parts := make([]string, 0, len(varying))
			for _, k := range varying {
				parts = append(parts, k+"="+ls[k])
			}
			out[key] = strings.Join(parts, ", ")
		case ls["__name__"] != "":
			out[key] = ls["__name__"]
		default:
			out[key] = withoutName(ls)
		}
	}
	return out
}

// varyingLabels are the label names (never __name__) whose values are not
// the same in every series, sorted.
func varyingLabels(series []prom.Labels) []string {
	var out []string
	seen := map[string]bool{}
	for _, ls := range series {
		for k := range ls {
			if k == "__name__" || seen[k] {
				continue
			}
			seen[k] = true
			for _, other := range series {
				if other[k] != ls[k] {
					out = append(out, k)
					break
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

func withoutName(ls prom.Labels) string {
	rest := make(data.Labels, len(ls))
	for k, v := range ls {
		if k != "__name__" {
			rest[k] = v
		}
	}
	return rest.String()
}

// metricName matches a metric name in PromQL followed by a selector, a
// range or the end of an argument.
var metricName = regexp.MustCompile(`([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{|\[|\)|$)`)

// UnitOf guesses the unit of an expression's values from the metric names
// it reads, by Prometheus' naming conventions (base units as suffixes,
// https://prometheus.io/docs/practices/naming/): "s" for _seconds, "bytes"
// for _bytes, and "/s" for a rate of a counter without one. "" when the
// names disagree or say nothing.
func UnitOf(expr string) string {
	unit, found := "", false
	for _, m := range metricName.FindAllStringSubmatch(expr, -1) {
		name := m[1]
		var u string
		switch {
		case strings.Contains(name, "_seconds"):
			u = "s"
		case strings.Contains(name, "_bytes"):
			u = "bytes"
		case strings.HasSuffix(name, "_total"):
			u = "count"
		default:
			continue // a function name or a metric without a unit suffix
		}
		if found && u != unit {
			return ""
		}
		unit, found = u, true
	}
	isRate := strings.Contains(expr, "rate(")
	switch {
	case unit == "count" && isRate:
		return "/s"
	case unit == "count" || isRate && unit != "":
		return "" // a rate of seconds or bytes is a ratio or a throughput: not guessed
	}
	return unit
}

// formatValue formats x with 4 significant digits and its unit.
func formatValue(x float64, unit string) string {
	switch unit {
	case "":
		return fmt.Sprintf("%.4g", x)
	case "/s":
		return fmt.Sprintf("%.4g/s", x)
	}
	return fmt.Sprintf("%.4g %s", x, unit)
}
