package openaisim

import "encoding/json"

// Fixture describes one OpenAI organization plus its ChatGPT Enterprise workspace.
// Field names mirror the API field names (snake_case). Struct tags `enum:"a|b"` list the
// accepted values and `required:"true"` marks fields that must be present; the strict
// decoder (LoadFixture) enforces both and names the JSON path on error.
// See doc.go / README.md for the schema with examples.
type Fixture struct {
	Organization Organization    `json:"organization"`
	Users        []OrgUser       `json:"users"`
	Invites      []Invite        `json:"invites"`
	AdminAPIKeys []AdminAPIKey   `json:"admin_api_keys"`
	Projects     []Project       `json:"projects"`
	Certificates []Certificate   `json:"certificates"`
	AuditLogs    []AuditLogEvent `json:"audit_logs"`
	// Roles and Groups are the organization's RBAC objects (digest §1.8).
	Roles     []Role    `json:"roles,omitempty"`
	Groups    []Group   `json:"groups,omitempty"`
	Workspace Workspace `json:"workspace"`
	// Comment is free text for humans; the server ignores it.
	Comment string `json:"comment,omitempty"`
}

// Organization holds org-level settings of the Admin API.
type Organization struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
	// DataRetention is GET /organization/data_retention `type`; "" = not configured (404, GUESS).
	DataRetention string `json:"data_retention,omitempty" enum:"zero_data_retention|modified_abuse_monitoring|enhanced_zero_data_retention|enhanced_modified_abuse_monitoring"`
	// SpendLimit nil = no org spend limit (GET /organization/spend_limit -> 404, GUESS).
	SpendLimit *SpendLimit `json:"spend_limit,omitempty"`
	// AuditLogsUnreadable makes GET /organization/audit_logs answer 403 (audit logging
	// disabled or key without access), to exercise the audit_logging check.
	AuditLogsUnreadable bool `json:"audit_logs_unreadable,omitempty"`
}

// SpendLimit is the org hard spend limit.
type SpendLimit struct {
	ThresholdAmount int64  `json:"threshold_amount" required:"true"` // cents
	Currency        string `json:"currency,omitempty"`               // default "USD"
	Interval        string `json:"interval,omitempty"`               // default "month"
	Enforcement     string `json:"enforcement" required:"true" enum:"enforcing|inactive"`
}

// OrgUser is an organization member (GET /organization/users).
type OrgUser struct {
	ID               string `json:"id" required:"true"`
	Name             string `json:"name,omitempty"`
	Email            string `json:"email" required:"true"`
	Role             string `json:"role" required:"true" enum:"owner|reader"`
	AddedAt          Time   `json:"added_at" required:"true"`
	IsDefault        *bool  `json:"is_default,omitempty"`
	IsServiceAccount *bool  `json:"is_service_account,omitempty"`
	IsSCIMManaged    *bool  `json:"is_scim_managed,omitempty"`
	APIKeyLastUsedAt Time   `json:"api_key_last_used_at,omitempty"`
	TechnicalLevel   string `json:"technical_level,omitempty"`
	DeveloperPersona string `json:"developer_persona,omitempty"`
	// RoleIDs are the organization roles (Fixture.Roles) assigned to the
	// user directly (GET /organization/users/{user_id}/roles).
	RoleIDs []string `json:"role_ids,omitempty"`
}

// Invite is an organization invite.
type Invite struct {
	ID         string          `json:"id" required:"true"`
	Email      string          `json:"email" required:"true"`
	Role       string          `json:"role" required:"true" enum:"owner|reader"`
	Status     string          `json:"status" required:"true" enum:"pending|accepted|expired"`
	CreatedAt  Time            `json:"created_at" required:"true"`
	ExpiresAt  Time            `json:"expires_at,omitempty"`
	AcceptedAt Time            `json:"accepted_at,omitempty"`
	Projects   []InviteProject `json:"projects,omitempty"`
}

