package openai

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
)

// readLimited reads at most limit bytes of the body.
func readLimited(resp *http.Response, limit int64) ([]byte, error) {
	if resp.ContentLength > limit {
		return nil, &ResponseTooLargeError{Limit: limit}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit {
		return nil, &ResponseTooLargeError{Limit: limit}
	}
	return body, nil
}

// decode unmarshals a 2xx body, refusing non-JSON content types so an HTML
// error page from a proxy is reported as such rather than as a JSON syntax
// error deep in the body.
func (c *Client) decode(key, contentType string, body []byte, out any) error {
	if contentType != "" {
		mt, _, err := mime.ParseMediaType(contentType)
		if err != nil || !(mt == "application/json" || strings.HasSuffix(mt, "+json")) {
			return &DecodeError{Endpoint: key, ContentType: contentType, Snippet: c.snippet(body), Err: errors.New("expected a JSON response")}
		}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return &DecodeError{Endpoint: key, ContentType: contentType, Err: errors.New("empty body")}
	}
	if err := json.Unmarshal(body, out); err != nil {
		return &DecodeError{Endpoint: key, ContentType: contentType, Snippet: c.snippet(body), Err: c.redactErr(err)}
	}
	return nil
}

// apiError builds an APIError from a non-2xx response, using the OpenAI error
// envelope when present and a body snippet otherwise.
func (c *Client) apiError(key, keyName string, resp *http.Response, body []byte, attempts int) *APIError {
	ae := &APIError{
		Endpoint:   key,
		Method:     http.MethodGet,
		StatusCode: resp.StatusCode,
		KeyName:    keyName,
		Attempts:   attempts,
	}
	var env struct {
		Error *struct {
			Message json.RawMessage `json:"message"`
			Type    *string         `json:"type"`
			Param   *string         `json:"param"`
			Code    json.RawMessage `json:"code"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &env) == nil && env.Error != nil {
		ae.Message = c.serverText(rawString(env.Error.Message), serverMessageMax)
		if env.Error.Type != nil {
			ae.Type = c.serverText(*env.Error.Type, serverFieldMax)
		}
		if env.Error.Param != nil {
			ae.Param = c.serverText(*env.Error.Param, serverFieldMax)
		}
		ae.Code = c.serverText(rawString(env.Error.Code), serverFieldMax)
	} else if len(body) > 0 {
		ae.Message = c.snippet(body)
	}
	return ae
}

// rawString renders a JSON string or other scalar (code may be a number) as text.
func rawString(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}
