package extract

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// Red team 4 (rtdlp4): Office media members (media_*.go). A member
// starting with a media signature is skipped when its structure holds;
// the text it carries and the printable runs of the rest are scanned.
// Helpers (rtd4Caught, rtd4Key) are in redteam4_text_test.go.

// rtd4UTF16LE is s in UTF-16LE, with a BOM when bom.
func rtd4UTF16LE(s string, bom bool) string {
	var b []byte
	if bom {
		b = append(b, 0xff, 0xfe)
	}
	for _, r := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, r)
	}
	return string(b)
}

// rtd4PictureDocx is a DOCX whose only picture member holds payload.
func rtd4PictureDocx(t *testing.T, payload string) []byte {
	t.Helper()
	return mediaDocx(t, "word/media/image1.png", "image/png", payload)
}

// The printable runs are ASCII (and UTF-16 of ASCII): UTF-8 text behind a
// media signature whose numbers are grouped by no-break spaces or en
// dashes (what Word and Excel write) gives runs of four digits, below
// minHeldRun, so the value is in no run. Without the signature the same
// bytes are read as UTF-8 text and found. TIFF, MP4, RIFF... get no
// structure check at all (walkMedia: "Other media: its printable runs"),
// so four bytes of magic suffice; a real PNG followed by the text after
// IEND does too.
func TestRTDLP4MediaUTF8TextBehindSignature(t *testing.T) {
	texts := map[string]struct{ text, rule string }{
		"card grouped by U+00A0": {"\nPatient card 4111\u00a01111\u00a01111\u00a01111 on file\n", "card_number"},
		"SSN with en dashes":     {"\nSSN 123\u201345\u20136789 on file\n", "us_ssn"},
	}
	for name, c := range texts {
		t.Run(name, func(t *testing.T) {
			if ok, why := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, c.text), c.rule); !ok {
				t.Fatalf("control: the text as a plain member is not caught: %s", why)
			}
			var passed []string
			for sig, payload := range map[string]string{
				"tiff magic":                  "II*\x00" + c.text,
				"mp4 magic":                   "\x00\x00\x00\x18ftypmp42" + c.text,
				"png after IEND":              string(testPNG()) + c.text,
				"png tEXt-like private chunk": string(testPNG([2]string{"prVt", c.text})),
				"icon (weak signature)":       rtd4Icon(c.text),
			} {
				if ok, why := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, payload), c.rule); !ok {
					passed = append(passed, sig+": "+why)
				}
			}
			if len(passed) > 0 {
				t.Fatalf("%s: UTF-8 text behind a media signature is reduced to ASCII runs, the value passes:\n%s", name, strings.Join(passed, "\n"))
			}
		})
	}
}

// rtd4Icon is an ICO of one image whose data is body.
func rtd4Icon(body string) string {
	b := []byte("\x00\x00\x01\x00\x01\x00\x10\x10\x00\x00\x01\x00\x20\x00")
	b = binary.LittleEndian.AppendUint32(b, uint32(len(body)))
	b = binary.LittleEndian.AppendUint32(b, 22)
	return string(b) + body
}

// Text fields written in UTF-16 (an XMP packet may be UTF-16 with a BOM;
// a comment written by a Windows tool): fieldText reads bytes that are
// not UTF-8 as Latin-1 and turns each NUL into a line break, so every
// character of the key is on a line of its own; and a text field is not
// searched for runs (which would find UTF-16).
func TestRTDLP4MediaUTF16TextFields(t *testing.T) {
	xmp := `<?xpacket begin="` + "\ufeff" + `"?><x:xmpmeta><dc:title>` + rtd4Key + `</dc:title></x:xmpmeta>`
	pictures := map[string]string{
		"jpeg XMP in UTF-16 with BOM": string(testJPEG(jpegSegment{0xe1, string(xmpNamespace) + rtd4UTF16LE(xmp, false)})),
		"jpeg COM in UTF-16LE":        string(testJPEG(jpegSegment{0xfe, rtd4UTF16LE("key "+rtd4Key, true)})),
		"gif comment in UTF-16LE":     string(testGIF(255, [2]string{"\xfe", rtd4UTF16LE("key "+rtd4Key, true)})),
		"png tEXt in UTF-16LE":        string(testPNG([2]string{"tEXt", "Comment\x00" + rtd4UTF16LE("key "+rtd4Key, true)})),
	}
	var passed []string
	for name, payload := range pictures {
		if ok, _ := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, payload), "openai-prefixed-api-key"); !ok {
			passed = append(passed, name)
		}
	}
	if len(passed) > 0 {
		t.Fatalf("the key in a UTF-16 text field passes (each character on a line of its own): %s", strings.Join(passed, "; "))
	}
}

