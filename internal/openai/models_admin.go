package openai

import (
	"bytes"
	"encoding/json"
)

// Admin API models. Fields the spec marks optional or nullable, or that have
// drifted between spec versions, are pointers (or Timestamps) so that "not
// sent" is distinguishable from a zero value; enums are plain strings because
// the API adds values without notice (digest §1.12).

// AdminAPIKey is an organization admin key (GET /organization/admin_api_keys).
// The key value itself is never returned by list calls; only RedactedValue.
type AdminAPIKey struct {
	Object        string    `json:"object"`
	ID            string    `json:"id"`
	Name          *string   `json:"name"`
	RedactedValue string    `json:"redacted_value"`
	CreatedAt     Timestamp `json:"created_at"`
	// ExpiresAt is null for a key that never expires; Present is false when
	// the field was not sent at all (older API versions).
	ExpiresAt  Timestamp     `json:"expires_at"`
	LastUsedAt Timestamp     `json:"last_used_at"`
	Owner      AdminKeyOwner `json:"owner"`
}

// AdminKeyOwner is who created an admin key. The spec says Type is always
// "user" but its own example shows "service_account", so Type, Object and
// Role are free strings.
type AdminKeyOwner struct {
	Type      string    `json:"type"`
	Object    string    `json:"object"`
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	CreatedAt Timestamp `json:"created_at"`
	Role      string    `json:"role"`
}

// User is an organization member (GET /organization/users). Since 2026 only
// object, id and added_at are required; name, email and role are nullable.
//
// Only the fields the checks and data sources read are decoded (object,
// is_default, created, is_scale_tier_authorized_purchaser, technical_level,
// developer_persona and projects are not): at 100,000 users every decoded
// optional field is 100,000 allocations.
type User struct {
	ID               string       `json:"id"`
	Name             *string      `json:"name"`
	Email            *string      `json:"email"`
	Role             *string      `json:"role"` // "owner" or "reader" (open)
	AddedAt          Timestamp    `json:"added_at"`
	User             *UserAccount `json:"user"`
	IsServiceAccount *bool        `json:"is_service_account"`
	IsSCIMManaged    *bool        `json:"is_scim_managed"`
	APIKeyLastUsedAt Timestamp    `json:"api_key_last_used_at"`
}

// UserAccount is the nested account object of a User: its name and email
// stand in for the flat ones when those are absent.
type UserAccount struct {
	ID    string  `json:"id"`
	Email *string `json:"email"`
	Name  *string `json:"name"`
}

// Invite is a pending, accepted or expired invitation
// (GET /organization/invites). CreatedAt is filled from created_at or, for
// the pre-2026 schema, invited_at.
type Invite struct {
	Object     string             `json:"object"`
	ID         string             `json:"id"`
	Email      string             `json:"email"`
	Role       string             `json:"role"`   // "owner" | "reader" (open)
	Status     string             `json:"status"` // "accepted" | "expired" | "pending" (open)
	CreatedAt  Timestamp          `json:"created_at"`
	ExpiresAt  Timestamp          `json:"expires_at"`
	AcceptedAt Timestamp          `json:"accepted_at"`
	Projects   []InviteProjectRef `json:"projects"`
	// ProjectsReported is true when "projects" held an array (not absent,
	// not null): the spec requires it, and without it the project roles an
	// invite grants are unknown.
	ProjectsReported bool `json:"-"`
}

