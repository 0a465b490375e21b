// Command openaisim runs the OpenAI Admin API + ChatGPT Compliance API simulator on
// loopback until SIGINT/SIGTERM.
//
//	go run ./cmd/openaisim -fixture sample|clean|path.json [-admin-addr 127.0.0.1:0]
//	    [-compliance-addr 127.0.0.1:0] [-latency 20ms] [-realistic-rate-limits]
//	    [-rate-limits off|template|path]
//	    [-time-scale 1] [-env]
//
// With -env it prints only shell `export` lines (base URLs, keys, workspace id) so a
// script can `eval "$(go run ./cmd/openaisim -env ... &)"`-style read them.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "openaisim:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("openaisim", flag.ContinueOnError)
	fixture := fs.String("fixture", "sample", `fixture: "sample", "clean", or a path to a JSON fixture`)
	adminAddr := fs.String("admin-addr", "127.0.0.1:0", "Admin API listen address (loopback only)")
	complAddr := fs.String("compliance-addr", "127.0.0.1:0", "Compliance API listen address (loopback only)")
	latency := fs.Duration("latency", 0, "delay added to every request")
	realistic := fs.Bool("realistic-rate-limits", false, "per-endpoint rate limits like the real APIs (compliance lists 50/min, get-one 100/min, admin 10/min)")
	limitMode := fs.String("rate-limits", "off", "Admin API limit mode: off, template (10/min per endpoint template, compliance as -realistic-rate-limits) or path (60/min per concrete path)")
	scale := fs.Float64("time-scale", 1, "rate-limit refill speed factor")
	limitCap := fs.Int("compliance-limit-cap", 0, "refuse compliance gpts/projects/configs lists with limit above N (400 naming limit); 0 = accept up to 100")
	env := fs.Bool("env", false, "print only `export NAME=value` lines for scripts")
	if err := fs.Parse(args); err != nil {
		return err
	}
	mode, err := openaisim.ParseRateLimitMode(*limitMode)
	if err != nil {
		return err
	}
	f, err := loadFixture(*fixture)
	if err != nil {
		return err
	}
	opts := []openaisim.Option{
		openaisim.WithAdminAddr(*adminAddr), openaisim.WithComplianceAddr(*complAddr),
		openaisim.WithLatency(*latency), openaisim.WithTimeScale(*scale),
		openaisim.WithComplianceLimitCap(*limitCap), openaisim.WithRateLimitMode(mode),
	}
	if *realistic {
		opts = append(opts, openaisim.WithRealisticRateLimits())
	}
	s, err := openaisim.New(f, opts...)
	if err != nil {
		return err
	}
	defer s.Close()

	if *env {
		fmt.Fprintf(out, "export OPENAI_ADMIN_BASE_URL=%s\n", s.AdminBaseURL())
		fmt.Fprintf(out, "export OPENAI_COMPLIANCE_BASE_URL=%s\n", s.ComplianceBaseURL())
		fmt.Fprintf(out, "export OPENAI_ADMIN_KEY=%s\n", openaisim.AdminKey)
		fmt.Fprintf(out, "export OPENAI_COMPLIANCE_API_KEY=%s\n", openaisim.ComplianceKey)
		fmt.Fprintf(out, "export OPENAI_WORKSPACE_ID=%s\n", s.WorkspaceID())
	} else {
		printSummary(out, s, *fixture)
	}
	if fl, ok := out.(interface{ Sync() error }); ok {
		_ = fl.Sync()
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	<-sig
	return nil
}

func loadFixture(name string) (*openaisim.Fixture, error) {
	switch name {
	case "sample", "clean":
		return openaisim.EmbeddedFixture(name)
	}
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return openaisim.LoadFixture(fh)
}

func printSummary(out io.Writer, s *openaisim.Server, fixture string) {
	f := s.Fixture()
	fmt.Fprintf(out, "openaisim serving fixture %q (now = %s)\n\n", fixture, s.Now().UTC().Format(time.RFC3339))
	fmt.Fprintf(out, "  Admin API base URL:      %s\n", s.AdminBaseURL())
	fmt.Fprintf(out, "  Compliance API base URL: %s\n", s.ComplianceBaseURL())
	fmt.Fprintf(out, "  Workspace id:            %s\n", s.WorkspaceID())
	fmt.Fprintf(out, "  Admin key (fake):        %s\n", openaisim.AdminKey)
	fmt.Fprintf(out, "  Compliance key (fake):   %s\n", openaisim.ComplianceKey)
	fmt.Fprintf(out, "  Compliance key w/o scope (403): %s\n\n", openaisim.ComplianceKeyNoScope)

	counts := openaisim.Summary(f)
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintln(out, "  Serving:")
	for _, k := range keys {
		fmt.Fprintf(out, "    %-28s %d\n", k, counts[k])
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "  Use -env to print export lines. Ctrl-C to stop.")
	fmt.Fprintln(out, "  "+strings.Repeat("-", 60))
}
