package notifications

import (
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/claudeenhancer/monitoring/internal/demostack"
)

// Grafana's uid rule (util.IsValidShortUID): letters, digits, - and _, at most 40.
var uidPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,40}$`)

// envRefOnly is a setting that is nothing but an environment variable.
var envRefOnly = regexp.MustCompile(`^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})$`)

// templateCall is `{{ template "name" ... }}` (also with trim markers).
var templateCall = regexp.MustCompile(`\{\{-?\s*template\s+"([^"]+)"`)

// secretSettings are the settings Grafana's integration schemas mark secure.
var secretSettings = map[string][]string{
	"slack":     {"url", "token"},
	"pagerduty": {"integrationKey"},
	"email":     nil,
}

func TestFilesAreGrafanaProvisioningV1ForTheMainOrg(t *testing.T) {
	p := loadProvisioning(t)
	for file, version := range map[string]int{
		contactPointsPath: p.contactPoints.APIVersion, policiesPath: p.policies.APIVersion,
		templatesPath: p.templates.APIVersion, muteTimingsPath: p.muteTimings.APIVersion,
	} {
		if version != 1 {
			t.Errorf("%s: apiVersion %d, want 1", file, version)
		}
	}
	var orgs []int
	for _, cp := range p.contactPoints.ContactPoints {
		orgs = append(orgs, cp.OrgID)
	}
	for _, pol := range p.policies.Policies {
		orgs = append(orgs, pol.OrgID)
	}
	for _, tpl := range p.templates.Templates {
		orgs = append(orgs, tpl.OrgID)
	}
	for _, mt := range p.muteTimings.MuteTimes {
		orgs = append(orgs, mt.OrgID)
	}
	for _, org := range orgs {
		if org != 1 {
			t.Errorf("orgId %d: everything belongs to org 1, where the datasources and dashboards are", org)
		}
	}
	if len(p.contactPoints.ContactPoints) == 0 || len(p.templates.Templates) == 0 || len(p.muteTimings.MuteTimes) == 0 {
		t.Error("contact points, templates and mute timings must each provision something")
	}
}

func TestContactPointsHaveUniqueUIDsAndTheSettingsGrafanaRequires(t *testing.T) {
	p := loadProvisioning(t)
	env := grafanaEnv(t)
	lookup := func(name string) string { return env[name] }
	names, uids := map[string]bool{}, map[string]bool{}
	for _, cp := range p.contactPoints.ContactPoints {
		if strings.TrimSpace(cp.Name) == "" || names[cp.Name] {
			t.Errorf("contact point name %q: empty or duplicated", cp.Name)
		}
		names[cp.Name] = true
		if len(cp.Receivers) == 0 {
			t.Errorf("contact point %s has no integration", cp.Name)
		}
		for _, in := range cp.Receivers {
			if !uidPattern.MatchString(in.UID) || uids[in.UID] {
				t.Errorf("%s: uid %q is not a unique Grafana uid", cp.Name, in.UID)
			}
			uids[in.UID] = true
			setting := func(key string) string {
				s, _ := in.Settings[key].(string)
				return interpolate(s, lookup)
			}
			switch in.Type {
			case "slack":
				if u, err := url.Parse(setting("url")); err != nil || u.Scheme == "" || u.Host == "" {
					t.Errorf("%s: Slack webhook url %q (in the dev stack) is not a URL", in.UID, setting("url"))
				}
			case "email":
				addrs := emailAddresses(setting("addresses"))
				if len(addrs) == 0 {
					t.Errorf("%s: no e-mail addresses", in.UID)
				}
				for _, a := range addrs {
					if _, err := mail.ParseAddress(a); err != nil {
						t.Errorf("%s: address %q: %v", in.UID, a, err)
					}
				}
			case "pagerduty":
				if setting("integrationKey") == "" {
					t.Errorf("%s: no PagerDuty integration key", in.UID)
				}
			default:
				t.Errorf("%s: integration type %q is not one of the seed's (slack, email, pagerduty)", in.UID, in.Type)
			}
		}
	}
}

