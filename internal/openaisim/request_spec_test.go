package openaisim

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// Request validation: every request the provider's client sends must be one the specs
// declare. The simulator itself is lenient (it accepts `x` and `x[]` for arrays and
// ignores unknown parameters, because the specs do not say the live API refuses them),
// so this test is what catches a client asking for something the API does not have:
// a path or method not in the spec, a query parameter the operation does not declare
// (e.g. `since` for `since_timestamp`), or a value outside a declared type or enum.

// recordedRequest is one request the simulator saw.
type recordedRequest struct {
	key    string // endpoint key, "" when no simulator endpoint matched
	method string
	url    *url.URL
}

// requestRecorder is a RequestObserver that keeps every request.
type requestRecorder struct {
	mu   sync.Mutex
	reqs []recordedRequest
}

func (r *requestRecorder) observe(key string, req *http.Request) {
	u := *req.URL
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reqs = append(r.reqs, recordedRequest{key: key, method: req.Method, url: &u})
}

func (r *requestRecorder) all() []recordedRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recordedRequest(nil), r.reqs...)
}

// validateAgainstSpec checks one recorded request against the spec of its API and
// returns every problem found.
func validateAgainstSpec(rr recordedRequest) []string {
	if rr.key == "" {
		return []string{fmt.Sprintf("%s %s: no such endpoint", rr.method, rr.url.Path)}
	}
	tmpl := strings.TrimPrefix(rr.key, "GET ")
	doc := adminDoc
	if strings.HasPrefix(tmpl, "/compliance/") {
		doc = complDoc
	}
	item := doc.Paths.Find(tmpl)
	if item == nil {
		return []string{fmt.Sprintf("%s: path %s is not in the spec", rr.url, tmpl)}
	}
	op := item.GetOperation(rr.method)
	if op == nil {
		return []string{fmt.Sprintf("%s: spec has no %s %s", rr.url, rr.method, tmpl)}
	}
	var problems []string
	declared := declaredQueryParams(item, op)
	for name := range rr.url.Query() {
		if !declared[queryParamBase(name, declared)] {
			problems = append(problems, fmt.Sprintf("%s %s: query parameter %q is not declared (declared: %s)",
				rr.method, tmpl, name, strings.Join(sortedNames(declared), ", ")))
		}
	}
	problems = append(problems, describedRangeProblems(item, op, rr.url.Query())...)
	req, err := http.NewRequest(rr.method, "http://sim.invalid"+rr.url.RequestURI(), nil)
	if err != nil {
		return append(problems, err.Error())
	}
	in := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: pathParams(tmpl, strings.TrimPrefix(rr.url.Path, "/v1")),
		Route:      &routers.Route{Spec: doc, Path: tmpl, PathItem: item, Method: rr.method, Operation: op},
		Options: &openapi3filter.Options{
			ExcludeRequestBody: true, MultiError: true, SkipSettingDefaults: true,
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
		},
	}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		problems = append(problems, fmt.Sprintf("%s: %v", rr.url.RequestURI(), err))
	}
	return problems
}

// Ranges the specs state only in prose: "Limit can range between 1 and 100" (Admin),
// "The maximum number of conversations that can be returned is 500" (Compliance).
var (
	rangeInProse   = regexp.MustCompile(`(?i)range between (\d+) and (\d+)`)
	maximumInProse = regexp.MustCompile(`(?i)maximum number of [a-z ]+ that can be returned is (\d+)`)
)

// describedRangeProblems checks integer query values against a range stated in the
// parameter's description (the schemas carry no minimum/maximum for these).
func describedRangeProblems(item *openapi3.PathItem, op *openapi3.Operation, q url.Values) []string {
	var out []string
	for _, ps := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, p := range ps {
			if p.Value == nil || p.Value.In != openapi3.ParameterInQuery || q.Get(p.Value.Name) == "" {
				continue
			}
			lo, hi := -1, -1
			if m := rangeInProse.FindStringSubmatch(p.Value.Description); m != nil {
				lo, _ = strconv.Atoi(m[1])
				hi, _ = strconv.Atoi(m[2])
			} else if m := maximumInProse.FindStringSubmatch(p.Value.Description); m != nil {
				lo = 1
				hi, _ = strconv.Atoi(m[1])
			}
			if lo < 0 {
				continue
			}
			v, err := strconv.Atoi(q.Get(p.Value.Name))
			if err != nil || v < lo || v > hi {
				out = append(out, fmt.Sprintf("%s=%s is outside the range %d..%d the spec describes", p.Value.Name, q.Get(p.Value.Name), lo, hi))
			}
		}
	}
	return out
}

// declaredQueryParams are the query parameter names of an operation (and its path item).
func declaredQueryParams(item *openapi3.PathItem, op *openapi3.Operation) map[string]bool {
	out := map[string]bool{}
	for _, ps := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, p := range ps {
			if p.Value != nil && p.Value.In == openapi3.ParameterInQuery {
				out[p.Value.Name] = true
			}
		}
	}
	return out
}

// queryParamBase maps `name[key]` to `name` when `name` is a declared parameter (an
// object parameter such as audit logs' effective_at, sent as effective_at[gte]=… by
// every SDK); other names are returned as they are, brackets included (`event_types[]`
// is the declared name itself).
func queryParamBase(name string, declared map[string]bool) string {
	if declared[name] {
		return name
	}
	if i := strings.IndexByte(name, '['); i > 0 && strings.HasSuffix(name, "]") && name[i:] != "[]" && declared[name[:i]] {
		return name[:i]
	}
	return name
}