// Extended XMP chunks carry their offset in the full packet: a reader
// (ExifTool, Photoshop) puts each at its offset. walkJPEG joins them in
// file order, so chunks written out of order (or two packets' chunks
// interleaved) cut the key: its second half first, its first half last.
func TestRTDLP4MediaExtendedXMPOutOfOrder(t *testing.T) {
	k := rtd4Key
	guid := strings.Repeat("G", 32)
	chunk := func(off int, data string) jpegSegment {
		head := binary.BigEndian.AppendUint32(nil, uint32(len(k)))
		head = binary.BigEndian.AppendUint32(head, uint32(off))
		return jpegSegment{0xe1, string(xmpExtensionNamespace) + guid + string(head) + data}
	}
	inOrder := string(testJPEG(chunk(0, k[:20]), chunk(20, k[20:])))
	if ok, why := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, inOrder), "openai-prefixed-api-key"); !ok {
		t.Fatalf("control: extended XMP in order: %s", why)
	}
	reversed := string(testJPEG(chunk(20, k[20:]), chunk(0, k[:20])))
	if ok, why := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, reversed), "openai-prefixed-api-key"); !ok {
		t.Fatalf("extended XMP chunks out of file order are joined in file order, not by offset: the key passes: %s", why)
	}
}

// A picture followed by a ZIP archive (a PNG+ZIP polyglot: any zip tool
// opens the member, the central directory is at its end) holding the key
// deflated, or by a PDF whose content is Flate-compressed (a small PNG
// puts "%PDF-" within the 1,024 bytes viewers search): the runs of
// compressed bytes show nothing, and the member is skipped as a picture.
// The same archive as a member of its own is read.
func TestRTDLP4MediaArchiveAfterEndMarker(t *testing.T) {
	inner := zipOf(t, map[string]string{"secret.txt": strings.Repeat("filler line\n", 50) + "key " + rtd4Key + "\n"})
	if ok, why := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, string(inner)), "openai-prefixed-api-key"); !ok {
		t.Fatalf("control: the archive as a member of its own is not caught: %s", why)
	}
	pdf := rt2OnePage(rt2Flate("BT /F1 12 Tf 72 712 Td (key "+rtd4Key+") Tj ET"), "FlateDecode", "")
	if ok, why := rtd4Caught(t, "a.pdf", pdf, "openai-prefixed-api-key"); !ok {
		t.Fatalf("control: the PDF alone is not caught: %s", why)
	}
	var passed []string
	for name, payload := range map[string]string{
		"png then zip":  string(testPNG()) + string(inner),
		"jpeg then zip": string(testJPEG()) + string(inner),
		"gif then zip":  string(testGIF(255)) + string(inner),
		// "%PDF-" within the first 1,024 bytes: PDF viewers open it.
		"png then pdf (Flate content)": string(testPNG()) + string(pdf),
	} {
		if ok, _ := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, payload), "openai-prefixed-api-key"); !ok {
			passed = append(passed, name)
		}
	}
	if len(passed) > 0 {
		t.Fatalf("an archive or PDF after the picture's end marker passes clean: %s", strings.Join(passed, "; "))
	}
}

// rtd4TinySubBlockGIF is a GIF of one image whose data is n sub-blocks of
// one byte each (two bytes a sub-block; compresses to almost nothing).
func rtd4TinySubBlockGIF(n int) []byte {
	var b bytes.Buffer
	b.WriteString("GIF89a\x01\x00\x01\x00\x00\x00\x00")
	b.WriteString("\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02")
	b.Write(bytes.Repeat([]byte{1, 0}, n))
	b.WriteString("\x00\x3b")
	return b.Bytes()
}

