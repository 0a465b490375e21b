package snapshot

import (
	"os"
	"strings"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// EnvBenchDisableSnapshot names the benchmarking switch that turns the shared
// snapshot off: with it set to 1 (or true) the provider reads the way a naive
// implementation would, each check fetching every collection it needs for
// itself, one request at a time. It exists so cmd/benchposture can measure the
// gain of the shared, parallel snapshot side by side in the same run; it only
// makes plans slower and is not a user setting.
const EnvBenchDisableSnapshot = "OPENAI_POSTURE_BENCH_DISABLE_SNAPSHOT"

// Options tune a Loader. The zero value is the production behaviour: a shared
// fetch-once cache and parallel reads.
type Options struct {
	// DisableCache makes every call fetch again: no memo of finished fetches
	// and no sharing of fetches in flight.
	DisableCache bool
	// Sequential makes PostureSnapshot read one collection at a time, and the
	// per-project and per-GPT reads one at a time.
	Sequential bool
	// VerdictCache, when set, keeps DLP content verdicts across plans
	// (verdict_cache.go): a file already judged is not downloaded again.
	VerdictCache VerdictCache
}

// NewWithOptions returns a Loader reading through client, tuned by opts.
func NewWithOptions(client *openai.Client, opts Options) *Loader {
	l := New(client)
	l.opts = opts
	return l
}

// OptionsFromEnv returns the options the benchmarking switch
// (EnvBenchDisableSnapshot) selects: the zero Options unless it is 1 or true,
// then no cache and sequential reads.
func OptionsFromEnv() Options {
	switch strings.ToLower(strings.TrimSpace(os.Getenv(EnvBenchDisableSnapshot))) {
	case "1", "true":
		return Options{DisableCache: true, Sequential: true}
	}
	return Options{}
}

// limit is the errgroup limit for n parallel reads: 1 when Sequential, else
// n (a negative n means no limit).
func (l *Loader) limit(n int) int {
	if l.opts.Sequential {
		return 1
	}
	return n
}
