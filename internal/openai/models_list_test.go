package openai

import (
	"encoding/json"
	"testing"
)

// A nested list is complete only when it says so: a list object with a data
// array and has_more present and false, or a bare array.
func TestGenericListCompleteness(t *testing.T) {
	cases := map[string]bool{
		`{"object":"list","data":[],"has_more":false}`:           true,
		`{"object":"list","data":[{"id":"a"}],"has_more":false}`: true,
		`[{"id":"a"}]`:                       true,
		`[]`:                                 true,
		`{"object":"list","has_more":false}`: false, // no data
		`{"object":"list","data":null,"has_more":false}`: false,
		`{"object":"list","data":[]}`:                    false, // no has_more
		`{"object":"list","data":[],"has_more":null}`:    false,
		`{"object":"list","data":[],"has_more":true}`:    false,
		`{}`: false,
	}
	for js, want := range cases {
		var l GenericList[GPTFile]
		if err := json.Unmarshal([]byte(js), &l); err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		if got := l.Complete(); got != want {
			t.Errorf("%s: Complete() = %v, want %v (%+v)", js, got, want, l)
		}
	}
	var missing struct {
		Files *GenericList[GPTFile] `json:"files"`
	}
	_ = json.Unmarshal([]byte(`{"files":null}`), &missing)
	if missing.Files.Complete() {
		t.Error("a null or absent list is not complete")
	}
	for js, want := range map[string]bool{
		`{"recipients":[]}`: true,
		`{"recipients":{"object":"list","data":[],"has_more":false}}`: true,
		`{"recipients":{"object":"list","has_more":false}}`:           false,
		`{"recipients":null}`: false,
		`{}`:                  false,
	} {
		var s Sharing
		if err := json.Unmarshal([]byte(js), &s); err != nil {
			t.Fatal(err)
		}
		if s.Recipients.Complete != want {
			t.Errorf("%s: recipients complete = %v, want %v", js, s.Recipients.Complete, want)
		}
	}
}

// A timestamp past year 9999 would overflow to the far past and drop an
// audit event out of every window: it is a decode error (red-team find).
func TestTimestampOutOfRangeIsAnError(t *testing.T) {
	for _, in := range []string{`1e19`, `"1e19"`, `9.3e18`, `1e300`, `-5`, `253402300800`} {
		var ts Timestamp
		if err := ts.UnmarshalJSON([]byte(in)); err == nil {
			t.Errorf("%s decoded as %s, want an error", in, ts.Time)
		}
	}
	var ok Timestamp
	if err := ok.UnmarshalJSON([]byte(`1764547200`)); err != nil || !ok.Valid {
		t.Fatalf("a 2025 timestamp must decode: %v", err)
	}
}