// pathParams extracts the {name} segments of tmpl from path.
func pathParams(tmpl, path string) map[string]string {
	out := map[string]string{}
	ts, ps := strings.Split(strings.Trim(tmpl, "/"), "/"), strings.Split(strings.Trim(path, "/"), "/")
	for i := range ts {
		if i < len(ps) && strings.HasPrefix(ts[i], "{") {
			out[strings.Trim(ts[i], "{}")] = ps[i]
		}
	}
	return out
}

func sortedNames(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// crawl runs everything the provider reads (a posture snapshot for every check of the
// catalog, the audit-log probe, a single GPT and its shared users) against s with the
// real client.
func crawl(t *testing.T, s *Server) {
	t.Helper()
	client, err := openai.NewClient(openai.Config{
		AdminAPIKey: AdminKey, AdminBaseURL: s.AdminBaseURL(),
		ComplianceAPIKey: ComplianceKey, ComplianceBaseURL: s.ComplianceBaseURL(),
		WorkspaceID: s.WorkspaceID(), AdminRequestsPerMinute: -1, ComplianceRequestsPerMinute: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	var rules []posture.Rule
	for _, c := range posture.Catalog() {
		rules = append(rules, posture.Rule{CheckID: c.ID})
	}
	ctx := context.Background()
	l := snapshot.New(client)
	_ = l.PostureSnapshot(ctx, rules, time.Now())
	_, _ = l.AuditLogProbe(ctx)
	_, _ = l.GPT(ctx, "g-SimActionNoAuth")
	// openai_gpt reads a GPT's shared users; the snapshot reads them only for
	// GPTs whose sharing.recipients is not whole, which the simulator never sends.
	_, _ = l.GPTSharedUsers(ctx, "g-SimActionNoAuth")
}

func TestClientRequestsMatchTheSpecs(t *testing.T) {
	loadSpecs(t)
	rec := &requestRecorder{}
	// The sample org (every check has data), then a large org (multi-page walks, so the
	// `after` cursors are validated too) with the compliance limit cap on (so a client's
	// fall-back requests are validated as well).
	crawl(t, newSim(t, SampleOrg(), WithRequestObserver(rec.observe)))
	crawl(t, newSim(t, bigOrg(), WithRequestObserver(rec.observe), WithComplianceLimitCap(20)))
	reqs := rec.all()
	seen, params := map[string]bool{}, map[string]bool{}
	for _, rr := range reqs {
		seen[rr.key] = true
		for name := range rr.url.Query() {
			params[name] = true
		}
		for _, p := range validateAgainstSpec(rr) {
			t.Error(p)
		}
	}
	// The crawl must reach the endpoints the checks read, and page, or it proves little.
	if !params["after"] {
		t.Error("no request paged with after")
	}
	for _, key := range []string{EndpointAdminUsers, EndpointAdminProjectAPIKeys, EndpointAdminAuditLogs,
		EndpointComplianceGPTs, EndpointComplianceGPTSharedUsers, EndpointComplianceConversations} {
		if !seen[key] {
			t.Errorf("the crawl never requested %s", key)
		}
	}
	t.Logf("validated %d requests over %d endpoints; query parameters used: %s", len(reqs), len(seen), strings.Join(sortedNames(params), ", "))
}

// TestRequestValidationCatchesDrift is the negative control: undeclared parameters,
// values outside an enum and unknown paths must be reported.
func TestRequestValidationCatchesDrift(t *testing.T) {
	loadSpecs(t)
	rec := &requestRecorder{}
	s := newSim(t, SampleOrg(), WithRequestObserver(rec.observe))
	ws := "/compliance/workspaces/" + s.WorkspaceID()
	bad := map[string]string{
		s.AdminBaseURL() + "/organization/audit_logs?since=1":                                          "not declared",
		s.AdminBaseURL() + "/organization/audit_logs?event_types[]=not.a.type":                         "event_types",
		s.AdminBaseURL() + "/organization/projects/proj_sim_default/api_keys?owner_project_access=all": "owner_project_access",
		s.ComplianceBaseURL() + ws + "/conversations?since=5":                                          "not declared",
		s.ComplianceBaseURL() + ws + "/gpts?file_format=pdf":                                           "file_format",
		s.AdminBaseURL() + "/organization/nope":                                                        "no such endpoint",
		s.AdminBaseURL() + "/organization/users?limit=101":                                             "outside the range 1..100",
		s.ComplianceBaseURL() + ws + "/conversations?limit=501":                                        "outside the range 1..500",
	}
	for u := range bad {
		doGet(t, u, AdminKey)
	}
	good := []string{
		s.AdminBaseURL() + "/organization/audit_logs?effective_at[gte]=1&event_types[]=scim.disabled&tenant_only=false&limit=100&after=x",
		s.ComplianceBaseURL() + ws + "/conversations?since_timestamp=5&limit=500&file_format=id",
	}
	for _, u := range good {
		doGet(t, u, ComplianceKey)
	}
	for _, rr := range rec.all() {
		problems := strings.Join(validateAgainstSpec(rr), "; ")
		full := rr.url.String()
		var want string
		for u, w := range bad {
			if strings.HasSuffix(u, rr.url.RequestURI()) {
				want = w
			}
		}
		switch {
		case want == "" && problems != "":
			t.Errorf("valid request %s reported: %s", full, problems)
		case want != "" && !strings.Contains(problems, want):
			t.Errorf("%s: problems %q, want one mentioning %q", full, problems, want)
		}
	}
}
