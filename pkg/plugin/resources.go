package plugin

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// Resources for the query editor's completion and template variables:
//
//	GET metrics?match=<selector>&start=<unix s>&end=<unix s>   metric names
//	GET labels?match=…&start=…&end=…                          label names
//	GET label-values?label=<name>&match=…&start=…&end=…       label values
//
// match may repeat; start and end are optional. All answer a JSON string array.
//
//	GET slos   the SLO catalog (jsonData.slos) as configured: a JSON array of
//	           SLO objects in the catalog's own format; [] when empty.

func (d *Datasource) handleMetrics(w http.ResponseWriter, r *http.Request) {
	d.serveLabelValues(w, r, "__name__")
}

func (d *Datasource) handleLabelValues(w http.ResponseWriter, r *http.Request) {
	label := r.URL.Query().Get("label")
	if label == "" {
		writeError(w, http.StatusBadRequest, errors.New("the label parameter is required"))
		return
	}
	d.serveLabelValues(w, r, label)
}

func (d *Datasource) serveLabelValues(w http.ResponseWriter, r *http.Request, label string) {
	if !d.ready(w) {
		return
	}
	p, err := parseLookup(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	values, err := d.client.LabelValues(r.Context(), label, p.match, p.start, p.end)
	d.writeResult(w, values, err)
}

func (d *Datasource) handleLabels(w http.ResponseWriter, r *http.Request) {
	if !d.ready(w) {
		return
	}
	p, err := parseLookup(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	names, err := d.client.LabelNames(r.Context(), p.match, p.start, p.end)
	d.writeResult(w, names, err)
}

func (d *Datasource) handleSLOs(w http.ResponseWriter, _ *http.Request) {
	if !d.ready(w) {
		return
	}
	catalog := d.settings.SLOs
	if catalog == nil {
		catalog = slo.Catalog{}
	}
	body, err := json.Marshal(catalog)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

type lookup struct {
	match      []string
	start, end time.Time
}

func parseLookup(r *http.Request) (lookup, error) {
	q := r.URL.Query()
	p := lookup{match: append(q["match"], q["match[]"]...)}
	var err error
	if p.start, err = unixParam(q.Get("start"), "start"); err != nil {
		return p, err
	}
	if p.end, err = unixParam(q.Get("end"), "end"); err != nil {
		return p, err
	}
	return p, nil
}

func unixParam(v, name string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	secs, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s must be Unix seconds, got %q", name, v)
	}
	return time.UnixMilli(int64(secs * 1000)).UTC(), nil
}

func (d *Datasource) ready(w http.ResponseWriter) bool {
	if d.configErr != nil {
		writeError(w, http.StatusBadRequest, configError(d.configErr))
		return false
	}
	return true
}

func (d *Datasource) writeResult(w http.ResponseWriter, values []string, err error) {
	if err != nil {
		c := upstreamError(err)
		writeError(w, int(c.status), errors.New(d.settings.Redact(c.Error())))
		return
	}
	if values == nil {
		values = []string{}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(values)
}

func writeError(w http.ResponseWriter, status int, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"message": err.Error()})
}
