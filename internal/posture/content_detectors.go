package posture

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
)

// Content detectors a DLP content check can select (its "detectors"
// parameter). Custom patterns come from the check's "custom_patterns".
const (
	// DetectorSecrets is the secret engine (secrets_engine.go): gitleaks'
	// default rule set (cloud and SaaS keys, tokens, private keys, JWTs,
	// key=value assignments), used as a library, plus the extra rules of
	// secrets_rules.go (OpenAI keys by prefix, Authorization bearer tokens,
	// passwords in connection URIs). Findings name the rule id.
	DetectorSecrets = "secrets"
	// DetectorCardNumber: 13-19 digit payment card numbers of a known
	// network prefix that pass the Luhn check, written whole or in groups
	// separated by spaces, dashes or (in the 4-4-4-4 or 4-6-5 grouping
	// only) dots.
	DetectorCardNumber = "card_number"
	// DetectorIBAN: IBANs of the right length for their country whose
	// mod-97 checksum holds, in upper case (whole or grouped by spaces or
	// dashes) or in lower case written in groups.
	DetectorIBAN = "iban"
	// DetectorUSSSN: US Social Security numbers written 123-45-6789 (or with
	// spaces, or 123.45.6789), outside the ranges never issued.
	DetectorUSSSN = "us_ssn"
)

// ContentDetectorNames lists the content detector families (the default
// selection). A selection may also name single secret rule ids
// (SecretDetectorNames) instead of every secret rule.
func ContentDetectorNames() []string {
	return []string{DetectorSecrets, DetectorCardNumber, DetectorIBAN, DetectorUSSSN}
}

// validateContentDetectorList accepts the families and secret rule ids,
// the same rule ids dlp_gpt_instructions' disabled_detectors takes and
// findings name.
func validateContentDetectorList(v ParamValue) error {
	return validateDetectorNames(v.List, ContentDetectorNames())
}

// contentSecretRules says whether a selection runs secret rules and which
// ones it leaves out: all of them with "secrets", else the rule ids it
// names.
func contentSecretRules(detectors []string) (run bool, disabled []string) {
	if containsFold(detectors, DetectorSecrets) {
		return true, nil
	}
	for _, id := range SecretDetectorNames() {
		if containsFold(detectors, id) {
			run = true
		} else {
			disabled = append(disabled, id)
		}
	}
	return run, disabled
}

// contentHit is one detection, already redacted: the value itself never
// leaves this file.
type contentHit struct {
	detector string
	// rule is gitleaks' rule id, the PII detector's name, or "custom:<n>".
	rule string
	// line is 1-based.
	line int
	// preview shows at most the first and last two characters.
	preview string
}

