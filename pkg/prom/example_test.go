package prom_test

import (
	"fmt"
	"strings"

	"github.com/claudeenhancer/monitoring/pkg/prom"
)

func ExampleDecodeMatrix() {
	body := `{"status":"success","data":{"resultType":"matrix","result":[
		{"metric":{"__name__":"up","job":"api"},"values":[[1764201600,"1"],[1764201615.123,"NaN"]]}]}}`
	m, err := prom.DecodeMatrix(strings.NewReader(body))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range m.Series {
		fmt.Println(s.Labels["job"], s.Times, s.Values)
	}
	// Output: api [1764201600000 1764201615123] [1 NaN]
}

func ExampleIsUpstream() {
	_, err := prom.DecodeMatrix(strings.NewReader(`<html>Sign in</html>`))
	fmt.Println(prom.IsUpstream(err), err)
	// Output: true not a Prometheus API response: body starts with "<html>Sign in</html>"
}
