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

// bufferedBody is a response body already read into memory by the retry
// loop's response handler (bufferBody): readLimited hands its bytes back
// rather than copying them again (a second copy of every list page, with
// io.ReadAll's growth garbage, was a fifth of a 16x plan's allocations).
type bufferedBody struct {
	*bytes.Reader
	data []byte
}

func newBufferedBody(data []byte) *bufferedBody {
	return &bufferedBody{Reader: bytes.NewReader(data), data: data}
}

// Close does nothing: the body is in memory.
func (*bufferedBody) Close() error { return nil }

// readLimited reads at most limit bytes of the body.
func readLimited(resp *http.Response, limit int64) ([]byte, error) {
	if resp.ContentLength > limit {
		return nil, &ResponseTooLargeError{Limit: limit}
	}
	if b, ok := resp.Body.(*bufferedBody); ok && b.Len() == len(b.data) {
		if int64(len(b.data)) > limit {
			return nil, &ResponseTooLargeError{Limit: limit}
		}
		_, _ = b.Seek(0, io.SeekEnd) // read, as io.ReadAll would leave it
		return b.data, nil
	}
	body, err := readAllSized(resp.Body, resp.ContentLength, limit)
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit {
		return nil, &ResponseTooLargeError{Limit: limit}
	}
	return body, nil
}

// readAllSized reads up to limit+1 bytes of r into a buffer sized from the
// announced length when there is one (io.ReadAll would grow it from 512
// bytes, copying as it goes).
func readAllSized(r io.Reader, contentLength, limit int64) ([]byte, error) {
	if contentLength <= 0 || contentLength > limit {
		return io.ReadAll(io.LimitReader(r, limit+1))
	}
	// io.ReadAll's loop from a buffer one byte longer than announced, so
	// the end of the body is seen without growing it (a longer body still
	// grows it; the limit still applies).
	lr := io.LimitReader(r, limit+1)
	b := make([]byte, 0, contentLength+1)
	for {
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
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
