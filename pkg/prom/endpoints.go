package prom

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"
)

// QueryRange evaluates expr over r via /api/v1/query_range, sending start
// and end as Unix seconds with millisecond precision and step in seconds.
// r is validated first (an ErrInvalidRange error sends nothing), and its
// point count presizes the decoder's buffers. The result is decoded as
// decodeMatrix describes; any other resultType is ErrMalformedResponse.
func (c *Client) QueryRange(ctx context.Context, expr string, r Range) (Matrix, error) {
	if err := r.Validate(); err != nil {
		return Matrix{}, err
	}
	params := url.Values{
		"query": {expr},
		"start": {formatTime(r.Start)},
		"end":   {formatTime(r.End)},
		"step":  {formatStep(r.Step)},
	}
	var m Matrix
	err := c.do(ctx, c.method, "/api/v1/query_range", params, func(body *scanner) (err error) {
		m, err = decodeMatrix(body, int(r.Points()), BudgetFromContext(ctx))
		return err
	})
	return m, err
}

// Query evaluates expr at t via /api/v1/query (a zero t lets the server
// use its current time). A vector result gives one Sample per series, a
// scalar result one Sample with empty Labels; a matrix or string result
// is ErrMalformedResponse. The second result is the upstream's warnings.
func (c *Client) Query(ctx context.Context, expr string, t time.Time) ([]Sample, []string, error) {
	params := url.Values{"query": {expr}}
	if !t.IsZero() {
		params.Set("time", formatTime(t))
	}
	var (
		samples  []Sample
		warnings []string
	)
	err := c.do(ctx, c.method, "/api/v1/query", params, func(body *scanner) (err error) {
		samples, warnings, err = decodeInstant(body, BudgetFromContext(ctx))
		return err
	})
	return samples, warnings, err
}

// LabelNames lists label names via /api/v1/labels, restricted to series
// matching any of matchers (sent as match[]) and to [start, end]; a zero
// start or end is left out, so the server applies its default.
func (c *Client) LabelNames(ctx context.Context, matchers []string, start, end time.Time) ([]string, error) {
	var names []string
	err := c.do(ctx, c.method, "/api/v1/labels", seriesParams(matchers, start, end), func(body *scanner) (err error) {
		names, err = decodeStrings(body)
		return err
	})
	return names, err
}

// LabelValues lists the values of label name via
// /api/v1/label/<name>/values (always GET, the only method Prometheus
// routes there), with matchers, start and end as in LabelNames. The name
// is validated and escaped as labelPathSegment describes; an invalid one
// wraps ErrInvalidLabelName and sends nothing.
func (c *Client) LabelValues(ctx context.Context, name string, matchers []string, start, end time.Time) ([]string, error) {
	segment, err := labelPathSegment(name)
	if err != nil {
		return nil, err
	}
	var values []string
	path := "/api/v1/label/" + url.PathEscape(segment) + "/values"
	err = c.do(ctx, http.MethodGet, path, seriesParams(matchers, start, end), func(body *scanner) (err error) {
		values, err = decodeStrings(body)
		return err
	})
	return values, err
}

// BuildInfo asks /api/v1/status/buildinfo for the server's version. An
// engine without that endpoint (404) or without version data
// (VictoriaMetrics answers {"status":"success","data":{}}) gives an empty
// Version and no error, so a health check can still pass.
func (c *Client) BuildInfo(ctx context.Context) (BuildInfo, error) {
	var info BuildInfo
	err := c.do(ctx, http.MethodGet, "/api/v1/status/buildinfo", nil, func(body *scanner) (err error) {
		info, err = decodeBuildInfo(body)
		return err
	})
	if apiErr := (*APIError)(nil); errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound {
		return BuildInfo{}, nil
	}
	return info, err
}

// seriesParams builds the match[], start and end parameters of the
// labels endpoints.
func seriesParams(matchers []string, start, end time.Time) url.Values {
	params := url.Values{}
	for _, m := range matchers {
		params.Add("match[]", m)
	}
	if !start.IsZero() {
		params.Set("start", formatTime(start))
	}
	if !end.IsZero() {
		params.Set("end", formatTime(end))
	}
	return params
}
