package posture

import (
	"fmt"
	"strings"
)

// CollectionID names one thing the provider fetches. Check.Needs returns these
// so the provider fetches only what the selected checks use. The values are
// stable: they appear in errors and in the provider's loader keys.
type CollectionID string

// Admin API collections.
const (
	CollectionAdminAPIKeys                 CollectionID = "admin_api_keys"
	CollectionOrgUsers                     CollectionID = "org_users"
	CollectionInvites                      CollectionID = "invites"
	CollectionProjects                     CollectionID = "projects"
	CollectionProjectAPIKeys               CollectionID = "project_api_keys"
	CollectionProjectServiceAccounts       CollectionID = "project_service_accounts"
	CollectionProjectUsers                 CollectionID = "project_users"
	CollectionProjectDataRetention         CollectionID = "project_data_retention"
	CollectionProjectHostedToolPermissions CollectionID = "project_hosted_tool_permissions"
	CollectionProjectModelPermissions      CollectionID = "project_model_permissions"
	CollectionOrgDataRetention             CollectionID = "org_data_retention"
	CollectionSpendLimit                   CollectionID = "spend_limit"
	CollectionCertificates                 CollectionID = "certificates"
	CollectionAuditLogs                    CollectionID = "audit_logs"
	// CollectionTenantAuditLogs are the tenant-scoped audit events (tenant.*,
	// role.(un)bound_to_resource) the API returns only to a separate
	// tenant_only=true query, for the types the checks ask (AuditNeeds).
	CollectionTenantAuditLogs CollectionID = "tenant_audit_logs"
)

// Compliance API collections.
const (
	CollectionWorkspaceUsers  CollectionID = "workspace_users"
	CollectionGPTs            CollectionID = "gpts"
	CollectionGPTSharedUsers  CollectionID = "gpt_shared_users"
	CollectionChatGPTProjects CollectionID = "chatgpt_projects"
	CollectionConversations   CollectionID = "conversations"
	// CollectionChatGPTProjectSharedUsers is read once per ChatGPT project.
	CollectionChatGPTProjectSharedUsers CollectionID = "chatgpt_project_shared_users"
)

// collectionEndpoints is the default endpoint of each collection, used in
// error messages when the snapshot did not record one. {project_id} and
// {gpt_id} are replaced with the subject's id where one is known.
var collectionEndpoints = map[CollectionID]string{
	CollectionAdminAPIKeys:                 "GET /v1/organization/admin_api_keys",
	CollectionOrgUsers:                     "GET /v1/organization/users",
	CollectionInvites:                      "GET /v1/organization/invites",
	CollectionProjects:                     "GET /v1/organization/projects",
	CollectionProjectAPIKeys:               "GET /v1/organization/projects/{project_id}/api_keys",
	CollectionProjectServiceAccounts:       "GET /v1/organization/projects/{project_id}/service_accounts",
	CollectionProjectUsers:                 "GET /v1/organization/projects/{project_id}/users",
	CollectionProjectDataRetention:         "GET /v1/organization/projects/{project_id}/data_retention",
	CollectionProjectHostedToolPermissions: "GET /v1/organization/projects/{project_id}/hosted_tool_permissions",
	CollectionProjectModelPermissions:      "GET /v1/organization/projects/{project_id}/model_permissions",
	CollectionOrgDataRetention:             "GET /v1/organization/data_retention",
	CollectionSpendLimit:                   "GET /v1/organization/spend_limit",
	CollectionCertificates:                 "GET /v1/organization/certificates",
	CollectionAuditLogs:                    "GET /v1/organization/audit_logs",
	CollectionTenantAuditLogs:              "GET /v1/organization/audit_logs?tenant_only=true",
	CollectionWorkspaceUsers:               "GET /v1/compliance/workspaces/{workspace_id}/users",
	CollectionGPTs:                         "GET /v1/compliance/workspaces/{workspace_id}/gpts",
	CollectionGPTSharedUsers:               "GET /v1/compliance/workspaces/{workspace_id}/gpts/{gpt_id}/shared_users",
	CollectionChatGPTProjects:              "GET /v1/compliance/workspaces/{workspace_id}/projects",
	CollectionConversations:                "GET /v1/compliance/workspaces/{workspace_id}/conversations",
	CollectionChatGPTProjectSharedUsers:    "GET /v1/compliance/workspaces/{workspace_id}/projects/{project_id}/shared_users",
}

