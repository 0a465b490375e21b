// Command benchposture measures what a posture plan costs on large orgs: it
// generates orgs of several sizes (openaisim.Generate), serves each from an
// in-process simulator with a per-request latency, runs a real `terraform plan`
// of the example baseline (every check) through the built provider, and prints,
// per size, the requests per endpoint against the floor computed from the
// fixture, the wall time against the latency floor, the provider's peak RSS and
// the state size. The same plan is run with the shared snapshot off (each check
// fetching for itself, sequentially) to measure the snapshot's gain, and once
// more against realistic per-endpoint rate limits (time-scaled) to compare the
// wall time with the rate-limit floor.
//
//	go run ./cmd/benchposture -terraform .tools/bin/terraform-1.5.7
//
// See BENCHMARKS.md for the measured tables and how to read them.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
	"github.com/openai-posture/terraform-provider-openai/internal/procwatch"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

type options struct {
	root, terraform, baseline string
	exclude                   string
	sizes, compareSizes       []float64
	latency                   time.Duration
	rateSize, timeScale       float64
	rateLimited, apply, keep  bool
	floorsOnly                bool
	heapProfile               string
	parallelism               int
}

func main() {
	var o options
	var sizes, compare string
	flag.StringVar(&o.root, "root", ".", "repository root (holds go.mod and examples/demo/main.tf)")
	flag.StringVar(&o.terraform, "terraform", ".tools/bin/terraform-1.5.7", "Terraform binary (built by `make tools`)")
	flag.StringVar(&o.baseline, "baseline", "examples/demo/main.tf", "baseline configuration to plan (relative to -root)")
	flag.StringVar(&o.exclude, "exclude", defaultExcluded, "comma-separated checks whose blocks are left out of the baseline (the opt-in file content checks by default: paced at 100 downloads a minute by design); \"\" keeps every block")
	flag.StringVar(&sizes, "sizes", "1,4,16", "org sizes as multiples of the base size (1/16 of the issue's target)")
	flag.StringVar(&compare, "compare-sizes", "1", "sizes at which to also plan with the shared snapshot off (sequential, no cache); empty for none")
	flag.DurationVar(&o.latency, "latency", 20*time.Millisecond, "simulated latency of every request")
	flag.BoolVar(&o.rateLimited, "rate-limited", true, "also plan against realistic per-endpoint rate limits")
	flag.Float64Var(&o.rateSize, "rate-limited-size", 0.25, "org size of the rate-limited run (multiple of the base size)")
	flag.Float64Var(&o.timeScale, "time-scale", 5, "rate-limit refill speed-up of the rate-limited run (5 makes the client's burst, a fifth of its per-minute rate, equal the simulator's bucket)")
	flag.BoolVar(&o.apply, "apply", true, "apply the saved plan to measure the state file size")
	flag.IntVar(&o.parallelism, "parallelism", 10, "terraform -parallelism")
	flag.BoolVar(&o.keep, "keep", false, "keep the work directory")
	flag.StringVar(&o.heapProfile, "heap-profile", "", "file where the provider writes a heap profile at each new heap maximum (the last one is at the peak); several provider processes overwrite each other's")
	flag.BoolVar(&o.floorsOnly, "floors-only", false, "print each size's request floor and real-time floor per check, without running Terraform")
	flag.Parse()
	var err error
	if o.sizes, err = parseSizes(sizes); err == nil {
		o.compareSizes, err = parseSizes(compare)
	}
	if err == nil {
		err = run(o)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchposture:", err)
		os.Exit(1)
	}
}

func parseSizes(s string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		v, err := strconv.ParseFloat(f, 64)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("bad size %q", f)
		}
		out = append(out, v)
	}
	return out, nil
}

// env is the work area shared by every run.
type env struct {
	o        options
	work     string
	provider string // the built provider binary (what the RSS watcher looks for)
	cliCfg   string
	rules    []posture.Rule
	tfSrc    []byte
}

