package openai

import (
	"bytes"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// A body without Content-Length, delimited by the connection closing, reads
// without error even when the host cut it: only a declared length that the
// bytes read match proves the download whole (Download.LengthVerified).
func TestDownloadLengthVerifiedOnlyWithContentLength(t *testing.T) {
	content := "line one\nline two with some words\nline three\n"
	fx := openaisim.SampleOrg()
	g := &fx.Workspace.GPTs[0].Configs[0]
	g.Files = append(g.Files, openaisim.File{ID: "file-len", Name: "notes.txt", Format: "text", Content: content})
	sim, err := openaisim.New(fx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	c, err := NewClient(Config{ComplianceAPIKey: openaisim.ComplianceKey, ComplianceBaseURL: sim.ComplianceBaseURL(),
		WorkspaceID: sim.WorkspaceID(), ComplianceRequestsPerMinute: -1})
	if err != nil {
		t.Fatal(err)
	}
	want := openaisim.FileBytes("text", content)
	for _, tc := range []struct {
		name     string
		framing  openaisim.DownloadFraming
		body     []byte
		verified bool
	}{
		{"content-length", openaisim.DownloadFraming{}, want, true},
		{"no length, whole", openaisim.DownloadFraming{OmitLength: true}, want, false},
		{"no length, cut", openaisim.DownloadFraming{OmitLength: true, CutAfter: 12}, want[:12], false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sim.SetDownloadFraming(tc.framing)
			d, err := c.DownloadGPTFileChecked(testCtx(t), "file-len", FileLimits{})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(d.Data, tc.body) {
				t.Fatalf("body %q; want %q", d.Data, tc.body)
			}
			if d.LengthVerified != tc.verified {
				t.Fatalf("LengthVerified = %v; want %v", d.LengthVerified, tc.verified)
			}
		})
	}
}
