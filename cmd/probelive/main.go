// Command probelive asks a real OpenAI organization (and ChatGPT Enterprise
// workspace) the questions behind docs/guides/api-assumptions.md, and prints
// which assumptions hold.
//
// It is opt-in and read-only: it sends GET requests only (its transport
// refuses anything else), reads at most the first page of each list, and
// never runs in CI. Keys come from the environment and are never printed:
//
//	OPENAI_ADMIN_KEY           admin key (Admin API questions)
//	OPENAI_COMPLIANCE_API_KEY  compliance key (Compliance API questions)
//	OPENAI_WORKSPACE_ID        ChatGPT Enterprise workspace id
//	OPENAI_ADMIN_BASE_URL, OPENAI_COMPLIANCE_BASE_URL (optional overrides)
//
// Run it with `make probe-live` or `go run ./cmd/probelive`.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// settings are what probelive reads from the environment.
type settings struct {
	AdminKey, ComplianceKey, WorkspaceID string
	AdminBaseURL, ComplianceBaseURL      string
	// Pacing is requests per minute per endpoint; 0 keeps the client's
	// defaults (gentle on a real organization), negative turns it off (tests).
	Pacing    float64
	Transport http.RoundTripper // nil: the default transport
	Now       time.Time
	// Only, when not empty, names the probes to run.
	Only []string
}

func settingsFromEnv() settings {
	return settings{
		AdminKey:          os.Getenv("OPENAI_ADMIN_KEY"),
		ComplianceKey:     os.Getenv("OPENAI_COMPLIANCE_API_KEY"),
		WorkspaceID:       os.Getenv("OPENAI_WORKSPACE_ID"),
		AdminBaseURL:      os.Getenv("OPENAI_ADMIN_BASE_URL"),
		ComplianceBaseURL: os.Getenv("OPENAI_COMPLIANCE_BASE_URL"),
		Now:               time.Now().UTC(),
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	s := settingsFromEnv()
	only := flag.String("only", "", "comma-separated probe ids to run (default: all)")
	flag.Parse()
	if *only != "" {
		s.Only = strings.Split(*only, ",")
	}
	results, err := run(ctx, s, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "probelive:", err)
		os.Exit(2)
	}
	for _, r := range results {
		if r.Outcome == differs {
			os.Exit(1)
		}
	}
}

// run asks every probe whose key is configured and prints one block per
// probe. The exit code is for the caller: results say what differs.
func run(ctx context.Context, s settings, out io.Writer) ([]result, error) {
	red := redactor{secrets: []string{s.AdminKey, s.ComplianceKey}}
	if s.AdminKey == "" && s.ComplianceKey == "" {
		return nil, fmt.Errorf("set OPENAI_ADMIN_KEY and/or OPENAI_COMPLIANCE_API_KEY (and OPENAI_WORKSPACE_ID with the compliance key)")
	}
	rec := newRecorder(s.Transport)
	cfg := openai.Config{
		AdminAPIKey: s.AdminKey, ComplianceAPIKey: s.ComplianceKey, WorkspaceID: s.WorkspaceID,
		AdminBaseURL: s.AdminBaseURL, ComplianceBaseURL: s.ComplianceBaseURL,
		MaxRetries:                  1,
		AdminRequestsPerMinute:      s.Pacing,
		ComplianceRequestsPerMinute: s.Pacing,
		HTTPClient:                  &http.Client{Transport: rec},
		UserAgent:                   "terraform-provider-openai-probelive",
	}
	client, err := openai.NewClient(cfg)
	if err != nil {
		return nil, fmt.Errorf("%s", red.clean(err.Error()))
	}
	p := &prober{client: client, rec: rec, now: s.Now}
	fmt.Fprintln(out, "probelive: read-only questions to the live API (GET only, first pages only). Keys are never printed.")
	var results []result
	for _, pr := range probes() {
		if len(s.Only) > 0 && !slices.Contains(s.Only, pr.ID) {
			continue
		}
		var r result
		r.ID = pr.ID
		switch {
		case pr.API == adminAPI && s.AdminKey == "":
			r.Outcome, r.Detail = notAskedf("OPENAI_ADMIN_KEY is not set")
		case pr.API == complianceAPI && (s.ComplianceKey == "" || s.WorkspaceID == ""):
			r.Outcome, r.Detail = notAskedf("OPENAI_COMPLIANCE_API_KEY and OPENAI_WORKSPACE_ID are not both set")
		default:
			rec.reset()
			r.Outcome, r.Detail = pr.ask(ctx, p)
		}
		r.Detail = red.clean(r.Detail)
		results = append(results, r)
		fmt.Fprintf(out, "\n[%s] %s\n  question: %s\n  answer:   %s\n", r.Outcome, r.ID, pr.Question, r.Detail)
	}
	tally := map[outcome]int{}
	for _, r := range results {
		tally[r.Outcome]++
	}
	fmt.Fprintf(out, "\n%d hold, %d differ, %d could not be asked. See docs/guides/api-assumptions.md for what each answer means.\n",
		tally[holds], tally[differs], tally[notAsked])
	return results, nil
}