// InviteProject is one project grant of an invite.
type InviteProject struct {
	ID   string `json:"id" required:"true"`
	Role string `json:"role" required:"true" enum:"member|owner"`
}

// AdminAPIKey is an org admin key.
type AdminAPIKey struct {
	ID            string   `json:"id" required:"true"`
	Name          string   `json:"name,omitempty"`
	RedactedValue string   `json:"redacted_value,omitempty"` // default derived from the id
	CreatedAt     Time     `json:"created_at" required:"true"`
	ExpiresAt     Time     `json:"expires_at,omitempty"`   // absent = never expires
	LastUsedAt    Time     `json:"last_used_at,omitempty"` // absent = never used
	Owner         KeyOwner `json:"owner" required:"true"`
}

// KeyOwner names who owns a key. Name/email/role/created_at are filled from the org
// users (or the project's service accounts) when omitted.
type KeyOwner struct {
	Type      string `json:"type" required:"true" enum:"user|service_account"`
	ID        string `json:"id" required:"true"`
	Name      string `json:"name,omitempty"`
	Email     string `json:"email,omitempty"`
	Role      string `json:"role,omitempty"`
	CreatedAt Time   `json:"created_at,omitempty"`
}

// Project is an API platform project with its per-project collections and settings.
type Project struct {
	ID            string `json:"id" required:"true"`
	Name          string `json:"name" required:"true"`
	Status        string `json:"status,omitempty" enum:"active|archived"` // default active
	CreatedAt     Time   `json:"created_at" required:"true"`
	ArchivedAt    Time   `json:"archived_at,omitempty"`
	ExternalKeyID string `json:"external_key_id,omitempty"`
	Residency     string `json:"residency,omitempty" enum:"GLOBAL|US_STORAGE_PROCESSING|EU_STORAGE_PROCESSING|JP_STORAGE|KR_STORAGE|CA_STORAGE|SG_STORAGE|IN_STORAGE|AU_STORAGE|GB_STORAGE|AE_STORAGE|AE_STORAGE_PROCESSING"`
	// DataRetention is the project retention type; "" = "organization_default".
	DataRetention string `json:"data_retention,omitempty" enum:"organization_default|none|zero_data_retention|modified_abuse_monitoring|enhanced_zero_data_retention|enhanced_modified_abuse_monitoring"`
	// HostedToolPermissions: a tool absent from the map is enabled (GUESS, see admin_handlers.go).
	HostedToolPermissions map[string]bool `json:"hosted_tool_permissions,omitempty"`
	// ModelPermissions nil = no allow/deny list configured (404, GUESS).
	ModelPermissions *ModelPermissions `json:"model_permissions,omitempty"`
	Users            []ProjectUser     `json:"users,omitempty"`
	ServiceAccounts  []ServiceAccount  `json:"service_accounts,omitempty"`
	APIKeys          []ProjectAPIKey   `json:"api_keys,omitempty"`
}

// ModelPermissions is a project model allow or deny list.
type ModelPermissions struct {
	Mode     string   `json:"mode" required:"true" enum:"allow_list|deny_list"`
	ModelIDs []string `json:"model_ids" required:"true"`
}

// ProjectUser is a project member; it must be an org user (name/email come from there
// unless given).
type ProjectUser struct {
	ID      string `json:"id" required:"true"`
	Role    string `json:"role" required:"true" enum:"owner|member"`
	AddedAt Time   `json:"added_at" required:"true"`
	Name    string `json:"name,omitempty"`
	Email   string `json:"email,omitempty"`
}

// ServiceAccount is a project service account.
type ServiceAccount struct {
	ID        string `json:"id" required:"true"`
	Name      string `json:"name" required:"true"`
	Role      string `json:"role" required:"true" enum:"owner|member|none"`
	CreatedAt Time   `json:"created_at" required:"true"`
}

