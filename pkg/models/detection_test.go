package models

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/detect"
)

// detectionQuery is a query of type qt with the flat detection fields of
// extra next to expr, over span from t0.
func detectionQuery(t testing.TB, qt string, extra string, span time.Duration) Query {
	t.Helper()
	q, err := parseDetectionQuery(qt, extra, span)
	if err != nil {
		t.Fatalf("%s %s: %v", qt, extra, err)
	}
	return q
}

func parseDetectionQuery(qt, extra string, span time.Duration) (Query, error) {
	body := `{"refId":"A","queryType":"` + qt + `","expr":"up"`
	if extra != "" {
		body += "," + extra
	}
	return ParseQuery(dataQuery(body+"}", span, 15*time.Second, 1000), defaults)
}

func TestDetectionDefaults(t *testing.T) {
	q := detectionQuery(t, "anomaly", "", time.Hour)
	d := q.Detection
	want := detect.Options{
		Method: detect.MethodZScore, Window: 60, Threshold: 5, Direction: detect.Both, Persistence: detect.Persistence{K: 2, N: 3},
		Alpha: detect.DefaultAlpha, Beta: detect.DefaultBeta, Gamma: detect.DefaultGamma, Seasons: 3,
	}
	if d.Options != want {
		t.Errorf("options %+v, want %+v", d.Options, want)
	}
	if d.Step != time.Minute || d.Window != time.Hour || d.Season != 0 || d.Output != OutputBands {
		t.Errorf("step %v window %v season %v output %q, want 1m, 1h, none and bands", d.Step, d.Window, d.Season, d.Output)
	}
	// The detector's step, not the panel's 15 s interval, is the query's.
	if q.Step != time.Minute || q.Start.UnixMilli()%60000 != 0 || q.End.UnixMilli()%60000 != 0 {
		t.Errorf("query step %v, range %v – %v; want 1m and aligned to it", q.Step, q.Start, q.End)
	}
	if w := d.Warmup(); w != time.Hour {
		t.Errorf("warm-up %v, want the 1 h window", w)
	}
	if q.MaxPoints != 1000 {
		t.Errorf("max points %d, want the panel's 1000 (output is thinned to it)", q.MaxPoints)
	}

	tr := detectionQuery(t, "trend", "", time.Hour).Detection
	if tr.TrendWindow != time.Hour || tr.RatioThreshold != 0.5 {
		t.Errorf("trend window %v, ratio threshold %v; want 1h and the seed's 0.5", tr.TrendWindow, tr.RatioThreshold)
	}
	fc := detectionQuery(t, "forecast", "", time.Hour).Detection
	if fc.ForecastMethod != "linear" || fc.Horizon != 6*time.Hour || fc.Training != 0 || fc.Level != 0.95 || fc.Threshold != nil {
		t.Errorf("forecast %+v, want linear, 6h horizon, the visible range, level 0.95 and no threshold", fc)
	}
}