// scanContent runs the selected detectors and custom patterns over text,
// and again over its quoted-printable MIME bodies and encoded words
// decoded (content_qp.go) and the messages in its base64 runs decoded
// (content_qp_base64.go); the PII detectors also read base64 runs.
// Hits come in order of line, then detector, deduplicated by rule and value.
// A scan that stops early (more than maxScanFindings hits, or longer than
// maxScanTime) ends with a scanIncompleteRule hit: never a pass.
func scanContent(text string, detectors []string, custom []*regexp.Regexp) ([]contentHit, error) {
	var hits []contentHit
	seen := map[string]bool{}
	add := func(detector, rule string, line int, value string) {
		// Deduplicate by rule and value here, in memory: nothing derived
		// from the value is kept.
		if k := rule + "\x00" + value; !seen[k] {
			seen[k] = true
			hits = append(hits, newHit(detector, rule, line, value))
		}
	}
	lines := strings.Split(stripFormatChars(text), "\n")
	// Quoted-printable MIME bodies and encoded header words, decoded as a
	// mail reader shows them (content_qp.go): scanned too, after the raw
	// text, never instead.
	qp := decodeMIME(lines)
	// Base64 runs of the raw and the decoded text, and messages in them (a
	// forwarded .eml attached in base64) decoded the same way
	// (content_qp_base64.go).
	runs, runsCut := mimeBase64Runs(text, qp)
	// Base64 bodies inside those (a forwarded .eml's own base64 part):
	// decoded one level more, up to a bound past which the scan is
	// reported incomplete (nestedIncomplete, set once the rest is scanned).
	runs, nestedIncomplete, nestedLine := withNestedBase64Runs(runs)
	inner, rest := decodeMIMEInRuns(runs)
	decoded := []struct {
		qpDecoded
		what string
	}{{qp, "decoded quoted-printable text"}, {inner, "decoded text of messages in base64"}}
	incomplete, incompleteLine := "", 0
	if run, disabled := contentSecretRules(detectors); run {
		res, err := detectSecrets(text, disabled)
		if err != nil {
			return nil, err
		}
		for _, m := range res.matches {
			add(DetectorSecrets, m.rule, m.line, m.value)
		}
		incomplete, incompleteLine = res.incomplete, res.incompleteLine
		for _, d := range decoded {
			if incomplete != "" || d.text == "" {
				continue
			}
			if res, err = detectSecrets(d.text, disabled); err != nil {
				return nil, err
			}
			for _, m := range res.matches {
				add(DetectorSecrets, m.rule, d.rawLine(m.line), m.value)
			}
			if res.incomplete != "" {
				incompleteLine = d.rawLine(res.incompleteLine)
				// res.incomplete counts the decoded text's lines: not shown.
				incomplete = fmt.Sprintf("secret scan of the %s stopped early; not scanned from line %d on", d.what, incompleteLine)
			}
		}
	}
	// scanLines runs the PII detectors and custom patterns over each line,
	// reporting line n (1-based) as rawLine(n), and stops, saying why and
	// where, at maxScanFindings hits or after maxScanTime.
	scanLines := func(lines []string, rawLine func(int) int) (string, int) {
		start := time.Now()
		for i, line := range lines {
			if len(hits) >= maxScanFindings {
				return fmt.Sprintf("scan exceeded %d findings; not scanned after line %d", maxScanFindings, rawLine(i)), rawLine(i)
			}
			if i%1024 == 0 && time.Since(start) > maxScanTime {
				return fmt.Sprintf("scan exceeded %v; not scanned from line %d on", maxScanTime, rawLine(i+1)), rawLine(i + 1)
			}
			n := rawLine(i + 1)
			findPIIInPieces(line, detectors, func(d, value string) { add(d, d, n, value) })
			for k, re := range custom {
				for _, m := range re.FindAllString(line, -1) {
					if m != "" {
						add("custom", fmt.Sprintf("custom:%d", k+1), n, m)
					}
				}
			}
		}
		return "", 0
	}
	if incomplete == "" {
		incomplete, incompleteLine = scanLines(lines, func(n int) int { return n })
	}
	for _, d := range decoded {
		if incomplete == "" && d.text != "" {
			incomplete, incompleteLine = scanLines(strings.Split(stripFormatChars(d.text), "\n"), d.rawLine)
		}
	}
	if incomplete == "" && slices.ContainsFunc(piiDetectors, func(d piiDetector) bool { return containsFold(detectors, d.name) }) {
		// Personal data in base64 (a MIME body, a data: URI): the secret
		// rules decode it (gitleaks), the PII patterns read it decoded here.
		for _, run := range runs {
			if len(hits) >= maxScanFindings {
				break
			}
			for _, line := range strings.Split(run.decoded, "\n") {
				findPIIInPieces(line, detectors, func(d, value string) { add(d, d, run.line, value) })
			}
		}
	}
	// Messages in runs past decodeMIMEInRuns' bound: read one by one, by
	// the secret rules and the PII detectors alike.
	if incomplete == "" && len(rest) > 0 {
		var err error
		if incomplete, incompleteLine, err = scanRestMessages(rest, detectors, add, func() int { return len(hits) }); err != nil {
			return nil, err
		}
	}
	if incomplete == "" && nestedIncomplete != "" {
		incomplete, incompleteLine = nestedIncomplete, nestedLine
	}
	if incomplete == "" && runsCut > 0 {
		incomplete, incompleteLine = fmt.Sprintf("more than %d base64 runs decode to text; not decoded from line %d on", maxBase64Runs, runsCut), runsCut
	}
	if incomplete == "" && qp.cutAt > 0 {
		incomplete, incompleteLine = fmt.Sprintf("decoded MIME text exceeded %d MiB; not decoded from line %d on", maxDecodedMIMEBytes>>20, qp.cutAt), qp.cutAt
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].line < hits[j].line })
	if incomplete != "" {
		hits = append(hits, contentHit{detector: scanIncompleteRule, rule: scanIncompleteRule, line: incompleteLine, preview: incomplete})
	}
	return hits, nil
}

