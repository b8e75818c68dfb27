package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// upstream is a fake Prometheus API: each path answers with a canned status
// and body, and every request is recorded for assertions.
type upstream struct {
	*httptest.Server
	mu       sync.Mutex
	routes   map[string]reply
	requests []recorded
}

type reply struct {
	status int
	body   string
	delay  time.Duration
	echo   string // header whose value is copied into the body, like a chatty proxy
	// answer, when set, computes status and body from the request's form
	// (see rangeAnswer), for replies that depend on the query.
	answer func(form url.Values) (status int, body string)
}

type recorded struct {
	path   string
	form   url.Values
	header http.Header
}

func newUpstream(t testing.TB, routes map[string]reply) *upstream {
	u := &upstream{routes: routes}
	u.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		u.mu.Lock()
		u.requests = append(u.requests, recorded{r.URL.Path, r.Form, r.Header.Clone()})
		rep, ok := u.routes[r.URL.Path]
		u.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		select {
		case <-time.After(rep.delay):
		case <-r.Context().Done():
			return
		}
		status, body := rep.status, rep.body
		if rep.answer != nil {
			status, body = rep.answer(r.Form)
		}
		if rep.echo != "" {
			body += r.Header.Get(rep.echo)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(u.Close)
	return u
}

func (u *upstream) last() recorded {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.requests[len(u.requests)-1]
}

func newDS(t testing.TB, rawURL, jsonData string, secure map[string]string) *Datasource {
	t.Helper()
	inst, err := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{
		Name: "test", UID: "test", Type: "claudeenhancer-anomaly-datasource",
		URL: rawURL, JSONData: []byte(jsonData), DecryptedSecureJSONData: secure,
	})
	if err != nil {
		t.Fatal(err)
	}
	return inst.(*Datasource)
}

func seriesQuery(refID, expr string) backend.DataQuery {
	body, _ := json.Marshal(map[string]string{"refId": refID, "queryType": "series", "expr": expr, "legendFormat": "{{service}}"})
	from := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	return backend.DataQuery{
		RefID: refID, QueryType: "series", JSON: body, Interval: 15 * time.Second, MaxDataPoints: 1000,
		TimeRange: backend.TimeRange{From: from, To: from.Add(time.Hour)},
	}
}

const matrixBody = `{"status":"success","data":{"resultType":"matrix","result":[
 {"metric":{"__name__":"up","service":"auth"},"values":[[1795737600,"1"],[1795737615,"0"]]}]}}`

const vectorTwo = `{"status":"success","data":{"resultType":"scalar","result":[1795737600,"2"]}}`