// A GIF whose image data is one-byte sub-blocks: runStream keeps one
// slice header (24 bytes) per sub-block, as they are not adjacent, and
// copies them together at the end: the slice alone is 12 times the
// member's size, and the heap sampled grows about 40 times, from a member
// the budget allows at four times its own cost and that deflates a
// thousandfold. The heap should stay within a small multiple of the
// member.
func TestRTDLP4MediaTinySubBlocksMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates a few hundred MB")
	}
	const member = 4 << 20
	gif := rtd4TinySubBlockGIF(member / 2)
	doc := rtd4PictureDocx(t, string(gif))
	lim := Limits{MaxUncompressedBytes: member/mediaCostDivisor + (1 << 20)}
	var err error
	start := time.Now()
	peak := rtPeakHeap(func() { _, err = Text("a.docx", doc, lim) })
	t.Logf("zip %d KiB, member %d MiB, budget %d MiB, peak heap (HeapAlloc) %d MiB, %v, err %v", len(doc)>>10, member>>20, lim.MaxUncompressedBytes>>20, peak>>20, time.Since(start), err)
	if limit := uint64(3 * member); peak > limit {
		t.Fatalf("a %d MiB GIF of one-byte sub-blocks (a %d KiB upload) grows the heap by %d MiB (over %d MiB): a 200 MiB budget lets one upload take about %d GiB",
			member>>20, len(doc)>>10, peak>>20, limit>>20, int(float64(peak)/float64(member)*800)>>10)
	}
}

// Coverage (passes): huge and looping structures stay linear: a JPEG of
// millions of fill bytes and restart markers, a PNG of many tiny chunks,
// a GIF of many empty extensions.
func TestRTDLP4MediaManyTinyStructuresLinear(t *testing.T) {
	j := testJPEG()
	jpeg := string(j[:2]) + strings.Repeat("\xff\xff\xff\xd0", 1<<20) + string(j[2:])
	p := testPNG()
	png := string(p[:len(p)-12]) + strings.Repeat(string(pngChunk("tEXt", "a\x00b")), 1<<17) + string(p[len(p)-12:])
	g := testGIF(255)
	gif := string(g[:len(g)-1]) + strings.Repeat("\x21\xfe\x00", 1<<20) + "\x3b"
	for name, payload := range map[string]string{"jpeg": jpeg, "png": png, "gif": gif} {
		start := time.Now()
		res, err := Text("a.docx", rtd4PictureDocx(t, payload), Limits{})
		if el := time.Since(start); el > 20*time.Second*timeScale {
			t.Errorf("%s: took %v", name, el)
		}
		// Skipped as a picture (the main part read) or not scanned.
		var ns *NotScannedError
		if err == nil && !strings.Contains(res.Text, "Cover") || err != nil && !errors.As(err, &ns) {
			t.Errorf("%s: %q, %v", name, rtd4Shorten(res.Text), err)
		}
	}
}

// An ICC profile too large for one JPEG segment is cut into APP2
// "ICC_PROFILE" chunks (sequence number, count) that readers join before
// reading the profile's tags (ExifTool shows its description). walkJPEG
// gives each segment's runs apart, so a key the joined profile holds
// whole is cut at the chunk boundary by the marker, length and chunk
// header between its halves.
func TestRTDLP4MediaICCProfileAcrossAPP2Chunks(t *testing.T) {
	k := rtd4Key
	chunk := func(seq byte, data string) jpegSegment {
		return jpegSegment{0xe2, "ICC_PROFILE\x00" + string([]byte{seq, 2}) + data}
	}
	whole := string(testJPEG(jpegSegment{0xe2, "ICC_PROFILE\x00\x01\x01\x00\x01desc " + k + "\x00"}))
	if ok, why := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, whole), "openai-prefixed-api-key"); !ok {
		t.Fatalf("control: the key in one ICC chunk: %s", why)
	}
	split := string(testJPEG(chunk(1, "\x00\x01desc "+k[:20]), chunk(2, k[20:]+"\x00")))
	if ok, why := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, split), "openai-prefixed-api-key"); !ok {
		t.Fatalf("an ICC profile split over APP2 chunks is not joined: the key cut at the chunk boundary passes: %s", why)
	}
}
