package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// A picture carrying an archive or a PDF (whose content is compressed,
// so no printable run shows it) is not skipped: the member is read as any
// other (a PDF's text read, an archive refused).
func TestOfficePictureCarryingContainerNotSkipped(t *testing.T) {
	secret := strings.Repeat("filler line\n", 50) + "key " + strongFakeKey + "\n"
	archive := string(zipOf(t, map[string]string{"secret.txt": secret}))
	junk := strings.Repeat("\x00\x01junk", 300) // past the first kilobyte
	p := testPNG()
	iend := string(p[len(p)-12:])
	// A zip inside a private chunk whose comment covers IEND: zip tools
	// find its directory at the member's end.
	eocd := len(archive) - 22
	commented := archive[:eocd+20] + string([]byte{4 + 12, 0}) // the chunk's CRC, IEND
	inChunk := string(p[:len(p)-12]) + string(pngChunk("prVt", commented)) + iend
	carriers := map[string]string{
		"png then zip after junk":         string(testPNG()) + junk + archive,
		"png zip in a chunk, comment end": inChunk,
		"jpeg then zip after junk":        string(testJPEG()) + junk + archive,
		"gif then gzip":                   string(testGIF(255)) + gzipOf(secret),
		"gif then gzip after junk":        string(testGIF(255)) + junk + gzipOf(secret),
		"jpeg then 7z":                    string(testJPEG()) + "7z\xbc\xaf\x27\x1c\x00\x04" + junk,
		"png then rar":                    string(testPNG()) + "Rar!\x1a\x07\x01\x00" + junk,
		"png then xz":                     string(testPNG()) + "\xfd7zXZ\x00\x00\x04" + junk,
		"jpeg then bzip2":                 string(testJPEG()) + "BZh91AY&SY" + junk,
		"jpeg then pdf after junk":        string(testJPEG()) + junk + string(rt2OnePage(rt2Flate("BT (key "+strongFakeKey+") Tj ET"), "FlateDecode", "")),
		"png with %PDF- in a text chunk":  string(testPNG([2]string{"tEXt", "Comment\x00%PDF-1.7"})),
		"tiff then zip":                   "II*\x00\x08\x00\x00\x00" + archive,
		"tiff then rar after junk":        "II*\x00\x08\x00\x00\x00" + junk + "Rar!\x1a\x07\x01\x00" + junk,
		"icon then zip":                   rtd4Icon("\x00\x01") + archive,
		"icon image holding a zip":        rtd4Icon(archive),
		"mp4 then pdf":                    "\x00\x00\x00\x18ftypmp42" + string(rt2OnePage(rt2Flate("BT (key "+strongFakeKey+") Tj ET"), "FlateDecode", "")),
	}
	for name, payload := range carriers {
		inBoth(t, name, payload, foundOrRefused, strongFakeKey)
	}
}

// Trailers that carry no container stay skipped with their runs: a
// phone's JPEG followed by its MPF preview (a second JPEG), a picture
// followed by padding or text.
func TestOfficePictureTrailerWithoutContainerSkipped(t *testing.T) {
	k := strongFakeKey
	for name, payload := range map[string]string{
		"jpeg then MPF preview":     string(testJPEG()) + string(testJPEG(jpegSegment{0xfe, k})),
		"jpeg then MPF, text after": string(testJPEG()) + string(testJPEG()) + "\x00\x01" + k,
		"png then padding and text": string(testPNG()) + strings.Repeat("\x00", 4096) + k,
		"gif then text":             string(testGIF(255)) + "\x00" + k,
	} {
		inBoth(t, name, payload, skippedWithKey, k)
	}
}

// Random bytes (a photo's compressed data after its end marker) do not
// pass for a container: the header fields checked with each signature
// make a chance match negligible.
func TestCarriesContainerRandomBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	b := make([]byte, 32<<20)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	copy(b, "\xff\xd8\xff\xd9") // not a PDF header in the first kilobyte
	if carriesContainer(b, 4) || carriesContainer(b, 0) {
		t.Fatal("32 MiB of random bytes taken for a container")
	}
}
