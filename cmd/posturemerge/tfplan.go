package main

import (
	"encoding/json"
	"fmt"
	"sort"
)

// tfOutputsRefusal explains why `terraform output -json` is not an input:
// it returns the outputs recorded by the last successful apply, and still
// does after a later plan or apply failed (say, because a check could not
// read its data), so a merge of it can report a pass from stale state.
const tfOutputsRefusal = "-tf-outputs is no longer accepted: `terraform output -json` returns the outputs of the last " +
	"successful apply even when the latest plan or apply failed, so it cannot prove the reports are current. " +
	"Save a plan and merge it instead: terraform plan -out=fleet.tfplan && terraform show -json fleet.tfplan > fleet-plan.json && " +
	"posturemerge -tf-plan fleet-plan.json"

// planIn is the part of `terraform show -json PLANFILE` the merge reads.
type planIn struct {
	FormatVersion *string `json:"format_version"`
	// Errored is true for a plan saved although planning failed (Terraform
	// 1.6+ can save one); such a plan's values are not the organization's.
	Errored       *bool `json:"errored"`
	PlannedValues *struct {
		Outputs map[string]struct {
			Value json.RawMessage `json:"value"`
		} `json:"outputs"`
	} `json:"planned_values"`
	// Present in `show -json` of a state (no plan): refused.
	Values json.RawMessage `json:"values"`
}

// readTerraformPlan reads `terraform show -json` (or `tofu show -json`) of a
// plan saved with `plan -out` from a fleet root module: its planned outputs
// "sarif" and "json", each a map from organization to the report text.
// A plan is fresh by construction: the data sources were read while it was
// made, and a plan whose reads failed is not saved (or is saved marked
// errored, and refused here).
func readTerraformPlan(path string) ([]orgReports, error) {
	data, err := readInput(path)
	if err != nil {
		return nil, err
	}
	if err := checkStrictJSON(data); err != nil {
		return nil, fmt.Errorf("%s: not the output of `terraform show -json PLANFILE`: %v", path, err)
	}
	var plan planIn
	if err := json.Unmarshal(data, &plan); err != nil {
		return nil, fmt.Errorf("%s: not the output of `terraform show -json PLANFILE`: %v", path, err)
	}
	switch {
	case plan.FormatVersion == nil && plan.PlannedValues == nil:
		return nil, fmt.Errorf("%s: not the output of `terraform show -json PLANFILE` (no format_version, no planned_values); "+
			"if it is `terraform output -json`, note that it can be stale: %s", path, tfOutputsRefusal)
	case plan.PlannedValues == nil && plan.Values != nil:
		return nil, fieldError(path, "planned_values", "missing: this is `show -json` of a state, which can be stale; show a saved plan instead (terraform plan -out=fleet.tfplan, terraform show -json fleet.tfplan)")
	case plan.PlannedValues == nil:
		return nil, fieldError(path, "planned_values", "missing (is this `terraform show -json` of a saved plan?)")
	case plan.Errored != nil && *plan.Errored:
		return nil, fieldError(path, "errored", "the plan failed: its values are not the organizations' posture; fix the plan's errors and plan again")
	}
	maps := map[string]map[string]string{}
	for _, name := range []string{"sarif", "json"} {
		out, ok := plan.PlannedValues.Outputs[name]
		if !ok || len(out.Value) == 0 || string(out.Value) == "null" {
			return nil, fieldError(path, "planned_values.outputs."+name, "missing or unknown: the root module must output %s as a map of organization to report, known at plan time", name)
		}
		var m map[string]string
		if err := json.Unmarshal(out.Value, &m); err != nil {
			return nil, fieldError(path, "planned_values.outputs."+name+".value", "want a map of organization to report text: %v", err)
		}
		maps[name] = m
	}
	var orgs []string
	for org := range maps["sarif"] {
		orgs = append(orgs, org)
	}
	sort.Strings(orgs)
	if len(orgs) != len(maps["json"]) {
		return nil, fieldError(path, "planned_values.outputs.json.value", "names %d organizations, sarif %d", len(maps["json"]), len(orgs))
	}
	var in []orgReports
	for _, org := range orgs {
		report, ok := maps["json"][org]
		if !ok {
			return nil, fieldError(path, "planned_values.outputs.json.value."+org, "missing: sarif has organization %q, json does not", org)
		}
		if err := checkOrg(org, path); err != nil {
			return nil, err
		}
		in = append(in, orgReports{
			org: org, sarif: []byte(maps["sarif"][org]), sarifFrom: fmt.Sprintf("%s (planned output sarif[%q])", path, org),
			report: []byte(report), reportFrom: fmt.Sprintf("%s (planned output json[%q])", path, org),
		})
	}
	if len(in) == 0 {
		return nil, fieldError(path, "planned_values.outputs.sarif.value", "no organizations")
	}
	return in, nil
}
