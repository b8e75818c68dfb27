package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/testenv"
	"github.com/claudeenhancer/monitoring/pkg/plugin"
)

const pluginID = "claudeenhancer-anomaly-datasource"

// Grafana's defaults for a query that leaves them out (pkg/services/query).
const (
	defaultIntervalMs    = 1000
	defaultMaxDataPoints = 100
)

// api answers the Grafana HTTP endpoints DataSourceWithBackend calls, with
// Grafana's request and response shapes, for its datasource instances by uid.
type api struct {
	sources map[string]*source
	uids    []string // in the order added, for error messages
}

// source is one datasource instance.
type source struct {
	ds       *plugin.Datasource
	settings backend.DataSourceInstanceSettings
}

func newAPI(ds *plugin.Datasource, settings backend.DataSourceInstanceSettings) *api {
	a := &api{sources: map[string]*source{}}
	a.add(ds, settings)
	return a
}

// add serves another datasource instance, under its settings' uid.
func (a *api) add(ds *plugin.Datasource, settings backend.DataSourceInstanceSettings) {
	a.sources[settings.UID] = &source{ds: ds, settings: settings}
	a.uids = append(a.uids, settings.UID)
}

func (a *api) register(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/ds/query", a.query)
	mux.HandleFunc("GET /api/datasources/uid/{uid}/health", a.health)
	mux.HandleFunc("/api/datasources/uid/{uid}/resources/{path...}", a.resource)
}

func (s *source) pluginContext() backend.PluginContext {
	return backend.PluginContext{OrgID: 1, PluginID: pluginID, DataSourceInstanceSettings: &s.settings}
}

// queryRequest is Grafana's /api/ds/query body (dtos.MetricRequest): each
// query is kept whole, as its JSON is what the backend parses.
type queryRequest struct {
	From    string            `json:"from"`
	To      string            `json:"to"`
	Queries []json.RawMessage `json:"queries"`
}

type queryCommon struct {
	RefID      string `json:"refId"`
	QueryType  string `json:"queryType"`
	Datasource struct {
		UID string `json:"uid"`
	} `json:"datasource"`
	IntervalMs    *int64 `json:"intervalMs"`
	MaxDataPoints *int64 `json:"maxDataPoints"`
}

func (a *api) query(w http.ResponseWriter, r *http.Request) {
	var body queryRequest
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeMessage(w, http.StatusBadRequest, "bad request data: "+err.Error())
		return
	}
	tr, err := timeRange(body.From, body.To)
	if err != nil {
		writeMessage(w, http.StatusBadRequest, err.Error())
		return
	}
	// Like a mixed panel in Grafana: each datasource answers its own queries.
	reqs := map[string]*backend.QueryDataRequest{}
	var order []string
	for _, raw := range body.Queries {
		var q queryCommon
		if err := json.Unmarshal(raw, &q); err != nil {
			writeMessage(w, http.StatusBadRequest, "bad query: "+err.Error())
			return
		}
		src, ok := a.sources[q.Datasource.UID]
		if !ok {
			writeMessage(w, http.StatusBadRequest, fmt.Sprintf("unknown datasource uid %q (serving %q)", q.Datasource.UID, a.uids))
			return
		}
		req := reqs[q.Datasource.UID]
		if req == nil {
			req = &backend.QueryDataRequest{PluginContext: src.pluginContext()}
			reqs[q.Datasource.UID] = req
			order = append(order, q.Datasource.UID)
		}
		req.Queries = append(req.Queries, backend.DataQuery{
			RefID:         q.RefID,
			QueryType:     q.QueryType,
			Interval:      time.Duration(orDefault(q.IntervalMs, defaultIntervalMs)) * time.Millisecond,
			MaxDataPoints: orDefault(q.MaxDataPoints, defaultMaxDataPoints),
			TimeRange:     tr,
			JSON:          raw,
		})
	}
	resp := backend.NewQueryDataResponse()
	for _, uid := range order {
		res, err := a.sources[uid].ds.QueryData(r.Context(), reqs[uid])
		if err != nil {
			writeMessage(w, http.StatusInternalServerError, "query data error: "+err.Error())
			return
		}
		for refID, dr := range res.Responses {
			resp.Responses[refID] = dr
		}
	}
	// As Grafana does before answering: frames carry their query's refId, and
	// any failed query makes the status 400 (without the multi-status toggle).
	status := http.StatusOK
	for refID, dr := range resp.Responses {
		for _, f := range dr.Frames {
			if f.RefID == "" {
				f.RefID = refID
			}
		}
		if dr.Error != nil {
			status = http.StatusBadRequest
		}
	}
	writeJSON(w, status, resp)
}

