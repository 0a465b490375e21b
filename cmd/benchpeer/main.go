// Command benchpeer runs this provider and a peer provider binary (the official
// openai/terraform-provider-openai, built from its public source) side by side
// on the same generated org, through the real Terraform CLI, and prints the
// ratios this / peer of wall time, CPU (whole process tree) and peak RSS
// (largest process of the tree).
//
//	go run ./cmd/benchpeer -terraform .tools/bin/terraform-1.5.7 -peer /work/peer/terraform-provider-openai
//
// The workload (-workload) is listing every item of one collection that both
// providers list: organization users (`data "openai_users"` here against
// `data "openai_organization_users"` there, 100,000 by default), invites
// (20,000) or projects (2,000), both 100 a page (cursor `after`), from one
// in-process simulator (internal/openaisim) that serves both. Runs alternate (this, peer,
// then peer, this, ...) so drift on a shared machine hits both alike; each
// figure is the median of -runs runs with the spread (min-max) shown.
//
// See BENCHMARKS.md ("Side by side with the official provider") for the
// measured table and how to build the peer.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/procwatch"
)

type options struct {
	root, terraform, peer string
	terraformReal         string // terraform with symlinks resolved, as /proc/<pid>/exe shows it
	workload              string
	size, runs, warmup    int
	latency               time.Duration
	thisEnv               multiFlag
	keep                  bool
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	var o options
	flag.StringVar(&o.root, "root", ".", "repository root (holds go.mod)")
	flag.StringVar(&o.terraform, "terraform", ".tools/bin/terraform-1.5.7", "Terraform binary (built by `make tools`)")
	flag.StringVar(&o.peer, "peer", "", "the peer provider binary (official openai/terraform-provider-openai built from source; see BENCHMARKS.md)")
	flag.StringVar(&o.workload, "workload", "users", "what both providers list: "+workloadNames())
	flag.IntVar(&o.size, "size", 0, "items in the generated collection (0: the workload's size in the 16x org: 100,000 users, 20,000 invites, 2,000 projects)")
	flag.IntVar(&o.runs, "runs", 3, "measured runs of each provider (median reported)")
	flag.IntVar(&o.warmup, "warmup", 0, "unmeasured runs of each provider first")
	flag.DurationVar(&o.latency, "latency", 0, "simulated latency of every request")
	flag.Var(&o.thisEnv, "this-env", "KEY=VALUE added to the environment of this provider's runs (repeatable); Terraform passes it on to the provider, and it reaches Terraform itself too (GOMEMLIMIT=320MiB also limits Terraform's own heap)")
	flag.BoolVar(&o.keep, "keep", false, "keep the work directory (configs and plan logs)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "benchpeer:", err)
		os.Exit(1)
	}
}

// contender is one provider under test.
type contender struct {
	name    string // "this" or "official"
	binary  string // the binary Terraform runs (in its own plugin directory)
	dir     string // Terraform working directory
	env     []string
	results []result
}

// result is one `terraform plan`.
type result struct {
	wall        time.Duration
	treeCPU     time.Duration // user+system of terraform and every reaped descendant (wait4)
	treeMaxRSS  int64         // bytes: largest RSS of any process in the tree (wait4 ru_maxrss)
	provCPU     time.Duration // provider processes only (sampled from /proc)
	provPeakRSS int64         // provider processes only (VmHWM)
	provProcs   int
	coreCPU     time.Duration // the terraform process itself (sampled from /proc)
	corePeakRSS int64         // the terraform process itself (VmHWM)
	requests    int
}

