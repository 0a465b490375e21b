//go:build race

package snapshot

// timeScale stretches the time bounds of the tests that guard against
// runaway work (hangs, quadratic blow-ups): the race detector makes code 5-20
// times slower, and a bound that only catches a blow-up must not trip on it.
const timeScale = 20
