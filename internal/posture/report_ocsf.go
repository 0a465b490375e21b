package posture

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
)

// OCSFSchemaVersion is the version of the Open Cybersecurity Schema Framework
// the OCSF report conforms to (metadata.version of every event). The tests
// validate the output against an excerpt of this exact release
// (testdata/ocsf); moving to another release means regenerating it.
const OCSFSchemaVersion = "1.8.0"

// OCSF classification of every event: a Compliance Finding (class 2003 in
// the Findings category 2) whose activity is Create (1).
const (
	ocsfCategoryUID      = 2
	ocsfClassUID         = 2003
	ocsfActivityCreate   = 1
	ocsfTypeUIDCreate    = ocsfClassUID*100 + ocsfActivityCreate
	ocsfStatusNew        = 1 // finding status: new, not reviewed
	ocsfStatusSuppressed = 3 // finding status: reviewed and accepted
	ocsfComplianceWarn   = 2 // compliance status: no result, missing information
	ocsfComplianceFail   = 3 // compliance status: failed for the resource
	ocsfStandard         = "OpenAI posture baseline (terraform-provider-openai)"
)

// OCSFMeta names the product that produced the findings.
type OCSFMeta struct {
	// Version is the provider's version (metadata.product.version).
	Version string
	// TenantUID, when known, names the organization or workspace the
	// findings are about (metadata.tenant_uid), and is mixed into every
	// finding_info.uid: a fleet's SIEM tells organizations apart by it, and
	// two organizations' findings of one check on subjects of the same id
	// (an org-level finding's subject is "organization") never share a uid.
	// The provider sets it from organization_id and workspace_id; it is an
	// identifier, never a key.
	TenantUID string
}

// ocsfUID is an event's finding_info.uid: the stable fingerprint, mixed
// with the tenant when there is one. The fingerprint itself (the provider's
// state key and SARIF's partial fingerprint) stays as it is and is kept in
// unmapped.fingerprint.
func ocsfUID(tenant, fingerprint string) string {
	if tenant == "" {
		return fingerprint
	}
	h := sha256.Sum256([]byte("posture-ocsf/v1\x00" + tenant + "\x00" + fingerprint))
	return hex.EncodeToString(h[:16])
}

// OCSF event types: the subset of the Compliance Finding class written here.
type (
	ocsfEvent struct {
		ActivityID   int    `json:"activity_id"`
		ActivityName string `json:"activity_name"`
		CategoryUID  int    `json:"category_uid"`
		CategoryName string `json:"category_name"`
		ClassUID     int    `json:"class_uid"`
		ClassName    string `json:"class_name"`
		TypeUID      int    `json:"type_uid"`
		TypeName     string `json:"type_name"`
		SeverityID   int    `json:"severity_id"`
		Severity     string `json:"severity"`
		// Time is milliseconds since the epoch (OCSF timestamp_t).
		Time         int64           `json:"time"`
		Message      string          `json:"message"`
		StatusID     int             `json:"status_id"`
		Status       string          `json:"status"`
		StatusDetail string          `json:"status_detail,omitempty"`
		Metadata     ocsfMetadata    `json:"metadata"`
		FindingInfo  ocsfFindingInfo `json:"finding_info"`
		Compliance   ocsfCompliance  `json:"compliance"`
		Resources    []ocsfResource  `json:"resources,omitempty"`
		Remediation  ocsfRemediation `json:"remediation"`
		Unmapped     map[string]any  `json:"unmapped,omitempty"`
	}
	ocsfMetadata struct {
		Version   string      `json:"version"`
		Product   ocsfProduct `json:"product"`
		LogName   string      `json:"log_name"`
		TenantUID string      `json:"tenant_uid,omitempty"`
	}
	ocsfProduct struct {
		Name       string `json:"name"`
		VendorName string `json:"vendor_name"`
		Version    string `json:"version,omitempty"`
	}
	ocsfFindingInfo struct {
		UID   string   `json:"uid"`
		Title string   `json:"title"`
		Desc  string   `json:"desc,omitempty"`
		Types []string `json:"types"`
	}
	ocsfCompliance struct {
		Control       string      `json:"control"`
		Requirements  []string    `json:"requirements"`
		Standards     []string    `json:"standards"`
		Checks        []ocsfCheck `json:"checks,omitempty"`
		Desc          string      `json:"desc,omitempty"`
		StatusID      int         `json:"status_id"`
		Status        string      `json:"status"`
		StatusDetails []string    `json:"status_details,omitempty"`
	}
	// ocsfCheck is one framework control the check is evidence toward (OCSF
	// object check: "a specific, testable compliance verification point"
	// within a standard; uid is the control's id within that standard).
	ocsfCheck struct {
		UID       string   `json:"uid"`
		Name      string   `json:"name"`
		Standards []string `json:"standards"`
		StatusID  int      `json:"status_id"`
		Status    string   `json:"status"`
	}
	ocsfResource struct {
		UID  string `json:"uid"`
		Name string `json:"name,omitempty"`
		Type string `json:"type"`
	}
	ocsfRemediation struct {
		Desc string `json:"desc"`
	}
)