func TestSecretsAndRecipientsComeFromGrafanasEnvironment(t *testing.T) {
	p := loadProvisioning(t)
	env := grafanaEnv(t)
	for _, file := range []string{contactPointsPath, policiesPath, templatesPath, muteTimingsPath} {
		text := string(demostack.ReadRepoFile(t, file))
		for _, literal := range []string{"hooks.slack.com", "events.pagerduty.com", "@company.com"} {
			if strings.Contains(text, literal) {
				t.Errorf("%s contains %q: secrets and recipients belong in the environment", file, literal)
			}
		}
	}
	for _, cp := range p.contactPoints.ContactPoints {
		for _, in := range cp.Receivers {
			for _, key := range secretSettings[in.Type] {
				if v, ok := in.Settings[key]; ok && !envRefOnly.MatchString(toString(v)) {
					t.Errorf("%s: secret setting %s = %q, want only $VARIABLE", in.UID, key, v)
				}
			}
			if addrs, ok := in.Settings["addresses"].(string); ok && !envRefOnly.MatchString(addrs) {
				t.Errorf("%s: addresses = %q, want $VARIABLE so a deployment sets its own", in.UID, addrs)
			}
			settingStrings(in.Settings, func(key, value string) {
				refs := envRefs(value)
				if strings.Contains(value, "{{") && len(refs) > 0 {
					t.Errorf("%s: %s: Grafana would expand %v before templating; write $$ or move the template to %s", in.UID, key, refs, templatesPath)
				}
				if strings.Contains(value, "://") {
					t.Errorf("%s: %s = %q: URLs (webhooks carry their secret) belong in the environment", in.UID, key, value)
				}
				for _, name := range refs {
					if _, ok := env[name]; !ok {
						t.Errorf("%s: %s uses $%s, which docker-compose.yaml does not pass to grafana", in.UID, key, name)
					}
				}
			})
		}
	}
	// The policy tree is expanded too (Grafana reads it as a JSONValue).
	var policies any
	if err := yaml.Unmarshal(demostack.ReadRepoFile(t, policiesPath), &policies); err != nil {
		t.Fatal(err)
	}
	settingStrings(map[string]any{"policies": policies}, func(key, value string) {
		for _, name := range envRefs(value) {
			if _, ok := env[name]; !ok {
				t.Errorf("%s: %s uses $%s, which docker-compose.yaml does not pass to grafana", policiesPath, key, name)
			}
		}
	})
}

func TestTemplatesNamedAnywhereAreDefinedAndAllAreUsed(t *testing.T) {
	p := loadProvisioning(t)
	tmpl := parseTemplates(t, p)
	used := map[string]bool{}
	for _, cp := range p.contactPoints.ContactPoints {
		for _, in := range cp.Receivers {
			settingStrings(in.Settings, func(key, value string) {
				for _, m := range templateCall.FindAllStringSubmatch(value, -1) {
					used[m[1]] = true
					if tmpl.Lookup(m[1]) == nil {
						t.Errorf("%s: %s calls template %q, which %s does not define", in.UID, key, m[1], templatesPath)
					}
				}
			})
		}
	}
	for _, tf := range p.templates.Templates {
		for _, m := range templateCall.FindAllStringSubmatch(tf.Template, -1) {
			used[m[1]] = true
			if tmpl.Lookup(m[1]) == nil {
				t.Errorf("%s: %s calls template %q, which is not defined", templatesPath, tf.Name, m[1])
			}
		}
	}
	for _, def := range tmpl.Templates() {
		if name := def.Name(); name != "" && !used[name] {
			t.Errorf("%s defines %q, which nothing uses", templatesPath, name)
		}
	}
}

