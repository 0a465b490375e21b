// Command fleetbench measures the CI matrix pattern of the fleet guide on one
// machine: N simulated organizations (in-process simulators, alternately the
// clean and the sample org), one copy of examples/fleet/matrix per
// organization (its own state, its own keys in the environment), and a real
// `terraform plan` of each, first one at a time and then all at once. It
// prints the slowest single plan, the wall time of the parallel run, their
// ratio, and the CPU time the plans used (Terraform and the provider).
//
//	go run ./cmd/fleetbench -terraform .tools/bin/terraform-1.5.7 -orgs 20 -latency 150ms
//
// The provider runs with its default request pacing, as in a real job. The
// fleet guide (templates/guides/fleet.md.tmpl) records the results.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

type options struct {
	root, terraform string
	orgs, parallel  int
	latency         time.Duration
	keep            bool
}

func main() {
	var o options
	flag.StringVar(&o.root, "root", ".", "repository root (holds go.mod and examples/)")
	flag.StringVar(&o.terraform, "terraform", ".tools/bin/terraform-1.5.7", "Terraform or OpenTofu binary")
	flag.IntVar(&o.orgs, "orgs", 20, "number of simulated organizations (at most 200)")
	flag.IntVar(&o.parallel, "parallel", 0, "plans run at once in the parallel phase (0: all)")
	flag.DurationVar(&o.latency, "latency", 150*time.Millisecond, "simulated latency of every API request")
	flag.BoolVar(&o.keep, "keep", false, "keep the work directory")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "fleetbench:", err)
		os.Exit(1)
	}
}

type job struct {
	org, dir string
	env      []string
}

func run(o options) error {
	if o.orgs < 1 || o.orgs > 200 {
		return fmt.Errorf("-orgs %d: want 1 to 200", o.orgs)
	}
	if o.parallel <= 0 || o.parallel > o.orgs {
		o.parallel = o.orgs
	}
	root, err := filepath.Abs(o.root)
	if err != nil {
		return err
	}
	tf, err := filepath.Abs(o.terraform)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "fleetbench-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Fprintln(os.Stderr, "work directory:", work)
	} else {
		defer os.RemoveAll(work)
	}

	plugins := filepath.Join(work, "plugins")
	build := exec.Command("go", "build", "-o", filepath.Join(plugins, "terraform-provider-openai"), ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building the provider: %v\n%s", err, out)
	}
	rc := filepath.Join(work, "cli.tfrc")
	if err := os.WriteFile(rc, []byte(fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/openai-posture/openai" = %[1]q
    "registry.opentofu.org/openai-posture/openai" = %[1]q
  }
  direct {}
}
`, plugins)), 0o644); err != nil {
		return err
	}
	if err := copyTree(filepath.Join(root, "examples", "modules", "posture-baseline"), filepath.Join(work, "examples", "modules", "posture-baseline")); err != nil {
		return err
	}
	base := []string{"TF_CLI_CONFIG_FILE=" + rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "HOME=" + work, "PATH=" + os.Getenv("PATH")}

	var jobs []job
	for i := 0; i < o.orgs; i++ {
		fixture := openaisim.CleanOrg()
		if i%2 == 1 {
			fixture = openaisim.SampleOrg()
		}
		sim, err := openaisim.New(fixture, openaisim.WithLatency(o.latency))
		if err != nil {
			return err
		}
		defer sim.Close()
		org := fmt.Sprintf("org%02d", i)
		dir := filepath.Join(work, "examples", "fleet", "job-"+org)
		if err := copyTree(filepath.Join(root, "examples", "fleet", "matrix"), dir); err != nil {
			return err
		}
		env := append(append([]string(nil), base...),
			"OPENAI_ADMIN_KEY="+openaisim.AdminKey, "OPENAI_COMPLIANCE_API_KEY="+openaisim.ComplianceKey,
			"OPENAI_WORKSPACE_ID="+sim.WorkspaceID(), "OPENAI_ADMIN_BASE_URL="+sim.AdminBaseURL(),
			"OPENAI_COMPLIANCE_BASE_URL="+sim.ComplianceBaseURL())
		j := job{org: org, dir: dir, env: env}
		if err := j.cli(tf, "get"); err != nil {
			return err
		}
		jobs = append(jobs, j)
	}

	// One plan to warm the page cache; not counted.
	if _, err := jobs[0].plan(tf); err != nil {
		return err
	}

	cpu0 := childCPU()
	var single []time.Duration
	for _, j := range jobs {
		d, err := j.plan(tf)
		if err != nil {
			return err
		}
		single = append(single, d)
	}
	seqCPU := childCPU() - cpu0

	cpu1 := childCPU()
	start := time.Now()
	sem := make(chan struct{}, o.parallel)
	errs := make(chan error, len(jobs))
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func(j job) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if _, err := j.plan(tf); err != nil {
				errs <- err
			}
		}(j)
	}
	wg.Wait()
	wall := time.Since(start)
	parCPU := childCPU() - cpu1
	close(errs)
	if err := <-errs; err != nil {
		return err
	}

	sorted := append([]time.Duration(nil), single...)
	sort.Slice(sorted, func(a, b int) bool { return sorted[a] < sorted[b] })
	slowest, median := sorted[len(sorted)-1], sorted[len(sorted)/2]
	var sum time.Duration
	for _, d := range single {
		sum += d
	}
	version, _ := exec.Command(tf, "version").Output()
	fmt.Printf("| organizations | CLI | cores | API latency | slowest single plan | median single plan | one after another | all at once (%d in parallel) | all at once / slowest single | CPU per plan |\n", o.parallel)
	fmt.Printf("|---|---|---|---|---|---|---|---|---|---|\n")
	fmt.Printf("| %d | %s | %d | %s | %s | %s | %s | %s | %.2fx | %s |\n",
		o.orgs, strings.SplitN(string(version), "\n", 2)[0], runtime.NumCPU(), o.latency,
		round(slowest), round(median), round(sum), round(wall), wall.Seconds()/slowest.Seconds(),
		round((seqCPU+parCPU)/time.Duration(2*len(jobs))))
	return nil
}

// plan runs the job's plan (warn mode: the findings of the sample orgs do
// not fail it) and returns its wall time.
func (j job) plan(tf string) (time.Duration, error) {
	start := time.Now()
	err := j.cli(tf, "plan", "-input=false", "-lock=false", "-var", "organization="+j.org, "-var", "enforcement=warn")
	return time.Since(start), err
}

func (j job) cli(tf string, args ...string) error {
	cmd := exec.Command(tf, append(args, "-no-color")...)
	cmd.Dir, cmd.Env = j.dir, j.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %s %s: %v\n%s", j.org, filepath.Base(tf), strings.Join(args, " "), err, out.String())
	}
	return nil
}

// childCPU is the user+system time of every child process reaped so far
// (Terraform, and the provider processes Terraform reaped).
func childCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func round(d time.Duration) time.Duration { return d.Round(10 * time.Millisecond) }

// copyTree copies the .tf files of a directory.
func copyTree(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
