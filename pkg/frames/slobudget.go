package frames

import (
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// FieldBudgetRemaining is the budget output's field: the summary's
// budget_remaining_ratio (1 untouched, 0 spent, below 0 overspent).
const FieldBudgetRemaining = "budget_remaining_ratio"

// SLOBudget builds the budget output: dataplane numeric-multi, one frame
// with the remaining budget ratio at now labelled {slo: id}, the same
// number as the summary's budget_remaining_ratio. Alert rules threshold it
// and Grafana-managed recording rules write it as one sample per SLO.
func SLOBudget(def slo.SLO, sum slo.Summary, executed string) data.Frames {
	v := withUnit(data.NewField(FieldBudgetRemaining, data.Labels{"slo": def.ID}, []float64{sum.Budget.Ratio}), unitRatio, 1)
	v.Config.DisplayNameFromDS = def.DisplayName() + " budget remaining"
	meta := &data.FrameMeta{Type: data.FrameTypeNumericMulti, TypeVersion: version01, ExecutedQueryString: executed,
		Notices: dataQualityNotices(sum)}
	return data.Frames{data.NewFrame("", v).SetMeta(meta)}
}
