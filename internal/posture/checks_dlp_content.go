package posture

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Parameters shared by the DLP content checks.
var (
	contentDetectorsParam = ParamSpec{
		Name: "detectors", Kind: ParamStringList, Default: ListValue(ContentDetectorNames()...), validate: validateContentDetectorList,
		Description: "Detectors to run: secrets (every secret rule: gitleaks' default set and the extra rules dlp_gpt_instructions runs), or single secret rule ids as findings name them (for example aws-access-token, private-key, openai-prefixed-api-key) instead of all; card_number (Luhn-checked), iban (checksum-checked), us_ssn (issued ranges only). A name that is neither is an error listing the valid ones. At least one, unless custom_patterns is set.",
	}
	contentCustomParam = ParamSpec{
		Name: "custom_patterns", Kind: ParamStringList, Default: ListValue(), validate: validateContentPatterns,
		Description: "Extra RE2 regular expressions matched line by line (for example an internal project code name or customer id format).",
	}
	contentMaxFileParam = ParamSpec{
		Name: "max_file_mib", Kind: ParamInt, Default: IntValue(20), HasRange: true, Min: 1, Max: 100,
		Description: "Largest file downloaded, in MiB; a larger file is reported as not scanned.",
	}
	contentMaxFileSecondsParam = ParamSpec{
		Name: "max_file_seconds", Kind: ParamInt, Default: IntValue(120), HasRange: true, Min: 1, Max: 1800,
		Description: "Longest time one file may take (the API's redirect and the download together, not the wait for the rate limit), in seconds; a slower file is reported as not scanned (download timed out) and asked again next plan.",
	}
	contentLookbackParam = ParamSpec{
		Name: "lookback_days", Kind: ParamInt, Default: IntValue(30), HasRange: true, Min: 1, Max: 365,
		Description: "How many days back to scan (whole UTC days before the evaluation day).",
	}
)

func validateContentPatterns(v ParamValue) error {
	_, err := compileContentPatterns(v.List)
	return err
}

func compileContentPatterns(list []string) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, 0, len(list))
	for _, p := range list {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("%q is not a valid RE2 regular expression", p)
		}
		out = append(out, re)
	}
	return out, nil
}

// validateDetectorSelection refuses a selection that can find nothing.
func validateDetectorSelection(p resolvedParams) error {
	if len(p.list("detectors")) == 0 && len(p.list("custom_patterns")) == 0 {
		return paramError("detectors", errors.New("detectors is empty and no custom_patterns are set, so the check would flag nothing and always pass; keep at least one detector (valid: "+strings.Join(ContentDetectorNames(), ", ")+")"))
	}
	return nil
}

// contentScanner runs the rule's detector selection over one text and
// reports each rule that matched once per item (the first line, and how many
// matches), so a spreadsheet of card numbers is one finding per rule, not
// thousands. A finding's sub-key is keyPrefix and the rule; with
// signByHits (an editable text whose version is not reported) it also
// carries how many distinct matches the rule has and a digest of their line
// numbers (setSubKey), so a waiver accepting what the text held does not
// accept new values of the same rule. Nothing derived from a value is kept.
func (e *evalContext) contentScanner() func(subject Finding, where, keyPrefix, text string, verdicts map[string]ContentVerdict, signByHits bool) {
	detectors := e.params.list("detectors")
	custom, err := compileContentPatterns(e.params.list("custom_patterns"))
	if err != nil {
		e.fail("%v", err)
		return nil
	}
	selKey := contentSelection(e.params).Key()
	return func(subject Finding, where, keyPrefix, text string, verdicts map[string]ContentVerdict, signByHits bool) {
		var hits []contentHit
		if v, ok := verdicts[selKey]; ok {
			for _, h := range v.Hits {
				hits = append(hits, contentHit{detector: h.Detector, rule: h.Rule, line: h.Line, preview: h.Preview})
			}
		} else {
			var err error
			if hits, err = scanContent(text, detectors, custom); err != nil {
				e.fail("%v", err)
				return
			}
		}
		type agg struct {
			first contentHit
			n     int
			lines []string
		}
		var order []string
		byRule := map[string]*agg{}
		for _, h := range hits {
			if a, ok := byRule[h.rule]; ok {
				a.n++
				a.lines = append(a.lines, strconv.Itoa(h.line))
				continue
			}
			byRule[h.rule] = &agg{first: h, n: 1, lines: []string{strconv.Itoa(h.line)}}
			order = append(order, h.rule)
		}
		for _, rule := range order {
			a := byRule[rule]
			f := subject
			f.SubKey = keyPrefix + ":" + rule
			if signByHits && rule != scanIncompleteRule {
				f.SubKey = setSubKey(f.SubKey, a.lines)
			}
			f.Observed = fmt.Sprintf("%s: rule %s (%s) at line %d: %s", where, rule, a.first.detector, a.first.line, a.first.preview)
			if a.n > 1 {
				f.Observed += fmt.Sprintf(" (%d distinct matches of this rule)", a.n)
			}
			f.Allowed = "no secrets or personal data in content shared with ChatGPT"
			e.report(f)
		}
	}
}

