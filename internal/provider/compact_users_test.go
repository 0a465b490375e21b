package provider

import (
	"reflect"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// rawOrgUserValue is how openai_users mapped the API's decoded user before
// the loader kept users in the compact form: the compact form must show
// exactly the same values.
func rawOrgUserValue(u openai.User, now time.Time) orgUserModel {
	name, email := u.Name, u.Email
	if u.User != nil {
		if name == nil {
			name = u.User.Name
		}
		if email == nil {
			email = u.User.Email
		}
	}
	return orgUserModel{
		ID:                      types.StringValue(u.ID),
		Name:                    optString(name),
		Email:                   optString(email),
		Role:                    optString(u.Role),
		AddedAt:                 timeString(u.AddedAt),
		IsSCIMManaged:           types.BoolPointerValue(u.IsSCIMManaged),
		IsServiceAccount:        types.BoolPointerValue(u.IsServiceAccount),
		APIKeyLastUsedAt:        timeString(u.APIKeyLastUsedAt),
		DaysSinceAPIKeyLastUsed: daysSince(u.APIKeyLastUsedAt, now),
	}
}

func TestCompactUsersShowWhatTheAPISent(t *testing.T) {
	s := func(v string) *string { return &v }
	b := func(v bool) *bool { return &v }
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	ts := openai.Timestamp{Time: now.Add(-50 * time.Hour), Valid: true, Present: true}
	null := openai.Timestamp{Present: true}
	users := []openai.User{
		{ID: "user-a", Name: s("A"), Email: s("a@example.com"), Role: s("owner"), AddedAt: ts, IsSCIMManaged: b(true),
			IsServiceAccount: b(false), APIKeyLastUsedAt: ts},
		{ID: "user-b"}, // every optional field absent: nulls
		{ID: "user-c", User: &openai.UserAccount{Name: s("C"), Email: s("c@example.com")}},
		{ID: "user-d", Name: s(""), Email: s(""), Role: s(""), IsServiceAccount: b(true), APIKeyLastUsedAt: null,
			User: &openai.UserAccount{Name: s("nested"), Email: s("nested@example.com")}},
		{ID: "user-e", User: &openai.UserAccount{Name: s(""), Email: nil}},
	}
	cached := snapshot.AppendOrgUsers(snapshot.OrgUsers{}, users)
	for i, u := range users {
		if got, want := orgUserValue(cached, i, now), rawOrgUserValue(u, now); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: compact form shows\n%+v\nthe API's user maps to\n%+v", u.ID, got, want)
		}
	}

	wsUsers := []openai.WorkspaceUser{
		{ID: "user-w", Email: s("w@example.com"), Name: s("W"), Role: s("account-owner"), Status: s("active"), CreatedAt: ts},
		{ID: "user-x"},
		{ID: "user-y", Email: s(""), Name: s(""), Role: s(""), Status: s(""), CreatedAt: null},
	}
	ws := snapshot.AppendWorkspaceUsers(snapshot.WorkspaceUsers{}, wsUsers)
	for i, u := range wsUsers {
		if got, want := cachedWorkspaceUserValue(ws, i), workspaceUserValue(u); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: compact form shows\n%+v\nthe API's user maps to\n%+v", u.ID, got, want)
		}
	}
}
