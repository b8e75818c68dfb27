package slo

// State is the overall verdict of a summary.
type State string

// States, by precedence: no data first (nothing else can be judged), then
// the actionable ones, then partial history, which only qualifies an
// otherwise OK SLO (the PartialHistory flag is set whatever the state).
const (
	// StateNoData: no events in the window, or fewer than MinEvents.
	StateNoData State = "no_data"
	// StateBreaching: remaining budget < 0, the SLI below the objective over
	// the window so far, or a sustained violation firing.
	StateBreaching State = "breaching"
	// StateWarning: a burn-rate pair firing (page or ticket), or the
	// remaining budget ratio below Options.WarnBelow.
	StateWarning State = "warning"
	// StatePartialHistory: OK so far, but the data starts after the window
	// start, so the figures are extrapolated (package doc, "Partial windows").
	StatePartialHistory State = "partial_history"
	// StateOK: none of the above.
	StateOK State = "ok"
)
