// Package clidetect tells whether the Terraform or OpenTofu command that
// started the provider is a destroy.
//
// Why it exists: before a destroy, both CLIs refresh the state with a normal
// plan (Context.destroyPlan), and an error from the posture check's
// ModifyPlan in that plan would block the destroy. No field of the plan
// request tells that plan apart, so the provider reads the command line of
// its parent process, the CLI, and downgrades failures to warnings only when
// that command line is a destroy.
//
// Downgrading is the dangerous direction (a failure that should stop a plan
// becomes a warning), so the parser reads the arguments the way the CLIs do
// and answers true only when it is sure: any argument shape it does not know,
// or a command line it cannot read, is treated as a normal plan.
package clidetect
