package notifications

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// node is a policy with what it inherits resolved, as Alertmanager builds its
// routing tree (dispatch.NewRoute): receiver, group_by and the timings come
// from the parent when unset; mute and active timings are not inherited.
type node struct {
	route    *route
	path     string
	matchers []matcher

	receiver                                 string
	groupBy                                  []string
	groupWait, groupInterval, repeatInterval time.Duration
	mute                                     []string

	children []*node
}

type matcher struct {
	name, op, value string
	re              *regexp.Regexp
}

func (m matcher) matches(labels map[string]string) bool {
	v := labels[m.name] // a missing label matches as ""
	switch m.op {
	case "=":
		return v == m.value
	case "!=":
		return v != m.value
	case "=~":
		return m.re.MatchString(v)
	default: // "!~"
		return !m.re.MatchString(v)
	}
}

func compileTree(t testing.TB, root *route) *node {
	t.Helper()
	return compileRoute(t, root, nil, "root")
}

func compileRoute(t testing.TB, r *route, parent *node, path string) *node {
	t.Helper()
	n := &node{route: r, path: path}
	if parent != nil {
		n.receiver, n.groupBy = parent.receiver, parent.groupBy
		n.groupWait, n.groupInterval, n.repeatInterval = parent.groupWait, parent.groupInterval, parent.repeatInterval
	} else {
		// Grafana's defaults for a root that leaves them out.
		n.groupWait, n.groupInterval, n.repeatInterval = 30*time.Second, 5*time.Minute, 4*time.Hour
	}
	if r.Receiver != "" {
		n.receiver = r.Receiver
	}
	if r.GroupBy != nil {
		n.groupBy = r.GroupBy
	}
	for _, d := range []struct {
		text string
		dst  *time.Duration
	}{{r.GroupWait, &n.groupWait}, {r.GroupInterval, &n.groupInterval}, {r.RepeatInterval, &n.repeatInterval}} {
		if d.text == "" {
			continue
		}
		v, err := parseDuration(d.text)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		*d.dst = v
	}
	n.mute = r.MuteTimeIntervals
	if len(r.Matchers) > 0 {
		t.Fatalf("%s: use object_matchers ([label, op, value]); string matchers are not parsed here", path)
	}
	for _, om := range r.ObjectMatchers {
		if len(om) != 3 || !slices.Contains([]string{"=", "!=", "=~", "!~"}, om[1]) {
			t.Fatalf("%s: matcher %q: want [label, =|!=|=~|!~, value]", path, om)
		}
		m := matcher{name: om[0], op: om[1], value: om[2]}
		if strings.HasSuffix(m.op, "~") {
			re, err := regexp.Compile("^(?:" + m.value + ")$")
			if err != nil {
				t.Fatalf("%s: matcher %q: %v", path, om, err)
			}
			m.re = re
		}
		n.matchers = append(n.matchers, m)
	}
	for i, child := range r.Routes {
		n.children = append(n.children, compileRoute(t, child, n, fmt.Sprintf("%s/%d", path, i)))
	}
	return n
}

// match returns the policies an alert with these labels is notified through:
// Alertmanager's depth-first, left-to-right search (dispatch.Route.Match).
func (n *node) match(labels map[string]string) []*node {
	for _, m := range n.matchers {
		if !m.matches(labels) {
			return nil
		}
	}
	var all []*node
	for _, c := range n.children {
		matched := c.match(labels)
		all = append(all, matched...)
		if matched != nil && !c.route.Continue {
			break
		}
	}
	if len(all) == 0 {
		all = []*node{n}
	}
	return all
}

func (n *node) walk(fn func(*node)) {
	fn(n)
	for _, c := range n.children {
		c.walk(fn)
	}
}

// durationPattern is Prometheus' model.ParseDuration syntax, which Grafana
// uses for the policy timings.
var durationPattern = regexp.MustCompile(`^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$`)

func parseDuration(s string) (time.Duration, error) {
	m := durationPattern.FindStringSubmatch(s)
	if s == "" || m == nil {
		return 0, fmt.Errorf("duration %q: not a Prometheus duration such as 1m or 2m30s", s)
	}
	units := []time.Duration{365 * 24 * time.Hour, 7 * 24 * time.Hour, 24 * time.Hour, time.Hour, time.Minute, time.Second, time.Millisecond}
	var d time.Duration
	for i, u := range units {
		if m[i+1] != "" {
			n, err := strconv.Atoi(m[i+1])
			if err != nil {
				return 0, err
			}
			d += time.Duration(n) * u
		}
	}
	return d, nil
}

// The seed's notification settings (monitoring-system-seed.md, 🔔 通知系统):
// RECIPIENTS per severity, ALERT_COOLDOWN per severity in seconds, and the
// default ALERT_COOLDOWN=300 of its environment variables.
var (
	seedRecipients = map[string][]string{
		"critical": {"oncall@company.com", "tech-lead@company.com"},
		"error":    {"dev-team@company.com"},
		"warning":  {"monitoring@company.com"},
	}
	seedCooldown = map[string]time.Duration{
		"critical": 60 * time.Second, "error": 300 * time.Second,
		"warning": 900 * time.Second, "info": 3600 * time.Second,
	}
	seedDefaultCooldown = 300 * time.Second
)

