//go:build !linux

package dashboards

import "syscall"

func setDeathSignal(*syscall.SysProcAttr) {}