func TestDetectionOptionsAreConvertedToDetectorSteps(t *testing.T) {
	tests := []struct {
		name  string
		extra string
		check func(d *Detection) bool
		want  string
	}{
		{"a 30 m window at a 30 s step is 60 points",
			`"window":"30m","detectorStep":"30s"`,
			func(d *Detection) bool { return d.Options.Window == 60 && d.Step == 30*time.Second }, "window 60, step 30s"},
		{"a weekly season at 5 m is 2,016 points",
			`"method":"seasonal","season":"1w","detectorStep":"5m"`,
			func(d *Detection) bool { return d.Options.Season == 2016 }, "season 2016"},
		{"the seasonal method without a season learns a daily one",
			`"method":"seasonal"`,
			func(d *Detection) bool { return d.Season == 24*time.Hour && d.Options.Season == 1440 }, "season 1d = 1440"},
		{"Holt-Winters without a season learns a daily one too",
			`"method":"holtwinters","detectorStep":"15m"`,
			func(d *Detection) bool { return d.Options.Season == 96 }, "season 96"},
		{"a zscore query ignores a season it does not use",
			`"season":"1w","seasons":4`,
			func(d *Detection) bool { return d.Warmup() == time.Hour }, "warm-up 1h"},
		{"the seasonal warm-up is the window plus three seasons",
			`"method":"seasonal","season":"1d","window":"2h"`,
			func(d *Detection) bool { return d.Warmup() == 74*time.Hour }, "warm-up 74h"},
		{"EWMA's warm-up adds the 132 points that forget where the fetch began (0.9¹³² < 1e-6)",
			`"method":"ewma"`,
			func(d *Detection) bool { return d.Warmup() == time.Hour+132*time.Minute }, "warm-up 3h12m"},
		{"threshold, direction, floor and persistence pass through",
			`"threshold":4.5,"direction":"down","minDeviation":0.25,"persistence":"2/3"`,
			func(d *Detection) bool {
				o := d.Options
				return o.Threshold == 4.5 && o.Direction == detect.Down && o.MinDeviation == 0.25 && o.Persistence == detect.Persistence{K: 2, N: 3}
			}, "4.5, down, 0.25, 2 of 3"},
		{"names are case-insensitive and trimmed",
			`"method":" Robust ","direction":"UP","output":"Events"`,
			func(d *Detection) bool {
				return d.Options.Method == detect.MethodRobust && d.Options.Direction == detect.Up && d.Output == OutputEvents
			}, "robust, up, events"},
		{"a forecast threshold, training, horizon and level are read",
			`"forecastThreshold":90,"training":"1d","horizon":"12h","level":0.8`,
			func(d *Detection) bool {
				return d.Threshold != nil && *d.Threshold == 90 && d.Training == 24*time.Hour && d.Horizon == 12*time.Hour && d.Level == 0.8
			}, "90, 1d, 12h, 0.8"},
		{"a trend window and ratio threshold are read",
			`"trendWindow":"30m","ratioThreshold":0.2`,
			func(d *Detection) bool { return d.TrendWindow == 30*time.Minute && d.RatioThreshold == 0.2 }, "30m, 0.2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qt := "anomaly"
			if strings.Contains(tt.extra, "forecast") || strings.Contains(tt.extra, "training") {
				qt = "forecast"
			} else if strings.Contains(tt.extra, "trendWindow") {
				qt = "trend"
			}
			d := detectionQuery(t, qt, tt.extra, time.Hour).Detection
			if !tt.check(d) {
				t.Errorf("got %+v (warm-up %v), want %s", d, d.Warmup(), tt.want)
			}
		})
	}
}

