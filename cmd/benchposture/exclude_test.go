package main

import (
	"strings"
	"testing"
)

func TestWithoutChecksDropsOnlyTheNamedBlocks(t *testing.T) {
	src := []byte(`variable "enforcement" {}

resource "openai_posture_check" "a" {
  check = "owner_count"
}

resource "openai_posture_check" "b" {
  check       = "dlp_gpt_file_content"
  enforcement = var.enforcement
}
`)
	out, err := withoutChecks(src, "main.tf", []string{"dlp_gpt_file_content"})
	if err != nil {
		t.Fatal(err)
	}
	rules := baselineRules(out)
	if len(rules) != 1 || rules[0].CheckID != "owner_count" {
		t.Fatalf("rules after exclusion = %v, want only owner_count\n%s", rules, out)
	}
	if !strings.Contains(string(out), `variable "enforcement"`) {
		t.Fatalf("other blocks must stay:\n%s", out)
	}
	if _, err := withoutChecks(src, "main.tf", []string{"dlp_gpt_file_contnet"}); err == nil {
		t.Fatal("a misspelt check id must be an error, not a baseline measured with the check still in it")
	}
}

func TestDefaultExclusionsExistInTheDemo(t *testing.T) {
	if _, _, err := loadBaseline("../../examples/demo/main.tf", defaultExcluded); err != nil {
		t.Fatal(err)
	}
}
