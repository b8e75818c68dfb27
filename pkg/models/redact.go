package models

import "strings"

// minSecretLen avoids "redacting" trivially short values such as "1" that
// would mangle unrelated text; such values are not secrets worth the name.
const minSecretLen = 4

// Redact replaces every secure setting value found in msg. Upstream errors
// can echo request headers (a proxy's 401 page quoting Authorization), so all
// text bound for the browser or logs passes through here.
func (s Settings) Redact(msg string) string {
	for _, secret := range s.secrets {
		msg = strings.ReplaceAll(msg, secret, "[redacted]")
	}
	return msg
}

func secretValues(secure map[string]string) []string {
	var out []string
	for _, v := range secure {
		v = strings.TrimSpace(v)
		if len(v) < minSecretLen {
			continue
		}
		out = append(out, v)
		// "Bearer <token>" headers: the token alone may be echoed too.
		if _, token, ok := strings.Cut(v, " "); ok && len(token) >= minSecretLen {
			out = append(out, token)
		}
	}
	return out
}
