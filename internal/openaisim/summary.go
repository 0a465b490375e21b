package openaisim

// Summary counts what a fixture serves, per collection (for the command's banner and
// for tests).
func Summary(f *Fixture) map[string]int {
	m := map[string]int{
		"org users":             len(f.Users),
		"invites":               len(f.Invites),
		"admin api keys":        len(f.AdminAPIKeys),
		"certificates":          len(f.Certificates),
		"audit log events":      len(f.AuditLogs),
		"workspace users":       len(f.Workspace.Users),
		"gpts":                  len(f.Workspace.GPTs),
		"chatgpt projects":      len(f.Workspace.Projects),
		"conversations":         len(f.Workspace.Conversations),
		"projects (active)":     0,
		"projects (archived)":   0,
		"project api keys":      0,
		"project service accts": 0,
		"project users":         0,
		"gpt config versions":   0,
		"conversation messages": 0,
	}
	for _, p := range f.Projects {
		if projectStatus(&p) == "archived" {
			m["projects (archived)"]++
		} else {
			m["projects (active)"]++
		}
		m["project api keys"] += len(p.APIKeys)
		m["project service accts"] += len(p.ServiceAccounts)
		m["project users"] += len(p.Users)
	}
	for _, g := range f.Workspace.GPTs {
		m["gpt config versions"] += len(g.Configs)
	}
	for _, c := range f.Workspace.Conversations {
		m["conversation messages"] += len(c.Messages)
	}
	return m
}