// UnmarshalJSON accepts both invited_at (2025 spec) and created_at (2026 spec).
func (i *Invite) UnmarshalJSON(b []byte) error {
	type plain Invite
	var p struct {
		plain
		InvitedAt Timestamp `json:"invited_at"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	var projects struct {
		Projects json.RawMessage `json:"projects"`
	}
	if err := json.Unmarshal(b, &projects); err != nil {
		return err
	}
	*i = Invite(p.plain)
	i.ProjectsReported = bytes.HasPrefix(bytes.TrimSpace(projects.Projects), []byte("["))
	if !i.CreatedAt.Valid && p.InvitedAt.Valid {
		i.CreatedAt = p.InvitedAt
	}
	return nil
}

// InviteProjectRef is a project an invitee will join.
type InviteProjectRef struct {
	ID   string `json:"id"`
	Role string `json:"role"`
}

// Project is an API project (GET /organization/projects?include_archived=true).
type Project struct {
	ID            string    `json:"id"`
	Object        string    `json:"object"`
	Name          *string   `json:"name"`
	CreatedAt     Timestamp `json:"created_at"`
	ArchivedAt    Timestamp `json:"archived_at"`
	Status        *string   `json:"status"` // "active" | "archived" (open)
	ExternalKeyID *string   `json:"external_key_id"`
	Residency     *string   `json:"residency"`
}

// IsArchived reports whether the project is archived: status "archived", or
// archived_at when status is not reported.
// Callers should prefer snapshot.ProjectArchived, which applies the one
// predicate the posture checks use (posture.ProjectArchived); this copy must
// give the same answer (snapshot.TestArchivedHasOneMeaning) until its last
// callers (provider data sources) move and it is removed.
func (p Project) IsArchived() bool {
	if p.Status != nil && *p.Status != "" {
		return *p.Status == "archived"
	}
	return p.ArchivedAt.Valid
}

// ProjectAPIKey is a project API key (owner_project_access=any, so keys of
// owners who lost project access are included).
type ProjectAPIKey struct {
	Object        string    `json:"object"`
	ID            string    `json:"id"`
	Name          *string   `json:"name"`
	RedactedValue string    `json:"redacted_value"`
	CreatedAt     Timestamp `json:"created_at"`
	LastUsedAt    Timestamp `json:"last_used_at"`
	// OwnerProjectAccess is "active" or "inactive"; nil on API versions that
	// predate the field.
	OwnerProjectAccess *string            `json:"owner_project_access"`
	Owner              ProjectAPIKeyOwner `json:"owner"`
	ProjectID          string             `json:"-"` // set by the client
}

// ProjectAPIKeyOwner is the user or service account owning a project key.
type ProjectAPIKeyOwner struct {
	Type           string                 `json:"type"` // "user" | "service_account" (open)
	User           *ProjectAPIKeyOwnerRef `json:"user"`
	ServiceAccount *ProjectAPIKeyOwnerRef `json:"service_account"`
}

// ProjectAPIKeyOwnerRef describes either kind of owner.
type ProjectAPIKeyOwnerRef struct {
	ID        string    `json:"id"`
	Name      *string   `json:"name"`
	Email     *string   `json:"email"`
	Role      *string   `json:"role"`
	CreatedAt Timestamp `json:"created_at"`
}

// ProjectServiceAccount is a service account of a project.
type ProjectServiceAccount struct {
	Object    string    `json:"object"`
	ID        string    `json:"id"`
	Name      *string   `json:"name"`
	Role      *string   `json:"role"` // "owner" | "member" | "none" (open)
	CreatedAt Timestamp `json:"created_at"`
	ProjectID string    `json:"-"` // set by the client
}

// ProjectUser is a member of a project.
type ProjectUser struct {
	Object    string    `json:"object"`
	ID        string    `json:"id"`
	Name      *string   `json:"name"`
	Email     *string   `json:"email"`
	Role      *string   `json:"role"` // "owner" | "member" (open)
	AddedAt   Timestamp `json:"added_at"`
	ProjectID string    `json:"-"` // set by the client
}

// DataRetention is the org or project data-retention setting. Type is one of
// zero_data_retention, modified_abuse_monitoring, enhanced_* and, for
// projects, organization_default or none (open).
type DataRetention struct {
	Object string  `json:"object"`
	Type   *string `json:"type"`
}

// SpendLimit is the organization monthly spend limit.
type SpendLimit struct {
	Object          string                 `json:"object"`
	ThresholdAmount *int64                 `json:"threshold_amount"` // cents
	Currency        *string                `json:"currency"`
	Interval        *string                `json:"interval"`
	Enforcement     *SpendLimitEnforcement `json:"enforcement"`
}

// SpendLimitEnforcement says whether the limit is currently enforcing.
type SpendLimitEnforcement struct {
	Status *string `json:"status"` // "inactive" | "enforcing" (open)
}

// HostedToolPermission is the enabled flag of one hosted tool.
type HostedToolPermission struct {
	Enabled *bool `json:"enabled"`
}

// HostedToolPermissions are the per-project hosted tool switches. Tools holds
// every tool in the response, including ones added after this client was
// written; the named fields are shortcuts (nil when not sent).
type HostedToolPermissions struct {
	FileSearch      *HostedToolPermission
	WebSearch       *HostedToolPermission
	ImageGeneration *HostedToolPermission
	MCP             *HostedToolPermission
	CodeInterpreter *HostedToolPermission
	Tools           map[string]HostedToolPermission
}

// UnmarshalJSON collects every object-valued member as a tool.
func (h *HostedToolPermissions) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*h = HostedToolPermissions{Tools: map[string]HostedToolPermission{}}
	for name, v := range raw {
		var p *HostedToolPermission
		if json.Unmarshal(v, &p) != nil || p == nil {
			continue // "object" string or null: not a tool entry
		}
		h.Tools[name] = *p
	}
	pick := func(name string) *HostedToolPermission {
		if p, ok := h.Tools[name]; ok {
			return &p
		}
		return nil
	}
	h.FileSearch = pick("file_search")
	h.WebSearch = pick("web_search")
	h.ImageGeneration = pick("image_generation")
	h.MCP = pick("mcp")
	h.CodeInterpreter = pick("code_interpreter")
	return nil
}

// ModelPermissions is a project's model allow/deny list.
type ModelPermissions struct {
	Object   string   `json:"object"`
	Mode     *string  `json:"mode"` // "allow_list" | "deny_list" (open)
	ModelIDs []string `json:"model_ids"`
}

// Certificate is an organization mTLS certificate.
type Certificate struct {
	Object             string             `json:"object"`
	ID                 string             `json:"id"`
	Name               *string            `json:"name"`
	CreatedAt          Timestamp          `json:"created_at"`
	CertificateDetails CertificateDetails `json:"certificate_details"`
	Active             *bool              `json:"active"`
}

// CertificateDetails holds validity bounds.
type CertificateDetails struct {
	ValidAt   Timestamp `json:"valid_at"`
	ExpiresAt Timestamp `json:"expires_at"`
}

// AuditLog is one audit log event. Details holds the event-specific payload,
// the member named after Type (e.g. "project.archived"); Raw keeps the whole
// event for fields this client does not model.
type AuditLog struct {
	ID          string           `json:"id"`
	Type        string           `json:"type"`
	EffectiveAt Timestamp        `json:"effective_at"`
	Project     *AuditLogProject `json:"project"`
	Actor       *AuditLogActor   `json:"actor"`
	Details     json.RawMessage  `json:"-"`
	Raw         json.RawMessage  `json:"-"`
}

// UnmarshalJSON extracts the event-type-named payload into Details.
func (a *AuditLog) UnmarshalJSON(b []byte) error {
	type plain AuditLog
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*a = AuditLog(p)
	a.Raw = append(json.RawMessage(nil), b...)
	if a.Type != "" {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err == nil {
			a.Details = m[a.Type]
		}
	}
	return nil
}

// AuditLogProject is the project an event is scoped to.
type AuditLogProject struct {
	ID   string  `json:"id"`
	Name *string `json:"name"`
}

// AuditLogActor is who acted: a session (a person in the UI) or an API key.
type AuditLogActor struct {
	Type    string                `json:"type"` // "session" | "api_key" (open)
	Session *AuditLogActorSession `json:"session"`
	APIKey  *AuditLogActorAPIKey  `json:"api_key"`
}

// AuditLogActorSession is a UI session.
type AuditLogActorSession struct {
	User      *AuditLogActorUser `json:"user"`
	IPAddress *string            `json:"ip_address"`
	UserAgent *string            `json:"user_agent"`
}

// AuditLogActorUser identifies a user.
type AuditLogActorUser struct {
	ID    string  `json:"id"`
	Email *string `json:"email"`
}

// AuditLogActorAPIKey is an API key actor; ID is the key's tracking id.
type AuditLogActorAPIKey struct {
	ID             string                       `json:"id"`
	Type           string                       `json:"type"` // "user" | "service_account"
	User           *AuditLogActorUser           `json:"user"`
	ServiceAccount *AuditLogActorServiceAccount `json:"service_account"`
}

// AuditLogActorServiceAccount identifies a service account.
type AuditLogActorServiceAccount struct {
	ID string `json:"id"`
}