func TestEverySeverityReachesTheSeedsRecipientsWithTheSeedsCooldown(t *testing.T) {
	p := loadProvisioning(t)
	env := grafanaEnv(t)
	tree := compileTree(t, p.root(t))
	for _, c := range []struct {
		name     string
		severity string
		types    []string // integration types reached
		muted    bool     // by the weekly maintenance window
	}{
		{"a critical alert pages, posts to Slack and e-mails on-call and the tech lead", "critical", []string{"email", "pagerduty", "slack"}, false},
		{"an error posts to Slack and e-mails the dev team", "error", []string{"email", "slack"}, false},
		{"a warning posts to Slack and e-mails monitoring, except in maintenance", "warning", []string{"email", "slack"}, true},
		{"an info alert posts to Slack only (the seed has no info recipients), except in maintenance", "info", []string{"slack"}, true},
		{"an alert without a known severity posts to Slack every default cooldown", "", []string{"slack"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			labels := map[string]string{"alertname": "SomeAlert", "grafana_folder": "Claude Enhancer 5.1", "service": "auth"}
			if c.severity != "" {
				labels["severity"] = c.severity
			}
			leaves := tree.match(labels)
			cooldown, ok := seedCooldown[c.severity]
			if !ok {
				cooldown = seedDefaultCooldown
			}
			var types, mailboxes []string
			for _, leaf := range leaves {
				if leaf.repeatInterval != cooldown {
					t.Errorf("%s (%s): repeat_interval %v, want the seed's cooldown %v", leaf.path, leaf.receiver, leaf.repeatInterval, cooldown)
				}
				// A reminder goes out at the first flush after the cooldown, so it
				// can be up to one group_interval late (see policies.yaml).
				if leaf.groupInterval*6 > cooldown {
					t.Errorf("%s: group_interval %v lets a reminder be more than a sixth of the cooldown late", leaf.path, leaf.groupInterval)
				}
				if muted := slices.Contains(leaf.mute, maintenance); muted != c.muted {
					t.Errorf("%s (%s): muted in maintenance = %v, want %v", leaf.path, leaf.receiver, muted, c.muted)
				}
				cp := p.contactPoint(leaf.receiver)
				if cp == nil {
					t.Fatalf("%s: no contact point %q", leaf.path, leaf.receiver)
				}
				for _, in := range cp.Receivers {
					types = append(types, in.Type)
					if in.Type == "email" {
						addrs := interpolate(toString(in.Settings["addresses"]), func(n string) string { return env[n] })
						for _, a := range emailAddresses(addrs) {
							mailboxes = append(mailboxes, mailbox(a))
						}
					}
				}
			}
			slices.Sort(types)
			if !slices.Equal(types, c.types) {
				t.Errorf("reaches %v, want %v", types, c.types)
			}
			// docker-compose.yaml keeps the seed's mailboxes on a local domain.
			var want []string
			for _, a := range seedRecipients[c.severity] {
				want = append(want, mailbox(a))
			}
			slices.Sort(mailboxes)
			slices.Sort(want)
			if !slices.Equal(mailboxes, want) {
				t.Errorf("e-mails %v, want the seed's %v", mailboxes, want)
			}
		})
	}
}

func TestAlertsAggregatePerRuleServiceAndSLONotPerInstance(t *testing.T) {
	p := loadProvisioning(t)
	tree := compileTree(t, p.root(t))
	base := map[string]string{"alertname": "ServiceDown", "grafana_folder": "Claude Enhancer 5.1", "severity": "critical",
		"category": "availability", "environment": "production", "service": "auth", "instance": "auth-1"}
	with := func(k, v string) map[string]string {
		l := map[string]string{}
		for bk, bv := range base {
			l[bk] = bv
		}
		l[k] = v
		return l
	}
	for _, c := range []struct {
		name   string
		other  map[string]string
		shared bool
	}{
		{"another instance of the same service joins the notification", with("instance", "auth-2"), true},
		{"another service gets its own", with("service", "api-gateway"), false},
		{"staging gets its own", with("environment", "staging"), false},
		{"another rule gets its own", with("alertname", "AuthServiceUnavailable"), false},
		{"another SLO gets its own", with("slo", "availability"), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, leaf := range tree.match(base) {
				if got := groupKey(base, leaf.groupBy) == groupKey(c.other, leaf.groupBy); got != c.shared {
					t.Errorf("%s (%s) group_by %v: same group = %v, want %v", leaf.path, leaf.receiver, leaf.groupBy, got, c.shared)
				}
			}
		})
	}
}

// groupKey is what Alertmanager groups an alert by on a route.
func groupKey(labels map[string]string, groupBy []string) string {
	var b strings.Builder
	for _, l := range groupBy {
		fmt.Fprintf(&b, "%s=%q,", l, labels[l])
	}
	return b.String()
}

// mailbox is an address's local part: oncall@company.com → oncall.
func mailbox(addr string) string {
	local, _, _ := strings.Cut(addr, "@")
	return local
}
