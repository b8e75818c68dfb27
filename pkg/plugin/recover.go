package plugin

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// Panic containment. The SDK's gRPC server recovers a panic in the
// goroutine that runs a handler (QueryData, CheckHealth, CallResource: the
// recovery interceptors of grpc-ecosystem/go-grpc-middleware that
// backend.Manage installs, see grafana-plugin-sdk-go backend/serve.go), but
// it fails the whole request and puts the panic value in the error Grafana
// receives; a panic in a goroutine the plugin starts is recovered by nobody
// and ends the process, and with it every datasource instance of this type.
// So fanOut recovers in its goroutines and hands the panic to the caller,
// each query recovers its own (one query's bug fails that query only), and
// CheckHealth and CallResource recover theirs. The panic value and stack go
// to the plugin log; the user sees a fixed message, since the value may
// carry data.

// workerPanic is a panic recovered in one goroutine and raised again in
// another, with the stack of the goroutine where it happened.
type workerPanic struct {
	value any
	stack []byte
}

// caught wraps a recovered value with the current stack (in a deferred
// recover, the stack of the panic), keeping the original of a panic
// already carried from another goroutine.
func caught(p any) *workerPanic {
	if wp, ok := p.(*workerPanic); ok {
		return wp
	}
	return &workerPanic{value: p, stack: debug.Stack()}
}

// logPanic writes a recovered panic and its stack to the plugin log, which
// Grafana collects; secrets the settings know are redacted from the value.
func (d *Datasource) logPanic(ctx context.Context, where string, p any, args ...any) {
	wp := caught(p)
	args = append(args, "panic", d.settings.Redact(fmt.Sprint(wp.value)), "stack", string(wp.stack))
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
