package plugin

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

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

type lookup struct {
	match      []string
	start, end time.Time
}

func parseLookup(r *http.Request) (lookup, error) {
	q := r.URL.Query()
	p := lookup{match: append(q["match"], q["match[]"]...)}
	var err error
	if p.start, err = timeParam(q.Get("start"), "start"); err != nil {
		return p, err
	}
	if p.end, err = timeParam(q.Get("end"), "end"); err != nil {
		return p, err
	}
	if !p.start.IsZero() && !p.end.IsZero() && p.end.Before(p.start) {
		return p, fmt.Errorf("%w: end %s is before start %s", errInvalidLookupTime,
			p.end.Format(time.RFC3339Nano), p.start.Format(time.RFC3339Nano))
	}
	return p, nil
}

// errInvalidLookupTime is a start or end the upstream would misread.
var errInvalidLookupTime = errors.New("invalid start or end")

// Lookup times must lie between the Unix epoch and the end of year 9999,
// the last instant RFC 3339 can write; Unix seconds outside it (1e300,
// -1e18) would be sent upstream as nonsense or overflow milliseconds.
var (
	minLookupTime = time.Unix(0, 0).UTC()
	maxLookupTime = time.Date(9999, 12, 31, 23, 59, 59, 999e6, time.UTC)
)

// timeParam reads start or end as Prometheus does: Unix seconds with an
// optional fraction, or RFC 3339. Empty is the zero time (left out).
func timeParam(v, name string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	var t time.Time
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if math.IsNaN(secs) || math.IsInf(secs, 0) ||
			secs < float64(minLookupTime.Unix()) || secs > float64(maxLookupTime.Unix()+1) {
			return time.Time{}, lookupTimeError(name, v)
		}
		t = time.UnixMilli(int64(math.Round(secs * 1000))).UTC()
	} else if t, err = time.Parse(time.RFC3339Nano, v); err != nil {
		return time.Time{}, lookupTimeError(name, v)
	}
	if t.Before(minLookupTime) || t.After(maxLookupTime) {
		return time.Time{}, lookupTimeError(name, v)
	}
	return t.UTC(), nil
}

func lookupTimeError(name, v string) error {
	return fmt.Errorf("%w: %s must be Unix seconds (1795737600.5) or RFC 3339 (2026-11-27T00:00:00Z) between 1970 and 9999, got %q",
		errInvalidLookupTime, name, v)
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
