package provider

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// Attack: the example module examples/modules/posture-baseline types
// var.waivers as list(object({check, subject, justification, expires})).
// Terraform converts a value to an object type by DROPPING attributes the
// type does not declare, without an error or a warning (checked with
// terraform 1.5.7: a waiver with finding = "<fingerprint>" comes out of the
// variable without it). A waiver written to accept one finding of
// gpt_external_share (one outside recipient) therefore reaches the provider
// as a waiver of the whole GPT, which also accepts every recipient added
// later; for the DLP checks, which require finding, the module cannot waive
// at all. The module must declare finding (and match) and pass them on.
func TestRedTeam2ModuleDropsWaiverFinding(t *testing.T) {
	dir := "../../examples/modules/posture-baseline/"
	vars, err := os.ReadFile(dir + "variables.tf")
	if err != nil {
		t.Fatal(err)
	}
	main, err := os.ReadFile(dir + "main.tf")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`(?s)variable "waivers" \{.*?\n\}`).Find(vars)
	if block == nil {
		t.Fatal("no waivers variable in the module")
	}
	declares := regexp.MustCompile(`\bfinding\s*=`).Match(block)
	passes := strings.Contains(string(main), "finding")
	// The fleet example's root module declares the same object type in
	// front of the module, and drops finding there first.
	fleet, err := os.ReadFile("../../examples/fleet/matrix/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	if fb := regexp.MustCompile(`(?s)variable "waivers" \{.*?\n\}`).Find(fleet); fb != nil && !regexp.MustCompile(`\bfinding\s*=`).Match(fb) {
		declares = false
	}
	if !declares || !passes {
		t.Fatalf("module waivers declare finding: %v, main.tf passes finding: %v", declares, passes)
	}
}
