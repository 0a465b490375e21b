package snapshot

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/extract"
	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// Red-team tests through the whole chain (issue 11): the simulator serves an
// uploader's file through the 307, the loader downloads and extracts it, the
// check judges it. The safe behaviour: a finding names the file (a secret
// rule, or "not scanned"). No finding for it is the attack winning.

// rtAWSKey is gitleaks' aws-access-token format, obviously fake.
const rtAWSKey = "AKIA" + "TESTONLYFAKEKEY2"

func rtDecoyDOCX() []byte {
	return (openaisim.ZipArchive(map[string]string{
		"[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/main.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/main.xml"/></Relationships>`,
		"word/main.xml":       `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>aws_access_key_id = ` + rtAWSKey + `</w:t></w:r></w:p></w:body></w:document>`,
		"word/document.xml":   `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Vendor notes</w:t></w:r></w:p></w:body></w:document>`,
	}))
}

// rtGPTFileFindings adds one file to the sample org's first GPT and returns
// the dlp_gpt_file_content findings that name it. The simulator's fixture
// is cloned through JSON (binary content would be mangled), so when raw is
// set a proxy in front of the API answers that file's endpoint with a 307 to
// a second loopback host serving raw, and passes everything else through.
func rtGPTFileFindings(t *testing.T, f openaisim.File, raw []byte) []string {
	t.Helper()
	fx := openaisim.SampleOrg()
	g := &fx.Workspace.GPTs[0]
	g.Configs[0].Files = append(g.Configs[0].Files, f)
	sim, err := openaisim.New(fx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	base := sim.ComplianceBaseURL()
	if raw != nil {
		dl := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Authorization") != "" {
				t.Errorf("download host got a key")
			}
			_, _ = w.Write(raw)
		}))
		t.Cleanup(dl.Close)
		target, _ := url.Parse(base)
		proxy := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: target.Scheme, Host: target.Host})
		front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/gpt_files/"+f.ID) {
				w.Header().Set("Location", dl.URL+"/"+f.ID)
				w.WriteHeader(http.StatusTemporaryRedirect)
				return
			}
			proxy.ServeHTTP(w, r)
		}))
		t.Cleanup(front.Close)
		base = front.URL + target.Path
	}
	client, err := openai.NewClient(openai.Config{
		ComplianceAPIKey: openaisim.ComplianceKey, ComplianceBaseURL: base,
		WorkspaceID: sim.WorkspaceID(), ComplianceRequestsPerMinute: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	rules := []posture.Rule{{CheckID: "dlp_gpt_file_content"}}
	snap := New(client).PostureSnapshot(context.Background(), rules, time.Now())
	res := posture.Evaluate(snap, rules)
	var out []string
	for _, r := range res.Rules {
		for _, e := range r.Errors {
			t.Fatalf("check error: %v", e)
		}
		for _, fd := range r.Findings {
			if strings.Contains(fd.SubKey, f.ID) {
				out = append(out, fd.Observed)
			}
		}
	}
	return out
}

func TestRedTeamEndToEndPlantedFilesPassClean(t *testing.T) {
	utf32 := []byte{0xFF, 0xFE, 0x00, 0x00}
	for _, r := range "aws_access_key_id = " + rtAWSKey + "\n" {
		utf32 = append(utf32, byte(r), byte(r>>8), byte(r>>16), byte(r>>24))
	}
	for name, c := range map[string]struct {
		f   openaisim.File
		raw []byte
	}{
		"docx main part by relationship": {openaisim.File{ID: "file-RTDecoy", Name: "vendor.docx", Format: "text", Content: "x"}, rtDecoyDOCX()},
		"gitleaks:allow on the line":     {openaisim.File{ID: "file-RTAllow", Name: "deploy.env", Format: "text", Content: "AWS_ACCESS_KEY_ID=" + rtAWSKey + " # gitleaks:allow\n"}, nil},
		"utf-32 text":                    {openaisim.File{ID: "file-RTUtf32", Name: "notes.txt", Format: "text", Content: "x"}, utf32},
		"pdf lines placed with Td": {openaisim.File{ID: "file-RTPdfTd", Name: "creds.pdf", Format: "text", Content: "x"},
			rtPDF("BT /F1 12 Tf 72 712 Td (Production credentials) Tj 0 -14 Td ("+rtAWSKey+") Tj 0 -14 Td (Rotate quarterly) Tj ET", "")},
		"pdf text in a form xobject": {openaisim.File{ID: "file-RTPdfForm", Name: "stamped.pdf", Format: "text", Content: "x"},
			rtPDF("BT /F1 12 Tf 72 712 Td (Cover page) Tj ET q /Fm1 Do Q", "aws_access_key_id = "+rtAWSKey)},
	} {
		t.Run(name, func(t *testing.T) {
			got := rtGPTFileFindings(t, c.f, c.raw)
			t.Logf("findings: %q", got)
			if len(got) == 0 {
				t.Fatalf("file %s (%s) holds an AWS key and yields no finding: a clean pass", c.f.ID, c.f.Name)
			}
		})
	}
}

// Held: the same key in a plain DOCX is found end to end (control).
func TestRedTeamEndToEndControlFound(t *testing.T) {
	got := rtGPTFileFindings(t, openaisim.File{ID: "file-RTPlain", Name: "plain.docx", Format: "docx", Content: "aws_access_key_id = " + rtAWSKey}, nil)
	if len(got) == 0 || !strings.Contains(strings.Join(got, " "), "aws-access-token") {
		t.Fatalf("control: plain docx not found: %v", got)
	}
	// The same through the proxy's raw download path.
	got = rtGPTFileFindings(t, openaisim.File{ID: "file-RTRawControl", Name: "plain.docx", Format: "text", Content: "x"}, openaisim.FileBytes("docx", "aws_access_key_id = "+rtAWSKey))
	if len(got) == 0 || !strings.Contains(strings.Join(got, " "), "aws-access-token") {
		t.Fatalf("control: plain docx through the raw proxy not found: %v", got)
	}
	got = rtGPTFileFindings(t, openaisim.File{ID: "file-RTPdfControl", Name: "plain.pdf", Format: "text", Content: "x"}, rtPDF("BT /F1 12 Tf 72 712 Td (aws_access_key_id = "+rtAWSKey+") Tj ET", ""))
	if len(got) == 0 || !strings.Contains(strings.Join(got, " "), "aws-access-token") {
		t.Fatalf("control: one-line PDF through the raw proxy not found: %v", got)
	}
}

// rtMapCache is a verdict cache in memory; the loader judges files in
// parallel, so it is safe for concurrent use like the real caches.
type rtMapCache struct {
	mu sync.Mutex
	m  map[string]CachedVerdict
}

func newRTMapCache() *rtMapCache { return &rtMapCache{m: map[string]CachedVerdict{}} }

func (c *rtMapCache) Get(f, s string) (CachedVerdict, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[f+"|"+s]
	return v, ok
}

func (c *rtMapCache) Put(f, s string, v CachedVerdict) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[f+"|"+s] = v
}

// A clean verdict was kept with no record of the text extraction that
// produced it (only "not scanned" verdicts carried Reader), and the
// selection key names the detectors, not the extractor: when the extractor
// learned to read what it missed, every file it had judged clean kept its
// clean verdict for ever. Fixed: every kept verdict carries the reader
// (extract.Version) and only the current reader's verdicts are reused.
func TestRedTeamCleanVerdictOutlivesExtractorChange(t *testing.T) {
	sel := posture.ContentSelection{Detectors: posture.ContentDetectorNames()}
	cache := newRTMapCache()
	l := &Loader{opts: Options{VerdictCache: cache}}
	var f posture.ScannedFile
	if !l.keepVerdicts(&f, "gpt/file-1", []posture.ContentSelection{sel}, "nothing here") {
		t.Fatal("control: verdict not kept")
	}
	key := "gpt/file-1|" + sel.Key()
	kept := cache.m[key]
	if kept.Reader != contentReader || !strings.Contains(contentReader, "extract/"+extract.Version+" ") {
		t.Fatalf("a clean verdict was kept with reader %q, not the current one %q (extract.Version %q)", kept.Reader, contentReader, extract.Version)
	}
	var g posture.ScannedFile
	if !l.reuseVerdicts(&g, "gpt/file-1", []posture.ContentSelection{sel}, openai.DefaultMaxFileBytes) {
		t.Fatal("control: the current reader's clean verdict is not reused")
	}
	for _, v := range []CachedVerdict{
		{Reader: "extract/v0 (older, missed PPTX comments)"}, // clean, older reader
		{}, // clean, kept before verdicts named their reader
		{NotScanned: "pdf: corrupt", Reader: "extract/v0"},                                 // unreadable to an older reader
		{NotScanned: "larger than the size cap", OverCapBytes: openai.DefaultMaxFileBytes}, // over cap, no reader
	} {
		cache.m[key] = v
		var g posture.ScannedFile
		if l.reuseVerdicts(&g, "gpt/file-1", []posture.ContentSelection{sel}, openai.DefaultMaxFileBytes) {
			t.Errorf("a verdict of another text extraction (%+v) is reused; the current one (%q) never reads the file again", v, contentReader)
		}
	}
}

// rtPDF is a one-page PDF showing page; with form set, the page's resources
// hold /Fm1, a Form XObject showing form.
func rtPDF(page, form string) []byte {
	stream := func(dict, data string) string {
		return fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), dict, data)
	}
	xobj := ""
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"",
		stream("", page),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	if form != "" {
		xobj = " /XObject << /Fm1 6 0 R >>"
		objs = append(objs, stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>", "BT /F1 12 Tf 72 600 Td ("+form+") Tj ET"))
	}
	objs[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >>" + xobj + " >> >>"
	return openaisim.PDFFromObjects(objs...)
}

// An extraction that ran out of time depends on the machine's load, not only
// on the file, yet it was kept as a lasting "not scanned" verdict (it is an
// extract.NotScannedError): the file was never read again while the reader
// was unchanged, even on an idle machine. Fixed: it is transient, never kept.
func TestRedTeamExtractionTimeoutKeptAsLasting(t *testing.T) {
	_, err := extract.Text("slow.pdf", []byte("%PDF-1.4\n"), extract.Limits{Timeout: time.Nanosecond})
	if err == nil || !strings.Contains(err.Error(), "timeout") {
		t.Skipf("could not produce an extraction timeout: %v", err)
	}
	if _, kept := lastingNotScanned(err, notScannedReason(err), openai.DefaultMaxFileBytes); kept {
		t.Fatalf("extraction timeout %q is kept as a lasting verdict", err)
	}
}

// Held: one loader and one verdict cache serving two rules in turn (two
// posture_check resources of one plan), the second with another selection
// (custom patterns only). The first rule's verdicts, and the text not held
// after them, must not make the second judge empty text.
func TestRedTeamSecondSelectionOnSameLoaderHeld(t *testing.T) {
	sim, err := openaisim.New(openaisim.SampleOrg())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	client, err := openai.NewClient(openai.Config{
		ComplianceAPIKey: openaisim.ComplianceKey, ComplianceBaseURL: sim.ComplianceBaseURL(),
		WorkspaceID: sim.WorkspaceID(), ComplianceRequestsPerMinute: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	l := NewWithOptions(client, Options{VerdictCache: newRTMapCache()})
	first := []posture.Rule{{CheckID: "dlp_gpt_file_content"}}
	res := posture.Evaluate(l.PostureSnapshot(context.Background(), first, time.Now()), first)
	if len(contentFindings(res)) == 0 {
		t.Fatal("control: the default selection finds the sample's planted key")
	}
	second := []posture.Rule{{CheckID: "dlp_gpt_file_content", Params: posture.Params{
		"detectors": posture.ListValue(), "custom_patterns": posture.ListValue(`TESTONLY\w+`),
	}}}
	res = posture.Evaluate(l.PostureSnapshot(context.Background(), second, time.Now()), second)
	if !strings.Contains(strings.Join(contentFindings(res), "\n"), "custom:1") {
		t.Fatalf("the second selection judged nothing: %v", contentFindings(res))
	}
}
