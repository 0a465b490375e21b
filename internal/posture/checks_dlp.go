package posture

import (
	"fmt"
	"strconv"
	"strings"
)

var patternsParam = ParamSpec{
	Name: "patterns", Kind: ParamStringList, Required: true, validate: validatePatterns,
	Description: "File name patterns: case-insensitive globs (\"*.pem\", \"*payroll*\") or, with a \"re:\" prefix, RE2 regular expressions.",
}

func dlpFileCheck(id, title, subjectKind, what, data, remediation string, need CollectionID, run func(*evalContext, func(Finding, string))) Check {
	return Check{
		ID: id, Title: title, Severity: SeverityHigh, OptIn: true,
		WaiversNameFinding: true,
		Description:        fmt.Sprintf("Flags %s whose name matches a declared pattern (for example key material, exports, payroll).", what),
		Data:               data,
		Remediation:        remediation,
		SubjectKind:        subjectKind,
		Params:             []ParamSpec{patternsParam},
		needs:              needs(need),
		run: func(e *evalContext) {
			patterns, err := compilePatterns(e.params.list("patterns"))
			if err != nil { // ValidateRule reports this first; stay closed anyway
				e.fail("%v", err)
				return
			}
			run(e, func(f Finding, file string) {
				p, ok := firstMatch(patterns, file)
				if !ok {
					return
				}
				// The name is the uploader's: a key or personal data in it
				// is redacted (in the sub-key too, which is kept in state).
				name := redactUntrustedName(file)
				f.SubKey = "file:" + name
				f.Observed = fmt.Sprintf("file %s matches pattern %q", UntrustedText(name), p.source)
				f.Allowed = "no files matching the declared patterns"
				e.report(f)
			})
		},
	}
}

// DefaultConversationLookbackDays is dlp_conversation_file's default
// lookback_days.
const DefaultConversationLookbackDays = 30

var _ = register(dlpConversationFile())

func dlpConversationFile() Check {
	c := dlpFileCheck("dlp_conversation_file", "Sensitive file in a conversation", "conversation",
		"files attached to workspace conversations active within lookback_days",
		"Compliance API GET /conversations with since_timestamp at the start of the lookback window: messages[].files[].name, last_active_at (a conversation without it is judged). A conversation whose messages come without a files list, or with unnamed files, is reported once.",
		"Delete the file or the conversation (Compliance API DELETE), and follow up with the user.",
		CollectionConversations,
		runDlpConversationFile)
	c.Params = append(c.Params, daysParam("lookback_days", DefaultConversationLookbackDays, 365,
		"How many days back conversations are read and judged (by last activity, from the start of the current UTC day). Every conversation in the window is read with its messages, so a longer window costs more requests."))
	c.conversations = func(p resolvedParams) int { return int(p.int("lookback_days")) }
	return c
}

func runDlpConversationFile(e *evalContext, match func(Finding, string)) {
	if !e.need(CollectionConversations, e.snap.Conversations) {
		return
	}
	// Only this check's window: a wider read shared with other checks must
	// not change what this check reports.
	start := conversationWindowStart(e.now(), e.params.int("lookback_days"))
	for _, c := range e.snap.Conversations.Items {
		if !inConversationWindow(c.LastActiveAt, start) {
			continue
		}
		subject := Finding{SubjectKind: "conversation", SubjectID: c.ID, SubjectName: redactUntrustedName(firstNonEmpty(c.Title, c.UserEmail, c.ID)), SubjectEmail: c.UserEmail}
		// One finding per conversation, however many messages
		// lack their files.
		var why []string
		if c.FilesNotReported {
			why = append(why, "messages or their files not reported whole (missing, or has_more)")
		}
		if c.MessagesWithoutFiles > 0 {
			why = append(why, "files not reported on "+plural(int64(c.MessagesWithoutFiles), "message", "messages"))
		}
		if len(why) > 0 {
			f := subject
			// Keyed by what it leaves unjudged: a waiver accepting one
			// message without its files does not accept forty.
			f.SubKey = fmt.Sprintf("files_not_reported:%d_messages", c.MessagesWithoutFiles)
			if c.FilesNotReported {
				f.SubKey += ":list_incomplete"
			}
			f.Observed, f.Allowed = strings.Join(why, "; ")+"; files cannot all be judged", "a complete messages and files list"
			e.report(f)
		}
		reportUnnamedFiles(e, subject, c.UnnamedFiles)
		for _, file := range c.Files {
			match(subject, file)
		}
	}
}

