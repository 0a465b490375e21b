package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// The fleet's expected organizations (-expect or -expect-file). Without
// them an organization whose job never ran, or a module instance removed
// from the fleet root module, drops out of the merged summary in silence
// and the fleet reads as passed; with them, a missing or an extra
// organization is an error.

// maxExpectFileBytes bounds an -expect-file: one short name per line for at
// most maxOrganizations organizations.
const maxExpectFileBytes = 1 << 20

// parseExpectList reads "-expect prod,dev": names separated by commas
// (spaces around them ignored).
func parseExpectList(list string) ([]string, error) {
	return checkExpected(strings.Split(list, ","), "-expect")
}

// readExpectFile reads an -expect-file: one organization per line; blank
// lines and lines starting with '#' are skipped.
func readExpectFile(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usageError{fmt.Sprintf("-expect-file: %v", err)}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxExpectFileBytes+1))
	if err != nil {
		return nil, usageError{fmt.Sprintf("-expect-file %s: %v", path, err)}
	}
	if len(data) > maxExpectFileBytes {
		return nil, usageError{fmt.Sprintf("-expect-file %s: more than %d bytes", path, maxExpectFileBytes)}
	}
	var names []string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		names = append(names, line)
	}
	return checkExpected(names, "-expect-file "+path)
}

// checkExpected validates the expected names: each a valid organization
// name, none twice, at least one, at most maxOrganizations.
func checkExpected(names []string, from string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if err := checkOrg(n, from); err != nil {
			return nil, err
		}
		if seen[n] {
			return nil, usageError{fmt.Sprintf("%s: organization %q is given twice", from, n)}
		}
		seen[n] = true
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, usageError{fmt.Sprintf("%s: no organization", from)}
	}
	if len(out) > maxOrganizations {
		return nil, usageError{fmt.Sprintf("%s: %d organizations: at most %d per merge", from, len(out), maxOrganizations)}
	}
	return out, nil
}

// checkExpectedOrgs fails when the inputs are not exactly the expected
// organizations, naming those missing and those not expected.
func checkExpectedOrgs(expected []string, inputs []orgReports) error {
	want := map[string]bool{}
	for _, n := range expected {
		want[n] = true
	}
	got := map[string]bool{}
	var extra []string
	for _, in := range inputs {
		got[in.org] = true
		if !want[in.org] {
			extra = append(extra, in.org)
		}
	}
	var missing []string
	for _, n := range expected {
		if !got[n] {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 && len(extra) == 0 {
		return nil
	}
	sort.Strings(missing)
	sort.Strings(extra)
	var why []string
	if len(missing) > 0 {
		why = append(why, fmt.Sprintf("%d expected organization(s) have no reports: %s (a job that did not run, or a module removed from the fleet, must not drop out of the summary)",
			len(missing), namesList(missing)))
	}
	if len(extra) > 0 {
		why = append(why, fmt.Sprintf("%d organization(s) are not expected: %s (add them to -expect, or remove their reports)", len(extra), namesList(extra)))
	}
	return fmt.Errorf("the organizations are not the expected fleet of %d: %s", len(expected), strings.Join(why, "; "))
}

// maxListedOrgs bounds the names an error lists.
const maxListedOrgs = 50

func namesList(names []string) string {
	if len(names) <= maxListedOrgs {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:maxListedOrgs], ", "), len(names)-maxListedOrgs)
}
