package clidetect

import (
	"os"
	"strings"
	"sync"
)

// Detector tells whether the running CLI command is a destroy. The provider
// receives one (production: FromProcess; tests: a fake).
type Detector interface {
	Destroying() bool
}

// Static is a Detector with a fixed answer, for tests and for callers that
// know the answer (Static(false) never downgrades a failure).
type Static bool

// Destroying returns the fixed answer.
func (s Static) Destroying() bool { return bool(s) }

// FromProcess returns a Detector that reads the command line of the parent
// process (the CLI that started the provider) and this process's environment
// (inherited from the CLI, so it holds the CLI's TF_CLI_ARGS variables). It
// reads them once, on the first call, and remembers the answer; each call of
// FromProcess has its own memory.
//
// When the command line cannot be read (an unsupported platform, a sandbox)
// the answer is false: failures are reported as errors, and
// `terraform destroy -refresh=false` remains the way out.
func FromProcess() Detector {
	return &processDetector{
		args: func() []string { return parentArgs(os.Getppid()) },
		env:  environ,
	}
}

type processDetector struct {
	args func() []string
	env  func() map[string]string

	once   sync.Once
	answer bool
}

func (d *processDetector) Destroying() bool {
	d.once.Do(func() {
		argv := d.args()
		if len(argv) < 2 {
			return // unreadable, or a bare program name
		}
		d.answer = IsDestroy(argv[1:], d.env())
	})
	return d.answer
}

// environ returns the TF_CLI_ARGS variables of this process's environment.
func environ() map[string]string {
	out := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, envCLIArgs) {
			out[k] = v
		}
	}
	return out
}
