package clidetect

import (
	"strconv"
	"strings"
)

// envCLIArgs is the environment variable whose arguments both CLIs insert
// after the command word of every command; envCLIArgs + "_" + command (for
// example TF_CLI_ARGS_plan) applies to one command only. OpenTofu 1.10 reads
// the same names as Terraform.
const envCLIArgs = "TF_CLI_ARGS"

// IsDestroy reports whether a CLI run with args (its arguments after the
// program name, like os.Args[1:]) and the environment env is a destroy:
// `destroy`, or `plan`/`apply` with -destroy set to true (also when the flag
// comes from TF_CLI_ARGS or TF_CLI_ARGS_<command>).
//
// It follows the CLIs: global options before the command word (-chdir=DIR),
// Go flag syntax after it (-destroy, --destroy, -destroy=<bool> with
// strconv.ParseBool), value-taking flags consuming the next argument when
// written `-flag value`, parsing stopping at `--` or at the first positional
// argument (apply's saved plan file). Anything it cannot read for certain is
// a normal plan (false).
func IsDestroy(args []string, env map[string]string) bool {
	command, rest, ok := commandWord(args)
	if !ok {
		return false
	}
	switch command {
	case "destroy":
		return true
	case "plan", "apply":
	default:
		return false
	}
	flags, ok := withEnvArgs(command, rest, env)
	if !ok {
		return false
	}
	destroy, ok := parseOperationFlags(removeViewFlags(flags))
	return ok && destroy
}

// commandWord skips the global options before the command word and returns
// the command and its arguments. Terraform and OpenTofu accept only -chdir=DIR
// there for a command that runs; -help and -version print and exit, and any
// other option is treated as unknown (not sure: not a destroy).
func commandWord(args []string) (command string, rest []string, ok bool) {
	for i, a := range args {
		if !strings.HasPrefix(a, "-") {
			return a, args[i+1:], true
		}
		if strings.HasPrefix(a, "-chdir=") && len(a) > len("-chdir=") {
			continue
		}
		return "", nil, false
	}
	return "", nil, false
}

// withEnvArgs inserts the arguments of TF_CLI_ARGS and TF_CLI_ARGS_<command>
// right after the command word, as the CLIs' mergeEnvArgs does: first
// TF_CLI_ARGS, then the command's own variable in front of it, so the order
// is command-specific, general, then the command line (the last of repeated
// flags wins). ok is false when a variable cannot be split into words.
func withEnvArgs(command string, rest []string, env map[string]string) ([]string, bool) {
	general, ok := shellWords(env[envCLIArgs])
	if !ok {
		return nil, false
	}
	specific, ok := shellWords(env[envCLIArgs+"_"+command])
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(specific)+len(general)+len(rest))
	out = append(out, specific...)
	out = append(out, general...)
	return append(out, rest...), true
}

// viewFlags are removed from anywhere in the arguments before flag parsing
// (arguments.ParseView in both CLIs); OpenTofu adds the consolidate and
// concise ones, and -deprecation=module:<level>.
var viewFlags = map[string]bool{
	"-no-color": true, "-compact-warnings": true,
	"-consolidate-warnings": true, "-consolidate-warnings=true": true, "-consolidate-warnings=false": true,
	"-consolidate-errors": true, "-consolidate-errors=true": true, "-consolidate-errors=false": true,
	"-concise": true,
}

func removeViewFlags(args []string) []string {
	out := make([]string, 0, len(args))
	for _, a := range args {
		if viewFlags[a] || strings.HasPrefix(a, "-deprecation=module:") {
			continue
		}
		out = append(out, a)
	}
	return out
}

// valueFlags are the flags of plan and apply (Terraform 1.5 and OpenTofu
// 1.10) that take a value: written `-flag value` they consume the next
// argument, which is therefore never a flag or a command.
var valueFlags = map[string]bool{
	"out": true, "var": true, "var-file": true, "target": true, "target-file": true,
	"exclude": true, "exclude-file": true, "replace": true, "state": true, "state-out": true,
	"backup": true, "lock-timeout": true, "parallelism": true, "generate-config-out": true,
	"deprecation": true,
}

// boolFlags are the boolean flags of plan and apply other than -destroy.
// `-flag value` does not consume value for them (Go flag syntax).
var boolFlags = map[string]bool{
	"detailed-exitcode": true, "input": true, "json": true, "lock": true, "refresh": true,
	"refresh-only": true, "auto-approve": true, "show-sensitive": true,
	"compact-warnings": true, "no-color": true, "concise": true,
	"consolidate-warnings": true, "consolidate-errors": true,
}

// parseOperationFlags reads plan/apply flags with the Go flag package's
// rules and returns the final value of -destroy. ok is false for anything the
// CLIs would reject or this parser does not know (an unknown flag, a bad
// boolean), where the next argument's role cannot be known.
func parseOperationFlags(args []string) (destroy bool, ok bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || len(a) < 2 || a[0] != '-' {
			return destroy, true // end of flags: the rest is positional (apply's plan file)
		}
		name := strings.TrimPrefix(a[1:], "-")
		if name == "" || name[0] == '-' || name[0] == '=' {
			return false, false // "---x", "-=x": the flag package rejects them
		}
		value, hasValue := "", false
		if eq := strings.IndexByte(name, '='); eq >= 0 {
			name, value, hasValue = name[:eq], name[eq+1:], true
		}
		switch {
		case name == "destroy":
			if !hasValue {
				destroy = true
				continue
			}
			b, err := strconv.ParseBool(value)
			if err != nil {
				return false, false
			}
			destroy = b
		case boolFlags[name]:
			if hasValue {
				if _, err := strconv.ParseBool(value); err != nil {
					return false, false
				}
			}
		case valueFlags[name]:
			if !hasValue {
				if i+1 >= len(args) {
					return false, false // "flag needs an argument"
				}
				i++ // the value, whatever it looks like
			}
		default:
			return false, false
		}
	}
	return destroy, true
}
