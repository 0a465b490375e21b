package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// strongFakeKey is an obviously fake OpenAI project key: what an uploader
// hides behind a media signature.
const strongFakeKey = "sk-proj-TESTONLY0fake0key0behind0a0media0signature0TESTONLY"

// mediaPptx is a PPTX whose slide relates to member (a picture), holding
// payload.
func mediaPptx(t testing.TB, member, payload string) []byte {
	t.Helper()
	return zipOf(t, map[string]string{
		"[Content_Types].xml":              `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/></Types>`,
		"_rels/.rels":                      fmt.Sprintf(rt2Rels, "ppt/presentation.xml"),
		"ppt/presentation.xml":             `<p:presentation xmlns:p="p"/>`,
		"ppt/slides/slide1.xml":            `<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>Cover</a:t></a:r></a:p></p:sld>`,
		"ppt/slides/_rels/slide1.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/image1.png"/></Relationships>`,
		member:                             payload,
	})
}

// strongSignatures are the media signatures isMediaBytes trusts, each as
// the first bytes of a member (control bytes included, so the member is
// not text). sized ones get the member's size patched in.
func strongSignatures() map[string]func(rest string) string {
	plain := func(prefix string) func(string) string {
		return func(rest string) string { return prefix + rest }
	}
	withSize := func(prefix string, at int) func(string) string {
		return func(rest string) string {
			b := []byte(prefix + rest)
			binary.LittleEndian.PutUint32(b[at:], uint32(len(b)))
			return string(b)
		}
	}
	sigs := map[string]func(string) string{
		"png":           plain("\x89PNG\r\n\x1a\n"),
		"jpeg":          plain("\xff\xd8\xff\xe0"),
		"gif87a":        plain("GIF87a\x01\x00"),
		"gif89a":        plain("GIF89a\x01\x00"),
		"tiff le":       plain("II*\x00"),
		"tiff be":       plain("MM\x00*"),
		"jpeg xr":       plain("II\xbc\x01"),
		"placeable wmf": plain("\xd7\xcd\xc6\x9a"),
		"wmf 1":         plain("\x01\x00\x09\x00\x00\x03"),
		"wmf 2":         plain("\x02\x00\x09\x00\x00\x03"),
		"id3":           plain("ID3\x03\x00"),
		"ogg":           plain("OggS\x00"),
		"flac":          plain("fLaC\x00"),
		"midi":          plain("MThd\x00\x00\x00\x06"),
		"asf":           plain("\x30\x26\xb2\x75\x8e\x66\xcf\x11"),
		"mpeg ps":       plain("\x00\x00\x01\xba"),
		"mpeg video":    plain("\x00\x00\x01\xb3"),
		"mp4 ftyp":      plain("\x00\x00\x00\x18ftyp"),
		"mov moov":      plain("\x00\x00\x00\x18moov"),
		"mov mdat":      plain("\x00\x00\x00\x18mdat"),
		"mov wide":      plain("\x00\x00\x00\x08wide"),
		"wav":           plain("RIFF\x00\x00\x00\x00WAVE"),
		"avi":           plain("RIFF\x00\x00\x00\x00AVI "),
		"webp":          plain("RIFF\x00\x00\x00\x00WEBP"),
		"aiff":          plain("FORM\x00\x00\x00\x00AIFF"),
		"aifc":          plain("FORM\x00\x00\x00\x00AIFC"),
		"ttcf":          plain("ttcf\x00\x01\x00\x00"),
		"woff":          plain("wOFF\x00\x01\x00\x00"),
		"woff2":         plain("wOF2\x00\x01\x00\x00"),
		"matroska":      plain("\x1a\x45\xdf\xa3"),
		"psd":           plain("8BPS\x00\x01"),
		"jpeg 2000":     plain("\x00\x00\x00\x0cjP  \r\n\x87\n"),
		"bmp":           withSize("BM\x00\x00\x00\x00\x00\x00\x00\x00", 2),
		"emf":           plain("\x01\x00\x00\x00" + strings.Repeat("\x00", 36) + " EMF"),
		"eot":           withSize(strings.Repeat("\x00", 34)+"LP", 0),
	}
	// An obfuscated font: two table records (at 44 and 60) with printable
	// tags in order, inside the member.
	obf := make([]byte, 76)
	copy(obf[44:], "cmap")
	binary.BigEndian.PutUint32(obf[44+8:], 76)
	binary.BigEndian.PutUint32(obf[44+12:], 1)
	copy(obf[60:], "glyf")
	binary.BigEndian.PutUint32(obf[60+8:], 76)
	binary.BigEndian.PutUint32(obf[60+12:], 1)
	sigs["obfuscated font"] = plain(string(obf))
	return sigs
}

// gzipOf compresses s as gzip (a .emz or .wmz).
func gzipOf(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_, _ = zw.Write([]byte(s))
	_ = zw.Close()
	return b.String()
}

// foundOrRefused fails t when the document passes clean without key in
// its text: a secret behind a media signature is read or the file is not
// scanned, never clean.
func foundOrRefused(t *testing.T, what string, doc []byte, key string) {
	t.Helper()
	res, err := Text(what, doc, Limits{})
	var ns *NotScannedError
	switch {
	case err == nil && strings.Contains(res.Text, key):
	case errors.As(err, &ns):
	default:
		t.Errorf("%s: passes clean without the key: %q, %v", what, res.Text, err)
	}
}

// A strong media signature followed by plain text does not hide the text:
// in a DOCX and in a PPTX, with and without a declared image type.
func TestOfficeStrongSignatureDoesNotHideText(t *testing.T) {
	body := "\x00\x00\x00\x01 " + strongFakeKey + " \x00\x02"
	payloads := map[string]string{}
	for name, build := range strongSignatures() {
		payloads[name] = build(body)
	}
	// A gzipped metafile whose inner EMF carries the key.
	payloads["emz"] = gzipOf("\x01\x00\x00\x00" + strings.Repeat("\x00", 36) + " EMF" + strings.Repeat("\x00", 24) + body)
	for name, payload := range payloads {
		if !isMediaBytes([]byte(payload)[:min(len(payload), mediaHeadBytes)], uint64(len(payload))) {
			t.Errorf("%s: fixture is not taken for media", name)
			continue
		}
		foundOrRefused(t, name+" in a.docx", mediaDocx(t, "word/media/image1.png", "image/png", payload), strongFakeKey)
		foundOrRefused(t, name+" in a.docx (no type)", mediaDocx(t, "word/media/image1.bin", "", payload), strongFakeKey)
		foundOrRefused(t, name+" in a.pptx", mediaPptx(t, "ppt/media/image1.png", payload), strongFakeKey)
	}
}