// findPII runs the selected PII detectors over one line (in the form the
// patterns read: newPIIText) and calls found with each valid value.
func findPII(line string, detectors []string, found func(detector, value string)) {
	var p piiText
	built := false
	for _, d := range piiDetectors {
		if !containsFold(detectors, d.name) {
			continue
		}
		if !built {
			p, built = newPIIText(line, false), true
		}
		for _, sp := range d.find(p.s) {
			found(d.name, p.s[sp[0]:sp[1]])
		}
	}
}

func newHit(detector, rule string, line int, value string) contentHit {
	preview := redactPreview(value)
	if detector == DetectorUSSSN {
		// Nine digits in a structured format: any four of them leave too few
		// candidates. Nothing of an SSN is shown.
		preview = "[redacted]"
	}
	return contentHit{detector: detector, rule: rule, line: line, preview: preview}
}

// redactPreview shows the first and last two characters of a value of at
// least ten characters, and nothing of a shorter one (four characters of
// a short value would be most of it).
func redactPreview(v string) string {
	r := []rune(strings.TrimSpace(v))
	// Separators reveal nothing: the threshold counts letters and digits.
	significant := 0
	for _, c := range r {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			significant++
		}
	}
	if significant < 10 {
		return "[redacted]"
	}
	return string(r[:2]) + "…[redacted]…" + string(r[len(r)-2:])
}

// piiDetector finds candidates by pattern and keeps those its validator
// accepts (checksums and ranges), so random digit runs do not match. A
// candidate that fails is tried again cut short at each separator (space or
// dash) where a valid length ends: a card number followed by its expiry or
// CVV, or an IBAN followed by the BIC, is read as one longer candidate by
// the greedy pattern. A prefix ending inside a run of letters and digits is
// never tried, so a long number holds no card unless written in groups.
type piiDetector struct {
	name  string
	re    *regexp.Regexp
	valid func(string) bool
	// units counts what a length is measured in (digits, or letters and
	// digits); lengths says which prefix lengths to try, longest first.
	units   func(rune) bool
	lengths func(candidate string) []int
}

