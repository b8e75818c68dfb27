package integration

import (
	"encoding/base64"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// Every way an upstream can fail, against the built binary over gRPC: each
// answers the faulty query F with its class (status, source, a message that
// names the cause), leaves its sibling S answering (unless the whole URL is
// broken, when S gets the same error), keeps secrets out of every message
// and log, and leaves the process alive with goroutines and descriptors
// back to baseline (faultSuite.after).

// upstreamFault is one way an upstream fails.
type upstreamFault struct {
	name string
	// start starts the faulty upstream in front of the real Prometheus and
	// returns the datasource URL and what to close once the case is over.
	start    func(t *testing.T, real string) (url string, closers []func())
	opts     instanceOpts
	hostWide bool      // every request to the URL fails, so S gets want too
	want     wantError // F's error
	health   string    // substring of the faulty instance's health message; "" = not checked
	secrets  []string  // appear in no message, health result or plugin log
	verify   func(t *testing.T, s *faultSuite)
}

// faulty starts a fault server with opts in front of the real Prometheus.
func faulty(opts ...faultOption) func(*testing.T, string) (string, []func()) {
	return func(t *testing.T, real string) (string, []func()) {
		fs := newFaultServer(t, real, opts...)
		return fs.URL, []func(){fs.Close}
	}
}

// fixed starts nothing: url is broken by itself.
func fixed(url string) func(*testing.T, string) (string, []func()) {
	return func(*testing.T, string) (string, []func()) { return url, nil }
}

const (
	matrixPrefix  = `{"status":"success","data":{"resultType":"matrix","result":[`
	seriesPrefix  = `{"metric":{"__name__":"ce_cpu_usage","service":"api"},"values":[`
	htmlLoginPage = `<!doctype html><html><head><title>Sign in</title></head><body><form action="/login">User <input name="user"></form></body></html>`
	nginx503      = `<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body></html>`
)

// Credentials of the cases that check redaction.
const (
	secretUser     = "grafana"
	secretPassword = "pw-s3cret-123"
	secretAPIKey   = "key-s3cret-789"
)

var (
	secretBasic = base64.StdEncoding.EncodeToString([]byte(secretUser + ":" + secretPassword))
	// withCredentials is a datasource with basic auth and a secret custom header.
	withCredentials = instanceOpts{
		basicAuth: secretUser,
		jsonData:  map[string]any{"httpHeaderName1": "X-Api-Key"},
		secure:    map[string]string{"basicAuthPassword": secretPassword, "httpHeaderValue1": secretAPIKey},
	}
	allSecrets = []string{secretPassword, secretBasic, secretAPIKey}
)

func timeoutSeconds(s float64) instanceOpts {
	return instanceOpts{jsonData: map[string]any{"timeout": s}}
}

func upstreamFaults(t *testing.T) []upstreamFault {
	return []upstreamFault{
		{
			name: "a refused connection is an unreachable upstream", start: fixed(closedPortURL(t)), hostWide: true,
			want: upstreamFailure("unreachable"), health: "Cannot reach",
		},
		{
			name: "a host name that does not resolve is an unreachable upstream", start: fixed("http://prometheus.invalid:9090"), hostWide: true,
			want: upstreamFailure("unreachable"), health: "Cannot reach",
		},
		{
			name: "TLS to a plain HTTP server is an unreachable upstream", start: tlsToPlain, hostWide: true,
			want: upstreamFailure("unreachable"), health: "Cannot reach",
		},
		{
			name: "an upstream that never sends headers times out", start: faulty(withHang()), opts: timeoutSeconds(3),
			want: upstreamTimeout("datasource timeout"),
		},
		{
			name: "a body that trickles forever times out", opts: timeoutSeconds(3),
			start: faulty(withHeader("Content-Type", "application/json"), withBody(matrixPrefix+seriesPrefix), withTrickle(50*time.Millisecond)),
			want:  upstreamTimeout("datasource timeout"),
		},
		{
			// Every request hangs: a sibling could not answer within half a
			// second on a busy machine either.
			name: "a sub-second timeout bounds a hung upstream", start: faulty(withHang(), withEveryRequest()), opts: timeoutSeconds(0.5), hostWide: true,
			want: upstreamTimeout("datasource timeout of 0.5s"), health: "did not answer within the datasource timeout",
		},
		{
			name:  "an HTML 5xx page from a proxy is an upstream failure",
			start: faulty(withStatus(http.StatusServiceUnavailable), withHeader("Content-Type", "text/html"), withBody(nginx503)),
			want:  upstreamFailure("503", "Service Temporarily Unavailable"),
		},
		{
			name: "a Prometheus error for a query that loads too many samples is the user's to fix",
			start: faulty(withStatus(http.StatusUnprocessableEntity), withHeader("Content-Type", "application/json"),
				withBody(`{"status":"error","errorType":"execution","error":"query processing would load too many samples into memory in query execution"}`)),
			want: userError("execution", "too many samples"),
		},
		{
			name: "a Prometheus internal error is an upstream failure",
			start: faulty(withStatus(http.StatusInternalServerError), withHeader("Content-Type", "application/json"),
				withBody(`{"status":"error","errorType":"internal","error":"expanding series: unexpected EOF"}`)),
			want: upstreamFailure("internal", "expanding series"),
		},
		{
			name:  "truncated JSON is a malformed answer",
			start: faulty(withHeader("Content-Type", "application/json"), withBody(matrixPrefix+seriesPrefix+`[1700000000,"1.5"],[17000000`)),
			want:  upstreamFailure("malformed"),
		},
		{
			name: "a health check on a truncated body says it was cut short", hostWide: true,
			start: faulty(withEveryRequest(), withHandler(http.HandlerFunc(truncatedByPath))),
			want:  upstreamFailure("malformed"), health: "cut short",
		},
		{
			name:  "an HTML login page is not a Prometheus API",
			start: faulty(withHeader("Content-Type", "text/html; charset=utf-8"), withBody(htmlLoginPage)),
			want:  upstreamFailure("not a Prometheus API", "text/html"),
		},
		{
			name: "a gzip bomb stops at the response size limit",
			start: faulty(withHeader("Content-Type", "application/json"), withHeader("Content-Encoding", "gzip"),
				withBodyFunc(func(w io.Writer) error { _, err := w.Write(gzipBomb()); return err })),
			want: upstreamFailure("too large"),
		},
		{
			name: "a redirect loop is an upstream failure",
			start: faulty(withRedirect(func(r *http.Request) string {
				return r.URL.Path + "?" + faultMarker + "=" + r.URL.Query().Get(faultMarker) + "x"
			})),
			want: upstreamFailure("redirect"),
		},
		{
			name: "a connection reset before the answer is an unreachable upstream", start: faulty(withReset()),
			want: upstreamFailure("unreachable"),
		},
		{
			name: "a connection reset in the middle of the body is a malformed answer",
			start: faulty(withHeader("Content-Type", "application/json"),
				withBody(matrixPrefix+seriesPrefix+strings.Repeat(`[1700000000,"1.5"],`, 2000)+`[1700000000,"1.5"]]}]}}`), withCutAfter(4096)),
			want: upstreamFailure("malformed"),
		},
		killedPrometheus(),
		{
			name: "upstream 429 is passed on as 429",
			start: faulty(withStatus(http.StatusTooManyRequests), withHeader("Retry-After", "30"),
				withBody("the request has been rejected because the tenant exceeded the request rate limit")),
			want: wantError{backend.StatusTooManyRequests, backend.ErrorSourceDownstream, []string{"429", "retry after 30s"}},
		},
		{
			name: "an upstream that echoes the credentials in its 401 page leaks none of them", hostWide: true,
			start: faulty(withEveryRequest(), withStatus(http.StatusUnauthorized), withHeader("Content-Type", "text/html"), withEcho(),
				withBody("<html><body>401 Authorization Required</body></html>")),
			opts: withCredentials, secrets: allSecrets,
			want:   wantError{backend.StatusUnauthorized, backend.ErrorSourceDownstream, []string{"401"}},
			health: "refused the credentials",
		},
		crossHostRedirect(),
	}
}

func TestFaultInjectionUpstreamsThroughTheBuiltBinary(t *testing.T) {
	s := newFaultSuite(t)
	fx := testenv.SharedFixture()
	from, to := fx.Start.Add(6*time.Hour), fx.Start.Add(7*time.Hour)
	f := seriesQuery{RefID: "F", Expr: `ce_cpu_usage{` + faultMarker + `=""}`, From: from, To: to}
	sib := seriesQuery{RefID: "S", Expr: "ce_cpu_usage", From: from, To: to}
	cases := upstreamFaults(t)
	names := make([]string, len(cases))
	for i, tc := range cases {
		names[i] = tc.name
	}
	s.run(t, names, func(t *testing.T, i int) {
		tc := cases[i]
		url, closers := tc.start(t, s.real)
		for _, c := range closers {
			s.closeAfter(c)
		}
		pctx := s.instance(t, url, tc.opts)
		s.proc.stderr.Watch(tc.secrets...)
		resp, err := s.proc.queryData(callContext(t), pctx, f.dataQuery(t), sib.dataQuery(t))
		var messages []string
		switch {
		case err != nil:
			t.Errorf("QueryData failed as a whole: %v", err)
		default:
			tc.want.check(t, "F", resp.Responses["F"])
		}
		if err == nil {
			if tc.hostWide {
				tc.want.check(t, "S", resp.Responses["S"])
			} else {
				checkAnswers(t, "S", resp.Responses["S"], 2)
			}
			for _, dr := range resp.Responses {
				if dr.Error != nil {
					messages = append(messages, dr.Error.Error())
				}
			}
		}
		if tc.health != "" {
			res, err := s.proc.checkHealth(callContext(t), pctx)
			switch {
			case err != nil:
				t.Errorf("health: %v", err)
			case res.Status != backend.HealthStatusError || !strings.Contains(res.Message, tc.health):
				t.Errorf("health %v %q, want an error saying %q", res.Status, res.Message, tc.health)
			default:
				messages = append(messages, res.Message, string(res.JSONDetails))
			}
		}
		for _, secret := range tc.secrets {
			for _, m := range messages {
				if strings.Contains(m, secret) {
					t.Errorf("a message carries the secret %q: %s", secret, m)
				}
			}
			if s.proc.stderr.Seen(secret) {
				t.Errorf("the plugin's log carries the secret %q", secret)
			}
		}
		if tc.verify != nil {
			tc.verify(t, s)
		}
	})
}
