package slo

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The seed's three SLAs:
//   - availability: 99.9 % over a rolling 30 d (43.2 min of allowed
//     downtime) from up{job=~"claude-enhancer.*"}; gaps count as down, since
//     the SLA promises observed availability.
//   - latency-p95: "P95 < 200 ms over 7 d", read as "≥ 95 % of
//     auth_response_time requests take ≤ 0.2 s" (event-weighted, exact at
//     the le="0.2" boundary the demo's histogram exports).
//   - error-rate: "< 0.1 % over 24 h" as a bad/total ratio, objective 0.999;
//     "triggered after 30 minutes of continuous violation" becomes
//     ViolationFor 30 m on the 5 m error ratio (a pending period, as in a
//     Prometheus alerting rule's "for"), reported next to the burn-rate pairs.
//
// The ratio SLOs guard with MinEvents 100: below 100 requests in a window a
// single failure at 99.9 % is a 1 000× burn, which is noise, not a page.
func TestSeedCatalog(t *testing.T) {
	c := seedCatalog(t)
	if err := c.Validate(); err != nil {
		t.Fatalf("the seed catalog does not validate: %v", err)
	}
	cases := []struct {
		name      string
		id        string
		objective float64
		window    time.Duration
		kind      SLIKind
	}{
		{"availability is 99.9 % over 30 days from up", "availability", 0.999, 30 * day, KindAvailability},
		{"latency is 95 % of requests within 200 ms over 7 days", "latency-p95", 0.95, 7 * day, KindLatency},
		{"the error rate is below 0.1 % over 24 hours", "error-rate", 0.999, day, KindRatio},
	}
	for _, c2 := range cases {
		t.Run(c2.name, func(t *testing.T) {
			s, err := c.Lookup(c2.id)
			if err != nil {
				t.Fatal(err)
			}
			if s.Objective != c2.objective || s.Window.Rolling != c2.window || s.SLI.Kind != c2.kind {
				t.Fatalf("got %+v", s)
			}
		})
	}
	t.Run("the availability budget is the seed's 43.2 minutes", func(t *testing.T) {
		s, _ := c.Lookup("availability")
		w := s.Window.Rolling
		b := NewBudget(Tally{Good: w.Seconds(), Total: w.Seconds(), Covered: w}, s.Objective, w, UnitSeconds)
		assertNear(t, "allowed downtime (s)", b.Allowed, 43.2*60, 1e-9) // seed: 允许停机 43.2分钟/月
	})
	t.Run("the error-rate SLA triggers after 30 minutes of continuous violation", func(t *testing.T) {
		s, _ := c.Lookup("error-rate")
		if s.ViolationFor != 30*time.Minute || s.SustainWindow() != 5*time.Minute {
			t.Fatalf("violationFor %v over %v", s.ViolationFor, s.SustainWindow())
		}
	})
	t.Run("the latency SLI reads the le=0.2 bucket over the count", func(t *testing.T) {
		s, _ := c.Lookup("latency-p95")
		if got := s.SLI.BucketSelector("0.2"); got != `auth_response_time_bucket{le="0.2"}` {
			t.Fatalf("bucket selector %s", got)
		}
		if got := s.SLI.CountSelector(); got != `auth_response_time_count` {
			t.Fatalf("count selector %s", got)
		}
	})
	t.Run("the seed survives a JSON round trip", func(t *testing.T) {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseCatalog(b)
		if err != nil {
			t.Fatal(err)
		}
		b2, _ := json.Marshal(back)
		if string(b) != string(b2) {
			t.Fatalf("round trip changed the catalog:\n%s\n%s", b, b2)
		}
		if !strings.Contains(string(b), `"violationFor":"30m"`) {
			t.Fatalf("violationFor not written as a duration: %s", b)
		}
	})
}

