package clidetect

import (
	"strings"
	"testing"
)

func TestIsDestroy(t *testing.T) {
	cases := []struct {
		name string
		args string // split on blanks
		env  map[string]string
		want bool
	}{
		// The destroy command and the -destroy flag.
		{name: "destroy", args: "destroy -auto-approve", want: true},
		{name: "destroy with chdir", args: "-chdir=posture destroy", want: true},
		{name: "destroy with flags", args: "destroy -var-file=prod.tfvars -target openai_posture_check.x", want: true},
		{name: "plan -destroy", args: "plan -destroy -out=p", want: true},
		{name: "plan --destroy", args: "plan --destroy", want: true},
		{name: "apply -destroy", args: "apply -destroy -auto-approve", want: true},
		{name: "plan -destroy=true", args: "plan -destroy=true", want: true},
		{name: "plan -destroy=1", args: "plan -destroy=1", want: true},
		{name: "plan -destroy=t", args: "plan -destroy=t", want: true},
		{name: "plan -destroy=T", args: "plan -destroy=T", want: true},
		{name: "plan -destroy=TRUE", args: "plan -destroy=TRUE", want: true},
		{name: "plan -destroy=True", args: "plan --destroy=True", want: true},
		{name: "after value flags", args: "plan -var x=1 -out destroy.plan -parallelism 4 -destroy", want: true},
		{name: "after a view flag", args: "plan -no-color -destroy", want: true},
		{name: "chdir then plan -destroy", args: "-chdir=env/prod plan -destroy", want: true},

		// The word destroy where it is not the command.
		{name: "plan -out destroy", args: "plan -out destroy", want: false},
		{name: "plan --out destroy", args: "plan --out destroy", want: false},
		{name: "plan -out=destroy", args: "plan -out=destroy", want: false},
		{name: "plan -var-file destroy", args: "plan -var-file destroy", want: false},
		{name: "plan -var destroy", args: "plan -var mode=destroy", want: false},
		{name: "plan -generate-config-out destroy", args: "plan -generate-config-out destroy", want: false},
		{name: "plan -target destroy", args: "plan -target destroy", want: false},
		{name: "plan -replace destroy", args: "plan -replace destroy", want: false},
		{name: "plan -state destroy", args: "plan -state destroy", want: false},
		{name: "apply -state-out destroy", args: "apply -state-out destroy", want: false},
		{name: "apply -backup destroy", args: "apply -backup destroy", want: false},
		{name: "plan -exclude destroy (tofu)", args: "plan -exclude destroy", want: false},
		{name: "plan -target-file destroy (tofu)", args: "plan -target-file destroy", want: false},
		{name: "apply saved plan named destroy", args: "apply destroy", want: false},
		{name: "apply flags then saved plan named destroy", args: "apply -auto-approve -input=false destroy", want: false},
		{name: "apply -- -destroy", args: "apply -- -destroy", want: false},
		{name: "plan -out -destroy consumes the flag", args: "plan -out -destroy", want: false},
		{name: "chdir named destroy", args: "-chdir=destroy plan", want: false},
		{name: "bool flag does not consume", args: "plan -refresh destroy", want: false},

		// -destroy explicitly false, last one wins.
		{name: "plan -destroy=false", args: "plan -destroy=false", want: false},
		{name: "plan -destroy=0", args: "plan -destroy=0", want: false},
		{name: "plan -destroy=f", args: "plan -destroy=f", want: false},
		{name: "later -destroy=false wins", args: "plan -destroy -destroy=false", want: false},
		{name: "later -destroy wins", args: "plan -destroy=false -destroy", want: true},

		// Other commands.
		{name: "plan", args: "plan -detailed-exitcode", want: false},
		{name: "apply", args: "apply -auto-approve", want: false},
		{name: "refresh", args: "refresh", want: false},
		{name: "import", args: "import openai_posture_check.x destroy", want: false},
		{name: "console", args: "console", want: false},
		{name: "go test binary", args: "-test.run=TestAcc", want: false},

		// Unsure: treated as a plan, never downgraded.
		{name: "no arguments", args: "", want: false},
		{name: "unknown flag", args: "plan -newflag -destroy", want: false},
		{name: "bad boolean", args: "plan -destroy=yes", want: false},
		{name: "chdir without equals", args: "-chdir destroy", want: false},
		{name: "unknown global option", args: "-verbose destroy", want: false},
		{name: "value flag without value", args: "plan -out", want: false},
		{name: "three dashes", args: "plan ---destroy", want: false},

		// TF_CLI_ARGS and TF_CLI_ARGS_<command>.
		{name: "TF_CLI_ARGS_plan=-destroy", args: "plan", env: map[string]string{"TF_CLI_ARGS_plan": "-destroy"}, want: true},
		{name: "TF_CLI_ARGS=-destroy", args: "plan -out p", env: map[string]string{"TF_CLI_ARGS": "-destroy"}, want: true},
		{name: "TF_CLI_ARGS_apply=-destroy", args: "apply -auto-approve", env: map[string]string{"TF_CLI_ARGS_apply": "-destroy"}, want: true},
		{name: "TF_CLI_ARGS_apply does not apply to plan", args: "plan", env: map[string]string{"TF_CLI_ARGS_apply": "-destroy"}, want: false},
		{name: "TF_CLI_ARGS_plan does not apply to apply", args: "apply", env: map[string]string{"TF_CLI_ARGS_plan": "-destroy"}, want: false},
		{name: "TF_CLI_ARGS_plan=-destroy=1", args: "plan", env: map[string]string{"TF_CLI_ARGS_plan": "-destroy=1"}, want: true},
		{name: "command line overrides env", args: "plan -destroy=false", env: map[string]string{"TF_CLI_ARGS_plan": "-destroy"}, want: false},
		{name: "general env overrides command env", args: "plan", env: map[string]string{"TF_CLI_ARGS_plan": "-destroy", "TF_CLI_ARGS": "-destroy=false"}, want: false},
		{name: "env value flag consumes", args: "plan", env: map[string]string{"TF_CLI_ARGS_plan": "-out destroy"}, want: false},
		{name: "env quoted", args: "plan", env: map[string]string{"TF_CLI_ARGS_plan": `-var 'x=a b' -destroy`}, want: true},
		{name: "env with a value flag before the command line", args: "plan -destroy", env: map[string]string{"TF_CLI_ARGS": "-out"}, want: false},
		{name: "env unparsable", args: "plan", env: map[string]string{"TF_CLI_ARGS_plan": `-destroy "unterminated`}, want: false},
		{name: "env for another command", args: "destroy", env: map[string]string{"TF_CLI_ARGS_destroy": "-auto-approve"}, want: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := strings.Fields(tc.args)
			if got := IsDestroy(args, tc.env); got != tc.want {
				t.Errorf("IsDestroy(%q, %v) = %v, want %v", args, tc.env, got, tc.want)
			}
		})
	}
}

