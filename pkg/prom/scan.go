package prom

import (
	"errors"
	"fmt"
	"io"
	"strconv"
)

// scanner is a forward-only JSON tokenizer over an io.Reader, written for the
// Prometheus API envelope: it hands out tokens as slices of its own buffer,
// so reading a number or a plain string allocates nothing. A token is valid
// only until the next scanner call, because refilling the buffer moves
// unread bytes to its front.
//
// Errors come out classified: a syntax error or an early end of input wraps
// ErrMalformedResponse with the byte offset; any other reader error is
// wrapped with its offset (the client maps it to a timeout, a size limit...).
type scanner struct {
	r       io.Reader
	buf     []byte
	pos     int                 // next unread byte
	end     int                 // buf[pos:end] is read but not yet consumed
	base    int64               // input offset of buf[0]
	err     error               // sticky reader error, returned once buf is drained
	key     []byte              // copy of the current object key
	scratch []byte              // decoded strings that contained escapes
	redact  func(string) string // applied to body text quoted in errors; nil: none
}

const (
	scanBufSize = 32 << 10
	maxDepth    = 512 // nesting limit when skipping unknown values
)

func newScanner(r io.Reader) *scanner {
	return &scanner{r: r, buf: make([]byte, scanBufSize)}
}

// offset is the input offset of the next unread byte.
func (s *scanner) offset() int64 { return s.base + int64(s.pos) }

// fill reads more input, keeping buf[pos:end]: unread bytes move to the
// front, and the buffer doubles when they fill it (a token longer than the
// buffer). It returns nil when at least one byte was added.
func (s *scanner) fill() error {
	if s.err != nil {
		return s.err
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.base += int64(s.pos)
		s.pos = 0
	}
	if s.end == len(s.buf) {
		grown := make([]byte, 2*len(s.buf))
		copy(grown, s.buf[:s.end])
		s.buf = grown
	}
	for range 100 { // like bufio: a reader stuck at (0, nil) is broken
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.err = err
		}
		if n > 0 {
			return nil
		}
		if err != nil {
			return err
		}
	}
	s.err = io.ErrNoProgress
	return s.err
}

// readErr turns a fill error into the error to return. The offset it
// reports is where the input stopped: the number of bytes read so far.
func (s *scanner) readErr(err error) error {
	at := s.base + int64(s.end)
	switch {
	case err == io.EOF:
		return fmt.Errorf("%w: unexpected end of input at byte %d (%w)", ErrMalformedResponse, at, ErrTruncated)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: %w at byte %d: %w", ErrMalformedResponse, ErrTruncated, at, err)
	default:
		return fmt.Errorf("reading response at byte %d: %w", at, err)
	}
}

// syntaxErr reports that something other than want was found at the current offset.
func (s *scanner) syntaxErr(want string, found byte) error {
	return fmt.Errorf("%w at byte %d: expected %s, found %s", ErrMalformedResponse, s.offset(), want, describe(found))
}

func describe(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return strconv.QuoteRune(rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// peek skips whitespace and returns the next byte without consuming it.
func (s *scanner) peek() (byte, error) {
	for {
		for s.pos < s.end {
			c := s.buf[s.pos]
			if c > ' ' || c != ' ' && c != '\n' && c != '\t' && c != '\r' {
				return c, nil
			}
			s.pos++
		}
		if err := s.fill(); err != nil {
			return 0, s.readErr(err)
		}
	}
}

// atEOF skips whitespace and reports whether the input ends there.
func (s *scanner) atEOF() (bool, error) {
	_, err := s.peek()
	if err != nil && s.err == io.EOF && s.pos == s.end {
		return true, nil
	}
	return false, err
}

// expect consumes c, after whitespace; want describes it for the error.
func (s *scanner) expect(c byte, want string) error {
	got, err := s.peek()
	if err != nil {
		return err
	}
	if got != c {
		return s.syntaxErr(want, got)
	}
	s.pos++
	return nil
}

// next consumes either sep or close after a member or element: more is true
// after sep, false after close.
func (s *scanner) next(sep, close byte, want string) (more bool, err error) {
	c, err := s.peek()
	if err != nil {
		return false, err
	}
	if c != sep && c != close {
		return false, s.syntaxErr(want, c)
	}
	s.pos++
	return c == sep, nil
}

// isNull consumes a null literal if one comes next.
func (s *scanner) isNull() (bool, error) {
	c, err := s.peek()
	if err != nil || c != 'n' {
		return false, err
	}
	return true, s.literal("null")
}

// literal consumes the keyword word (true, false or null).
func (s *scanner) literal(word string) error {
	for i := 0; i < len(word); i++ {
		if s.pos == s.end {
			if err := s.fill(); err != nil {
				return s.readErr(err)
			}
		}
		if s.buf[s.pos] != word[i] {
			return s.syntaxErr(strconv.Quote(word), s.buf[s.pos])
		}
		s.pos++
	}
	return nil
}

// numberByte marks the bytes a JSON number token may contain.
var numberByte = [256]bool{'0': true, '1': true, '2': true, '3': true, '4': true, '5': true,
	'6': true, '7': true, '8': true, '9': true, '-': true, '+': true, '.': true, 'e': true, 'E': true}

// number returns the next number token (its grammar is checked by the
// caller's parser) or an error if there is none.
func (s *scanner) number(want string) ([]byte, error) {
	c, err := s.peek()
	if err != nil {
		return nil, err
	}
	if c != '-' && (c < '0' || c > '9') {
		return nil, s.syntaxErr(want, c)
	}
	i := s.pos + 1
	for {
		for i < s.end && numberByte[s.buf[i]] {
			i++
		}
		if i < s.end {
			break
		}
		n := i - s.pos
		err := s.fill() // may move the token to the front of buf
		i = s.pos + n
		if err == io.EOF {
			break // the token ends with the input; the caller will see EOF next
		} else if err != nil {
			return nil, s.readErr(err)
		}
	}
	tok := s.buf[s.pos:i]
	s.pos = i
	return tok, nil
}

// stringStop marks the bytes that end the fast path of str: the closing
// quote, a backslash and the control characters JSON forbids in strings.
var stringStop = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// str returns the contents of the next string, escapes decoded. A string
// without escapes is returned as a slice of the buffer, without copying.
func (s *scanner) str(want string) ([]byte, error) {
	c, err := s.peek()
	if err != nil {
		return nil, err
	}
	if c != '"' {
		return nil, s.syntaxErr(want, c)
	}
	i := s.pos + 1
	for {
		for i < s.end && !stringStop[s.buf[i]] {
			i++
		}
		if i < s.end {
			if s.buf[i] != '"' {
				return s.strSlow(i)
			}
			b := s.buf[s.pos+1 : i]
			s.pos = i + 1
			return b, nil
		}
		n := i - s.pos
		if err := s.fill(); err != nil {
			return nil, s.readErr(err)
		}
		i = s.pos + n
	}
}