// ProjectAPIKey is a project API key.
type ProjectAPIKey struct {
	ID            string `json:"id" required:"true"`
	Name          string `json:"name" required:"true"`
	RedactedValue string `json:"redacted_value,omitempty"`
	CreatedAt     Time   `json:"created_at" required:"true"`
	LastUsedAt    Time   `json:"last_used_at,omitempty"`
	// OwnerProjectAccess: "" = "active".
	OwnerProjectAccess string   `json:"owner_project_access,omitempty" enum:"active|inactive"`
	Owner              KeyOwner `json:"owner" required:"true"`
}

// Certificate is an org mTLS certificate.
type Certificate struct {
	ID        string `json:"id" required:"true"`
	Name      string `json:"name,omitempty"`
	CreatedAt Time   `json:"created_at" required:"true"`
	ValidAt   Time   `json:"valid_at" required:"true"`
	ExpiresAt Time   `json:"expires_at" required:"true"`
	Active    bool   `json:"active"`
	Content   string `json:"content,omitempty"` // PEM, served with ?include[]=content
}

// AuditLogEvent is one audit log entry. Details is emitted under a key named after Type.
type AuditLogEvent struct {
	ID          string          `json:"id" required:"true"`
	Type        string          `json:"type" required:"true"` // validated against the AuditLogEventType enum
	EffectiveAt Time            `json:"effective_at" required:"true"`
	Project     *AuditProject   `json:"project,omitempty"`
	Actor       json.RawMessage `json:"actor,omitempty"`   // AuditLogActor, served verbatim
	Details     json.RawMessage `json:"details,omitempty"` // payload under the event-type key; default {}
}

// AuditProject is the project an audit event is scoped to.
type AuditProject struct {
	ID   string `json:"id" required:"true"`
	Name string `json:"name,omitempty"`
}

// Workspace is the ChatGPT Enterprise workspace served by the Compliance API.
type Workspace struct {
	ID            string         `json:"id" required:"true"` // UUID
	Users         []WSUser       `json:"users,omitempty"`
	GPTs          []GPT          `json:"gpts,omitempty"`
	Projects      []GPT          `json:"projects,omitempty"` // ChatGPT projects share the GPT shape (C1)
	Conversations []Conversation `json:"conversations,omitempty"`
	Memories      []Memory       `json:"memories,omitempty"` // memories.go
}

// WSUser is a workspace (ChatGPT) user; also used for GPT shared users.
type WSUser struct {
	ID        string `json:"id" required:"true"`
	Email     string `json:"email" required:"true"`
	Name      string `json:"name,omitempty"`
	CreatedAt Time   `json:"created_at,omitempty"`
	Role      string `json:"role,omitempty" enum:"account-owner|account-admin|standard-user"`
	Status    string `json:"status,omitempty" enum:"active|inactive"`
}

// GPT is a custom GPT (or, in Workspace.Projects, a ChatGPT project).
type GPT struct {
	ID          string  `json:"id" required:"true"`
	CreatedAt   Time    `json:"created_at,omitempty"`
	OwnerID     string  `json:"owner_id,omitempty"`
	OwnerEmail  string  `json:"owner_email,omitempty"`
	BuilderName string  `json:"builder_name,omitempty"`
	Sharing     Sharing `json:"sharing,omitzero"` // absent only for a third-party project
	// SharedUsers are the directly shared users (GET …/shared_users). When omitted they are
	// derived from Sharing.Recipients.
	SharedUsers []WSUser `json:"shared_users,omitempty"`
	// Configs are the config versions, newest first; Configs[0] is latest_config.
	Configs []GPTConfig `json:"configs" required:"true"`
	// ThirdParty (ChatGPT projects) serves the project as C1 describes a
	// third-party one: without created_at, owner and sharing.
	ThirdParty bool `json:"third_party,omitempty"`
}

// Sharing is a GPT's sharing settings.
type Sharing struct {
	Visibility  string      `json:"visibility" required:"true" enum:"invite-only|workspace-with-link|workspace|anyone-with-link|gpt-store"`
	Permissions Permissions `json:"permissions"`
	Recipients  []Recipient `json:"recipients,omitempty"`
}

