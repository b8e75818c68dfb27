package models

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/detect"
	"github.com/claudeenhancer/monitoring/pkg/promdur"
)

// Query types that run detection on the series a PromQL expression returns.
const (
	QueryTypeAnomaly  QueryType = "anomaly"
	QueryTypeTrend    QueryType = "trend"
	QueryTypeForecast QueryType = "forecast"
)

// Output selects the shape of a detection query's result.
type Output string

// Outputs: bands for panels (value, yhat, yhat_lower, yhat_upper,
// anomaly_score, anomaly); score for alert rules (one numeric field per
// series); events as a table, also used for annotations.
const (
	OutputBands  Output = "bands"
	OutputScore  Output = "score"
	OutputEvents Output = "events"
)

// Detection defaults. The detector step is fixed, not the panel's, so a
// point's verdict does not depend on zoom.
const (
	DefaultDetectorStep = time.Minute
	DefaultWindow       = time.Hour
	DefaultTrendWindow  = time.Hour
	DefaultHorizon      = 6 * time.Hour
	DefaultLevel        = 0.95
	// MaxHistory bounds warm-up and training fetches (seasons of a week
	// included) so a query cannot ask the upstream for unbounded history.
	MaxHistory = 35 * 24 * time.Hour
)

// MethodDefaults are an anomaly query's defaults for one detection method,
// applied when the query leaves the option unset.
type MethodDefaults struct {
	Threshold   float64
	Persistence detect.Persistence
}

// AnomalyDefaults are chosen so that over two weeks of the demo history
// each method finds the incidents of demo/timeline.json it is meant for
// while flagging few events nothing explains (pkg/integration,
// TestAnomalyDefaultsFindTheDemoIncidentsAndStayQuiet, recomputes the
// figures; docs/how-to/tune-a-detector.md has the table). A 5-spread band
// and 2 of 3 points outside it keep a 2-minute spike and cut the isolated
// points of a noisy counter rate (threshold 3 without persistence flagged
// about 65 events per series-week on the demo's 5xx rates). Holt-Winters
// takes 4: its deviation is that of one-step errors, which on a rate over
// 5 minutes sampled every minute are smaller than the series' own spread,
// and a wider band misses the demo's drop of registrations to zero, only
// about 3 of them deep. Persistence "1/1" flags every point outside the
// band.
var AnomalyDefaults = map[detect.Method]MethodDefaults{
	detect.MethodZScore:      {Threshold: 5, Persistence: detect.Persistence{K: 2, N: 3}},
	detect.MethodRobust:      {Threshold: 5, Persistence: detect.Persistence{K: 2, N: 3}},
	detect.MethodEWMA:        {Threshold: 5, Persistence: detect.Persistence{K: 2, N: 3}},
	detect.MethodSeasonal:    {Threshold: 5, Persistence: detect.Persistence{K: 2, N: 3}},
	detect.MethodHoltWinters: {Threshold: 4, Persistence: detect.Persistence{K: 2, N: 3}},
}

// Detection errors, reported per query.
var (
	ErrInvalidDetection = errors.New("invalid detection option")
	ErrInvalidOutput    = errors.New(`output must be "bands", "score" or "events"`)
)

// Detection is a validated anomaly, trend or forecast configuration.
type Detection struct {
	Options detect.Options // window, season in detector steps
	Step    time.Duration  // detector step
	Window  time.Duration
	Season  time.Duration
	Output  Output
	// Trend: the last TrendWindow is compared with the one before it.
	TrendWindow    time.Duration
	RatioThreshold float64 // the seed's before/after ratio threshold (0.5)
	// Forecast.
	ForecastMethod string // linear | holtwinters
	Horizon        time.Duration
	Training       time.Duration // history the forecast learns from; 0 = the visible range
	Threshold      *float64      // value whose crossing time is forecast
	Level          float64       // prediction-interval level
}

