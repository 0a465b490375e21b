package posture

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// cisSafeguards is the number of safeguards of each CIS Controls v8.1
// control (1..18), 153 in all: the list may cite any of them, no other.
var cisSafeguards = []int{5, 7, 14, 12, 6, 8, 7, 12, 7, 7, 5, 8, 11, 9, 7, 14, 9, 5}

// wantFrameworkIDs is the exact id list, in order, of each framework that is
// embedded complete; cis is partial by design and checked by shape below.
func wantFrameworkIDs() map[string][]string {
	seq := func(prefix string, n int) []string {
		var out []string
		for i := 1; i <= n; i++ {
			out = append(out, fmt.Sprintf("%s%d", prefix, i))
		}
		return out
	}
	cat := func(parts ...[]string) []string {
		var out []string
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	owasp := []string{}
	for i := 1; i <= 10; i++ {
		owasp = append(owasp, fmt.Sprintf("LLM%02d", i))
	}
	return map[string][]string{
		"owasp-llm":   owasp,
		"nist-ai-rmf": cat(seq("GOVERN-", 6), seq("MAP-", 5), seq("MEASURE-", 4), seq("MANAGE-", 4)),
		"iso27001":    cat(seq("A.5.", 37), seq("A.6.", 8), seq("A.7.", 14), seq("A.8.", 34)),
		"soc2": cat(seq("CC1.", 5), seq("CC2.", 3), seq("CC3.", 4), seq("CC4.", 2), seq("CC5.", 3),
			seq("CC6.", 8), seq("CC7.", 5), seq("CC8.", 1), seq("CC9.", 2),
			seq("A1.", 3), seq("C1.", 2), seq("PI1.", 5),
			[]string{"P1.1", "P2.1", "P3.1", "P3.2", "P4.1", "P4.2", "P4.3", "P5.1", "P5.2"},
			seq("P6.", 7), []string{"P7.1", "P8.1"}),
	}
}

// Every list holds each id once and only ids of its framework's published
// shape: the complete lists hold exactly the published ids in order (93 ISO
// controls, 19 AI RMF categories, 61 SOC 2 criteria, LLM01-LLM10), and the
// partial CIS list holds all 18 controls and only safeguards that exist,
// each after its control.
func TestFrameworkListShapes(t *testing.T) {
	want := wantFrameworkIDs()
	for _, key := range frameworkKeys {
		ids := rawFrameworkIDs(t, key)
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] {
				t.Errorf("%s: id %q listed twice", key, id)
			}
			seen[id] = true
		}
		if key == "cis" {
			checkCISShape(t, ids)
			continue
		}
		if got, w := strings.Join(ids, " "), strings.Join(want[key], " "); got != w {
			t.Errorf("%s: ids\n got %s\nwant %s", key, got, w)
		}
	}
}

func checkCISShape(t *testing.T, ids []string) {
	t.Helper()
	controls := map[int]bool{}
	for _, id := range ids {
		c, s, isSafeguard := strings.Cut(id, ".")
		ci, err := strconv.Atoi(c)
		if err != nil || ci < 1 || ci > len(cisSafeguards) || strconv.Itoa(ci) != c {
			t.Errorf("cis: %q is not a control 1-18 or a safeguard of one", id)
			continue
		}
		if !isSafeguard {
			controls[ci] = true
			continue
		}
		si, err := strconv.Atoi(s)
		if err != nil || si < 1 || si > cisSafeguards[ci-1] || strconv.Itoa(si) != s {
			t.Errorf("cis: %q is not a safeguard of control %d (it has %d)", id, ci, cisSafeguards[ci-1])
		}
		if !controls[ci] {
			t.Errorf("cis: safeguard %q is listed before (or without) its control %d", id, ci)
		}
	}
	for i := 1; i <= len(cisSafeguards); i++ {
		if !controls[i] {
			t.Errorf("cis: control %d is missing", i)
		}
	}
}

// rawFrameworkIDs reads a list's ids from the embedded file itself, not
// through parseFramework, so a duplicate the parser let through would show.
// It also requires the provenance note every list carries.
func rawFrameworkIDs(t *testing.T, key string) []string {
	t.Helper()
	file, err := frameworkFiles.Open("frameworks/" + key + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	var ids []string
	checked := false
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			checked = checked || strings.Contains(line, "Checked (")
			continue
		}
		if id, _, ok := strings.Cut(line, "\t"); ok {
			ids = append(ids, id)
		}
	}
	if !checked {
		t.Errorf("%s: the header does not say what the list was checked against (a \"Checked (date) against\" note)", key)
	}
	return ids
}

// A "#" line among the controls is rejected, not skipped: it is more likely a
// control that lost its id than a note.
func TestFrameworkCommentAmongControls(t *testing.T) {
	if _, err := parseFrameworkText("x", "# T\n# Source: s http\n# note\nA\ta\n# late\nB\tb\n"); err == nil {
		t.Error("a # line after the first control loaded")
	}
	f, err := parseFrameworkText("x", "# T\n# Source: s http\n# note\n#\nA\ta\n")
	if err != nil || len(f.Controls) != 1 || f.Title != "T" {
		t.Errorf("header notes: %+v, %v", f, err)
	}
}