func TestInvalidDetectionOptionsAreClearErrors(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name     string
		qt       string
		extra    string
		span     time.Duration
		sentinel error  // wrapped besides ErrInvalidDetection; nil: that alone
		says     string // the message names the problem
	}{
		{"a window of one detector step is too short", "anomaly", `"window":"1m"`, time.Hour, detect.ErrWindow, "at least 2 detector steps"},
		{"a window shorter than the step is too short", "anomaly", `"window":"30s","detectorStep":"1m"`, time.Hour, detect.ErrWindow, "window 30s"},
		{"a zero threshold", "anomaly", `"threshold":0`, time.Hour, detect.ErrThreshold, "threshold must be > 0"},
		{"a negative threshold", "anomaly", `"threshold":-1`, time.Hour, detect.ErrThreshold, "got -1"},
		{"an unknown method", "anomaly", `"method":"prophet"`, time.Hour, detect.ErrMethod, `"prophet"`},
		{"an unknown direction", "anomaly", `"direction":"sideways"`, time.Hour, detect.ErrDirection, `"sideways"`},
		{"persistence that is not k/n", "anomaly", `"persistence":"3"`, time.Hour, nil, `"k/n"`},
		{"persistence with k above n", "anomaly", `"persistence":"4/3"`, time.Hour, nil, "1 ≤ k ≤ n"},
		{"persistence of zero points", "anomaly", `"persistence":"0/3"`, time.Hour, nil, `"0/3"`},
		{"persistence with words", "anomaly", `"persistence":"two/three"`, time.Hour, nil, `"two/three"`},
		{"an unknown output", "anomaly", `"output":"table"`, time.Hour, ErrInvalidOutput, `"table"`},
		{"a negative minimum deviation", "anomaly", `"minDeviation":-0.5`, time.Hour, detect.ErrParameter, "min deviation"},
		{"a duration in words", "anomaly", `"window":"5 minutes"`, time.Hour, nil, `window must be a positive duration such as "5m", got "5 minutes"`},
		{"a zero detector step", "anomaly", `"detectorStep":"0s"`, time.Hour, nil, "detectorStep must be a positive duration"},
		{"a season of one step", "anomaly", `"method":"seasonal","season":"1m"`, time.Hour, detect.ErrSeason, "season of at least 2 points"},
		{"five weekly seasons and a window are more history than a query may fetch", "anomaly",
			`"method":"seasonal","season":"1w","seasons":5`, time.Hour, detect.ErrSeason, "longer than the 5w of history"},
		{"negative seasons", "anomaly", `"method":"seasonal","seasons":-1`, time.Hour, detect.ErrSeason, "seasons"},
		{"negative seasons of a zscore query", "anomaly", `"season":"1d","seasons":-5`, time.Hour, detect.ErrSeason, "seasons"},
		{"seasons whose total overflows a duration", "anomaly", `"method":"seasonal","season":"100y","seasons":3`, time.Hour, detect.ErrSeason, "5w"},
		{"a range longer than 35 days", "anomaly", "", 36 * day, nil, "at most 5w, the range is 5w1d"},
		{"a trend window of one step", "trend", `"trendWindow":"1m"`, time.Hour, nil, "trendWindow must cover at least 2 detector steps"},
		{"a zero ratio threshold", "trend", `"ratioThreshold":0`, time.Hour, nil, "ratioThreshold must be > 0"},
		{"an unknown forecast method", "forecast", `"forecastMethod":"arima"`, time.Hour, nil, `"arima"`},
		{"a forecast level of 0", "forecast", `"level":0`, time.Hour, nil, "level must be in (0, 1), got 0"},
		{"a forecast level of 1", "forecast", `"level":1`, time.Hour, nil, "got 1"},
		{"a forecast level given as a percentage", "forecast", `"level":95`, time.Hour, nil, "got 95"},
		{"a training history over 35 days", "forecast", `"training":"6w"`, time.Hour, ErrQueryLimit, "limited to 5w"},
		// Options whose size the handlers once allocated or divided by.
		{"a detector step below Prometheus' millisecond", "anomaly", `"detectorStep":"0.0005","window":"0.001"`, 0, ErrQueryLimit, `detectorStep must be between 1ms and 5w, got "0.0005"`},
		{"a detector step longer than the history a query may fetch", "forecast", `"detectorStep":"200y"`, time.Hour, ErrQueryLimit, "between 1ms and 5w"},
		{"persistence over more points than a query fetches", "anomaly", `"persistence":"2/9000000000000000000"`, time.Hour, ErrQueryLimit, "more points than a query fetches (100800)"},
		{"a window longer than the history a query may fetch", "anomaly", `"window":"36d"`, time.Hour, detect.ErrWindow, "window 5w1d is longer than the 5w of history"},
		{"a trend window whose predecessor reaches beyond the history", "trend", `"trendWindow":"200y"`, time.Hour, ErrQueryLimit, "trendWindow 200y and the one before it"},
		{"a horizon of more detector steps than a query may produce", "forecast", `"horizon":"35d","detectorStep":"1s","window":"2s"`, time.Hour, ErrQueryLimit, "horizon 5w is 3024000 detector steps of 1s, more than 100800; use a step of at least 30s"},
		{"a Holt-Winters season whose two seasons exceed the history", "forecast", `"forecastMethod":"holtwinters","season":"100000d","window":"2m"`, time.Hour, detect.ErrSeason, "two seasons of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseDetectionQuery(tt.qt, tt.extra, tt.span)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrInvalidDetection) {
				t.Errorf("%v does not wrap ErrInvalidDetection", err)
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("%v does not wrap %v", err, tt.sentinel)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("%q does not say %q", err, tt.says)
			}
		})
	}
}

func TestDetectorStepTooFineForTheRangeIsRefused(t *testing.T) {
	dq := backend.DataQuery{RefID: "A", JSON: []byte(`{"queryType":"anomaly","expr":"up","detectorStep":"1s"}`),
		TimeRange: backend.TimeRange{From: time.Unix(0, 0), To: time.Unix(0, 0).Add(7 * 24 * time.Hour)}}
	_, err := ParseQuery(dq, Settings{ScrapeInterval: 15 * time.Second})
	if !errors.Is(err, ErrInvalidDetection) || !strings.Contains(err.Error(), "use a step of at least 7s") {
		t.Fatalf("err = %v", err)
	}
}
