//go:build !race

package snapshot

// timeScale: see race_on_test.go.
const timeScale = 1
