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
const strongFakeKey = "sk-" + "proj-" + "TESTONLY0fake0key0behind0a0media0signature0TESTONLY" // split so no line looks like a key

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

// skippedWithKey fails t unless the document is scanned (not refused),
// its main part read and key in its text: a picture whose structure holds
// is skipped, and the text it carries is written.
func skippedWithKey(t *testing.T, what string, doc []byte, key string) {
	t.Helper()
	res, err := Text(what, doc, Limits{})
	if err != nil || !strings.Contains(res.Text, "Cover") {
		t.Errorf("%s: refused or main part missing: %q, %v", what, res.Text, err)
		return
	}
	if key != "" && !strings.Contains(res.Text, key) {
		t.Errorf("%s: key not in the text: %q", what, res.Text)
	}
}

// inBoth checks payload as a picture of a DOCX and of a PPTX.
func inBoth(t *testing.T, name, payload string, check func(*testing.T, string, []byte, string), key string) {
	t.Helper()
	check(t, name+" in a.docx", mediaDocx(t, "word/media/image1.png", "image/png", payload), key)
	check(t, name+" in a.pptx", mediaPptx(t, "ppt/media/image1.png", payload), key)
}

// Real pictures are skipped whatever text they carry, and the text is
// written: PNG text chunks, JPEG comments and XMP, GIF comments, data
// after the end marker, text in the image data split by its chunking.
func TestOfficePictureTextWritten(t *testing.T) {
	k := strongFakeKey
	idatSplit := func() string {
		// IDAT data in two chunks, the key cut between them: one stream.
		p := testPNG()
		iend := len(p) - 12
		return string(p[:iend]) + string(pngChunk("IDAT", "\x00\x01 "+k[:20])) +
			string(pngChunk("IDAT", k[20:]+" \x00")) + string(p[iend:])
	}
	pictures := map[string]string{
		"png plain":            string(testPNG()),
		"png tEXt":             string(testPNG([2]string{"tEXt", "Comment\x00" + k})),
		"png zTXt":             string(testPNG([2]string{"zTXt", "Comment\x00\x00" + zlibOf(k)})),
		"png iTXt":             string(testPNG([2]string{"iTXt", "Comment\x00\x00\x00en\x00Kommentar\x00" + k})),
		"png iTXt compressed":  string(testPNG([2]string{"iTXt", "Comment\x00\x01\x00en\x00\x00" + zlibOf(k)})),
		"png iCCP":             string(testPNG([2]string{"iCCP", "icc\x00\x00" + zlibOf("\x00\x01"+k+"\x00")})),
		"png private chunk":    string(testPNG([2]string{"prVt", "\x00\x01" + k + "\x00"})),
		"png after IEND":       string(testPNG()) + "\x00\x01" + k,
		"png IDAT split":       idatSplit(),
		"jpeg plain":           string(testJPEG()),
		"jpeg COM":             string(testJPEG(jpegSegment{0xfe, k})),
		"jpeg XMP":             string(testJPEG(jpegSegment{0xe1, string(xmpNamespace) + `<x:xmpmeta><dc:title>` + k + `</dc:title></x:xmpmeta>`})),
		"jpeg extended XMP":    string(testJPEG(jpegSegment{0xe1, string(xmpExtensionNamespace) + strings.Repeat("G", 32) + "\x00\x00\x00\x40\x00\x00\x00\x00" + k[:20]}, jpegSegment{0xe1, string(xmpExtensionNamespace) + strings.Repeat("G", 32) + "\x00\x00\x00\x40\x00\x00\x00\x14" + k[20:]})),
		"jpeg APP13":           string(testJPEG(jpegSegment{0xed, "Photoshop 3.0\x00\x01" + k})),
		"jpeg after EOI":       string(testJPEG()) + "\x00\x01" + k,
		"gif plain":            string(testGIF(255)),
		"gif comment":          string(testGIF(5, [2]string{"\xfe", k})),
		"gif application data": string(testGIF(7, [2]string{"\xff", "XMP DataXMP" + k})),
		"gif after trailer":    string(testGIF(255)) + "\x00\x01" + k,
	}
	for name, payload := range pictures {
		key := k
		if strings.HasSuffix(name, "plain") {
			key = ""
		}
		inBoth(t, name, payload, skippedWithKey, key)
	}
}