func run(o options) error {
	root, err := filepath.Abs(o.root)
	if err != nil {
		return err
	}
	o.root = root
	if !filepath.IsAbs(o.terraform) {
		o.terraform = filepath.Join(root, o.terraform)
	}
	if _, err := os.Stat(o.terraform); err != nil {
		return fmt.Errorf("terraform binary: %w (run `make tools` or pass -terraform)", err)
	}
	e := &env{o: o}
	if o.floorsOnly {
		return floorsOnly(o)
	}
	if e.work, err = os.MkdirTemp("", "benchposture-"); err != nil {
		return err
	}
	if o.keep {
		fmt.Fprintln(os.Stderr, "work directory:", e.work)
	} else {
		defer os.RemoveAll(e.work)
	}
	baseline := filepath.Join(root, o.baseline)
	if e.tfSrc, e.rules, err = loadBaseline(baseline, o.exclude); err != nil {
		return err
	}
	plugins := filepath.Join(e.work, "plugins")
	e.provider = filepath.Join(plugins, "terraform-provider-openai")
	fmt.Fprintln(os.Stderr, "==> building the provider")
	// -tags benchposture: the snapshot switch of the comparison run and the
	// heap profile hook (-heap-profile) exist only in such a build.
	build := exec.Command("go", "build", "-trimpath", "-tags", "benchposture", "-o", e.provider, ".")
	build.Dir, build.Stdout, build.Stderr = root, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	e.cliCfg = filepath.Join(e.work, "terraformrc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"registry.terraform.io/openai-posture/openai\" = %q\n  }\n  direct {}\n}\n", plugins)
	if err := os.WriteFile(e.cliCfg, []byte(rc), 0o644); err != nil {
		return err
	}

	tfVersion, _ := exec.Command(o.terraform, "version").Output()
	fmt.Printf("# benchposture\n\n%s, %s; %d checks (%s); latency %s per request; terraform -parallelism=%d; snapshot fan-out %d.\n\n",
		firstLine(string(tfVersion)), hostInfo(), len(e.rules), o.baseline, o.latency, o.parallelism, fanOut)

	var rows []summaryRow
	for _, size := range o.sizes {
		r, err := e.sizeRun(size, contains(o.compareSizes, size))
		if err != nil {
			return fmt.Errorf("size %gx: %w", size, err)
		}
		rows = append(rows, r)
	}
	printSummary(rows, o)
	for _, size := range o.compareSizes {
		if !contains(o.sizes, size) {
			if _, err := e.sizeRun(size, true); err != nil {
				return fmt.Errorf("size %gx: %w", size, err)
			}
		}
	}
	if o.rateLimited {
		if err := e.rateLimitedRun(); err != nil {
			return fmt.Errorf("rate-limited run: %w", err)
		}
	}
	return nil
}

func contains(xs []float64, x float64) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// planResult is one terraform plan (and optional apply).
type planResult struct {
	wall      time.Duration
	counts    map[string]int
	total     int
	peakRSS   int64
	cpu       time.Duration
	procs     int
	planBytes int64
	state     int64
	findings  int
	applyReqs int
	applyWall time.Duration
	output    string
}