// OCSFFindings renders the result as a JSON array of OCSF Compliance
// Findings (schema OCSFSchemaVersion), one per finding: the check is the
// compliance control, the subject the resource, the fingerprint the finding
// uid. Unwaived findings are New; waived ones are Suppressed, with the
// justification and expiry in status_detail and unmapped.waiver. A rule
// that could not be evaluated is one event too (compliance status Warning,
// the cause in status_details): a SIEM must see that the check did not run,
// not an absence of findings. (The openai_posture_findings data source
// fails the plan on such a rule instead of rendering reports, so its ocsf
// attribute never carries this event; a pipeline reports a failed plan as
// "not evaluated" itself.) Event time is GeneratedAt.
func OCSFFindings(res Result, meta OCSFMeta) ([]byte, error) {
	if res.GeneratedAt.IsZero() {
		return nil, fmt.Errorf("OCSF report: the result has no evaluation time (GeneratedAt); OCSF events require one")
	}
	events := []ocsfEvent{}
	for _, rr := range res.Rules {
		check, ok := LookupCheck(rr.CheckID)
		if !ok {
			return nil, fmt.Errorf("OCSF report: unknown check %q", rr.CheckID)
		}
		for _, f := range rr.Findings {
			events = append(events, ocsfFinding(res, meta, check, f))
		}
		if len(rr.Errors) > 0 {
			events = append(events, ocsfNotEvaluated(res, meta, check, rr))
		}
	}
	return json.MarshalIndent(events, "", "  ")
}

func ocsfFinding(res Result, meta OCSFMeta, check Check, f Finding) ocsfEvent {
	e := ocsfBase(res, meta, check, f.Severity)
	e.Message = f.Message()
	e.FindingInfo.UID = ocsfUID(meta.TenantUID, f.Fingerprint)
	e.FindingInfo.Desc = fmt.Sprintf("%s: observed %s; allowed %s", f.Subject(), f.ObservedText(), f.Allowed)
	e.setComplianceStatus(ocsfComplianceFail, "Fail")
	shown := f.Escaped() // see Escaped: the events are shown by Terraform
	e.Resources = []ocsfResource{{UID: f.SubjectID, Name: shown.SubjectName, Type: f.SubjectKind}}
	e.Remediation.Desc = firstNonEmpty(f.Remediation, check.Remediation)
	e.Unmapped = map[string]any{"observed": shown.Observed, "allowed": f.Allowed, "enforcement": f.Enforcement, "fingerprint": f.Fingerprint}
	if f.SubKey != "" {
		e.Unmapped["sub_key"] = shown.SubKey
	}
	switch {
	case f.Waived:
		e.StatusID, e.Status = ocsfStatusSuppressed, "Suppressed"
		e.StatusDetail = fmt.Sprintf("waived until %s: %s", f.WaiverExpires, f.WaiverJustification)
		e.Unmapped["waiver"] = map[string]any{"justification": f.WaiverJustification, "expires": f.WaiverExpires}
	case f.WaiverExpired:
		e.StatusDetail = "waiver expired on " + f.WaiverExpires
		e.Unmapped["waiver_expired"] = f.WaiverExpires
	}
	return e
}

