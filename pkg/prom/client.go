package prom

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client queries one Prometheus-compatible HTTP API. It is safe for
// concurrent use and holds no state between requests.
type Client struct {
	base   string // scheme://host[/prefix], no trailing slash
	hc     *http.Client
	method string // for query, query_range and labels
	max    int64
	slots  *Slots
	redact func(string) string
}

// NewClient returns a client for the API under baseURL, e.g.
// "http://prometheus:9090" or "https://mimir/prometheus" (the "/api/v1/..."
// paths are appended). The URL must be absolute http or https with a host
// and no query or fragment; a trailing slash is dropped. hc carries
// authentication, TLS and timeouts and must not be nil; the client uses a
// copy of it that follows redirects only within the base URL's origin
// (see sameOrigin). Errors wrap ErrInvalidConfig and never repeat a
// password from the URL.
func NewClient(baseURL string, hc *http.Client, opts Options) (*Client, error) {
	if hc == nil {
		return nil, fmt.Errorf("%w: nil *http.Client", ErrInvalidConfig)
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err // its message would repeat the URL
		}
		return nil, fmt.Errorf("%w: base URL: %w", ErrInvalidConfig, err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("%w: base URL %q must start with http:// or https://", ErrInvalidConfig, u.Redacted())
	case u.Host == "":
		return nil, fmt.Errorf("%w: base URL %q has no host", ErrInvalidConfig, u.Redacted())
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return nil, fmt.Errorf("%w: base URL %q must not have a query or fragment", ErrInvalidConfig, u.Redacted())
	}
	method := strings.ToUpper(opts.Method)
	switch method {
	case "":
		method = http.MethodPost
	case http.MethodGet, http.MethodPost:
	default:
		return nil, fmt.Errorf("%w: method %q, want GET or POST", ErrInvalidConfig, opts.Method)
	}
	maxBytes := opts.MaxResponseBytes
	switch {
	case maxBytes == 0:
		maxBytes = DefaultMaxResponseBytes
	case maxBytes < 0:
		return nil, fmt.Errorf("%w: negative MaxResponseBytes %d", ErrInvalidConfig, maxBytes)
	}
	redact := opts.Redact
	if redact == nil {
		redact = func(s string) string { return s }
	}
	return &Client{base: strings.TrimRight(baseURL, "/"), hc: sameOrigin(hc, u), method: method, max: maxBytes,
		slots: opts.Slots, redact: redact}, nil
}

// do sends one request and hands the 2xx body, bounded by the size limit,
// to decode. Non-2xx answers become *APIError; every failure is classified
// (see classify).
func (c *Client) do(ctx context.Context, method, path string, params url.Values, decode func(*scanner) error) error {
	req, err := c.newRequest(ctx, method, path, params)
	if err != nil {
		return err
	}
	if err := c.slots.acquire(ctx); err != nil {
		return err
	}
	defer c.slots.release()
	resp, err := c.hc.Do(req) //nolint:bodyclose // closed below by drainAndClose
	if urlErr := (*url.Error)(nil); errors.Is(err, ErrRedirectRefused) && errors.As(err, &urlErr) {
		return urlErr.Err // its message would repeat the URL
	}
	if err != nil {
		return classify(ctx, err, false)
	}
	defer drainAndClose(resp.Body)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.statusError(ctx, resp)
	}
	if resp.ContentLength > c.max {
		return c.tooLarge()
	}
	s := newScanner(&limitedReader{r: resp.Body, n: c.max})
	s.redact = c.redact
	err = decode(s)
	var apiErr *APIError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrTooManySeries), errors.Is(err, ErrTooManyPoints):
		return err
	case errors.Is(err, ErrResponseTooLarge):
		return c.tooLarge()
	case errors.As(err, &apiErr):
		apiErr.StatusCode = resp.StatusCode // an error envelope with a 2xx status
		return apiErr
	case errors.Is(err, ErrNotPrometheus) && ctx.Err() == nil:
		return fmt.Errorf("%w (content type %q)", err, resp.Header.Get("Content-Type"))
	}
	return classify(ctx, err, true)
}

func (c *Client) newRequest(ctx context.Context, method, path string, params url.Values) (*http.Request, error) {
	target, body := c.base+path, io.Reader(nil)
	if method == http.MethodGet {
		if len(params) > 0 {
			target += "?" + params.Encode()
		}
	} else {
		body = strings.NewReader(params.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return nil, fmt.Errorf("%w: building request for %s: %w", ErrInvalidConfig, path, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Accept", "application/json")
	return req, nil
}

// maxErrorBody bounds how much of a non-2xx body is read for its message.
const maxErrorBody = 64 << 10

// statusError reads a non-2xx answer into an *APIError: the Prometheus
// error envelope's type and message when the body is one, else a snippet.
func (c *Client) statusError(ctx context.Context, resp *http.Response) error {
	body, err := io.ReadAll(io.LimitReader(resp.Body, min(c.max, maxErrorBody)))
	if err != nil && ctx.Err() != nil {
		return classify(ctx, err, true)
	}
	retry := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	apiErr := &APIError{StatusCode: resp.StatusCode, RetryAfter: retry}
	skipData := func(s *scanner) error { return s.skip(0) }
	if _, decErr := decodeEnvelope(newScanner(bytes.NewReader(body)), skipData); errors.As(decErr, &apiErr) {
		apiErr.StatusCode, apiErr.RetryAfter = resp.StatusCode, retry
		return apiErr
	}
	apiErr.Message = snippet([]byte(c.redact(string(body))))
	return apiErr
}

func (c *Client) tooLarge() error {
	return fmt.Errorf("%w: body exceeds the limit of %d bytes", ErrResponseTooLarge, c.max)
}

// drainAndClose reads a little of what is left so the connection can be
// reused, without reading an oversized body to its end.
func drainAndClose(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, 4<<10)
	_ = body.Close()
}

// limitedReader passes through at most n bytes and then fails with
// ErrResponseTooLarge if the body has more; a body of exactly n bytes
// reads to a clean io.EOF.
type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var probe [1]byte
		for range 100 {
			n, err := l.r.Read(probe[:])
			if n > 0 {
				return 0, ErrResponseTooLarge
			}
			if err != nil {
				return 0, err
			}
		}
		return 0, io.ErrNoProgress
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}
