package notifications

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"text/template"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// Settings that Grafana sends as one line (a title, a colour, a subject, ...).
var oneLineSettings = []string{"title", "color", "subject", "severity", "summary", "class", "component"}

// Slack caps an attachment title and PagerDuty a summary at 1024 runes.
const maxTitleRunes = 1024

var t0 = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)

const folder = "Claude Enhancer 5.1"

func TestNotificationsRenderTheSeedsFields(t *testing.T) {
	p := loadProvisioning(t)
	tmpl := parseTemplates(t, p)
	tree := compileTree(t, p.root(t))
	env := grafanaEnv(t)
	for _, c := range []struct {
		name      string
		golden    string
		alerts    []extendedAlert
		receivers []string
		exact     map[string]string   // rendered setting → value
		contains  map[string][]string // rendered setting → substrings
		absent    map[string][]string
	}{
		{
			name:   "a firing critical alert pages, posts in danger red and e-mails on-call",
			golden: "critical-firing",
			alerts: []extendedAlert{ruleAlert("ce-service-down",
				kv{"alertname": "ServiceDown", "grafana_folder": folder, "severity": "critical", "category": "availability",
					"environment": "production", "service": "auth", "instance": "auth-1", "job": "claude-enhancer-auth"},
				kv{"summary": "auth-1 (auth) is down", "description": "up == 0 for 2 minutes: the service is completely unavailable.",
					"runbook_url": "https://runbooks.claude-enhancer.local/service-down", "__dashboardUid__": "ce-overview", "__panelId__": "2"},
				map[string]float64{"A": 0, "C": 1}, t0, time.Time{})},
			receivers: []string{"ce-email-critical", "ce-pagerduty", "ce-slack"},
			exact: map[string]string{
				"ce-slack/color":         "danger",
				"ce-slack/title":         "🚨 Claude Enhancer 5.1 Alert — [FIRING:1] CRITICAL ServiceDown · auth (production)",
				"ce-pagerduty/severity":  "critical",
				"ce-pagerduty/class":     "availability",
				"ce-pagerduty/component": "auth",
			},
			contains: map[string][]string{
				"ce-slack/text": {"*Alert:* ServiceDown", "*Severity:* critical", "*Message:* auth-1 (auth) is down",
					"*Instance:* auth-1", "*Value:* A=0, C=1", "|Dashboard>", "|Panel>", "|Runbook>", "|Rule>", "|Silence>"},
				"ce-email-critical/subject": {"[FIRING:1] CRITICAL ServiceDown · auth"},
				"ce-email-critical/message": {"Alert: ServiceDown", "Severity: critical", "Message: auth-1 (auth) is down",
					"Details: up == 0", "Instance: auth-1", "Started: 2026-11-27 08:00:00 UTC", "Dashboard: http://", "Silence: http://"},
				"ce-pagerduty/summary": {"[FIRING:1] CRITICAL ServiceDown", "auth-1 (auth) is down"},
			},
		},
		{
			name:   "two warnings of one rule and service are one notification, in warning amber",
			golden: "warning-group",
			alerts: []extendedAlert{
				ruleAlert("ce-high-cpu", kv{"alertname": "HighCpuUsage", "grafana_folder": folder, "severity": "warning",
					"category": "resource", "environment": "production", "service": "api-gateway", "instance": "api-gateway-1"},
					kv{"summary": "CPU at 87% on api-gateway-1", "description": "CPU usage above 80% for 15 minutes."},
					map[string]float64{"B": 87.24, "C": 1}, t0, time.Time{}),
				ruleAlert("ce-high-cpu", kv{"alertname": "HighCpuUsage", "grafana_folder": folder, "severity": "warning",
					"category": "resource", "environment": "production", "service": "api-gateway", "instance": "api-gateway-2"},
					kv{"summary": "CPU at 91% on api-gateway-2", "description": "CPU usage above 80% for 15 minutes."},
					map[string]float64{"B": 91.4, "C": 1}, t0.Add(2*time.Minute), time.Time{}),
			},
			receivers: []string{"ce-email-warning", "ce-slack"},
			exact: map[string]string{
				"ce-slack/color":           "warning",
				"ce-slack/title":           "🚨 Claude Enhancer 5.1 Alert — [FIRING:2] WARNING HighCpuUsage · api-gateway (production)",
				"ce-email-warning/subject": "[Claude Enhancer 5.1] [FIRING:2] WARNING HighCpuUsage · api-gateway (production)",
			},
			contains: map[string][]string{
				"ce-slack/text": {"*Message:* CPU at 87% on api-gateway-1", "*Instance:* api-gateway-1", "*Value:* B=87.24, C=1",
					"*Message:* CPU at 91% on api-gateway-2", "*Instance:* api-gateway-2", "*Severity:* warning"},
				"ce-email-warning/message": {"Firing (2):", "Instance: api-gateway-1", "Instance: api-gateway-2"},
			},
		},
		{
			name:   "a resolved alert is good green, says resolved and offers no silence",
			golden: "error-resolved",
			alerts: []extendedAlert{ruleAlert("ce-queue-backlog",
				kv{"alertname": "QueueBacklog", "grafana_folder": folder, "severity": "error", "category": "performance",
					"environment": "production", "service": "auth", "instance": "auth-2"},
				kv{"summary": "1243 tasks queued on auth-2", "__dashboardUid__": "ce-performance"},
				map[string]float64{"B": 312, "C": 0}, t0, t0.Add(25*time.Minute))},
			receivers: []string{"ce-email-error", "ce-slack"},
			exact: map[string]string{
				"ce-slack/color":         "good",
				"ce-slack/title":         "✅ Claude Enhancer 5.1 Resolved — [RESOLVED] ERROR QueueBacklog · auth (production)",
				"ce-email-error/subject": "[Claude Enhancer 5.1] [RESOLVED] ERROR QueueBacklog · auth (production)",
			},
			contains: map[string][]string{
				"ce-slack/text":          {"✅ *Alert:* QueueBacklog (resolved)", "*Severity:* error", "*Resolved:* 2026-11-27 08:25:00 UTC", "|Dashboard>"},
				"ce-email-error/message": {"Resolved (1):", "Resolved: 2026-11-27 08:25:00 UTC"},
			},
			absent: map[string][]string{"ce-slack/text": {"Silence>", "|Panel>"}, "ce-email-error/message": {"Silence:", "Firing"}},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			receivers, out := renderNotification(t, p, tmpl, tree, env, c.alerts)
			if !slices.Equal(receivers, c.receivers) {
				t.Errorf("notified %v, want %v", receivers, c.receivers)
			}
			for key, want := range c.exact {
				if got, ok := out[key]; !ok || got != want {
					t.Errorf("%s = %q, want %q", key, got, want)
				}
			}
			for key, subs := range c.contains {
				for _, s := range subs {
					if !strings.Contains(out[key], s) {
						t.Errorf("%s lacks %q:\n%s", key, s, out[key])
					}
				}
			}
			for key, subs := range c.absent {
				for _, s := range subs {
					if strings.Contains(out[key], s) {
						t.Errorf("%s contains %q:\n%s", key, s, out[key])
					}
				}
			}
			checkGolden(t, c.golden, out)
		})
	}
}

