package provider

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// openai_gpts shows, from the loader's compact form, exactly what it showed
// from the API's decoded GPT: nulls, the nested permissions, tools and file
// names in API order included.
func TestCompactGPTsShowWhatTheAPISent(t *testing.T) {
	docs := []string{
		`{"id":"g-full","created_at":1700000000,"owner_id":"user-o","owner_email":"o@example.com","builder_name":"B",
		  "sharing":{"visibility":"workspace","permissions":{"can_read":true,"can_write":false},
		    "recipients":[{"id":"user-r","email":"r@example.com","permissions":{"can_read":true,"can_view_config":true,"can_write":false}},
		                  {"id":"user-s"}]},
		  "latest_config":{"object":"list","has_more":false,"data":[{"id":"cfg","name":"N","description":"D","created_at":1700000001,
		    "instructions":"secret?","tools":{"object":"list","has_more":false,"data":[{"type":"custom_action","action_domain":"x.example","auth_type":"none"},{"type":"browser"}]},
		    "files":{"object":"list","has_more":false,"data":[{"id":"file-1","name":"a.pdf"},{"id":"file-2"},{"id":"file-3","name":""}]}}]}}`,
		`{"id":"g-bare"}`,
		`{"id":"g-null-sharing","sharing":{"recipients":null}}`,
		`{"id":"g-empty","owner_id":"","owner_email":"","builder_name":"","sharing":{"visibility":"","recipients":[]},
		  "latest_config":{"object":"list","has_more":false,"data":[{"id":"c2","name":"","description":""}]}}`,
		`{"id":"g-list-recipients","sharing":{"visibility":"invite-only","recipients":{"object":"list","has_more":false,"data":[{"id":"user-q","email":null}]}}}`,
	}
	var raw []openai.GPT
	for _, d := range docs {
		var g openai.GPT
		if err := json.Unmarshal([]byte(d), &g); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		raw = append(raw, g)
	}
	cached := snapshot.AppendGPTs(snapshot.GPTs{}, raw)
	ctx := context.Background()
	for i, g := range raw {
		want, err := agentValue(ctx, nil, gptKind, g)
		if err != nil {
			t.Fatal(err)
		}
		got, err := cachedGPTValue(ctx, nil, cached, i)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: compact form shows\n%+v\nthe API's GPT maps to\n%+v", g.ID, got, want)
		}
		for _, tool := range gptToolTypes {
			if cachedHasTool(cached, i, tool) != hasTool(g, tool) {
				t.Errorf("%s: tool filter %s differs", g.ID, tool)
			}
		}
	}
}
