package snapshot

// EnvBenchHeapProfile names a file: a provider built with -tags benchposture
// writes a heap profile there each time its heap in use reaches a new
// maximum (heapprof_bench.go), so the last profile written is the one at the
// plan's peak. Release builds never read it.
const EnvBenchHeapProfile = "OPENAI_POSTURE_BENCH_HEAP_PROFILE"
