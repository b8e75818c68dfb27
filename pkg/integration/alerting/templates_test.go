package alerting

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"text/template"
)

// Grafana's expansion of label and annotation templates
// (pkg/services/ngalert/state/template): Go text/template over
// {Labels, Values, Value}, with $labels, $values and $value bound first,
// missing keys printed as "[no value]" and Prometheus' template functions.
// Only the functions the rules use are here; a rule that calls another one
// fails to parse, so the list cannot fall behind silently.

// tmplLabels is template.Labels: a map that prints as k=v, sorted.
type tmplLabels map[string]string

func (l tmplLabels) String() string {
	keys := make([]string, 0, len(l))
	for k := range l {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + l[k]
	}
	return strings.Join(parts, ", ")
}

// tmplValue is template.Value: an expression's labels and value, printed
// with two significant digits before the point (Grafana's Value.String).
type tmplValue struct {
	Labels tmplLabels
	Value  float64
}

func (v tmplValue) String() string {
	abs := math.Abs(v.Value)
	if abs == 0 {
		return "0"
	}
	precision := max(2-(int(math.Floor(math.Log10(abs)))+1), 0)
	return strconv.FormatFloat(v.Value, 'f', precision, 64)
}

type tmplData struct {
	Labels tmplLabels
	Values map[string]tmplValue
	Value  string
}

var tmplFuncs = template.FuncMap{
	// Prometheus' humanizePercentage: %.4g of the value × 100, then "%".
	"humanizePercentage": func(v float64) string { return fmt.Sprintf("%.4g%%", v*100) },
	"humanizeDuration":   humanizeDuration,
}

// humanizeDuration is Prometheus' (template/template.go) for the values the
// rules pass it, seconds ≥ 0: "1d 2h 3m 4s" down to the largest non-zero
// unit, "%.4gs" under a minute, and NaN and ±Inf as %.4g.
func humanizeDuration(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Sprintf("%.4g", v)
	}
	if v < 60 {
		return fmt.Sprintf("%.4gs", v)
	}
	d := int64(v)
	days, hours, minutes, seconds := d/86400, d/3600%24, d/60%60, d%60
	switch {
	case days != 0:
		return fmt.Sprintf("%dd %dh %dm %ds", days, hours, minutes, seconds)
	case hours != 0:
		return fmt.Sprintf("%dh %dm %ds", hours, minutes, seconds)
	}
	return fmt.Sprintf("%dm %ds", minutes, seconds)
}

// expandTemplate renders one label or annotation value as Grafana does.
func expandTemplate(text string, data tmplData) (string, error) {
	src := "{{- $labels := .Labels -}}{{- $values := .Values -}}{{- $value := .Value -}}" + text
	tmpl, err := template.New("__alert_test").Option("missingkey=invalid").Funcs(tmplFuncs).Parse(src)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		return "", err
	}
	return strings.ReplaceAll(b.String(), "<no value>", "[no value]"), nil
}

// instanceLabels are the labels an alert instance of r gets: the rule's own,
// expanded, over the query result's (rule labels win, as in Grafana's state
// cache).
func instanceLabels(r *rule, result map[string]string, values map[string]float64) (map[string]string, error) {
	data := newTmplData(result, values)
	out := map[string]string{}
	for k, v := range result {
		out[k] = v
	}
	for k, text := range r.Labels {
		v, err := expandTemplate(text, data)
		if err != nil {
			return nil, fmt.Errorf("label %s: %w", k, err)
		}
		out[k] = v
	}
	return out, nil
}

func newTmplData(result map[string]string, values map[string]float64) tmplData {
	d := tmplData{Labels: tmplLabels(result), Values: map[string]tmplValue{}}
	var parts []string
	for ref, v := range values {
		d.Values[ref] = tmplValue{Labels: tmplLabels(result), Value: v}
		parts = append(parts, fmt.Sprintf("var='%s' labels={%s} value=%g", ref, tmplLabels(result), v))
	}
	sort.Strings(parts)
	d.Value = "[ " + strings.Join(parts, " ], [ ") + " ]"
	return d
}
