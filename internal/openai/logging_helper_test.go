package openai

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

func tflogSubsystemDebugForTest(ctx context.Context, msg string, fields map[string]interface{}) {
	tflog.SubsystemDebug(ctx, LogSubsystem, msg, fields)
	tflog.Debug(ctx, msg, fields)
}
