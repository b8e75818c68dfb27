package models

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"html"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend/httpclient"
)

// minSecretLen avoids "redacting" trivially short values such as "1" that
// would mangle unrelated text; such values are not secrets worth the name.
const minSecretLen = 4

// Redact replaces every form of every credential the plugin sends (see
// credentialForms) found in msg. Upstream errors can echo request headers
// (a proxy's 401 page quoting Authorization), so all text bound for the
// browser or logs passes through here.
func (s Settings) Redact(msg string) string {
	for _, form := range s.secrets {
		msg = strings.ReplaceAll(msg, form, "[redacted]")
	}
	return msg
}

// credentials lists what authenticates the plugin to the upstream: every
// secure setting (passwords, custom header values such as bearer tokens or
// API keys, TLS keys), the base64 user:password token the basic-auth
// middleware sends, and the password of a URL with user info together with
// the token net/http derives from it.
func credentials(secure map[string]string, opts httpclient.Options, rawURL string) []string {
	var out []string
	for _, v := range secure {
		out = append(out, v)
	}
	for _, values := range opts.Header {
		out = append(out, values...)
	}
	if ba := opts.BasicAuth; ba != nil && ba.Password != "" {
		out = append(out, basicToken(ba.User, ba.Password))
	}
	if u, err := url.Parse(rawURL); err == nil && u.User != nil {
		if pw, ok := u.User.Password(); ok {
			out = append(out, pw, u.User.String(), basicToken(u.User.Username(), pw))
		}
	}
	return out
}

// basicToken is the credential of an "Authorization: Basic" header, as
// http.Request.SetBasicAuth encodes it (RFC 7617: base64 of user:password).
func basicToken(user, password string) string {
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + password))
}

// credentialForms expands credentials into every form in which an upstream
// may echo them: the value itself and, for a header value with an auth
// scheme ("Bearer <token>", "Basic <token>"), the token alone; each also
// URL-encoded (query and path escaping), JSON-escaped (with and without
// encoding/json's HTML escaping, and with "\/" as some encoders write it),
// Go-quoted (as error previews quote) and HTML-escaped. Forms shorter than
// minSecretLen are dropped; the longest come first, so a value that
// contains another is replaced whole.
func credentialForms(creds []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(f string) {
		if len(f) >= minSecretLen && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, c := range creds {
		c = strings.TrimSpace(c)
		if len(c) < minSecretLen {
			continue
		}
		values := []string{c}
		if _, token, ok := strings.Cut(c, " "); ok {
			values = append(values, strings.TrimSpace(token))
		}
		for _, v := range values {
			add(v)
			add(url.QueryEscape(v))
			add(url.PathEscape(v))
			js := jsonString(v, true)
			add(js)
			add(jsonString(v, false))
			add(strings.ReplaceAll(js, "/", `\/`))
			add(strings.Trim(strconv.Quote(v), `"`))
			add(html.EscapeString(v))
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return out
}

// jsonString is v as the inside of a JSON string literal.
func jsonString(v string, escapeHTML bool) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	_ = enc.Encode(v)
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(b.String()), `"`), `"`)
}
