package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rssWatcher polls /proc for processes running the provider binary and records
// the highest VmHWM (peak resident set) any of them reached. Terraform starts the
// provider as a child (more than once per command); VmHWM is a high-water mark, so
// polling only needs to see each process once before it exits.
type rssWatcher struct {
	binary string
	stop   chan struct{}
	done   chan struct{}

	mu    sync.Mutex
	peak  map[int]int64 // pid -> VmHWM in KiB
	cpu   map[int]int64 // pid -> user+system CPU in clock ticks, as last seen
	procs int
}

func watchRSS(binary string) *rssWatcher {
	w := &rssWatcher{binary: binary, stop: make(chan struct{}), done: make(chan struct{}), peak: map[int]int64{}, cpu: map[int]int64{}}
	go func() {
		defer close(w.done)
		t := time.NewTicker(50 * time.Millisecond)
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

func (w *rssWatcher) scan() {
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
		if kb := vmHWM(pid); kb > 0 {
			w.mu.Lock()
			if _, seen := w.peak[pid]; !seen {
				w.procs++
			}
			w.peak[pid] = max(w.peak[pid], kb)
			if t := cpuTicks(pid); t > 0 {
				w.cpu[pid] = max(w.cpu[pid], t)
			}
			w.mu.Unlock()
		}
	}
}

// Stop ends polling and returns the peak VmHWM in bytes over every provider
// process seen, and how many processes were seen.
func (w *rssWatcher) Stop() (int64, int) {
	close(w.stop)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	var top int64
	for _, kb := range w.peak {
		top = max(top, kb)
	}
	return top * 1024, w.procs
}

// CPU returns the user+system CPU time of every provider process seen, as
// last polled (a process's last 50 ms before it exits may be missed).
func (w *rssWatcher) CPU() time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	var ticks int64
	for _, t := range w.cpu {
		ticks += t
	}
	return time.Duration(ticks) * time.Second / clockTicksPerSecond
}

// clockTicksPerSecond is USER_HZ, the unit of /proc/<pid>/stat times: 100 on
// every Linux architecture Go supports.
const clockTicksPerSecond = 100

// cpuTicks is utime+stime of pid (fields 14 and 15 of /proc/<pid>/stat,
// counted after the parenthesised command name, which may hold spaces).
func cpuTicks(pid int) int64 {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:]) // f[0] is field 3 (state)
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return u + st
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
