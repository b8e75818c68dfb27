package testenv

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"time"
)

func startVictoriaMetrics(dir string, fx *Fixture) (*Upstream, error) {
	if fx == nil {
		return nil, errNoFixture
	}
	if err := fx.Validate(); err != nil {
		return nil, err
	}
	bin, err := lookBinary("victoria-metrics")
	if err != nil {
		return nil, err
	}
	up := &Upstream{Name: EngineVictoriaMetrics, Engine: EngineVictoriaMetrics, Fixture: fx, dir: dir}
	began := time.Now()
	up.proc, err = startServer(func(port int) (*process, error) {
		addr := "127.0.0.1:" + strconv.Itoa(port)
		p, err := startProcess(dir, bin,
			"-storageDataPath="+filepath.Join(dir, "vmdata"),
			"-httpListenAddr="+addr,
			"-retentionPeriod=100y",
			// Tests query right after importing: a cached empty answer from
			// the visibility poll, or hidden recent samples, would be wrong.
			"-search.disableCache",
			"-search.latencyOffset=0s",
		)
		if err != nil {
			return nil, err
		}
		up.URL = "http://" + addr
		return p, p.waitReady(up.URL + "/health")
	})
	if err != nil {
		return nil, err
	}
	up.Ready = time.Since(began)

	began = time.Now()
	if err := importFixture(up); err != nil {
		up.stop(false)
		return nil, err
	}
	up.Load = time.Since(began)
	return up, nil
}

// importFixture posts fx to /api/v1/import/prometheus, flushes, and waits
// until every sample is visible to queries.
func importFixture(up *Upstream) error {
	fx := up.Fixture
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(fx.WriteImport(pw)) }()
	resp, err := http.Post(up.URL+"/api/v1/import/prometheus", "text/plain", pr)
	if err != nil {
		return fmt.Errorf("victoria-metrics import: %w", err)
	}
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("victoria-metrics import: %s: %s\nlog:\n%s", resp.Status, body, up.Log())
	}
	if err := getOK(up.URL + "/internal/force_flush"); err != nil {
		return fmt.Errorf("victoria-metrics force_flush: %w", err)
	}

	// VictoriaMetrics drops NaN samples (they read as staleness markers), so
	// the visible count is that of the non-NaN samples.
	want := 0
	for _, t := range fx.Times() {
		for i := range fx.Series {
			if v, ok := fx.Series[i].Value(t); ok && !math.IsNaN(v) {
				want++
			}
		}
	}
	span := fx.End.Sub(fx.Start) + fx.Step
	q := url.Values{
		"query": {fmt.Sprintf(`sum(count_over_time({__name__!=""}[%ds]))`, int(span.Seconds()))},
		"time":  {strconv.FormatInt(fx.End.Unix(), 10)},
	}
	ctx, cancel := context.WithTimeout(context.Background(), ReadyTimeout)
	defer cancel()
	return up.proc.poll(ctx, "imported samples to be queryable", func(ctx context.Context) error {
		got, err := instantScalar(ctx, up.URL+"/api/v1/query?"+q.Encode())
		if err != nil {
			return err
		}
		if int(got) != want {
			return fmt.Errorf("%v of %d samples visible", got, want)
		}
		return nil
	})
}

func getOK(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode/100 != 2 {
		body, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("%s: %s", resp.Status, body)
	}
	return nil
}

// instantScalar runs an instant query whose result is one sample and returns
// its value (0 when the result is empty).
func instantScalar(ctx context.Context, u string) (float64, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer func() { _ = resp.Body.Close() }()
	var r struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Data   struct {
			Result []struct {
				Value [2]any `json:"value"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return 0, fmt.Errorf("decode %s: %w", u, err)
	}
	if r.Status != "success" {
		return 0, fmt.Errorf("query failed: %s", r.Error)
	}
	if len(r.Data.Result) == 0 {
		return 0, nil
	}
	s, _ := r.Data.Result[0].Value[1].(string)
	return strconv.ParseFloat(s, 64)
}
