package conformance

import (
	"net/http"
	"strings"
)

// downloadPath is where the file endpoints redirect: the same test server,
// serving clean text, so the DLP content checks pass on the baseline and
// each variant shows the effect of its file listing alone.
const downloadPath = "/download/clean.txt"

// serveFileContent answers the Compliance file content endpoints (C1: 307 to
// the download URL) and the download itself; false for any other path.
func serveFileContent(rw http.ResponseWriter, r *http.Request, path string) bool {
	switch {
	case r.URL.Path == downloadPath:
		if r.Header.Get("Authorization") != "" {
			http.Error(rw, "credentials are not accepted by the download host", http.StatusForbidden)
			return true
		}
		_, _ = rw.Write([]byte("Handbook: be kind, write tests.\n"))
		return true
	case strings.Contains(path, "/gpt_files/"), strings.Contains(path, "/project_files/"),
		strings.Contains(path, "/users/") && strings.Contains(path, "/files/"):
		rw.Header().Set("Location", downloadPath+"?sig=conformance")
		rw.WriteHeader(http.StatusTemporaryRedirect)
		return true
	}
	return false
}
