package prom

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeUpstream is a Prometheus stand-in on an ephemeral port. It answers
// every request the same way, as its options say, and records what it got.
type fakeUpstream struct {
	*httptest.Server

	status   int
	body     string
	header   http.Header
	delay    time.Duration
	truncate bool
	oversize int64

	written  atomic.Int64 // body bytes written by withOversizeBody
	mu       sync.Mutex
	requests []recordedRequest
}

// recordedRequest is what the fake received; Query is the URL query string
// and Form the url-encoded body, kept apart so tests can tell GET from POST.
type recordedRequest struct {
	Method string
	Path   string // as sent, still escaped
	Query  url.Values
	Form   url.Values
	Header http.Header
}

type fakeOption func(*fakeUpstream)

func withStatus(code int) fakeOption       { return func(f *fakeUpstream) { f.status = code } }
func withBody(s string) fakeOption         { return func(f *fakeUpstream) { f.body = s } }
func withDelay(d time.Duration) fakeOption { return func(f *fakeUpstream) { f.delay = d } }
func withHeader(k, v string) fakeOption    { return func(f *fakeUpstream) { f.header.Add(k, v) } }

// withTruncatedBody writes the first half of the body under a Content-Length
// for all of it, so the connection closes mid-stream.
func withTruncatedBody() fakeOption { return func(f *fakeUpstream) { f.truncate = true } }

// withOversizeBody streams a never-ending matrix until n bytes are written
// or the client hangs up; f.written tells how far it got.
func withOversizeBody(n int64) fakeOption { return func(f *fakeUpstream) { f.oversize = n } }

const matrixBody = `{"status":"success","data":{"resultType":"matrix","result":[` +
	`{"metric":{"__name__":"up","job":"api"},"values":[[1764201600,"1"],[1764201615.5,"0"]]}]}}`

func startFake(t *testing.T, opts ...fakeOption) *fakeUpstream {
	t.Helper()
	f := &fakeUpstream{status: http.StatusOK, body: matrixBody, header: http.Header{}}
	for _, opt := range opts {
		opt(f)
	}
	f.Server = httptest.NewServer(f)
	t.Cleanup(f.Close)
	return f
}

func (f *fakeUpstream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	query := r.URL.Query()
	_ = r.ParseForm()
	f.mu.Lock()
	f.requests = append(f.requests, recordedRequest{
		Method: r.Method, Path: r.URL.EscapedPath(), Query: query, Form: r.PostForm, Header: r.Header.Clone(),
	})
	f.mu.Unlock()

	if f.delay > 0 {
		select {
		case <-time.After(f.delay):
		case <-r.Context().Done():
			return
		}
	}
	for k, v := range f.header {
		w.Header()[k] = v
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	switch {
	case f.oversize > 0:
		f.streamOversize(w)
	case f.truncate:
		w.Header().Set("Content-Length", strconv.Itoa(len(f.body)))
		w.WriteHeader(f.status)
		_, _ = w.Write([]byte(f.body[:len(f.body)/2]))
	default:
		w.WriteHeader(f.status)
		_, _ = w.Write([]byte(f.body))
	}
}

func (f *fakeUpstream) streamOversize(w http.ResponseWriter) {
	w.WriteHeader(f.status)
	head := `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[`
	chunk := []byte{}
	for len(chunk) < 32<<10 {
		chunk = append(chunk, `[1764201600.123,"0.123456789"],`...)
	}
	n, err := w.Write([]byte(head))
	f.written.Add(int64(n))
	for err == nil && f.written.Load() < f.oversize {
		n, err = w.Write(chunk)
		f.written.Add(int64(n))
	}
}

// last returns the most recent request; the test fails if there was none.
func (f *fakeUpstream) last(t *testing.T) recordedRequest {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.requests) == 0 {
		t.Fatal("the fake upstream received no request")
	}
	return f.requests[len(f.requests)-1]
}

func (f *fakeUpstream) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

// newTestClient is a client for baseURL with the given options; it fails
// the test when NewClient does.
func newTestClient(t *testing.T, baseURL string, opts Options) *Client {
	t.Helper()
	c, err := NewClient(baseURL, &http.Client{}, opts)
	if err != nil {
		t.Fatalf("NewClient(%q): %v", baseURL, err)
	}
	return c
}

// testRange is a valid five-minute range at a 15 s step (21 points).
var testRange = Range{
	Start: time.UnixMilli(1764201600123),
	End:   time.UnixMilli(1764201900123),
	Step:  15 * time.Second,
}