func TestShellWords(t *testing.T) {
	cases := map[string][]string{
		``:               nil,
		`-destroy`:       {"-destroy"},
		`  -a   -b  `:    {"-a", "-b"},
		`-var 'x=a b'`:   {"-var", "x=a b"},
		`-var "x=a b"`:   {"-var", "x=a b"},
		`-var x=a\ b`:    {"-var", "x=a b"},
		`-var "x=\"q\""`: {"-var", `x="q"`},
		`''`:             {""},
	}
	for in, want := range cases {
		got, ok := shellWords(in)
		if !ok || strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
			t.Errorf("shellWords(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{`"open`, `'open`, `x\`, "a;b", "a|b", "$(x)", "`x`", `"$HOME"`} {
		if got, ok := shellWords(bad); ok {
			t.Errorf("shellWords(%q) = %q, want not ok", bad, got)
		}
	}
}

func TestProcessDetectorReadsOnce(t *testing.T) {
	calls := 0
	d := &processDetector{
		args: func() []string { calls++; return []string{"/usr/bin/terraform", "destroy"} },
		env:  func() map[string]string { return nil },
	}
	first, second := d.Destroying(), d.Destroying()
	if !first || !second {
		t.Fatal("terraform destroy not detected")
	}
	if calls != 1 {
		t.Fatalf("command line read %d times, want once", calls)
	}
	for name, argv := range map[string][]string{
		"unreadable":        nil,
		"program name only": {"/opt/destroy/terraform"},
	} {
		d := &processDetector{args: func() []string { return argv }, env: func() map[string]string { return nil }}
		if d.Destroying() {
			t.Errorf("%s: detected a destroy", name)
		}
	}
}

func TestFromProcessUnderGoTest(t *testing.T) {
	// The parent of a test binary is `go test` (or a shell): never a destroy.
	if FromProcess().Destroying() {
		t.Fatal("go test detected as a destroy")
	}
}

func TestStatic(t *testing.T) {
	if Static(false).Destroying() || !Static(true).Destroying() {
		t.Fatal("Static does not return its value")
	}
}
