// Package procwatch measures the processes running one binary (the provider
// under test) from /proc: peak resident set and CPU time. The benchmarks use
// it to measure the provider apart from the CLI that starts it. Linux only;
// elsewhere it sees nothing.
package procwatch

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// clockTicks is USER_HZ, the unit of utime/stime in /proc/<pid>/stat. It is
// 100 on every Linux this runs on (the kernel ABI fixes it for userspace).
const clockTicks = 100

// Watcher polls /proc for processes running one binary (the provider under
// test) and records, per process, the highest VmHWM (peak resident set) and the
// last CPU time seen. Terraform starts the provider more than once per command;
// VmHWM is a high-water mark, so polling only needs to see each process once.
// The CPU of a process is its last sample, so up to one poll interval of CPU at
// its very end can be missed; the whole-tree CPU (from wait4) has no such gap.
type Watcher struct {
	binary string
	stop   chan struct{}
	done   chan struct{}

	mu   sync.Mutex
	peak map[int]int64         // pid -> VmHWM in KiB
	cpu  map[int]time.Duration // pid -> utime+stime at the last sample
}

// Watch starts polling for processes running binary (an absolute path, as
// /proc/<pid>/exe shows it) every 20 ms until Stop.
func Watch(binary string) *Watcher {
	w := &Watcher{binary: binary, stop: make(chan struct{}), done: make(chan struct{}),
		peak: map[int]int64{}, cpu: map[int]time.Duration{}}
	go func() {
		defer close(w.done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			w.scan()
			select {
			case <-w.stop:
				return
			case <-t.C:
			}
		}
	}()
	return w
}

func (w *Watcher) scan() {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe"))
		if err != nil || strings.TrimSuffix(exe, " (deleted)") != w.binary {
			continue
		}
		kb := vmHWM(pid)
		cpu, ok := procCPU(pid)
		w.mu.Lock()
		if kb > 0 {
			w.peak[pid] = max(w.peak[pid], kb)
		}
		if ok {
			w.cpu[pid] = max(w.cpu[pid], cpu)
		}
		w.mu.Unlock()
	}
}

// Stats is what the watcher saw of the processes of one command.
type Stats struct {
	Procs   int
	PeakRSS int64         // bytes, largest VmHWM of any process
	CPU     time.Duration // summed over the processes (sampled)
}

// Stop ends polling and returns what was seen.
func (w *Watcher) Stop() Stats {
	close(w.stop)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	var s Stats
	s.Procs = len(w.peak)
	for _, kb := range w.peak {
		s.PeakRSS = max(s.PeakRSS, kb*1024)
	}
	for _, c := range w.cpu {
		s.CPU += c
	}
	return s
}

func vmHWM(pid int) int64 {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// procCPU is utime+stime of one process from /proc/<pid>/stat.
func procCPU(pid int) (time.Duration, bool) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, false
	}
	// The command name (field 2) is in parentheses and may hold spaces; the
	// fields after the last ')' start at field 3 (state).
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, false
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64) // field 14
	st, err2 := strconv.ParseInt(f[12], 10, 64) // field 15
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(ut+st) * time.Second / clockTicks, true
}
