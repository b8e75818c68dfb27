package notifications

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/claudeenhancer/monitoring/internal/demostack"
)

// The provisioning files, relative to the repository root.
const (
	contactPointsPath = "provisioning/alerting/contact-points.yaml"
	policiesPath      = "provisioning/alerting/policies.yaml"
	templatesPath     = "provisioning/alerting/templates.yaml"
	muteTimingsPath   = "provisioning/alerting/mute-timings.yaml"
	composePath       = "docker-compose.yaml"
)

// The types below mirror Grafana's file-provisioning format, apiVersion 1
// (pkg/services/provisioning/alerting: ContactPointV1, NotificiationPolicyV1
// with definitions.Route, TemplateV1, MuteTimeV1). Files are decoded with
// unknown keys rejected, so a misspelt key fails here instead of being
// silently ignored by Grafana.

type contactPointsFile struct {
	APIVersion    int            `yaml:"apiVersion"`
	ContactPoints []contactPoint `yaml:"contactPoints"`
}

type contactPoint struct {
	OrgID     int           `yaml:"orgId"`
	Name      string        `yaml:"name"`
	Receivers []integration `yaml:"receivers"`
}

// integration is one receiver of a contact point (Slack, e-mail, ...).
type integration struct {
	UID                   string         `yaml:"uid"`
	Type                  string         `yaml:"type"`
	Settings              map[string]any `yaml:"settings"`
	DisableResolveMessage bool           `yaml:"disableResolveMessage"`
}

type policiesFile struct {
	APIVersion int      `yaml:"apiVersion"`
	Policies   []*route `yaml:"policies"`
}

// route is a notification policy (Alertmanager's route with Grafana's keys).
type route struct {
	OrgID               int        `yaml:"orgId"`
	Receiver            string     `yaml:"receiver"`
	GroupBy             []string   `yaml:"group_by"`
	GroupWait           string     `yaml:"group_wait"`
	GroupInterval       string     `yaml:"group_interval"`
	RepeatInterval      string     `yaml:"repeat_interval"`
	ObjectMatchers      [][]string `yaml:"object_matchers"`
	Matchers            []string   `yaml:"matchers"`
	MuteTimeIntervals   []string   `yaml:"mute_time_intervals"`
	ActiveTimeIntervals []string   `yaml:"active_time_intervals"`
	Continue            bool       `yaml:"continue"`
	Routes              []*route   `yaml:"routes"`
}

type templatesFile struct {
	APIVersion int `yaml:"apiVersion"`
	Templates  []struct {
		OrgID    int    `yaml:"orgId"`
		Name     string `yaml:"name"`
		Template string `yaml:"template"`
	} `yaml:"templates"`
}

type muteTimingsFile struct {
	APIVersion int `yaml:"apiVersion"`
	MuteTimes  []struct {
		OrgID         int            `yaml:"orgId"`
		Name          string         `yaml:"name"`
		TimeIntervals []timeInterval `yaml:"time_intervals"`
	} `yaml:"muteTimes"`
}

// timeInterval is Alertmanager's timeinterval.TimeInterval in its YAML form.
type timeInterval struct {
	Times []struct {
		StartTime string `yaml:"start_time"`
		EndTime   string `yaml:"end_time"`
	} `yaml:"times"`
	Weekdays    []string `yaml:"weekdays"`
	DaysOfMonth []string `yaml:"days_of_month"`
	Months      []string `yaml:"months"`
	Years       []string `yaml:"years"`
	Location    string   `yaml:"location"`
}

// provisioning is everything the notification files provision.
type provisioning struct {
	contactPoints contactPointsFile
	policies      policiesFile
	templates     templatesFile
	muteTimings   muteTimingsFile
}

func loadProvisioning(t testing.TB) provisioning {
	t.Helper()
	var p provisioning
	decodeStrict(t, contactPointsPath, &p.contactPoints)
	decodeStrict(t, policiesPath, &p.policies)
	decodeStrict(t, templatesPath, &p.templates)
	decodeStrict(t, muteTimingsPath, &p.muteTimings)
	return p
}

// root is the single policy tree's root.
func (p provisioning) root(t testing.TB) *route {
	t.Helper()
	if len(p.policies.Policies) != 1 {
		t.Fatalf("%s: want one policy tree (Grafana keeps one per organisation), got %d", policiesPath, len(p.policies.Policies))
	}
	return p.policies.Policies[0]
}

// contactPoint returns the contact point named name, or nil.
func (p provisioning) contactPoint(name string) *contactPoint {
	for i := range p.contactPoints.ContactPoints {
		if p.contactPoints.ContactPoints[i].Name == name {
			return &p.contactPoints.ContactPoints[i]
		}
	}
	return nil
}

func decodeStrict(t testing.TB, rel string, v any) {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader(demostack.ReadRepoFile(t, rel)))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
}

// composeDefault matches a compose value with a default: ${NAME:-default}.
var composeDefault = regexp.MustCompile(`^\$\{([A-Za-z_][A-Za-z0-9_]*):?-(.*)\}$`)

// grafanaEnv is the environment docker-compose.yaml gives the grafana service,
// with each ${NAME:-default} at its default: what Grafana sees in the dev stack.
func grafanaEnv(t testing.TB) map[string]string {
	t.Helper()
	var compose struct {
		Services map[string]struct {
			Environment map[string]string `yaml:"environment"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(demostack.ReadRepoFile(t, composePath), &compose); err != nil {
		t.Fatalf("%s: %v", composePath, err)
	}
	grafana, ok := compose.Services["grafana"]
	if !ok {
		t.Fatalf("%s: no grafana service", composePath)
	}
	env := map[string]string{}
	for name, value := range grafana.Environment {
		if m := composeDefault.FindStringSubmatch(value); m != nil {
			value = m[2]
		}
		env[name] = value
	}
	return env
}

// interpolate expands a provisioning string as Grafana does
// (provisioning/values.interpolateValue): `$$` is a literal `$`, and every
// other $NAME or ${NAME} is replaced by lookup(NAME) (os.ExpandEnv).
func interpolate(s string, lookup func(string) string) string {
	parts := strings.Split(s, "$$")
	for i, part := range parts {
		parts[i] = os.Expand(part, lookup)
	}
	return strings.Join(parts, "$")
}

// envRefs lists the variables a provisioning string references.
func envRefs(s string) []string {
	var names []string
	interpolate(s, func(name string) string {
		names = append(names, name)
		return ""
	})
	return names
}

// settingStrings calls fn for every string in an integration's settings, with
// its key path ("details.firing" for nested maps).
func settingStrings(settings map[string]any, fn func(key, value string)) {
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case string:
			fn(prefix, v)
		case map[string]any:
			for k, e := range v {
				walk(joinKey(prefix, k), e)
			}
		case []any:
			for _, e := range v {
				walk(prefix, e)
			}
		}
	}
	for k, v := range settings {
		walk(k, v)
	}
}

func joinKey(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}
