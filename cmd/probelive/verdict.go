package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// outcome is the answer to one assumption question.
type outcome string

const (
	holds    outcome = "holds"
	differs  outcome = "differs"
	notAsked outcome = "could not ask"
)

// result is one line of the report.
type result struct {
	ID      string
	Outcome outcome
	Detail  string
}

func holdsf(format string, args ...any) (outcome, string) {
	return holds, fmt.Sprintf(format, args...)
}

func differsf(format string, args ...any) (outcome, string) {
	return differs, fmt.Sprintf(format, args...)
}

func notAskedf(format string, args ...any) (outcome, string) {
	return notAsked, fmt.Sprintf(format, args...)
}

// status is the HTTP status of an API error, or 0 for other errors.
func status(err error) int {
	var ae *openai.APIError
	if errors.As(err, &ae) {
		return ae.StatusCode
	}
	return 0
}

// stoppedEarly reports whether err only says the probe stopped a list walk
// after the page it needed.
func stoppedEarly(err error) bool { return errors.Is(err, context.Canceled) }

// unexpected turns an error no assumption is about into "could not ask".
func unexpected(err error) (outcome, string) {
	switch s := status(err); s {
	case 0:
		return notAskedf("the request failed: %v", err)
	case http.StatusUnauthorized, http.StatusForbidden:
		return notAskedf("the key was refused (HTTP %d): %v", s, err)
	default:
		return notAskedf("unexpected answer: %v", err)
	}
}
