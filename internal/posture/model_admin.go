package posture

import "time"

// AdminAPIKey is an organization admin key (DIGEST §1.6 AdminApiKey).
type AdminAPIKey struct {
	ID            string
	Name          string
	RedactedValue string
	// CreatedAt nil: age unknown; admin_key_rotation reports it.
	CreatedAt *time.Time
	// ExpiresAt nil: the key does not expire (the API sends null, and its GET
	// example omits the field, so absent is read as "no expiry", the unsafe
	// reading, which key_no_expiry reports).
	ExpiresAt *time.Time
	// LastUsedAt nil: never used.
	LastUsedAt *time.Time
	OwnerID    string
	OwnerName  string
	OwnerType  string
}

// OrgUser is an Admin API organization member (DIGEST §1.6 User).
type OrgUser struct {
	ID    string
	Name  string
	Email string
	// Role nil: not reported; owner_count reports it rather than guessing.
	Role             *string
	IsServiceAccount bool
	// IsSCIMManaged nil: not reported (the field is optional in the spec).
	IsSCIMManaged *bool
	// APIKeyLastUsedAt nil: no API key use recorded (the API sent null), or
	// not reported when APIKeyUseNotReported.
	APIKeyLastUsedAt *time.Time
	// APIKeyUseNotReported is true when api_key_last_used_at was absent: the
	// spec requires only object, id and added_at, and an absent field says
	// nothing about use ("not reported", never "never used").
	APIKeyUseNotReported bool
	// AddedAt nil: unknown join date; user_inactive then cannot apply its
	// grace period and reports the user.
	AddedAt *time.Time
}

// Invite is a pending, accepted or expired organization invite.
type Invite struct {
	ID    string
	Email string
	// Role is "owner" or "reader"; empty means not reported.
	Role string
	// Status is "pending", "accepted" or "expired"; empty means not reported
	// and is treated as possibly pending.
	Status string
	// CreatedAt is when the invite was sent (older API: invited_at).
	CreatedAt *time.Time
	ExpiresAt *time.Time
	Projects  []InviteProject
	// ProjectsNotReported is true when the invite carried no projects list
	// (absent or null; the spec requires it): the project roles the invite
	// grants are unknown, so an owner role may hide there.
	ProjectsNotReported bool
}

// InviteProject is a project an invite grants, with its role.
type InviteProject struct {
	ID   string
	Role string
}

// Project is an Admin API project with the per-project collections read for
// it. Each per-project collection is readable (or not) on its own.
type Project struct {
	ID   string
	Name string
	// Status is "active" or "archived"; empty means not reported, in which
	// case ArchivedAt decides.
	Status     string
	ArchivedAt *time.Time
	// ArchivedStateNotReported is true when the project carried neither a
	// status nor an archived_at key (not even null): whether it is archived
	// is unknown. Archived() then reads it as active (so every other check
	// judges it), and archived_project_keys reports it if it holds keys.
	ArchivedStateNotReported bool

	APIKeys               Collection[ProjectAPIKey]
	ServiceAccounts       Collection[ProjectServiceAccount]
	Users                 Collection[ProjectUser]
	DataRetention         Value[DataRetention]
	HostedToolPermissions Value[HostedToolPermissions]
	ModelPermissions      Value[ModelPermissions]
}

// Archived reports whether the project is archived (ProjectArchived).
func (p Project) Archived() bool { return ProjectArchived(p.Status, p.ArchivedAt != nil) }

// ProjectArchived is the one meaning of "archived" for an Admin API project,
// used by the checks, the loader (which skips reads the API refuses on
// archived projects) and the provider's data sources (through
// snapshot.ProjectArchived): status "archived"; when status is not reported,
// an archived_at timestamp. A reported status other than "archived" wins over
// a stray archived_at, because reading a live project as archived would skip
// every check but archived_project_keys (a silent pass), while reading an
// archived one as live only makes its refused reads fail loudly.
func ProjectArchived(status string, hasArchivedAt bool) bool {
	if status != "" {
		return status == "archived"
	}
	return hasArchivedAt
}

// ProjectAPIKey is a project API key (DIGEST §1.6 ProjectApiKey).
type ProjectAPIKey struct {
	ID            string
	Name          string
	RedactedValue string
	CreatedAt     *time.Time
	LastUsedAt    *time.Time
	// OwnerProjectAccess is "active" or "inactive"; empty means not reported
	// (the field is new in the 2026 spec).
	OwnerProjectAccess string
	// OwnerType is "user" or "service_account"; empty means not reported.
	OwnerType  string
	OwnerID    string
	OwnerName  string
	OwnerEmail string
}

// ProjectServiceAccount is a project's service account.
type ProjectServiceAccount struct {
	ID        string
	Name      string
	Role      string
	CreatedAt *time.Time
}

// ProjectUser is a project member.
type ProjectUser struct {
	ID    string
	Name  string
	Email string
	Role  string
}

// DataRetention is an org or project data retention setting. Type is the
// API's retention type ("zero_data_retention", ..., and for projects also
// "organization_default" or "none"); empty means not reported.
type DataRetention struct {
	Type string
}

// HostedToolPermissions says which hosted tools a project enables. A tool
// absent from the map was not reported.
type HostedToolPermissions struct {
	Enabled map[string]bool
}

// ModelPermissions is a project's model allow- or deny-list. Configured is
// false when the project has none (the API answers 404 or an empty object).
type ModelPermissions struct {
	Configured bool
	Mode       string
	ModelIDs   []string
}

// SpendLimit is the organization hard spend limit. Configured false means no
// limit is set (distinct from "could not read", which is an unreadable Value).
type SpendLimit struct {
	Configured bool
	// ThresholdCents nil: not reported.
	ThresholdCents *int64
	Currency       string
	Interval       string
	// EnforcementStatus is "enforcing" or "inactive"; empty means not reported.
	EnforcementStatus string
}

// Certificate is an organization mTLS certificate.
type Certificate struct {
	ID     string
	Name   string
	Active bool
	// ExpiresAt nil on an active certificate: reported by certificate_expiry.
	ExpiresAt *time.Time
}

// AuditEvent is one Admin API audit log entry, flattened to what the checks
// read.
type AuditEvent struct {
	ID   string
	Type string
	// EffectiveAt nil: not reported; such events are treated as recent.
	EffectiveAt *time.Time
	// ActorType is "session" or "api_key".
	ActorType  string
	ActorID    string
	ActorEmail string
	// ActorAPIKeyType is "user" or "service_account" when ActorType is
	// "api_key".
	ActorAPIKeyType string
	ProjectID       string
	// ResourceID is the id in the event's detail payload, when there is one.
	ResourceID string
}
