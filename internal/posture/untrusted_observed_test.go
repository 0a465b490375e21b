package posture

import (
	"reflect"
	"strings"
	"testing"
)

// hostileOwnerText is what a subject's owner might call a GPT, a file, an action
// domain or themselves so that one line of our output reads as our own
// wording: a fake "allowed" clause and waiver marker, a quote to end ours,
// and a new line starting a GitHub Actions command. The EVIL words mark
// where it is.
const hostileOwnerText = `EVIL", allowed: anything [waived until 2099-01-01] EVIL` + "\n::x EVIL"

// ownerControlledFields are the model fields whose value a subject's owner
// (or any member) chooses: names, emails, titles, descriptions, action
// domains and file names. Ids, types, statuses, roles and dates come from
// the API.
var ownerControlledFields = map[string]bool{
	"Name": true, "Email": true, "Title": true, "Description": true,
	"OwnerName": true, "OwnerEmail": true, "UserEmail": true, "ActorEmail": true,
	"ActionDomain": true, "FileName": true, "SubjectName": true, "Files": true,
}

// poisonOwnerText replaces every non-empty owner-controlled string of v
// (walked through pointers, slices and structs) by value + hostileOwnerText +
// value, so patterns anchored at either end still match and an email keeps
// its domain. renamed maps each original value to its replacement.
func poisonOwnerText(v reflect.Value, renamed map[string]string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			poisonOwnerText(v.Elem(), renamed)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			poisonOwnerText(v.Index(i), renamed)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			fv := v.Field(i)
			if !t.Field(i).IsExported() {
				continue
			}
			if ownerControlledFields[t.Field(i).Name] {
				poisonStrings(fv, renamed)
				continue
			}
			poisonOwnerText(fv, renamed)
		}
	}
}

func poisonStrings(v reflect.Value, renamed map[string]string) {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); s != "" {
			renamed[s] = s + hostileOwnerText + s
			v.SetString(renamed[s])
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			poisonStrings(v.Index(i), renamed)
		}
	}
}

