package openai

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// LogSubsystem is the tflog subsystem for HTTP traffic. Its level comes from
// TF_LOG_PROVIDER_OPENAI_HTTP (falling back to the provider's level), so HTTP
// noise can be turned up or down on its own, as in the official provider.
const LogSubsystem = "openai_http"

// LogLevelEnvVar sets the level of LogSubsystem.
const LogLevelEnvVar = "TF_LOG_PROVIDER_OPENAI_HTTP"

// secretHeaderKeys are log field keys whose values are always masked.
var secretHeaderKeys = []string{"Authorization", "authorization", "api_key", "key"}

// withLogging returns ctx with the HTTP subsystem registered and every
// configured key masked in both the subsystem and the root provider logger.
// It runs for every request (in the transport), so a log line written
// anywhere below it cannot show a key even if the caller forgot to mask.
func (c *Client) withLogging(ctx context.Context) context.Context {
	ctx = tflog.NewSubsystem(ctx, LogSubsystem, tflog.WithLevelFromEnv(LogLevelEnvVar))
	secrets := c.secrets()
	ctx = tflog.SubsystemMaskFieldValuesWithFieldKeys(ctx, LogSubsystem, secretHeaderKeys...)
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, secretHeaderKeys...)
	if len(secrets) > 0 {
		ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, LogSubsystem, secrets...)
		ctx = tflog.SubsystemMaskMessageStrings(ctx, LogSubsystem, secrets...)
		ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
		ctx = tflog.MaskMessageStrings(ctx, secrets...)
	}
	// Keys the provider was not given (echoed by a proxy, say) are masked by
	// shape, as in error messages.
	ctx = tflog.SubsystemMaskAllFieldValuesRegexes(ctx, LogSubsystem, keyShaped)
	ctx = tflog.SubsystemMaskMessageRegexes(ctx, LogSubsystem, keyShaped)
	ctx = tflog.MaskAllFieldValuesRegexes(ctx, keyShaped)
	ctx = tflog.MaskMessageRegexes(ctx, keyShaped)
	return ctx
}

// secrets lists the non-empty keys. An empty string must never be passed to
// a mask: it would match everywhere.
func (c *Client) secrets() []string {
	var s []string
	for _, k := range []string{c.cfg.AdminAPIKey, c.cfg.ComplianceAPIKey} {
		if k != "" {
			s = append(s, k)
		}
	}
	return s
}

// leveledLogger adapts go-retryablehttp's LeveledLogger to tflog. retryablehttp
// logs only method and URL (never headers); the context already carries the
// masks, so even a header value could not leak.
type leveledLogger struct {
	ctx context.Context
}

func (l leveledLogger) fields(kv []interface{}) map[string]interface{} {
	m := make(map[string]interface{}, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = fmt.Sprint(kv[i+1])
	}
	return m
}

func (l leveledLogger) Error(msg string, kv ...interface{}) {
	tflog.SubsystemError(l.ctx, LogSubsystem, msg, l.fields(kv))
}
func (l leveledLogger) Info(msg string, kv ...interface{}) {
	tflog.SubsystemInfo(l.ctx, LogSubsystem, msg, l.fields(kv))
}
func (l leveledLogger) Debug(msg string, kv ...interface{}) {
	tflog.SubsystemDebug(l.ctx, LogSubsystem, msg, l.fields(kv))
}
func (l leveledLogger) Warn(msg string, kv ...interface{}) {
	tflog.SubsystemWarn(l.ctx, LogSubsystem, msg, l.fields(kv))
}
