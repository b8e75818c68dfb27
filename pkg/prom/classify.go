package prom

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode/utf8"
)

// classify maps an error from http.Client.Do (inBody false) or from reading
// and decoding the body (inBody true) onto the package's sentinels, in this
// order: our own size and decode errors stay as they are, then the context
// decides (canceled passes through, deadline is ErrTimeout wrapping the
// context's cause, so a caller's own deadline error stays visible), then transport
// timeouts, then ErrUnreachable before a response or ErrMalformedResponse
// with ErrTruncated (a body cut short) after one. The *url.Error layer is dropped because its
// message repeats the request URL, which may carry credentials or a query.
func classify(ctx context.Context, err error, inBody bool) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, ErrResponseTooLarge) {
		return err
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	switch ctxErr := ctx.Err(); {
	case errors.Is(ctxErr, context.Canceled) || ctxErr == nil && errors.Is(err, context.Canceled):
		return fmt.Errorf("prometheus request: %w", context.Canceled)
	case errors.Is(ctxErr, context.DeadlineExceeded):
		return fmt.Errorf("%w: %w", ErrTimeout, context.Cause(ctx))
	case errors.Is(err, context.DeadlineExceeded) || isNetTimeout(err):
		return fmt.Errorf("%w: %w", ErrTimeout, err)
	case !inBody:
		return fmt.Errorf("%w: %w", ErrUnreachable, err)
	case errors.Is(err, ErrMalformedResponse) || errors.Is(err, ErrNotPrometheus):
		return err
	default:
		return fmt.Errorf("%w: %w: %w", ErrMalformedResponse, ErrTruncated, err)
	}
}

// isNetTimeout is true for http.Client.Timeout expiring (while waiting for
// headers or reading the body) and for socket deadlines.
func isNetTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// snippetLen is how much of a non-Prometheus error body APIError.Message keeps.
const snippetLen = 200

// snippet returns the first snippetLen bytes of b as one line: runs of
// whitespace collapse to a space, the cut never splits a UTF-8 sequence,
// invalid UTF-8 becomes U+FFFD, and "..." marks a cut.
func snippet(b []byte) string {
	cut := len(b) > snippetLen
	if cut {
		b = b[:snippetLen]
		// Drop a multi-byte rune the cut went through.
		for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
			if utf8.RuneStart(b[i]) {
				if !utf8.FullRune(b[i:]) {
					b = b[:i]
				}
				break
			}
		}
	}
	s := strings.Join(strings.Fields(strings.ToValidUTF8(string(b), "\uFFFD")), " ")
	if cut && s != "" {
		s += "..."
	}
	return s
}
