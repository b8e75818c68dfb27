package notifications

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"text/template"
	"time"
)

// The notification data Grafana passes to templates (grafana/alerting
// templates.ExtendedData and ExtendedAlert, built on Alertmanager's
// template.Data), with the methods templates may call on it.

// kv is Alertmanager's template.KV.
type kv map[string]string

type pair struct{ Name, Value string }

type pairs []pair

func (ps pairs) Names() []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

func (ps pairs) Values() []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.Value)
	}
	return out
}

// SortedPairs sorts by name, alertname first.
func (m kv) SortedPairs() pairs {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if (keys[i] == "alertname") != (keys[j] == "alertname") {
			return keys[i] == "alertname"
		}
		return keys[i] < keys[j]
	})
	out := make(pairs, 0, len(keys))
	for _, k := range keys {
		out = append(out, pair{k, m[k]})
	}
	return out
}

func (m kv) Remove(keys []string) kv {
	out := kv{}
	for k, v := range m {
		if !slices.Contains(keys, k) {
			out[k] = v
		}
	}
	return out
}

func (m kv) Names() []string  { return m.SortedPairs().Names() }
func (m kv) Values() []string { return m.SortedPairs().Values() }

// extendedAlert has every field of Grafana's, set or not, so a template using
// any of them executes here as it does in Grafana.
type extendedAlert struct {
	Status        string
	Labels        kv
	Annotations   kv
	StartsAt      time.Time
	EndsAt        time.Time
	GeneratorURL  string
	Fingerprint   string
	SilenceURL    string
	DashboardURL  string
	PanelURL      string
	Values        map[string]float64
	ValueString   string
	ImageURL      string
	EmbeddedImage string
	OrgID         *int64
}

type extendedAlerts []extendedAlert

func (as extendedAlerts) Firing() []extendedAlert   { return as.with("firing") }
func (as extendedAlerts) Resolved() []extendedAlert { return as.with("resolved") }

func (as extendedAlerts) with(status string) []extendedAlert {
	out := []extendedAlert{}
	for _, a := range as {
		if a.Status == status {
			out = append(out, a)
		}
	}
	return out
}

type extendedData struct {
	Receiver          string
	Status            string
	Alerts            extendedAlerts
	GroupLabels       kv
	CommonLabels      kv
	CommonAnnotations kv
	ExternalURL       string
	GroupKey          string
	TruncatedAlerts   *int
	Vars              map[string]string
}

// externalURL is Grafana's root_url in the dev stack.
const externalURL = "http://localhost:3000/"

// notificationData is one notification of a group to a receiver, as
// Alertmanager's template.Data and Grafana's ExtendData build it: the status
// is firing while any alert fires; common labels and annotations are those
// all alerts share; group labels are the route's group_by values.
func notificationData(receiver string, groupBy []string, alerts ...extendedAlert) extendedData {
	d := extendedData{
		Receiver: regexp.QuoteMeta(receiver), Status: "resolved", Alerts: alerts,
		GroupLabels: kv{}, CommonLabels: kv{}, CommonAnnotations: kv{},
		ExternalURL: externalURL, Vars: map[string]string{},
	}
	for _, a := range alerts {
		if a.Status == "firing" {
			d.Status = "firing"
		}
	}
	if len(alerts) > 0 {
		for k, v := range alerts[0].Labels {
			d.CommonLabels[k] = v
		}
		for k, v := range alerts[0].Annotations {
			d.CommonAnnotations[k] = v
		}
		for _, a := range alerts[1:] {
			for k, v := range d.CommonLabels {
				if a.Labels[k] != v {
					delete(d.CommonLabels, k)
				}
			}
			for k, v := range d.CommonAnnotations {
				if a.Annotations[k] != v {
					delete(d.CommonAnnotations, k)
				}
			}
		}
		for _, l := range groupBy {
			if v, ok := alerts[0].Labels[l]; ok {
				d.GroupLabels[l] = v
			}
		}
	}
	return d
}