// Warmup is the history fetched before the visible range so the baseline
// exists from the first visible point: the window plus, for seasonal
// methods, the seasons. EWMA also remembers every point before its window,
// with weight (1 − α)ⁿ after n more points; it gets the points that take the
// weight of where the fetch began below ewmaForget, so a short alert query
// and a long panel query agree on the verdict at the same instant. Never
// more than MaxHistory.
func (d Detection) Warmup() time.Duration {
	w := d.history()
	if d.Options.Method == detect.MethodEWMA && d.Options.Alpha > 0 && d.Options.Alpha < 1 {
		w += time.Duration(math.Ceil(math.Log(ewmaForget)/math.Log1p(-d.Options.Alpha))) * d.Step
	}
	return min(w, MaxHistory)
}

// ewmaForget is the weight below which EWMA's start is forgotten: 132
// extra points at the default α = 0.1.
const ewmaForget = 1e-6

// history is the window plus, for the methods that learn a season, the
// seasons they compare with. It saturates instead of overflowing, so absurd
// seasons fail the MaxHistory check.
func (d Detection) history() time.Duration {
	if m := d.Options.Method; m != detect.MethodSeasonal && m != detect.MethodHoltWinters {
		return d.Window
	}
	k := time.Duration(d.Options.Seasons)
	if d.Season > 0 && k > (math.MaxInt64-d.Window)/d.Season {
		return math.MaxInt64
	}
	return d.Window + k*d.Season
}

type detectionJSON struct {
	Method         string   `json:"method"`
	Window         string   `json:"window"`
	Threshold      *float64 `json:"threshold"`
	Direction      string   `json:"direction"`
	MinDeviation   float64  `json:"minDeviation"`
	Persistence    string   `json:"persistence"`
	Season         string   `json:"season"`
	Seasons        int      `json:"seasons"`
	DetectorStep   string   `json:"detectorStep"`
	Output         string   `json:"output"`
	TrendWindow    string   `json:"trendWindow"`
	RatioThreshold *float64 `json:"ratioThreshold"`
	ForecastMethod string   `json:"forecastMethod"`
	Horizon        string   `json:"horizon"`
	Training       string   `json:"training"`
	ForecastTarget *float64 `json:"forecastThreshold"`
	Level          *float64 `json:"level"`
}

