package clidetect

import (
	"bytes"
	"os"
	"strconv"
)

// parentArgs returns the argv of process pid from /proc (NUL-separated, so
// arguments with blanks stay whole), or nil when it cannot be read.
func parentArgs(pid int) []string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if err != nil || len(b) == 0 {
		return nil
	}
	return splitNUL(bytes.TrimRight(b, "\x00"))
}
