package integration

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"maps"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/testenv"
	"github.com/claudeenhancer/monitoring/pkg/models"
)

// The faults of faults_test.go that need more than a few options.

// tlsToPlain is an https URL of a server that speaks plain HTTP.
func tlsToPlain(t *testing.T, real string) (string, []func()) {
	fs := newFaultServer(t, real)
	return "https://" + strings.TrimPrefix(fs.URL, "http://"), []func(){fs.Close}
}

// truncatedByPath answers every call with JSON cut short: the instant query
// of the health check (1+1 is a scalar) and range queries alike.
func truncatedByPath(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if strings.HasSuffix(r.URL.Path, "/query") {
		_, _ = io.WriteString(w, `{"status":"success","data":{"resultType":"scalar","result":[1700000000,"2`)
		return
	}
	_, _ = io.WriteString(w, matrixPrefix+seriesPrefix+`[1700000000,"1.5"],[17000000`)
}

// gzipBomb is a gzip stream of a matrix answer padded with whitespace to
// 16 MiB beyond the default response size limit, about a thousandth of
// that compressed (deflate's longest match is 258 bytes per code).
var gzipBomb = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	_, _ = zw.Write([]byte(matrixPrefix))
	spaces := bytes.Repeat([]byte(" "), 1<<20)
	for range models.DefaultResponseLimitMB + 16 {
		_, _ = zw.Write(spaces)
	}
	_ = zw.Close()
	return b.Bytes()
})

// killedPrometheus runs its own Prometheus behind a proxy that, once the
// sibling has been answered, passes on the first KiB of F's answer, kills
// Prometheus (SIGKILL) and drops the connection: what Grafana sees when
// Prometheus is OOM-killed mid-answer. Afterwards the server is gone.
func killedPrometheus() upstreamFault {
	var own *testenv.Upstream
	return upstreamFault{
		name: "Prometheus killed in the middle of a query fails that query, then is unreachable",
		want: upstreamFailure("malformed"),
		start: func(t *testing.T, _ string) (string, []func()) {
			fx := testenv.SharedFixture()
			own = testenv.StartPrometheus(t, &testenv.Fixture{
				Start: fx.Start.Add(6 * time.Hour), End: fx.Start.Add(8 * time.Hour), Step: fx.Step, Series: fx.Series,
			})
			var fs *faultServer
			fs = newFaultServer(t, own.URL,
				withBefore(func(r *http.Request) { fs.waitForSibling(r) }),
				withHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					req, _ := http.NewRequestWithContext(r.Context(), r.Method, own.URL+r.URL.RequestURI(), r.Body)
					req.Header = r.Header.Clone()
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						http.Error(w, err.Error(), http.StatusBadGateway)
						return
					}
					defer func() { _ = resp.Body.Close() }()
					maps.Copy(w.Header(), resp.Header)
					w.Header().Del("Content-Length")
					w.WriteHeader(resp.StatusCode)
					_, _ = io.CopyN(w, resp.Body, 1024)
					_ = http.NewResponseController(w).Flush()
					own.Kill()
					panic(http.ErrAbortHandler) // the server drops the connection
				})))
			return fs.URL, []func(){fs.Close}
		},
		verify: func(t *testing.T, s *faultSuite) {
			pctx := s.instance(t, own.URL, instanceOpts{})
			ctx, cancel := context.WithTimeout(context.Background(), faultCallTimeout)
			defer cancel()
			fx := testenv.SharedFixture()
			q := seriesQuery{RefID: "A", Expr: "ce_cpu_usage", From: fx.Start.Add(6 * time.Hour), To: fx.Start.Add(7 * time.Hour)}
			if resp, err := s.proc.queryData(ctx, pctx, q.dataQuery(t)); err != nil {
				t.Errorf("QueryData after the kill: %v", err)
			} else {
				upstreamFailure("unreachable").check(t, "A after the kill", resp.Responses["A"])
			}
			res, err := s.proc.checkHealth(ctx, pctx)
			if err != nil || res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "Cannot reach") {
				t.Errorf("health after the kill: %v %+v, want an error saying Cannot reach", err, res)
			}
		},
	}
}

// headerLog records the headers of the requests a server received.
type headerLog struct {
	mu  sync.Mutex
	got []http.Header
}

func (l *headerLog) record(r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.got = append(l.got, r.Header.Clone())
}

func (l *headerLog) all() []http.Header {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]http.Header(nil), l.got...)
}

// crossHostRedirect: the datasource's upstream redirects F to another host
// (the same address under the name localhost: a different host to an HTTP
// client). That host must never see the datasource's credentials: the
// plugin refuses redirects to another origin, since the SDK's middlewares
// set the credentials on every request they send, redirects included.
func crossHostRedirect() upstreamFault {
	var here, there headerLog
	return upstreamFault{
		name: "a redirect to another host carries no credentials there",
		opts: withCredentials, secrets: allSecrets,
		start: func(t *testing.T, real string) (string, []func()) {
			u, _ := url.Parse(real)
			proxy := httputil.NewSingleHostReverseProxy(u)
			other := newFaultServer(t, real, withBefore(there.record), withHandler(proxy))
			otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
			fs := newFaultServer(t, real, withBefore(here.record), withRedirect(func(r *http.Request) string {
				return otherURL + r.URL.Path + "?" + faultMarker + "=1"
			}))
			return fs.URL, []func(){fs.Close, other.Close}
		},
		want: upstreamFailure("redirect", "another origin"),
		verify: func(t *testing.T, _ *faultSuite) {
			first := here.all()
			if len(first) == 0 || first[0].Get("Authorization") != "Basic "+secretBasic || first[0].Get("X-Api-Key") != secretAPIKey {
				t.Fatalf("the datasource's own host did not get its credentials (%v): the case proves nothing", first)
			}
			for _, h := range there.all() {
				for name, values := range h {
					for _, secret := range allSecrets {
						if strings.Contains(strings.Join(values, ","), secret) {
							t.Errorf("the other host received the secret %q in %s", secret, name)
						}
					}
				}
			}
		},
	}
}
