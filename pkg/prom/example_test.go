package prom_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// exampleClient is a client of a fake upstream that answers every request
// with body.
func exampleClient(body string) (*prom.Client, func()) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = fmt.Fprint(w, body)
	}))
	c, err := prom.NewClient(srv.URL, srv.Client(), prom.Options{})
	if err != nil {
		panic(err)
	}
	return c, srv.Close
}

func ExampleClient_QueryRange() {
	c, stop := exampleClient(`{"status":"success","data":{"resultType":"matrix","result":[
		{"metric":{"__name__":"up","job":"api"},"values":[[1764201600,"1"],[1764201615.123,"NaN"]]}]}}`)
	defer stop()
	start := time.Unix(1764201600, 0)
	m, err := c.QueryRange(context.Background(), "up", prom.Range{Start: start, End: start.Add(15 * time.Second), Step: 15 * time.Second})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range m.Series {
		fmt.Println(s.Labels["job"], s.Times, s.Values)
	}
	// Output: api [1764201600000 1764201615123] [1 NaN]
}

func ExampleIsUpstream() {
	c, stop := exampleClient(`<html>Sign in</html>`)
	defer stop()
	start := time.Unix(1764201600, 0)
	_, err := c.QueryRange(context.Background(), "up", prom.Range{Start: start, End: start, Step: time.Second})
	fmt.Println(prom.IsUpstream(err), err)
	// Output: true not a Prometheus API response: body starts with "<html>Sign in</html>" (content type "text/html; charset=utf-8")
}
