package openaisim

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// apiError is an error response in the OpenAI envelope
// {"error":{"message","type","param","code"}} (digest §1.2, S1 ErrorResponse).
// GUESS (digest §1.2 / §2.3, PART 3 item 1 and 6): the concrete type/code strings for
// 401/403/404/405 and the Compliance API's error body are unconfirmed; we use the Admin
// envelope everywhere with the strings below.
type apiError struct {
	status  int
	message string
	typ     string
	param   *string
	code    *string
	header  http.Header
}

func strp(s string) *string { return &s }

func (e *apiError) body() []byte {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{
		"message": e.message, "type": e.typ, "param": e.param, "code": e.code,
	}})
	return b
}

func errInvalidParam(param, format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, message: fmt.Sprintf(format, args...), typ: "invalid_request_error", param: strp(param)}
}

func errNotFound(format string, args ...any) *apiError {
	return &apiError{status: http.StatusNotFound, message: fmt.Sprintf(format, args...), typ: "invalid_request_error", code: strp("not_found")}
}

func errUnauthorized(msg string) *apiError {
	return &apiError{status: http.StatusUnauthorized, message: msg, typ: "invalid_request_error", code: strp("invalid_api_key")}
}

func errForbidden(msg string) *apiError {
	return &apiError{status: http.StatusForbidden, message: msg, typ: "invalid_request_error", code: strp("insufficient_permissions")}
}

func errMethod(method string) *apiError {
	return &apiError{status: http.StatusMethodNotAllowed, message: fmt.Sprintf("Method %s is not supported by the simulator (it is read-only).", method), typ: "invalid_request_error", code: strp("method_not_allowed")}
}

func errRateLimited(msg string) *apiError {
	return &apiError{status: http.StatusTooManyRequests, message: msg, typ: "requests", code: strp("rate_limit_exceeded"), header: http.Header{}}
}

func writeError(w http.ResponseWriter, e *apiError) {
	for k, vs := range e.header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.status)
	_, _ = w.Write(e.body())
}