// plan runs terraform plan (and apply) of the baseline in a fresh directory against
// sim, with extra environment variables for the provider.
func (e *env) plan(sim *openaisim.Server, name string, extraEnv []string, apply bool) (planResult, error) {
	dir := filepath.Join(e.work, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return planResult{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), e.tfSrc, 0o644); err != nil {
		return planResult{}, err
	}
	environ := append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+e.cliCfg, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_LOG=",
		"OPENAI_ADMIN_KEY="+openaisim.AdminKey, "OPENAI_COMPLIANCE_API_KEY="+openaisim.ComplianceKey,
		"OPENAI_WORKSPACE_ID="+sim.WorkspaceID(),
		"OPENAI_ADMIN_BASE_URL="+sim.AdminBaseURL(), "OPENAI_COMPLIANCE_BASE_URL="+sim.ComplianceBaseURL(),
		"OPENAI_ADMIN_REQUESTS_PER_MINUTE=0", "OPENAI_COMPLIANCE_REQUESTS_PER_MINUTE=0",
		snapshot.EnvBenchDisableSnapshot+"=",
		snapshot.EnvBenchHeapProfile+"="+e.o.heapProfile,
	)
	environ = append(environ, extraEnv...) // later entries win
	tf := func(args ...string) (string, time.Duration, error) {
		cmd := exec.Command(e.o.terraform, args...)
		cmd.Dir, cmd.Env = dir, environ
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		_ = os.WriteFile(filepath.Join(dir, args[0]+".log"), out.Bytes(), 0o644)
		if err != nil {
			return out.String(), wall, fmt.Errorf("terraform %s: %w\n%s", args[0], err, tail(out.String(), 40))
		}
		return out.String(), wall, nil
	}

	var r planResult
	sim.ResetCounts()
	w := procwatch.Watch(e.provider)
	out, wall, err := tf("plan", "-input=false", "-no-color", "-lock=false", "-parallelism="+strconv.Itoa(e.o.parallelism),
		"-var", "enforcement=warn", "-out=plan.tfplan")
	ps := w.Stop()
	r.peakRSS, r.procs, r.cpu = ps.PeakRSS, ps.Procs, ps.CPU
	r.wall, r.output = wall, out
	r.counts = sim.RequestCounts()
	for _, n := range r.counts {
		r.total += n
	}
	if err != nil {
		return r, err
	}
	if fi, err := os.Stat(filepath.Join(dir, "plan.tfplan")); err == nil {
		r.planBytes = fi.Size()
	}
	if apply {
		sim.ResetCounts()
		_, aw, err := tf("apply", "-input=false", "-no-color", "-lock=false", "-parallelism="+strconv.Itoa(e.o.parallelism), "plan.tfplan")
		if err != nil {
			return r, err
		}
		r.applyWall = aw
		for _, n := range sim.RequestCounts() {
			r.applyReqs += n
		}
		if fi, err := os.Stat(filepath.Join(dir, "terraform.tfstate")); err == nil {
			r.state = fi.Size()
		}
		if b, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate")); err == nil {
			r.findings = bytes.Count(b, []byte(`"fingerprint":`))
		}
	}
	return r, nil
}

type summaryRow struct {
	size                 float64
	p                    openaisim.GenParams
	wall, latFloor       time.Duration
	requests, floorTotal int
	rss                  int64
	state                int64
	findings             int
	gen                  time.Duration
}

func describe(p openaisim.GenParams) string {
	return fmt.Sprintf("%s org users, %s workspace users, %s GPTs, %s projects x %d keys, %s invites, %s audit events, %s conversations",
		n(p.OrgUsers), n(p.WorkspaceUsers), n(p.GPTs), n(p.Projects), p.KeysPerProject, n(p.Invites), n(p.AuditEvents), n(p.Conversations))
}

