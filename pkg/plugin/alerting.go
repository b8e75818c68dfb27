package plugin

import (
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// Queries of alert and recording rules. Grafana's rule evaluator sends
// every datasource query of a rule with the headers FromAlert: true,
// X-Cache-Skip: true, X-Rule-Uid and X-Grafana-Org-Id
// (pkg/services/ngalert/eval/eval.go, buildDatasourceHeaders), and
// pkg/expr/nodes.go hands them to the plugin as QueryDataRequest.Headers,
// keys unprefixed (the SDK's own AlertForwarderMiddleware reads
// Headers[backend.FromAlertHeaderName] likewise). The same evaluator runs
// Grafana-managed recording rules
// (pkg/services/ngalert/schedule/recording_rule.go) and the rule editor's
// preview (pkg/services/ngalert/api/api_testing.go, RouteEvalQueries).
// Which outputs such a request may ask for: models.Query.AlertingError.

// fromAlerting reports whether Grafana's alerting sent the request. The
// key is matched without regard to case: Grafana notes that it travels
// as "Fromalert" once canonicalised by an HTTP hop.
func fromAlerting(headers map[string]string) bool {
	for k, v := range headers {
		if strings.EqualFold(k, backend.FromAlertHeaderName) {
			return v != "" && !strings.EqualFold(v, "false")
		}
	}
	return false
}
