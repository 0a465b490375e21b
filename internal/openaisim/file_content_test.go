package openaisim

import (
	"net/http"
	"strings"
	"testing"
)

var fileContentEndpoints = map[string]bool{
	EndpointComplianceGPTFile: true, EndpointComplianceProjectFile: true, EndpointComplianceUserFile: true,
}

// noRedirects does not follow the 307, so the test sees it.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func fileURL(s *Server, key string) string {
	path := strings.TrimPrefix(key, "GET ")
	path = strings.ReplaceAll(path, "{workspace_id}", s.WorkspaceID())
	switch key {
	case EndpointComplianceGPTFile:
		path = strings.ReplaceAll(path, "{file_id}", "file-SimVendorNotes")
	case EndpointComplianceProjectFile:
		path = strings.ReplaceAll(path, "{file_id}", "file-SimPayrollExport")
	case EndpointComplianceUserFile:
		path = strings.ReplaceAll(strings.ReplaceAll(path, "{user_id}", "user-ws-erin"), "{file_id}", "file-SimDebugNotes") + "?conversation_id=0c9b1d2e-0000-4000-8000-0000000ac001"
	}
	return s.ComplianceBaseURL() + path
}

func get(t *testing.T, c *http.Client, url, key string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	r, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	return r
}

// checkFileRedirect: the API answers 307 with a Location on another origin,
// which serves the content without a key and refuses it with one.
func checkFileRedirect(t *testing.T, s *Server, key string) {
	t.Helper()
	r := get(t, noRedirects, fileURL(s, key), ComplianceKey)
	loc := r.Header.Get("Location")
	if r.StatusCode != http.StatusTemporaryRedirect || loc == "" || strings.HasPrefix(loc, s.ComplianceBaseURL()) {
		t.Fatalf("%s: %d Location %q", key, r.StatusCode, loc)
	}
	if r := get(t, noRedirects, loc, ""); r.StatusCode != http.StatusOK {
		t.Fatalf("download without a key: %d", r.StatusCode)
	}
	before := s.DownloadAuthViolations()
	if r := get(t, noRedirects, loc, ComplianceKey); r.StatusCode != http.StatusForbidden || s.DownloadAuthViolations() != before+1 {
		t.Fatalf("download with a key: %d, violations %d", r.StatusCode, s.DownloadAuthViolations())
	}
}

func TestFileContentRedirects(t *testing.T) {
	s := newSim(t, SampleOrg())
	for key := range fileContentEndpoints {
		checkFileRedirect(t, s, key)
	}
	base := s.ComplianceBaseURL() + "/compliance/workspaces/" + s.WorkspaceID()
	for path, want := range map[string]int{
		"/gpt_files/file-SimOldExport":                                       http.StatusGone,
		"/gpt_files/file-nope":                                               http.StatusNotFound,
		"/project_files/file-SimVendorNotes":                                 http.StatusNotFound, // a GPT file is not a project file
		"/users/user-ws-dan/files/file-SimDebugNotes":                        http.StatusNotFound, // not this user's file
		"/gpt_files/file-SimHugeDump":                                        http.StatusTemporaryRedirect,
		"/users/user-ws-erin/files/file-SimDebugNotes?x=1":                   http.StatusTemporaryRedirect,
		"/users/user-ws-erin/files/file-SimDebugNotes?conversation_id=other": http.StatusNotFound,
	} {
		if r := get(t, noRedirects, base+path, ComplianceKey); r.StatusCode != want {
			t.Errorf("%s: %d, want %d", path, r.StatusCode, want)
		}
	}
	if r := get(t, noRedirects, base+"/gpt_files/file-SimVendorNotes", ""); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("file endpoint without a key: %d", r.StatusCode)
	}
}

func TestRenderedFormats(t *testing.T) {
	for _, f := range []string{"docx", "xlsx", "pptx", "pdf", "pdf_encrypted", "binary", ""} {
		if b := renderFileContent(File{Content: "hello", Format: f}); len(b) == 0 {
			t.Errorf("%s: empty", f)
		}
	}
}

func TestMemoriesSince(t *testing.T) {
	s := newSim(t, SampleOrg())
	base := s.ComplianceBaseURL() + "/compliance/workspaces/" + s.WorkspaceID() + "/memories"
	all := doGet(t, base, ComplianceKey)
	if all.status != 200 || len(all.body["data"].([]any)) != 2 {
		t.Fatalf("%d %s", all.status, all.raw)
	}
	future := doGet(t, base+"?since_timestamp=99999999999", ComplianceKey)
	if future.status != 200 || len(future.body["data"].([]any)) != 0 {
		t.Fatalf("since filter: %s", future.raw)
	}
}
