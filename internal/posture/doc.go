// Package posture judges the security posture of an OpenAI organization (Admin
// API) and its ChatGPT Enterprise workspace (Compliance API).
//
// It is pure: no HTTP, no files, no environment and no clock. The provider
// builds a [Snapshot] of what it read (and of what it could not read), picks
// [Rule]s from the baseline declared in HCL, and calls [Evaluate]. The result
// carries findings, per-rule errors and warnings, and renders as SARIF, JUnit
// or JSON.
//
// Three principles run through the package:
//
//   - Fail closed. A check whose data could not be read reports an error that
//     names the collection and its endpoint; it never passes. A field a check
//     relies on that the API did not send yields a finding on that subject
//     ("<field> not reported"), never a silent pass.
//   - Nothing is dropped. Waived findings are returned with Waived=true; an
//     expired waiver stops suppressing and says so.
//   - Stable identities. Check ids, collection ids and finding fingerprints are
//     part of the provider's state and of SARIF baselines; they never change
//     meaning.
package posture
