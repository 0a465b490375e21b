// Package openaisim is a faithful local simulator of two OpenAI APIs: the Admin API
// (https://api.openai.com/v1/organization/...) and the ChatGPT Enterprise Compliance API
// (https://api.chatgpt.com/v1/compliance/...). Tests, benchmarks and the demo of the
// posture provider run against it; `go run ./cmd/openaisim` serves it on its own.
//
// A Server listens on two loopback ports (one per API, like two hosts), each under /v1:
//
//	s, err := openaisim.New(openaisim.SampleOrg(), openaisim.WithNow(fixed))
//	defer s.Close()
//	s.AdminBaseURL()      // http://127.0.0.1:PORT1/v1
//	s.ComplianceBaseURL() // http://127.0.0.1:PORT2/v1
//
// Behaviour follows /work/shared/api/DIGEST.md; every behaviour the specs leave open is
// marked "GUESS:" in the code with the digest section it concerns.
//
// # Fixture schema
//
// A Fixture is JSON with snake_case names mirroring the API fields. Decoding is strict
// (LoadFixture): unknown fields, wrong JSON types, missing required fields, bad enum
// values (the error lists the choices) and bad timestamps fail with the JSON path, e.g.
// `fixture: projects[2].api_keys[0].owner.type: invalid value "robot"; valid choices:
// user, service_account`.
//
// Timestamps (type Time) are "now", a relative offset "-120d", "-3h", "+30d", "-1d12h"
// (units s m h d w), RFC 3339, or Unix seconds (number). Relative times resolve against
// the server clock fixed at New (WithNow); the Admin API emits integer seconds, the
// Compliance API float seconds.
//
//	{
//	  "comment": "free text",
//	  "organization": {
//	    "id": "org-…", "name": "…",
//	    "data_retention": "zero_data_retention|modified_abuse_monitoring|enhanced_…",  // omitted -> GET 404
//	    "spend_limit": {"threshold_amount": 500000, "currency": "USD", "interval": "month",
//	                    "enforcement": "enforcing|inactive"},                          // omitted -> GET 404
//	    "audit_logs_unreadable": false                                                // true -> audit_logs 403
//	  },
//	  "users":   [{"id", "name", "email"*, "role"*: "owner|reader", "added_at"*, "is_scim_managed",
//	               "is_service_account", "is_default", "api_key_last_used_at", "technical_level",
//	               "developer_persona", "role_ids": [roles assigned directly]}],
//	  "roles":  [{"id"*, "name"*, "description", "permissions": [...], "resource_type" (default
//	               "api.organization"), "predefined_role", "omit_permissions" (true -> no permissions field)}],
//	  "groups": [{"id"*, "name"*, "created_at"*, "is_scim_managed", "group_type": "group|tenant_group",
//	               "user_ids": [org users], "role_ids": [roles]}],   // RBAC lists page with `next`
//	  "invites": [{"id"*, "email"*, "role"*: "owner|reader", "status"*: "pending|accepted|expired",
//	               "created_at"*, "expires_at", "accepted_at", "projects": [{"id", "role": "member|owner"}]}],
//	  "admin_api_keys": [{"id"*, "name", "redacted_value", "created_at"*, "expires_at" (absent = never),
//	               "last_used_at" (absent = never used), "owner"*: {"type": "user|service_account", "id", …}}],
//	  "projects": [{"id"*, "name"*, "status": "active|archived", "created_at"*, "archived_at",
//	               "external_key_id", "residency", "data_retention": "organization_default|none|…",
//	               "hosted_tool_permissions": {"file_search": true, "web_search": true,
//	                    "image_generation": true, "mcp": false, "code_interpreter": true},  // absent tool = enabled
//	               "model_permissions": {"mode": "allow_list|deny_list", "model_ids": [...]},  // absent -> GET 404
//	               "users": [{"id"* (an org user), "role"*: "owner|member", "added_at"*}],
//	               "service_accounts": [{"id"*, "name"*, "role"*: "owner|member|none", "created_at"*}],
//	               "api_keys": [{"id"*, "name"*, "created_at"*, "last_used_at",
//	                    "owner_project_access": "active|inactive", "owner"*: {"type", "id"}}]}],
//	  "certificates": [{"id"*, "name", "created_at"*, "valid_at"*, "expires_at"*, "active", "content"}],
//	  "audit_logs": [{"id"*, "type"* (AuditLogEventType), "effective_at"*, "project": {"id", "name"},
//	               "actor": {AuditLogActor, served verbatim}, "details": {payload under the type key}}],
//	               // tenant-scoped types (tenant.*, role.bound_to_resource, role.unbound_from_resource)
//	               // are served only with tenant_only=true, and tenant_only=true serves only them
//	  "workspace": {
//	    "id"*: "UUID",
//	    "users": [{"id"*, "email"*, "name", "created_at", "role": "account-owner|account-admin|standard-user",
//	               "status": "active|inactive"}],
//	    "gpts": [{"id"*, "created_at", "owner_id", "owner_email", "builder_name",
//	               "sharing": {"visibility"*: "invite-only|workspace-with-link|workspace|anyone-with-link|gpt-store",
//	                           "permissions": {"can_read", "can_view_config", "can_write"},
//	                           "recipients": [{"id", "email", "permissions"}]},
//	               "shared_users": [workspace users; default = the recipients],
//	               "configs"*: [newest first; {"id"*, "name"*, "description", "categories",
//	                    "conversation_starters", "created_at", "instructions", "version_author": {"id", "email"},
//	                    "files": [{"id"*, "name"*, "created_at", "expired"}],
//	                    "tools": [{"type"*: "code_interpreter|browser|dall-e|memory|custom_action", "created_at",
//	                         "action_domain", "action_openapi_raw", "action_privacy_policy_url", "auth_type"}]}]}],
//	    "projects": [same shape as gpts: ChatGPT projects],
//	    "conversations": [{"id"*, "user_id"*, "user_email", "created_at"*, "last_active_at", "title",
//	               "messages": [{"id"*, "parent_id", "created_at", "gpt_id", "project_id",
//	                    "role"*: "user|assistant|system|tool", "tool_name": "python|browser|dalle",
//	                    "content", "files": [...]}]}]
//	  }
//	}
//
// (* = required.) Cross references are checked too: unique ids per collection, project
// users and user-owned keys must be org users, service-account keys must name a service
// account of the project, invite projects must exist, conversations must belong to
// workspace users.
//
// # Embedded fixtures
//
// CleanOrg() (fixtures/clean.json): no check fires at default thresholds.
// SampleOrg() (fixtures/sample.json): seeded violations for every check of CHECKS.md;
// SeededViolations maps check id -> subject ids and the baseline parameters opt-in
// checks need (Seed* variables). audit_logging is seeded in SampleOrgAuditLogsUnreadable().
//
// # Faults, latency, rate limits
//
// InjectFault(endpointKey, Fault{Kind, Times, …}) queues failures per endpoint key
// ("GET /organization/users", see the Endpoint* constants) or AllEndpoints; SetLatency
// delays every request; SetRateLimit / WithRealisticRateLimits install token buckets
// answering 429 + Retry-After; WithTimeScale speeds their refill for fast tests.
// RequestCount / RequestCounts / ResetCounts expose per-endpoint request counts, and
// Update mutates the served org at runtime. WithComplianceLimitCap / SetComplianceLimitCap
// make the compliance gpts, projects and configs lists refuse a larger limit (400 naming
// "limit"); WithRequestObserver sees every request (the request-validation test records
// the client's requests with it). All of it is safe for concurrent use.
package openaisim
