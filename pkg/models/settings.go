// Package models holds the datasource's typed settings and query model:
// raw JSON is parsed once, validated, and never read again by handlers.
package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/httpclient"

	"github.com/claudeenhancer/monitoring/pkg/promdur"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// Defaults for settings the user left empty.
const (
	DefaultHTTPMethod      = "POST"
	DefaultResponseLimitMB = 100
	DefaultScrapeInterval  = 15 * time.Second
	maxResponseLimitMB     = 4096
	// DefaultTimeout is the SDK's default HTTP timeout
	// (httpclient.DefaultTimeoutOptions.Timeout), which Grafana's
	// datasources share when jsonData.timeout is absent.
	DefaultTimeout = 30 * time.Second
	minTimeout     = time.Millisecond
	maxTimeout     = 24 * time.Hour
	// httpTimeoutMargin is how much longer than the request deadline the
	// HTTP client's per-call timeout is.
	httpTimeoutMargin = time.Second
	// DefaultMaxPointsPerQuery bounds the points one query may hold (the
	// samples it decodes, or the series × steps grid detection and SLO
	// queries lay them on): a series query at the limit peaks at ~150 MB
	// of heap, its response encoding included (README, "Operations /
	// limits").
	DefaultMaxPointsPerQuery = 1_000_000
	// The range jsonData.maxPointsPerQuery may take. The upper bound keeps
	// a request (four queries' worth) within the plugin process's bound of
	// 8,000,000 points (pkg/limits/limits.go).
	minPointsPerQuery = 10_000
	maxPointsPerQuery = 2_000_000
)

// Settings errors; each names the field the user has to fix.
var (
	ErrMissingURL         = errors.New("the Prometheus server URL is empty")
	ErrInvalidURL         = errors.New("the Prometheus server URL is invalid")
	ErrInvalidHTTPMethod  = errors.New(`HTTP method must be "POST" or "GET"`)
	ErrInvalidLimit       = fmt.Errorf("response size limit must be between 1 and %d MB", maxResponseLimitMB)
	ErrInvalidTimeout     = errors.New("timeout must be a number of seconds between 0.001 and 86400")
	ErrInvalidPointsLimit = fmt.Errorf("points per query (maxPointsPerQuery) must be between %d and %d", minPointsPerQuery, maxPointsPerQuery)
	ErrMalformedJSONData  = errors.New("datasource settings are not valid JSON")
	ErrInvalidScrape      = errors.New(`scrape interval must be a duration such as "15s"`)
	ErrInvalidSLOCatalog  = errors.New("invalid SLO catalog (jsonData.slos)")
	errSecretInJSONData   = errors.New("a secret was stored in plain settings")
	secretLookingJSONKeys = []string{"password", "basicAuthPassword", "apiKey", "token", "bearerToken"}
)

// Settings is the datasource configuration after parsing and validation.
// The HTTP options (auth, TLS, custom headers, timeouts) come from the SDK's
// parser so they match what every Grafana datasource understands; secrets
// live only inside them, never in exported plain fields.
type Settings struct {
	URL             string
	HTTPMethod      string
	ResponseLimitMB int64
	// MaxPointsPerQuery bounds what one query holds (see
	// DefaultMaxPointsPerQuery); a request holds four times as much.
	MaxPointsPerQuery int64
	HTTPOptions       httpclient.Options
	ConfiguredHeader  []string // custom header names, for diagnostics; values stay secret
	// ScrapeInterval is the upstream's scrape interval, the lower bound of
	// $__rate_interval (Grafana's Prometheus datasource calls it timeInterval).
	ScrapeInterval time.Duration
	// SLOs is the SLO catalog (jsonData.slos), validated; empty when absent.
	SLOs slo.Catalog
	// Timeout bounds each QueryData request, resource call and health
	// check as a whole, every upstream call it makes included
	// (jsonData.timeout, in seconds; default DefaultTimeout). Fractions of
	// a second are kept to the millisecond.
	Timeout time.Duration

	secrets []string // every form of every credential, only for Redact
}

// ResponseLimitBytes is the response size limit in bytes.
func (s Settings) ResponseLimitBytes() int64 { return s.ResponseLimitMB << 20 }

// jsonData mirrors the plain settings the config editor writes. Timeout is
// read by the SDK too, but the SDK silently ignores a value that is not a
// number and truncates it to whole seconds, so 0.5 becomes 0: no timeout at
// all. It is parsed here and the SDK's value replaced (see LoadSettings).
type jsonData struct {
	HTTPMethod      string          `json:"httpMethod"`
	ResponseLimitMB *int64          `json:"responseLimitMB"`
	MaxPoints       *int64          `json:"maxPointsPerQuery"`
	Timeout         json.RawMessage `json:"timeout"`
	ScrapeInterval  string          `json:"timeInterval"`
	SLOs            json.RawMessage `json:"slos"`
}

