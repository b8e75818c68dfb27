package testenv

import (
	"errors"
	"strings"
	"testing"
)

func TestStartServerRetriesOnceWhenThePortWasTaken(t *testing.T) {
	sh := "/bin/sh"
	calls := 0
	p, err := startServer(func(port int) (*process, error) {
		calls++
		script := "echo 'listen tcp 127.0.0.1: bind: address already in use' >&2; exit 1"
		if calls == 2 {
			script = "exec sleep 30"
		}
		p, err := startProcess(t.TempDir(), sh, "-c", script)
		if err != nil {
			return nil, err
		}
		if calls == 1 {
			<-p.done
			return p, errors.New("not ready")
		}
		return p, nil
	})
	if err != nil || calls != 2 {
		t.Fatalf("err %v after %d attempts, want success on the second", err, calls)
	}
	p.stop()
	if !p.exited() {
		t.Error("stop left the process running")
	}
}

func TestStartServerGivesUpOnOtherFailures(t *testing.T) {
	calls := 0
	_, err := startServer(func(port int) (*process, error) {
		calls++
		p, err := startProcess(t.TempDir(), "/bin/sh", "-c", "echo 'bad flag' >&2; exit 2")
		if err != nil {
			return nil, err
		}
		return p, p.waitReady("http://127.0.0.1:1/never")
	})
	if err == nil || calls != 1 || !strings.Contains(err.Error(), "bad flag") {
		t.Errorf("err %v after %d attempts, want one attempt and the log in the error", err, calls)
	}
}
