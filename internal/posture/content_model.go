package posture

import (
	"slices"
	"time"
)

// Content collections: file content (extracted text) behind GPT, project and
// conversation files, and workspace memories. Reading them costs one
// download per file (100 a minute per key), so only the opt-in DLP content
// checks need them.
const (
	CollectionGPTFileContent          CollectionID = "gpt_file_content"
	CollectionProjectFileContent      CollectionID = "chatgpt_project_file_content"
	CollectionConversationFileContent CollectionID = "conversation_file_content"
	CollectionMemories                CollectionID = "memories"
)

// The endpoints are registered here rather than in collection.go's map
// literal, to keep the content checks in their own files.
func init() {
	collectionEndpoints[CollectionGPTFileContent] = "GET /v1/compliance/workspaces/{workspace_id}/gpt_files/{file_id}"
	collectionEndpoints[CollectionProjectFileContent] = "GET /v1/compliance/workspaces/{workspace_id}/project_files/{file_id}"
	collectionEndpoints[CollectionConversationFileContent] = "GET /v1/compliance/workspaces/{workspace_id}/users/{user_id}/files/{file_id}"
	collectionEndpoints[CollectionMemories] = "GET /v1/compliance/workspaces/{workspace_id}/memories"
}

// ScannedFile is one file's extracted text, or why it could not be read.
// The text lives only in memory for the evaluation: findings carry a
// redacted preview, never the text.
type ScannedFile struct {
	FileID string
	// FileName is the uploader's (untrusted: it labels, never decides).
	FileName string
	// The object the file belongs to: a GPT, a ChatGPT project or a
	// conversation, and its owner.
	SubjectKind, SubjectID, SubjectName, OwnerEmail string
	// AttachedAt is when a conversation file was attached (its message's
	// creation); zero when not reported, which counts as recent.
	AttachedAt time.Time
	// Format is what the text was read as ("pdf", "docx", "csv"...).
	Format string
	Text   string
	// NotScanned, when set, is why the content could not be read (not found,
	// expired, too large, encrypted, unknown binary, files not listed...).
	// Such a file is a finding of its own, never a pass.
	NotScanned string
	// Verdicts, by ContentSelection.Key, replace scanning Text for a rule
	// with that selection (a loader that keeps verdicts fills them and may
	// leave Text empty). A rule whose selection has no verdict scans Text.
	Verdicts map[string]ContentVerdict
	// Reused is true when the verdicts came from a verdict cache: the file
	// was not downloaded in this plan.
	Reused bool
}

// Memory is one workspace memory entry.
type Memory struct {
	ID        string
	ContextID string
	UserID    string
	UserEmail string
	Content   string
	// UpdatedAt is zero when not reported (counts as recent).
	UpdatedAt time.Time
	// NotReported, when set, says what of the user's memories was not sent
	// (contexts, entries, content): a finding of its own, never a pass.
	NotReported string
}

// ContentNeed is what the content checks of a selection read: conversation
// files attached and memories updated within the longest lookback, and the
// per-file size cap and time limit (the largest any rule allows).
type ContentNeed struct {
	ConversationDays int
	MemoryDays       int
	MaxFileBytes     int64
	// MaxFileTimeout bounds one file (the 307 and the download), the
	// longest any rule allows; 0 means the client's default.
	MaxFileTimeout time.Duration
	// Selections are the file content checks' detector selections, one per
	// distinct key (a verdict cache computes each).
	Selections []ContentSelection
}

// ContentNeeds is the union of the rules' content needs.
func ContentNeeds(rules []Rule) ContentNeed {
	var out ContentNeed
	for _, r := range rules {
		c, ok := LookupCheck(r.CheckID)
		if !ok || c.content == nil {
			continue
		}
		n := c.content(c.bestEffortParams(r.Params))
		out.ConversationDays = max(out.ConversationDays, n.ConversationDays)
		out.MemoryDays = max(out.MemoryDays, n.MemoryDays)
		out.MaxFileBytes = max(out.MaxFileBytes, n.MaxFileBytes)
		out.MaxFileTimeout = max(out.MaxFileTimeout, n.MaxFileTimeout)
		for _, sel := range n.Selections {
			if !slices.ContainsFunc(out.Selections, func(o ContentSelection) bool { return o.Key() == sel.Key() }) {
				out.Selections = append(out.Selections, sel)
			}
		}
	}
	return out
}
