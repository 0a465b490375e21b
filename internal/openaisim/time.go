package openaisim

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Time is a fixture timestamp. In JSON it is one of:
//   - a relative offset from the server's "now": "now", "-120d", "-3h", "+30d", "-1d12h"
//     (units: s, m, h, d = 24h, w = 7d; several number+unit pairs may follow one sign);
//   - an absolute RFC 3339 string: "2026-01-02T15:04:05Z";
//   - Unix seconds as a number (integer or fractional).
//
// Relative times are kept relative and resolved against the server clock fixed at New
// (see WithNow), so a fixture like "-400d" stays 400 days old whenever the test runs.
type Time struct {
	set bool
	rel bool
	off time.Duration // when rel
	abs time.Time     // when !rel
	src string        // original spelling, for MarshalJSON round trips
}

// Rel returns a Time that is d relative to the server's now (negative = in the past).
func Rel(d time.Duration) Time {
	return Time{set: true, rel: true, off: d, src: formatRel(d)}
}

// At returns an absolute Time.
func At(t time.Time) Time { return Time{set: true, abs: t, src: t.UTC().Format(time.RFC3339Nano)} }

// IsZero reports whether the timestamp was absent (null or omitted) in the fixture.
func (t Time) IsZero() bool { return !t.set }

// Resolve turns the timestamp into an absolute time given the server's now.
func (t Time) Resolve(now time.Time) time.Time {
	if t.rel {
		return now.Add(t.off)
	}
	return t.abs
}

// ParseTime parses the string forms accepted in fixtures ("now", "-3d", RFC 3339, "1711471533").
func ParseTime(s string) (Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Time{}, fmt.Errorf("empty timestamp")
	}
	if s == "now" {
		return Time{set: true, rel: true, src: s}, nil
	}
	if s[0] == '+' || s[0] == '-' {
		// A signed string is always a relative offset: "-3" without a unit is a mistake,
		// not Unix second -3.
		d, err := parseRel(s)
		if err != nil {
			return Time{}, err
		}
		return Time{set: true, rel: true, off: d, src: s}, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if err := checkUnix(f); err != nil {
			return Time{}, err
		}
		return unixFloat(f), nil
	}
	if tt, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return Time{set: true, abs: tt, src: s}, nil
	}
	return Time{}, fmt.Errorf("invalid timestamp %q: want \"now\", a relative offset like \"-120d\"/\"+3h\", RFC 3339, or Unix seconds", s)
}

// checkUnix rejects Unix seconds that are not a time (NaN, infinities) or lie
// outside years 1..9999, which would otherwise wrap into a garbage date.
func checkUnix(f float64) error {
	if math.IsNaN(f) || f < -62135596800 || f > 253402300799 {
		return fmt.Errorf("invalid timestamp %v: Unix seconds must be a number between years 1 and 9999", f)
	}
	return nil
}

func unixFloat(f float64) Time {
	sec, frac := math.Modf(f)
	tt := time.Unix(int64(sec), int64(math.Round(frac*1e6))*1e3).UTC()
	return Time{set: true, abs: tt, src: strconv.FormatFloat(f, 'f', -1, 64)}
}

var relUnits = map[byte]time.Duration{
	's': time.Second, 'm': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour,
}

func parseRel(s string) (time.Duration, error) {
	negative := s[0] == '-'
	rest := s[1:]
	if rest == "" {
		return 0, fmt.Errorf("invalid relative timestamp %q", s)
	}
	var total time.Duration
	for rest != "" {
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
			i++
		}
		if i == 0 || i == len(rest) {
			return 0, fmt.Errorf("invalid relative timestamp %q: want e.g. \"-120d\", \"+3h\", \"-1d12h\" (units s m h d w)", s)
		}
		n, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil {
			return 0, fmt.Errorf("invalid relative timestamp %q", s)
		}
		unit, ok := relUnits[rest[i]]
		if !ok {
			return 0, fmt.Errorf("invalid relative timestamp %q: unknown unit %q (units s m h d w)", s, rest[i])
		}
		total += time.Duration(n * float64(unit))
		rest = rest[i+1:]
	}
	if negative {
		total = -total
	}
	return total, nil
}

func formatRel(d time.Duration) string {
	if d == 0 {
		return "now"
	}
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%s%dd", sign, d/(24*time.Hour))
	}
	return fmt.Sprintf("%s%ds", sign, d/time.Second)
}

// UnmarshalJSON accepts a string form, a number, or null (= unset).
func (t *Time) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		*t = Time{}
		return nil
	}
	if strings.HasPrefix(s, `"`) {
		var str string
		if err := json.Unmarshal(b, &str); err != nil {
			return err
		}
		v, err := ParseTime(str)
		if err != nil {
			return err
		}
		*t = v
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("invalid timestamp %s", s)
	}
	if err := checkUnix(f); err != nil {
		return err
	}
	*t = unixFloat(f)
	return nil
}

// MarshalJSON writes the original spelling back (so a fixture round-trips), or null.
func (t Time) MarshalJSON() ([]byte, error) {
	if !t.set {
		return []byte("null"), nil
	}
	if t.rel {
		return json.Marshal(t.src)
	}
	return json.Marshal(t.abs.UTC().Format(time.RFC3339Nano))
}

// unixSeconds renders a timestamp the Admin API way: integer Unix seconds (S1 `format: unixtime`).
func unixSeconds(t time.Time) int64 { return t.Unix() }

// unixFloatSeconds renders a timestamp the Compliance API way: float seconds (C1 `timestamp` is a number).
func unixFloatSeconds(t time.Time) float64 {
	return float64(t.UnixMicro()) / 1e6
}
