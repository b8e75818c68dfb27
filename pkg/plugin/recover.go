package plugin

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/internal/fanout"
)

// Panic containment. The SDK's gRPC server recovers a panic in the
// goroutine that runs a handler (QueryData, CheckHealth, CallResource: the
// recovery interceptors of grpc-ecosystem/go-grpc-middleware that
// backend.Manage installs, see grafana-plugin-sdk-go backend/serve.go), but
// it fails the whole request and puts the panic value in the error Grafana
// receives; a panic in a goroutine the plugin starts is recovered by nobody
// and ends the process, and with it every datasource instance of this type.
// So fanout.Run recovers in its goroutines and hands the panic to the caller,
// each query recovers its own (one query's bug fails that query only), and
// CheckHealth and CallResource recover theirs. The panic value and stack go
// to the plugin log; the user sees a fixed message, since the value may
// carry data.

// logPanic writes a recovered panic and its stack to the plugin log, which
// Grafana collects; secrets the settings know are redacted from the value.
func (d *Datasource) logPanic(ctx context.Context, where string, p any, args ...any) {
	wp := fanout.Caught(p)
	args = append(args, "panic", d.settings.Redact(fmt.Sprint(wp.Value)), "stack", string(wp.Stack))
	backend.Logger.FromContext(ctx).Error("recovered a panic in the "+where, args...)
}

// internalError is the answer to a query that panicked: a plugin error
// (status 500) whose message names only the query type.
func internalError(what string) backend.DataResponse {
	return backend.ErrDataResponseWithSource(backend.StatusInternal, backend.ErrorSourcePlugin,
		fmt.Sprintf("internal error in the %s; see the plugin log", what))
}

// CheckHealth runs the health check (health.go), answering a panic with an
// unhealthy result instead of a failed call that carries the panic value.
func (d *Datasource) CheckHealth(ctx context.Context, req *backend.CheckHealthRequest) (res *backend.CheckHealthResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			d.logPanic(ctx, "health check", p)
			res, err = &backend.CheckHealthResult{Status: backend.HealthStatusError,
				Message: "internal error in the health check; see the plugin log"}, nil
		}
	}()
	return d.checkHealth(ctx, req)
}

// CallResource serves the editor's and variables' lookups (see
// resources.go) within the datasource timeout (deadline.go), answering a
// panic with a 500 and a fixed message.
func (d *Datasource) CallResource(ctx context.Context, req *backend.CallResourceRequest, sender backend.CallResourceResponseSender) (err error) {
	ctx, cancel := d.withTimeout(ctx, "resource call")
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			d.logPanic(ctx, "resource call", p, "path", req.Path)
			err = sender.Send(&backend.CallResourceResponse{Status: 500,
				Headers: map[string][]string{"Content-Type": {"application/json"}},
				Body:    []byte(`{"message":"internal error in the resource call; see the plugin log"}`)})
		}
	}()
	return d.resources.CallResource(ctx, req, sender)
}
