// Package conformance is a spec-driven adversary for the posture checks.
//
// The simulator (internal/openaisim) was written together with the client, so
// its tests cannot catch a misreading the two share. The tests in this
// package instead serve responses generated from the official OpenAPI
// schemas (the Admin API spec and the ChatGPT Compliance API spec, copied
// into testdata), in variants the simulator's fixtures never produce: only
// the required fields, every documented enum value, undocumented enum values
// and unknown fields, nested lists missing, empty or truncated, and pages
// shorter than asked. Every check of the catalog runs over every variant
// through the real client, loader and engine; a check that passes on data it
// could not judge is a false pass and fails the suite.
//
// Run it with: go test -v -run TestConformanceMatrix ./internal/conformance/
package conformance
