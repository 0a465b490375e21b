package main

import (
	"fmt"
	"strings"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// writeFrameworkMatrix writes, per framework, the controls some check is
// tagged with and those checks: framework control -> checks.
func writeFrameworkMatrix(b *strings.Builder, checks []posture.Check) {
	b.WriteString("\n## Compliance frameworks\n\n")
	b.WriteString("Each check is tagged with the framework controls it supports: a passing check is evidence toward the control, not the whole of it. " +
		"Tags are `<framework>:<control>`; `openai_posture_findings` selects checks by framework (`frameworks = [\"iso27001\"]`) or by control " +
		"(`frameworks = [\"iso27001:A.5.15\"]`) and scores each framework, and the SARIF, JUnit and JSON reports carry each check's tags. " +
		"Every tag is checked against the framework's published control list, embedded in the provider (`internal/posture/frameworks/`).\n")
	for _, f := range posture.Frameworks() {
		byControl := map[string][]string{}
		for _, c := range checks {
			for _, tag := range posture.CheckControls(c.ID) {
				byControl[tag] = append(byControl[tag], fmt.Sprintf("[`%s`](#%s)", c.ID, anchor(c)))
			}
		}
		fmt.Fprintf(b, "\n### %s (`%s`)\n\nSource: %s.\n\n| control | title | checks |\n|---|---|---|\n", f.Title, f.Key, f.Source)
		for _, ctl := range f.Controls {
			if ids := byControl[f.Tag(ctl)]; len(ids) > 0 {
				fmt.Fprintf(b, "| `%s` | %s | %s |\n", f.Tag(ctl), ctl.Title, strings.Join(ids, ", "))
			}
		}
	}
}
