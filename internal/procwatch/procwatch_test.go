package procwatch

import (
	"os"
	"runtime"
	"testing"
	"time"
)

// The watcher sees the test binary itself: one process, a resident set and
// some CPU.
func TestWatchSeesItsOwnBinary(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	w := Watch(exe)
	deadline := time.Now().Add(100 * time.Millisecond)
	for time.Now().Before(deadline) { // burn a little CPU to be seen
	}
	s := w.Stop()
	if s.Procs != 1 || s.PeakRSS <= 0 {
		t.Fatalf("want this process seen with a resident set, got %+v", s)
	}
}
