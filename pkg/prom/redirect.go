package prom

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// ErrRedirectRefused: the upstream redirected to another origin (scheme,
// host or port). Such redirects are not followed, because Grafana's HTTP
// client middlewares set the basic-auth, bearer and custom headers on every
// request they send, redirects included: following would hand the
// datasource's credentials to whatever host the upstream names.
var ErrRedirectRefused = errors.New("redirect to another origin refused")

// maxRedirects is net/http's own default limit.
const maxRedirects = 10

// sameOrigin returns a shallow copy of hc (sharing its transport) that
// follows redirects only to base's scheme, host and port, then applies
// hc's own redirect policy, or net/http's default of ten redirects.
func sameOrigin(hc *http.Client, base *url.URL) *http.Client {
	c := *hc
	policy := hc.CheckRedirect
	origin := originOf(base)
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if to := originOf(req.URL); to != origin {
			return fmt.Errorf("%w: the upstream at %s redirected to %s; credentials are only sent to the configured URL's origin, so set the URL to where the upstream redirects",
				ErrRedirectRefused, origin, to)
		}
		if policy != nil {
			return policy(req, via)
		}
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects", maxRedirects)
		}
		return nil
	}
	return &c
}

// originOf is scheme://host:port, lower case, with the scheme's default
// port made explicit and no user info, so equal origins compare equal.
func originOf(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" {
		switch scheme {
		case "http":
			port = "80"
		case "https":
			port = "443"
		}
	}
	return scheme + "://" + net.JoinHostPort(host, port)
}
