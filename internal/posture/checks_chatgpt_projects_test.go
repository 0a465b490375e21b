package posture

import (
	"errors"
	"strings"
	"testing"
)

// chatGPTProject is a compliant workspace project: invite-only, chat-only
// recipient, shared_users read, a complete empty tools list.
func chatGPTProject(id string) ChatGPTProject {
	return ChatGPTProject{
		ID: id, Name: "Q3 planning", OwnerID: "user-owner", OwnerEmail: "owner@example.com",
		Visibility:  "invite-only",
		Permissions: &GPTPermissions{CanRead: true},
		Recipients: []GPTRecipient{{
			ID: "user-r1", Email: "r1@example.com", Permissions: &GPTPermissions{CanRead: true},
		}},
		SharedUsers:    Loaded[GPTRecipient](),
		ConfigReported: true,
	}
}

// projectCase puts one project, changed by mut, into the snapshot.
func projectCase(mut func(*ChatGPTProject)) func(*Snapshot) {
	return func(s *Snapshot) {
		p := chatGPTProject("g-p-1")
		mut(&p)
		s.ChatGPTProjects = Loaded(p)
	}
}

func unreadableChatGPTProjects(s *Snapshot) {
	s.ChatGPTProjects = Unreadable[ChatGPTProject]("", errors.New("compliance API key not configured"))
}

var projectRuleParams = map[string]Params{
	"chatgpt_project_external_share": {"allowed_domains": ListValue("example.com")},
	"chatgpt_project_action_domain":  {"allowed_domains": ListValue("api.example.com")},
}

// projectFindings evaluates one project check on one project and returns
// its findings' observations (and fails the test on a data error).
func projectFindings(t *testing.T, id string, mut func(*ChatGPTProject)) []Finding {
	t.Helper()
	snap := Snapshot{Now: testNow}
	projectCase(mut)(&snap)
	rr := run(t, snap, Rule{CheckID: id, Params: projectRuleParams[id]})
	if len(rr.Errors) > 0 {
		t.Fatalf("%s: unexpected errors %v", id, rr.Errors)
	}
	return rr.Findings
}

func TestChatGPTProjectThirdPartyIsItsOwnKind(t *testing.T) {
	thirdParty := func(p *ChatGPTProject) {
		*p = ChatGPTProject{ID: "g-p-1", Name: "Community planner", ThirdParty: true, RecipientsIncomplete: true, ConfigReported: true}
	}
	for _, id := range []string{"chatgpt_project_public_link", "chatgpt_project_external_share", "chatgpt_project_shared_editable"} {
		fs := projectFindings(t, id, thirdParty)
		if len(fs) != 1 {
			t.Fatalf("%s: want one third-party finding, got %+v", id, fs)
		}
		f := fs[0]
		if f.SubjectKind != thirdPartyProjectKind || f.SubKey != "third_party" || !strings.Contains(f.Observed, "third-party project") {
			t.Errorf("%s: third-party project reported as %s/%s %q", id, f.SubjectKind, f.SubKey, f.Observed)
		}
		if strings.Contains(f.Observed, "not reported") {
			t.Errorf("%s: third-party project reported as missing data: %q", id, f.Observed)
		}
	}
	// Its tools are still judged like any project's.
	if fs := projectFindings(t, "chatgpt_project_custom_actions", thirdParty); len(fs) != 0 {
		t.Errorf("third-party project without tools: %+v", fs)
	}
}

func TestChatGPTProjectChecksFailClosed(t *testing.T) {
	cases := []struct {
		name, check string
		mut         func(*ChatGPTProject)
		observed    string
	}{
		{"unknown visibility", "chatgpt_project_public_link", func(p *ChatGPTProject) { p.Visibility = "everyone" }, `unknown visibility "everyone"`},
		{"visibility absent", "chatgpt_project_public_link", func(p *ChatGPTProject) { p.Visibility = "" }, "sharing.visibility not reported"},
		{"gpt-store", "chatgpt_project_public_link", func(p *ChatGPTProject) { p.Visibility = "gpt-store" }, "visibility gpt-store"},
		{"unknown tool", "chatgpt_project_custom_actions", func(p *ChatGPTProject) { p.Tools = []GPTTool{{Type: "mcp_connector"}} }, `unknown tool type "mcp_connector"`},
		{"tool without type", "chatgpt_project_action_domain", func(p *ChatGPTProject) { p.Tools = []GPTTool{{}} }, "tool type not reported"},
		{"no config", "chatgpt_project_custom_actions", func(p *ChatGPTProject) { p.ConfigReported = false }, "latest_config not reported"},
		{"tools truncated", "chatgpt_project_action_domain", func(p *ChatGPTProject) { p.ToolsNotReported = true }, "tools not reported"},
		{"action without domain", "chatgpt_project_action_domain", func(p *ChatGPTProject) { p.Tools = []GPTTool{{Type: "custom_action"}} }, "action_domain not reported"},
		{"recipient without email", "chatgpt_project_external_share", func(p *ChatGPTProject) {
			p.RecipientsIncomplete = true
			p.SharedUsers = Loaded(GPTRecipient{ID: "user-x"})
		}, "recipient user-x email not reported"},
		{"recipients incomplete, shared_users unreadable", "chatgpt_project_external_share", func(p *ChatGPTProject) {
			p.RecipientsIncomplete, p.Recipients = true, nil
			p.SharedUsers = Unreadable[GPTRecipient]("", errors.New("HTTP 500"))
		}, "recipients cannot be judged"},
		{"recipients incomplete", "chatgpt_project_shared_editable", func(p *ChatGPTProject) { p.RecipientsIncomplete = true }, "sharing.recipients not reported whole"},
		{"audience permissions absent", "chatgpt_project_shared_editable", func(p *ChatGPTProject) {
			p.Visibility, p.Permissions = "workspace", nil
		}, "audience workspace permissions not reported"},
		{"recipient may view config", "chatgpt_project_shared_editable", func(p *ChatGPTProject) {
			p.Recipients[0].Permissions = &GPTPermissions{CanRead: true, CanViewConfig: true}
		}, "can view configuration"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			snap := Snapshot{Now: testNow}
			projectCase(tc.mut)(&snap)
			rr := run(t, snap, Rule{CheckID: tc.check, Params: projectRuleParams[tc.check]})
			if rr.Passed() {
				t.Fatalf("%s passed", tc.check)
			}
			var seen []string
			for _, f := range rr.Findings {
				seen = append(seen, f.Observed)
				if strings.Contains(f.Observed, tc.observed) {
					return
				}
			}
			t.Errorf("%s: no finding observing %q; got %q (errors %v)", tc.check, tc.observed, seen, rr.Errors)
		})
	}
}

func TestChatGPTProjectCustomActionsNameEachDomain(t *testing.T) {
	fs := projectFindings(t, "chatgpt_project_custom_actions", func(p *ChatGPTProject) {
		p.Tools = []GPTTool{{Type: "custom_action", ActionDomain: "api.example.com"}, {Type: "custom_action", ActionDomain: "hooks.vendor.test"}, {Type: "browser"}}
	})
	if len(fs) != 2 || fs[0].Observed != `custom action to "api.example.com"` || fs[1].Observed != `custom action to "hooks.vendor.test"` {
		t.Fatalf("want one finding per action naming its domain, got %+v", fs)
	}
	if fs[0].SubjectKind != "chatgpt_project" || fs[0].SubjectName != "Q3 planning" {
		t.Errorf("subject %s %q", fs[0].SubjectKind, fs[0].SubjectName)
	}
}
