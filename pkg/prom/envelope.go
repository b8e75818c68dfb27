package prom

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// envelope is the part of every API response outside "data":
//
//	{"status": "success" | "error", "data": ..., "errorType": "...",
//	 "error": "...", "warnings": ["..."], "infos": ["..."]}
//
// Prometheus sets errorType and error only with status "error".
type envelope struct {
	status    string
	errorType string
	errorMsg  string
	warnings  []string
	infos     []string
	hasData   bool
}

// decodeEnvelope reads one response body. Keys may come in any order and
// unknown keys are skipped. data is called with the scanner at a non-null
// "data" value and must consume it; data is skipped instead when a status
// of "error" came before it.
//
// It fails with ErrNotPrometheus when the body is empty, is not a JSON
// object or has no "status"; with ErrMalformedResponse for bad JSON, a
// status other than success/error or bytes after the object; and with an
// *APIError (StatusCode 0) for an error envelope.
func decodeEnvelope(s *scanner, data func(*scanner) error) (envelope, error) {
	var env envelope
	c, err := s.peek()
	switch {
	case err != nil && s.err == io.EOF && s.pos == s.end:
		return env, fmt.Errorf("%w: empty body", ErrNotPrometheus)
	case err != nil:
		return env, err
	case c != '{':
		return env, fmt.Errorf("%w: body starts with %s", ErrNotPrometheus, s.preview())
	}
	sawStatus := false
	err = s.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "status":
			sawStatus = true
			env.status, err = s.text("status string")
		case "data":
			if null, err := s.isNull(); null || err != nil {
				return err
			}
			if env.status == "error" {
				return s.skip(0)
			}
			env.hasData = true
			return data(s)
		case "errorType":
			env.errorType, err = s.text("errorType string")
		case "error":
			env.errorMsg, err = s.text("error string")
		case "warnings":
			env.warnings, err = s.texts("warning string")
		case "infos":
			env.infos, err = s.texts("info string")
		default:
			err = s.skip(0)
		}
		return err
	})
	if err != nil {
		return env, err
	}
	if eof, err := s.atEOF(); err != nil {
		return env, err
	} else if !eof {
		return env, fmt.Errorf("%w at byte %d: data after the response object", ErrMalformedResponse, s.offset())
	}
	switch {
	case !sawStatus:
		return env, fmt.Errorf("%w: JSON object without a \"status\" field", ErrNotPrometheus)
	case env.status == "error":
		return env, &APIError{Type: env.errorType, Message: env.errorMsg}
	case env.status != "success":
		return env, fmt.Errorf("%w: status %q, want \"success\" or \"error\"", ErrMalformedResponse, env.status)
	}
	return env, nil
}

// preview quotes the buffered start of a body that is not JSON, up to 64
// bytes, so "not a Prometheus API" errors show what came instead (typically
// "<!DOCTYPE html>"). It reads nothing more. The redactor sees all that is
// buffered before the cut.
func (s *scanner) preview() string {
	b := text(s.buf[s.pos:s.end])
	if s.redact != nil {
		b = s.redact(b)
	}
	cut := len(b) > 64
	if cut {
		b = strings.ToValidUTF8(b[:64], "")
	}
	q := strconv.Quote(b)
	if cut {
		q += "..."
	}
	return q
}
