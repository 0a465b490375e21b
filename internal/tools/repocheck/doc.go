// Package repocheck checks repository files that are not Go code and that no
// other tool validates here: .github/dependabot.yml (actionlint covers the
// workflows, not Dependabot's file). `make workflows-check` runs its tests.
package repocheck
