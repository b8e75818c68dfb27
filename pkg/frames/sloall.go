package frames

import (
	"math"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// SLOSummaries builds the summary output of the all-SLOs query (sloId
// "*"): one table slo_summary with a row per SLO, in the order given (the
// caller sorts them by slo.CompareUrgency), holding the summary's columns
// and then labels (PromQL syntax), fastest_burn, fastest_burn_threshold,
// fastest_burn_pair ("page 1h/5m", see slo.FastestBurn) and firing (the
// firing pairs, "page 1h/5m, ticket 1d/2h", empty when none). The reasons
// for each state ride in Meta.Custom {"reasons": {id: […]}}; the rows'
// data-quality notices are joined, each prefixed with its SLO's id.
func SLOSummaries(rows []SLORow, executed string) data.Frames {
	n := len(rows)
	labels, pair, firing := make([]string, n), make([]string, n), make([]string, n)
	burn, thr := make([]float64, n), make([]float64, n)
	reasons := make(map[string][]string, n)
	var notices []data.Notice
	for i, r := range rows {
		labels[i] = slo.FormatLabels(r.Def.Labels)
		burn[i], thr[i] = math.NaN(), math.NaN()
		if c, ok := slo.FastestBurn(r.Sum.Pairs); ok {
			burn[i], thr[i] = math.Min(c.LongBurn, c.ShortBurn), c.Pair.Threshold
			pair[i] = string(c.Pair.Severity) + " " + c.Pair.Name()
		}
		var on []string
		for _, c := range r.Sum.Pairs {
			if c.Firing {
				on = append(on, string(c.Pair.Severity)+" "+c.Pair.Name())
			}
		}
		firing[i] = strings.Join(on, ", ")
		reasons[r.Def.ID] = r.Sum.Reasons
		if reasons[r.Def.ID] == nil {
			reasons[r.Def.ID] = []string{}
		}
		for _, nt := range dataQualityNotices(r.Sum) {
			nt.Text = r.Def.ID + ": " + nt.Text
			notices = append(notices, nt)
		}
	}
	fields := append(summaryFields(rows),
		data.NewField("labels", nil, labels),
		withUnit(data.NewField("fastest_burn", nil, burn), "", 2),
		withUnit(data.NewField("fastest_burn_threshold", nil, thr), "", 2),
		data.NewField("fastest_burn_pair", nil, pair),
		data.NewField("firing", nil, firing),
	)
	f := data.NewFrame(FrameSLOSummary, fields...)
	f.SetMeta(&data.FrameMeta{
		Type: data.FrameTypeTable, ExecutedQueryString: executed,
		Custom:  map[string]any{"reasons": reasons},
		Notices: notices,
	})
	return data.Frames{f}
}
