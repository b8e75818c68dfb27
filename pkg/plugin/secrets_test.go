package plugin

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/handlertest"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
)

// Test secrets whose raw, URL-encoded, JSON-escaped, HTML-escaped and
// Go-quoted forms all differ, so a redactor that misses one form fails
// (U+00AD, a soft hyphen, is raw in JSON but \u00ad when Go-quoted).
const (
	basicUser     = "grafana"
	basicPassword = "pw+/&<\"Basic-s3cret\">?é\u00ad"
	apiKeyValue   = "key+/&<\"ApiKey-s3cret\">é\u00ad"
	bearerToken   = "tok+/&<\"Bearer-s3cret\">é\u00ad"
)

// forms is every way an upstream might echo v: as sent, URL-encoded,
// JSON-escaped (with and without HTML escaping), HTML-escaped, Go-quoted.
func forms(v string) map[string]string {
	js, _ := json.Marshal(v)
	var plain strings.Builder
	enc := json.NewEncoder(&plain)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return map[string]string{
		"raw":          v,
		"query-escape": url.QueryEscape(v),
		"path-escape":  url.PathEscape(v),
		"json":         strings.Trim(string(js), `"`),
		"json-no-html": strings.Trim(strings.TrimSpace(plain.String()), `"`),
		"html":         html.EscapeString(v),
		"go-quoted":    strings.Trim(strconv.Quote(v), `"`),
	}
}

// echoEverything is a chatty proxy's 401: a Prometheus-style error
// envelope whose message repeats every request header in every form, and
// the user:password of a basic-auth header decoded.
func echoEverything(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	for name, values := range r.Header {
		for _, v := range values {
			for kind, f := range forms(v) {
				fmt.Fprintf(&b, "%s (%s): %s\n", name, kind, f)
			}
			if token, ok := strings.CutPrefix(v, "Basic "); ok {
				raw, _ := base64.StdEncoding.DecodeString(token)
				fmt.Fprintf(&b, "%s (decoded): %s\n", name, raw)
			}
		}
	}
	body, _ := json.Marshal(map[string]string{"status": "error", "errorType": "unauthorized", "error": b.String()})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusUnauthorized)
	_, _ = w.Write(body)
}

// captureLogger records every log call as one line of text, as the SDK's
// logger middleware would write it.
type captureLogger struct {
	mu    *sync.Mutex
	lines *[]string
}

func newCaptureLogger() captureLogger { return captureLogger{&sync.Mutex{}, &[]string{}} }

func (l captureLogger) log(msg string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	*l.lines = append(*l.lines, msg+" "+fmt.Sprint(args...))
}
func (l captureLogger) Debug(msg string, args ...any)          { l.log(msg, args...) }
func (l captureLogger) Info(msg string, args ...any)           { l.log(msg, args...) }
func (l captureLogger) Warn(msg string, args ...any)           { l.log(msg, args...) }
func (l captureLogger) Error(msg string, args ...any)          { l.log(msg, args...) }
func (l captureLogger) With(...any) log.Logger                 { return l }
func (l captureLogger) Level() log.Level                       { return log.Debug }
func (l captureLogger) FromContext(context.Context) log.Logger { return l }
func (l captureLogger) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(*l.lines, "\n")
}

