package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"
)

// maxInputBytes bounds every input file: a posture report of the largest
// organization is a few MiB; anything this big is not one.
const maxInputBytes = 256 << 20

// readInput reads one input file, refusing one larger than maxInputBytes
// before reading it whole.
func readInput(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > maxInputBytes {
		return nil, fmt.Errorf("%s: %d bytes: an input may be at most %d bytes (256 MiB)", path, fi.Size(), int64(maxInputBytes))
	}
	data, err := io.ReadAll(io.LimitReader(f, maxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > maxInputBytes {
		return nil, fmt.Errorf("%s: more than %d bytes: an input may be at most %d bytes (256 MiB)", path, int64(maxInputBytes), int64(maxInputBytes))
	}
	return data, nil
}

// checkStrictJSON refuses what encoding/json would silently accept: one
// JSON value only, and no object with two keys that are equal, or equal
// ignoring case (encoding/json matches struct fields case-insensitively, and
// keeps the last of two duplicates, so a report could say "passed" twice, or
// "High" beside "high", and the merge would read whichever came last).
// canonical lists the field names the caller reads through encoding/json: a
// key that differs from one of them only by case is refused too, so a lone
// "High" can never stand in for "high".
func checkStrictJSON(data []byte, canonical ...string) error {
	canon := map[string]string{}
	for _, c := range canonical {
		canon[foldKey(c)] = c
	}
	type frame struct {
		object  bool
		wantKey bool
		keys    map[string]string // folded -> as written
		at      string            // path of this value
		key     string            // current key (objects)
		index   int               // current index (arrays)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var stack []*frame
	values := 0
	where := func() string {
		if len(stack) == 0 {
			return "the document"
		}
		top := stack[len(stack)-1]
		return top.at
	}
	valueDone := func() {
		if len(stack) == 0 {
			values++
			return
		}
		top := stack[len(stack)-1]
		if top.object {
			top.wantKey = true
		} else {
			top.index++
		}
	}
	childPath := func() string {
		if len(stack) == 0 {
			return "$"
		}
		top := stack[len(stack)-1]
		if top.object {
			return top.at + "." + top.key
		}
		return top.at + "[" + strconv.Itoa(top.index) + "]"
	}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if values > 0 {
			return errors.New("more than one JSON value")
		}
		if key, isKey := tok.(string); isKey && len(stack) > 0 && stack[len(stack)-1].object && stack[len(stack)-1].wantKey {
			top := stack[len(stack)-1]
			folded := foldKey(key)
			if prev, dup := top.keys[folded]; dup {
				if prev == key {
					return fmt.Errorf("object at %s has the key %q twice", where(), key)
				}
				return fmt.Errorf("object at %s has the keys %q and %q, which differ only by case", where(), prev, key)
			}
			if c, ok := canon[folded]; ok && c != key {
				return fmt.Errorf("object at %s: key %q: want %q (keys are case-sensitive)", where(), key, c)
			}
			top.keys[folded] = key
			top.key, top.wantKey = key, false
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, wantKey: true, keys: map[string]string{}, at: childPath()})
		case json.Delim('['):
			stack = append(stack, &frame{at: childPath()})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			valueDone()
		default:
			valueDone()
		}
	}
	if values == 0 {
		return errors.New("no JSON value")
	}
	return nil
}

// foldKey maps every key that encoding/json would treat as the same field
// name to one string: each rune replaced by the smallest rune of its simple
// case-folding orbit (so "K", "k" and the Kelvin sign fold alike).
func foldKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		low := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			low = min(low, f)
		}
		b.WriteRune(low)
	}
	return b.String()
}
