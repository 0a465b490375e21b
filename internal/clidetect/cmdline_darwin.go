package clidetect

import (
	"bytes"
	"encoding/binary"

	"golang.org/x/sys/unix"
)

// parentArgs returns the argv of process pid from sysctl kern.procargs2:
// argc (int32), the executable path, NUL padding, then argc NUL-terminated
// arguments. nil when it cannot be read. (ps would print the arguments
// joined by blanks, losing where one ends: not good enough to downgrade a
// failure on.)
func parentArgs(pid int) []string {
	b, err := unix.SysctlRaw("kern.procargs2", pid)
	if err != nil || len(b) < 4 {
		return nil
	}
	argc := int(binary.LittleEndian.Uint32(b[:4]))
	b = b[4:]
	end := bytes.IndexByte(b, 0) // executable path
	if end < 0 {
		return nil
	}
	b = bytes.TrimLeft(b[end:], "\x00")
	args := splitNUL(b)
	if argc < 1 || len(args) < argc {
		return nil
	}
	return args[:argc]
}