// timeRange parses the from and to Grafana's frontend sends: epoch milliseconds.
func timeRange(from, to string) (backend.TimeRange, error) {
	f, err1 := strconv.ParseInt(from, 10, 64)
	t, err2 := strconv.ParseInt(to, 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return backend.TimeRange{}, fmt.Errorf("from and to must be epoch milliseconds: %w", err)
	}
	return backend.TimeRange{From: time.UnixMilli(f).UTC(), To: time.UnixMilli(t).UTC()}, nil
}

func (a *api) health(w http.ResponseWriter, r *http.Request) {
	src := a.lookup(w, r)
	if src == nil {
		return
	}
	res, err := src.ds.CheckHealth(r.Context(), &backend.CheckHealthRequest{PluginContext: src.pluginContext()})
	if err != nil {
		writeMessage(w, http.StatusInternalServerError, "plugin health check failed: "+err.Error())
		return
	}
	payload := map[string]any{"status": res.Status.String(), "message": res.Message}
	if len(res.JSONDetails) > 0 {
		payload["details"] = json.RawMessage(res.JSONDetails)
	}
	status := http.StatusOK
	if res.Status != backend.HealthStatusOk {
		status = http.StatusBadRequest
	}
	writeJSON(w, status, payload)
}

func (a *api) resource(w http.ResponseWriter, r *http.Request) {
	src := a.lookup(w, r)
	if src == nil {
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeMessage(w, http.StatusBadRequest, err.Error())
		return
	}
	path := r.PathValue("path")
	u := path
	if r.URL.RawQuery != "" {
		u += "?" + r.URL.RawQuery
	}
	req := &backend.CallResourceRequest{
		PluginContext: src.pluginContext(),
		Path:          path,
		Method:        r.Method,
		URL:           u,
		Headers:       r.Header,
		Body:          body,
	}
	started := false
	sender := backend.CallResourceResponseSenderFunc(func(res *backend.CallResourceResponse) error {
		if !started {
			started = true
			for k, vs := range res.Headers {
				for _, v := range vs {
					w.Header().Add(k, v)
				}
			}
			status := res.Status
			if status == 0 {
				status = http.StatusOK
			}
			w.WriteHeader(status)
		}
		_, err := w.Write(res.Body)
		return err
	})
	if err := src.ds.CallResource(r.Context(), req, sender); err != nil && !started {
		writeMessage(w, http.StatusInternalServerError, "resource call failed: "+err.Error())
	}
}

// lookup is the datasource of the request's uid, or nil after answering 404.
func (a *api) lookup(w http.ResponseWriter, r *http.Request) *source {
	uid := r.PathValue("uid")
	src, ok := a.sources[uid]
	if !ok {
		writeMessage(w, http.StatusNotFound, fmt.Sprintf("data source %q not found", uid))
		return nil
	}
	return src
}

func orDefault(v *int64, def int64) int64 {
	if v == nil || *v <= 0 {
		return def
	}
	return *v
}

func writeMessage(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"message": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// fixtureInfo tells the harness where the fixture's data lies, so pages show
// a window that has samples up to its right edge. Not a Grafana endpoint.
type fixtureInfo struct {
	UID        string   `json:"uid"` // of the datasource over it
	Prometheus string   `json:"prometheus"`
	Start      int64    `json:"start"` // epoch ms of the first sample
	End        int64    `json:"end"`   // epoch ms of the last sample
	Series     []string `json:"series"`
	// Injected holds the anomaly fixture's anomalies by case (spike, drop, …).
	Injected map[string]*injected `json:"injected,omitempty"`
	// Incidents holds the demo fixture's incidents by demo/timeline.json id.
	Incidents map[string]*incident `json:"incidents,omitempty"`
	// Fixtures holds every fixture served, by name, at the top level only.
	Fixtures map[string]*fixtureInfo `json:"fixtures,omitempty"`
}

// injected is when an anomaly of the fixture starts (epoch ms) and how long
// it lasts (ms; 0 for a change that lasts).
type injected struct {
	At  int64 `json:"at"`
	For int64 `json:"for"`
}

func newFixtureInfo(uid string, up *testenv.Upstream) *fixtureInfo {
	info := &fixtureInfo{UID: uid, Prometheus: up.URL, Start: up.Fixture.Start.UnixMilli(), End: up.Fixture.End.UnixMilli()}
	for _, s := range up.Fixture.Series {
		info.Series = append(info.Series, s.ID())
	}
	return info
}

func (f *fixtureInfo) serve(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, f) }
