package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
)

// readTerraformOutputs reads `terraform output -json` (or `tofu output
// -json`) of a fleet root module: outputs "sarif" and "json", each a map
// from organization to the report text.
func readTerraformOutputs(path string) ([]orgReports, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var outputs map[string]struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(data, &outputs); err != nil {
		return nil, fmt.Errorf("%s: not the output of `terraform output -json`: %v", path, err)
	}
	maps := map[string]map[string]string{}
	for _, name := range []string{"sarif", "json"} {
		out, ok := outputs[name]
		if !ok {
			return nil, fieldError(path, name, "missing: the root module must output %s as a map of organization to report", name)
		}
		var m map[string]string
		if err := json.Unmarshal(out.Value, &m); err != nil {
			return nil, fieldError(path, name+".value", "want a map of organization to report text: %v", err)
		}
		maps[name] = m
	}
	var orgs []string
	for org := range maps["sarif"] {
		orgs = append(orgs, org)
	}
	sort.Strings(orgs)
	if len(orgs) != len(maps["json"]) {
		return nil, fieldError(path, "json.value", "names %d organizations, sarif.value %d", len(maps["json"]), len(orgs))
	}
	var in []orgReports
	for _, org := range orgs {
		report, ok := maps["json"][org]
		if !ok {
			return nil, fieldError(path, "json.value."+org, "missing: sarif has organization %q, json does not", org)
		}
		if err := checkOrg(org, path); err != nil {
			return nil, err
		}
		in = append(in, orgReports{
			org: org, sarif: []byte(maps["sarif"][org]), sarifFrom: fmt.Sprintf("%s (output sarif[%q])", path, org),
			report: []byte(report), reportFrom: fmt.Sprintf("%s (output json[%q])", path, org),
		})
	}
	if len(in) == 0 {
		return nil, fieldError(path, "sarif.value", "no organizations")
	}
	return in, nil
}