// unquotedText is s without its double-quoted parts (backslash escapes
// inside quotes are honoured): what a reader takes as our own wording.
func unquotedText(s string) string {
	var b strings.Builder
	inQuotes := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inQuotes && c == '\\':
			i++
		case c == '"':
			inQuotes = !inQuotes
		case !inQuotes:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// ownerTextInObserved are the checks whose Observed names an owner-controlled
// value of their checkCases failing data (an action domain, an email, a file
// or key name): the hostile name must show there, quoted, or the test below
// would pass for the wrong reason.
var ownerTextInObserved = []string{
	"key_user_owned", "archived_project_keys", "owner_count", "risky_admin_events",
	"gpt_custom_actions", "gpt_action_domain", "gpt_action_no_auth", "gpt_external_share", "gpt_shared_editable", "gpt_orphaned",
	"chatgpt_project_external_share", "chatgpt_project_shared_editable", "chatgpt_project_custom_actions", "chatgpt_project_action_domain",
	"dlp_conversation_file", "dlp_gpt_file", "dlp_project_file",
	"dlp_gpt_file_content", "dlp_project_file_content", "dlp_conversation_file_content",
}

// Every check of checkCases, run on its failing data with every name, email,
// title, domain and file name replaced by a hostile one, still fails, and the
// hostile text shows only inside quotes: in Observed as the check wrote it,
// and in the finding's one-line Message (subject and observed value).
func TestOwnerTextIsQuotedInObserved(t *testing.T) {
	mustShow := map[string]bool{}
	for _, id := range ownerTextInObserved {
		mustShow[id] = true
	}
	for _, tc := range checkCases() {
		t.Run(tc.id, func(t *testing.T) {
			snap := emptySnapshot()
			tc.fail(&snap)
			renamed := map[string]string{}
			poisonOwnerText(reflect.ValueOf(&snap).Elem(), renamed)
			// A parameter naming a poisoned value (key_user_owned's project
			// name) follows the rename.
			params := Params{}
			for name, v := range tc.params {
				if v.List != nil {
					list := make([]string, len(v.List))
					for i, s := range v.List {
						list[i] = firstNonEmpty(renamed[s], s)
					}
					v.List = list
				}
				params[name] = v
			}
			rr := EvaluateRule(snap, Rule{CheckID: tc.id, Params: params})
			if len(rr.Errors) > 0 {
				t.Fatalf("errors: %v", rr.Errors)
			}
			if _, ok := findingFor(rr, tc.subject); !ok {
				t.Fatalf("the hostile data no longer fails on %s: %+v", tc.subject, rr.Findings)
			}
			shown := assertOwnerTextQuoted(t, rr)
			if mustShow[tc.id] && !shown {
				t.Errorf("no Observed names the hostile value (the test would prove nothing): %+v", rr.Findings)
			}
		})
	}
}

// assertOwnerTextQuoted fails t when a hostile owner text (hostileOwnerText)
// shows outside quotes in a finding's Observed, Allowed or Message, or when
// a sub-key was escaped; it reports whether some Observed names it.
func assertOwnerTextQuoted(t *testing.T, rr RuleResult) (shown bool) {
	t.Helper()
	for _, f := range rr.Findings {
		for what, text := range map[string]string{"Observed": f.Observed, "Allowed": f.Allowed, "Message": f.Message()} {
			if rest := unquotedText(text); strings.Contains(rest, "EVIL") || strings.Contains(rest, "anything") {
				t.Errorf("%s shows owner text outside quotes: %s\n(unquoted: %s)", what, text, rest)
			}
		}
		if strings.Contains(f.Observed, "EVIL") {
			shown = true
		}
		if strings.Contains(f.Observed, "EVIL\n") || strings.Contains(f.Observed, "::x") {
			t.Errorf("Observed keeps the raw newline or '::': %q", f.Observed)
		}
		// Only human text is quoted: the sub-key keeps the raw value
		// (an escaped quote there would change the fingerprint).
		if strings.Contains(f.SubKey, `\"`) || strings.Contains(f.SubKey, `\n`) {
			t.Errorf("SubKey was escaped: %q", f.SubKey)
		}
	}
	return shown
}

// Paths checkCases does not take: owners counted through roles and groups
// (role, group and member names), workspace owners, secrets in and missing
// schemas of named actions, an unknown tool with a domain, an owner who left.
func TestOwnerTextIsQuotedInObservedBeyondCheckCases(t *testing.T) {
	secret := "sk-" + "proj-" + "TESTONLYfake0123456789abcd"
	orgOwners := Params{"min_owners": IntValue(0), "max_owners": IntValue(1), "scope": StringValue("org")}
	for _, sc := range []struct {
		name string
		rule Rule
		snap func(*Snapshot)
	}{
		{"owner_count through roles and groups", Rule{CheckID: "owner_count", Params: orgOwners}, func(s *Snapshot) {
			s.OrgUsers = Loaded(
				OrgUser{ID: "u1", Email: "owner@example.com", Role: strPtr("owner")},
				OrgUser{ID: "u2", Name: "Role Holder", Role: strPtr("reader")},
			)
			s.OrgUserRoles = Loaded(UserRoleAssignment{UserID: "u2", Role: customRole("role_admin", "api.users.write")})
			s.OrgGroups = Loaded(group("g_owners", true, []Role{ownerRole()}, GroupMember{ID: "u7", Email: "member@example.com"}))
		}},
		{"owner_count of the workspace", Rule{CheckID: "owner_count", Params: Params{"min_owners": IntValue(0), "max_owners": IntValue(1), "scope": StringValue("workspace")}}, func(s *Snapshot) {
			s.WorkspaceUsers = Loaded(
				WorkspaceUser{ID: "w1", Email: "a@example.com", Role: "account-owner", Status: "active"},
				WorkspaceUser{ID: "w2", Name: "Bee", Role: "account-admin", Status: "active"},
			)
		}},
		{"dlp_gpt_instructions in named action schemas", Rule{CheckID: "dlp_gpt_instructions"}, func(s *Snapshot) {
			g := gpt("g-1")
			g.Config.Tools = []GPTTool{
				{Type: "custom_action", ActionDomain: "api.vendor.test", ActionOpenAPIRaw: "key: " + secret},
				{Type: "custom_action", ActionDomain: "hooks.vendor.test"},
			}
			withGPT(s, g)
		}},
		{"gpt_custom_actions unknown tool with a domain", Rule{CheckID: "gpt_custom_actions"}, func(s *Snapshot) {
			g := gpt("g-1")
			g.Config.Tools = []GPTTool{{Type: "mcp_connector", ActionDomain: "mcp.vendor.test"}}
			withGPT(s, g)
		}},
		{"gpt_orphaned owner not a member", Rule{CheckID: "gpt_orphaned"}, func(s *Snapshot) {
			withGPT(s, gpt("g-1"))
			s.WorkspaceUsers = Loaded[WorkspaceUser]()
		}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			snap := emptySnapshot()
			sc.snap(&snap)
			poisonOwnerText(reflect.ValueOf(&snap).Elem(), map[string]string{})
			rr := EvaluateRule(snap, sc.rule)
			if len(rr.Errors) > 0 || len(rr.Findings) == 0 {
				t.Fatalf("findings %+v errors %v", rr.Findings, rr.Errors)
			}
			if !assertOwnerTextQuoted(t, rr) {
				t.Errorf("no Observed names the hostile value: %+v", rr.Findings)
			}
		})
	}
}

// An ordinary name shows once, in plain quotes, in Observed and in the
// Message built from it (which escapes Observed again).
func TestOrdinaryOwnerTextQuotedOnce(t *testing.T) {
	snap := emptySnapshot()
	g := gpt("g-1")
	g.Config.Files = []string{"Press kit.pem"}
	withGPT(&snap, g)
	rr := EvaluateRule(snap, Rule{CheckID: "dlp_gpt_file", Params: Params{"patterns": ListValue("*.pem")}})
	if len(rr.Findings) != 1 {
		t.Fatalf("findings %+v errors %v", rr.Findings, rr.Errors)
	}
	f := rr.Findings[0]
	if want := `file "Press kit.pem" matches pattern "*.pem"`; f.Observed != want {
		t.Errorf("Observed = %q, want %q", f.Observed, want)
	}
	if want := `gpt "HR Helper" (g-1): observed file "Press kit.pem" matches pattern "*.pem"; allowed`; !strings.HasPrefix(f.Message(), want) {
		t.Errorf("Message = %q, want prefix %q", f.Message(), want)
	}
	// The sub-key (and so the fingerprint) keeps the raw name.
	if f.SubKey != "file:Press kit.pem" {
		t.Errorf("SubKey = %q, want the raw name", f.SubKey)
	}
}
