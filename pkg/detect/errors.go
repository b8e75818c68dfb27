package detect

import "errors"

// Sentinel errors returned (wrapped with context) by option validation and by
// the batch functions. Test with errors.Is.
var (
	// ErrWindow reports a window shorter than 2 points.
	ErrWindow = errors.New("detect: window must be at least 2 points")
	// ErrThreshold reports a band threshold that is not a positive finite number.
	ErrThreshold = errors.New("detect: threshold must be positive and finite")
	// ErrMethod reports an unknown detection method name.
	ErrMethod = errors.New("detect: unknown method")
	// ErrDirection reports an unknown direction name.
	ErrDirection = errors.New("detect: unknown direction")
	// ErrSeason reports a seasonality that is not positive or is longer than
	// the data it must be learnt from.
	ErrSeason = errors.New("detect: invalid seasonality")
	// ErrParameter reports any other out-of-range parameter (smoothing factor,
	// persistence, floor).
	ErrParameter = errors.New("detect: parameter out of range")
	// ErrShortSeries reports a batch computation given fewer points than it
	// needs (the message says how many).
	ErrShortSeries = errors.New("detect: series too short")
)