var _ = register(dlpFileCheck("dlp_gpt_file", "Sensitive GPT knowledge file", "gpt",
	"GPT knowledge files",
	"Compliance API GET /gpts: latest_config files[].name (a GPT without a reported configuration, or with unnamed files, is reported).",
	"Remove the file from the GPT (Compliance API DELETE /gpts/{id}/files/{file_id}) and review who could reach it.",
	CollectionGPTs,
	func(e *evalContext, match func(Finding, string)) {
		forEachGPT(e, func(g GPT) {
			if g.Config == nil {
				f := dlpGPTSubject(g)
				f.SubKey = "config_not_reported"
				f.Observed, f.Allowed = "latest_config not reported; files cannot be judged", "a readable latest configuration"
				e.report(f)
				return
			}
			if g.Config.FilesNotReported {
				// The files that did come are still judged below. The gap
				// is keyed by the list it was seen with, so a waiver
				// accepting it does not cover the GPT once its files change.
				f := dlpGPTSubject(g)
				f.SubKey = notReportedSubKey("files_not_reported", g.Config.Files, g.Config.UnnamedFiles)
				f.Observed, f.Allowed = fmt.Sprintf("latest_config files not reported whole (absent or truncated; %s reported); unreported files cannot be judged", plural(int64(len(g.Config.Files)+len(g.Config.UnnamedFiles)), "file", "files")), "a complete files list"
				e.report(f)
			}
			reportUnnamedFiles(e, dlpGPTSubject(g), g.Config.UnnamedFiles)
			for _, file := range g.Config.Files {
				match(dlpGPTSubject(g), file)
			}
		})
	}))

var _ = register(dlpFileCheck("dlp_project_file", "Sensitive ChatGPT project file", "chatgpt_project",
	"ChatGPT project files",
	"Compliance API GET /projects: latest_config files[].name (a project with unnamed files is reported).",
	"Remove the file from the project (Compliance API DELETE /projects/{id}/files/{file_id}).",
	CollectionChatGPTProjects,
	func(e *evalContext, match func(Finding, string)) {
		if !e.need(CollectionChatGPTProjects, e.snap.ChatGPTProjects) {
			return
		}
		for _, p := range e.snap.ChatGPTProjects.Items {
			subject := Finding{SubjectKind: "chatgpt_project", SubjectID: p.ID, SubjectName: redactUntrustedName(firstNonEmpty(p.Name, p.ID)), SubjectEmail: p.OwnerEmail}
			if p.FilesNotReported {
				// The files that did come are still judged below.
				f := subject
				f.SubKey = notReportedSubKey("files_not_reported", p.Files, p.UnnamedFiles)
				f.Observed, f.Allowed = fmt.Sprintf("latest_config or its files not reported whole (%s reported); unreported files cannot be judged", plural(int64(len(p.Files)+len(p.UnnamedFiles)), "file", "files")), "a readable files list"
				e.report(f)
			}
			reportUnnamedFiles(e, subject, p.UnnamedFiles)
			for _, file := range p.Files {
				match(subject, file)
			}
		}
	}))

