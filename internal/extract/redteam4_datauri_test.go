package extract

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"
)

// Red-team round 4: data: URIs in HTML. Each asserts the safe behaviour;
// an attack that succeeds skips with "REDTEAM4 FAIL" unless REDTEAM_RUN=1.

// A data: URI typed as a picture is skipped on its first bytes alone
// (isImageData): a JPEG's three-byte magic, "ftyp" at offset 4 (any four
// bytes before it), an icon header whose directory "fits". Text placed
// after such a header is never read, where an Office member with a weak
// signature is read whole and checked by structure and its printable runs
// are scanned.
func TestRedTeam4DataURIImageMagicThenText(t *testing.T) {
	secret := "\nconfidential: " + rtMarker + "\n"
	var hidden []string
	for name, c := range map[string]struct{ mediaType, head string }{
		"jpeg magic":          {"image/jpeg", "\xff\xd8\xff"},
		"ftyp at offset 4":    {"image/avif", "zzzzftypavif"},
		"icon, one directory": {"image/x-icon", "\x00\x00\x01\x00\x01\x00" + strings.Repeat("\x00", 16)},
	} {
		uri := "data:" + c.mediaType + ";base64," + base64.StdEncoding.EncodeToString([]byte(c.head+secret+strings.Repeat("notes ", 10)))
		doc := `<!doctype html><html><body><p>Logo</p><img src="` + uri + `"></body></html>`
		res, err := Text("page.html", []byte(doc), Limits{})
		var ns *NotScannedError
		if errors.As(err, &ns) || err == nil && strings.Contains(res.Text, rtMarker) {
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		hidden = append(hidden, name)
	}
	if len(hidden) > 0 {
		msg := "text after a picture's magic in an image data: URI passes clean: " + strings.Join(hidden, "; ") +
			" (fix: in readURIs, for an image skipped by isImageData, write its printableRuns (minHeldRun) to the text as office_media_weak does; or check structure like weakMediaValid)"
		t.Fatal(msg)
	}
}

// data: URIs nested far deeper than maxNestedDepth (each page holding the
// next as a text/html data: URI): bounded, no panic, fast, and the
// innermost text is either read or the page refused.
func TestRedTeam4DataURINestedDeep(t *testing.T) {
	page := "<p>" + rtMarker + "</p>"
	for i := 0; i < 12; i++ {
		page = `<html><body><p>level</p><iframe src="data:text/html;base64,` + base64.StdEncoding.EncodeToString([]byte(page)) + `"></iframe></body></html>`
	}
	start := time.Now()
	res, err := Text("page.html", []byte(page), Limits{})
	if d := time.Since(start); d > 4*time.Second*timeScale {
		t.Fatalf("nested data: URIs took %v", d)
	}
	var ns *NotScannedError
	if !errors.As(err, &ns) && (err != nil || !strings.Contains(res.Text, rtMarker)) {
		t.Fatalf("innermost text neither read nor refused: %v", err)
	}
}

// Many small data: URIs in one 4 MiB page (text and image ones): linear,
// and the marker in the last one is read (or the page refused).
func TestRedTeam4DataURIManySmallLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><body>")
	one := `<a href="data:text/plain,hello%20world">x</a><img src="data:image/png;base64,iVBORw0KGgo=">`
	for b.Len() < 4<<20 {
		b.WriteString(one)
	}
	b.WriteString(`<iframe src="data:text/plain;base64,` + base64.StdEncoding.EncodeToString([]byte(rtMarker)) + `"></iframe></body></html>`)
	start := time.Now()
	res, err := Text("page.html", []byte(b.String()), Limits{})
	if d := time.Since(start); d > 4*time.Second*timeScale {
		t.Fatalf("%d data: URIs took %v", b.Len()/len(one), d)
	}
	var ns *NotScannedError
	if !errors.As(err, &ns) && (err != nil || !strings.Contains(res.Text, rtMarker)) {
		t.Fatalf("last URI neither read nor refused: %v", err)
	}
}