func TestPolicyTreeObeysGrafanasConstraints(t *testing.T) {
	p := loadProvisioning(t)
	root := p.root(t)
	if root.Receiver == "" || len(root.ObjectMatchers)+len(root.Matchers) > 0 ||
		len(root.MuteTimeIntervals)+len(root.ActiveTimeIntervals) > 0 {
		t.Error("the root policy needs a receiver and may have no matchers, mute or active timings (definitions.Route.Validate)")
	}
	if root.GroupWait == "" || root.GroupInterval == "" || root.RepeatInterval == "" {
		t.Error("the root policy should set its timings rather than take Grafana's defaults (30s, 5m, 4h)")
	}
	muteTimings := map[string]bool{}
	for _, mt := range p.muteTimings.MuteTimes {
		muteTimings[mt.Name] = true
	}
	usedTimings := map[string]bool{}
	tree := compileTree(t, root)
	tree.walk(func(n *node) {
		if p.contactPoint(n.receiver) == nil {
			t.Errorf("%s: receiver %q is not a provisioned contact point", n.path, n.receiver)
		}
		for _, name := range append(slices.Clone(n.route.MuteTimeIntervals), n.route.ActiveTimeIntervals...) {
			usedTimings[name] = true
			if !muteTimings[name] {
				t.Errorf("%s: time interval %q is not provisioned in %s", n.path, name, muteTimingsPath)
			}
		}
		seen := map[string]bool{}
		for _, l := range n.groupBy {
			if l == "..." || seen[l] {
				t.Errorf("%s: group_by %v: duplicated label or `...`", n.path, n.groupBy)
			}
			seen[l] = true
		}
		if n.groupInterval <= 0 || n.repeatInterval <= 0 || n.groupWait < 0 {
			t.Errorf("%s: group_interval and repeat_interval cannot be zero", n.path)
		}
		// Alertmanager checks the repeat only when it flushes the group, every
		// group_interval (docs: repeat_interval ≥ group_interval and a multiple of it).
		if n.repeatInterval < n.groupInterval || n.repeatInterval%n.groupInterval != 0 {
			t.Errorf("%s: repeat_interval %v is not a multiple of group_interval %v", n.path, n.repeatInterval, n.groupInterval)
		}
	})
	for name := range muteTimings {
		if !usedTimings[name] {
			t.Errorf("mute timing %q is attached to no policy", name)
		}
	}
}

func TestTheMaintenanceWindowIsSundayTwoToFourUTC(t *testing.T) {
	p := loadProvisioning(t)
	if len(p.muteTimings.MuteTimes) != 1 || p.muteTimings.MuteTimes[0].Name != maintenance {
		t.Fatalf("want the one mute timing %q, got %+v", maintenance, p.muteTimings.MuteTimes)
	}
	intervals := p.muteTimings.MuteTimes[0].TimeIntervals
	for _, c := range []struct {
		at   string
		want bool
	}{
		{"2026-11-29T02:00:00Z", true}, // a Sunday
		{"2026-11-29T03:59:00Z", true},
		{"2026-11-29T04:00:00Z", false}, // end_time is exclusive
		{"2026-11-29T01:59:00Z", false},
		{"2026-11-30T03:00:00Z", false}, // Monday
		{"2026-11-28T03:00:00Z", false}, // Saturday
	} {
		at, err := time.Parse(time.RFC3339, c.at)
		if err != nil {
			t.Fatal(err)
		}
		if got := inIntervals(t, intervals, at); got != c.want {
			t.Errorf("%s muted = %v, want %v", c.at, got, c.want)
		}
	}
}

// maintenance is the weekly maintenance mute timing.
const maintenance = "ce-weekly-maintenance"

// inIntervals is Alertmanager's TimeInterval.ContainsTime for the fields these
// files use (weekdays, times, location); others fail the test.
func inIntervals(t *testing.T, intervals []timeInterval, at time.Time) bool {
	t.Helper()
	for _, ti := range intervals {
		if len(ti.DaysOfMonth)+len(ti.Months)+len(ti.Years) > 0 {
			t.Fatal("days_of_month, months and years are not checked here: extend inIntervals")
		}
		loc, err := time.LoadLocation(ti.Location)
		if err != nil {
			t.Fatalf("location %q: %v", ti.Location, err)
		}
		local := at.In(loc)
		day := strings.ToLower(local.Weekday().String())
		if len(ti.Weekdays) > 0 && !slices.Contains(ti.Weekdays, day) {
			continue
		}
		minute := local.Hour()*60 + local.Minute()
		if len(ti.Times) == 0 {
			return true
		}
		for _, tr := range ti.Times {
			start, end := clockMinutes(t, tr.StartTime), clockMinutes(t, tr.EndTime)
			if start >= end {
				t.Fatalf("time range %s–%s: start must precede end", tr.StartTime, tr.EndTime)
			}
			if minute >= start && minute < end {
				return true
			}
		}
	}
	return false
}

func clockMinutes(t *testing.T, hhmm string) int {
	t.Helper()
	c, err := time.Parse("15:04", hhmm)
	if err != nil && hhmm != "24:00" {
		t.Fatalf("time %q: want HH:MM", hhmm)
	}
	if hhmm == "24:00" {
		return 24 * 60
	}
	return c.Hour()*60 + c.Minute()
}

// emailAddresses splits Grafana's addresses setting (util.SplitEmails: ; , or newline).
func emailAddresses(s string) []string {
	var out []string
	for _, a := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == '\n' }) {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

func toString(v any) string {
	s, _ := v.(string)
	return s
}
