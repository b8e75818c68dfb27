// Command gpx_anomaly is the backend of the claudeenhancer-anomaly-datasource
// plugin; Grafana starts it and talks to it over gRPC.
package main

import (
	"os"

	"github.com/grafana/grafana-plugin-sdk-go/backend/datasource"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/claudeenhancer/monitoring/pkg/plugin"
)

// pluginID must be the nested datasource's id, not the app's.
const pluginID = "claudeenhancer-anomaly-datasource"

func main() {
	if err := datasource.Manage(pluginID, plugin.NewDatasource, datasource.ManageOpts{}); err != nil {
		log.DefaultLogger.Error("plugin stopped", "error", err)
		os.Exit(1)
	}
}
