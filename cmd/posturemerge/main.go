// Command posturemerge merges the posture reports of several organizations
// (one CI job, or one module instance, per organization) into one SARIF log
// and one fleet summary.
//
//	posturemerge [-sarif-out fleet.sarif] [-summary-out fleet-summary.json] [-expect prod,dev] ORG=DIR...
//	posturemerge [-sarif-out ...] [-summary-out ...] [-expect-file fleet.txt] -tf-plan fleet-plan.json
//
// -expect (or -expect-file) names the fleet's organizations: an expected
// organization without reports, or reports of an organization not expected,
// is an error, so an organization cannot drop out of the summary in silence
// (see expect.go). Without it posturemerge warns that it cannot tell.
//
// ORG=DIR names an organization and the directory of its reports:
// DIR/posture.sarif (the `sarif` of openai_posture_findings) and
// DIR/posture.json (its `json`); -sarif-name and -json-name change the file
// names. -tf-plan reads `terraform show -json` of a plan saved with
// `terraform plan -out` from a fleet root module whose `sarif` and `json`
// outputs are maps keyed by organization (as in examples/fleet). It does not
// read `terraform output -json`: that returns the last successful apply's
// outputs even after a failed plan or apply, a stale pass (see tfplan.go).
//
// Each input may be at most 256 MiB, must be one JSON value with no
// duplicate (or case-variant) keys, and a JSON report's summary must be what
// its rules, findings and errors add up to.
//
// The SARIF log has one run per organization (SARIF 2.1.0 allows several
// runs in one file), each tagged with run.automationDetails.id
// "openai-posture/ORG/" and run.properties.organization, so code scanning
// keeps each organization's alerts apart. GitHub code scanning accepts at
// most 20 runs per file: a merge of more organizations is refused unless
// -max-runs allows it (for a log that is kept, not uploaded). The summary lists each
// organization's outcome (passed, score, unwaived findings by severity,
// waived, errors) and the fleet's totals; see summary.go for the shape.
//
// Every input is read and checked before anything is written; a malformed
// input is an error naming the file and the field. Outputs are written to
// temporary files and renamed as a pair (see writeAll for the limit), so a
// failed run leaves no half-written file and no new SARIF beside an old
// summary.
// Exit status: 0 when merged, 1 on an error, 2 on bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