var piiDetectors = []piiDetector{
	{name: DetectorCardNumber, re: regexp.MustCompile(`\b\d(?:[ .-]?\d){12,40}\b`), valid: validCardCandidate, units: isDigit, lengths: func(string) []int { return []int{19, 18, 17, 16, 15, 14, 13} }},
	{name: DetectorIBAN, re: regexp.MustCompile(`(?i)\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,40}\b`), valid: validIBANCandidate, units: isAlnum, lengths: func(c string) []int {
		if n, ok := ibanLengths[strings.ToUpper(c[:2])]; ok {
			return []int{n}
		}
		return nil
	}},
	{name: DetectorUSSSN, re: regexp.MustCompile(`\b\d{3}(?:[- ]\d{2}[- ]|\.\d{2}\.)\d{4}\b`), valid: validSSN},
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
func isAlnum(r rune) bool {
	return isDigit(r) || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z')
}

// validCardCandidate is validCardNumber, plus, for a number written with
// dots, the groupings cards are printed in (4-4-4-4, 4-4-4-4-3, 4-6-5,
// 4-6-4) and dots only: version numbers, IP addresses and decimal lists
// are dotted too, in other groupings.
func validCardCandidate(s string) bool {
	if !strings.Contains(s, ".") {
		return validCardNumber(s)
	}
	if strings.ContainsAny(s, " -") {
		return false
	}
	var groups []int
	for _, g := range strings.Split(s, ".") {
		groups = append(groups, len(g))
	}
	ok := false
	for _, want := range [][]int{{4, 4, 4, 4}, {4, 4, 4, 4, 3}, {4, 6, 5}, {4, 6, 4}} {
		ok = ok || slices.Equal(groups, want)
	}
	return ok && validCardNumber(s)
}

// validIBANCandidate checks an IBAN written in any case. One holding lower
// case letters must be written in groups: a run of lower case letters and
// digits is more often a hash or an identifier, and about one in 97 of
// those that start like an IBAN would pass the checksum.
func validIBANCandidate(s string) bool {
	if strings.ToUpper(s) != s && !strings.ContainsAny(s, " -") {
		return false
	}
	return validIBAN(strings.ToUpper(s))
}

// find returns the spans of the valid values in line: whole candidates,
// or, for a candidate that fails, its longest valid prefix ending at a
// separator. A dotted candidate inside a longer dotted run (a version
// number such as 1.4111.1111.1111.1111) is skipped.
func (d piiDetector) find(line string) [][2]int {
	var out [][2]int
	for pos := 0; pos < len(line); {
		loc := d.re.FindStringIndex(line[pos:])
		if loc == nil {
			break
		}
		m := line[pos+loc[0] : pos+loc[1]]
		next := pos + loc[1]
		if strings.Contains(m, ".") && inDottedRun(line, pos+loc[0], pos+loc[1]) {
			pos = next
			continue
		}
		if d.valid(m) {
			out = append(out, [2]int{pos + loc[0], pos + loc[1]})
		} else if d.lengths != nil {
			for _, n := range d.lengths(m) {
				if p, ok := separatedPrefix(m, n, d.units); ok && d.valid(p) {
					out = append(out, [2]int{pos + loc[0], pos + loc[0] + len(p)})
					// What follows the prefix may hold another value.
					next = pos + loc[0] + len(p)
					break
				}
			}
		}
		pos = next
	}
	return out
}

// inDottedRun reports whether line[start:end] continues a dotted run on
// either side: a dot before it, or a dot and a digit after it.
func inDottedRun(line string, start, end int) bool {
	if start > 0 && line[start-1] == '.' {
		return true
	}
	return end+1 < len(line) && line[end] == '.' && isDigit(rune(line[end+1]))
}

// separatedPrefix returns the prefix of s holding n units that is followed
// by a separator (not by another unit), if there is one.
func separatedPrefix(s string, n int, unit func(rune) bool) (string, bool) {
	count := 0
	for i, r := range s {
		if !unit(r) {
			continue
		}
		count++
		if count == n {
			end := i + 1
			if end < len(s) && unit(rune(s[end])) {
				return "", false
			}
			return s[:end], end < len(s)
		}
	}
	return "", false
}

func digitsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// validCardNumber: a known network prefix, a length that network issues,
// and the Luhn checksum.
func validCardNumber(s string) bool {
	d := digitsOnly(s)
	n := len(d)
	if n < 13 || n > 19 || strings.Count(d, d[:1]) == n {
		return false
	}
	p2 := atoiPrefix(d, 2)
	p3 := atoiPrefix(d, 3)
	p4 := atoiPrefix(d, 4)
	network := false
	switch {
	case d[0] == '4': // Visa
		network = n == 13 || n == 16 || n == 19
	case p2 >= 51 && p2 <= 55, p4 >= 2221 && p4 <= 2720: // Mastercard
		network = n == 16
	case p2 == 34 || p2 == 37: // American Express
		network = n == 15
	case p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649): // Discover
		network = n >= 16
	case p4 >= 3528 && p4 <= 3589: // JCB
		network = n >= 16
	case p2 == 36 || p2 == 38 || (p3 >= 300 && p3 <= 305): // Diners Club
		network = n >= 14
	}
	return network && luhn(d)
}

func atoiPrefix(d string, n int) int {
	v := 0
	for _, c := range d[:n] {
		v = v*10 + int(c-'0')
	}
	return v
}

func luhn(d string) bool {
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		double = !double
	}
	return sum%10 == 0
}

