package posture

import (
	"fmt"
	"strings"
)

// CatalogMarkdown renders the catalog as a Markdown table for the generated
// docs, so the documentation cannot drift from the code: id, title,
// severity, default parameters, data needed, opt-in.
func CatalogMarkdown() string {
	var b strings.Builder
	b.WriteString("| id | title | severity | parameters (default) | data | opt-in |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, c := range Catalog() {
		var params []string
		for _, p := range c.Params {
			switch {
			case p.Required:
				params = append(params, fmt.Sprintf("`%s` (required)", p.Name))
			default:
				params = append(params, fmt.Sprintf("`%s` = `%s`", p.Name, p.Default.HCL()))
			}
		}
		var data []string
		for _, id := range c.Needs(nil) {
			data = append(data, "`"+string(id)+"`")
		}
		optIn := "no"
		if c.OptIn {
			optIn = "yes"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n",
			c.ID, mdCell(c.Title), c.Severity, firstNonEmpty(strings.Join(params, "<br>"), "none"), strings.Join(data, ", "), optIn)
	}
	return b.String()
}

// CheckMarkdown renders one check's full documentation.
func CheckMarkdown(c Check) string {
	var b strings.Builder
	fmt.Fprintf(&b, "### `%s`: %s\n\n", c.ID, c.Title)
	fmt.Fprintf(&b, "Severity: **%s**. Opt-in: %v.\n\n%s\n\n", c.Severity, c.OptIn, c.Description)
	fmt.Fprintf(&b, "Data: %s\n\n", c.Data)
	if len(c.Params) > 0 {
		b.WriteString("| parameter | type | default | description |\n|---|---|---|---|\n")
		for _, p := range c.Params {
			def := "`" + p.Default.HCL() + "`"
			if p.Required {
				def = "required"
			}
			desc := p.Description
			if p.HasRange {
				desc += fmt.Sprintf(" Range %d..%d.", p.Min, p.Max)
			}
			if p.WarnAbove > 0 {
				desc += fmt.Sprintf(" Warns above %d.", p.WarnAbove)
			}
			if p.WarnBelow > 0 {
				desc += fmt.Sprintf(" Warns below %d.", p.WarnBelow)
			}
			if len(p.Choices) > 0 {
				desc += " One of: " + strings.Join(p.Choices, ", ") + "."
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", p.Name, p.Kind, def, mdCell(desc))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "Remediation: %s\n", c.Remediation)
	return b.String()
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