func main() {
	err := run(os.Args[1:], os.Stderr)
	var usage usageError
	switch {
	case errors.Is(err, flag.ErrHelp):
	case errors.As(err, &usage):
		fmt.Fprintln(os.Stderr, "posturemerge:", err)
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "posturemerge:", err)
		os.Exit(1)
	}
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// orgName is the shape of an organization's short name, as the
// posture-baseline module accepts it.
var orgName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$`)

// githubMaxRuns is GitHub code scanning's limit of runs in one SARIF file
// (docs.github.com: "SARIF results exceed limit": runs per file 20); a file
// with more is rejected at upload.
const githubMaxRuns = 20

type orgDirInfo struct {
	org  string
	info os.FileInfo
}

// maxOrganizations bounds one merge; a fleet larger than this is merged in
// parts.
const maxOrganizations = 1000

// orgReports is one organization's raw inputs, with where they came from
// for error messages.
type orgReports struct {
	org        string
	sarif      []byte
	sarifFrom  string
	report     []byte
	reportFrom string
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("posturemerge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sarifOut := fs.String("sarif-out", "fleet.sarif", "where to write the merged SARIF log (empty: do not write it)")
	summaryOut := fs.String("summary-out", "fleet-summary.json", "where to write the fleet summary (empty: do not write it)")
	sarifName := fs.String("sarif-name", "posture.sarif", "file name of the SARIF log in each ORG=DIR directory")
	jsonName := fs.String("json-name", "posture.json", "file name of the JSON report in each ORG=DIR directory")
	tfPlan := fs.String("tf-plan", "", "read the reports from `file`, the output of 'terraform show -json PLANFILE' of a plan saved with 'terraform plan -out' from a fleet root module (outputs sarif and json: maps keyed by organization), instead of ORG=DIR arguments")
	tfOutputs := fs.String("tf-outputs", "", "refused: 'terraform output -json' can be stale after a failed plan or apply; use -tf-plan")
	expect := fs.String("expect", "", "the fleet's organizations, comma-separated (`prod,dev`): an expected organization without reports, or reports of one not expected, is an error")
	expectFile := fs.String("expect-file", "", "like -expect, from `file`: one organization per line ('#' starts a comment line)")
	maxRuns := fs.Int("max-runs", githubMaxRuns, "refuse to write a SARIF log of more runs (organizations) than this; GitHub code scanning rejects a file of more than 20 (0: no limit, for a log that is not uploaded there)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: posturemerge [flags] ORG=DIR...
       posturemerge [flags] -tf-plan fleet-plan.json

Merges the posture reports of several organizations into one SARIF 2.1.0 log
(one run per organization, tagged with run.automationDetails.id
"openai-posture/ORG/" and run.properties.organization) and a fleet summary
(per organization: passed, score, unwaived findings by severity; totals).

-expect prod,dev (or -expect-file) names the fleet: a missing or an extra
organization is an error.

ORG=DIR names an organization (letters, digits, '_', '.', '-') and the
directory holding its posture.sarif and posture.json (the sarif and json
attributes of openai_posture_findings). -tf-plan reads 'terraform show -json'
of a saved plan of a fleet root module. Every input is checked before
anything is written; the outputs are replaced as a pair.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if *sarifOut == "" && *summaryOut == "" {
		return usageError{"nothing to write: -sarif-out and -summary-out are both empty"}
	}
	if *maxRuns < 0 {
		return usageError{fmt.Sprintf("-max-runs %d: want 0 (no limit) or more", *maxRuns)}
	}
	var expected []string
	switch {
	case *expect != "" && *expectFile != "":
		return usageError{"give either -expect or -expect-file, not both"}
	case *expect != "":
		var err error
		if expected, err = parseExpectList(*expect); err != nil {
			return err
		}
	case *expectFile != "":
		var err error
		if expected, err = readExpectFile(*expectFile); err != nil {
			return err
		}
	default:
		fmt.Fprintln(stderr, "posturemerge: warning: no -expect: an organization missing from the inputs (a job that did not run, a module removed from the fleet) is not detected")
	}
	var inputs []orgReports
	var err error
	switch {
	case *tfOutputs != "":
		return usageError{tfOutputsRefusal}
	case *tfPlan != "" && fs.NArg() > 0:
		return usageError{"give either -tf-plan or ORG=DIR arguments, not both"}
	case *tfPlan != "":
		inputs, err = readTerraformPlan(*tfPlan)
	case fs.NArg() == 0:
		return usageError{"no organizations: give ORG=DIR arguments or -tf-plan (see -h)"}
	default:
		inputs, err = readOrgDirs(fs.Args(), *sarifName, *jsonName)
	}
	if err != nil {
		return err
	}
	if len(inputs) > maxOrganizations {
		return fmt.Errorf("%d organizations: at most %d per merge", len(inputs), maxOrganizations)
	}
	if expected != nil {
		if err := checkExpectedOrgs(expected, inputs); err != nil {
			return err
		}
	}
	sort.Slice(inputs, func(i, j int) bool { return inputs[i].org < inputs[j].org })

	merged, summary, err := merge(inputs)
	if err != nil {
		return err
	}
	if runs := len(inputs); *sarifOut != "" && *maxRuns > 0 && runs > *maxRuns {
		return fmt.Errorf("%d organizations make a SARIF log of %d runs, more than -max-runs %d: GitHub code scanning rejects "+
			"a file of more than %d runs. Upload each organization's posture.sarif on its own (category openai-posture/ORG/), "+
			"merge in groups of at most %d, or pass -max-runs 0 for a log that is only kept", runs, runs, *maxRuns, githubMaxRuns, githubMaxRuns)
	}
	var outs []pendingFile
	if *sarifOut != "" {
		outs = append(outs, pendingFile{path: *sarifOut, data: merged})
	}
	if *summaryOut != "" {
		outs = append(outs, pendingFile{path: *summaryOut, data: summary})
	}
	if err := refuseOverwritingInputs(outs, inputs, *tfPlan); err != nil {
		return err
	}
	return writeAll(outs)
}

// merge checks every input and renders both outputs, or fails naming the
// first bad file and field.
func merge(inputs []orgReports) (sarif, summary []byte, err error) {
	var logs []sarifLog
	var reports []orgSummary
	for _, in := range inputs {
		l, err := parseSARIF(in.sarif, in.sarifFrom)
		if err != nil {
			return nil, nil, err
		}
		if err := l.tag(in.org, in.sarifFrom); err != nil {
			return nil, nil, err
		}
		logs = append(logs, l)
		s, err := parseReport(in.report, in.reportFrom, in.org)
		if err != nil {
			return nil, nil, err
		}
		reports = append(reports, s)
	}
	if sarif, err = mergeSARIF(logs); err != nil {
		return nil, nil, err
	}
	if summary, err = renderSummary(reports); err != nil {
		return nil, nil, err
	}
	return sarif, summary, nil
}

func checkOrg(org, from string) error {
	if !orgName.MatchString(org) {
		return usageError{fmt.Sprintf("%s: organization name %q: want 1 to 63 letters, digits, '_', '.', '-', starting with a letter or digit", from, org)}
	}
	return nil
}

func readOrgDirs(args []string, sarifName, jsonName string) ([]orgReports, error) {
	seen := map[string]bool{}
	dirs := map[string]string{} // absolute directory -> organization
	var infos []orgDirInfo      // to catch one directory under two names (links)
	var out []orgReports
	for _, arg := range args {
		org, dir, ok := strings.Cut(arg, "=")
		if !ok || dir == "" {
			return nil, usageError{fmt.Sprintf("argument %q: want ORG=DIR", arg)}
		}
		if err := checkOrg(org, "argument "+arg); err != nil {
			return nil, err
		}
		if seen[org] {
			return nil, usageError{fmt.Sprintf("organization %q is given twice", org)}
		}
		seen[org] = true
		// One directory is one organization's reports: given for two, one
		// organization's posture would be counted as the other's.
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, err
		}
		if other, dup := dirs[abs]; dup {
			return nil, usageError{fmt.Sprintf("organizations %q and %q are given the same directory %s: each organization needs its own reports", other, org, dir)}
		}
		dirs[abs] = org
		if fi, err := os.Stat(dir); err == nil {
			for _, o := range infos {
				if os.SameFile(o.info, fi) {
					return nil, usageError{fmt.Sprintf("organizations %q and %q are given the same directory (%s is a link to it): each organization needs its own reports", o.org, org, dir)}
				}
			}
			infos = append(infos, orgDirInfo{org, fi})
		}
		in := orgReports{org: org, sarifFrom: filepath.Join(dir, sarifName), reportFrom: filepath.Join(dir, jsonName)}
		if in.sarif, err = readInput(in.sarifFrom); err != nil {
			return nil, err
		}
		if in.report, err = readInput(in.reportFrom); err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

// refuseOverwritingInputs refuses an output path that is one of the inputs:
// the merge would replace an organization's report with the fleet's.
func refuseOverwritingInputs(outs []pendingFile, inputs []orgReports, tfPlan string) error {
	var paths []string
	if tfPlan != "" {
		paths = append(paths, tfPlan)
	} else {
		for _, in := range inputs {
			paths = append(paths, in.sarifFrom, in.reportFrom)
		}
	}
	for _, out := range outs {
		outAbs, err := filepath.Abs(out.path)
		if err != nil {
			return err
		}
		outInfo, statErr := os.Stat(out.path)
		for _, p := range paths {
			inAbs, err := filepath.Abs(p)
			if err != nil {
				return err
			}
			same := inAbs == outAbs
			if !same && statErr == nil {
				if fi, err := os.Stat(p); err == nil {
					same = os.SameFile(fi, outInfo)
				}
			}
			if same {
				return usageError{fmt.Sprintf("output %s is the input %s: write the merge elsewhere", out.path, p)}
			}
		}
	}
	return nil
}