func (e *env) sizeRun(size float64, compare bool) (summaryRow, error) {
	p := openaisim.BaseGenParams().Scaled(size)
	fmt.Fprintf(os.Stderr, "==> %gx: generating %s\n", size, describe(p))
	t0 := time.Now()
	fx := openaisim.Generate(p)
	sim, err := openaisim.New(fx, openaisim.WithLatency(e.o.latency))
	if err != nil {
		return summaryRow{}, err
	}
	defer sim.Close()
	gen := time.Since(t0)
	fl := computeFloor(fx, e.rules, sim.Now())
	latFloor := time.Duration(fl.chain) * e.o.latency

	fmt.Fprintf(os.Stderr, "==> %gx: terraform plan (shared snapshot)\n", size)
	r, err := e.plan(sim, fmt.Sprintf("size-%g", size), nil, e.o.apply)
	if err != nil {
		return summaryRow{}, err
	}
	var seq planResult
	if compare {
		fmt.Fprintf(os.Stderr, "==> %gx: terraform plan (no shared snapshot, sequential)\n", size)
		if seq, err = e.plan(sim, fmt.Sprintf("size-%g-nosnapshot", size), []string{snapshot.EnvBenchDisableSnapshot + "=1"}, false); err != nil {
			return summaryRow{}, err
		}
	}

	fmt.Printf("## %gx: %s\n\n", size, describe(p))
	fmt.Printf("| endpoint | requests | floor | requests / floor |\n|---|--:|--:|--:|\n")
	keys := map[string]bool{}
	for k := range r.counts {
		keys[k] = true
	}
	for k := range fl.perEndpoint {
		keys[k] = true
	}
	var sorted []string
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		fmt.Printf("| `%s` | %s | %s | %s |\n", shortKey(k), n(r.counts[k]), n(fl.perEndpoint[k]), ratio(r.counts[k], fl.perEndpoint[k]))
	}
	fmt.Printf("| **total** | **%s** | **%s** | **%s** |\n\n", n(r.total), n(fl.total), ratio(r.total, fl.total))
	fmt.Printf("| measure | value |\n|---|---|\n")
	fmt.Printf("| wall time of `terraform plan` | %s |\n", secs(r.wall))
	fmt.Printf("| latency floor | %s round trips x %s = %s (longest chain: `%s`) |\n", n(fl.chain), e.o.latency, secs(latFloor), shortKey(fl.chainName))
	fmt.Printf("| wall / latency floor | %.2f |\n", r.wall.Seconds()/latFloor.Seconds())
	fmt.Printf("| provider peak RSS (VmHWM, max over %d provider processes) | %s |\n", r.procs, mib(r.peakRSS))
	fmt.Printf("| provider CPU (user+system, all provider processes of the plan) | %.1f s |\n", r.cpu.Seconds())
	if e.o.apply {
		fmt.Printf("| state file after applying the plan | %s (%s findings recorded; apply: %s, %s requests as Terraform plans again) |\n",
			mib(r.state), n(r.findings), secs(r.applyWall), n(r.applyReqs))
	}
	fmt.Printf("| saved plan file | %s |\n", mib(r.planBytes))
	fmt.Printf("| fixture generation + simulator start | %s |\n", secs(gen))
	if compare {
		fmt.Printf("| **no shared snapshot, sequential**: wall | %s (%.1fx the shared snapshot's) |\n", secs(seq.wall), seq.wall.Seconds()/r.wall.Seconds())
		fmt.Printf("| **no shared snapshot, sequential**: requests | %s (%.1fx; %.1fx the floor) |\n", n(seq.total), float64(seq.total)/float64(r.total), float64(seq.total)/float64(fl.total))
		fmt.Printf("| **no shared snapshot, sequential**: peak RSS | %s |\n", mib(seq.peakRSS))
	}
	fmt.Println()
	printPerCheck(fx, e.rules, sim.Now())
	return summaryRow{size: size, p: p, wall: r.wall, latFloor: latFloor, requests: r.total, floorTotal: fl.total,
		rss: r.peakRSS, state: r.state, findings: r.findings, gen: gen}, nil
}

func printSummary(rows []summaryRow, o options) {
	fmt.Printf("## Growth with the org (latency %s)\n\n", o.latency)
	fmt.Printf("| size | org users | GPTs | projects | wall | requests / floor | wall / latency floor | peak RSS | RSS per 1x | state | findings |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, r := range rows {
		fmt.Printf("| %gx | %s | %s | %s | %s | %s | %.2f | %s | %s | %s | %s |\n", r.size, n(r.p.OrgUsers), n(r.p.GPTs), n(r.p.Projects),
			secs(r.wall), ratio(r.requests, r.floorTotal), r.wall.Seconds()/r.latFloor.Seconds(), mib(r.rss), mib(int64(float64(r.rss)/r.size)), mib(r.state), n(r.findings))
	}
	fmt.Println()
}

