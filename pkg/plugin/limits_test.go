package plugin

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/promfake"
	"github.com/claudeenhancer/monitoring/pkg/limits"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// manySeries answers every range query with n series of the given points
// each, timestamps on the requested grid.
func manySeries(n, points int) reply {
	var series []promfake.Series
	for i := range n {
		series = append(series, promfake.Series{
			Labels: map[string]string{"__name__": "x", "instance": fmt.Sprint(i)},
			At:     func(time.Time) float64 { return 1 },
		})
	}
	answer := rangeAnswer(series...)
	if points == 0 {
		return reply{answer: answer}
	}
	return reply{answer: func(form url.Values) (int, string) {
		start, step := form.Get("start"), form.Get("step")
		end := formTime(form, "start") + float64(points-1)*formTime(form, "step")
		return answer(url.Values{"start": {start}, "end": {strconv.FormatFloat(end, 'f', -1, 64)}, "step": {step}})
	}}
}

func TestAQueryOverTheSeriesLimitFailsAloneWithAnActionableError(t *testing.T) {
	up := newUpstream(t, map[string]reply{"/api/v1/query_range": manySeries(limits.MaxSeriesPerQuery+1, 1)})
	ok := newUpstream(t, map[string]reply{"/api/v1/query_range": {status: 200, body: matrixBody}})
	ds := newDS(t, up.URL, `{}`, nil)
	r := runQueries(t, ds, seriesQuery("A", "x"))["A"]
	if r.Status != backend.StatusBadRequest || r.ErrorSource != backend.ErrorSourceDownstream || r.Error == nil ||
		!strings.Contains(r.Error.Error(), "the query returned more than 5,000 series; narrow the selector or aggregate") {
		t.Fatalf("status %d source %q err %v", r.Status, r.ErrorSource, r.Error)
	}
	// The budget is per request: the next request starts afresh.
	if r := runQueries(t, newDS(t, ok.URL, `{}`, nil), seriesQuery("B", "up"))["B"]; r.Error != nil {
		t.Errorf("a later small query failed: %v", r.Error)
	}
}

func TestDetectionIsChargedForItsGridNotOnlyTheSamplesSent(t *testing.T) {
	// Series of one sample each, on the 1 m grid of 7 h (6 h visible + 1 h
	// warm-up): 421 steps × 4 points a detection step = 1,684 a series.
	// Five fit under 10,000 points, six do not, though they send 6 samples.
	q := detectionDataQuery("A", anomalyJSON(`,"method":"zscore","window":"1h"`), promfake.T0, promfake.T0.Add(6*time.Hour), 1000)
	for series, fits := range map[int]bool{5: true, 6: false} {
		up := newUpstream(t, map[string]reply{"/api/v1/query_range": manySeries(series, 1)})
		r := runQueries(t, newDS(t, up.URL, `{"maxPointsPerQuery":10000}`, nil), q)["A"]
		switch {
		case fits && r.Error != nil:
			t.Errorf("%d series: %v", series, r.Error)
		case !fits && (r.Error == nil || !strings.Contains(r.Error.Error(),
			"the query needs more than 10,000 points (series × steps); each step of a series counts 4 for detection")):
			t.Errorf("%d series: status %d err %v, want the query's point limit", series, r.Status, r.Error)
		case !fits && (r.Status != backend.StatusBadRequest || r.ErrorSource != backend.ErrorSourceDownstream):
			t.Errorf("%d series: status %d source %q", series, r.Status, r.ErrorSource)
		}
	}
}

func TestAChunkedDetectionQueryIsLimitedOnItsTotal(t *testing.T) {
	// 15 days at 1 m plus 1 h warm-up is 21,661 steps, fetched in two
	// chunks of at most 11,001: 86,644 points at 4 a step, where either
	// chunk alone would be at most 44,004.
	up := newUpstream(t, map[string]reply{"/api/v1/query_range": manySeries(1, 0)})
	q := detectionDataQuery("A", anomalyJSON(`,"method":"zscore","window":"1h"`), promfake.T0, promfake.T0.Add(15*24*time.Hour), 1000)
	r := runQueries(t, newDS(t, up.URL, `{"maxPointsPerQuery":80000}`, nil), q)["A"]
	if r.Error == nil || !strings.Contains(r.Error.Error(), "the query needs more than 80,000 points") {
		t.Fatalf("status %d err %v, want the query's point limit over both chunks", r.Status, r.Error)
	}
	if n := len(up.rangeRequests()); n != 2 {
		t.Errorf("%d range requests, want the two chunks", n)
	}
	if r := runQueries(t, newDS(t, up.URL, `{"maxPointsPerQuery":90000}`, nil), q)["A"]; r.Error != nil {
		t.Errorf("under a limit of 90,000: %v", r.Error)
	}
}

func TestTheRequestsQueriesShareOneBudget(t *testing.T) {
	// 40 series × 241 points (an hour at 15 s) = 9,640 points a query; five
	// queries need 48,200, the request may hold 4 × 10,000.
	up := newUpstream(t, map[string]reply{"/api/v1/query_range": manySeries(40, 0)})
	ds := newDS(t, up.URL, `{"maxPointsPerQuery":10000}`, nil)
	var qs []backend.DataQuery
	for _, ref := range []string{"A", "B", "C", "D", "E"} {
		qs = append(qs, seriesQuery(ref, "x"))
	}
	resp := runQueries(t, ds, qs...)
	answered, failed := 0, 0
	for ref, r := range resp {
		switch {
		case r.Error == nil:
			answered++
			if len(r.Frames) != 40 || r.Frames[0].Fields[0].Len() != 241 {
				t.Errorf("%s: an answered query lost data: %d frames", ref, len(r.Frames))
			}
		case strings.Contains(r.Error.Error(), "the queries of this request together needs more than 40,000 points"):
			failed++
			if r.Status != backend.StatusBadRequest || r.ErrorSource != backend.ErrorSourceDownstream {
				t.Errorf("%s: status %d source %q", ref, r.Status, r.ErrorSource)
			}
		default:
			t.Errorf("%s: unexpected error %v", ref, r.Error)
		}
	}
	if answered == 0 || failed == 0 || answered*9640 > 40_000 {
		t.Errorf("%d answered and %d over the request's budget; want some of each, at most 40,000 points answered", answered, failed)
	}
}