var _ = register(Check{
	ID: "dlp_gpt_instructions", Title: "Secret in GPT instructions or action schema", Severity: SeverityHigh,
	WaiversNameFinding: true,
	Description:        "Flags secrets in GPT instructions and custom action OpenAPI schemas, found by gitleaks' default rule set (" + gitleaksRelease + ", used as a library: cloud and SaaS API keys, GitHub, Slack and OpenAI tokens, private keys, JWTs, high-entropy key=value assignments) plus three rules of ours for what that set misses: OpenAI keys by their sk-proj-/sk-admin-/sk-svcacct-/sk-None- prefix whatever their length, `Authorization: Bearer` values outside a curl command, and passwords in connection URIs. The content checks run the same rules (their `secrets` detector). Anyone who can chat with a GPT can often coax out its instructions. Like the gitleaks CLI, values encoded in base64, hex or percent-encoding are decoded and scanned (up to five nested encodings); unlike it, a `gitleaks:allow` comment hides nothing (the GPT builder writes it), gitleaks' default global allowlist is anchored (as shipped it drops any secret containing \"false\"), invisible characters (Unicode default-ignorable code points: zero-width spaces, soft hyphens, variation selectors, Hangul fillers) are removed and JSON \\u escapes decoded before scanning. A text is scanned in 64 KiB chunks (a private key block crossing a chunk boundary is scanned again whole, up to 64 KiB; a longer one is reported as not scanned whole); one with more than 1,000 secrets, or that takes over five minutes, is reported as not scanned whole (scan_incomplete). Findings name the rule id and line, and are keyed by rule id, ordinal and the GPT configuration's version (its id; when not reported, the count and lines of the rule's matches), never by anything derived from the value, so an edit of the instructions makes new findings; observed values are redacted to at most a four-character prefix (a private key to its BEGIN line).",
	Data:               "Compliance API GET /gpts: latest_config instructions, tools[].action_openapi_raw (a custom action without its schema is reported).",
	Remediation:        "Revoke the exposed credential now, then move it into the action's authentication settings (never the instructions or schema).",
	SubjectKind:        "gpt",
	Params: []ParamSpec{{
		Name: "disabled_detectors", Kind: ParamStringList, Default: ListValue(), validate: validateSecretDetectorList,
		Description: "Secret rules to turn off, by rule id as findings name them: a gitleaks default rule id (for example aws-access-token, github-pat, private-key, jwt, generic-api-key) or one of ours (openai-prefixed-api-key, authorization-bearer-token, connection-string-password). A name that is not a rule id is an error listing the valid ones. At least one rule must stay on, so `secrets` (every rule) is refused here: remove the check instead.",
	}},
	needs: needs(CollectionGPTs),
	validateParams: func(p resolvedParams) error {
		disabled := p.list("disabled_detectors")
		if containsFold(disabled, SecretsAll) {
			return paramError("disabled_detectors", fmt.Errorf("disabled_detectors names %q, which turns off every secret rule, so the check would flag nothing and always pass; disable single rule ids (or remove the check)", SecretsAll))
		}
		for _, d := range SecretDetectorNames() {
			if !containsFold(disabled, d) {
				return nil
			}
		}
		return paramError("disabled_detectors", fmt.Errorf("disabled_detectors turns off every detector (all %d secret rules), so the check would flag nothing and always pass; keep at least one on (or remove the check)", len(SecretDetectorNames())))
	},
	run: runDlpGptInstructions,
})

func runDlpGptInstructions(e *evalContext) {
	disabled := e.params.list("disabled_detectors")
	forEachGPT(e, func(g GPT) {
		if g.Config == nil {
			f := dlpGPTSubject(g)
			f.SubKey = "config_not_reported"
			f.Observed, f.Allowed = "latest_config not reported; instructions cannot be judged", "a readable latest configuration"
			e.report(f)
			return
		}
		// where keys the finding (raw, as always: the fingerprint must not
		// change); whereText names it in Observed, the builder's domain
		// quoted.
		scan := func(where, whereText, text string) {
			hits, incomplete, err := findSecrets(text, disabled)
			if err != nil {
				e.fail("secret detection: %v", err)
				return
			}
			lines := map[string][]string{}
			for _, h := range hits {
				lines[h.detector] = append(lines[h.detector], strconv.Itoa(h.line))
			}
			for _, h := range hits {
				f := dlpGPTSubject(g)
				// Rule id, place and ordinal: nothing derived from the value
				// reaches the state or a report. Instructions are edited in
				// place, so the key also names the configuration version
				// (a new version is a new finding, even for a key replaced
				// by another at the same spot); without a reported version,
				// the count and lines of the rule's matches stand in for it.
				f.SubKey = strings.Join([]string{h.detector, where, strconv.Itoa(h.ordinal)}, ":")
				if v := g.Config.Version; v != "" {
					f.SubKey += "@" + v
				} else {
					f.SubKey = setSubKey(f.SubKey, lines[h.detector])
				}
				f.Observed = fmt.Sprintf("%s in %s: %s (line %d)", h.detector, whereText, h.masked, h.line)
				f.Allowed = "no credentials in instructions or action schemas"
				e.report(f)
			}
			if incomplete != "" {
				f := dlpGPTSubject(g)
				f.SubKey = strings.Join([]string{scanIncompleteRule, where}, ":")
				f.Observed = fmt.Sprintf("%s not scanned whole: %s", whereText, incomplete)
				f.Allowed = "instructions and action schemas scanned whole"
				e.report(f)
			}
		}
		// The gaps below are keyed by the configuration version (when
		// reported): a waiver accepting today's gap does not cover what an
		// edit puts in the part that cannot be read.
		version := ""
		if g.Config.Version != "" {
			version = "@" + g.Config.Version
		}
		if g.Config.InstructionsNotReported {
			f := dlpGPTSubject(g)
			f.SubKey = "instructions_not_reported" + version
			f.Observed, f.Allowed = "latest_config instructions not reported; they cannot be judged", "readable instructions"
			e.report(f)
		}
		if g.Config.ToolsNotReported {
			f := dlpGPTSubject(g)
			f.SubKey = "tools_not_reported" + version
			if version == "" {
				// Without a version, the tools that did come stand in.
				var tools []string
				for _, t := range g.Config.Tools {
					tools = append(tools, t.Type+":"+redactUntrustedName(t.ActionDomain))
				}
				f.SubKey = setSubKey(f.SubKey, tools)
			}
			f.Observed, f.Allowed = "latest_config tools not reported (or truncated); action schemas cannot be judged", "a complete tools list"
			e.report(f)
		}
		reportUnscannedActions(e, g)
		scan("instructions", "instructions", g.Config.Instructions)
		for i, t := range g.Config.Tools {
			if t.ActionOpenAPIRaw != "" {
				// The domain is the builder's: redacted like a file name.
				domain := redactUntrustedName(t.ActionDomain)
				scan(fmt.Sprintf("action %s schema", firstNonEmpty(domain, fmt.Sprint(i))), fmt.Sprintf("action %s schema", nameOrID(fmt.Sprint(i), domain)), t.ActionOpenAPIRaw)
			}
		}
	})
}