// Permissions is a GPT permission triple.
type Permissions struct {
	CanRead       bool `json:"can_read"`
	CanViewConfig bool `json:"can_view_config"`
	CanWrite      bool `json:"can_write"`
}

// Recipient is one direct share of a GPT.
type Recipient struct {
	ID          string      `json:"id" required:"true"`
	Email       string      `json:"email" required:"true"`
	Permissions Permissions `json:"permissions"`
}

// GPTConfig is one config version of a GPT or ChatGPT project.
type GPTConfig struct {
	ID                   string         `json:"id" required:"true"`
	Name                 string         `json:"name" required:"true"`
	Description          string         `json:"description,omitempty"`
	Categories           []string       `json:"categories,omitempty"`
	ConversationStarters []string       `json:"conversation_starters,omitempty"`
	CreatedAt            Time           `json:"created_at,omitempty"`
	Instructions         string         `json:"instructions,omitempty"`
	VersionAuthor        *VersionAuthor `json:"version_author,omitempty"`
	Files                []File         `json:"files,omitempty"`
	Tools                []Tool         `json:"tools,omitempty"`
}

// VersionAuthor is who saved a GPT config version.
type VersionAuthor struct {
	ID    string `json:"id" required:"true"`
	Email string `json:"email,omitempty"`
}

// File is a knowledge / project / conversation file.
type File struct {
	ID        string `json:"id" required:"true"`
	Name      string `json:"name" required:"true"`
	CreatedAt Time   `json:"created_at,omitempty"`
	Expired   bool   `json:"expired,omitempty"` // download link expired: created_at and download_url null (C1)
	// File content (file_content.go): Content rendered as Format, followed by
	// PadBytes filler bytes (to exceed a download cap without storing them).
	Content  string `json:"content,omitempty"`
	Format   string `json:"format,omitempty" enum:"text|docx|xlsx|pptx|pdf|pdf_encrypted|binary"`
	PadBytes int64  `json:"pad_bytes,omitempty"`
	// DownloadStatus, when 404 or 410, is the file endpoint's answer
	// (listing stays normal).
	DownloadStatus int `json:"download_status,omitempty"`
}

// Tool is a GPT tool. Custom-action fields apply only to custom_action.
type Tool struct {
	Type                   string `json:"type" required:"true" enum:"code_interpreter|browser|dall-e|memory|custom_action"`
	CreatedAt              Time   `json:"created_at,omitempty"`
	ActionDomain           string `json:"action_domain,omitempty"`
	ActionOpenAPIRaw       string `json:"action_openapi_raw,omitempty"`
	ActionPrivacyPolicyURL string `json:"action_privacy_policy_url,omitempty"`
	AuthType               string `json:"auth_type,omitempty"`
}

// Conversation is a ChatGPT conversation with its messages.
type Conversation struct {
	ID           string    `json:"id" required:"true"`
	UserID       string    `json:"user_id" required:"true"`
	UserEmail    string    `json:"user_email,omitempty"` // default: the workspace user's email
	CreatedAt    Time      `json:"created_at" required:"true"`
	LastActiveAt Time      `json:"last_active_at,omitempty"` // default: newest message or created_at
	Title        string    `json:"title,omitempty"`
	Messages     []Message `json:"messages,omitempty"`
}

// Message is one conversation message.
type Message struct {
	ID        string `json:"id" required:"true"`
	ParentID  string `json:"parent_id,omitempty"`
	CreatedAt Time   `json:"created_at,omitempty"`
	GPTID     string `json:"gpt_id,omitempty"`
	ProjectID string `json:"project_id,omitempty"`
	Role      string `json:"role" required:"true" enum:"user|assistant|system|tool"`
	ToolName  string `json:"tool_name,omitempty" enum:"python|browser|dalle"`
	Content   string `json:"content,omitempty"`
	Files     []File `json:"files,omitempty"`
}
