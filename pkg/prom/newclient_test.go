package prom

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestNewClientRejectsUnusableConfigurations(t *testing.T) {
	hc := &http.Client{}
	tests := []struct {
		name string
		url  string
		hc   *http.Client
		opts Options
	}{
		{"a nil http.Client", "http://prometheus:9090", nil, Options{}},
		{"an empty URL", "", hc, Options{}},
		{"a URL without scheme", "prometheus:9090", hc, Options{}},
		{"a relative URL", "/api", hc, Options{}},
		{"an ftp URL", "ftp://prometheus", hc, Options{}},
		{"a URL without host", "http://", hc, Options{}},
		{"a URL with a query", "http://prometheus:9090/?x=1", hc, Options{}},
		{"a URL with a fragment", "http://prometheus:9090/#top", hc, Options{}},
		{"an unparsable URL", "http://prometheus:99999999999/%zz", hc, Options{}},
		{"the PUT method", "http://prometheus:9090", hc, Options{Method: "PUT"}},
		{"a negative size limit", "http://prometheus:9090", hc, Options{MaxResponseBytes: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(tt.url, tt.hc, tt.opts)
			if !errors.Is(err, ErrInvalidConfig) || c != nil || IsUpstream(err) {
				t.Errorf("NewClient = %v, %v; want ErrInvalidConfig", c, err)
			}
		})
	}
}

func TestNewClientErrorsHideTheURLPassword(t *testing.T) {
	for _, u := range []string{"ftp://admin:pw-s3cret@host", "http://admin:pw-s3cret@host/%zz", "http://admin:pw-s3cret@host?x"} {
		_, err := NewClient(u, &http.Client{}, Options{})
		if err == nil || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("NewClient(%q): err = %v, want an error without the password", u, err)
		}
	}
}

func TestNewClientDefaults(t *testing.T) {
	c, err := NewClient("https://mimir.example.com/prometheus///", &http.Client{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.base != "https://mimir.example.com/prometheus" || c.method != http.MethodPost || c.max != DefaultMaxResponseBytes {
		t.Errorf("client = %+v, want trailing slashes trimmed, POST and the default limit", c)
	}
}

func TestTheBaseURLPathPrefixIsKept(t *testing.T) {
	f := startFake(t, withBody(`{"status":"success","data":[]}`))
	if _, err := newTestClient(t, f.URL+"/select/0/prometheus/", Options{}).LabelNames(context.Background(), nil, testRange.Start, testRange.End); err != nil {
		t.Fatal(err)
	}
	if p := f.last(t).Path; p != "/select/0/prometheus/api/v1/labels" {
		t.Errorf("path = %q", p)
	}
}
