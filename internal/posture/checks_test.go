package posture

import (
	"errors"
	"strings"
	"testing"
)

// checkCase drives the five behaviours every check must have: failing,
// passing, waived, expired waiver, and unreadable data.
type checkCase struct {
	id     string
	params Params
	// fail puts one violating subject into a compliant snapshot.
	fail func(*Snapshot)
	// subject is the id of the violating subject; observed a substring of
	// what the finding must say it saw.
	subject  string
	observed string
	// pass puts a compliant version of the same subject in.
	pass func(*Snapshot)
	// unreadable makes the data the check needs unreadable (applied after
	// fail); collection is the collection the error must name.
	unreadable func(*Snapshot)
	collection CollectionID
}

func checkCases() []checkCase {
	unreadableAdminKeys := func(s *Snapshot) {
		s.AdminAPIKeys = Unreadable[AdminAPIKey]("GET /v1/organization/admin_api_keys", errForbidden)
	}
	unreadableProjectKeys := func(s *Snapshot) {
		ps := s.Projects.Items
		ps[0].APIKeys = Unreadable[ProjectAPIKey]("", errors.New("HTTP 500 after 3 retries"))
		s.Projects = Loaded(ps...)
	}
	unreadableGPTs := func(s *Snapshot) {
		s.GPTs = Unreadable[GPT]("", errors.New("compliance API key not configured"))
	}
	gptWith := func(mut func(*GPT)) func(*Snapshot) {
		return func(s *Snapshot) {
			g := gpt("g-1")
			mut(&g)
			withGPT(s, g)
		}
	}
	toolGPT := func(tools ...GPTTool) func(*Snapshot) {
		return gptWith(func(g *GPT) { g.Config.Tools = tools })
	}
	action := func(domain, auth string) GPTTool {
		return GPTTool{Type: "custom_action", ActionDomain: domain, AuthType: auth, ActionOpenAPIRaw: "openapi: 3.1.0"}
	}
	projectWith := func(mut func(*Project)) func(*Snapshot) {
		return func(s *Snapshot) {
			p := project("proj_a")
			mut(&p)
			s.Projects = Loaded(p)
		}
	}
	secret := "sk-" + "proj-" + "TESTONLYfake0123456789abcd" // openai-prefixed-api-key (no gitleaks marker)

	return append([]checkCase{
		{
			id: "admin_key_rotation",
			fail: func(s *Snapshot) {
				s.AdminAPIKeys = Loaded(AdminAPIKey{ID: "key_old", Name: "ci", CreatedAt: ago(200), LastUsedAt: ago(1)})
			},
			pass: func(s *Snapshot) {
				s.AdminAPIKeys = Loaded(AdminAPIKey{ID: "key_old", Name: "ci", CreatedAt: ago(10), LastUsedAt: ago(1)})
			},
			subject: "key_old", observed: "200 days old",
			unreadable: unreadableAdminKeys, collection: CollectionAdminAPIKeys,
		},
		{
			id: "project_key_rotation",
			fail: func(s *Snapshot) {
				k := projectKey("key_p")
				k.CreatedAt = ago(120)
				withProjectKey(s, k)
			},
			pass:    func(s *Snapshot) { withProjectKey(s, projectKey("key_p")) },
			subject: "key_p", observed: "120 days old",
			unreadable: unreadableProjectKeys, collection: CollectionProjectAPIKeys,
		},
		{
			id: "admin_key_unused",
			fail: func(s *Snapshot) {
				s.AdminAPIKeys = Loaded(AdminAPIKey{ID: "key_idle", CreatedAt: ago(300), LastUsedAt: ago(100)})
			},
			pass: func(s *Snapshot) {
				s.AdminAPIKeys = Loaded(AdminAPIKey{ID: "key_idle", CreatedAt: ago(300), LastUsedAt: ago(3)})
			},
			subject: "key_idle", observed: "last used 100 days ago",
			unreadable: unreadableAdminKeys, collection: CollectionAdminAPIKeys,
		},
		{
			id: "project_key_unused",
			fail: func(s *Snapshot) {
				k := projectKey("key_never")
				k.CreatedAt, k.LastUsedAt = ago(60), nil
				withProjectKey(s, k)
			},
			pass:    func(s *Snapshot) { withProjectKey(s, projectKey("key_never")) },
			subject: "key_never", observed: "never used",
			unreadable: unreadableProjectKeys, collection: CollectionProjectAPIKeys,
		},
		{
			id:   "key_no_expiry",
			fail: func(s *Snapshot) { s.AdminAPIKeys = Loaded(AdminAPIKey{ID: "key_forever", CreatedAt: ago(1)}) },
			pass: func(s *Snapshot) {
				s.AdminAPIKeys = Loaded(AdminAPIKey{ID: "key_forever", CreatedAt: ago(1), ExpiresAt: ahead(30)})
			},
			subject: "key_forever", observed: "no expiry",
			unreadable: unreadableAdminKeys, collection: CollectionAdminAPIKeys,
		},
		{
			id: "key_owner_lost_access",
			fail: func(s *Snapshot) {
				k := projectKey("key_orphan")
				k.OwnerType, k.OwnerEmail, k.OwnerProjectAccess = "user", "gone@example.com", "inactive"
				withProjectKey(s, k)
			},
			pass:    func(s *Snapshot) { withProjectKey(s, projectKey("key_orphan")) },
			subject: "key_orphan", observed: "owner_project_access inactive",
			unreadable: unreadableProjectKeys, collection: CollectionProjectAPIKeys,
		},
		{
			id:     "key_user_owned",
			params: Params{"projects": ListValue("Project proj_a")},
			fail: func(s *Snapshot) {
				k := projectKey("key_mine")
				k.OwnerType, k.OwnerEmail = "user", "dev@example.com"
				withProjectKey(s, k)
			},
			pass:    func(s *Snapshot) { withProjectKey(s, projectKey("key_mine")) },
			subject: "key_mine", observed: `owned by user "dev@example.com"`,
			unreadable: unreadableProjectKeys, collection: CollectionProjectAPIKeys,
		},
		{
			id: "archived_project_keys",
			fail: projectWith(func(p *Project) {
				p.Status, p.ArchivedAt = "archived", ago(5)
				p.APIKeys = Loaded(projectKey("key_left"))
			}),
			pass:    projectWith(func(p *Project) { p.Status = "archived" }),
			subject: "proj_a", observed: "archived with 1 API key",
			unreadable: func(s *Snapshot) {
				ps := s.Projects.Items
				ps[0].APIKeys = Unreadable[ProjectAPIKey]("", errors.New("HTTP 400: project is archived"))
				s.Projects = Loaded(ps...)
			},
			collection: CollectionProjectAPIKeys,
		},
		{
			id: "invite_high_privilege",
			fail: func(s *Snapshot) {
				s.Invites = Loaded(Invite{ID: "invite-1", Email: "new@example.com", Role: "reader", Status: "pending", CreatedAt: ago(1),
					Projects: []InviteProject{{ID: "proj_a", Role: "owner"}}})
			},
			pass: func(s *Snapshot) {
				s.Invites = Loaded(Invite{ID: "invite-1", Email: "new@example.com", Role: "reader", Status: "pending", CreatedAt: ago(1),
					Projects: []InviteProject{{ID: "proj_a", Role: "member"}}})
			},
			subject: "invite-1", observed: "owner of project proj_a",
			unreadable: func(s *Snapshot) { s.Invites = Unreadable[Invite]("", errForbidden) }, collection: CollectionInvites,
		},
		{
			id: "invite_stale",
			fail: func(s *Snapshot) {
				s.Invites = Loaded(Invite{ID: "invite-2", Email: "late@example.com", Role: "reader", Status: "pending", CreatedAt: ago(30)})
			},
			pass: func(s *Snapshot) {
				s.Invites = Loaded(Invite{ID: "invite-2", Email: "late@example.com", Role: "reader", Status: "pending", CreatedAt: ago(3)})
			},
			subject: "invite-2", observed: "pending for 30 days",
			unreadable: func(s *Snapshot) { s.Invites = Unreadable[Invite]("", errForbidden) }, collection: CollectionInvites,
		},
		{
			id: "user_inactive",
			fail: func(s *Snapshot) {
				s.OrgUsers = Loaded(OrgUser{ID: "user_idle", Email: "idle@example.com", Role: strPtr("reader"), AddedAt: ago(500), APIKeyLastUsedAt: ago(200)})
			},
			pass: func(s *Snapshot) {
				s.OrgUsers = Loaded(OrgUser{ID: "user_idle", Email: "idle@example.com", Role: strPtr("reader"), AddedAt: ago(500), APIKeyLastUsedAt: ago(2)})
			},
			subject: "user_idle", observed: "last active 200 days ago",
			unreadable: func(s *Snapshot) { s.OrgUsers = Unreadable[OrgUser]("", errForbidden) }, collection: CollectionOrgUsers,
		},
		{
			id:     "owner_count",
			params: Params{"scope": StringValue("org")},
			fail: func(s *Snapshot) {
				var us []OrgUser
				for _, id := range []string{"u1", "u2", "u3", "u4", "u5"} {
					us = append(us, OrgUser{ID: id, Email: id + "@example.com", Role: strPtr("owner")})
				}
				s.OrgUsers = Loaded(us...)
			},
			pass: func(s *Snapshot) {
				s.OrgUsers = Loaded(OrgUser{ID: "u1", Role: strPtr("owner")}, OrgUser{ID: "u2", Role: strPtr("reader")})
			},
			subject: "organization", observed: "5 owners",
			unreadable: func(s *Snapshot) { s.OrgUsers = Unreadable[OrgUser]("", errForbidden) }, collection: CollectionOrgUsers,
		},
		{
			id: "user_not_scim",
			fail: func(s *Snapshot) {
				s.OrgUsers = Loaded(OrgUser{ID: "user_manual", Email: "m@example.com", IsSCIMManaged: boolPtr(false)})
			},
			pass: func(s *Snapshot) {
				s.OrgUsers = Loaded(OrgUser{ID: "user_manual", Email: "m@example.com", IsSCIMManaged: boolPtr(true)})
			},
			subject: "user_manual", observed: "is_scim_managed false",
			unreadable: func(s *Snapshot) { s.OrgUsers = Unreadable[OrgUser]("", errForbidden) }, collection: CollectionOrgUsers,
		},
		{
			id:      "gpt_custom_actions",
			fail:    toolGPT(action("api.vendor.test", "oauth")),
			pass:    toolGPT(GPTTool{Type: "dall-e"}),
			subject: "g-1", observed: `custom action to "api.vendor.test"`,
			unreadable: unreadableGPTs, collection: CollectionGPTs,
		},
		{
			id:      "gpt_code_interpreter",
			fail:    toolGPT(GPTTool{Type: "code_interpreter"}),
			pass:    toolGPT(GPTTool{Type: "dall-e"}),
			subject: "g-1", observed: "tool code_interpreter enabled",
			unreadable: unreadableGPTs, collection: CollectionGPTs,
		},
		{
			id:      "gpt_web_browsing",
			fail:    toolGPT(GPTTool{Type: "browser"}),
			pass:    toolGPT(GPTTool{Type: "memory"}),
			subject: "g-1", observed: "tool browser enabled",
			unreadable: unreadableGPTs, collection: CollectionGPTs,
		},
		{
			id:      "gpt_public_store",
			fail:    gptWith(func(g *GPT) { g.Visibility = "gpt-store" }),
			pass:    gptWith(func(g *GPT) { g.Visibility = "workspace" }),
			subject: "g-1", observed: "visibility gpt-store",
			unreadable: unreadableGPTs, collection: CollectionGPTs,
		},
		{
			id:      "gpt_public_link",
			fail:    gptWith(func(g *GPT) { g.Visibility = "anyone-with-link" }),
			pass:    gptWith(func(g *GPT) { g.Visibility = "invite-only" }),
			subject: "g-1", observed: "visibility anyone-with-link",
			unreadable: unreadableGPTs, collection: CollectionGPTs,
		},
		{
			id:      "gpt_workspace_shared",
			fail:    gptWith(func(g *GPT) { g.Visibility = "workspace-with-link" }),
			pass:    gptWith(func(g *GPT) { g.Visibility = "invite-only" }),
			subject: "g-1", observed: "visibility workspace-with-link",
			unreadable: unreadableGPTs, collection: CollectionGPTs,
		},
		{
			id:      "gpt_action_domain",
			params:  Params{"allowed_domains": ListValue("*.example.com")},
			fail:    toolGPT(action("api.evil.test", "oauth")),
			pass:    toolGPT(action("api.example.com", "oauth")),
			subject: "g-1", observed: `action calls "api.evil.test"`,
			unreadable: unreadableGPTs, collection: CollectionGPTs,
		},
		{
			id:      "gpt_action_no_auth",
			fail:    toolGPT(action("api.example.com", "none")),
			pass:    toolGPT(action("api.example.com", "service_http")),
			subject: "g-1", observed: "auth_type none",
			unreadable: unreadableGPTs, collection: CollectionGPTs,
		},
		{
			id:     "gpt_external_share",
			params: Params{"allowed_domains": ListValue("example.com")},
			// Truncated embedded recipients: shared_users completes them.
			fail: gptWith(func(g *GPT) {
				g.RecipientsIncomplete = true
				g.SharedUsers = Loaded(GPTRecipient{ID: "user-ext", Email: "someone@partner.test"})
			}),
			pass: gptWith(func(g *GPT) {
				g.RecipientsIncomplete = true
				g.SharedUsers = Loaded(GPTRecipient{ID: "user-int", Email: "someone@example.com"})
			}),
			subject: "g-1", observed: `shared with "someone@partner.test"`,
			unreadable: func(s *Snapshot) {
				g := s.GPTs.Items[0]
				g.RecipientsIncomplete = true
				g.SharedUsers = Unreadable[GPTRecipient]("", errors.New("HTTP 429 after retries"))
				s.GPTs = Loaded(g)
			},
			collection: CollectionGPTSharedUsers,
		},
		{
			id: "gpt_shared_editable",
			fail: gptWith(func(g *GPT) {
				g.Recipients[0].Permissions = &GPTPermissions{CanRead: true, CanWrite: true}
			}),
			pass:    gptWith(func(g *GPT) {}),
			subject: "g-1", observed: "can edit (can_write)",
			unreadable: unreadableGPTs, collection: CollectionGPTs,
		},
		{
			id: "gpt_orphaned",
			fail: func(s *Snapshot) {
				withGPT(s, gpt("g-1"))
				s.WorkspaceUsers = Loaded(WorkspaceUser{ID: "user-owner", Email: "owner@example.com", Status: "inactive"})
			},
			pass:    func(s *Snapshot) { withGPT(s, gpt("g-1")) },
			subject: "g-1", observed: `owner "owner@example.com" is inactive`,
			unreadable: func(s *Snapshot) { s.WorkspaceUsers = Unreadable[WorkspaceUser]("", errForbidden) },
			collection: CollectionWorkspaceUsers,
		},
		{
			id:      "chatgpt_project_public_link",
			fail:    projectCase(func(p *ChatGPTProject) { p.Visibility = "anyone-with-link" }),
			pass:    projectCase(func(p *ChatGPTProject) {}),
			subject: "g-p-1", observed: "visibility anyone-with-link",
			unreadable: unreadableChatGPTProjects, collection: CollectionChatGPTProjects,
		},
		{
			id:     "chatgpt_project_external_share",
			params: Params{"allowed_domains": ListValue("example.com")},
			// Truncated embedded recipients: shared_users completes them.
			fail: projectCase(func(p *ChatGPTProject) {
				p.RecipientsIncomplete = true
				p.SharedUsers = Loaded(GPTRecipient{ID: "user-ext", Email: "someone@partner.test"})
			}),
			pass: projectCase(func(p *ChatGPTProject) {
				p.RecipientsIncomplete = true
				p.SharedUsers = Loaded(GPTRecipient{ID: "user-int", Email: "someone@example.com"})
			}),
			subject: "g-p-1", observed: `shared with "someone@partner.test"`,
			unreadable: func(s *Snapshot) {
				p := s.ChatGPTProjects.Items[0]
				p.RecipientsIncomplete = true
				p.SharedUsers = Unreadable[GPTRecipient]("", errors.New("HTTP 429 after retries"))
				s.ChatGPTProjects = Loaded(p)
			},
			collection: CollectionChatGPTProjectSharedUsers,
		},
		{
			id: "chatgpt_project_shared_editable",
			fail: projectCase(func(p *ChatGPTProject) {
				p.Recipients[0].Permissions = &GPTPermissions{CanRead: true, CanWrite: true}
			}),
			pass:    projectCase(func(p *ChatGPTProject) {}),
			subject: "g-p-1", observed: "can edit (can_write)",
			unreadable: unreadableChatGPTProjects, collection: CollectionChatGPTProjects,
		},
		{
			id:      "chatgpt_project_custom_actions",
			fail:    projectCase(func(p *ChatGPTProject) { p.Tools = []GPTTool{{Type: "custom_action", ActionDomain: "api.vendor.test"}} }),
			pass:    projectCase(func(p *ChatGPTProject) {}),
			subject: "g-p-1", observed: `custom action to "api.vendor.test"`,
			unreadable: unreadableChatGPTProjects, collection: CollectionChatGPTProjects,
		},
		{
			id:      "chatgpt_project_action_domain",
			params:  Params{"allowed_domains": ListValue("*.example.com")},
			fail:    projectCase(func(p *ChatGPTProject) { p.Tools = []GPTTool{{Type: "custom_action", ActionDomain: "api.evil.test"}} }),
			pass:    projectCase(func(p *ChatGPTProject) { p.Tools = []GPTTool{{Type: "custom_action", ActionDomain: "api.example.com"}} }),
			subject: "g-p-1", observed: `action calls "api.evil.test"`,
			unreadable: unreadableChatGPTProjects, collection: CollectionChatGPTProjects,
		},
		{
			id:     "dlp_conversation_file",
			params: Params{"patterns": ListValue("*.pem", "re:(?i)payroll")},
			fail: func(s *Snapshot) {
				s.Conversations = Loaded(Conversation{ID: "conv-1", Title: "deploy", UserID: "user-a", UserEmail: "a@example.com", LastActiveAt: ago(1), Files: []string{"notes.txt", "Prod.PEM"}})
			},
			pass: func(s *Snapshot) {
				s.Conversations = Loaded(Conversation{ID: "conv-1", Title: "deploy", UserID: "user-a", LastActiveAt: ago(1), Files: []string{"notes.txt", "pem-guide.md"}})
			},
			subject: "conv-1", observed: `file "Prod.PEM" matches pattern "*.pem"`,
			unreadable: func(s *Snapshot) { s.Conversations = Unreadable[Conversation]("", errForbidden) },
			collection: CollectionConversations,
		},
		{
			id:      "dlp_gpt_file",
			params:  Params{"patterns": ListValue("re:(?i)salar(y|ies)")},
			fail:    gptWith(func(g *GPT) { g.Config.Files = []string{"handbook.pdf", "Salaries-2026.xlsx"} }),
			pass:    gptWith(func(g *GPT) { g.Config.Files = []string{"handbook.pdf"} }),
			subject: "g-1", observed: "Salaries-2026.xlsx",
			unreadable: unreadableGPTs, collection: CollectionGPTs,
		},
		{
			id:     "dlp_project_file",
			params: Params{"patterns": ListValue("id_rsa*")},
			fail: func(s *Snapshot) {
				s.ChatGPTProjects = Loaded(ChatGPTProject{ID: "g-p-1", Name: "infra", OwnerEmail: "o@example.com", Files: []string{"id_rsa.pub"}})
			},
			pass: func(s *Snapshot) {
				s.ChatGPTProjects = Loaded(ChatGPTProject{ID: "g-p-1", Name: "infra", Files: []string{"readme.md"}})
			},
			subject: "g-p-1", observed: `file "id_rsa.pub"`,
			unreadable: func(s *Snapshot) { s.ChatGPTProjects = Unreadable[ChatGPTProject]("", errForbidden) },
			collection: CollectionChatGPTProjects,
		},
		{
			id:      "dlp_gpt_instructions",
			fail:    gptWith(func(g *GPT) { g.Config.Instructions = "Use key " + secret + " for lookups." }),
			pass:    gptWith(func(g *GPT) { g.Config.Instructions = "Use the action's configured API key." }),
			subject: "g-1", observed: "openai-prefixed-api-key in instructions: sk-p…[redacted]",
			unreadable: unreadableGPTs, collection: CollectionGPTs,
		},
		{
			id:     "project_hosted_tools",
			params: Params{"allowed_tools": ListValue("file_search")},
			fail: projectWith(func(p *Project) {
				p.HostedToolPermissions.Item.Enabled = map[string]bool{"code_interpreter": false, "file_search": true, "image_generation": false, "mcp": false, "web_search": true}
			}),
			pass:    projectWith(func(p *Project) {}),
			subject: "proj_a", observed: "web_search enabled",
			unreadable: func(s *Snapshot) {
				ps := s.Projects.Items
				ps[0].HostedToolPermissions = UnreadableValue[HostedToolPermissions]("", errForbidden)
				s.Projects = Loaded(ps...)
			},
			collection: CollectionProjectHostedToolPermissions,
		},
		{
			id:      "project_model_permissions",
			fail:    projectWith(func(p *Project) { p.ModelPermissions = LoadedValue(ModelPermissions{}) }),
			pass:    projectWith(func(p *Project) {}),
			subject: "proj_a", observed: "no model permissions configured",
			unreadable: func(s *Snapshot) {
				ps := s.Projects.Items
				ps[0].ModelPermissions = UnreadableValue[ModelPermissions]("", errForbidden)
				s.Projects = Loaded(ps...)
			},
			collection: CollectionProjectModelPermissions,
		},
		{
			id:      "spend_limit",
			fail:    func(s *Snapshot) { s.SpendLimit = LoadedValue(SpendLimit{Configured: false}) },
			pass:    func(s *Snapshot) {},
			subject: "organization", observed: "no spend limit configured",
			unreadable: func(s *Snapshot) { s.SpendLimit = UnreadableValue[SpendLimit]("", errors.New("HTTP 502")) },
			collection: CollectionSpendLimit,
		},
		{
			id:      "data_retention",
			params:  Params{"mode": StringValue("zero_data_retention")},
			fail:    projectWith(func(p *Project) { p.DataRetention = LoadedValue(DataRetention{Type: "none"}) }),
			pass:    projectWith(func(p *Project) {}),
			subject: "proj_a", observed: "retention type none",
			unreadable: func(s *Snapshot) {
				ps := s.Projects.Items
				ps[0].DataRetention = UnreadableValue[DataRetention]("", errForbidden)
				s.Projects = Loaded(ps...)
			},
			collection: CollectionProjectDataRetention,
		},
		{
			id: "certificate_expiry",
			fail: func(s *Snapshot) {
				s.Certificates = Loaded(Certificate{ID: "cert_1", Name: "edge", Active: true, ExpiresAt: ahead(5)})
			},
			pass: func(s *Snapshot) {
				s.Certificates = Loaded(Certificate{ID: "cert_1", Name: "edge", Active: true, ExpiresAt: ahead(200)})
			},
			subject: "cert_1", observed: "(in 5 days)",
			unreadable: func(s *Snapshot) { s.Certificates = Unreadable[Certificate]("", errForbidden) },
			collection: CollectionCertificates,
		},
		{
			id: "audit_logging",
			fail: func(s *Snapshot) {
				s.AuditLogs = DeniedCollection[AuditEvent]("GET /v1/organization/audit_logs", errForbidden)
			},
			pass:    func(s *Snapshot) {},
			subject: "organization", observed: "refused: HTTP 403",
			// A 5xx says nothing about the setting: an error, not a pass.
			unreadable: func(s *Snapshot) { s.AuditLogs = Unreadable[AuditEvent]("", errors.New("HTTP 503 after retries")) },
			collection: CollectionAuditLogs,
		},
		{
			id: "risky_admin_events",
			fail: func(s *Snapshot) {
				s.AuditLogs = Loaded(AuditEvent{ID: "audit_log-1", Type: "scim.disabled", EffectiveAt: ago(2), ActorType: "session", ActorEmail: "admin@example.com"})
			},
			pass: func(s *Snapshot) {
				s.AuditLogs = Loaded(
					AuditEvent{ID: "audit_log-1", Type: "scim.disabled", EffectiveAt: ago(30), ActorType: "session"},
					AuditEvent{ID: "audit_log-2", Type: "project.created", EffectiveAt: ago(1), ActorType: "session"},
				)
			},
			subject: "audit_log-1", observed: `SCIM provisioning disabled (scim.disabled) by "admin@example.com" (session)`,
			unreadable: func(s *Snapshot) { s.AuditLogs = Unreadable[AuditEvent]("", errors.New("HTTP 500")) },
			collection: CollectionAuditLogs,
		},
	}, append(contentCheckCases(), rbacCheckCases()...)...)
}

