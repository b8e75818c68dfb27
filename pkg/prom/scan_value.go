package prom

import "fmt"

// object consumes a JSON object, calling member for each key with the
// scanner positioned at the value, which member must consume. The key is a
// copy owned by the scanner, valid until member reads a nested object.
func (s *scanner) object(member func(key []byte) error) error {
	if err := s.expect('{', "'{'"); err != nil {
		return err
	}
	if c, err := s.peek(); err != nil {
		return err
	} else if c == '}' {
		s.pos++
		return nil
	}
	for {
		k, err := s.str("object key")
		if err != nil {
			return err
		}
		s.key = append(s.key[:0], k...)
		if err := s.expect(':', "':' after object key"); err != nil {
			return err
		}
		if err := member(s.key); err != nil {
			return err
		}
		if more, err := s.next(',', '}', "',' or '}' after object member"); err != nil || !more {
			return err
		}
	}
}

// array consumes a JSON array, calling elem with the scanner positioned at
// each element, which elem must consume.
func (s *scanner) array(elem func() error) error {
	if err := s.expect('[', "'['"); err != nil {
		return err
	}
	if c, err := s.peek(); err != nil {
		return err
	} else if c == ']' {
		s.pos++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		if more, err := s.next(',', ']', "',' or ']' after array element"); err != nil || !more {
			return err
		}
	}
}

// skip consumes one JSON value of any kind, checking its syntax, so unknown
// keys (VictoriaMetrics' "stats", Thanos' "partial_response", native
// histograms) cost a scan and nothing else. Nesting deeper than maxDepth
// is refused rather than recursed into.
func (s *scanner) skip(depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("%w at byte %d: nesting deeper than %d", ErrMalformedResponse, s.offset(), maxDepth)
	}
	c, err := s.peek()
	if err != nil {
		return err
	}
	switch c {
	case '{':
		return s.object(func([]byte) error { return s.skip(depth + 1) })
	case '[':
		return s.array(func() error { return s.skip(depth + 1) })
	case '"':
		_, err := s.str("string")
		return err
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	}
	tok, err := s.number("a JSON value")
	if err != nil {
		return err
	}
	if !validNumber(tok) {
		return fmt.Errorf("%w at byte %d: invalid number %q", ErrMalformedResponse, s.offset()-int64(len(tok)), tok)
	}
	return nil
}

// text reads a string value (or null, as "") into a Go string.
func (s *scanner) text(want string) (string, error) {
	if null, err := s.isNull(); null || err != nil {
		return "", err
	}
	b, err := s.str(want)
	return text(b), err
}

// texts reads an array of strings (or null, as nil), such as "warnings" or
// the data of the labels endpoints.
func (s *scanner) texts(want string) ([]string, error) {
	if null, err := s.isNull(); null || err != nil {
		return nil, err
	}
	out := []string{}
	err := s.array(func() error {
		b, err := s.str(want)
		if err == nil {
			out = append(out, text(b))
		}
		return err
	})
	return out, err
}