// rateLimitedRun plans against RealisticRateLimits (time-scaled), with the
// provider pacing each endpoint at the simulator's scaled limit.
func (e *env) rateLimitedRun() error {
	size, scale := e.o.rateSize, e.o.timeScale
	p := openaisim.BaseGenParams().Scaled(size)
	fmt.Fprintf(os.Stderr, "==> rate-limited %gx (time scale %g): generating %s\n", size, scale, describe(p))
	fx := openaisim.Generate(p)
	sim, err := openaisim.New(fx, openaisim.WithLatency(e.o.latency), openaisim.WithRealisticRateLimits(), openaisim.WithTimeScale(scale))
	if err != nil {
		return err
	}
	defer sim.Close()
	fl := computeFloor(fx, e.rules, sim.Now())
	limits := openaisim.RealisticRateLimits()
	rf, rfName := rateFloor(fl, limits, scale)
	latFloor := time.Duration(fl.chain) * e.o.latency
	floorWall := max(rf, latFloor)
	// The provider paces each endpoint at the simulator's limit in scaled time: the
	// defaults (admin 10/min, compliance 50/min) times the scale.
	extra := []string{
		fmt.Sprintf("OPENAI_ADMIN_REQUESTS_PER_MINUTE=%g", 10*scale),
		fmt.Sprintf("OPENAI_COMPLIANCE_REQUESTS_PER_MINUTE=%g", 50*scale),
	}
	fmt.Fprintf(os.Stderr, "==> rate-limited %gx: terraform plan (rate-limit floor %s)\n", size, secs(rf))
	r, err := e.plan(sim, fmt.Sprintf("ratelimited-%g", size), extra, false)
	failed := err != nil
	// An error the client gives up on reads "HTTP 429 Too Many Requests"; the
	// simulator's message is "Rate limit reached for ...".
	rateLimitedMsgs := strings.Count(r.output, "HTTP 429") + strings.Count(r.output, "Too Many Requests") + strings.Count(r.output, "Rate limit reached")
	fmt.Printf("## Rate-limited: %gx (%s)\n\n", size, describe(p))
	fmt.Printf("Simulator: `RealisticRateLimits` (admin 10/min per endpoint, compliance lists 50/min, get-one 100/min; token buckets full at start) refilled %gx faster (`WithTimeScale(%g)`), latency %s. Provider: `OPENAI_ADMIN_REQUESTS_PER_MINUTE=%g`, `OPENAI_COMPLIANCE_REQUESTS_PER_MINUTE=%g` (the defaults times the scale).\n\n",
		scale, scale, e.o.latency, 10*scale, 50*scale)
	fmt.Printf("| measure | value |\n|---|---|\n")
	fmt.Printf("| plan result | %s |\n", map[bool]string{false: "success (exit 0)", true: "FAILED: " + firstLine(fmt.Sprint(err))}[failed])
	fmt.Printf("| 429 / rate-limit messages reaching the user | %d |\n", rateLimitedMsgs)
	fmt.Printf("| requests (429s included) / floor | %s / %s = %s (%d answered 429 and were retried after Retry-After-Ms) |\n", n(r.total), n(fl.total), ratio(r.total, fl.total), r.total-fl.total)
	fmt.Printf("| wall time | %s |\n", secs(r.wall))
	fmt.Printf("| rate-limit floor | %s (`%s`: %s requests, bucket %d, refill %g/min) |\n", secs(rf), shortKey(rfName), n(fl.perEndpoint[rfName]), limits[rfName], float64(limits[rfName])*scale)
	fmt.Printf("| wall / rate-limit floor | %.2f |\n", r.wall.Seconds()/floorWall.Seconds())
	fmt.Printf("| same floor in real time (scale 1) | %s |\n", (time.Duration(float64(rf) * scale)).Round(time.Second))
	fmt.Printf("| provider peak RSS | %s |\n\n", mib(r.peakRSS))
	if failed {
		return errors.New("the rate-limited plan failed")
	}
	return nil
}

func n(v int) string {
	s := strconv.Itoa(v)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func ratio(a, b int) string {
	if b == 0 {
		if a == 0 {
			return "-"
		}
		return "n/a"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}

func secs(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

func tail(s string, lines int) string {
	l := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(l) > lines {
		l = l[len(l)-lines:]
	}
	return strings.Join(l, "\n")
}

func hostInfo() string {
	cpus := 0
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		cpus = bytes.Count(b, []byte("processor\t:"))
	}
	return fmt.Sprintf("%d CPUs", cpus)
}

// floorsOnly prints, per size, the per-check request and real-time floors
// of the baseline (no Terraform, no provider build).
func floorsOnly(o options) error {
	_, rules, err := loadBaseline(filepath.Join(o.root, o.baseline), o.exclude)
	if err != nil {
		return err
	}
	fmt.Printf("# benchposture -floors-only\n\n%d checks (%s).\n\n", len(rules), o.baseline)
	for _, size := range o.sizes {
		p := openaisim.BaseGenParams().Scaled(size)
		fmt.Printf("## %gx: %s\n\n", size, describe(p))
		printPerCheck(openaisim.Generate(p), rules, time.Now())
	}
	return nil
}
