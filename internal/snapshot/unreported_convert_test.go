package snapshot

import (
	"reflect"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// A project that sends neither status nor archived_at has an unknown archived
// state; archived_at: null says "not archived", and a status decides alone.
func TestConvertProjectArchivedState(t *testing.T) {
	cases := map[string]struct {
		js                 string
		notReported, archd bool
	}{
		"neither key":          {`{"id":"p"}`, true, false},
		"archived_at null":     {`{"id":"p","archived_at":null}`, false, false},
		"archived_at only":     {`{"id":"p","archived_at":1700000000}`, false, true},
		"status active":        {`{"id":"p","status":"active"}`, false, false},
		"status archived":      {`{"id":"p","status":"archived"}`, false, true},
		"status null, no time": {`{"id":"p","status":null}`, true, false},
	}
	for name, tc := range cases {
		p := convertProject(decode[openai.Project](t, tc.js))
		if p.ArchivedStateNotReported != tc.notReported || p.Archived() != tc.archd {
			t.Errorf("%s: not reported %v archived %v; want %v %v", name, p.ArchivedStateNotReported, p.Archived(), tc.notReported, tc.archd)
		}
	}
}

// The spec requires an invite's projects; absent or null, its project roles
// are unknown.
func TestConvertInviteProjectsNotReported(t *testing.T) {
	cases := map[string]bool{
		`{"id":"i","role":"reader","status":"pending"}`:                                         true,
		`{"id":"i","role":"reader","status":"pending","projects":null}`:                         true,
		`{"id":"i","role":"reader","status":"pending","projects":[]}`:                           false,
		`{"id":"i","role":"reader","status":"pending","projects":[{"id":"p","role":"member"}]}`: false,
	}
	for js, want := range cases {
		if got := convertInvite(decode[openai.Invite](t, js)).ProjectsNotReported; got != want {
			t.Errorf("%s: ProjectsNotReported = %v, want %v", js, got, want)
		}
	}
}

// A message without a files list is counted (not read as "no attachments"),
// and an unnamed file reaches the engine by id as unnamed, never as a name.
func TestConvertConversationFiles(t *testing.T) {
	c := convertConversation(decode[openai.Conversation](t, `{"id":"c","messages":{"object":"list","has_more":false,"data":[
		{"id":"m1"},
		{"id":"m2","files":null},
		{"id":"m3","files":{"object":"list","has_more":false,"data":[{"id":"file-1","name":"a.pem"},{"id":"file-2"},{"id":"file-3","name":" "}]}},
		{"id":"m4","files":{"object":"list","has_more":false,"data":[]}}]}}`))
	if c.MessagesWithoutFiles != 2 || c.FilesNotReported {
		t.Errorf("MessagesWithoutFiles = %d FilesNotReported = %v; want 2 false", c.MessagesWithoutFiles, c.FilesNotReported)
	}
	if !reflect.DeepEqual(c.Files, []string{"a.pem"}) || !reflect.DeepEqual(c.UnnamedFiles, []string{"file-2", "file-3"}) {
		t.Errorf("Files = %q UnnamedFiles = %q", c.Files, c.UnnamedFiles)
	}

	p := convertChatGPTProject(decode[openai.ComplianceProject](t, `{"id":"g-p","latest_config":{"object":"list","has_more":false,"data":[{"id":"cfg",
		"files":{"object":"list","has_more":false,"data":[{"id":"file-9","name":null}]}}]}}`))
	if len(p.Files) != 0 || !reflect.DeepEqual(p.UnnamedFiles, []string{"file-9"}) {
		t.Errorf("project Files = %q UnnamedFiles = %q", p.Files, p.UnnamedFiles)
	}
}