// contentFileCost is the cost paragraph of a file content check's catalog
// entry: what one plan requests, and what later plans reuse.
func contentFileCost(listRead string) string {
	return "Cost: " + listRead + ", then, for each file not judged before, one request to the file endpoint and one download from the host it redirects to. " +
		"The file endpoints are paced at their documented limit, 100 requests a minute per endpoint and key (or compliance_requests_per_minute when set lower), so a first scan of 5,000 files takes about 50 minutes. " +
		"Verdicts (rule ids, lines, redacted previews; never content) are kept by file id in the check's private state and, opt-in, in the provider's dlp_cache_dir: a later plan downloads only new files. " +
		"A file over max_file_mib or whose content cannot be read (encrypted, corrupt, unknown type) is kept as not scanned too (for an oversized file, until max_file_mib is raised above the cap it failed at); a file whose download failed (timeout, not found, expired, rate limit, server or network error) or whose text extraction timed out is asked again each plan, and a file whose download host sent no Content-Length to check the body against is judged from each plan's own download, never kept. " +
		"Changing detectors or custom_patterns, or a provider release that changes a detector or the text extraction, scans every file again. " +
		"Until a check is first applied it has no state to keep verdicts in, and Terraform plans again during apply in a new provider process: each plan of a new check, and its first apply (twice without a saved plan), downloads its files again unless dlp_cache_dir is set. " +
		"Each plan reports how many files it downloaded and scanned, how many verdicts it reused and how many files were not scanned."
}