func parseDetection(raw detectionJSON, qt QueryType) (*Detection, error) {
	d := &Detection{Output: Output(strings.ToLower(strings.TrimSpace(raw.Output)))}
	if d.Output == "" {
		d.Output = OutputBands
	}
	if d.Output != OutputBands && d.Output != OutputScore && d.Output != OutputEvents {
		return nil, fmt.Errorf("%w: %w, got %q", ErrInvalidDetection, ErrInvalidOutput, raw.Output)
	}
	var err error
	if d.Step, err = optionalDuration(raw.DetectorStep, "detectorStep", DefaultDetectorStep); err != nil {
		return nil, err
	}
	// Prometheus timestamps are milliseconds, and no step beyond the history
	// a query may fetch can have two points in it.
	if d.Step < time.Millisecond || d.Step > MaxHistory {
		return nil, fmt.Errorf("%w: %w: detectorStep must be between 1ms and %s, got %q",
			ErrInvalidDetection, ErrQueryLimit, FormatDuration(MaxHistory), raw.DetectorStep)
	}
	if d.Window, err = optionalDuration(raw.Window, "window", DefaultWindow); err != nil {
		return nil, err
	}
	if d.Season, err = optionalDuration(raw.Season, "season", 0); err != nil {
		return nil, err
	}
	if raw.Seasons < 0 {
		return nil, fmt.Errorf("%w: %w: seasons must be at least 1, got %d", ErrInvalidDetection, detect.ErrSeason, raw.Seasons)
	}
	o := detect.Options{
		Window:       int(d.Window / d.Step),
		Seasons:      raw.Seasons,
		MinDeviation: raw.MinDeviation,
		Season:       int(d.Season / d.Step),
	}
	if o.Method, err = detect.ParseMethod(raw.Method); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidDetection, err)
	}
	if raw.Threshold != nil {
		if *raw.Threshold <= 0 {
			return nil, fmt.Errorf("%w: %w: threshold must be > 0, got %v", ErrInvalidDetection, detect.ErrThreshold, *raw.Threshold)
		}
		o.Threshold = *raw.Threshold
	}
	if o.Direction, err = detect.ParseDirection(raw.Direction); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidDetection, err)
	}
	if o.Persistence, err = parsePersistence(raw.Persistence); err != nil {
		return nil, err
	}
	if def, ok := AnomalyDefaults[o.Method]; ok && qt == QueryTypeAnomaly {
		if raw.Threshold == nil {
			o.Threshold = def.Threshold
		}
		if strings.TrimSpace(raw.Persistence) == "" {
			o.Persistence = def.Persistence
		}
	}
	if o.Persistence.N > MaxDetectorPoints {
		return nil, fmt.Errorf("%w: %w: persistence %q looks back over more points than a query fetches (%d)",
			ErrInvalidDetection, ErrQueryLimit, raw.Persistence, MaxDetectorPoints)
	}
	if qt == QueryTypeForecast {
		// A forecast learns from its training range; the window is unused.
		o.Window = max(o.Window, 2)
	}
	if o.Window < 2 {
		return nil, fmt.Errorf("%w: %w: window %s must cover at least 2 detector steps of %s",
			ErrInvalidDetection, detect.ErrWindow, FormatDuration(d.Window), FormatDuration(d.Step))
	}
	if (o.Method == detect.MethodSeasonal || o.Method == detect.MethodHoltWinters) && d.Season == 0 {
		d.Season = 24 * time.Hour
		o.Season = int(d.Season / d.Step)
	}
	if err := o.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidDetection, err)
	}
	d.Options = o.WithDefaults()
	if d.history() > MaxHistory {
		if d.history() == d.Window {
			return nil, fmt.Errorf("%w: %w: %w: window %s is longer than the %s of history a query may fetch",
				ErrInvalidDetection, ErrQueryLimit, detect.ErrWindow, FormatDuration(d.Window), FormatDuration(MaxHistory))
		}
		return nil, fmt.Errorf("%w: %w: %w: window plus %d seasons of %s is longer than the %s of history a query may fetch",
			ErrInvalidDetection, ErrQueryLimit, detect.ErrSeason, d.Options.Seasons, FormatDuration(d.Season), FormatDuration(MaxHistory))
	}
	switch qt {
	case QueryTypeTrend:
		err = d.parseTrend(raw)
	case QueryTypeForecast:
		err = d.parseForecast(raw)
	}
	return d, err
}

func (d *Detection) parseTrend(raw detectionJSON) error {
	var err error
	if d.TrendWindow, err = optionalDuration(raw.TrendWindow, "trendWindow", DefaultTrendWindow); err != nil {
		return err
	}
	if d.TrendWindow < 2*d.Step {
		return fmt.Errorf("%w: trendWindow must cover at least 2 detector steps", ErrInvalidDetection)
	}
	if d.TrendWindow > MaxHistory/2 { // the window and the one before it are fetched
		return fmt.Errorf("%w: %w: trendWindow %s and the one before it are longer than the %s of history a query may fetch",
			ErrInvalidDetection, ErrQueryLimit, FormatDuration(d.TrendWindow), FormatDuration(MaxHistory))
	}
	d.RatioThreshold = 0.5 // the seed's detect_trend_change default
	if raw.RatioThreshold != nil {
		if *raw.RatioThreshold <= 0 {
			return fmt.Errorf("%w: ratioThreshold must be > 0", ErrInvalidDetection)
		}
		d.RatioThreshold = *raw.RatioThreshold
	}
	return nil
}

