//go:build benchposture

package snapshot

import (
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// The heap profile hook of EnvBenchHeapProfile: the heap in use is sampled
// every 20 ms.
func init() {
	path := os.Getenv(EnvBenchHeapProfile)
	if path == "" {
		return
	}
	// Terraform starts several provider processes: one file set each.
	path += "." + itoa(uint64(os.Getpid()))
	runtime.MemProfileRate = 64 << 10
	go func() {
		var best uint64
		var ms runtime.MemStats
		series, _ := os.Create(path + ".series")
		start := time.Now()
		for i := 0; ; i++ {
			time.Sleep(20 * time.Millisecond)
			runtime.ReadMemStats(&ms)
			if series != nil && i%5 == 0 {
				_, _ = series.WriteString(itoa(uint64(time.Since(start).Milliseconds())) + "ms inuse=" + itoa(ms.HeapInuse>>20) + " alloc=" + itoa(ms.HeapAlloc>>20) + " nextgc=" + itoa(ms.NextGC>>20) + " numgc=" + itoa(uint64(ms.NumGC)) + " sys=" + itoa(ms.Sys>>20) + "\n")
			}
			if ms.HeapInuse < best+(4<<20) {
				continue
			}
			best = ms.HeapInuse
			f, err := os.Create(path + ".tmp")
			if err != nil {
				return
			}
			// debug=0 with the in-use sample of the last GC cycle plus what
			// was allocated since: pprof's inuse_space is as of the last GC,
			// so alloc_space deltas are read alongside.
			_ = pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
			_ = os.Rename(path+".tmp", path)
			_ = os.WriteFile(path+".txt", []byte(time.Now().Format(time.RFC3339Nano)+" heapinuse="+itoa(ms.HeapInuse>>20)+"MiB sys="+itoa(ms.HeapSys>>20)+"MiB\n"), 0o644)
		}
	}()
}

func itoa(v uint64) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			return string(b[i:])
		}
	}
}
