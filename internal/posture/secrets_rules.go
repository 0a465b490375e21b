package posture

// The secret engine is gitleaks' default rule set used as a library, plus
// the few rules below, added to the same gitleaks configuration (one engine,
// one finding per value, rule ids in gitleaks' style). A rule is added here
// only for a format the default set demonstrably misses and that a DLP check
// must catch; TestExtraSecretRulesCatchWhatDefaultsMiss shows the miss and
// the catch for each, and TestDefaultSecretRulesCoverRetiredPatterns shows
// that every hand-written pattern this file once held, other than these, is
// covered by a default rule.

// secretEngineVersion changes whenever the secret rules do (the gitleaks
// release, or the extra rules below), so a verdict computed by an older
// engine is never mistaken for a current one.
const secretEngineVersion = "gitleaks " + gitleaksRelease + "; extra rules v1; engine v2 (chunked, bounded, decode depth 5, gitleaks:allow ignored, global allowlist anchored, format characters and JSON escapes undone); engine v3 (default-ignorable code points stripped, key blocks across chunks rescanned)"

// gitleaksRelease is the gitleaks module go.mod requires (checked by
// TestSecretEngineVersionNamesTheRequiredGitleaks), named in check texts.
const gitleaksRelease = "v8.30.1"

// Ids of the extra rules.
const (
	ruleOpenAIPrefixedKey     = "openai-prefixed-api-key"
	ruleAuthorizationBearer   = "authorization-bearer-token"
	ruleConnectionStringCreds = "connection-string-password"
)

// extraSecretRulesTOML is appended to gitleaks' default configuration.
//
//   - openai-prefixed-api-key: gitleaks' openai-api-key requires the
//     "T3BlbkFJ" marker at a fixed offset (58 or 74 characters after
//     sk-proj-/sk-svcacct-/sk-admin-, or 20 after a bare sk-). OpenAI does not
//     document its key format: keys of other lengths (the shorter project
//     keys of 2024), sk-None- keys, and any future length are missed. A GPT
//     builder pasting the org's own OpenAI key is the leak this check exists
//     for, so any long, high-entropy value after a documented OpenAI key
//     prefix is reported.
//   - authorization-bearer-token: gitleaks finds bearer tokens only in a curl
//     command line (curl-auth-header); an action schema or instructions
//     saying `Authorization: Bearer <token>` (the usual way an action's
//     credential ends up in a GPT) is missed. Entropy keeps prose ("Bearer
//     token required") and placeholders out.
//   - connection-string-password: gitleaks has no rule for a password inside
//     a URI's userinfo (postgres://user:password@host), the usual form of a
//     database or broker credential. Placeholders (${VAR}, <password>) and
//     low-entropy words are not reported.
const extraSecretRulesTOML = `
[[rules]]
id = "openai-prefixed-api-key"
description = "OpenAI API key by its documented prefix (sk-proj-, sk-admin-, sk-svcacct-, sk-None-), whatever its length or marker."
regex = '''\b(sk-(?:proj|admin|svcacct|None)-[A-Za-z0-9_-]{20,300})'''
secretGroup = 1
entropy = 3.5
keywords = ["sk-proj-", "sk-admin-", "sk-svcacct-", "sk-none-"]

[[rules]]
id = "authorization-bearer-token"
description = "Bearer token of an HTTP Authorization header outside a curl command."
regex = '''(?i)\bbearer[ \t]+([A-Za-z0-9._~+/-]{20,500}=*)'''
secretGroup = 1
entropy = 3.5
keywords = ["bearer"]

[[rules]]
id = "connection-string-password"
description = "Password in the userinfo of a connection URI (postgres://user:password@host)."
regex = '''\b[A-Za-z][A-Za-z0-9+.-]{1,30}://[^\s:/@]{0,64}:([^\s:/@<>{}$]{8,128})@[A-Za-z0-9.-]+'''
secretGroup = 1
entropy = 3
keywords = ["://"]
`

// extraSecretRuleOrder ranks the extra rules when two of them find the same
// value (a bearer token that is an OpenAI key): the more specific wins.
var extraSecretRuleOrder = []string{ruleOpenAIPrefixedKey, ruleConnectionStringCreds, ruleAuthorizationBearer}

// SecretsAll, in a list of detectors, stands for every secret rule: in
// dlp_gpt_instructions' disabled_detectors it turns them all off, and in the
// content checks' detectors it runs them all.
const SecretsAll = DetectorSecrets

// retiredDetectorNames are the names of the hand-written detectors gitleaks
// replaced, with the rule ids that now cover what each found. They are not
// aliases: a rule naming one is rejected with this hint, so nobody keeps a
// configuration that silently means something else.
var retiredDetectorNames = map[string][]string{
	"openai_api_key":     {"openai-api-key", ruleOpenAIPrefixedKey},
	"aws_access_key_id":  {"aws-access-token"},
	"github_token":       {"github-pat", "github-fine-grained-pat", "github-oauth", "github-app-token", "github-refresh-token"},
	"slack_token":        {"slack-bot-token", "slack-user-token", "slack-app-token", "slack-legacy-bot-token", "slack-legacy-token", "slack-legacy-workspace-token", "slack-config-access-token", "slack-config-refresh-token"},
	"private_key":        {"private-key"},
	"bearer_token":       {ruleAuthorizationBearer},
	"generic_assignment": {"generic-api-key"},
	"gitleaks":           {SecretsAll},
}
