package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"
)

// deckOf is a PPTX of n slides, each showing one of pictures (a member of
// its own, deflated as Office writes it), and the number of bytes they
// inflate to.
func deckOf(t testing.TB, n int, pictures ...[]byte) ([]byte, int64) {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	add := func(name, content string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(content))
	}
	add("[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="jpeg" ContentType="image/jpeg"/></Types>`)
	add("_rels/.rels", fmt.Sprintf(rt2Rels, "ppt/presentation.xml"))
	add("ppt/presentation.xml", `<p:presentation xmlns:p="p"/>`)
	var total int64
	for i := range n {
		pic := pictures[i%len(pictures)]
		total += int64(len(pic))
		add(fmt.Sprintf("ppt/slides/slide%d.xml", i+1), fmt.Sprintf(`<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>Slide %d</a:t></a:r></a:p></p:sld>`, i+1))
		add(fmt.Sprintf("ppt/slides/_rels/slide%d.xml.rels", i+1), fmt.Sprintf(`<Relationships><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/image%d.jpeg"/></Relationships>`, i+1))
		add(fmt.Sprintf("ppt/media/image%d.jpeg", i+1), string(pic))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), total
}

// photoJPEG is a JPEG of about size bytes: noise, as a photo compresses.
func photoJPEG(t testing.TB, size int) []byte {
	t.Helper()
	side := 64
	for {
		img := image.NewRGBA(image.Rect(0, 0, side, side))
		seed := uint32(88172645)
		for i := range img.Pix {
			seed ^= seed << 13
			seed ^= seed >> 17
			seed ^= seed << 5
			img.Pix[i] = uint8(seed)
		}
		for y := range side { // opaque
			for x := range side {
				c := img.RGBAAt(x, y)
				img.SetRGBA(x, y, color.RGBA{c.R, c.G, c.B, 255})
			}
		}
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 92}); err != nil {
			t.Fatal(err)
		}
		if b.Len() >= size {
			return b.Bytes()
		}
		side = int(float64(side)*math.Sqrt(float64(size)/float64(b.Len()))) + 8
	}
}

// screenshotPNG is a PNG of about size bytes: noise, as a photo saved as
// PNG compresses.
func screenshotPNG(t testing.TB, size int) []byte {
	t.Helper()
	side := 64
	for {
		img := image.NewNRGBA(image.Rect(0, 0, side, side))
		seed := uint32(88172645)
		for i := range img.Pix {
			seed ^= seed << 13
			seed ^= seed >> 17
			seed ^= seed << 5
			img.Pix[i] = uint8(seed)
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		if b.Len() >= size {
			return b.Bytes()
		}
		side = int(float64(side)*math.Sqrt(float64(size)/float64(b.Len()))) + 8
	}
}

// largePhotos holds the pictures of the deck tests, built once.
var largePhotos struct {
	pic  []byte
	deck []byte
	size int64
}

func deckOfLargePhotos(t testing.TB) ([]byte, int64) {
	if largePhotos.deck == nil {
		largePhotos.pic = photoJPEG(t, 3<<20)
		largePhotos.deck, largePhotos.size = deckOf(t, 40, largePhotos.pic)
	}
	return largePhotos.deck, largePhotos.size
}

// A deck of 40 photos of about 3 MB each is scanned whole with the
// default limits: its pictures are walked, within the budget.
func TestOfficeDeckOfLargePicturesScannedWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 120 MB deck")
	}
	deck, size := deckOfLargePhotos(t)
	start := time.Now()
	res, err := Text("deck.pptx", deck, Limits{})
	elapsed := time.Since(start)
	if err != nil || !strings.Contains(res.Text, "Slide 40") {
		t.Fatalf("deck of %d MB of pictures not scanned whole: %v", size>>20, err)
	}
	t.Logf("%d pictures, %d MB inflated, %d KB of text, %v", 40, size>>20, len(res.Text)>>10, elapsed)
	if elapsed > 30*time.Second*timeScale {
		t.Errorf("deck took %v", elapsed)
	}
	// Media counts a quarter: the same pictures past four times the
	// budget are a bomb.
	_, err = Text("deck.pptx", deck, Limits{MaxUncompressedBytes: size/mediaCostDivisor - (1 << 20)})
	var ns *NotScannedError
	if !errors.As(err, &ns) || !strings.Contains(ns.Reason, "zip bomb") {
		t.Errorf("pictures past the media budget: %v", err)
	}
}

// Media inflates within the budget: pictures past mediaCostDivisor times
// it, and a picture's compressed parts (an ICC profile, a gzipped
// metafile, a WOFF table) inflating past it, make the file not scanned.
func TestOfficeMediaBudget(t *testing.T) {
	mb := string(testPNG([2]string{"zzPd", strings.Repeat("\x00\x01", 1<<19)}))
	deck, _ := deckOf(t, 10, []byte(mb))
	lim := Limits{MaxUncompressedBytes: 2 << 20}
	var ns *NotScannedError
	if _, err := Text("deck.pptx", deck, lim); !errors.As(err, &ns) {
		t.Errorf("10 MB of pictures, 2 MB budget: %v", err)
	}
	deck, _ = deckOf(t, 6, []byte(mb))
	if _, err := Text("deck.pptx", deck, lim); err != nil {
		t.Errorf("6 MB of pictures, 2 MB budget: %v", err)
	}
	zeros := strings.Repeat("\x00", 16<<20)
	woff := testWOFF(zeros, true, "")
	for name, payload := range map[string]string{
		"iCCP": string(testPNG([2]string{"iCCP", "icc\x00\x00" + zlibOf(zeros)})),
		"emz":  gzipOf("\x01\x00\x00\x00" + strings.Repeat("\x00", 36) + " EMF" + zeros),
		"woff": string(woff),
	} {
		_, err := Text(name+".pptx", mediaPptx(t, "ppt/media/image1.png", payload), lim)
		if !errors.As(err, &ns) || !strings.Contains(ns.Reason, "zip bomb") {
			t.Errorf("%s inflating 16 MB, 2 MB budget: %v", name, err)
		}
	}
}

// BenchmarkDeckOfLargePictures measures a deck of 40 photos of about
// 3 MB each.
func BenchmarkDeckOfLargePictures(b *testing.B) {
	deck, size := deckOfLargePhotos(b)
	b.SetBytes(size)
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		if res, err := Text("deck.pptx", deck, Limits{}); err != nil || !strings.Contains(res.Text, "Slide 40") {
			b.Fatalf("not scanned whole: %v", err)
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "MB-alloc/op")
}

// BenchmarkDeckOfLargePNGs measures a deck of 40 PNGs of about 3 MB each
// (their image data is copied together to find the runs across IDAT
// chunks).
func BenchmarkDeckOfLargePNGs(b *testing.B) {
	pic := screenshotPNG(b, 3<<20)
	deck, size := deckOf(b, 40, pic)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if res, err := Text("deck.pptx", deck, Limits{}); err != nil || !strings.Contains(res.Text, "Slide 40") {
			b.Fatalf("not scanned whole: %v", err)
		}
	}
}