func TestParseCatalogErrors(t *testing.T) {
	valid := `{"id":"api","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.999,"window":"30d"}`
	cases := []struct {
		name string
		in   string
		want []error
	}{
		{"a percent objective is refused with a hint", `[{"id":"api","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":99.9,"window":"30d"}]`, []error{ErrObjective}},
		{"an objective of exactly 1 is refused", `[{"id":"api","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":1,"window":"30d"}]`, []error{ErrObjective}},
		{"an objective of six nines is refused as unmeasurable", `[{"id":"api","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.999999,"window":"30d"}]`, []error{ErrObjectiveTooHigh}},
		{"an objective of 1 − 1e-14 (burn rates of 1e14) is refused", `[{"id":"api","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.99999999999999,"window":"30d"}]`, []error{ErrObjectiveTooHigh}},
		{"duplicate ids are refused", "[" + valid + "," + valid + "]", []error{ErrDuplicateID}},
		{"an id with capitals is not a slug", `[{"id":"API","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.99,"window":"30d"}]`, []error{ErrID}},
		{"a missing id is refused", `[{"sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.99,"window":"30d"}]`, []error{ErrID}},
		{"an unknown SLI kind is named", `[{"id":"a","sli":{"kind":"quantile"},"objective":0.99,"window":"30d"}]`, []error{ErrSLIKind}},
		{"a ratio SLI needs exactly one of good and bad", `[{"id":"a","sli":{"kind":"ratio","good":"g","bad":"e","total":"t"},"objective":0.99,"window":"30d"}]`, []error{ErrSLI}},
		{"a ratio SLI refuses availability fields", `[{"id":"a","sli":{"kind":"ratio","bad":"e","total":"t","expr":"up"},"objective":0.99,"window":"30d"}]`, []error{ErrSLI}},
		{"a latency SLI takes the histogram's base name", `[{"id":"a","sli":{"kind":"latency","histogram":"h_bucket","threshold":0.2},"objective":0.95,"window":"7d"}]`, []error{ErrSLI}},
		{"a latency SLI needs a positive threshold", `[{"id":"a","sli":{"kind":"latency","histogram":"h"},"objective":0.95,"window":"7d"}]`, []error{ErrSLI}},
		{"an availability SLI needs an explicit gap policy", `[{"id":"a","sli":{"kind":"availability","expr":"up"},"objective":0.999,"window":"30d"}]`, []error{ErrGapPolicy}},
		{"an unknown calendar unit is named", `[{"id":"a","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.99,"window":{"kind":"calendar","unit":"fortnight"}}]`, []error{ErrCalendarUnit}},
		{"an unknown time zone is named", `[{"id":"a","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.99,"window":{"kind":"calendar","unit":"month","timeZone":"Nowhere/City"}}]`, []error{ErrTimeZone}},
		{"a label name with a dash is refused", `[{"id":"a","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.99,"window":"1d","labels":{"team-name":"x"}}]`, []error{ErrLabel}},
		{"a negative minimum is refused", `[{"id":"a","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.99,"window":"1d","minEvents":-1}]`, []error{ErrMinEvents}},
		{"a violation longer than the window is refused", `[{"id":"a","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.99,"window":"1h","violationFor":"2h"}]`, []error{ErrViolation}},
		{"every broken entry is reported, not only the first", `[{"id":"a","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":2,"window":"1d"},{"id":"b","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.9,"window":"0s"}]`, []error{ErrObjective, ErrWindow}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseCatalog([]byte(c.in))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !errors.Is(err, w) {
					t.Errorf("error %q does not wrap %v", err, w)
				}
			}
		})
	}
	t.Run("a valid catalog parses", func(t *testing.T) {
		c, err := ParseCatalog([]byte("[" + valid + "]"))
		if err != nil || len(c) != 1 || c[0].Window.Rolling != 30*day {
			t.Fatalf("%v %+v", err, c)
		}
	})
	t.Run("an unknown id lists the catalog", func(t *testing.T) {
		_, err := seedCatalog(t).Lookup("nope")
		if !errors.Is(err, ErrUnknownSLO) || !strings.Contains(err.Error(), "availability, latency-p95, error-rate") {
			t.Fatalf("%v", err)
		}
	})
}

func TestSLISelectors(t *testing.T) {
	s := SLI{Kind: KindLatency, Histogram: "http_duration_seconds", Threshold: 0.25, Selector: `{job="api", code!~"5.."}`}
	cases := []struct {
		name, got, want string
	}{
		{"the bucket selector adds le to the matchers", s.BucketSelector("0.25"), `http_duration_seconds_bucket{job="api", code!~"5..",le="0.25"}`},
		{"the count selector keeps the matchers", s.CountSelector(), `http_duration_seconds_count{job="api", code!~"5.."}`},
		{"the bucket listing has no le", s.BucketsSelector(), `http_duration_seconds_bucket{job="api", code!~"5.."}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Fatalf("got %s, want %s", c.got, c.want)
			}
		})
	}
}

func TestSLOJSONShape(t *testing.T) {
	in := `{"id":"checkout","name":"Checkout","sli":{"kind":"latency","histogram":"h","threshold":0.3,"selector":"{a=\"b\"}"},"objective":0.99,"window":{"kind":"calendar","unit":"month","timeZone":"UTC"},"labels":{"team":"pay"},"minEvents":50,"violationFor":"15m","violationWindow":"10m"}`
	var s SLO
	if err := json.Unmarshal([]byte(in), &s); err != nil {
		t.Fatal(err)
	}
	want := SLO{ID: "checkout", Name: "Checkout", Objective: 0.99,
		SLI:    SLI{Kind: KindLatency, Histogram: "h", Threshold: 0.3, Selector: `{a="b"}`},
		Window: CalendarWindow(Month, time.UTC), Labels: map[string]string{"team": "pay"}, MinEvents: 50,
		ViolationFor: 15 * time.Minute, ViolationWindow: 10 * time.Minute}
	if !reflect.DeepEqual(s, want) {
		t.Fatalf("got %+v\nwant %+v", s, want)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
}
