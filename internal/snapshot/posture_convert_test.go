package snapshot

import (
	"strings"
	"time"

	"encoding/json"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

func decode[T any](t *testing.T, js string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// Fields a check relies on that the API left out must reach the engine as
// "not reported", never as a reassuring zero value.
func TestConvertersKeepNotReported(t *testing.T) {
	cert := convertCertificate(decode[openai.Certificate](t, `{"id":"c","certificate_details":{"expires_at":1}}`))
	if !cert.Active {
		t.Error("a certificate without `active` must be judged as active")
	}

	gpt := convertGPT(decode[openai.GPT](t, `{"id":"g","sharing":{"visibility":"workspace",
		"permissions":{"can_read":true},
		"recipients":{"object":"list","data":[{"id":"u","email":"a@example.com"}],"has_more":true}},
		"latest_config":{"object":"list","data":[{"id":"cfg","name":"n",
			"files":{"object":"list","data":[{"id":"file-1"}],"has_more":false}}]}}`))
	if gpt.Permissions == nil || !gpt.Permissions.Incomplete {
		t.Error("permissions without can_write/can_view_config must be marked incomplete")
	}
	if !gpt.RecipientsIncomplete {
		t.Error("a recipients list with has_more must be marked incomplete")
	}
	if gpt.Config == nil || !gpt.Config.ToolsNotReported {
		t.Error("a configuration without tools must be marked tools-not-reported")
	}
	if gpt.Config.FilesNotReported || len(gpt.Config.Files) != 0 || len(gpt.Config.UnnamedFiles) != 1 || gpt.Config.UnnamedFiles[0] != "file-1" {
		t.Errorf("a file without a name must be listed as unnamed by its id, not judged by it: %+v", gpt.Config)
	}

	truncated := convertGPT(decode[openai.GPT](t, `{"id":"g","latest_config":{"object":"list","data":[{"id":"cfg",
		"tools":{"object":"list","data":[],"has_more":true},"files":{"object":"list","data":[],"has_more":true}}]}}`))
	if !truncated.Config.ToolsNotReported || !truncated.Config.FilesNotReported {
		t.Error("nested lists with has_more must be marked not reported")
	}

	project := convertChatGPTProject(decode[openai.ComplianceProject](t, `{"id":"g-p-1"}`))
	if !project.FilesNotReported {
		t.Error("a ChatGPT project without latest_config must be marked files-not-reported")
	}
}

// Nested lists that are not known to be whole reach the checks as "not
// reported" findings, through the real decoding and conversion.
func TestIncompleteNestedDataIsNeverAPass(t *testing.T) {
	const okSharing = `"sharing":{"visibility":"invite-only","permissions":{"can_read":true,"can_view_config":false,"can_write":false},"recipients":[]}`
	const okConfig = `"instructions":"be nice","tools":{"object":"list","data":[],"has_more":false},"files":{"object":"list","data":[],"has_more":false}`
	gptWith := func(sharing, config string) string {
		return `{"id":"g","owner_id":"u","owner_email":"o@example.com",` + sharing + `,"latest_config":{"object":"list","data":[{"id":"cfg","name":"n",` + config + `}],"has_more":false}}`
	}
	patterns := posture.Params{"patterns": posture.ListValue("*.pem")}
	cases := []struct {
		name, check string
		params      posture.Params
		gpt, conv   string
		observed    string
	}{
		{"tools list without data", "gpt_custom_actions", nil,
			gptWith(okSharing, `"instructions":"x","tools":{"object":"list","has_more":false},"files":{"object":"list","data":[],"has_more":false}`), "", "tools not reported"},
		{"tools list without has_more", "gpt_custom_actions", nil,
			gptWith(okSharing, `"instructions":"x","tools":{"object":"list","data":[]},"files":{"object":"list","data":[],"has_more":false}`), "", "tools not reported"},
		{"files list without data", "dlp_gpt_file", patterns,
			gptWith(okSharing, `"instructions":"x","tools":{"object":"list","data":[],"has_more":false},"files":{"object":"list","has_more":false}`), "", "files not reported"},
		{"recipients absent", "gpt_shared_editable", nil,
			gptWith(`"sharing":{"visibility":"invite-only","permissions":{"can_read":true,"can_view_config":false,"can_write":false}}`, okConfig), "", "recipients not reported whole"},
		{"recipients without data", "gpt_shared_editable", nil,
			gptWith(`"sharing":{"visibility":"invite-only","permissions":{"can_read":true,"can_view_config":false,"can_write":false},"recipients":{"object":"list","has_more":false}}`, okConfig), "", "recipients not reported whole"},
		{"instructions absent", "dlp_gpt_instructions", nil,
			gptWith(okSharing, `"tools":{"object":"list","data":[],"has_more":false},"files":{"object":"list","data":[],"has_more":false}`), "", "instructions not reported"},
		{"tools truncated for the secret scan", "dlp_gpt_instructions", nil,
			gptWith(okSharing, `"instructions":"x","tools":{"object":"list","data":[],"has_more":true},"files":{"object":"list","data":[],"has_more":false}`), "", "action schemas cannot be judged"},
		{"conversation without messages", "dlp_conversation_file", patterns, "",
			`{"id":"c","user_id":"u"}`, "files cannot all be judged"},
		{"conversation messages truncated", "dlp_conversation_file", patterns, "",
			`{"id":"c","user_id":"u","messages":{"object":"list","data":[],"has_more":true}}`, "files cannot all be judged"},
		{"message files truncated", "dlp_conversation_file", patterns, "",
			`{"id":"c","user_id":"u","messages":{"object":"list","data":[{"id":"m","files":{"object":"list","data":[],"has_more":true}}],"has_more":false}}`, "files cannot all be judged"},
		{"messages without files", "dlp_conversation_file", patterns, "",
			`{"id":"c","user_id":"u","messages":{"object":"list","data":[{"id":"m1"},{"id":"m2"}],"has_more":false}}`, "files not reported on 2 messages"},
		{"unnamed message file", "dlp_conversation_file", patterns, "",
			`{"id":"c","user_id":"u","messages":{"object":"list","data":[{"id":"m","files":{"object":"list","data":[{"id":"file-1"}],"has_more":false}}],"has_more":false}}`, "1 file without a reported name (file-1)"},
		{"unnamed GPT file", "dlp_gpt_file", patterns,
			gptWith(okSharing, `"instructions":"x","tools":{"object":"list","data":[],"has_more":false},"files":{"object":"list","data":[{"id":"file-1"}],"has_more":false}`), "", "without a reported name"},
		{"custom action without schema", "dlp_gpt_instructions", nil,
			gptWith(okSharing, `"instructions":"x","tools":{"object":"list","data":[{"type":"custom_action","action_domain":"api.example.com"}],"has_more":false},"files":{"object":"list","data":[],"has_more":false}`), "", `schema not reported for 1 custom action ("api.example.com")`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			snap := posture.Snapshot{Now: time.Now()}
			subject := "c"
			if tc.gpt != "" {
				snap.GPTs = posture.Loaded(convertGPT(decode[openai.GPT](t, tc.gpt)))
				subject = "g"
			}
			if tc.conv != "" {
				snap.Conversations = posture.Loaded(convertConversation(decode[openai.Conversation](t, tc.conv)))
			}
			rr := posture.EvaluateRule(snap, posture.Rule{CheckID: tc.check, Params: tc.params})
			for _, f := range rr.Findings {
				if f.SubjectID == subject && strings.Contains(f.Observed, tc.observed) {
					return
				}
			}
			t.Errorf("want a finding on %s observing %q; got %+v errors %v", subject, tc.observed, rr.Findings, rr.Errors)
		})
	}

	// The complete shapes stay quiet: an array of recipients (v1.1.1) and
	// list objects with data and has_more false.
	clean := convertGPT(decode[openai.GPT](t, gptWith(okSharing, okConfig)))
	snap := posture.Snapshot{Now: time.Now(), GPTs: posture.Loaded(clean)}
	for _, id := range []string{"gpt_shared_editable", "dlp_gpt_instructions", "gpt_custom_actions"} {
		if rr := posture.EvaluateRule(snap, posture.Rule{CheckID: id}); len(rr.Findings)+len(rr.Errors) != 0 {
			t.Errorf("%s on a complete GPT: %+v %v", id, rr.Findings, rr.Errors)
		}
	}
}

// api_key_last_used_at: null is "never used", absent is "not reported".
func TestOrgUserKeyUseAbsentIsNotReported(t *testing.T) {
	absent := convertOrgUser(decode[openai.User](t, `{"object":"organization.user","id":"user_1","added_at":1}`))
	never := convertOrgUser(decode[openai.User](t, `{"object":"organization.user","id":"user_2","added_at":1,"api_key_last_used_at":null}`))
	if !absent.APIKeyUseNotReported || never.APIKeyUseNotReported || never.APIKeyLastUsedAt != nil {
		t.Errorf("absent: %+v; null: %+v", absent, never)
	}
}

// "Archived" means one thing for the loader, the checks and the client model.
func TestArchivedHasOneMeaning(t *testing.T) {
	for _, js := range []string{
		`{"id":"p"}`,
		`{"id":"p","status":"active"}`,
		`{"id":"p","status":"archived"}`,
		`{"id":"p","archived_at":5}`,
		`{"id":"p","archived_at":null}`,
		`{"id":"p","status":"active","archived_at":5}`,
		`{"id":"p","status":"archived","archived_at":null}`,
		`{"id":"p","status":"","archived_at":5}`,
		`{"id":"p","status":"deleted"}`,
	} {
		p := decode[openai.Project](t, js)
		engine := convertProject(p).Archived()
		if ProjectArchived(p) != engine || p.IsArchived() != engine {
			t.Errorf("%s: snapshot %v, client %v, engine %v", js, ProjectArchived(p), p.IsArchived(), engine)
		}
	}
	if ProjectArchived(decode[openai.Project](t, `{"id":"p","status":"active","archived_at":5}`)) {
		t.Error("a reported active status must win over a stray archived_at (else every check but archived_project_keys skips the project)")
	}
}