// A picture whose structure does not hold is read as any other member:
// the key is read or the file refused, never clean.
func TestOfficePictureBrokenStructure(t *testing.T) {
	k := strongFakeKey
	p, j, g := testPNG(), testJPEG(), testGIF(255)
	broken := map[string]string{
		"png without IEND":           string(p[:len(p)-12]) + "\x00\x01" + k,
		"png chunk past the end":     string(p[:33]) + "\x00\x10\x00\x00IDAT\x00" + k,
		"png chunk type not letters": string(p[:33]) + "\x00\x00\x00\x40ID1T\x00" + k,
		"png IHDR not first":         "\x89PNG\r\n\x1a\n" + string(pngChunk("tEXt", "a\x00b")) + string(p[8:]) + k,
		"png without IDAT":           string(p[:33]) + string(pngChunk("prVt", "\x00"+k)) + string(p[len(p)-12:]),
		"png bad zTXt":               string(testPNG([2]string{"zTXt", "Comment\x00\x00\x01" + k})),
		"jpeg without EOI":           string(j[:len(j)-2]) + "\x00" + k,
		"jpeg segment past the end":  "\xff\xd8\xff\xe0\x7f\x00\x00" + k,
		"jpeg without a scan":        "\xff\xd8\xff\xfe\x00\x04\x00\x01\xff\xd9\x00" + k,
		"jpeg bad marker":            "\xff\xd8\xff\x00\x00\x04" + k,
		"gif without trailer":        string(g[:len(g)-1]) + "\x00" + k,
		"gif unknown block":          string(g[:len(g)-1]) + "\x07\x00" + k,
		"gif sub-block past the end": string(g[:len(g)-1]) + "\x21\xfe\x7f\x00" + k,
		"gif without an image":       string(g[:13+3*4]) + "\x3b\x00" + k,
	}
	for name, payload := range broken {
		inBoth(t, name, payload, foundOrRefused, k)
	}
}

// testSfnt is a TrueType font of one table holding body, its table
// offsets counted from base (its place in a collection).
func testSfnt(base int, body string) []byte {
	font := bytes.Repeat([]byte{0}, 12+16)
	copy(font, "\x00\x01\x00\x00")
	binary.BigEndian.PutUint16(font[4:], 1)
	binary.BigEndian.PutUint16(font[6:], 16)
	copy(font[12:], "name")
	binary.BigEndian.PutUint32(font[12+8:], uint32(base+28))
	binary.BigEndian.PutUint32(font[12+12:], uint32(len(body)))
	return append(font, body...)
}

// testTTC is a collection of one font holding body.
func testTTC(body string) []byte {
	ttc := []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10")
	return append(ttc, testSfnt(16, body)...)
}

// testWOFF is a WOFF of one table (stored, or zlib-compressed when
// compress) and metadata (compressed XML) when meta is not empty.
func testWOFF(table string, compress bool, meta string) []byte {
	stored := table
	if compress {
		stored = zlibOf(table)
	}
	b := bytes.Repeat([]byte{0}, 44+20)
	copy(b, "wOFF\x00\x01\x00\x00")
	binary.BigEndian.PutUint16(b[12:], 1)
	copy(b[44:], "name")
	binary.BigEndian.PutUint32(b[44+4:], 64)
	binary.BigEndian.PutUint32(b[44+8:], uint32(len(stored)))
	binary.BigEndian.PutUint32(b[44+12:], uint32(len(table)))
	b = append(b, stored...)
	if meta != "" {
		z := zlibOf(meta)
		binary.BigEndian.PutUint32(b[24:], uint32(len(b)))
		binary.BigEndian.PutUint32(b[28:], uint32(len(z)))
		binary.BigEndian.PutUint32(b[32:], uint32(len(meta)))
		b = append(b, z...)
	}
	binary.BigEndian.PutUint32(b[8:], uint32(len(b)))
	return b
}

