package snapshot

import (
	"encoding/json"
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
	if gpt.Config.FilesNotReported || len(gpt.Config.Files) != 1 || gpt.Config.Files[0] != "file-1" {
		t.Errorf("a file without a name must be listed by its id: %+v", gpt.Config)
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
