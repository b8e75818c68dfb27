package prom

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// labelPathSegment validates a label name and renders it for the
// /api/v1/label/<name>/values path.
//
// Since Prometheus 3.0 any non-empty UTF-8 string is a valid label name;
// empty names and invalid UTF-8 are rejected with ErrInvalidLabelName. A
// name in the legacy character set ([a-zA-Z_:][a-zA-Z0-9_:]*) is sent as
// is; any other name is sent in Prometheus' "values" escaping, which the
// label-values endpoint decodes: a "U__" prefix, "_" doubled, every other
// character outside [a-zA-Z0-9:] written as _<hex code point>_
// ("http.status" → "U__http_2e_status"). Servers older than 3.0 take the
// escaped name literally and find no values, which is right: they cannot
// store such a label. The caller path-escapes the result.
func labelPathSegment(name string) (string, error) {
	switch {
	case name == "":
		return "", fmt.Errorf("%w: empty", ErrInvalidLabelName)
	case !utf8.ValidString(name):
		return "", fmt.Errorf("%w: %q is not valid UTF-8", ErrInvalidLabelName, name)
	case isLegacyName(name):
		return name, nil
	}
	var b strings.Builder
	b.WriteString("U__")
	for i, r := range name {
		switch {
		case r == '_':
			b.WriteString("__")
		case isLegacyRune(r, i):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
			b.WriteString(strconv.FormatInt(int64(r), 16))
			b.WriteByte('_')
		}
	}
	return b.String(), nil
}

// isLegacyName reports whether name matches [a-zA-Z_:][a-zA-Z0-9_:]*.
func isLegacyName(name string) bool {
	for i, r := range name {
		if !isLegacyRune(r, i) {
			return false
		}
	}
	return name != ""
}

// isLegacyRune reports whether r may appear at byte index i of a legacy
// name: letters, '_' and ':' anywhere, digits after the first character.
func isLegacyRune(r rune, i int) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r == ':' || r >= '0' && r <= '9' && i > 0
}
