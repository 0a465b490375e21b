//go:build !race

package posture

// timeScale: see race_on_test.go.
const timeScale = 1