func (d *Detection) parseForecast(raw detectionJSON) error {
	d.ForecastMethod = strings.ToLower(strings.TrimSpace(raw.ForecastMethod))
	if d.ForecastMethod == "" {
		d.ForecastMethod = "linear"
	}
	if d.ForecastMethod != "linear" && d.ForecastMethod != "holtwinters" {
		return fmt.Errorf("%w: forecastMethod must be linear or holtwinters, got %q", ErrInvalidDetection, raw.ForecastMethod)
	}
	if d.ForecastMethod == "holtwinters" && d.Season == 0 {
		d.Season = 24 * time.Hour
		d.Options.Season = int(d.Season / d.Step)
	}
	var err error
	if d.Horizon, err = optionalDuration(raw.Horizon, "horizon", DefaultHorizon); err != nil {
		return err
	}
	if d.Training, err = optionalDuration(raw.Training, "training", 0); err != nil {
		return err
	}
	if d.Training > MaxHistory || d.Horizon > MaxHistory {
		return fmt.Errorf("%w: %w: training and horizon are limited to %s", ErrInvalidDetection, ErrQueryLimit, FormatDuration(MaxHistory))
	}
	if n := d.Horizon / d.Step; n > MaxDetectorPoints {
		return fmt.Errorf("%w: %w: horizon %s is %d detector steps of %s, more than %d; use a step of at least %s",
			ErrInvalidDetection, ErrQueryLimit, FormatDuration(d.Horizon), n, FormatDuration(d.Step), MaxDetectorPoints,
			FormatDuration(promdur.Ceil(d.Horizon/MaxDetectorPoints, time.Second)))
	}
	if d.ForecastMethod == "holtwinters" && d.Season > MaxHistory/2 {
		return fmt.Errorf("%w: %w: %w: Holt-Winters learns from two seasons of %s, longer than the %s of history a query may fetch",
			ErrInvalidDetection, ErrQueryLimit, detect.ErrSeason, FormatDuration(d.Season), FormatDuration(MaxHistory))
	}
	d.Threshold = raw.ForecastTarget
	d.Level = DefaultLevel
	if raw.Level != nil {
		if !(*raw.Level > 0 && *raw.Level < 1) {
			return fmt.Errorf("%w: level must be in (0, 1), got %v", ErrInvalidDetection, *raw.Level)
		}
		d.Level = *raw.Level
	}
	return nil
}

func optionalDuration(raw, name string, def time.Duration) (time.Duration, error) {
	if strings.TrimSpace(raw) == "" {
		return def, nil
	}
	v, err := promdur.ParseOrSeconds(raw)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("%w: %s must be a positive duration such as \"5m\", got %q", ErrInvalidDetection, name, raw)
	}
	return v, nil
}

// parsePersistence reads "k/n" (flag a point when k of the last n are outside the band).
func parsePersistence(raw string) (detect.Persistence, error) {
	if strings.TrimSpace(raw) == "" {
		return detect.Persistence{}, nil
	}
	ks, ns, ok := strings.Cut(raw, "/")
	k, err1 := strconv.Atoi(strings.TrimSpace(ks))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	if !ok || err1 != nil || err2 != nil || k < 1 || n < k {
		return detect.Persistence{}, fmt.Errorf("%w: persistence must be \"k/n\" with 1 ≤ k ≤ n, got %q", ErrInvalidDetection, raw)
	}
	return detect.Persistence{K: k, N: n}, nil
}

// MaxDetectorPoints bounds the points one detection query fetches per series
// (warm-up or training included): 35 days at 30 s. A finer step over a long
// range would turn one panel into hundreds of upstream requests.
const MaxDetectorPoints = 100_800

func (d Detection) checkPoints(span time.Duration) error {
	fetched := span + max(d.Warmup(), d.Training, 2*d.TrendWindow)
	if n := int64(fetched / d.Step); n > MaxDetectorPoints {
		return fmt.Errorf("%w: detector step %s over %s is %d points per series, more than %d; use a step of at least %s",
			ErrInvalidDetection, FormatDuration(d.Step), FormatDuration(fetched.Truncate(time.Second)), n, MaxDetectorPoints,
			FormatDuration(promdur.Ceil(fetched/MaxDetectorPoints, time.Second)))
	}
	return nil
}
