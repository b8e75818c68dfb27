package prom

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

// countingReader counts the bytes the decoder pulled from the body.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func decodeUnder(t *testing.T, body []byte, b *Budget) (Matrix, int64, error) {
	t.Helper()
	cr := &countingReader{r: bytes.NewReader(body)}
	m, err := decodeMatrix(newScanner(cr), 0, b)
	return m, cr.n, err
}

func TestTheDecoderStopsAtALimitAndReleasesWhatItCharged(t *testing.T) {
	tests := []struct {
		name           string
		series, points int
		limits         Limits
		want           error
		wantText       string
	}{
		{name: "10,000 series against a limit of 5,000 stop at the 5,001st",
			series: 10_000, points: 2, limits: Limits{Scope: "the query", MaxSeries: 5000},
			want: ErrTooManySeries, wantText: "the query returned more than 5,000 series; narrow the selector or aggregate"},
		{name: "1,000,000 points against a limit of 100,000 stop within a batch of the limit",
			series: 100, points: 10_000, limits: Limits{Scope: "the query", MaxPoints: 100_000},
			want: ErrTooManyPoints, wantText: "the query needs more than 100,000 points (series × steps); raise the min step"},
		{name: "one long series stops in its middle",
			series: 1, points: 200_000, limits: Limits{Scope: "the query", MaxPoints: 50_000},
			want: ErrTooManyPoints, wantText: "more than 50,000 points"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := genBody(newRand(7), genOptions{series: tt.series, points: tt.points})
			b := NewBudget(nil, tt.limits)
			_, read, err := decodeUnder(t, body, b)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.wantText) {
				t.Fatalf("err = %v, want %v saying %q", err, tt.want, tt.wantText)
			}
			if read > int64(len(body))*3/5 {
				t.Errorf("read %d of %d bytes: the decoder should stop near the limit", read, len(body))
			}
			if b.Held() != 0 {
				t.Errorf("%d points still held after the failure, want 0", b.Held())
			}
		})
	}
}

func TestAnAnswerExactlyAtTheLimitsDecodes(t *testing.T) {
	body := genBody(newRand(8), genOptions{series: 50, points: 1000})
	b := NewBudget(nil, Limits{MaxSeries: 50, MaxPoints: 50_000})
	m, _, err := decodeUnder(t, body, b)
	if err != nil || len(m.Series) != 50 {
		t.Fatalf("%d series, err %v", len(m.Series), err)
	}
	if b.Held() != 50_000 {
		t.Errorf("held %d points, want every decoded point (50,000)", b.Held())
	}
	if err := b.Exhausted(); !errors.Is(err, ErrTooManyPoints) {
		t.Errorf("Exhausted() = %v, want the full budget's error", err)
	}
}

func TestAParentBudgetIsSharedByItsChildren(t *testing.T) {
	request := NewBudget(nil, Limits{Scope: "the queries of this request together", MaxPoints: 100_000})
	body := genBody(newRand(9), genOptions{series: 60, points: 1000}) // 60,000 points
	first := NewBudget(request, Limits{Scope: "the query", MaxPoints: 80_000})
	if _, _, err := decodeUnder(t, body, first); err != nil {
		t.Fatalf("first query: %v", err)
	}
	second := NewBudget(request, Limits{Scope: "the query", MaxPoints: 80_000})
	_, _, err := decodeUnder(t, body, second)
	if !errors.Is(err, ErrTooManyPoints) || !strings.Contains(err.Error(), "the queries of this request together needs more than 100,000 points") {
		t.Fatalf("second query: err = %v, want the request's limit", err)
	}
	if request.Held() != 60_000 || first.Held() != 60_000 || second.Held() != 0 {
		t.Errorf("held: request %d, first %d, second %d; want 60,000, 60,000, 0", request.Held(), first.Held(), second.Held())
	}
	first.Release(first.Held())
	if request.Held() != 0 || request.Peak() < 60_000 || request.Peak() > 100_000 {
		t.Errorf("request holds %d after the first query's release (want 0), peak %d (want 60,000 to 100,000)", request.Held(), request.Peak())
	}
}

func TestQueryRangeDecodesUnderTheContextsBudget(t *testing.T) {
	f := startFake(t, withBody(string(genBody(newRand(10), genOptions{series: 20, points: 21}))))
	c := newTestClient(t, f.URL, Options{})
	b := NewBudget(nil, Limits{Scope: "the query", MaxSeries: 10})
	_, err := c.QueryRange(WithBudget(context.Background(), b), "up", testRange)
	if !errors.Is(err, ErrTooManySeries) || errors.Is(err, ErrMalformedResponse) || IsUpstream(err) {
		t.Fatalf("err = %v, want ErrTooManySeries as it is: the caller's limit, not the upstream's fault", err)
	}
	if _, err := c.QueryRange(context.Background(), "up", testRange); err != nil {
		t.Fatalf("without a budget: %v", err)
	}
}

func TestLimitMessagesGroupThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 5_000_000: "5,000,000", -12345: "-12,345"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
