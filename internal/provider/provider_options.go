package provider

import (
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/clidetect"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// Options are what the provider takes from its surroundings rather than from
// its configuration. main passes the production values; tests inject fakes.
type Options struct {
	// Destroy tells whether the CLI command that started the provider is a
	// destroy (then posture failures are warnings, so that the refresh plan
	// before a destroy cannot block it). nil means never: no failure is ever
	// downgraded.
	Destroy clidetect.Detector
	// Now is the clock; nil means time.Now. Checks judge as of the start of
	// its UTC day (asOfDay).
	Now func() time.Time
	// Snapshot tunes the snapshot loader. The zero value is the production
	// behaviour; only the benchmark build changes it (main_bench.go).
	Snapshot snapshot.Options
}

// runEnv is the part of Options every resource and data source needs; the
// provider hands it to them when it creates them, so they need no globals.
type runEnv struct {
	destroy clidetect.Detector
	now     func() time.Time
}

func (o Options) runEnv() runEnv {
	e := runEnv{destroy: o.Destroy, now: o.Now}
	if e.destroy == nil {
		e.destroy = clidetect.Static(false)
	}
	if e.now == nil {
		e.now = time.Now
	}
	return e
}

// asOfDay is the instant every posture judgement is made at (posture.AsOf
// owns the rule and says why), for validating waivers before evaluation.
func (e runEnv) asOfDay() time.Time {
	return posture.AsOf(e.now())
}
