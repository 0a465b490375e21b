package posture

import "time"

// Snapshot is everything the checks may look at, read at one moment. The
// provider's snapshot package converts client models into it; fields it did
// not fetch stay zero ("not loaded"), which fails closed for any check that
// needs them.
//
// Pointer fields are ones the API may omit and a check relies on: nil means
// "not reported", which is never read as compliant (see each field).
type Snapshot struct {
	// Now is the evaluation time: ages, staleness and waiver expiry are
	// measured against it. Required; Evaluate treats a zero Now as an error.
	Now time.Time

	// Admin API.
	AdminAPIKeys     Collection[AdminAPIKey]
	OrgUsers         Collection[OrgUser]
	Invites          Collection[Invite]
	Projects         Collection[Project]
	OrgDataRetention Value[DataRetention]
	SpendLimit       Value[SpendLimit]
	Certificates     Collection[Certificate]
	AuditLogs        Collection[AuditEvent]
	// TenantAuditLogs are the tenant-scoped events of the same window, read
	// by a separate tenant_only=true query for the types AuditNeeds lists.
	TenantAuditLogs Collection[AuditEvent]
	// OrgRoles is the role catalog; OrgGroups the groups (each with its
	// members and roles); OrgUserRoles every role assigned directly to an
	// organization user.
	OrgRoles     Collection[Role]
	OrgGroups    Collection[Group]
	OrgUserRoles Collection[UserRoleAssignment]

	// Compliance API.
	WorkspaceUsers  Collection[WorkspaceUser]
	GPTs            Collection[GPT]
	ChatGPTProjects Collection[ChatGPTProject]
	Conversations   Collection[Conversation]

	// Compliance API content (DLP content checks; content_model.go).
	GPTFileContent          Collection[ScannedFile]
	ProjectFileContent      Collection[ScannedFile]
	ConversationFileContent Collection[ScannedFile]
	Memories                Collection[Memory]
}