func TestNoFormOfAnyCredentialReachesErrorsHealthOrLogs(t *testing.T) {
	basicToken := base64.StdEncoding.EncodeToString([]byte(basicUser + ":" + basicPassword))
	if !strings.ContainsAny(basicToken, "+/") {
		t.Fatalf("the basic token %q should have characters URL encoding changes", basicToken)
	}
	configs := []struct {
		name     string
		jsonData string
		secure   map[string]string
		user     string
		secrets  []string
	}{
		{name: "basic auth and an API key header",
			jsonData: `{"basicAuth":true,"httpHeaderName1":"X-Api-Key"}`,
			secure:   map[string]string{"basicAuthPassword": basicPassword, "httpHeaderValue1": apiKeyValue},
			user:     basicUser,
			secrets:  []string{basicPassword, basicToken, apiKeyValue}},
		{name: "a bearer token in a custom Authorization header",
			jsonData: `{"httpHeaderName1":"Authorization"}`,
			secure:   map[string]string{"httpHeaderValue1": "Bearer " + bearerToken},
			secrets:  []string{bearerToken}},
	}
	for _, cfg := range configs {
		t.Run(cfg.name, func(t *testing.T) {
			for _, s := range cfg.secrets {
				if s == basicToken {
					continue // base64 has no characters JSON or HTML escape
				}
				seen := map[string]string{}
				for kind, f := range forms(s) {
					if other, dup := seen[f]; dup {
						t.Fatalf("secret %q: forms %s and %s are equal; the test would not tell them apart", s, kind, other)
					}
					seen[f] = kind
				}
			}
			srv := httptest.NewServer(http.HandlerFunc(echoEverything))
			defer srv.Close()
			inst, err := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{
				UID: "secrets", URL: srv.URL, JSONData: []byte(cfg.jsonData), DecryptedSecureJSONData: cfg.secure,
				BasicAuthEnabled: cfg.user != "", BasicAuthUser: cfg.user,
			})
			if err != nil {
				t.Fatal(err)
			}
			ds := inst.(*Datasource)
			logger := newCaptureLogger()
			h, err := backend.HandlerFromMiddlewares(&handlertest.Handler{
				QueryDataFunc: ds.QueryData, CheckHealthFunc: ds.CheckHealth, CallResourceFunc: ds.CallResource,
			}, backend.NewLoggerMiddleware(logger, nil))
			if err != nil {
				t.Fatal(err)
			}

			resp, err := h.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{seriesQuery("A", "up")}})
			if err != nil {
				t.Fatal(err)
			}
			health, err := h.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
			if err != nil {
				t.Fatal(err)
			}
			var res captured
			if err := h.CallResource(context.Background(), &backend.CallResourceRequest{Method: "GET", Path: "labels", URL: "labels"}, &res); err != nil {
				t.Fatal(err)
			}
			queryErr := resp.Responses["A"].Error
			if queryErr == nil || res.resp == nil || res.resp.Status != http.StatusUnauthorized {
				t.Fatalf("query error %v, resource %+v: want both to fail with the upstream's 401", queryErr, res.resp)
			}
			texts := map[string]string{
				"query error":    queryErr.Error(),
				"resource body":  string(res.resp.Body),
				"health message": health.Message,
				"health details": string(health.JSONDetails),
				"log":            logger.text(),
			}
			for where, text := range texts {
				var leaked []string
				for _, s := range cfg.secrets {
					for kind, f := range forms(s) {
						if strings.Contains(text, f) {
							leaked = append(leaked, fmt.Sprintf("%s of %q", kind, s))
						}
					}
				}
				if len(leaked) > 0 {
					sort.Strings(leaked)
					t.Errorf("%s carries %s:\n%s", where, strings.Join(leaked, "; "), text)
				}
			}
			for _, where := range []string{"query error", "resource body", "health details", "log"} {
				if !strings.Contains(texts[where], "[redacted]") {
					t.Errorf("%s shows no redaction, so the echo did not reach it: %s", where, texts[where])
				}
			}
		})
	}
}

func TestNoCredentialFollowsARedirectToAnotherHost(t *testing.T) {
	var mu sync.Mutex
	var leaked []http.Header
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		leaked = append(leaked, r.Header.Clone())
		mu.Unlock()
		_, _ = w.Write([]byte(matrixBody))
	}))
	defer other.Close()
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer redirector.Close()
	inst, err := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{
		UID: "redirect", URL: redirector.URL, BasicAuthEnabled: true, BasicAuthUser: basicUser,
		JSONData:                []byte(`{"basicAuth":true,"httpHeaderName1":"X-Api-Key","httpHeaderName2":"X-Bearer"}`),
		DecryptedSecureJSONData: map[string]string{"basicAuthPassword": basicPassword, "httpHeaderValue1": apiKeyValue, "httpHeaderValue2": "Bearer " + bearerToken},
	})
	if err != nil {
		t.Fatal(err)
	}
	ds := inst.(*Datasource)
	r := runQueries(t, ds, seriesQuery("A", "up"))["A"]
	health, _ := ds.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
	status, _ := callResource(t, ds, "labels")

	mu.Lock()
	defer mu.Unlock()
	for _, h := range leaked {
		for name, values := range h {
			for _, v := range values {
				for _, s := range []string{basicPassword, apiKeyValue, bearerToken, base64.StdEncoding.EncodeToString([]byte(basicUser + ":" + basicPassword))} {
					if strings.Contains(v, s) {
						t.Errorf("the other host received %s: %s", name, v)
					}
				}
			}
		}
	}
	if r.Error == nil || !strings.Contains(r.Error.Error(), "redirect to another origin refused") || r.ErrorSource != backend.ErrorSourceDownstream {
		t.Errorf("query: status %d err %v, want the refused redirect as a downstream error", r.Status, r.Error)
	}
	if health.Status != backend.HealthStatusError || status == http.StatusOK {
		t.Errorf("health %v %q, resource status %d: want both to fail", health.Status, health.Message, status)
	}
}
