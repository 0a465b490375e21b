//go:build !race

package extract

// timeScale: see race_on_test.go.
const timeScale = 1