func run(t *testing.T, snap Snapshot, rule Rule) RuleResult {
	t.Helper()
	if _, errs := ValidateRule(rule); len(errs) > 0 {
		t.Fatalf("rule invalid: %v", errs)
	}
	return EvaluateRule(snap, rule)
}

// subjectWaivers waives the subject's findings: one waiver of the subject,
// or, for a check whose waivers must name their finding, one waiver per
// finding the subject has in the failing data.
func subjectWaivers(t *testing.T, failing Snapshot, tc checkCase, justification, expires string) []Waiver {
	t.Helper()
	c, _ := LookupCheck(tc.id)
	if !c.WaiversNameFinding {
		return []Waiver{{Subject: tc.subject, Justification: justification, Expires: expires}}
	}
	var ws []Waiver
	for _, f := range EvaluateRule(failing, Rule{CheckID: tc.id, Params: tc.params}).Findings {
		if f.SubjectID == tc.subject {
			ws = append(ws, Waiver{Subject: tc.subject, Finding: f.Fingerprint, Justification: justification, Expires: expires})
		}
	}
	if len(ws) == 0 {
		t.Fatalf("no finding of %s on %s to waive", tc.id, tc.subject)
	}
	return ws
}

func findingFor(rr RuleResult, subject string) (Finding, bool) {
	for _, f := range rr.Findings {
		if f.SubjectID == subject {
			return f, true
		}
	}
	return Finding{}, false
}

