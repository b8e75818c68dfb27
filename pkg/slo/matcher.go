package slo

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// ErrMatcher reports a label filter that does not parse.
var ErrMatcher = errors.New(`slo: invalid label filter (write matchers as in PromQL: service="api", tier=~"gold|silver")`)

// MatchOp is a label matcher's operator, as in PromQL.
type MatchOp string

// The four PromQL matcher operators.
const (
	MatchEqual     MatchOp = "="
	MatchNotEqual  MatchOp = "!="
	MatchRegexp    MatchOp = "=~"
	MatchNotRegexp MatchOp = "!~"
)

// Matcher selects SLOs by one of their labels with PromQL's semantics: an
// absent label has the empty value, and a regular expression must match the
// whole value (it is anchored, ^(?:re)$, as Prometheus anchors it).
type Matcher struct {
	Name  string
	Op    MatchOp
	Value string
	re    *regexp.Regexp
}

// Matchers is a conjunction: an SLO is selected when every matcher matches.
type Matchers []Matcher

// ParseMatchers reads a comma-separated list of PromQL label matchers,
// optionally in braces: `service="api-gateway", tier=~"gold|silver"`.
// Values are quoted with ", ' or ` and take Go's escapes (as PromQL's
// strings do); a trailing comma is allowed. Empty input selects every SLO.
// Errors wrap ErrMatcher and say where the input went wrong.
func ParseMatchers(s string) (Matchers, error) {
	p := matcherParser{in: s}
	p.skipSpace()
	braced := p.eat("{")
	var ms Matchers
	for {
		p.skipSpace()
		if p.done() || (braced && p.peek() == '}') {
			break
		}
		m, err := p.matcher()
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
		p.skipSpace()
		if !p.eat(",") {
			break
		}
	}
	p.skipSpace()
	if braced && !p.eat("}") {
		return nil, p.fail("a closing }")
	}
	p.skipSpace()
	if !p.done() {
		return nil, p.fail(`"," between matchers`)
	}
	return ms, nil
}

// Matches reports whether the labels satisfy every matcher.
func (ms Matchers) Matches(labels map[string]string) bool {
	for _, m := range ms {
		if !m.Matches(labels[m.Name]) {
			return false
		}
	}
	return true
}

// Matches reports whether a label value satisfies the matcher.
func (m Matcher) Matches(v string) bool {
	switch m.Op {
	case MatchEqual:
		return v == m.Value
	case MatchNotEqual:
		return v != m.Value
	case MatchRegexp:
		return m.re.MatchString(v)
	case MatchNotRegexp:
		return !m.re.MatchString(v)
	}
	return false
}

// String writes the matchers back in PromQL syntax.
func (ms Matchers) String() string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = m.Name + string(m.Op) + strconv.Quote(m.Value)
	}
	return strings.Join(parts, ", ")
}

// FormatLabels writes labels in PromQL syntax, sorted by name:
// `service="api-gateway", tier="gold"`; empty for no labels.
func FormatLabels(labels map[string]string) string {
	names := make([]string, 0, len(labels))
	for k := range labels {
		names = append(names, k)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, k := range names {
		parts[i] = k + "=" + strconv.Quote(labels[k])
	}
	return strings.Join(parts, ", ")
}

// Select returns the catalog's SLOs whose labels satisfy the matchers, in
// catalog order.
func (c Catalog) Select(ms Matchers) Catalog {
	out := Catalog{}
	for _, s := range c {
		if ms.Matches(s.Labels) {
			out = append(out, s)
		}
	}
	return out
}

type matcherParser struct {
	in  string
	pos int
}

func (p *matcherParser) done() bool { return p.pos >= len(p.in) }
func (p *matcherParser) peek() byte { return p.in[p.pos] }

func (p *matcherParser) skipSpace() {
	for !p.done() && strings.IndexByte(" \t\n\r", p.peek()) >= 0 {
		p.pos++
	}
}

func (p *matcherParser) eat(s string) bool {
	if strings.HasPrefix(p.in[p.pos:], s) {
		p.pos += len(s)
		return true
	}
	return false
}

// fail says what was expected where: `expected an operator at 8 in …`.
func (p *matcherParser) fail(want string) error {
	return fmt.Errorf("%w: expected %s at character %d of %q", ErrMatcher, want, p.pos+1, p.in)
}

func (p *matcherParser) matcher() (Matcher, error) {
	start := p.pos
	for !p.done() && isNameByte(p.peek(), p.pos == start) {
		p.pos++
	}
	if p.pos == start {
		return Matcher{}, p.fail("a label name")
	}
	m := Matcher{Name: p.in[start:p.pos]}
	p.skipSpace()
	switch {
	case p.eat("=~"):
		m.Op = MatchRegexp
	case p.eat("!~"):
		m.Op = MatchNotRegexp
	case p.eat("!="):
		m.Op = MatchNotEqual
	case p.eat("="):
		m.Op = MatchEqual
	default:
		return Matcher{}, p.fail("an operator (=, !=, =~, !~)")
	}
	p.skipSpace()
	v, err := p.quoted()
	if err != nil {
		return Matcher{}, err
	}
	m.Value = v
	if m.Op == MatchRegexp || m.Op == MatchNotRegexp {
		re, err := regexp.Compile("^(?:" + v + ")$")
		if err != nil {
			return Matcher{}, fmt.Errorf("%w: label %s: %w", ErrMatcher, m.Name, err)
		}
		m.re = re
	}
	return m, nil
}

// quoted reads a quoted string and unescapes it as strconv.Unquote does
// (for single quotes, as PromQL does, any length).
func (p *matcherParser) quoted() (string, error) {
	if p.done() || strings.IndexByte("\"'`", p.peek()) < 0 {
		return "", p.fail("a quoted value")
	}
	q := p.peek()
	start := p.pos
	p.pos++
	for !p.done() && p.peek() != q {
		if p.peek() == '\\' && q != '`' {
			p.pos++
		}
		p.pos++
	}
	if p.done() {
		p.pos = start
		return "", p.fail("a closing " + string(q))
	}
	p.pos++
	raw := p.in[start:p.pos]
	if q == '\'' { // strconv reads '…' as one rune: requote it
		raw = `"` + strings.ReplaceAll(strings.ReplaceAll(raw[1:len(raw)-1], `\'`, `'`), `"`, `\"`) + `"`
	}
	v, err := strconv.Unquote(raw)
	if err != nil {
		p.pos = start
		return "", p.fail("a valid quoted value")
	}
	return v, nil
}

// isNameByte: Prometheus label names are [a-zA-Z_][a-zA-Z0-9_]*.
func isNameByte(c byte, first bool) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || (!first && c >= '0' && c <= '9')
}
