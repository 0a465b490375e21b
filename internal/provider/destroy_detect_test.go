package provider

import "testing"

func TestIsDestroyCommand(t *testing.T) {
	cases := map[string]struct {
		args []string
		want bool
	}{
		"terraform destroy":          {[]string{"terraform", "destroy", "-auto-approve"}, true},
		"tofu destroy with chdir":    {[]string{"/usr/bin/tofu", "-chdir=posture", "destroy"}, true},
		"plan -destroy":              {[]string{"terraform", "plan", "-destroy", "-out=p"}, true},
		"apply -destroy":             {[]string{"terraform", "apply", "-destroy"}, true},
		"plan":                       {[]string{"terraform", "plan", "-detailed-exitcode"}, false},
		"apply":                      {[]string{"terraform", "apply", "-auto-approve"}, false},
		"program name only":          {[]string{"/opt/destroy/terraform"}, false},
		"destroy in a variable":      {[]string{"terraform", "plan", "-var", "mode=destroy"}, false},
		"no command line":            {nil, false},
		"go test (acceptance tests)": {[]string{"/tmp/go-build/provider.test", "-test.run=TestAcc"}, false},
	}
	for name, tc := range cases {
		if got := isDestroyCommand(tc.args); got != tc.want {
			t.Errorf("%s: isDestroyCommand(%q) = %v, want %v", name, tc.args, got, tc.want)
		}
	}
}
