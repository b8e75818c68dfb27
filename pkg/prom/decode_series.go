package prom

import (
	"fmt"
	"slices"
)

// result consumes data.result: null, [], a list of series objects, or a
// bare [time, "value"] pair (scalar and string results).
func (d *resultDecoder) result(s *scanner) error {
	if null, err := s.isNull(); null || err != nil {
		return err
	}
	if err := s.expect('[', "result array"); err != nil {
		return err
	}
	c, err := s.peek()
	switch {
	case err != nil:
		return err
	case c == ']':
		s.pos++
		return nil
	case c != '{':
		d.shape = shapePair
		return d.pair(s)
	}
	d.shape = shapeSeries
	for {
		if err := d.seriesObject(s); err != nil {
			return err
		}
		if more, err := s.next(',', ']', "',' or ']' after a series"); err != nil || !more {
			return err
		}
	}
}

// pair consumes the rest of a scalar or string result, after its '['. The
// value stays a string until resultType says what it is.
func (d *resultDecoder) pair(s *scanner) (err error) {
	if d.pairTime, err = s.timestamp(); err != nil {
		return err
	}
	if err = s.expect(',', "',' after the timestamp"); err != nil {
		return err
	}
	b, err := s.str("value string")
	if err != nil {
		return err
	}
	d.pairValue = text(b)
	return s.expect(']', "']' after the value")
}

// seriesObject consumes one element of a matrix or vector result:
// {"metric": {...}, "values": [[t, "v"], ...]} or {"metric": ..., "value":
// [t, "v"]}, possibly with "histograms"/"histogram" instead or as well.
func (d *resultDecoder) seriesObject(s *scanner) error {
	d.times, d.values = d.times[:0], d.values[:0]
	d.seriesPaid, d.chargeAt = 0, chargeBatch
	var labels Labels
	histograms := false
	err := s.object(func(key []byte) (err error) {
		switch string(key) {
		case "metric":
			labels, err = s.labels()
			return err
		case "values":
			return d.points(s)
		case "value":
			if null, err := s.isNull(); null || err != nil {
				return err
			}
			t, v, err := s.point()
			d.times, d.values = append(d.times, t), append(d.values, v)
			return err
		case "histograms", "histogram":
			histograms = true
		}
		return s.skip(0)
	})
	if err != nil {
		return err
	}
	if histograms {
		d.histograms++
		if len(d.times) == 0 {
			return nil
		}
	}
	if d.maxSeries > 0 && len(d.series) == d.maxSeries {
		return d.tooMany
	}
	if err := d.charge(); err != nil {
		return err
	}
	if labels == nil {
		labels = Labels{}
	}
	d.series = append(d.series, Series{Labels: labels, Times: slices.Clone(d.times), Values: slices.Clone(d.values)})
	return nil
}

// points consumes a "values" array, appending to d.times and d.values.
// This loop is where a range query spends its time.
func (d *resultDecoder) points(s *scanner) error {
	if null, err := s.isNull(); null || err != nil {
		return err
	}
	if err := s.expect('[', "values array"); err != nil {
		return err
	}
	if c, err := s.peek(); err != nil {
		return err
	} else if c == ']' {
		s.pos++
		return nil
	}
	for {
		t, v, err := s.point()
		if err != nil {
			return err
		}
		d.times, d.values = append(d.times, t), append(d.values, v)
		if len(d.times) == d.chargeAt {
			if err := d.charge(); err != nil {
				return err
			}
		}
		if more, err := s.next(',', ']', "',' or ']' after a sample"); err != nil || !more {
			return err
		}
	}
}

// point consumes one sample, [<seconds>, "<value>"].
func (s *scanner) point() (int64, float64, error) {
	if err := s.expect('[', "'[' starting a sample"); err != nil {
		return 0, 0, err
	}
	t, err := s.timestamp()
	if err != nil {
		return 0, 0, err
	}
	if err := s.expect(',', "',' after the timestamp"); err != nil {
		return 0, 0, err
	}
	b, err := s.str("sample value string")
	if err != nil {
		return 0, 0, err
	}
	v, ok := parseValue(b)
	if !ok {
		return 0, 0, fmt.Errorf("%w at byte %d: bad sample value %q", ErrMalformedResponse, s.offset()-int64(len(b))-2, b)
	}
	if err := s.expect(']', "']' ending a sample"); err != nil {
		return 0, 0, err
	}
	return t, v, nil
}

// timestamp consumes a sample timestamp (see parseMillis).
func (s *scanner) timestamp() (int64, error) {
	tok, err := s.number("a sample timestamp")
	if err != nil {
		return 0, err
	}
	ms, ok := parseMillis(tok)
	if !ok {
		return 0, fmt.Errorf("%w at byte %d: bad sample timestamp %q", ErrMalformedResponse, s.offset()-int64(len(tok)), tok)
	}
	return ms, nil
}

// labels consumes a "metric" object of label names to string values (null
// gives an empty set).
func (s *scanner) labels() (Labels, error) {
	labels := Labels{}
	if null, err := s.isNull(); null || err != nil {
		return labels, err
	}
	err := s.object(func(key []byte) error {
		name := text(key)
		b, err := s.str("label value string")
		if err == nil {
			labels[name] = text(b)
		}
		return err
	})
	return labels, err
}
