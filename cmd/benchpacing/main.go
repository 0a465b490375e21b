// Command benchpacing measures the client's default (adaptive) pacing against
// the simulator's two Admin API limit modes: 10 requests a minute per endpoint
// template, and 60 a minute per concrete path. For each mode it loads the
// Admin API part of a posture snapshot of a generated org (every check of the
// baseline; no Compliance key, so only Admin endpoints are read) with one and
// the same client configuration, and prints the wall time against that mode's
// rate floor, the requests, the 429s absorbed and the 429s that reached the
// caller.
//
// Real limits make a 2,000-project org take hours (3.3 h at 10 a minute per
// template), so the simulator's buckets refill -time-scale times faster (60:
// 10/min becomes 10/s, 60/min becomes 60/s) with the same burst; a minute of
// floor at the real limits is a second here. The client is not told the
// scale: it learns the rates from the simulator's Retry-After(-Ms).
//
//	go run ./cmd/benchpacing                       # 16x org (2,000 projects), both modes
//	go run ./cmd/benchpacing -modes path -time-scale 20 -runs 3
//	go run ./cmd/benchpacing -admin-rpm 10         # the old fixed default, for comparison
//	go run ./cmd/benchpacing -size 1 -modes path   # quick look
//
// At -time-scale 60 the per-path floor is only about 16 s, close to the
// sequential chain of 1,000 user pages on a loaded machine; -time-scale 20
// keeps the rate floor (47 s) well above it. A run with no 429 absorbed was
// not rate-bound at all.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

type options struct {
	size, timeScale float64
	modes           []openaisim.RateLimitMode
	latency         time.Duration
	baseline        string
	adminRPM        float64
	runs            int
}

func main() {
	var o options
	var modes string
	flag.Float64Var(&o.size, "size", 16, "org size as a multiple of the base size (16 = 2,000 projects, 100,000 users)")
	flag.Float64Var(&o.timeScale, "time-scale", 60, "simulator bucket refill speed-up (60: a real minute is a second)")
	flag.StringVar(&modes, "modes", "template,path", "simulator Admin limit modes to run: template, path")
	flag.DurationVar(&o.latency, "latency", 5*time.Millisecond, "simulated latency of every request (5ms at scale 60 stands for 300ms)")
	flag.StringVar(&o.baseline, "baseline", "examples/demo/main.tf", "baseline configuration whose checks decide what is read")
	flag.Float64Var(&o.adminRPM, "admin-rpm", 0, "client admin_requests_per_minute: 0 = adaptive (the default), N = fixed (in simulated minutes: N*time-scale is used)")
	flag.IntVar(&o.runs, "runs", 1, "runs per mode")
	flag.Parse()
	for _, m := range strings.Split(modes, ",") {
		mode, err := openaisim.ParseRateLimitMode(strings.TrimSpace(m))
		if err != nil || mode == openaisim.RateLimitsOff {
			fmt.Fprintf(os.Stderr, "benchpacing: -modes: %q is not template or path\n", m)
			os.Exit(2)
		}
		o.modes = append(o.modes, mode)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "benchpacing:", err)
		os.Exit(1)
	}
}

var checkRe = regexp.MustCompile(`(?m)^\s*check\s*=\s*"([a-z0-9_]+)"`)

func baselineRules(path string) ([]posture.Rule, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rules []posture.Rule
	for _, m := range checkRe.FindAllStringSubmatch(string(b), -1) {
		rules = append(rules, posture.Rule{CheckID: m[1], Enforcement: "warn"})
	}
	if len(rules) == 0 {
		return nil, fmt.Errorf("%s: no checks found", path)
	}
	return rules, nil
}

func run(o options) error {
	rules, err := baselineRules(o.baseline)
	if err != nil {
		return err
	}
	p := openaisim.BaseGenParams().Scaled(o.size)
	fmt.Fprintf(os.Stderr, "generating %gx org: %d users, %d projects, %d invites, %d audit events\n",
		o.size, p.OrgUsers, p.Projects, p.Invites, p.AuditEvents)
	fx := openaisim.Generate(p)
	fmt.Printf("org %gx (%d projects, %d users), %d checks from %s, latency %s, time scale %g, client admin_requests_per_minute=%g\n\n",
		o.size, p.Projects, p.OrgUsers, len(rules), o.baseline, o.latency, o.timeScale, o.adminRPM)
	fmt.Println("| mode | limit | wall | rate floor | wall / floor | floor at real limits | requests | 429 absorbed | 429 reaching the caller | other errors |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|")
	for _, mode := range o.modes {
		for i := 0; i < o.runs; i++ {
			r, err := runMode(o, fx, rules, mode)
			if err != nil {
				return err
			}
			limit := fmt.Sprintf("%d/min per template", openaisim.AdminPerTemplatePerMinute)
			if mode == openaisim.RateLimitsPerPath {
				limit = fmt.Sprintf("%d/min per path", openaisim.AdminPerPathPerMinute)
			}
			realFloor := time.Duration(float64(r.floor) * o.timeScale)
			fmt.Printf("| %s | %s | %s | %s | %.3f | %s | %d | %d | %d | %d |\n", mode, limit,
				r.wall.Round(10*time.Millisecond), r.floor.Round(10*time.Millisecond), r.wall.Seconds()/r.floor.Seconds(),
				realFloor.Round(time.Minute), r.requests, r.limited, r.leaked, r.otherErrs)
			for _, e := range r.errSamples {
				fmt.Fprintln(os.Stderr, "  error:", e)
			}
		}
	}
	return nil
}