func run(o options) error {
	if o.peer == "" {
		return errors.New("-peer is required: the official provider binary (see BENCHMARKS.md for how to build it)")
	}
	w, ok := workloads[o.workload]
	if !ok {
		return fmt.Errorf("-workload %q: want one of %s", o.workload, workloadNames())
	}
	if o.size == 0 {
		o.size = w.defaultSize
	}
	if o.runs < 1 || o.size < 1 {
		return errors.New("-runs and -size must be at least 1")
	}
	root, err := filepath.Abs(o.root)
	if err != nil {
		return err
	}
	for _, p := range []*string{&o.terraform, &o.peer} {
		if !filepath.IsAbs(*p) {
			*p = filepath.Join(root, *p)
		}
		if _, err := os.Stat(*p); err != nil {
			return err
		}
	}
	if o.terraformReal, err = filepath.EvalSymlinks(o.terraform); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "benchpeer-")
	if err != nil {
		return err
	}
	if work, err = filepath.EvalSymlinks(work); err != nil {
		return err
	}
	if o.keep {
		fmt.Fprintln(os.Stderr, "work directory:", work)
	} else {
		defer os.RemoveAll(work)
	}

	// Each binary lives in its own plugin directory under its own path, so the
	// /proc watcher tells them apart and dev_overrides can point at each.
	this := &contender{name: "this", binary: filepath.Join(work, "plugins-this", "terraform-provider-openai")}
	peer := &contender{name: "official", binary: filepath.Join(work, "plugins-peer", "terraform-provider-openai")}
	fmt.Fprintln(os.Stderr, "==> building this provider")
	build := exec.Command("go", "build", "-trimpath", "-o", this.binary, ".")
	build.Dir, build.Stdout, build.Stderr = root, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	if err := copyFile(o.peer, peer.binary); err != nil {
		return fmt.Errorf("copying the peer: %w", err)
	}
	cliCfg := filepath.Join(work, "terraformrc")
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/openai-posture/openai" = %q
    "registry.terraform.io/openai/openai"         = %q
  }
  direct {}
}
`, filepath.Dir(this.binary), filepath.Dir(peer.binary))
	if err := os.WriteFile(cliCfg, []byte(rc), 0o644); err != nil {
		return err
	}

	fmt.Fprintf(os.Stderr, "==> generating an org with %d %s\n", o.size, w.name)
	sim, err := openaisim.New(openaisim.Generate(w.params(o.size)), openaisim.WithLatency(o.latency))
	if err != nil {
		return err
	}
	defer sim.Close()

	base := append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliCfg, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_LOG=",
		"OPENAI_ADMIN_KEY="+openaisim.AdminKey)
	this.env = append(append([]string(nil), base...),
		"OPENAI_ADMIN_BASE_URL="+sim.AdminBaseURL(), "OPENAI_ADMIN_REQUESTS_PER_MINUTE=0",
		"OPENAI_COMPLIANCE_API_KEY="+openaisim.ComplianceKey, "OPENAI_WORKSPACE_ID="+sim.WorkspaceID(),
		"OPENAI_COMPLIANCE_BASE_URL="+sim.ComplianceBaseURL(), "OPENAI_COMPLIANCE_REQUESTS_PER_MINUTE=0")
	this.env = append(this.env, o.thisEnv...)
	peer.env = append([]string(nil), base...)
	thisTF, peerTF := w.configs(sim.AdminBaseURL())
	for _, c := range []struct {
		c  *contender
		tf string
	}{{this, thisTF}, {peer, peerTF}} {
		c.c.dir = filepath.Join(work, c.c.name)
		if err := os.MkdirAll(c.c.dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(c.c.dir, "main.tf"), []byte(c.tf), 0o644); err != nil {
			return err
		}
	}

	tfVersion, _ := exec.Command(o.terraform, "version").Output()
	order := func(i int) []*contender {
		if i%2 == 0 {
			return []*contender{this, peer}
		}
		return []*contender{peer, this}
	}
	for i := 0; i < o.warmup; i++ {
		for _, c := range order(i) {
			fmt.Fprintf(os.Stderr, "==> warm-up %d: %s\n", i+1, c.name)
			if _, err := plan(o, c, sim, fmt.Sprintf("warmup-%d", i)); err != nil {
				return err
			}
		}
	}
	for i := 0; i < o.runs; i++ {
		for _, c := range order(i) {
			fmt.Fprintf(os.Stderr, "==> run %d/%d: %s\n", i+1, o.runs, c.name)
			r, err := plan(o, c, sim, fmt.Sprintf("run-%d", i))
			if err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "    wall %s, tree CPU %s, largest RSS %s, provider CPU %s, provider RSS %s, terraform CPU %s, terraform RSS %s, %d requests\n",
				secs(r.wall), secs(r.treeCPU), mib(r.treeMaxRSS), secs(r.provCPU), mib(r.provPeakRSS), secs(r.coreCPU), mib(r.corePeakRSS), r.requests)
			c.results = append(c.results, r)
		}
	}
	report(o, firstLine(string(tfVersion)), this, peer)
	return nil
}

// plan runs one `terraform plan` of c's configuration and measures it.
func plan(o options, c *contender, sim *openaisim.Server, label string) (result, error) {
	cmd := exec.Command(o.terraform, "plan", "-input=false", "-no-color", "-lock=false", "-refresh=true")
	cmd.Dir, cmd.Env = c.dir, c.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	sim.ResetCounts()
	w, core := procwatch.Watch(c.binary), procwatch.Watch(o.terraformReal)
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	ps, cs := w.Stop(), core.Stop()
	_ = os.WriteFile(filepath.Join(c.dir, label+".log"), out.Bytes(), 0o644)
	if err != nil {
		return result{}, fmt.Errorf("%s: terraform plan: %w\n%s", c.name, err, tail(out.String(), 30))
	}
	// The plan must have listed every item: a provider that stopped early
	// would look fast.
	if want := fmt.Sprintf("count = %d", o.size); !strings.Contains(out.String(), want) {
		return result{}, fmt.Errorf("%s: the plan output does not say %q:\n%s", c.name, want, tail(out.String(), 30))
	}
	r := result{wall: wall, provCPU: ps.CPU, provPeakRSS: ps.PeakRSS, provProcs: ps.Procs, coreCPU: cs.CPU, corePeakRSS: cs.PeakRSS}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.treeCPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		r.treeMaxRSS = ru.Maxrss * 1024 // KiB on Linux
	}
	for _, n := range sim.RequestCounts() {
		r.requests += n
	}
	return r, nil
}

// stat is the median and spread of one figure over the runs.
type stat struct{ med, lo, hi float64 }

func statOf(rs []result, f func(result) float64) stat {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	sort.Float64s(v)
	m := v[len(v)/2]
	if len(v)%2 == 0 {
		m = (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return stat{med: m, lo: v[0], hi: v[len(v)-1]}
}

func report(o options, tfVersion string, this, peer *contender) {
	fmt.Printf("# benchpeer: this provider vs the official provider\n\n")
	fmt.Printf("%s, %s; %s %s, 100 a page; latency %s per request; median of %d alternating runs (min-max in brackets)",
		tfVersion, hostInfo(), n(o.size), o.workload, o.latency, o.runs)
	if len(o.thisEnv) > 0 {
		fmt.Printf("; this provider's extra environment: `%s`", strings.Join(o.thisEnv, " "))
	}
	fmt.Printf(".\n\n")
	type row struct {
		name string
		f    func(result) float64
		unit func(float64) string
	}
	sec := func(v float64) string { return fmt.Sprintf("%.1f s", v) }
	mb := func(v float64) string { return fmt.Sprintf("%.0f MiB", v/(1<<20)) }
	cnt := func(v float64) string { return n(int(v)) }
	rows := []row{
		{"wall time of `terraform plan`", func(r result) float64 { return r.wall.Seconds() }, sec},
		{"CPU, whole process tree (user+system)", func(r result) float64 { return r.treeCPU.Seconds() }, sec},
		{"peak RSS, largest process of the tree", func(r result) float64 { return float64(r.treeMaxRSS) }, mb},
		{"CPU, provider processes only", func(r result) float64 { return r.provCPU.Seconds() }, sec},
		{"peak RSS, provider process", func(r result) float64 { return float64(r.provPeakRSS) }, mb},
		{"CPU, terraform process only", func(r result) float64 { return r.coreCPU.Seconds() }, sec},
		{"peak RSS, terraform process", func(r result) float64 { return float64(r.corePeakRSS) }, mb},
		{"HTTP requests", func(r result) float64 { return float64(r.requests) }, cnt},
	}
	fmt.Printf("| figure | this provider | official provider | this / official |\n|---|--:|--:|--:|\n")
	for _, rw := range rows {
		a, b := statOf(this.results, rw.f), statOf(peer.results, rw.f)
		ratio := "-"
		if b.med > 0 {
			ratio = fmt.Sprintf("**%.2f**", a.med/b.med)
		}
		fmt.Printf("| %s | %s | %s | %s |\n", rw.name, spread(a, rw.unit), spread(b, rw.unit), ratio)
	}
	fmt.Println()
}

func spread(s stat, unit func(float64) string) string {
	if s.lo == s.hi {
		return unit(s.med)
	}
	return fmt.Sprintf("%s (%s-%s)", unit(s.med), unit(s.lo), unit(s.hi))
}

func copyFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func n(v int) string {
	s := fmt.Sprint(v)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func secs(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

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
