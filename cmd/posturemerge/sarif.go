package main

import (
	"bytes"
	"encoding/json"
	"fmt"
)

const sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

// sarifLog is one input log, kept as generic JSON so that every property
// the provider (or a later version of it) writes is carried over unchanged.
type sarifLog struct {
	runs []map[string]any
}

// decodeJSON decodes keeping numbers exact (json.Number), so a merge never
// rewrites a value it only passes through.
func decodeJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("more than one JSON value")
	}
	return nil
}

func fieldError(from, field, format string, args ...any) error {
	return fmt.Errorf("%s: field %q: %s", from, field, fmt.Sprintf(format, args...))
}

// parseSARIF checks the parts of a SARIF 2.1.0 log the merge relies on.
func parseSARIF(data []byte, from string) (sarifLog, error) {
	var doc map[string]any
	if err := checkStrictJSON(data); err != nil {
		return sarifLog{}, fmt.Errorf("%s: not a SARIF log the merge can trust: %v", from, err)
	}
	if err := decodeJSON(data, &doc); err != nil {
		return sarifLog{}, fmt.Errorf("%s: not a SARIF log (invalid JSON: %v)", from, err)
	}
	if v, _ := doc["version"].(string); v != "2.1.0" {
		return sarifLog{}, fieldError(from, "version", "want \"2.1.0\", got %s", describe(doc["version"]))
	}
	runs, ok := doc["runs"].([]any)
	if !ok || len(runs) == 0 {
		return sarifLog{}, fieldError(from, "runs", "want a non-empty array, got %s", describe(doc["runs"]))
	}
	var l sarifLog
	for i, r := range runs {
		run, ok := r.(map[string]any)
		if !ok {
			return sarifLog{}, fieldError(from, fmt.Sprintf("runs[%d]", i), "want an object, got %s", describe(r))
		}
		tool, _ := run["tool"].(map[string]any)
		driver, _ := tool["driver"].(map[string]any)
		if name, _ := driver["name"].(string); name == "" {
			return sarifLog{}, fieldError(from, fmt.Sprintf("runs[%d].tool.driver.name", i), "want a tool name, got %s", describe(driver["name"]))
		}
		if res, present := run["results"]; present {
			if _, ok := res.([]any); !ok {
				return sarifLog{}, fieldError(from, fmt.Sprintf("runs[%d].results", i), "want an array, got %s", describe(res))
			}
		}
		if p, present := run["properties"]; present {
			if _, ok := p.(map[string]any); !ok {
				return sarifLog{}, fieldError(from, fmt.Sprintf("runs[%d].properties", i), "want an object, got %s", describe(p))
			}
		}
		l.runs = append(l.runs, run)
	}
	return l, nil
}

// automationID is the run's category: code scanning keeps the alerts of
// each category apart, and rejects two runs of one tool with one category.
func automationID(org string) string { return "openai-posture/" + org + "/" }

// tag marks every run with its organization. A run already tagged for
// another organization is refused: merging a merged log would mislabel it.
func (l sarifLog) tag(org, from string) error {
	want := automationID(org)
	for i, run := range l.runs {
		ad, present := run["automationDetails"].(map[string]any)
		if !present {
			if run["automationDetails"] != nil {
				return fieldError(from, fmt.Sprintf("runs[%d].automationDetails", i), "want an object, got %s", describe(run["automationDetails"]))
			}
			ad = map[string]any{}
		}
		if id, ok := ad["id"]; ok && id != want {
			return fieldError(from, fmt.Sprintf("runs[%d].automationDetails.id", i), "already %s, not %q (is this log the output of a merge?)", describe(id), want)
		}
		ad["id"] = want
		run["automationDetails"] = ad
		props, _ := run["properties"].(map[string]any)
		if props == nil {
			props = map[string]any{}
		}
		props["organization"] = org
		run["properties"] = props
	}
	return nil
}

func mergeSARIF(logs []sarifLog) ([]byte, error) {
	runs := []map[string]any{}
	for _, l := range logs {
		runs = append(runs, l.runs...)
	}
	out, err := json.MarshalIndent(map[string]any{"$schema": sarifSchemaURI, "version": "2.1.0", "runs": runs}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// describe renders a JSON value for an error message, briefly.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing (missing or null)"
	case string:
		if len(x) > 60 {
			x = x[:60] + "..."
		}
		return fmt.Sprintf("the string %q", x)
	case json.Number:
		return "the number " + x.String()
	case bool:
		return fmt.Sprintf("the boolean %v", x)
	case []any:
		return fmt.Sprintf("an array of %d", len(x))
	case map[string]any:
		return "an object"
	default:
		return fmt.Sprintf("%T", v)
	}
}