type result struct {
	wall, floor                          time.Duration
	requests, limited, leaked, otherErrs int
	errSamples                           []string
}

// counter counts, per URL path, the answered requests by status, and the
// endpoint template each path belongs to (from the simulator's observer).
type counter struct {
	mu       sync.Mutex
	ok       map[string]int
	limited  int
	requests int
	template map[string]string
	next     http.RoundTripper
}

func (c *counter) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(r)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.requests++
	if err == nil {
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			c.limited++
		case resp.StatusCode < 300:
			c.ok[r.URL.Path]++
		}
	}
	return resp, err
}

func (c *counter) observe(key string, r *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.template[r.URL.Path] = key
}

func runMode(o options, fx *openaisim.Fixture, rules []posture.Rule, mode openaisim.RateLimitMode) (result, error) {
	cnt := &counter{ok: map[string]int{}, template: map[string]string{}, next: cleanhttp.DefaultPooledTransport()}
	sim, err := openaisim.New(fx, openaisim.WithRateLimitMode(mode), openaisim.WithTimeScale(o.timeScale),
		openaisim.WithLatency(o.latency), openaisim.WithRequestObserver(cnt.observe))
	if err != nil {
		return result{}, err
	}
	defer sim.Close()
	rpm := o.adminRPM * o.timeScale
	client, err := openai.NewClient(openai.Config{
		AdminAPIKey: openaisim.AdminKey, AdminBaseURL: sim.AdminBaseURL(),
		AdminRequestsPerMinute: rpm, HTTPClient: &http.Client{Transport: cnt},
	})
	if err != nil {
		return result{}, err
	}
	fmt.Fprintf(os.Stderr, "==> %s mode: loading\n", mode)
	start := time.Now()
	snap := snapshot.New(client).PostureSnapshot(context.Background(), rules, sim.Now())
	wall := time.Since(start)

	r := result{wall: wall, requests: cnt.requests, limited: cnt.limited}
	for _, err := range adminErrors(snap) {
		var ae *openai.APIError
		if errors.As(err, &ae) && ae.StatusCode == http.StatusTooManyRequests {
			r.leaked++
		} else {
			r.otherErrs++
		}
		if len(r.errSamples) < 3 {
			r.errSamples = append(r.errSamples, err.Error())
		}
	}
	r.floor = rateFloor(cnt, mode, o.timeScale)
	return r, nil
}

// rateFloor is the least time any client needs for the requests this run got
// answered, under mode's token buckets (full at start, refilled at the scaled
// rate): per limited key (template or concrete path), (served - burst) /
// rate; a per-project key cannot start before the project list is read, so
// its floor adds that list's.
func rateFloor(c *counter, mode openaisim.RateLimitMode, scale float64) time.Duration {
	perMinute := openaisim.AdminPerTemplatePerMinute
	if mode == openaisim.RateLimitsPerPath {
		perMinute = openaisim.AdminPerPathPerMinute
	}
	perSecond := float64(perMinute) / 60 * scale
	served := map[string]int{}
	perProject := map[string]bool{}
	for path, n := range c.ok {
		tmpl := c.template[path]
		key := tmpl
		if mode == openaisim.RateLimitsPerPath {
			key = path
		}
		served[key] += n
		perProject[key] = strings.Contains(tmpl, "{project_id}")
	}
	keyFloor := func(n int) float64 { return max(0, float64(n-perMinute)) / perSecond }
	projectsKey := openaisim.EndpointAdminProjects
	if mode == openaisim.RateLimitsPerPath {
		for path, tmpl := range c.template {
			if tmpl == openaisim.EndpointAdminProjects {
				projectsKey = path
			}
		}
	}
	projects := keyFloor(served[projectsKey])
	floor := 0.0
	keys := make([]string, 0, len(served))
	for k := range served {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f := keyFloor(served[k])
		if perProject[k] {
			f += projects
		}
		floor = max(floor, f)
	}
	return time.Duration(floor * float64(time.Second))
}

// adminErrors collects the read errors of the snapshot's Admin API part,
// including each project's collections.
func adminErrors(s posture.Snapshot) []error {
	var out []error
	add := func(v any) {
		if f := reflect.ValueOf(v).FieldByName("Err"); f.IsValid() && !f.IsNil() {
			if err, ok := f.Interface().(error); ok {
				out = append(out, err)
			}
		}
	}
	for _, v := range []any{s.AdminAPIKeys, s.OrgUsers, s.Invites, s.Projects, s.OrgDataRetention, s.SpendLimit,
		s.Certificates, s.AuditLogs, s.TenantAuditLogs} {
		add(v)
	}
	for _, p := range s.Projects.Items {
		for _, v := range []any{p.APIKeys, p.ServiceAccounts, p.Users, p.DataRetention, p.HostedToolPermissions, p.ModelPermissions} {
			add(v)
		}
	}
	return out
}