func dlpContentCheck(id, title, subjectKind, what, data, remediation, listRead string, need CollectionID, conversation bool, files func(Snapshot) Collection[ScannedFile]) Check {
	params := []ParamSpec{contentDetectorsParam, contentCustomParam, contentMaxFileParam, contentMaxFileSecondsParam}
	if conversation {
		params = append(params, contentLookbackParam)
	}
	return Check{
		ID: id, Title: title, Severity: SeverityHigh, OptIn: true,
		WaiversNameFinding: true,
		Description:        fmt.Sprintf("Downloads %s and scans their text (plain text in UTF-8, UTF-16 or UTF-32 with a byte order mark, or Windows-1252; CSV/TSV, JSON, Markdown, source code, DOCX, XLSX, PPTX, PDF) for secrets (gitleaks' default rules plus ours for OpenAI keys, Authorization bearer tokens and connection-URI passwords) and validated personal data (card numbers, IBANs, US SSNs), plus custom patterns. A file that cannot be downloaded or read (not found, expired, over the size cap, encrypted, corrupt, unknown binary type) is reported as not scanned. Findings show the rule, the line and at most the first and last two characters of the match; a secret or personal data in a file name is redacted too. The secret rules run as in dlp_gpt_instructions (encoded values decoded, gitleaks:allow comments ignored, invisible characters removed, JSON \\u escapes decoded); numbers grouped with any Unicode space or dash are read as grouped with a space or dash, card numbers also in dotted 4-4-4-4 groups, SSNs also as 123.45.6789, IBANs in either case (lower case only when grouped); card numbers and IBANs followed by more digits or words (an expiry, a CVV, a BIC) are found by their valid-length prefix ending at a separator. Personal data is also found written with Unicode digits (full-width forms), doubled spaces and spaced dashes, and inside base64 runs (bounded: 256 runs of at most 256 KiB per text); quoted-printable MIME bodies (.eml, mbox, pasted messages) are also scanned decoded, soft line breaks joined; subject names (conversation titles, GPT and project names) are redacted of secrets and personal data in findings. Text formats read also include HTML and RTF. A file with more than 1,000 matches, or whose scan takes over five minutes, is reported as not scanned whole (rule scan_incomplete), never passed. %s", what, contentFileCost(listRead)),
		Data:               data,
		Remediation:        remediation,
		SubjectKind:        subjectKind,
		Params:             params,
		needs:              needs(need),
		content: func(p resolvedParams) ContentNeed {
			n := ContentNeed{
				MaxFileBytes:   p.int("max_file_mib") << 20,
				MaxFileTimeout: time.Duration(p.int("max_file_seconds")) * time.Second,
				Selections:     []ContentSelection{contentSelection(p)},
			}
			if conversation {
				n.ConversationDays = int(p.int("lookback_days"))
			}
			return n
		},
		validateParams: validateDetectorSelection,
		run: func(e *evalContext) {
			col := files(*e.snap)
			if !e.need(need, col) {
				return
			}
			scan := e.contentScanner()
			if scan == nil {
				return
			}
			var since time.Time
			if conversation {
				since = e.snap.Now.UTC().Truncate(24*time.Hour).AddDate(0, 0, -int(e.params.int("lookback_days")))
			}
			var scanned, reused, reusedNotScanned, notScanned int
			defer func() {
				// The cost of the check, in the plan: downloads are paced.
				// Reused verdicts cost no request, also the ones that say
				// "not scanned" (over the size cap, unreadable content).
				reuse := fmt.Sprintf("%d verdicts reused from the verdict cache", reused)
				if reusedNotScanned > 0 {
					reuse += fmt.Sprintf(" (%d of them not scanned)", reusedNotScanned)
				}
				e.warnings = append(e.warnings, fmt.Sprintf("%s: %d files judged: %d downloaded and scanned in this plan, %s, %d not scanned", e.check.ID, scanned+reused+notScanned, scanned, reuse, notScanned))
			}()
			for _, file := range col.Items {
				if conversation && !file.AttachedAt.IsZero() && file.AttachedAt.Before(since) {
					continue
				}
				switch {
				case file.Reused:
					reused++
					if file.NotScanned != "" {
						reusedNotScanned++
					}
				case file.NotScanned != "":
					notScanned++
				default:
					scanned++
				}
				subject := Finding{SubjectKind: file.SubjectKind, SubjectID: file.SubjectID, SubjectName: redactUntrustedName(firstNonEmpty(file.SubjectName, file.SubjectID)), SubjectEmail: file.OwnerEmail}
				// The file name is the uploader's: a key in it is redacted
				// like one in the content.
				where := fmt.Sprintf("file %s (%s)", UntrustedText(redactUntrustedName(file.FileName)), file.FileID)
				if file.FileID == "" {
					where = "files"
				}
				if file.NotScanned != "" {
					f := subject
					f.SubKey = "file:" + file.FileID + ":not_scanned"
					f.Observed = where + " not scanned: " + redactNotScannedReason(file.NotScanned, file.FileName)
					f.Allowed = "every file downloaded and read"
					e.report(f)
					continue
				}
				scan(subject, where, "file:"+file.FileID, file.Text, file.Verdicts, false)
			}
		},
	}
}

var _ = register(dlpContentCheck("dlp_gpt_file_content", "Secret or personal data in a GPT knowledge file", "gpt",
	"GPT knowledge files",
	"Compliance API GET /gpts (latest_config files[].id, name) and GET /gpt_files/{file_id} (307 to the file content, fetched without the API key). A GPT without a reported configuration or complete files list is reported as not scanned.",
	"Remove the file from the GPT (Compliance API DELETE /gpts/{id}/files/{file_id}), revoke any exposed credential, and review who could chat with the GPT.",
	"the GPT list (GET /gpts, one page per 100 GPTs, 50 requests a minute)",
	CollectionGPTFileContent, false, func(s Snapshot) Collection[ScannedFile] { return s.GPTFileContent }))

var _ = register(dlpContentCheck("dlp_project_file_content", "Secret or personal data in a ChatGPT project file", "chatgpt_project",
	"ChatGPT project files",
	"Compliance API GET /projects (latest_config files[].id, name) and GET /project_files/{file_id} (307 to the file content, fetched without the API key). A project without a readable files list is reported as not scanned.",
	"Remove the file from the project (Compliance API DELETE /projects/{id}/files/{file_id}) and revoke any exposed credential.",
	"the project list (GET /projects, one page per 100 projects, 50 requests a minute)",
	CollectionProjectFileContent, false, func(s Snapshot) Collection[ScannedFile] { return s.ProjectFileContent }))

