package integration

import (
	"bytes"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// A fault upstream stands where Prometheus would: requests whose PromQL
// carries faultMarker (or whose URL does, after a redirect) get the fault;
// every other request (sibling queries, the health check's 1+1, resource
// lookups) is proxied to a real Prometheus, so one request can hold a faulty
// query and a sibling that must still answer. Faults compose from options,
// like the fake upstreams of pkg/prom.

// faultMarker is a label matcher that matches every series (none has the
// label), so a marked query is still valid PromQL when it reaches Prometheus.
const faultMarker = "fault_injected"

type faultSpec struct {
	all      bool                  // fault every request, marked or not
	before   func(r *http.Request) // runs first (e.g. waits for a sibling)
	hang     bool                  // never answer; wait for the client to leave
	reset    bool                  // reset the connection instead of answering
	redirect func(*http.Request) string
	status   int
	header   http.Header
	body     func(w io.Writer) error
	trickle  time.Duration // write the body one byte per interval
	cutAfter int           // > 0: reset the connection after this many body bytes
	echo     bool          // start the body with the request's headers
	serve    http.Handler  // answers the fault itself (overrides the rest)
}

type faultOption func(*faultSpec)

func withStatus(code int) faultOption { return func(s *faultSpec) { s.status = code } }

func withHeader(k, v string) faultOption {
	return func(s *faultSpec) { s.header.Set(k, v) }
}

func withBody(b string) faultOption {
	return withBodyFunc(func(w io.Writer) error { _, err := io.WriteString(w, b); return err })
}

// withBodyFunc writes the body with f, once per faulty request.
func withBodyFunc(f func(w io.Writer) error) faultOption {
	return func(s *faultSpec) { s.body = f }
}

func withHang() faultOption                        { return func(s *faultSpec) { s.hang = true } }
func withReset() faultOption                       { return func(s *faultSpec) { s.reset = true } }
func withTrickle(every time.Duration) faultOption  { return func(s *faultSpec) { s.trickle = every } }
func withCutAfter(n int) faultOption               { return func(s *faultSpec) { s.cutAfter = n } }
func withEcho() faultOption                        { return func(s *faultSpec) { s.echo = true } }
func withEveryRequest() faultOption                { return func(s *faultSpec) { s.all = true } }
func withBefore(f func(*http.Request)) faultOption { return func(s *faultSpec) { s.before = f } }
func withHandler(h http.Handler) faultOption       { return func(s *faultSpec) { s.serve = h } }

// withRedirect answers 307 (method and body kept, so the marker follows)
// to the URL to returns.
func withRedirect(to func(*http.Request) string) faultOption {
	return func(s *faultSpec) { s.redirect = to }
}

// faultServer is a running fault upstream.
type faultServer struct {
	*httptest.Server
	stop     chan struct{} // closed first on Close: hung and trickling handlers return
	once     sync.Once
	siblings chan struct{} // closed once an unmarked range query has been answered
	sibOnce  sync.Once
}

// newFaultServer starts a fault upstream proxying unmarked requests to
// target (a Prometheus URL; "" answers them 404).
func newFaultServer(t *testing.T, target string, opts ...faultOption) *faultServer {
	t.Helper()
	spec := &faultSpec{status: http.StatusOK, header: http.Header{}}
	for _, o := range opts {
		o(spec)
	}
	fs := &faultServer{stop: make(chan struct{}), siblings: make(chan struct{})}
	proxy := http.NotFoundHandler()
	if target != "" {
		u, err := url.Parse(target)
		if err != nil {
			t.Fatal(err)
		}
		proxy = httputil.NewSingleHostReverseProxy(u)
	}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !spec.all && !marked(r) {
			proxy.ServeHTTP(w, r)
			if strings.HasSuffix(r.URL.Path, "/query_range") {
				fs.sibOnce.Do(func() { close(fs.siblings) })
			}
			return
		}
		fs.inject(spec, w, r)
	}))
	t.Cleanup(fs.Close)
	return fs
}

// Close ends hung handlers, drops every connection and stops the server;
// it may be called more than once.
func (fs *faultServer) Close() {
	fs.once.Do(func() {
		close(fs.stop)
		fs.CloseClientConnections()
		fs.Server.Close()
	})
}

// waitForSibling blocks until a sibling's range query has been answered,
// or a minute has passed (the plugin may run the two one after the other).
func (fs *faultServer) waitForSibling(*http.Request) {
	select {
	case <-fs.siblings:
	case <-time.After(time.Minute):
	}
}

// marked reports whether r carries faultMarker in its form or URL; it
// restores the body it reads.
func marked(r *http.Request) bool {
	if strings.Contains(r.URL.RawQuery, faultMarker) {
		return true
	}
	if r.Body == nil {
		return false
	}
	b, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(b))
	return bytes.Contains(b, []byte(faultMarker))
}

func (fs *faultServer) inject(spec *faultSpec, w http.ResponseWriter, r *http.Request) {
	if spec.before != nil {
		spec.before(r)
	}
	switch {
	case spec.serve != nil:
		spec.serve.ServeHTTP(w, r)
		return
	case spec.hang:
		select {
		case <-r.Context().Done():
		case <-fs.stop:
		}
		return
	case spec.reset:
		resetConn(w)
		return
	case spec.redirect != nil:
		http.Redirect(w, r, spec.redirect(r), http.StatusTemporaryRedirect)
		return
	}
	var body bytes.Buffer
	if spec.echo { // first, so it is within the snippet an error message keeps
		for _, k := range slices.Sorted(maps.Keys(r.Header)) {
			body.WriteString(k + ": " + strings.Join(r.Header[k], ",") + "\n")
		}
	}
	if spec.body != nil {
		if err := spec.body(&body); err != nil {
			panic(err)
		}
	}
	for k, vs := range spec.header {
		w.Header()[k] = vs
	}
	w.WriteHeader(spec.status)
	fs.writeBody(spec, w, body.Bytes())
}

func (fs *faultServer) writeBody(spec *faultSpec, w http.ResponseWriter, b []byte) {
	flusher, _ := w.(http.Flusher)
	switch {
	case spec.trickle > 0:
		for i := 0; ; i = (i + 1) % max(len(b), 1) {
			if len(b) > 0 {
				if _, err := w.Write(b[i : i+1]); err != nil {
					return
				}
			}
			flusher.Flush()
			select {
			case <-fs.stop:
				return
			case <-time.After(spec.trickle):
			}
		}
	case spec.cutAfter > 0:
		_, _ = w.Write(b[:min(spec.cutAfter, len(b))])
		flusher.Flush()
		resetConn(w)
	default:
		_, _ = w.Write(b)
	}
}

// resetConn closes the connection with SO_LINGER 0, so the peer reads a
// TCP reset (ECONNRESET) rather than an orderly end of stream.
func resetConn(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(err)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}