func TestSlackColourIsTheSeeds(t *testing.T) {
	p := loadProvisioning(t)
	tmpl := parseTemplates(t, p)
	slack := p.contactPoint("ce-slack")
	if slack == nil || len(slack.Receivers) != 1 {
		t.Fatal("no ce-slack contact point with one integration")
	}
	color := toString(slack.Receivers[0].Settings["color"])
	alert := func(severity string, resolved bool) extendedAlert {
		labels := kv{"alertname": "A", "grafana_folder": folder}
		if severity != "" {
			labels["severity"] = severity
		}
		var end time.Time
		if resolved {
			end = t0.Add(time.Minute)
		}
		return ruleAlert("r", labels, kv{}, nil, t0, end)
	}
	for _, c := range []struct {
		name   string
		alerts []extendedAlert
		want   string
	}{
		{"critical is danger", []extendedAlert{alert("critical", false)}, "danger"},
		{"error is danger", []extendedAlert{alert("error", false)}, "danger"},
		{"warning is warning", []extendedAlert{alert("warning", false)}, "warning"},
		{"info (not in the seed) is Slack's blue", []extendedAlert{alert("info", false)}, "#439FE0"},
		{"no severity is warning", []extendedAlert{alert("", false)}, "warning"},
		{"resolved is good", []extendedAlert{alert("critical", true)}, "good"},
		{"a group with one critical among warnings is danger", []extendedAlert{alert("warning", false), alert("critical", false)}, "danger"},
		{"a firing warning beside a resolved critical is warning", []extendedAlert{alert("critical", true), alert("warning", false)}, "warning"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := execute(tmpl, color, notificationData("ce-slack", nil, c.alerts...))
			if err != nil || got != c.want {
				t.Errorf("colour %q (err %v), want %q", got, err, c.want)
			}
		})
	}
}

// renderNotification routes a group of alerts (sharing their routing labels)
// through the policy tree and renders every templated setting of every
// integration it reaches, after Grafana's environment expansion, as
// "contact point/setting". It fails the test on any template error, an unset
// value, or a one-line setting that is not one line.
func renderNotification(t *testing.T, p provisioning, tmpl *template.Template, tree *node, env map[string]string, alerts []extendedAlert) ([]string, map[string]string) {
	t.Helper()
	out := map[string]string{}
	var receivers []string
	for _, leaf := range tree.match(alerts[0].Labels) {
		cp := p.contactPoint(leaf.receiver)
		if cp == nil {
			t.Fatalf("%s: no contact point %q", leaf.path, leaf.receiver)
		}
		receivers = append(receivers, cp.Name)
		data := notificationData(cp.Name, leaf.groupBy, alerts...)
		for _, in := range cp.Receivers {
			settingStrings(in.Settings, func(key, value string) {
				if !strings.Contains(value, "{{") {
					return
				}
				name := cp.Name + "/" + key
				got, err := execute(tmpl, interpolate(value, func(n string) string { return env[n] }), data)
				if err != nil {
					t.Errorf("%s: %v", name, err)
				}
				if strings.Contains(got, "<no value>") {
					t.Errorf("%s renders an unset value:\n%s", name, got)
				}
				if slices.Contains(oneLineSettings, key) {
					if got == "" || strings.ContainsAny(got, "\r\n") || strings.TrimSpace(got) != got {
						t.Errorf("%s = %q: want one trimmed, non-empty line", name, got)
					}
					if utf8.RuneCountInString(got) > maxTitleRunes {
						t.Errorf("%s is %d runes, over %d", name, utf8.RuneCountInString(got), maxTitleRunes)
					}
				}
				out[name] = got
			})
		}
	}
	slices.Sort(receivers)
	return receivers, out
}

// checkGolden compares the rendered settings with testdata/<name>.golden.
func checkGolden(t *testing.T, name string, out map[string]string) {
	t.Helper()
	keys := make([]string, 0, len(out))
	for k := range out {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "──── %s ────\n%s\n\n", k, out[k])
	}
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != b.String() {
		t.Errorf("rendered notification differs from %s (go test -update rewrites it after review):\n%s", path, b.String())
	}
}
