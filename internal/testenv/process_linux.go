package testenv

import (
	"os/exec"
	"syscall"
)

// SetDeathSignal kills cmd's process when the test binary dies without
// running its cleanups (a panic, a -timeout), so no server outlives the run.
// It keeps the rest of cmd.SysProcAttr (a process group, say).
func SetDeathSignal(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
}
