package main

import (
	"fmt"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// printPerCheck prints what each check of the baseline costs on its own
// against fx under the documented rate limits in real time
// (openaisim.RealisticRateLimits: admin 10 a minute per endpoint, compliance
// lists 50, get-one 100; buckets full at start): the requests a correct
// reader must make (the floor) and the shortest time those limits allow for
// them (the slowest endpoint; endpoints are limited independently, so they
// run in parallel). The last row is the whole baseline, whose checks share
// every read.
func printPerCheck(fx *openaisim.Fixture, rules []posture.Rule, now time.Time) {
	limits := openaisim.RealisticRateLimits()
	fmt.Printf("Real-time floor per check (documented limits, scale 1; each check alone, then the baseline sharing reads):\n\n")
	fmt.Printf("| check | requests (floor) | slowest endpoint | real-time floor |\n|---|--:|---|--:|\n")
	row := func(name string, rs []posture.Rule) {
		fl := computeFloor(fx, rs, now)
		d, slowest := rateFloor(fl, limits, 1)
		where := "-"
		if slowest != "" {
			where = fmt.Sprintf("`%s` (%s at %d/min)", shortKey(slowest), n(fl.perEndpoint[slowest]), limits[slowest])
		}
		fmt.Printf("| %s | %s | %s | %s |\n", name, n(fl.total), where, human(d))
	}
	for _, r := range rules {
		row("`"+r.CheckID+"`", []posture.Rule{r})
	}
	row("**baseline (all of the above)**", rules)
	fmt.Println()
}

// human renders a duration as hours and minutes, or seconds when short.
func human(d time.Duration) string {
	switch {
	case d <= 0:
		return "within the initial bucket"
	case d < time.Minute:
		return fmt.Sprintf("%.0f s", d.Seconds())
	case d < time.Hour:
		return fmt.Sprintf("%.0f min", d.Minutes())
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}
