package prom

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestRedirectsToAnotherOriginAreRefusedAndCarryNoCredentials(t *testing.T) {
	other := startFake(t)
	redirector := httptest.NewServer(http.RedirectHandler(other.URL+"/api/v1/query_range?token=loc-s3cret", http.StatusFound))
	t.Cleanup(redirector.Close)

	c, err := NewClient(redirector.URL, &http.Client{Transport: authTransport{http.DefaultTransport}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.QueryRange(context.Background(), "up", testRange)
	if !errors.Is(err, ErrRedirectRefused) || !IsUpstream(err) {
		t.Fatalf("err = %v, want ErrRedirectRefused", err)
	}
	if msg := err.Error(); !strings.Contains(msg, strings.TrimPrefix(other.URL, "http://")) || strings.Contains(msg, "loc-s3cret") {
		t.Errorf("message %q should name the other origin and nothing of the target's query", msg)
	}
	if n := other.count(); n != 0 {
		t.Errorf("the other origin received %d requests, want none", n)
	}
}

func TestRedirectsWithinTheOriginAreFollowedWithCredentials(t *testing.T) {
	f := startFake(t)
	mux := http.NewServeMux()
	mux.Handle("/old/", http.StripPrefix("/old", http.RedirectHandler("/new/api/v1/query_range", http.StatusTemporaryRedirect)))
	mux.Handle("/new/", http.StripPrefix("/new", f))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	c, err := NewClient(srv.URL+"/old", &http.Client{Transport: authTransport{http.DefaultTransport}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.QueryRange(context.Background(), "up", testRange); err != nil {
		t.Fatal(err)
	}
	if got := f.last(t).Header.Get("Authorization"); got != "Bearer header-s3cret" {
		t.Errorf("Authorization after a same-origin redirect = %q", got)
	}
}

func TestOriginsCompareSchemeHostAndPort(t *testing.T) {
	same := [][2]string{
		{"http://prom:9090/x", "http://PROM:9090/y?q=1"},
		{"http://prom/x", "http://prom:80/y"},
		{"https://prom/x", "https://u:p@prom:443/"},
	}
	differ := [][2]string{
		{"http://prom:9090", "http://prom:9091"},
		{"http://prom", "https://prom"},
		{"https://prom", "http://prom:443"},
		{"http://prom", "http://prom.evil"},
	}
	for _, p := range same {
		if a, b := originOf(mustParse(t, p[0])), originOf(mustParse(t, p[1])); a != b {
			t.Errorf("%s and %s: origins %s and %s, want equal", p[0], p[1], a, b)
		}
	}
	for _, p := range differ {
		if a, b := originOf(mustParse(t, p[0])), originOf(mustParse(t, p[1])); a == b {
			t.Errorf("%s and %s: both origin %s, want different", p[0], p[1], a)
		}
	}
}

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