func TestAQueryAfterTheRequestsBudgetIsSpentIsNotSent(t *testing.T) {
	up := newUpstream(t, map[string]reply{"/api/v1/query_range": {status: 200, body: matrixBody}})
	ds := newDS(t, up.URL, `{"maxPointsPerQuery":10000}`, nil)
	ctx, release := limits.ForRequest(context.Background(), ds.settings.MaxPointsPerQuery)
	defer release()
	if err := prom.BudgetFromContext(ctx).Charge(40_000); err != nil {
		t.Fatal(err)
	}
	r := ds.query(ctx, seriesQuery("A", "up"), false)
	if r.Error == nil || !strings.Contains(r.Error.Error(), "the queries of this request together needs more than 40,000 points") {
		t.Fatalf("err = %v, want the spent request budget", r.Error)
	}
	if len(up.rangeRequests()) != 0 {
		t.Error("the query was sent although it could only fail")
	}
}

func TestAFullProcessAsksForARetry(t *testing.T) {
	up := newUpstream(t, map[string]reply{"/api/v1/query_range": {status: 200, body: matrixBody}})
	ds := newDS(t, up.URL, `{}`, nil)
	if err := limits.Process.Charge(limits.MaxPointsInProcess); err != nil {
		t.Fatal(err)
	}
	r := runQueries(t, ds, seriesQuery("A", "up"))["A"]
	limits.Process.Release(limits.MaxPointsInProcess)
	if r.Status != backend.StatusTooManyRequests || r.Error == nil || !strings.Contains(r.Error.Error(), "retry when they have finished") {
		t.Fatalf("status %d err %v, want 429 asking for a retry", r.Status, r.Error)
	}
	if r := runQueries(t, ds, seriesQuery("A", "up"))["A"]; r.Error != nil {
		t.Errorf("after the process budget was released: %v", r.Error)
	}
	if held := limits.Process.Held(); held != 0 {
		t.Errorf("the process holds %d points after its requests returned, want 0", held)
	}
}

func TestQueriesPastThePerRequestLimitAreAnsweredWithAnError(t *testing.T) {
	up := newUpstream(t, map[string]reply{"/api/v1/query_range": {status: 200, body: matrixBody}})
	ds := newDS(t, up.URL, `{}`, nil)
	const n = limits.MaxQueriesPerRequest + 50
	var qs []backend.DataQuery
	for i := range n {
		qs = append(qs, seriesQuery(fmt.Sprintf("Q%03d", i), "up"))
	}
	resp := runQueries(t, ds, qs...)
	if len(resp) != n {
		t.Fatalf("%d responses for %d queries: none may be dropped", len(resp), n)
	}
	for i := range n {
		r := resp[fmt.Sprintf("Q%03d", i)]
		if i < limits.MaxQueriesPerRequest {
			if r.Error != nil {
				t.Fatalf("query %d: %v", i, r.Error)
			}
			continue
		}
		if r.Status != backend.StatusBadRequest || r.Error == nil ||
			!strings.Contains(r.Error.Error(), "the request has 150 queries and at most 100 are run per request") {
			t.Fatalf("query %d: status %d err %v", i, r.Status, r.Error)
		}
	}
	if got := len(up.rangeRequests()); got != limits.MaxQueriesPerRequest {
		t.Errorf("%d upstream calls, want %d", got, limits.MaxQueriesPerRequest)
	}
}

func TestUpstreamCallsAreBoundedAcrossRequests(t *testing.T) {
	var inFlight, maxSeen, arrived atomic.Int64
	open := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := maxSeen.Load(); n > m && !maxSeen.CompareAndSwap(m, n); m = maxSeen.Load() {
		}
		arrived.Add(1)
		select {
		case <-open:
		case <-r.Context().Done():
			return
		}
		_, _ = w.Write([]byte(matrixBody))
	}))
	defer srv.Close()
	// Two instances, eight requests of five queries each: 40 calls.
	instances := []*Datasource{newDS(t, srv.URL, `{}`, nil), newDS(t, srv.URL, `{}`, nil)}
	const requests, perRequest = 8, 5
	var wg sync.WaitGroup
	errs := make(chan error, requests*perRequest)
	for i := range requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var qs []backend.DataQuery
			for j := range perRequest {
				qs = append(qs, seriesQuery(fmt.Sprint(j), "up"))
			}
			resp, _ := instances[i%2].QueryData(context.Background(), &backend.QueryDataRequest{Queries: qs})
			for _, r := range resp.Responses {
				errs <- r.Error
			}
		}()
	}
	// Every call has reached the upstream or waits for a slot.
	for arrived.Load()+int64(limits.UpstreamSlots.Waiting()) < requests*perRequest {
		time.Sleep(100 * time.Microsecond)
	}
	if n := inFlight.Load(); n != limits.UpstreamCallSlots {
		t.Errorf("%d calls in flight, want the %d slots", n, limits.UpstreamCallSlots)
	}
	close(open)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if maxSeen.Load() != limits.UpstreamCallSlots {
		t.Errorf("at most %d calls in flight, want %d", maxSeen.Load(), limits.UpstreamCallSlots)
	}
}
