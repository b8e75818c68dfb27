package detect

import (
	"fmt"
	"math"
	"strings"
)

// Method names a point detector.
type Method string

// The point detectors New can build.
const (
	MethodZScore      Method = "zscore"      // rolling mean ± k·sd, leave-current-out
	MethodRobust      Method = "robust"      // rolling median ± k·1.4826·MAD
	MethodEWMA        Method = "ewma"        // exponentially weighted mean ± k·sd
	MethodSeasonal    Method = "seasonal"    // median of k seasons, combined with the robust short-term band
	MethodHoltWinters Method = "holtwinters" // additive Holt-Winters ± k·Brutlag deviation
)

// ParseMethod reads a method name (case-insensitive; "" is zscore).
func ParseMethod(s string) (Method, error) {
	switch m := Method(strings.ToLower(strings.TrimSpace(s))); m {
	case "":
		return MethodZScore, nil
	case MethodZScore, MethodRobust, MethodEWMA, MethodSeasonal, MethodHoltWinters:
		return m, nil
	}
	return "", fmt.Errorf("%w %q (want zscore, robust, ewma, seasonal or holtwinters)", ErrMethod, s)
}

// Direction selects which deviations count as anomalous.
type Direction int

// Directions: both sides (the default), above the band only, below it only.
const (
	Both Direction = iota
	Up
	Down
)

// String is the name ParseDirection reads.
func (d Direction) String() string {
	switch d {
	case Up:
		return "up"
	case Down:
		return "down"
	case Both:
		return "both"
	}
	return fmt.Sprintf("Direction(%d)", int(d))
}

// ParseDirection reads "both" (or ""), "up" or "down", case-insensitive.
func ParseDirection(s string) (Direction, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "both":
		return Both, nil
	case "up", "above":
		return Up, nil
	case "down", "below":
		return Down, nil
	}
	return Both, fmt.Errorf("%w %q (want both, up or down)", ErrDirection, s)
}

// Persistence requires K of the last N verdicts (the point included) to be
// outside the band before a point is flagged; the zero value (or K ≤ 1)
// flags every point outside the band.
type Persistence struct{ K, N int }

// Defaults applied by Options.WithDefaults to zero fields.
const (
	DefaultWindow    = 60
	DefaultThreshold = 3.0
	DefaultAlpha     = 0.1 // EWMA smoothing
	// DefaultHoltWintersAlpha is Holt-Winters' level smoothing: a level that
	// takes about 50 steps (50 minutes at the default step) to follow a
	// change, so that a drop lasting hours stays below the prediction
	// instead of becoming the level within minutes.
	DefaultHoltWintersAlpha = 0.02
	DefaultBeta             = 0.01
	DefaultGamma            = 0.1
	DefaultSeasons          = 3
)

// Options configure a point detector. Zero fields take the defaults above.
type Options struct {
	Method    Method
	Window    int     // baseline length in points (zscore, robust, seasonal short-term); ≥ 2
	Threshold float64 // band half-width in spreads (σ, scaled MAD, Brutlag deviation); > 0
	Direction Direction
	// MinDeviation is the minimum band half-width in value units: a deviation
	// smaller than it is never anomalous, and a constant baseline gets a band
	// of this width instead of zero. ≥ 0.
	MinDeviation float64
	Persistence  Persistence
	Alpha        float64 // EWMA smoothing / Holt-Winters level, in (0, 1]
	Beta         float64 // Holt-Winters trend smoothing, in [0, 1)
	Gamma        float64 // Holt-Winters seasonal smoothing, in [0, 1)
	Season       int     // points per season (seasonal, holtwinters); ≥ 2
	Seasons      int     // seasons whose same-phase values are medianed (seasonal); ≥ 1
}

// WithDefaults returns o with zero fields replaced by the defaults.
func (o Options) WithDefaults() Options {
	if o.Method == "" {
		o.Method = MethodZScore
	}
	if o.Window == 0 {
		o.Window = DefaultWindow
	}
	if o.Threshold == 0 {
		o.Threshold = DefaultThreshold
	}
	if o.Alpha == 0 {
		o.Alpha = DefaultAlpha
		if o.Method == MethodHoltWinters {
			o.Alpha = DefaultHoltWintersAlpha
		}
	}
	if o.Beta == 0 {
		o.Beta = DefaultBeta
	}
	if o.Gamma == 0 {
		o.Gamma = DefaultGamma
	}
	if o.Seasons == 0 {
		o.Seasons = DefaultSeasons
	}
	return o
}

// Validate checks o after defaults; errors wrap the sentinels ErrWindow,
// ErrThreshold, ErrMethod, ErrDirection, ErrSeason and ErrParameter.
func (o Options) Validate() error {
	o = o.WithDefaults()
	if _, err := ParseMethod(string(o.Method)); err != nil {
		return err
	}
	if o.Direction < Both || o.Direction > Down {
		return fmt.Errorf("%w: %v", ErrDirection, o.Direction)
	}
	if o.Window < 2 {
		return fmt.Errorf("%w: got %d", ErrWindow, o.Window)
	}
	if !(o.Threshold > 0) || math.IsInf(o.Threshold, 0) {
		return fmt.Errorf("%w: got %v", ErrThreshold, o.Threshold)
	}
	if !(o.MinDeviation >= 0) || math.IsInf(o.MinDeviation, 0) {
		return fmt.Errorf("%w: min deviation %v must be finite and ≥ 0", ErrParameter, o.MinDeviation)
	}
	if p := o.Persistence; p.K > 1 && (p.N < p.K) || p.K < 0 || p.N < 0 {
		return fmt.Errorf("%w: persistence %d of %d", ErrParameter, p.K, p.N)
	}
	if !(o.Alpha > 0 && o.Alpha <= 1) {
		return fmt.Errorf("%w: alpha %v not in (0, 1]", ErrParameter, o.Alpha)
	}
	if !(o.Beta >= 0 && o.Beta < 1) || !(o.Gamma >= 0 && o.Gamma < 1) {
		return fmt.Errorf("%w: beta %v, gamma %v not in [0, 1)", ErrParameter, o.Beta, o.Gamma)
	}
	if o.Method == MethodSeasonal || o.Method == MethodHoltWinters {
		if o.Season < 2 {
			return fmt.Errorf("%w: %s needs a season of at least 2 points, got %d", ErrSeason, o.Method, o.Season)
		}
		if o.Seasons < 1 {
			return fmt.Errorf("%w: seasons %d < 1", ErrSeason, o.Seasons)
		}
		// The seasonal history holds Seasons·Season points, Holt-Winters'
		// warm-up 2·Season: neither may overflow an int.
		if o.Season > math.MaxInt/max(o.Seasons, 2) {
			return fmt.Errorf("%w: %d seasons of %d points overflow", ErrSeason, max(o.Seasons, 2), o.Season)
		}
	}
	return nil
}

// ValidateFor is Validate plus the check that needs the series length n: a
// seasonal detector must see at least two seasons (the first to learn, the
// second to compare), so Season > n/2 is ErrSeason.
func (o Options) ValidateFor(n int) error {
	if err := o.Validate(); err != nil {
		return err
	}
	o = o.WithDefaults()
	if (o.Method == MethodSeasonal || o.Method == MethodHoltWinters) && 2*o.Season > n {
		return fmt.Errorf("%w: season of %d points is longer than half the %d-point range", ErrSeason, o.Season, n)
	}
	return nil
}
