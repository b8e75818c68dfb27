package dashboards

import "syscall"

// setDeathSignal kills the stack if the test binary dies without stopping it.
func setDeathSignal(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
