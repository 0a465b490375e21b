package posture

import (
	"fmt"
	"sort"
	"strings"
)

// hostedTools are the hosted tools a project can enable (Admin API
// projects/{id}/hosted_tool_permissions).
var hostedTools = []string{"code_interpreter", "file_search", "image_generation", "mcp", "web_search"}

func projectSubject(p Project) Finding {
	return Finding{SubjectKind: "project", SubjectID: p.ID, SubjectName: firstNonEmpty(p.Name, p.ID)}
}

var _ = register(Check{
	ID: "archived_project_keys", Title: "Archived project with API keys", Severity: SeverityMedium,
	Description: "Flags archived projects that still hold API keys. The keys are dead weight at best, and come back to life if the project is ever restored.",
	Data:        "Admin API GET /organization/projects?include_archived=true: status (or archived_at when status is absent; a project with keys that sends neither is reported); projects/{id}/api_keys.",
	Remediation: "Delete the project's keys (an archived project's keys cannot be used, so nothing breaks).",
	SubjectKind: "project",
	needs:       needs(CollectionProjects, CollectionProjectAPIKeys),
	run:         runArchivedProjectKeys,
})

func runArchivedProjectKeys(e *evalContext) {
	if !e.need(CollectionProjects, e.snap.Projects) {
		return
	}
	for _, p := range e.snap.Projects.Items {
		// A project whose archived state is not reported may be
		// archived: judged like an archived one, but named as
		// unknown. Without keys it passes either way.
		if (!p.Archived() && !p.ArchivedStateNotReported) || !e.needFor(CollectionProjectAPIKeys, p.ID, p.APIKeys) || len(p.APIKeys.Items) == 0 {
			continue
		}
		state, prefix := "archived", "key:"
		if !p.Archived() {
			state, prefix = "archived state not reported (neither status nor archived_at sent)", "archived_state_not_reported:key:"
		}
		// One finding per key: a waiver accepting the keys of today does
		// not cover a key added later.
		for _, k := range p.APIKeys.Items {
			f := projectSubject(p)
			f.SubKey = prefix + k.ID
			f.Observed = fmt.Sprintf("%s with 1 API key: %s", state, nameOrID(firstNonEmpty(k.RedactedValue, k.ID), k.Name))
			f.Allowed = "no API keys in archived projects"
			e.report(f)
		}
	}
}

var _ = register(Check{
	ID: "project_hosted_tools", Title: "Project enables a hosted tool outside the allowed set", Severity: SeverityMedium, OptIn: true,
	Description: "Flags active projects that enable a hosted tool (web search, code interpreter, MCP...) not in allowed_tools. A tool whose state is not reported is flagged unless allowed.",
	Data:        "Admin API GET /organization/projects/{id}/hosted_tool_permissions: {tool}.enabled.",
	Remediation: "Disable the tool for the project (POST hosted_tool_permissions with enabled=false), or add it to allowed_tools after review.",
	SubjectKind: "project",
	Params: []ParamSpec{{
		Name: "allowed_tools", Kind: ParamStringList, Required: true, Choices: hostedTools,
		Description: "Hosted tools projects may enable (an empty list allows none).",
	}},
	paramWarnings: func(p resolvedParams) []string {
		for _, t := range hostedTools {
			if !containsFold(p.list("allowed_tools"), t) {
				return nil
			}
		}
		return []string{"allowed_tools allows every hosted tool; the check flags only tools whose state is not reported or that it does not know"}
	},
	needs: needs(CollectionProjectHostedToolPermissions),
	run:   runProjectHostedTools,
})

func runProjectHostedTools(e *evalContext) {
	allowed := e.params.list("allowed_tools")
	if !e.need(CollectionProjects, e.snap.Projects) {
		return
	}
	for _, p := range activeProjects(e.snap.Projects.Items) {
		if !e.needFor(CollectionProjectHostedToolPermissions, p.ID, p.HostedToolPermissions) {
			continue
		}
		perms := p.HostedToolPermissions.Item.Enabled
		tools := append([]string{}, hostedTools...)
		for t := range perms {
			if !containsFold(tools, t) {
				tools = append(tools, t)
			}
		}
		sort.Strings(tools)
		for _, t := range tools {
			if containsFold(allowed, t) {
				continue
			}
			enabled, reported := perms[t]
			f := projectSubject(p)
			f.SubKey = t
			f.Allowed = "enabled tools within [" + strings.Join(allowed, ", ") + "]"
			switch {
			case !reported:
				f.SubKey = t + ":state_not_reported" // apart from enabled: a waiver of one never covers the other
				f.Observed = t + " state not reported"
			case enabled:
				f.Observed = t + " enabled"
			default:
				continue
			}
			e.report(f)
		}
	}
}

var _ = register(Check{
	ID: "project_model_permissions", Title: "Project without a model allow-list", Severity: SeverityLow, OptIn: true,
	Description: "Flags active projects without a model allow-list: any model, including new and costly ones, is usable. Opt-in: most organizations do not restrict models.",
	Data:        "Admin API GET /organization/projects/{id}/model_permissions: mode, model_ids (none configured = no restriction).",
	Remediation: "Set an allow-list of approved models (POST model_permissions with mode allow_list).",
	SubjectKind: "project",
	Params: []ParamSpec{{
		Name: "accept_deny_list", Kind: ParamBool, Default: BoolValue(false),
		Description: "Accept a deny-list as a restriction too.",
	}},
	needs: needs(CollectionProjectModelPermissions),
	run:   runProjectModelPermissions,
})

func runProjectModelPermissions(e *evalContext) {
	acceptDeny := e.params.boolean("accept_deny_list")
	if !e.need(CollectionProjects, e.snap.Projects) {
		return
	}
	for _, p := range activeProjects(e.snap.Projects.Items) {
		if !e.needFor(CollectionProjectModelPermissions, p.ID, p.ModelPermissions) {
			continue
		}
		mp := p.ModelPermissions.Item
		f := projectSubject(p)
		f.Allowed = "a model allow_list"
		if acceptDeny {
			f.Allowed = "a model allow_list or deny_list"
		}
		switch {
		case !mp.Configured:
			f.SubKey = "not_configured"
			f.Observed = "no model permissions configured"
		case sameWord(mp.Mode, "allow_list"), sameWord(mp.Mode, "deny_list") && acceptDeny:
			continue
		case mp.Mode == "":
			f.SubKey = "mode_not_reported"
			f.Observed = "model permissions mode not reported"
		default:
			f.SubKey = "mode:" + strings.ToLower(mp.Mode)
			f.Observed = "mode " + mp.Mode
		}
		e.report(f)
	}
}