// LoadSettings parses and validates the instance settings Grafana sends.
func LoadSettings(ctx context.Context, src backend.DataSourceInstanceSettings) (Settings, error) {
	var raw jsonData
	if len(src.JSONData) > 0 {
		if err := json.Unmarshal(src.JSONData, &raw); err != nil {
			return Settings{}, fmt.Errorf("%w: %v", ErrMalformedJSONData, err)
		}
	}
	if err := rejectPlainSecrets(src.JSONData); err != nil {
		return Settings{}, err
	}
	timeout, err := parseTimeout(raw.Timeout)
	if err != nil {
		return Settings{}, err
	}
	opts, err := src.HTTPClientOptions(ctx)
	if err != nil {
		return Settings{}, fmt.Errorf("HTTP client settings: %w", err)
	}
	// The request deadline (Settings.Timeout) bounds every call. The HTTP
	// client's own timeout is only a safety net: never the SDK's truncated
	// value, which can be 0 (unbounded), and a little longer than the
	// deadline, so the deadline fires first and its message names the cause.
	if opts.Timeouts == nil {
		opts.Timeouts = &httpclient.TimeoutOptions{}
	}
	opts.Timeouts.Timeout = timeout + httpTimeoutMargin
	s := Settings{
		URL:               strings.TrimSpace(src.URL),
		HTTPMethod:        strings.ToUpper(strings.TrimSpace(raw.HTTPMethod)),
		ResponseLimitMB:   DefaultResponseLimitMB,
		MaxPointsPerQuery: DefaultMaxPointsPerQuery,
		HTTPOptions:       opts,
		Timeout:           timeout,
		secrets:           credentialForms(credentials(src.DecryptedSecureJSONData, opts, src.URL)),
	}
	if s.HTTPMethod == "" {
		s.HTTPMethod = DefaultHTTPMethod
	}
	if s.ScrapeInterval, err = parseScrapeInterval(raw.ScrapeInterval); err != nil {
		return Settings{}, err
	}
	if s.SLOs, err = parseCatalog(raw.SLOs); err != nil {
		return Settings{}, err
	}
	if raw.ResponseLimitMB != nil {
		s.ResponseLimitMB = *raw.ResponseLimitMB
	}
	if raw.MaxPoints != nil {
		s.MaxPointsPerQuery = *raw.MaxPoints
	}
	for name := range opts.Header {
		s.ConfiguredHeader = append(s.ConfiguredHeader, name)
	}
	return s, s.Validate()
}

// Validate reports the first setting a user has to fix.
func (s Settings) Validate() error {
	if s.URL == "" {
		return ErrMissingURL
	}
	u, err := url.Parse(s.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: %q must look like http://prometheus:9090", ErrInvalidURL, RedactURL(s.URL))
	}
	if s.HTTPMethod != "POST" && s.HTTPMethod != "GET" {
		return fmt.Errorf("%w, got %q", ErrInvalidHTTPMethod, s.HTTPMethod)
	}
	if s.ResponseLimitMB < 1 || s.ResponseLimitMB > maxResponseLimitMB {
		return fmt.Errorf("%w, got %d", ErrInvalidLimit, s.ResponseLimitMB)
	}
	if s.MaxPointsPerQuery < minPointsPerQuery || s.MaxPointsPerQuery > maxPointsPerQuery {
		return fmt.Errorf("%w, got %d", ErrInvalidPointsLimit, s.MaxPointsPerQuery)
	}
	return nil
}

// parseTimeout reads jsonData.timeout, a number of seconds; absent or null
// is DefaultTimeout. A fraction is honoured to the millisecond.
func parseTimeout(raw json.RawMessage) (time.Duration, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return DefaultTimeout, nil
	}
	var seconds float64
	if err := json.Unmarshal(raw, &seconds); err != nil || !(seconds <= maxTimeout.Seconds()) {
		return 0, fmt.Errorf("%w, got %s", ErrInvalidTimeout, raw)
	}
	d := time.Duration(math.Round(seconds*1000)) * time.Millisecond
	if d < minTimeout {
		return 0, fmt.Errorf("%w, got %s", ErrInvalidTimeout, raw)
	}
	return d, nil
}

// rejectPlainSecrets refuses settings that carry a secret in jsonData, which
// Grafana would send to every browser that opens the datasource.
func rejectPlainSecrets(data json.RawMessage) error {
	if len(data) == 0 {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return nil //nolint:nilerr // not an object: LoadSettings reports ErrMalformedJSONData
	}
	for _, k := range secretLookingJSONKeys {
		if v, ok := m[k]; ok && string(v) != `""` && string(v) != "null" {
			return fmt.Errorf("%w: move %q to secure settings", errSecretInJSONData, k)
		}
	}
	return nil
}

// RedactURL writes raw with its password, if any, replaced by "xxxxx"
// (url.URL.Redacted), so a password in the URL never reaches a message.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "<unparseable URL>"
	}
	return u.Redacted()
}

func parseScrapeInterval(raw string) (time.Duration, error) {
	if strings.TrimSpace(raw) == "" {
		return DefaultScrapeInterval, nil
	}
	d, err := promdur.ParseOrSeconds(raw)
	if err != nil || d < time.Millisecond { // Prometheus timestamps are milliseconds
		return 0, fmt.Errorf("%w (at least 1ms), got %q", ErrInvalidScrape, raw)
	}
	return d, nil
}

// parseCatalog reads jsonData.slos, a JSON array of slo.SLO objects; absent,
// null and [] are an empty catalog. Every problem is reported at once, each
// naming the entry (position and id) and the field.
func parseCatalog(raw json.RawMessage) (slo.Catalog, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	c, err := slo.ParseCatalog(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidSLOCatalog, err)
	}
	return c, nil
}
