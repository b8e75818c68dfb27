package prom

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// strSlow finishes a string whose fast scan stopped at buf[i], a backslash
// or a control character. It decodes into s.scratch the JSON escapes \" \\
// \/ \b \f \n \r \t and \uXXXX, joining UTF-16 surrogate pairs; a lone
// surrogate becomes U+FFFD, as encoding/json does. Raw bytes are copied
// unchanged (see text for the UTF-8 policy).
func (s *scanner) strSlow(i int) ([]byte, error) {
	s.scratch = append(s.scratch[:0], s.buf[s.pos+1:i]...)
	s.pos = i
	for {
		c, err := s.rawByte()
		if err != nil {
			return nil, err
		}
		switch {
		case c == '"':
			return s.scratch, nil
		case c < 0x20:
			s.pos--
			return nil, fmt.Errorf("%w at byte %d: control character %s in string", ErrMalformedResponse, s.offset(), describe(c))
		case c != '\\':
			s.scratch = append(s.scratch, c)
			continue
		}
		if c, err = s.rawByte(); err != nil {
			return nil, err
		}
		switch c {
		case '"', '\\', '/':
			s.scratch = append(s.scratch, c)
		case 'b':
			s.scratch = append(s.scratch, '\b')
		case 'f':
			s.scratch = append(s.scratch, '\f')
		case 'n':
			s.scratch = append(s.scratch, '\n')
		case 'r':
			s.scratch = append(s.scratch, '\r')
		case 't':
			s.scratch = append(s.scratch, '\t')
		case 'u':
			r, err := s.hex4()
			if err != nil {
				return nil, err
			}
			if utf16.IsSurrogate(r) {
				r = s.lowSurrogate(r)
			}
			s.scratch = utf8.AppendRune(s.scratch, r)
		default:
			s.pos--
			return nil, fmt.Errorf("%w at byte %d: invalid escape \\%c in string", ErrMalformedResponse, s.offset(), c)
		}
	}
}

// rawByte consumes one byte, whitespace included.
func (s *scanner) rawByte() (byte, error) {
	if s.pos == s.end {
		if err := s.fill(); err != nil {
			return 0, s.readErr(err)
		}
	}
	c := s.buf[s.pos]
	s.pos++
	return c, nil
}

// hex4 consumes the four hex digits of a \u escape.
func (s *scanner) hex4() (rune, error) {
	var r rune
	for range 4 {
		c, err := s.rawByte()
		if err != nil {
			return 0, err
		}
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			s.pos--
			return 0, fmt.Errorf("%w at byte %d: invalid \\u escape", ErrMalformedResponse, s.offset())
		}
		r = r<<4 | rune(c)
	}
	return r, nil
}

// lowSurrogate completes the high surrogate hi with a following \uXXXX low
// surrogate. Without one it returns U+FFFD and consumes nothing more, so
// the next escape is decoded on its own.
func (s *scanner) lowSurrogate(hi rune) rune {
	for s.end-s.pos < 6 {
		if s.fill() != nil {
			return utf8.RuneError
		}
	}
	b := s.buf[s.pos : s.pos+6]
	if b[0] != '\\' || b[1] != 'u' {
		return utf8.RuneError
	}
	var lo rune
	for _, c := range b[2:] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return utf8.RuneError
		}
		lo = lo<<4 | rune(c)
	}
	r := utf16.DecodeRune(hi, lo)
	if r != utf8.RuneError {
		s.pos += 6
	}
	return r
}

// text converts decoded string bytes to a Go string. Prometheus only emits
// UTF-8; anything else is made valid (each invalid run becomes U+FFFD) so
// that labels are safe to put in data frames and JSON.
func text(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}
