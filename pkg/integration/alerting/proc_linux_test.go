package alerting

import (
	"os/exec"
	"syscall"
)

// setDeathSignal kills the child if the test binary dies without stopping it.
func setDeathSignal(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
}
