package fanout

import (
	"strings"
	"sync/atomic"
	"testing"
)

func TestRunRaisesACallsPanicInTheCallerOnceEveryCallHasReturned(t *testing.T) {
	const value = "token=s3cr3t service=payments"
	var ran atomic.Int32
	got := func() (p any) {
		defer func() { p = recover() }()
		Run(8, func(i int) {
			if i == 3 {
				panic(value)
			}
			ran.Add(1)
		})
		return nil
	}()
	wp, ok := got.(*Panic)
	if !ok {
		t.Fatalf("recovered %#v, want a *Panic", got)
	}
	if wp.Value != value || !strings.Contains(string(wp.Stack), "fanout_test.go") {
		t.Errorf("value %v, stack without the panic site:\n%s", wp.Value, wp.Stack)
	}
	if n := ran.Load(); n != 7 {
		t.Errorf("%d sibling calls ran, want 7", n)
	}
}