// ibanLengths are the IBAN lengths of the registry's countries most often
// seen; an IBAN of another country is not reported (fewer false matches).
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AT": 20, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "CH": 21, "CY": 28,
	"CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GI": 23,
	"GL": 18, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IS": 26, "IT": 27, "KW": 30, "KZ": 20,
	"LB": 28, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "ME": 22, "MK": 19, "MT": 31, "MU": 30,
	"NL": 18, "NO": 15, "PK": 24, "PL": 28, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24,
	"SI": 19, "SK": 24, "SM": 27, "TN": 24, "TR": 26, "UA": 29,
}

// validIBAN checks the country's length and the ISO 7064 mod-97 checksum.
func validIBAN(s string) bool {
	iban := strings.NewReplacer(" ", "", "-", "").Replace(s)
	want, ok := ibanLengths[iban[:2]]
	if !ok || len(iban) != want {
		return false
	}
	rearranged := iban[4:] + iban[:4]
	rem := 0
	for _, c := range rearranged {
		switch {
		case c >= '0' && c <= '9':
			rem = (rem*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			rem = (rem*100 + int(c-'A'+10)) % 97
		default:
			return false
		}
	}
	return rem == 1
}

// validSSN excludes what the SSA never issues: area 000, 666 and 900-999,
// group 00, serial 0000, and the two numbers published in advertising.
func validSSN(s string) bool {
	d := digitsOnly(s)
	if len(d) != 9 {
		return false
	}
	area, group, serial := atoiPrefix(d, 3), atoiPrefix(d[3:], 2), atoiPrefix(d[5:], 4)
	switch {
	case area == 0, area == 666, area >= 900, group == 0, serial == 0:
		return false
	case d == "078051120", d == "219099999":
		return false
	}
	return true
}

// redactUntrustedName returns an untrusted name (a file name, an action
// domain, a GPT name, a conversation title: its owner chooses it) with the
// secrets the secret rules find (redactSecretsInName) and the personal data
// the PII detectors find (a scan named after the person's SSN, card or
// IBAN) replaced by the rule name, for finding text and sub-keys. The PII
// detectors read the name as newPIIText rewrites it, punctuation such as
// '_' read as a space ("ssn_123-45-6789.pdf"), and each match is redacted
// over the span of the original it came from.
func redactUntrustedName(name string) string {
	out := redactSecretsInName(name)
	if out == "" {
		return out
	}
	plain := stripFormatChars(out)
	p := newPIIText(plain, true)
	type cut struct {
		from, to int
		rule     string
	}
	var cuts []cut
	for _, d := range piiDetectors {
		for _, sp := range d.find(p.s) {
			a, b := p.span(sp[0], sp[1])
			cuts = append(cuts, cut{a, b, d.name})
		}
	}
	if len(cuts) == 0 {
		return out
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i].from < cuts[j].from })
	var b strings.Builder
	pos := 0
	for _, c := range cuts {
		if c.from < pos { // overlaps the previous cut: already redacted
			if c.to > pos {
				pos = c.to
			}
			continue
		}
		b.WriteString(plain[pos:c.from])
		b.WriteString("[" + c.rule + " redacted]")
		pos = c.to
	}
	b.WriteString(plain[pos:])
	return b.String()
}

// redactNotScannedReason prepares why a file was not scanned for a
// finding. The reason may carry bytes of the file: the text extractor's
// format label is the name's extension, lower-cased, so a key in the
// extension would reach the finding even though the name is redacted. The
// name and its extension, when long enough to carry a value (a real
// extension is at most a few letters), are withheld wherever they appear
// in any case, and the rest is redacted like a name.
func redactNotScannedReason(reason, fileName string) string {
	const maxPlainExtension = 8
	for _, part := range []string{fileName, fileName[strings.LastIndexByte(fileName, '.')+1:]} {
		if len(part) > maxPlainExtension {
			reason = regexp.MustCompile(`(?i)`+regexp.QuoteMeta(part)).ReplaceAllLiteralString(reason, "[file name withheld]")
		}
	}
	return redactUntrustedName(reason)
}