// perProjectCollections are read once per Admin API project; needing one of
// them implies needing the project list.
var perProjectCollections = map[CollectionID]bool{
	CollectionProjectAPIKeys:               true,
	CollectionProjectServiceAccounts:       true,
	CollectionProjectUsers:                 true,
	CollectionProjectDataRetention:         true,
	CollectionProjectHostedToolPermissions: true,
	CollectionProjectModelPermissions:      true,
}

// Endpoint returns the collection's documented endpoint (with placeholders).
func (id CollectionID) Endpoint() string { return collectionEndpoints[id] }

// endpointFor fills the {project_id} or {gpt_id} placeholder with owner.
func (id CollectionID) endpointFor(owner string) string {
	e := id.Endpoint()
	if owner == "" {
		return e
	}
	return strings.NewReplacer("{project_id}", owner, "{gpt_id}", owner, "{group_id}", owner, "{user_id}", owner).Replace(e)
}

// Collection is a list read from one endpoint, together with whether the read
// succeeded. The zero value means "not loaded": a check that needs it fails
// closed, exactly as if the read had failed.
type Collection[T any] struct {
	// Items is the complete list. Only meaningful when Loaded is true.
	Items []T
	// Loaded is true when every page was read.
	Loaded bool
	// Err is why the collection could not be read (auth, 5xx after retries,
	// truncated page, missing key...). Ignored when Loaded is true.
	Err error
	// Denied is true when the API answered that access is refused or the
	// feature is off (HTTP 403/404). Only audit_logging treats this as a
	// finding rather than an error.
	Denied bool
	// Endpoint is the concrete endpoint that was (or would have been) called,
	// for error messages. Defaults to the collection's documented endpoint.
	Endpoint string
}

// Loaded returns a readable collection holding items.
func Loaded[T any](items ...T) Collection[T] {
	return Collection[T]{Items: items, Loaded: true}
}

// Unreadable returns a collection that could not be read from endpoint.
func Unreadable[T any](endpoint string, err error) Collection[T] {
	if err == nil {
		err = fmt.Errorf("no data")
	}
	return Collection[T]{Err: err, Endpoint: endpoint}
}

// DeniedCollection returns a collection the API refused (403/404).
func DeniedCollection[T any](endpoint string, err error) Collection[T] {
	c := Unreadable[T](endpoint, err)
	c.Denied = true
	return c
}

func (c Collection[T]) state() readState {
	return readState{loaded: c.Loaded, err: c.Err, denied: c.Denied, endpoint: c.Endpoint}
}

// Value is a single object read from one endpoint (data retention, spend
// limit, model permissions...). Like Collection, the zero value is "not
// loaded" and fails closed.
type Value[T any] struct {
	Item     T
	Loaded   bool
	Err      error
	Denied   bool
	Endpoint string
}

// LoadedValue returns a readable value.
func LoadedValue[T any](item T) Value[T] { return Value[T]{Item: item, Loaded: true} }

// UnreadableValue returns a value that could not be read from endpoint.
func UnreadableValue[T any](endpoint string, err error) Value[T] {
	if err == nil {
		err = fmt.Errorf("no data")
	}
	return Value[T]{Err: err, Endpoint: endpoint}
}

func (v Value[T]) state() readState {
	return readState{loaded: v.Loaded, err: v.Err, denied: v.Denied, endpoint: v.Endpoint}
}

// readState is what a check needs to know about any collection or value.
type readState struct {
	loaded   bool
	err      error
	denied   bool
	endpoint string
}

type readable interface{ state() readState }

// DataError says that a check could not be judged because data it needs was
// not readable. It names the collection, the endpoint and the cause.
type DataError struct {
	CheckID    string       `json:"check_id"`
	Collection CollectionID `json:"collection,omitempty"`
	Endpoint   string       `json:"endpoint,omitempty"`
	Cause      string       `json:"cause"`
}

func (e DataError) Error() string {
	if e.Collection == "" {
		return fmt.Sprintf("check %s: %s", e.CheckID, e.Cause)
	}
	return fmt.Sprintf("check %s cannot be evaluated: %s could not be read (%s): %s; the check fails closed",
		e.CheckID, e.Collection, e.Endpoint, e.Cause)
}

func newDataError(checkID string, id CollectionID, owner string, s readState) DataError {
	endpoint := s.endpoint
	if endpoint == "" {
		endpoint = id.endpointFor(owner)
	}
	cause := "not loaded for this evaluation"
	if s.err != nil {
		cause = s.err.Error()
	}
	return DataError{CheckID: checkID, Collection: id, Endpoint: endpoint, Cause: cause}
}