// ocsfNotEvaluated is the event of a rule that failed closed. Its uid is a
// fingerprint of the check (and tenant) alone, so it is stable across runs.
func ocsfNotEvaluated(res Result, meta OCSFMeta, check Check, rr RuleResult) ocsfEvent {
	e := ocsfBase(res, meta, check, rr.Severity)
	fp := Fingerprint(rr.CheckID, "", "not-evaluated")
	e.FindingInfo.UID = ocsfUID(meta.TenantUID, fp)
	e.Unmapped = map[string]any{"fingerprint": fp}
	e.Message = fmt.Sprintf("check %s could not be evaluated; it fails closed", rr.CheckID)
	e.setComplianceStatus(ocsfComplianceWarn, "Warning")
	for _, de := range rr.Errors {
		e.Compliance.StatusDetails = append(e.Compliance.StatusDetails, de.Error())
	}
	e.Remediation.Desc = "Grant the API key the scopes this check needs, or fix what made the data unreadable; " +
		"the check reports nothing until it can read it."
	return e
}

func ocsfBase(res Result, meta OCSFMeta, check Check, sev Severity) ocsfEvent {
	if sev == "" {
		sev = check.Severity
	}
	id, caption := ocsfSeverity(sev)
	return ocsfEvent{
		ActivityID: ocsfActivityCreate, ActivityName: "Create",
		CategoryUID: ocsfCategoryUID, CategoryName: "Findings",
		ClassUID: ocsfClassUID, ClassName: "Compliance Finding",
		TypeUID: ocsfTypeUIDCreate, TypeName: "Compliance Finding: Create",
		SeverityID: id, Severity: caption,
		Time:     res.GeneratedAt.UnixMilli(),
		StatusID: ocsfStatusNew, Status: "New",
		Metadata: ocsfMetadata{
			Version: OCSFSchemaVersion, LogName: "openai_posture_findings", TenantUID: meta.TenantUID,
			Product: ocsfProduct{Name: "terraform-provider-openai posture", VendorName: "openai-posture", Version: meta.Version},
		},
		FindingInfo: ocsfFindingInfo{Title: check.Title, Types: []string{"Compliance", "OpenAI posture"}},
		Compliance: ocsfFrameworks(ocsfCompliance{
			Control: check.ID, Requirements: []string{check.ID + ": " + check.Title},
			Standards: []string{ocsfStandard}, Desc: check.Description,
		}, CheckControls(check.ID)),
	}
}

// ocsfFrameworks adds the check's framework tags where OCSF 1.8.0 puts
// them: each framework's title in standards, each tag with its control's
// title in requirements ("iso27001:A.5.15 - Access control"), and each
// control as a compliance check (the deprecated compliance_references and
// compliance_standards point to checks instead). The status of each check is
// set with the event's (setComplianceStatus).
func ocsfFrameworks(c ocsfCompliance, tags []string) ocsfCompliance {
	for _, tag := range tags {
		f, ctl, ok := lookupControl(tag)
		if !ok {
			// TestFrameworkTagsAreControls keeps this from happening; a tag
			// that is not a control is left out rather than invented.
			continue
		}
		if !slices.Contains(c.Standards, f.Title) {
			c.Standards = append(c.Standards, f.Title)
		}
		c.Requirements = append(c.Requirements, tag+" - "+ctl.Title)
		c.Checks = append(c.Checks, ocsfCheck{UID: ctl.ID, Name: ctl.Title, Standards: []string{f.Title}})
	}
	return c
}

// setComplianceStatus sets the compliance status of the event and of each
// framework control it carries: the finding is evidence against each alike.
func (e *ocsfEvent) setComplianceStatus(id int, caption string) {
	e.Compliance.StatusID, e.Compliance.Status = id, caption
	for i := range e.Compliance.Checks {
		e.Compliance.Checks[i].StatusID, e.Compliance.Checks[i].Status = id, caption
	}
}

// ocsfSeverity maps a severity to OCSF severity_id and its caption
// (1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical). An unknown
// severity maps to High rather than something lower: fail closed.
func ocsfSeverity(s Severity) (int, string) {
	switch s {
	case SeverityCritical:
		return 5, "Critical"
	case SeverityHigh:
		return 4, "High"
	case SeverityMedium:
		return 3, "Medium"
	case SeverityLow:
		return 2, "Low"
	default:
		return 4, "High"
	}
}
