package openaisim

import (
	"bytes"
	"embed"
	"fmt"
)

//go:embed fixtures/*.json
var fixtureFS embed.FS

// EmbeddedFixture loads an embedded fixture by name ("sample" or "clean").
func EmbeddedFixture(name string) (*Fixture, error) {
	b, err := fixtureFS.ReadFile("fixtures/" + name + ".json")
	if err != nil {
		return nil, fmt.Errorf("openaisim: no embedded fixture %q (have: sample, clean)", name)
	}
	f, err := LoadFixture(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("openaisim: embedded fixture %s.json: %w", name, err)
	}
	return f, nil
}

func mustEmbedded(name string) *Fixture {
	f, err := EmbeddedFixture(name)
	if err != nil {
		panic(err)
	}
	return f
}

// SampleOrg returns a fresh copy of fixtures/sample.json: an org whose seeded violations
// cover every check of CHECKS.md (see SeededViolations).
func SampleOrg() *Fixture { return mustEmbedded("sample") }

// CleanOrg returns a fresh copy of fixtures/clean.json: an org on which no check fires
// at its default threshold.
func CleanOrg() *Fixture { return mustEmbedded("clean") }

// SampleOrgAuditLogsUnreadable is SampleOrg with audit logs unreadable (403), the one
// seeded violation (audit_logging) that cannot coexist with risky_admin_events.
func SampleOrgAuditLogsUnreadable() *Fixture {
	f := SampleOrg()
	f.Organization.AuditLogsUnreadable = true
	return f
}
