package posture

import (
	"strings"
	"testing"
)

// Data the conformance suite hid from the checks (internal/conformance
// false passes): each must end in a "not reported" finding on its subject.
func TestUnreportedDataIsAFinding(t *testing.T) {
	patterns := Params{"patterns": ListValue("*.pem")}
	cases := []struct {
		name     string
		rule     Rule
		mut      func(*Snapshot)
		subject  string
		observed string
	}{
		{"project with keys whose archived state is not reported", Rule{CheckID: "archived_project_keys"},
			func(s *Snapshot) {
				p := project("p")
				p.Status, p.ArchivedStateNotReported = "", true
				p.APIKeys = Loaded(projectKey("k"))
				s.Projects = Loaded(p)
			}, "p", "archived state not reported"},
		{"unnamed GPT knowledge file", Rule{CheckID: "dlp_gpt_file", Params: patterns},
			func(s *Snapshot) { g := gpt("g"); g.Config.UnnamedFiles = []string{"file-1"}; withGPT(s, g) }, "g", "1 file without a reported name (file-1)"},
		{"unnamed ChatGPT project file", Rule{CheckID: "dlp_project_file", Params: patterns},
			func(s *Snapshot) {
				s.ChatGPTProjects = Loaded(ChatGPTProject{ID: "p", UnnamedFiles: []string{"file-1", "file-2"}})
			}, "p", "2 files without a reported name (file-1, file-2)"},
		{"unnamed conversation file", Rule{CheckID: "dlp_conversation_file", Params: patterns},
			func(s *Snapshot) { s.Conversations = Loaded(Conversation{ID: "c", UnnamedFiles: []string{"file-1"}}) }, "c", "without a reported name"},
		{"messages without a files list", Rule{CheckID: "dlp_conversation_file", Params: patterns},
			func(s *Snapshot) { s.Conversations = Loaded(Conversation{ID: "c", MessagesWithoutFiles: 3}) }, "c", "files not reported on 3 messages"},
		{"custom action without its schema", Rule{CheckID: "dlp_gpt_instructions"},
			func(s *Snapshot) {
				g := gpt("g")
				g.Config.Tools = []GPTTool{{Type: "custom_action", ActionDomain: "api.example.com", AuthType: "none"}}
				withGPT(s, g)
			}, "g", `schema not reported for 1 custom action ("api.example.com")`},
		{"pending invite without projects", Rule{CheckID: "invite_high_privilege"},
			func(s *Snapshot) {
				s.Invites = Loaded(Invite{ID: "i", Email: "x@example.com", Role: "reader", Status: "pending", CreatedAt: ago(1), ProjectsNotReported: true})
			}, "i", "project roles not reported"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			snap := emptySnapshot()
			tc.mut(&snap)
			rr := EvaluateRule(snap, tc.rule)
			found := false
			for _, f := range rr.Findings {
				found = found || (f.SubjectID == tc.subject && strings.Contains(f.Observed, tc.observed))
			}
			if !found {
				t.Errorf("want finding on %s observing %q; got %+v errors %v", tc.subject, tc.observed, rr.Findings, rr.Errors)
			}
		})
	}
}

// A project without keys passes archived_project_keys whatever its archived
// state: it cannot be an archived project with keys. A project whose state
// is reported is judged by ProjectArchived, as before.
func TestArchivedStateNotReportedOnlyMattersWithKeys(t *testing.T) {
	unknown := project("p")
	unknown.Status, unknown.ArchivedStateNotReported = "", true
	active := project("q")
	active.APIKeys = Loaded(projectKey("k"))
	snap := emptySnapshot()
	snap.Projects = Loaded(unknown, active)
	rr := EvaluateRule(snap, Rule{CheckID: "archived_project_keys"})
	if len(rr.Findings) != 0 || len(rr.Errors) != 0 {
		t.Errorf("findings = %+v errors = %v", rr.Findings, rr.Errors)
	}
}

// Messages without a files list make one finding per conversation, however
// many messages there are, alongside the matches among the files that were
// reported; a truncated list and absent lists share that one finding.
func TestConversationFilesNotReportedIsOneFinding(t *testing.T) {
	snap := emptySnapshot()
	snap.Conversations = Loaded(Conversation{ID: "c", FilesNotReported: true, MessagesWithoutFiles: 40, Files: []string{"key.pem"}})
	rr := EvaluateRule(snap, Rule{CheckID: "dlp_conversation_file", Params: Params{"patterns": ListValue("*.pem")}})
	var notReported, matched int
	for _, f := range rr.Findings {
		switch {
		case strings.HasPrefix(f.SubKey, "files_not_reported:"):
			notReported++
			if !strings.Contains(f.Observed, "files not reported on 40 messages") || !strings.Contains(f.Observed, "has_more") {
				t.Errorf("observed = %q", f.Observed)
			}
		case strings.Contains(f.Observed, "key.pem"):
			matched++
		}
	}
	if notReported != 1 || matched != 1 || len(rr.Findings) != 2 {
		t.Errorf("findings = %+v", rr.Findings)
	}
}

// The ids listed in an unnamed-files finding are bounded.
func TestUnnamedFilesObservedIsBounded(t *testing.T) {
	ids := make([]string, 50)
	for i := range ids {
		ids[i] = "file-" + strings.Repeat("x", i)
	}
	snap := emptySnapshot()
	snap.ChatGPTProjects = Loaded(ChatGPTProject{ID: "p", UnnamedFiles: ids})
	rr := EvaluateRule(snap, Rule{CheckID: "dlp_project_file", Params: Params{"patterns": ListValue("*.pem")}})
	if len(rr.Findings) != 1 || !strings.Contains(rr.Findings[0].Observed, "50 files without a reported name") || !strings.Contains(rr.Findings[0].Observed, "and 45 more") {
		t.Errorf("findings = %+v", rr.Findings)
	}
}
