package snapshot

import (
	"errors"
	"net/http"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// What an API error status means, read in one place: the posture snapshot
// and the provider's data sources (openai_workspace_settings) both call these
// and never look at status codes themselves, so a plan's checks and its data
// sources cannot disagree about one answer.
//
// The readings are guesses the specs do not settle (DIGEST §1.5, §1.7). If
// the live API answers differently (say 200 with an empty object for "not
// configured", or 400 when audit logging is off), the answer falls outside
// these readings and becomes an error of the data source and of every check
// reading it: louder than needed, never a wrong pass.

// SettingNotConfigured reports whether err is the API saying an optional
// organization or project setting is not configured: 404 on
// GET /organization/spend_limit, GET /organization/data_retention and
// GET /organization/projects/{id}/model_permissions. Any other error is a
// failed read.
func SettingNotConfigured(err error) bool {
	return openai.IsNotFound(err)
}

// AuditLogOff reports whether err is the API saying the audit log cannot be
// read at all: 403 (audit logging disabled, or the key may not read it) or
// 404 (the feature is off for the organization). audit_logging reports it
// as a finding and openai_workspace_settings as audit_logs_readable = false;
// any other error (5xx, network) says nothing about the setting.
func AuditLogOff(err error) bool {
	var apiErr *openai.APIError
	return errors.As(err, &apiErr) && (apiErr.StatusCode == http.StatusForbidden || apiErr.StatusCode == http.StatusNotFound)
}