func TestEveryCatalogCheckHasFiveCases(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range checkCases() {
		covered[c.id] = true
	}
	for _, id := range CheckIDs() {
		if !covered[id] {
			t.Errorf("check %s has no test case", id)
		}
	}
	if len(covered) != len(CheckIDs()) {
		t.Errorf("%d cases for %d checks", len(covered), len(CheckIDs()))
	}
}

func TestChecks(t *testing.T) {
	for _, tc := range checkCases() {
		t.Run(tc.id, func(t *testing.T) {
			failing := emptySnapshot()
			tc.fail(&failing)

			t.Run("fails", func(t *testing.T) {
				rr := run(t, failing, Rule{CheckID: tc.id, Params: tc.params})
				if len(rr.Errors) > 0 {
					t.Fatalf("unexpected errors: %v", rr.Errors)
				}
				f, ok := findingFor(rr, tc.subject)
				if !ok {
					t.Fatalf("no finding for %s; got %+v", tc.subject, rr.Findings)
				}
				if !strings.Contains(f.Observed, tc.observed) {
					t.Errorf("observed = %q, want it to contain %q", f.Observed, tc.observed)
				}
				if f.Allowed == "" || f.Remediation == "" || f.Fingerprint == "" || f.SubjectKind == "" {
					t.Errorf("incomplete finding: %+v", f)
				}
				if f.CheckID != tc.id || f.Enforcement != EnforcementError || f.Waived {
					t.Errorf("wrong finding metadata: %+v", f)
				}
				if rr.Passed() {
					t.Error("rule with an unwaived finding passed")
				}
			})

			t.Run("passes", func(t *testing.T) {
				snap := emptySnapshot()
				tc.pass(&snap)
				rr := run(t, snap, Rule{CheckID: tc.id, Params: tc.params})
				if !rr.Passed() {
					t.Fatalf("compliant data did not pass: findings %+v errors %v", rr.Findings, rr.Errors)
				}
			})

			t.Run("waived", func(t *testing.T) {
				rr := run(t, failing, Rule{CheckID: tc.id, Params: tc.params, Waivers: subjectWaivers(t, failing, tc, "accepted by security review SEC-1", "2026-12-31")})
				f, ok := findingFor(rr, tc.subject)
				if !ok {
					t.Fatal("waived finding was dropped")
				}
				if !f.Waived || f.WaiverExpired || f.WaiverJustification != "accepted by security review SEC-1" || f.WaiverExpires != "2026-12-31" {
					t.Errorf("finding not waived: %+v", f)
				}
				if !rr.Passed() {
					t.Errorf("fully waived rule did not pass: %+v", rr.Unwaived())
				}
			})

			t.Run("expired waiver", func(t *testing.T) {
				rr := run(t, failing, Rule{CheckID: tc.id, Params: tc.params, Waivers: subjectWaivers(t, failing, tc, "temporary", "2026-06-01")})
				f, ok := findingFor(rr, tc.subject)
				if !ok {
					t.Fatal("finding missing")
				}
				if f.Waived || !f.WaiverExpired || f.WaiverExpires != "2026-06-01" {
					t.Errorf("expired waiver still suppresses or is not reported: %+v", f)
				}
				if !strings.Contains(f.Message(), "waiver expired on 2026-06-01") {
					t.Errorf("message %q does not say the waiver expired", f.Message())
				}
				if rr.Passed() {
					t.Error("rule passed with an expired waiver")
				}
			})

			t.Run("unreadable", func(t *testing.T) {
				snap := emptySnapshot()
				tc.fail(&snap)
				tc.unreadable(&snap)
				rr := run(t, snap, Rule{CheckID: tc.id, Params: tc.params})
				if rr.Passed() {
					t.Fatal("check passed on unreadable data")
				}
				var found bool
				for _, e := range rr.Errors {
					if e.Collection == tc.collection {
						found = true
						if e.Endpoint == "" || !strings.Contains(e.Error(), e.Endpoint) || e.Cause == "" {
							t.Errorf("error does not name the endpoint and cause: %v", e)
						}
					}
				}
				if !found {
					t.Fatalf("no error naming %s; errors %v", tc.collection, rr.Errors)
				}
			})
		})
	}
}

func TestNotLoadedCollectionFailsClosed(t *testing.T) {
	// The zero Snapshot (beyond Now) has read nothing: every check errors.
	for _, c := range Catalog() {
		rule := Rule{CheckID: c.ID}
		for _, tc := range checkCases() {
			if tc.id == c.ID {
				rule.Params = tc.params
			}
		}
		rr := EvaluateRule(Snapshot{Now: testNow}, rule)
		if len(rr.Errors) == 0 || rr.Passed() {
			t.Errorf("%s passed on an empty snapshot: %+v", c.ID, rr)
			continue
		}
		if !strings.Contains(rr.Errors[0].Error(), "not loaded") {
			t.Errorf("%s: error %q does not say the data was not loaded", c.ID, rr.Errors[0])
		}
	}
}