// testWOFF2 is a WOFF2 header and directory (one untransformed table)
// before data (taken for its Brotli-compressed tables). WOFF2 is never
// skipped: its tables are not decoded.
func testWOFF2(data string) []byte {
	b := bytes.Repeat([]byte{0}, 48)
	copy(b, "wOF2\x00\x01\x00\x00")
	binary.BigEndian.PutUint16(b[12:], 1)
	binary.BigEndian.PutUint32(b[20:], uint32(len(data)))
	b = append(b, 5, 0x40) // the name table, original length 64
	b = append(b, data...)
	binary.BigEndian.PutUint32(b[8:], uint32(len(b)))
	return b
}

// MPEG-2 and MPEG-1 pack headers, each followed by a system header start
// code.
const (
	testMPEG2Pack = "\x00\x00\x01\xba\x44\x00\x04\x00\x04\x01\x01\x89\xc3\xf8\x00\x00\x01\xbb"
	testMPEG1Pack = "\x00\x00\x01\xba\x21\x00\x01\x00\x01\x80\x00\x01\x00\x00\x01\xbb"
)

// Fonts and MPEG streams are skipped on their headers' structure, their
// printable runs (a WOFF's tables and metadata inflated) written; a
// header that does not hold makes the member read as any other.
func TestOfficeFontAndStreamHeaders(t *testing.T) {
	k := strongFakeKey
	body := "\x00\x01 " + k + " \x00"
	valid := map[string]string{
		"ttc":                   string(testTTC(body)),
		"woff stored table":     string(testWOFF(body, false, "")),
		"woff compressed table": string(testWOFF(body+strings.Repeat("\x00", 200), true, "")),
		"woff metadata":         string(testWOFF("\x00\x01\x02\x03", false, `<?xml version="1.0"?><metadata><description><text>`+k+`</text></description></metadata>`)),
		"mpeg-2 program stream": testMPEG2Pack + body,
		"mpeg-1 program stream": testMPEG1Pack + body,
	}
	for name, payload := range valid {
		inBoth(t, name, payload, skippedWithKey, k)
	}
	woffLen := testWOFF(body, false, "")
	binary.BigEndian.PutUint32(woffLen[8:], uint32(len(woffLen)+1))
	woffTable := testWOFF(body, false, "")
	binary.BigEndian.PutUint32(woffTable[44+4:], 1<<20)
	woffTables := testWOFF(body, false, "")
	binary.BigEndian.PutUint16(woffTables[12:], 0)
	woffZ := testWOFF(body+strings.Repeat("\x00", 200), true, "")
	woffZ[64] ^= 0xff // not zlib
	woff2Len := testWOFF2(body)
	binary.BigEndian.PutUint32(woff2Len[8:], 7)
	woff2Data := testWOFF2(body)
	binary.BigEndian.PutUint32(woff2Data[20:], 1<<20)
	ttcCount := testTTC(body)
	binary.BigEndian.PutUint32(ttcCount[8:], 0)
	ttcOffset := testTTC(body)
	binary.BigEndian.PutUint32(ttcOffset[12:], 1<<20)
	ttcVersion := testTTC(body)
	ttcVersion[5] = 7
	broken := map[string]string{
		"woff length not the member's":  string(woffLen),
		"woff table outside":            string(woffTable),
		"woff no tables":                string(woffTables),
		"woff table not zlib":           string(woffZ),
		"woff2 (Brotli tables unread)":  string(testWOFF2(body)),
		"woff2 length not the member's": string(woff2Len),
		"woff2 data outside":            string(woff2Data),
		"ttc no fonts":                  string(ttcCount),
		"ttc font outside":              string(ttcOffset),
		"ttc version":                   string(ttcVersion),
		"mpeg-2 marker bits":            strings.Replace(testMPEG2Pack, "\x44", "\x40", 1) + body,
		"mpeg-2 no start code next":     testMPEG2Pack[:14] + body,
		"mpeg-1 marker bits":            strings.Replace(testMPEG1Pack, "\x21", "\x20", 1) + body,
	}
	for name, payload := range broken {
		inBoth(t, name, payload, foundOrRefused, k)
		// Not skipped: with the key in a form its runs do not show, it is
		// refused.
		res, err := Text(name+".docx", mediaDocx(t, "word/media/image1.png", "image/png", strings.Replace(payload, k, "\x01SHORT\x02", 1)), Limits{})
		var ns *NotScannedError
		if !errors.As(err, &ns) {
			t.Errorf("%s: skipped: %q, %v", name, res.Text, err)
		}
	}
}
