package openai

import (
	"bytes"
	"encoding/json"
)

// Compliance API models (spec v1.1.1). The spec marks no field as required, so
// anything the posture engine might rely on is a pointer or Timestamp; an
// absent field stays nil instead of looking like a safe zero value.

// WorkspaceUser is a ChatGPT workspace member, also used for GPT shared users.
type WorkspaceUser struct {
	ID        string    `json:"id"`
	Email     *string   `json:"email"`
	Name      *string   `json:"name"`
	CreatedAt Timestamp `json:"created_at"`
	Role      *string   `json:"role"`   // "account-owner" | "account-admin" | "standard-user" (open)
	Status    *string   `json:"status"` // "active" | "inactive" (open)
	// Permissions is set on shared-user rows (GPT recipients).
	Permissions *SharingPermissions `json:"permissions"`
}

// SharingPermissions are what a recipient (or everyone, at the sharing level)
// may do with a GPT or project.
type SharingPermissions struct {
	CanRead       *bool `json:"can_read"` // can chat with the GPT
	CanViewConfig *bool `json:"can_view_config"`
	CanWrite      *bool `json:"can_write"`
}

// Sharing describes who can reach a GPT or project.
type Sharing struct {
	// Visibility is "invite-only", "workspace-with-link", "workspace",
	// "anyone-with-link" or "gpt-store" (open).
	Visibility  *string             `json:"visibility"`
	Permissions *SharingPermissions `json:"permissions"`
	Recipients  Recipients          `json:"recipients"`
}

// Recipients are the users a GPT or project is shared with directly. The
// v1.1.1 spec sends an array; later clients see a list object. Both decode.
type Recipients struct {
	Users []WorkspaceUser
	// Present is false when the field was absent; HasMore is true when a list
	// object said more recipients exist (then use ListGPTSharedUsers).
	Present bool
	HasMore bool
	// Complete is true only when the recipients are known to be all of them:
	// an array, or a list object with "data" and has_more present and false
	// (GenericList.Complete). Absent, null or truncated recipients are not.
	Complete bool
}

// UnmarshalJSON accepts an array, a list object, or null.
func (r *Recipients) UnmarshalJSON(b []byte) error {
	*r = Recipients{Present: true}
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	var l GenericList[WorkspaceUser]
	if err := json.Unmarshal(b, &l); err != nil {
		return err
	}
	r.Users, r.HasMore, r.Complete = l.Data, l.HasMore, l.Complete()
	return nil
}

// MarshalJSON writes the recipients as an array.
func (r Recipients) MarshalJSON() ([]byte, error) {
	if r.Users == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(r.Users)
}

// GPT is a custom GPT in the workspace. Owner and sharing fields are absent
// for third-party GPTs.
type GPT struct {
	ID           string                  `json:"id"`
	CreatedAt    Timestamp               `json:"created_at"`
	OwnerID      *string                 `json:"owner_id"`
	OwnerEmail   *string                 `json:"owner_email"`
	BuilderName  *string                 `json:"builder_name"`
	Sharing      *Sharing                `json:"sharing"`
	LatestConfig *GenericList[GPTConfig] `json:"latest_config"`
}

// Latest returns the newest config in LatestConfig, or nil.
func (g GPT) Latest() *GPTConfig {
	if g.LatestConfig == nil || len(g.LatestConfig.Data) == 0 {
		return nil
	}
	return &g.LatestConfig.Data[0]
}

// GPTConfig is one configuration version of a GPT (or of a ChatGPT project:
// the shapes are the same apart from the object names and auth_type).
type GPTConfig struct {
	ID           string                `json:"id"`
	Name         *string               `json:"name"`
	Description  *string               `json:"description"`
	CreatedAt    Timestamp             `json:"created_at"`
	Instructions *string               `json:"instructions"`
	Files        *GenericList[GPTFile] `json:"files"`
	Tools        *GenericList[GPTTool] `json:"tools"`
}

// GPTFile is a knowledge file. The client asks for file_format=id, so
// DownloadURL (a short-lived signed URL) is normally absent and never ends
// up in Terraform state.
type GPTFile struct {
	ID          string  `json:"id"`
	Name        *string `json:"name"`
	DownloadURL *string `json:"download_url"`
}

// GPTTool is a capability of a GPT config. Type is "code_interpreter",
// "browser", "dall-e", "memory" or "custom_action" (open; treat unknown as
// risky). Action fields are set for custom actions only.
type GPTTool struct {
	Type             string  `json:"type"`
	ActionDomain     *string `json:"action_domain"`
	ActionOpenAPIRaw *string `json:"action_openapi_raw"`
	AuthType         *string `json:"auth_type"`
}

// ComplianceProject is a ChatGPT project (not an API project). Same shape as
// GPT with project object names.
type ComplianceProject struct {
	ID           string                  `json:"id"`
	CreatedAt    Timestamp               `json:"created_at"`
	OwnerID      *string                 `json:"owner_id"`
	OwnerEmail   *string                 `json:"owner_email"`
	BuilderName  *string                 `json:"builder_name"`
	Sharing      *Sharing                `json:"sharing"`
	LatestConfig *GenericList[GPTConfig] `json:"latest_config"`
}

// Conversation is a ChatGPT conversation with its messages.
type Conversation struct {
	ID           string                `json:"id"`
	UserID       *string               `json:"user_id"`
	UserEmail    *string               `json:"user_email"`
	LastActiveAt Timestamp             `json:"last_active_at"`
	Title        *string               `json:"title"`
	Messages     *GenericList[Message] `json:"messages"`
}

// Message is one node of a conversation tree. Only its id, creation time
// and files are decoded: the checks judge attached file names (the content
// checks only those attached in their window), and a message's content (any
// JSON, possibly long) would otherwise be held for every message of every
// conversation read.
type Message struct {
	ID        string                `json:"id"`
	CreatedAt Timestamp             `json:"created_at"`
	Files     *GenericList[GPTFile] `json:"files"`
}
