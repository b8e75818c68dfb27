//go:build !unix

package detect

import "time"

// cpuTime is not measured on this platform; cpu-ns/point reads 0.
func cpuTime() time.Duration { return 0 }
