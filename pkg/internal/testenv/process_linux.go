package testenv

import (
	"os/exec"
	"syscall"
)

// setDeathSignal kills the server when the test binary dies without running
// its cleanups (a panic, a -timeout), so no server outlives the run.
func setDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
