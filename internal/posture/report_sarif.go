package posture

import (
	"encoding/json"
	"strings"
)

// SARIFFingerprintKey is the partialFingerprints key of every result; its
// value is Finding.Fingerprint. The "/v1" changes only if the fingerprint
// recipe does.
const SARIFFingerprintKey = "postureFinding/v1"

const sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

// SARIF types: the subset of SARIF 2.1.0 this package writes.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool        sarifTool         `json:"tool"`
		Invocations []sarifInvocation `json:"invocations"`
		Results     []sarifResult     `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string         `json:"id"`
		Name                 string         `json:"name"`
		ShortDescription     sarifText      `json:"shortDescription"`
		FullDescription      sarifText      `json:"fullDescription"`
		Help                 sarifMultiText `json:"help"`
		DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
		Properties           map[string]any `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifMultiText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool                `json:"executionSuccessful"`
		Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level      string        `json:"level"`
		Message    sarifText     `json:"message"`
		Descriptor *sarifRuleRef `json:"descriptor,omitempty"`
	}
	sarifRuleRef struct {
		ID string `json:"id"`
	}
	sarifResult struct {
		RuleID              string             `json:"ruleId"`
		RuleIndex           int                `json:"ruleIndex"`
		Level               string             `json:"level"`
		Message             sarifText          `json:"message"`
		Locations           []sarifLocation    `json:"locations"`
		PartialFingerprints map[string]string  `json:"partialFingerprints"`
		Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
		Properties          map[string]any     `json:"properties"`
	}
	sarifLocation struct {
		LogicalLocations []sarifLogicalLocation `json:"logicalLocations"`
	}
	sarifLogicalLocation struct {
		Name               string `json:"name"`
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	sarifSuppression struct {
		Kind          string `json:"kind"`
		Status        string `json:"status"`
		Justification string `json:"justification"`
	}
)

// SARIF renders the result as a SARIF 2.1.0 log: one rule per catalog check
// (so rule indexes are stable across runs), one result per finding. Waived
// findings carry an accepted external suppression; findings whose waiver
// expired are not suppressed. Rules that could not be evaluated appear as
// error notifications and mark the invocation unsuccessful.
func SARIF(res Result, toolVersion string) ([]byte, error) {
	catalog := Catalog()
	index := map[string]int{}
	driver := sarifDriver{
		Name: "terraform-provider-openai posture", Version: toolVersion,
		InformationURI: "https://registry.terraform.io/providers/openai-posture/openai/latest/docs",
	}
	for i, c := range catalog {
		index[c.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   c.ID,
			Name:                 pascal(c.ID),
			ShortDescription:     sarifText{Text: c.Title},
			FullDescription:      sarifText{Text: c.Description},
			Help:                 sarifMultiText{Text: c.Remediation, Markdown: "**Remediation:** " + c.Remediation + "\n\n**Data:** " + c.Data},
			DefaultConfiguration: sarifConfig{Level: "error"},
			Properties: map[string]any{
				"security-severity": c.Severity.SecuritySeverity(),
				"tags":              []string{"security", "openai", "posture", string(c.Severity)},
				"precision":         "high",
				"frameworks":        nonNil(CheckControls(c.ID)),
			},
		})
	}

	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, rr := range res.Rules {
		for _, e := range rr.Errors {
			inv.ExecutionSuccessful = false
			inv.Notifications = append(inv.Notifications, sarifNotification{
				Level: "error", Message: sarifText{Text: e.Error()}, Descriptor: &sarifRuleRef{ID: rr.CheckID},
			})
		}
		for _, f := range rr.Findings {
			level := "error"
			if f.Enforcement == EnforcementWarn {
				level = "warning"
			}
			shown := f.Escaped() // see Escaped: the log is shown by Terraform
			r := sarifResult{
				RuleID: f.CheckID, RuleIndex: index[f.CheckID], Level: level,
				Message: sarifText{Text: f.Message()},
				Locations: []sarifLocation{{LogicalLocations: []sarifLogicalLocation{{
					Name: firstNonEmpty(shown.SubjectName, f.SubjectID), FullyQualifiedName: f.SubjectKind + "/" + f.SubjectID, Kind: f.SubjectKind,
				}}}},
				PartialFingerprints: map[string]string{SARIFFingerprintKey: f.Fingerprint},
				Properties: map[string]any{
					"subject_id": f.SubjectID, "subject_kind": f.SubjectKind,
					"observed": shown.Observed, "allowed": f.Allowed, "severity": string(f.Severity),
				},
			}
			if f.Waived {
				r.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: f.WaiverJustification + " (expires " + f.WaiverExpires + ")"}}
			}
			if f.WaiverExpired {
				r.Properties["waiver_expired"] = f.WaiverExpires
			}
			run.Results = append(run.Results, r)
		}
	}
	run.Invocations = []sarifInvocation{inv}
	return json.MarshalIndent(sarifLog{Schema: sarifSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}}, "", "  ")
}

// pascal turns a check id into a SARIF rule name: admin_key_rotation ->
// AdminKeyRotation.
func pascal(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "_") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
