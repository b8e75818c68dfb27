package models

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/httpclient"
)

func instance(url, jsonData string, secure map[string]string) backend.DataSourceInstanceSettings {
	return backend.DataSourceInstanceSettings{URL: url, JSONData: []byte(jsonData), DecryptedSecureJSONData: secure}
}

func TestLoadSettings(t *testing.T) {
	tests := []struct {
		name    string
		in      backend.DataSourceInstanceSettings
		wantErr error
		check   func(t *testing.T, s Settings)
	}{
		{
			name: "empty settings take the documented defaults",
			in:   instance("http://prometheus:9090", `{}`, nil),
			check: func(t *testing.T, s Settings) {
				if s.HTTPMethod != "POST" || s.ResponseLimitMB != 100 || s.ScrapeInterval != 15*time.Second || s.MaxPointsPerQuery != 1_000_000 {
					t.Errorf("defaults = %s %d %s %d", s.HTTPMethod, s.ResponseLimitMB, s.ScrapeInterval, s.MaxPointsPerQuery)
				}
				if s.Timeout != httpclient.DefaultTimeoutOptions.Timeout || s.HTTPOptions.Timeouts.Timeout != s.Timeout+httpTimeoutMargin {
					t.Errorf("timeout = %s, HTTP client %s, want the SDK default %s",
						s.Timeout, s.HTTPOptions.Timeouts.Timeout, httpclient.DefaultTimeoutOptions.Timeout)
				}
			},
		},
		{
			name: "a GET method, limit, timeout and scrape interval are read",
			in:   instance("https://mimir/prometheus", `{"httpMethod":"get","responseLimitMB":5,"timeout":12,"timeInterval":"1m"}`, nil),
			check: func(t *testing.T, s Settings) {
				if s.HTTPMethod != "GET" || s.ResponseLimitBytes() != 5<<20 || s.ScrapeInterval != time.Minute {
					t.Errorf("got %s %d %s", s.HTTPMethod, s.ResponseLimitBytes(), s.ScrapeInterval)
				}
				if s.Timeout != 12*time.Second || s.HTTPOptions.Timeouts.Timeout != 12*time.Second+httpTimeoutMargin {
					t.Errorf("timeout = %s, HTTP client %s", s.Timeout, s.HTTPOptions.Timeouts.Timeout)
				}
			},
		},
		{
			// The SDK truncates 1.5 to 1 s and 0.2 to 0, which http.Client reads as no timeout.
			name: "a fractional timeout is kept to the millisecond, and the HTTP client's is never 0",
			in:   instance("http://p:9090", `{"timeout":0.2}`, nil),
			check: func(t *testing.T, s Settings) {
				if s.Timeout != 200*time.Millisecond || s.HTTPOptions.Timeouts.Timeout != 200*time.Millisecond+httpTimeoutMargin {
					t.Errorf("timeout = %s, HTTP client %s, want 200ms and 1.2s", s.Timeout, s.HTTPOptions.Timeouts.Timeout)
				}
			},
		},
		{
			name: "custom headers keep their secret values in the HTTP options only",
			in: instance("http://mimir:8080/prometheus",
				`{"httpHeaderName1":"X-Scope-OrgID","httpHeaderName2":"Authorization"}`,
				map[string]string{"httpHeaderValue1": "tenant-a", "httpHeaderValue2": "Bearer s3cr3t"}),
			check: func(t *testing.T, s Settings) {
				if got := s.HTTPOptions.Header.Get("Authorization"); got != "Bearer s3cr3t" {
					t.Errorf("Authorization header = %q", got)
				}
				if len(s.ConfiguredHeader) != 2 {
					t.Errorf("configured headers = %v", s.ConfiguredHeader)
				}
			},
		},
		{
			name: "basic auth password comes from secure settings",
			in: backend.DataSourceInstanceSettings{URL: "http://p:9090", BasicAuthEnabled: true, BasicAuthUser: "grafana",
				JSONData: []byte(`{}`), DecryptedSecureJSONData: map[string]string{"basicAuthPassword": "pw"}},
			check: func(t *testing.T, s Settings) {
				if s.HTTPOptions.BasicAuth == nil || s.HTTPOptions.BasicAuth.Password != "pw" {
					t.Errorf("basic auth = %+v", s.HTTPOptions.BasicAuth)
				}
			},
		},
		{
			name: "the points per query limit defaults to a million and can be set",
			in:   instance("http://p:9090", `{"maxPointsPerQuery":250000}`, nil),
			check: func(t *testing.T, s Settings) {
				if s.MaxPointsPerQuery != 250_000 {
					t.Errorf("MaxPointsPerQuery = %d", s.MaxPointsPerQuery)
				}
			},
		},
		{name: "a points limit below 10,000 is refused", in: instance("http://p:9090", `{"maxPointsPerQuery":9999}`, nil), wantErr: ErrInvalidPointsLimit},
		{name: "a points limit above 2,000,000 is refused", in: instance("http://p:9090", `{"maxPointsPerQuery":2000001}`, nil), wantErr: ErrInvalidPointsLimit},
		{name: "a missing URL is refused", in: instance("", `{}`, nil), wantErr: ErrMissingURL},
		{name: "a URL without scheme is refused", in: instance("prometheus:9090", `{}`, nil), wantErr: ErrInvalidURL},
		{name: "an ftp URL is refused", in: instance("ftp://prometheus", `{}`, nil), wantErr: ErrInvalidURL},
		{name: "an unknown HTTP method is refused", in: instance("http://p:9090", `{"httpMethod":"PUT"}`, nil), wantErr: ErrInvalidHTTPMethod},
		{name: "a zero response limit is refused", in: instance("http://p:9090", `{"responseLimitMB":0}`, nil), wantErr: ErrInvalidLimit},
		{name: "a string timeout is refused rather than ignored", in: instance("http://p:9090", `{"timeout":"30"}`, nil), wantErr: ErrInvalidTimeout},
		{name: "a negative timeout is refused", in: instance("http://p:9090", `{"timeout":-1}`, nil), wantErr: ErrInvalidTimeout},
		{name: "a zero timeout is refused", in: instance("http://p:9090", `{"timeout":0}`, nil), wantErr: ErrInvalidTimeout},
		{name: "a timeout under a millisecond is refused", in: instance("http://p:9090", `{"timeout":0.0004}`, nil), wantErr: ErrInvalidTimeout},
		{name: "a timeout over a day is refused", in: instance("http://p:9090", `{"timeout":1e300}`, nil), wantErr: ErrInvalidTimeout},
		{name: "a bad scrape interval is refused", in: instance("http://p:9090", `{"timeInterval":"soon"}`, nil), wantErr: ErrInvalidScrape},
		// Sub-millisecond intervals once divided by zero in the availability SLI fetch.
		{name: "a scrape interval below a millisecond is refused", in: instance("http://p:9090", `{"timeInterval":"0.0005"}`, nil), wantErr: ErrInvalidScrape},
		{name: "malformed jsonData is refused", in: instance("http://p:9090", `{`, nil), wantErr: ErrMalformedJSONData},
		{name: "a password in plain jsonData is refused", in: instance("http://p:9090", `{"password":"x"}`, nil), wantErr: errSecretInJSONData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := LoadSettings(context.Background(), tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.check != nil {
				tt.check(t, s)
			}
		})
	}
}

