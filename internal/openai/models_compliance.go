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
	Object    string    `json:"object"`
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
	Object        string `json:"object"`
	CanRead       *bool  `json:"can_read"` // can chat with the GPT
	CanViewConfig *bool  `json:"can_view_config"`
	CanWrite      *bool  `json:"can_write"`
}

// Sharing describes who can reach a GPT or project.
type Sharing struct {
	Object string `json:"object"`
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
	Object       string                  `json:"object"`
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
	Object               string                `json:"object"`
	ID                   string                `json:"id"`
	Name                 *string               `json:"name"`
	Description          *string               `json:"description"`
	Categories           []string              `json:"categories"`
	ConversationStarters []string              `json:"conversation_starters"`
	CreatedAt            Timestamp             `json:"created_at"`
	Instructions         *string               `json:"instructions"`
	VersionAuthor        *VersionAuthor        `json:"version_author"`
	Files                *GenericList[GPTFile] `json:"files"`
	Tools                *GenericList[GPTTool] `json:"tools"`
}

// VersionAuthor is who saved a config version.
type VersionAuthor struct {
	Object string  `json:"object"`
	ID     string  `json:"id"`
	Email  *string `json:"email"`
}

// GPTFile is a knowledge file. The client asks for file_format=id, so
// DownloadURL (a short-lived signed URL) is normally absent and never ends
// up in Terraform state.
type GPTFile struct {
	Object      string    `json:"object"`
	ID          string    `json:"id"`
	Name        *string   `json:"name"`
	CreatedAt   Timestamp `json:"created_at"`
	DownloadURL *string   `json:"download_url"`
	UserID      *string   `json:"user_id"`
}

// GPTTool is a capability of a GPT config. Type is "code_interpreter",
// "browser", "dall-e", "memory" or "custom_action" (open; treat unknown as
// risky). Action fields are set for custom actions only.
type GPTTool struct {
	Type                   string    `json:"type"`
	CreatedAt              Timestamp `json:"created_at"`
	ActionDomain           *string   `json:"action_domain"`
	ActionOpenAPIRaw       *string   `json:"action_openapi_raw"`
	ActionPrivacyPolicyURL *string   `json:"action_privacy_policy_url"`
	AuthType               *string   `json:"auth_type"`
}

// ComplianceProject is a ChatGPT project (not an API project). Same shape as
// GPT with project object names.
type ComplianceProject struct {
	Object       string                  `json:"object"`
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
	Object       string                `json:"object"`
	ID           string                `json:"id"`
	WorkspaceID  *string               `json:"workspace_id"`
	UserID       *string               `json:"user_id"`
	UserEmail    *string               `json:"user_email"`
	CreatedAt    Timestamp             `json:"created_at"`
	LastActiveAt Timestamp             `json:"last_active_at"`
	Title        *string               `json:"title"`
	Messages     *GenericList[Message] `json:"messages"`
}

// Message is one node of a conversation tree.
type Message struct {
	Object    string                `json:"object"`
	ID        string                `json:"id"`
	ParentID  *string               `json:"parent_id"`
	CreatedAt Timestamp             `json:"created_at"`
	GPTID     *string               `json:"gpt_id"`
	ProjectID *string               `json:"project_id"`
	Author    *MessageAuthor        `json:"author"`
	Content   *MessageContent       `json:"content"`
	Files     *GenericList[GPTFile] `json:"files"`
}

// MessageAuthor is the role (and tool) that wrote a message.
type MessageAuthor struct {
	Object   string  `json:"object"`
	Role     string  `json:"role"`
	ToolName *string `json:"tool_name"`
}

// MessageContent is a message body; Value may be any JSON (text or parts).
type MessageContent struct {
	Object      string              `json:"object"`
	Type        string              `json:"type"`
	Value       json.RawMessage     `json:"value"`
	Annotations []MessageAnnotation `json:"annotations"`
}

// MessageAnnotation is a citation.
type MessageAnnotation struct {
	Type string   `json:"type"`
	URLs []string `json:"urls"`
}
