package plugin

import (
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"strconv"

	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// Resources for the query editor's completion and template variables:
//
//	GET metrics?match=<selector>&start=<time>&end=<time>   metric names
//	GET labels?match=…&start=…&end=…                      label names
//	GET label-values?label=<name>&match=…&start=…&end=…   label values
//
// match may repeat; start and end are optional, Unix seconds or RFC 3339
// as Prometheus takes them, and checked before anything is sent. All
// answer a JSON string array; an upstream's 429 stays a 429, with its
// Retry-After.
//
//	GET slos?filter=<matchers>   the SLO catalog (jsonData.slos) as
//	           configured: a JSON array of SLO objects in the catalog's own
//	           format; [] when empty. filter (optional) keeps the SLOs whose
//	           labels match, as the all-SLOs query's sloFilter does (400
//	           when it does not parse).

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
	p, err := models.ParseLookup(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	values, err := d.client.LabelValues(r.Context(), label, p.Match, p.Start, p.End)
	d.writeResult(w, values, err)
}

func (d *Datasource) handleLabels(w http.ResponseWriter, r *http.Request) {
	if !d.ready(w) {
		return
	}
	p, err := models.ParseLookup(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	names, err := d.client.LabelNames(r.Context(), p.Match, p.Start, p.End)
	d.writeResult(w, names, err)
}

func (d *Datasource) handleSLOs(w http.ResponseWriter, r *http.Request) {
	if !d.ready(w) {
		return
	}
	filter, err := slo.ParseMatchers(r.URL.Query().Get("filter"))
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	catalog := d.settings.SLOs.Select(filter)
	body, err := json.Marshal(catalog)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
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
		if apiErr := (*prom.APIError)(nil); errors.As(err, &apiErr) && apiErr.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.FormatInt(int64(math.Ceil(apiErr.RetryAfter.Seconds())), 10))
		}
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