// notReportedSubKey keys a "files not reported whole" finding by the files
// it was seen with (setSubKey over the names, redacted as in findings, and
// the ids of unnamed files): when the files change, the gap may hide new
// ones, and it is a new finding.
func notReportedSubKey(prefix string, names, unnamedIDs []string) string {
	items := make([]string, 0, len(names)+len(unnamedIDs))
	for _, n := range names {
		items = append(items, "name:"+redactUntrustedName(n))
	}
	for _, id := range unnamedIDs {
		items = append(items, "id:"+id)
	}
	return setSubKey(prefix, items)
}

// dlpGPTSubject is gptSubject with the name redacted: a DLP finding must not
// carry in its subject name the personal data or key it redacts in the
// file (a GPT's name is its builder's, a conversation's title is made from
// its first message).
func dlpGPTSubject(g GPT) Finding {
	f := gptSubject(g)
	f.SubjectName = redactUntrustedName(f.SubjectName)
	return f
}

// maxListedIDs bounds the ids an aggregated "not reported" finding names.
const maxListedIDs = 5

// listIDs names at most maxListedIDs ids, then how many more there are.
func listIDs(ids []string) string {
	if len(ids) <= maxListedIDs {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ids[:maxListedIDs], ", "), len(ids)-maxListedIDs)
}

// reportUnnamedFiles makes one finding for a subject's files sent without a
// name: no pattern can judge a file it cannot read the name of, and an id
// never matches a name pattern, so listing it by id would be a silent pass.
// Its sub-key stands for the set of ids (setSubKey), so a waiver accepting
// today's unnamed files does not cover a new one.
func reportUnnamedFiles(e *evalContext, subject Finding, ids []string) {
	if len(ids) == 0 {
		return
	}
	f := subject
	f.SubKey = setSubKey("file_names_not_reported", ids)
	f.Observed = fmt.Sprintf("%s without a reported name (%s); they cannot be matched against the patterns", plural(int64(len(ids)), "file", "files"), listIDs(ids))
	f.Allowed = "every file with a name"
	e.report(f)
}

// reportUnscannedActions makes one finding for a GPT's custom actions sent
// without their OpenAPI schema text: the schema is where a credential hides,
// and one that was not sent cannot be scanned. Its sub-key stands for the set
// of actions (setSubKey), so a waiver accepting today's does not cover a new
// one.
func reportUnscannedActions(e *evalContext, g GPT) {
	// where keys the finding (raw values: the fingerprint must not change);
	// shown names them in Observed, the builder's domains quoted.
	var where, shown []string
	for i, t := range g.Config.Tools {
		if isCustomAction(t) && strings.TrimSpace(t.ActionOpenAPIRaw) == "" {
			where = append(where, firstNonEmpty(t.ActionDomain, fmt.Sprintf("tool %d", i)))
			shown = append(shown, nameOrID(fmt.Sprintf("tool %d", i), t.ActionDomain))
		}
	}
	if len(where) == 0 {
		return
	}
	f := dlpGPTSubject(g)
	f.SubKey = setSubKey("action_schema_not_reported", where)
	f.Observed = fmt.Sprintf("action_openapi_raw schema not reported for %s (%s); it cannot be scanned", plural(int64(len(where)), "custom action", "custom actions"), listIDs(shown))
	f.Allowed = "custom action schemas readable"
	e.report(f)
}
