package prom

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"
)

// Decoded-size limits. Options.MaxResponseBytes bounds bytes on the wire,
// but what a process holds is decoded series and points (16 bytes a point
// in a Series, more once a caller builds frames from them), and a small
// body can name many series. A Budget in the request's context bounds
// them: the decoder charges every point it decodes and stops at the first
// limit crossed, so no more than the limit (plus one batch, chargeBatch)
// is ever held.
var (
	// ErrTooManySeries matches a *LimitError for a response with more
	// series than its budget allows.
	ErrTooManySeries = errors.New("too many series")
	// ErrTooManyPoints matches a *LimitError for points beyond a budget.
	ErrTooManyPoints = errors.New("too many points")
)

// Limits configures a Budget.
type Limits struct {
	// Scope names what the budget covers, as the subject of its error
	// message: "the query", "the queries of this request together".
	Scope string
	// MaxSeries bounds the series of each response decoded under the
	// budget (0: no limit). Chunks of one long query repeat the same
	// series, so this is per response, not a sum.
	MaxSeries int
	// MaxPoints bounds the points held under the budget at once, summed
	// over every response and over every charge a caller makes (0: no
	// limit).
	MaxPoints int64
	// Hint ends the error message with what the user can do; a default
	// for each kind of limit is used when it is empty.
	Hint string
}

// Budget counts the points held under a set of Limits, and under its
// parent's: a query's budget inside its request's inside the process's.
// It is safe for concurrent use; a nil *Budget has no limits.
type Budget struct {
	parent *Budget
	limits Limits
	held   atomic.Int64
	peak   atomic.Int64
}

// NewBudget returns an empty budget whose charges also count against
// parent (nil for none).
func NewBudget(parent *Budget, l Limits) *Budget {
	return &Budget{parent: parent, limits: l}
}

// Charge adds n points to b and every ancestor, or, when that would take
// one of them over its MaxPoints, adds none and returns that one's
// *LimitError.
func (b *Budget) Charge(n int64) error {
	for c := b; c != nil; c = c.parent {
		if err := c.add(n); err != nil {
			for u := b; u != c; u = u.parent {
				u.held.Add(-n)
			}
			return err
		}
	}
	return nil
}

func (b *Budget) add(n int64) error {
	for {
		cur := b.held.Load()
		if b.limits.MaxPoints > 0 && cur+n > b.limits.MaxPoints {
			return &LimitError{Limits: b.limits}
		}
		if b.held.CompareAndSwap(cur, cur+n) {
			for p := b.peak.Load(); cur+n > p && !b.peak.CompareAndSwap(p, cur+n); p = b.peak.Load() {
			}
			return nil
		}
	}
}

// Release gives back n points charged to b, in b and every ancestor.
func (b *Budget) Release(n int64) {
	for c := b; c != nil; c = c.parent {
		c.held.Add(-n)
	}
}

// Held is the number of points charged to b and not released.
func (b *Budget) Held() int64 {
	if b == nil {
		return 0
	}
	return b.held.Load()
}

// Peak is the most points b held at once.
func (b *Budget) Peak() int64 {
	if b == nil {
		return 0
	}
	return b.peak.Load()
}

// Exhausted returns the *LimitError of b or the first ancestor that has
// no room left for a single point, or nil; callers check it before
// sending a query that could only fail.
func (b *Budget) Exhausted() error {
	for c := b; c != nil; c = c.parent {
		if c.limits.MaxPoints > 0 && c.held.Load() >= c.limits.MaxPoints {
			return &LimitError{Limits: c.limits}
		}
	}
	return nil
}

// seriesLimit returns the tightest MaxSeries of b and its ancestors, as
// the error to report when it is crossed (0, nil: no limit).
func (b *Budget) seriesLimit() (int, *LimitError) {
	limit, from := 0, (*Budget)(nil)
	for c := b; c != nil; c = c.parent {
		if m := c.limits.MaxSeries; m > 0 && (limit == 0 || m < limit) {
			limit, from = m, c
		}
	}
	if from == nil {
		return 0, nil
	}
	return limit, &LimitError{Limits: from.limits, Series: true}
}

type budgetKey struct{}

// WithBudget returns a context whose range and instant queries decode
// under b: the client charges what it decodes to b (and b's ancestors).
func WithBudget(ctx context.Context, b *Budget) context.Context {
	return context.WithValue(ctx, budgetKey{}, b)
}

// BudgetFromContext returns the budget WithBudget attached, or nil.
func BudgetFromContext(ctx context.Context) *Budget {
	b, _ := ctx.Value(budgetKey{}).(*Budget)
	return b
}

// LimitError reports a crossed Limits. errors.Is matches ErrTooManySeries
// or ErrTooManyPoints.
type LimitError struct {
	Limits
	Series bool // true: MaxSeries was crossed; false: MaxPoints
}

// Error is one actionable line, e.g. "the query returned more than 5,000
// series; narrow the selector or aggregate, e.g. sum by (job) (…)".
func (e *LimitError) Error() string {
	scope, hint := e.Scope, e.Hint
	if scope == "" {
		scope = "the answer"
	}
	if e.Series {
		if hint == "" {
			hint = "narrow the selector or aggregate, e.g. sum by (job) (…)"
		}
		return fmt.Sprintf("%s returned more than %s series; %s", scope, thousands(int64(e.MaxSeries)), hint)
	}
	if hint == "" {
		hint = "raise the min step, shorten the time range or select fewer series"
	}
	return fmt.Sprintf("%s needs more than %s points (series × steps); %s", scope, thousands(e.MaxPoints), hint)
}

// Is makes errors.Is(err, ErrTooManySeries) or ErrTooManyPoints true.
func (e *LimitError) Is(target error) bool {
	return target == ErrTooManySeries && e.Series || target == ErrTooManyPoints && !e.Series
}

// thousands formats n with comma separators: 5000000 → "5,000,000".
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3+1)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
