package posture

import "time"

// WorkspaceUser is a ChatGPT Enterprise workspace member (DIGEST §2.6).
type WorkspaceUser struct {
	ID    string
	Email string
	Name  string
	// Role is "account-owner", "account-admin" or "standard-user".
	Role string
	// Status is "active" or "inactive" per the v1.1.1 spec; newer data has
	// shown "deactivated" (unconfirmed). Anything but "active" is inactive;
	// empty means not reported.
	Status    string
	CreatedAt *time.Time
}

// Active reports whether the user's status is "active".
func (u WorkspaceUser) Active() bool { return u.Status == "active" }

// GPT is a workspace GPT with its latest configuration.
type GPT struct {
	ID         string
	OwnerID    string
	OwnerEmail string
	// Visibility is "invite-only", "workspace-with-link", "workspace",
	// "anyone-with-link" or "gpt-store"; empty means not reported.
	Visibility string
	// Permissions are the permissions granted to the visibility audience;
	// nil means not reported.
	Permissions *GPTPermissions
	Recipients  []GPTRecipient
	// RecipientsIncomplete is true when sharing.recipients is not known to be
	// the whole list: absent, null, a list object without data or has_more,
	// or one whose has_more is true.
	RecipientsIncomplete bool
	// SharedUsers is GET /gpts/{id}/shared_users for this GPT, read only when
	// RecipientsIncomplete (complete recipients already list every direct
	// recipient); checks must not look at it otherwise.
	SharedUsers Collection[GPTRecipient]
	// Config is the latest configuration; nil means none was reported.
	Config *GPTConfig
	// ConfigVersions is the number of configuration versions seen.
	ConfigVersions int
}

// Name returns the latest configuration's name, or "" when unknown.
func (g GPT) Name() string {
	if g.Config == nil {
		return ""
	}
	return g.Config.Name
}

// GPTPermissions is what a sharing audience or recipient may do.
type GPTPermissions struct {
	CanRead       bool
	CanViewConfig bool
	CanWrite      bool
	// Incomplete is true when can_write or can_view_config was not reported:
	// the missing one could be true.
	Incomplete bool
}

// GPTRecipient is a user a GPT is shared with directly.
type GPTRecipient struct {
	ID    string
	Email string
	// Permissions nil: not reported.
	Permissions *GPTPermissions
}

// GPTConfig is one configuration version of a GPT.
type GPTConfig struct {
	// Version identifies this configuration: the Compliance API's
	// configuration id, else "created:<unix time>" of its creation, else
	// empty (not reported). A builder's edit makes a new configuration, so
	// findings about editable text (instructions) key on it.
	Version      string
	Name         string
	Instructions string
	// InstructionsNotReported is true when the configuration carried no
	// instructions field: an absent field is not an empty text.
	InstructionsNotReported bool
	Tools                   []GPTTool
	// Files are knowledge file names.
	Files []string
	// UnnamedFiles are the ids of knowledge files sent without a name: no
	// pattern can judge them, so they are reported, never read as harmless.
	UnnamedFiles []string
	// ToolsNotReported and FilesNotReported are true when the configuration
	// carried no tools or files list, or a truncated one: its tools or files
	// cannot be judged.
	ToolsNotReported, FilesNotReported bool
}

// GPTTool is one tool of a GPT configuration.
type GPTTool struct {
	// Type is "code_interpreter", "browser", "dall-e", "memory",
	// "custom_action" (open enum; "custom-action" and "action" are read as
	// custom actions too).
	Type             string
	ActionDomain     string
	AuthType         string
	ActionOpenAPIRaw string
}

// ChatGPTProject is a ChatGPT (Compliance API) project, not an Admin API one.
type ChatGPTProject struct {
	ID         string
	Name       string
	OwnerID    string
	OwnerEmail string
	Files      []string
	// UnnamedFiles are the ids of files sent without a name.
	UnnamedFiles []string
	// FilesNotReported is true when the project carried no readable latest
	// configuration or files list.
	FilesNotReported bool
	// ThirdParty is true when the API sent neither owner nor sharing, which
	// the spec says of third-party projects: their sharing is not the
	// workspace's to judge, and they are reported as such.
	ThirdParty bool
	// Visibility, Permissions, Recipients, RecipientsIncomplete and
	// SharedUsers mean what they mean on GPT (the same sharing model).
	Visibility           string
	Permissions          *GPTPermissions
	Recipients           []GPTRecipient
	RecipientsIncomplete bool
	// SharedUsers is GET /projects/{id}/shared_users for this project.
	SharedUsers Collection[GPTRecipient]
	// ConfigReported is false when no latest configuration was sent.
	ConfigReported bool
	// Tools of the latest configuration (ProjectTool has no auth_type);
	// ToolsNotReported is true when the list was absent or truncated.
	Tools            []GPTTool
	ToolsNotReported bool
}

// Conversation is a workspace conversation reduced to what checks read.
type Conversation struct {
	ID        string
	Title     string
	UserID    string
	UserEmail string
	// LastActiveAt nil: not reported; the conversation then counts as no
	// evidence of activity.
	LastActiveAt *time.Time
	// Files are names of files attached to the conversation's messages.
	Files []string
	// UnnamedFiles are the ids of attached files sent without a name.
	UnnamedFiles []string
	// FilesNotReported is true when the messages, or a message's files, were
	// not sent whole (messages absent, or a list without data or with
	// has_more): the files cannot all be judged.
	FilesNotReported bool
	// MessagesWithoutFiles counts the messages sent without a files list
	// (absent or null). The spec makes no message field required, so an
	// absent list may mean "no attachments" or "not reported"; the engine
	// takes the reading that cannot pass a file it never saw.
	MessagesWithoutFiles int
}
