package openaisim

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// Fuzz targets for the fixture loader and its time syntax: malformed JSON,
// wrong types and huge strings are clear errors, never a panic.

func FuzzLoadFixture(f *testing.F) {
	clean, err := json.Marshal(CleanOrg())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(clean)
	for _, s := range []string{
		`{}`, `[]`, `null`, `{"users":{}}`, `{"users":[{"id":7}]}`,
		`{"users":[{"id":"u","email":"a@example.com","role":"owner","added_at":"-3d"}]}`,
		`{"organization":{"spend_limit":{"threshold_amount":"lots"}}}`,
		`{"projects":[{"id":"p","name":"` + strings.Repeat("x", 1<<16) + `","created_at":"now"}]}`,
		`{"admin_api_keys":[{"id":"k","created_at":"1e999"}]}`,
		`{"workspace":{"id":"w","gpts":[{"id":"g","visibility":"public-everywhere"}]}}`,
		`{"comment":"x"} {"trailing":1}`, `{"users":[`, "\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fx, err := LoadFixture(bytes.NewReader(b))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		// A fixture that loads must serve: New validates it again and starts.
		if len(b) > 1<<14 {
			return // keep iterations fast
		}
		s, err := New(fx, WithNow(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
		if err != nil {
			return
		}
		s.Close()
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"now", "-3d", "+3h", "-120d", "2024-01-01T00:00:00Z", "1711471533", "1711471533.25", "-3", "", "+", "-9999999999999d", "1e999", "NaN", "-Inf"} {
		f.Add(s)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseTime(s)
		if err != nil {
			return
		}
		_ = tm.Resolve(now)
		b, err := json.Marshal(tm)
		if err != nil {
			return
		}
		var back Time
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%q marshals to %s, which does not parse back: %v", s, b, err)
		}
	})
}