var _ = register(dlpContentCheck("dlp_conversation_file_content", "Secret or personal data in a file attached to a conversation", "conversation",
	"files attached to conversations in the last lookback_days",
	"Compliance API GET /conversations (messages[].files[].id, name, message created_at) and GET /users/{user_id}/files/{file_id}?conversation_id= (307 to the file content, fetched without the API key). A conversation whose messages or files are not reported whole is reported as not scanned.",
	"Delete the file or the conversation (Compliance API DELETE), revoke any exposed credential, and follow up with the user.",
	"the conversation list since the lookback (GET /conversations, one page per 500 conversations, 50 requests a minute; shared with the conversation checks of the same plan)",
	CollectionConversationFileContent, true, func(s Snapshot) Collection[ScannedFile] { return s.ConversationFileContent }))

var _ = register(Check{
	ID: "dlp_memory", Title: "Secret or personal data in a ChatGPT memory", Severity: SeverityHigh, OptIn: true,
	WaiversNameFinding: true,
	Description:        "Scans workspace memories updated in the last lookback_days for secrets (gitleaks' default rules plus ours for OpenAI keys, Authorization bearer tokens and connection-URI passwords) and validated personal data (card numbers, IBANs, US SSNs), plus custom patterns. Findings show the rule and at most the first and last two characters of the match, and are keyed by memory id and update time (when the update time is not reported, by the count and lines of each rule's matches), so values an edit adds are new findings. Cost: the memories list since the lookback (GET /memories?since_timestamp=, one page per 200 users, 50 requests a minute: a workspace of 5,000 users is 25 requests, about 30 seconds); nothing is downloaded. Memories are read and scanned again each plan (they change; nothing is kept between plans).",
	Data:               "Compliance API GET /memories?since_timestamp= (memory_contexts[].memory_entries[].id, content, updated_at, per user id).",
	Remediation:        "Delete the memory (Compliance API DELETE /users/{user_id}/memory_contexts/{context_id}/memories/{memory_id}), revoke any exposed credential, and follow up with the user.",
	SubjectKind:        "workspace_user",
	Params:             []ParamSpec{contentDetectorsParam, contentCustomParam, contentLookbackParam},
	needs:              needs(CollectionMemories),
	content: func(p resolvedParams) ContentNeed {
		return ContentNeed{MemoryDays: int(p.int("lookback_days"))}
	},
	validateParams: validateDetectorSelection,
	run: func(e *evalContext) {
		if !e.need(CollectionMemories, e.snap.Memories) {
			return
		}
		scan := e.contentScanner()
		if scan == nil {
			return
		}
		since := e.snap.Now.UTC().Truncate(24*time.Hour).AddDate(0, 0, -int(e.params.int("lookback_days")))
		for _, m := range e.snap.Memories.Items {
			if !m.UpdatedAt.IsZero() && m.UpdatedAt.Before(since) {
				continue
			}
			subject := Finding{SubjectKind: "workspace_user", SubjectID: m.UserID, SubjectName: firstNonEmpty(m.UserEmail, m.UserID), SubjectEmail: m.UserEmail}
			if m.NotReported != "" {
				f := subject
				f.SubKey = "memory:" + m.ID + ":not_reported"
				f.Observed = fmt.Sprintf("memory %s not scanned: %s", firstNonEmpty(m.ID, "(no id)"), redactUntrustedName(m.NotReported))
				f.Allowed = "every memory readable"
				e.report(f)
				continue
			}
			// A memory can be edited, unlike a file: its version (the update
			// time) is part of the key, so a waiver accepting what a memory
			// held does not accept what an edit adds to it. Without an update
			// time, the count and lines of each rule's matches stand in for
			// it (an edit that replaces a value in place, same rule, same
			// line, is then not told apart: no digest of a value is kept).
			version := ""
			if !m.UpdatedAt.IsZero() {
				version = "@" + strconv.FormatInt(m.UpdatedAt.Unix(), 10)
			}
			scan(subject, fmt.Sprintf("memory %s", m.ID), "memory:"+m.ID+version, m.Content, nil, m.UpdatedAt.IsZero())
		}
	},
})