func TestValidateNeverEchoesURLCredentials(t *testing.T) {
	_, err := LoadSettings(context.Background(), instance("ftp://admin:hunter2@prometheus", `{}`, nil))
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("err = %v; want an error without the password", err)
	}
}

func TestRedactRemovesEverySecureValue(t *testing.T) {
	s, err := LoadSettings(context.Background(), instance("http://p:9090", `{"httpHeaderName1":"Authorization"}`,
		map[string]string{"httpHeaderValue1": "Bearer tok-123456", "basicAuthPassword": "hunter22", "short": "ab"}))
	if err != nil {
		t.Fatal(err)
	}
	msg := s.Redact(`401: header "Bearer tok-123456" and token tok-123456, password hunter22, ab stays`)
	for _, secret := range []string{"tok-123456", "hunter22"} {
		if strings.Contains(msg, secret) {
			t.Errorf("%q still in %q", secret, msg)
		}
	}
	if !strings.Contains(msg, "ab stays") {
		t.Errorf("short values must not be redacted: %q", msg)
	}
}

func TestRedactRemovesTheCredentialsDerivedFromSecrets(t *testing.T) {
	tests := []struct {
		name   string
		in     backend.DataSourceInstanceSettings
		echo   string // what the upstream echoed
		secret string // what must not survive
	}{
		{name: "the basic-auth header's base64 user:password",
			in: backend.DataSourceInstanceSettings{URL: "http://p:9090", BasicAuthEnabled: true, BasicAuthUser: "grafana",
				DecryptedSecureJSONData: map[string]string{"basicAuthPassword": "pw-s3cret"}},
			echo: "Authorization: Basic Z3JhZmFuYTpwdy1zM2NyZXQ=", secret: "Z3JhZmFuYTpwdy1zM2NyZXQ="},
		{name: "the password of a URL with user info, and its basic token",
			in:   backend.DataSourceInstanceSettings{URL: "http://admin:url-s3cret@p:9090"},
			echo: "url-s3cret / Authorization: Basic YWRtaW46dXJsLXMzY3JldA==", secret: "s3cret"},
		{name: "a bearer token URL-encoded in an echoed query string",
			in: backend.DataSourceInstanceSettings{URL: "http://p:9090", JSONData: []byte(`{"httpHeaderName1":"Authorization"}`),
				DecryptedSecureJSONData: map[string]string{"httpHeaderValue1": "Bearer a/b+c=d"}},
			echo: "?access_token=a%2Fb%2Bc%3Dd", secret: "a%2Fb%2Bc%3Dd"},
		{name: "an API key JSON-escaped in an echoed header dump",
			in: backend.DataSourceInstanceSettings{URL: "http://p:9090", JSONData: []byte(`{"httpHeaderName1":"X-Api-Key"}`),
				DecryptedSecureJSONData: map[string]string{"httpHeaderValue1": `k<"ey>`}},
			echo: `{"X-Api-Key":"k\u003c\"ey\u003e"}`, secret: `k\u003c`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := LoadSettings(context.Background(), tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Redact(tt.echo); strings.Contains(got, tt.secret) || !strings.Contains(got, "[redacted]") {
				t.Errorf("Redact(%q) = %q", tt.echo, got)
			}
		})
	}
}
