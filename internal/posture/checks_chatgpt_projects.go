package posture

// ChatGPT projects have the GPTs' sharing model and tools (Compliance API
// /projects), so these checks run the GPT checks' judgements over the
// projects (shared_agents.go). A third-party project, sent without owner and
// sharing, is reported by the sharing checks as a third-party project
// (subject kind third_party_chatgpt_project), not as missing data.

const projectsData = "Compliance API GET /projects"

var _ = register(Check{
	ID: "chatgpt_project_public_link", Title: "ChatGPT project reachable by anyone with the link", Severity: SeverityHigh,
	Description: "Flags ChatGPT projects reachable by anyone with the link or published to the GPT Store, inside or outside the workspace. A project without a reported visibility, with an unknown one, or built by a third party (no sharing sent) is reported too.",
	Data:        projectsData + ": sharing.visibility in anyone-with-link, gpt-store.",
	Remediation: "Change the project's sharing to invite-only (or to the narrowest audience that needs it).",
	SubjectKind: "chatgpt_project",
	needs:       needs(CollectionChatGPTProjects),
	run:         visibilityRun(chatGPTProjectAgents, []string{visibilityAnyoneWithLink, visibilityGPTStore}),
})

var _ = register(Check{
	ID: "chatgpt_project_external_share", Title: "ChatGPT project shared outside verified domains", Severity: SeverityHigh, OptIn: true,
	Description: "Flags ChatGPT projects shared directly with users whose email domain is not in allowed_domains. A recipient without email, recipients that cannot all be read, and third-party projects are reported too.",
	Data:        projectsData + " sharing.recipients and GET /projects/{id}/shared_users: email.",
	Remediation: "Remove the external recipient from the project's sharing, or isolate the project (DELETE /projects/{id}/shared_users).",
	SubjectKind: "chatgpt_project",
	Params:      []ParamSpec{verifiedDomainsParam},
	needs:       needs(CollectionChatGPTProjects, CollectionChatGPTProjectSharedUsers),
	run:         externalShareRun(chatGPTProjectAgents),
})

var _ = register(Check{
	ID: "chatgpt_project_shared_editable", Title: "ChatGPT project shared with edit or view-config permission", Severity: SeverityMedium,
	Description: "Flags ChatGPT projects whose sharing audience or direct recipients may edit the project or view its configuration (instructions, files, action schemas). Permissions not reported whole, and third-party projects, are reported too.",
	Data:        projectsData + ": sharing.permissions and sharing.recipients[].permissions (can_write, can_view_config).",
	Remediation: "Share the project chat-only (can_read); keep editors to the owner.",
	SubjectKind: "chatgpt_project",
	Params: []ParamSpec{{
		Name: "allow_view_config", Kind: ParamBool, Default: BoolValue(false),
		Description: "Accept can_view_config (flag only can_write).",
	}},
	needs: needs(CollectionChatGPTProjects),
	run:   sharedEditableRun(chatGPTProjectAgents),
})

var _ = register(Check{
	ID: "chatgpt_project_custom_actions", Title: "ChatGPT project with custom actions", Severity: SeverityMedium,
	Description: "Flags ChatGPT projects with custom actions, naming each action's domain: each sends conversation data to a third-party API. The project tool model has no authentication type, so there is no separate no-auth check. A tool of a type the catalog does not know, or without a type, is reported too.",
	Data:        projectsData + ": latest_config tools[].type \"custom_action\" (open enum) and action_domain.",
	Remediation: "Remove the action, or waive the project with a justification naming the reviewed API.",
	SubjectKind: "chatgpt_project",
	needs:       needs(CollectionChatGPTProjects),
	run:         customActionsRun(chatGPTProjectAgents),
})

var _ = register(Check{
	ID: "chatgpt_project_action_domain", Title: "ChatGPT project action domain not allowed", Severity: SeverityHigh, OptIn: true,
	Description: "Flags custom actions of ChatGPT projects calling a domain outside allowed_domains, or not naming one.",
	Data:        projectsData + ": latest_config tools[].action_domain of custom actions.",
	Remediation: "Remove the action or point it at an approved API; add the domain to allowed_domains only after review.",
	SubjectKind: "chatgpt_project",
	Params:      []ParamSpec{allowedActionDomainsParam},
	needs:       needs(CollectionChatGPTProjects),
	run:         actionDomainRun(chatGPTProjectAgents),
})