// ruleAlert is an alert of a Grafana-managed rule with the links Grafana adds
// (rule view, silence, dashboard and panel from the rule's dashboard link).
// Firing alerts have a zero EndsAt in notifications, as Grafana sanitises it.
func ruleAlert(ruleUID string, labels, annotations kv, values map[string]float64, startsAt, endsAt time.Time) extendedAlert {
	a := extendedAlert{
		Status: "firing", Labels: labels, Annotations: annotations, Values: values, StartsAt: startsAt,
		GeneratorURL: externalURL + "alerting/grafana/" + ruleUID + "/view?orgId=1",
		Fingerprint:  fingerprint(labels),
	}
	if !endsAt.IsZero() {
		a.Status, a.EndsAt = "resolved", endsAt
	}
	silence := url.Values{"alertmanager": {"grafana"}, "matcher": {"__alert_rule_uid__=" + ruleUID}}
	for _, p := range labels.SortedPairs() {
		if p.Name != "alertname" && p.Name != "grafana_folder" {
			silence.Add("matcher", p.Name+"="+p.Value)
		}
	}
	a.SilenceURL = externalURL + "alerting/silence/new?" + silence.Encode()
	if dash := annotations["__dashboardUid__"]; dash != "" {
		to := endsAt
		if to.IsZero() {
			to = startsAt.Add(10 * time.Minute)
		}
		q := url.Values{"from": {fmt.Sprint(startsAt.Add(-time.Hour).UnixMilli())}, "to": {fmt.Sprint(to.UnixMilli())}, "orgId": {"1"}}
		a.DashboardURL = externalURL + "d/" + dash + "?" + q.Encode()
		if panel := annotations["__panelId__"]; panel != "" {
			q.Set("viewPanel", panel)
			a.PanelURL = externalURL + "d/" + dash + "?" + q.Encode()
		}
	}
	// Grafana removes private annotations (__name__) before templating.
	for k := range a.Annotations {
		if strings.HasPrefix(k, "__") && strings.HasSuffix(k, "__") {
			a.Annotations = a.Annotations.Remove([]string{k})
		}
	}
	return a
}

// templateFuncs are the functions of Alertmanager's template.DefaultFuncs that
// Grafana's templates get, except title and safeHtml (unused here). A template
// calling anything else fails to parse, as it would in Grafana unless it is one
// of Grafana's own additions (tmpl, coll, data, time): add it here first.
var templateFuncs = template.FuncMap{
	"toUpper":   strings.ToUpper,
	"toLower":   strings.ToLower,
	"trimSpace": strings.TrimSpace,
	"join":      func(sep string, s []string) string { return strings.Join(s, sep) },
	"match":     regexp.MatchString,
	"reReplaceAll": func(pattern, repl, text string) string {
		return regexp.MustCompile(pattern).ReplaceAllString(text, repl)
	},
	"stringSlice": func(s ...string) []string { return s },
}

// parseTemplates parses templates.yaml as Grafana does: every template of the
// org into one set, missing map keys rendering as "" (Alertmanager's
// missingkey=zero).
func parseTemplates(t testing.TB, p provisioning) *template.Template {
	t.Helper()
	tmpl := template.New("").Option("missingkey=zero").Funcs(templateFuncs)
	names := map[string]bool{}
	for _, tf := range p.templates.Templates {
		if tf.Name == "" || names[tf.Name] {
			t.Fatalf("%s: template name %q empty or duplicated", templatesPath, tf.Name)
		}
		names[tf.Name] = true
		var err error
		if tmpl, err = tmpl.Parse(tf.Template); err != nil {
			t.Fatalf("%s: %s: %v", templatesPath, tf.Name, err)
		}
	}
	return tmpl
}

// execute renders a setting's text as Alertmanager's ExecuteTextString does.
func execute(tmpl *template.Template, text string, data extendedData) (string, error) {
	if text == "" {
		return "", nil
	}
	clone, err := tmpl.Clone()
	if err != nil {
		return "", err
	}
	clone, err = clone.New("").Option("missingkey=zero").Parse(text)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	err = clone.Execute(&b, data)
	return b.String(), err
}

// fingerprint stands in for Alertmanager's label-set hash.
func fingerprint(labels kv) string {
	h := fnv.New64a()
	for _, p := range labels.SortedPairs() {
		h.Write([]byte(p.Name + "\xff" + p.Value + "\xff"))
	}
	return fmt.Sprintf("%016x", h.Sum64())
}
