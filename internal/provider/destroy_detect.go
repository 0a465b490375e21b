package provider

import (
	"bytes"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// destroyInProgress reports whether the provider was started by
// `terraform destroy` (or `tofu destroy`, `plan -destroy`, `apply -destroy`).
//
// Why: before a destroy, Terraform and OpenTofu refresh the state with a
// normal plan (Context.destroyPlan in both), and an error diagnostic from
// ModifyPlan in that plan aborts the destroy. No field of the plan request
// tells that plan apart, so the posture check looks at the command line of
// its parent process, the CLI that launched it, and then reports findings as
// warnings: forgetting the recorded posture must never be blocked.
//
// When the command line cannot be read (an unusual platform, a sandbox) the
// answer is false, and `terraform destroy -refresh=false` remains the way out.
var destroyInProgress = sync.OnceValue(func() bool {
	return isDestroyCommand(parentCommandLine())
})

// isDestroyCommand finds a destroy subcommand or flag among the CLI's
// arguments (not its program name, which could contain the word).
func isDestroyCommand(args []string) bool {
	if len(args) < 2 {
		return false
	}
	for _, a := range args[1:] {
		switch a {
		case "destroy", "-destroy", "--destroy", "-destroy=true", "--destroy=true":
			return true
		}
	}
	return false
}

func parentCommandLine() []string {
	ppid := os.Getppid()
	if runtime.GOOS == "linux" {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(ppid) + "/cmdline")
		if err != nil {
			return nil
		}
		return strings.Split(string(bytes.TrimRight(b, "\x00")), "\x00")
	}
	if runtime.GOOS == "windows" {
		return nil
	}
	// macOS and the BSDs: ps prints the arguments space-separated, which is
	// enough to find a bare "destroy" token.
	out, err := exec.Command("ps", "-o", "args=", "-p", strconv.Itoa(ppid)).Output()
	if err != nil {
		return nil
	}
	return strings.Fields(string(out))
}
