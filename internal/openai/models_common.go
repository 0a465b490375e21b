package openai

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"
)

// Timestamp is a point in time from either API. The Admin API sends integer
// Unix seconds, the Compliance API float seconds; both decode here, as do
// numeric strings and RFC 3339 strings (tolerance for schema drift).
//
// Presence is kept so the posture engine can fail closed: Present is true when
// the JSON key appeared (even as null); Valid is true when it held a time. A
// field that is missing entirely has Present == false.
type Timestamp struct {
	Time    time.Time
	Valid   bool
	Present bool
}

// UnmarshalJSON implements json.Unmarshaler.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	t.Present = true
	t.Valid = false
	t.Time = time.Time{}
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			return nil
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return t.setUnix(f)
		}
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return fmt.Errorf("timestamp %q is neither Unix seconds nor RFC 3339", s)
		}
		t.Time, t.Valid = tm.UTC(), true
		return nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("timestamp %s is not a number", b)
	}
	return t.setUnix(f)
}

// maxUnixSeconds is 9999-12-31T23:59:59Z. A timestamp beyond it (or before
// 1970) is not a date this API writes; converting it would overflow int64
// and wrap to the far past, where a window check would silently drop the
// event, so it is a decode error instead.
const maxUnixSeconds = 253402300799

func (t *Timestamp) setUnix(f float64) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Errorf("timestamp %v is not finite", f)
	}
	if f < 0 || f > maxUnixSeconds {
		return fmt.Errorf("timestamp %v is outside 1970-01-01 .. 9999-12-31 (Unix seconds 0 .. %d)", f, maxUnixSeconds)
	}
	sec, frac := math.Modf(f)
	t.Time = time.Unix(int64(sec), int64(math.Round(frac*1e9))).UTC()
	t.Valid = true
	return nil
}

// MarshalJSON writes Unix seconds (float when sub-second) or null.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	if !t.Valid {
		return []byte("null"), nil
	}
	if t.Time.Nanosecond() == 0 {
		return []byte(strconv.FormatInt(t.Time.Unix(), 10)), nil
	}
	return []byte(strconv.FormatFloat(float64(t.Time.UnixNano())/1e9, 'f', -1, 64)), nil
}

// Ptr returns the time or nil when not Valid.
func (t Timestamp) Ptr() *time.Time {
	if !t.Valid {
		return nil
	}
	tm := t.Time
	return &tm
}

// String formats the time as RFC 3339, or "null"/"missing".
func (t Timestamp) String() string {
	switch {
	case t.Valid:
		return t.Time.Format(time.RFC3339)
	case t.Present:
		return "null"
	}
	return "missing"
}

// GenericList is the list object nested inside Compliance objects
// (latest_config, files, tools, messages): {"object":"list","data":[...],
// "last_id":..., "has_more":...}. The spec says nested lists are complete
// (has_more always false); HasMore is kept so callers can flag it if not.
//
// DataPresent and HasMorePresent record whether the keys were sent, so a
// list object without "data" (or without "has_more") is not mistaken for a
// complete empty list: see Complete.
type GenericList[T any] struct {
	Object  string  `json:"object"`
	Data    []T     `json:"data"`
	LastID  *string `json:"last_id"`
	HasMore bool    `json:"has_more"`

	// DataPresent is true when "data" held an array (not absent, not null).
	DataPresent bool `json:"-"`
	// HasMorePresent is true when "has_more" held a boolean.
	HasMorePresent bool `json:"-"`
	// BareArray is true when the API sent a plain JSON array instead of a
	// list object (the v1.1.1 shape of sharing.recipients).
	BareArray bool `json:"-"`
}

// Complete reports whether the list is known to hold every item: a bare
// array (it has no pagination, so nothing can be left off), or a list object
// with a "data" array and "has_more" present and false. A nil list, a null,
// a list object without "data" or "has_more", or one with has_more true is
// not complete, and a check must not judge it as if it were.
func (l *GenericList[T]) Complete() bool {
	if l == nil {
		return false
	}
	if l.BareArray {
		return true
	}
	return l.DataPresent && l.HasMorePresent && !l.HasMore
}

// UnmarshalJSON accepts the list object and, tolerantly, a bare array.
func (l *GenericList[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*l = GenericList[T]{}
		return nil
	}
	if len(b) > 0 && b[0] == '[' {
		var data []T
		if err := json.Unmarshal(b, &data); err != nil {
			return err
		}
		*l = GenericList[T]{Object: "list", Data: data, DataPresent: true, BareArray: true}
		return nil
	}
	var p struct {
		Object  string          `json:"object"`
		Data    json.RawMessage `json:"data"`
		LastID  *string         `json:"last_id"`
		HasMore *bool           `json:"has_more"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*l = GenericList[T]{Object: p.Object, LastID: p.LastID}
	if d := bytes.TrimSpace(p.Data); len(d) > 0 && string(d) != "null" {
		if err := json.Unmarshal(d, &l.Data); err != nil {
			return err
		}
		l.DataPresent = true
	}
	if p.HasMore != nil {
		l.HasMore, l.HasMorePresent = *p.HasMore, true
	}
	return nil
}

// String returns *p or "" for nil, for optional string fields.
func String(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// Bool returns *p or false for nil, for optional bool fields.
func Bool(p *bool) bool {
	return p != nil && *p
}
