package extract

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// A weak media signature is skipped only with its format's structure; a
// skipped member's printable runs are still in the text.
func TestOfficeWeakMediaStructure(t *testing.T) {
	// MPEG-1 layer III, 128 kbit/s, 44.1 kHz, no padding: 417 bytes a frame.
	frame := "\xff\xfb\x90\x00" + strings.Repeat("\x00", 413)
	font := make([]byte, 12+16+8)
	copy(font, "\x00\x01\x00\x00")
	binary.BigEndian.PutUint16(font[4:], 1)
	binary.BigEndian.PutUint16(font[6:], 16)
	copy(font[12:], "name")
	binary.BigEndian.PutUint32(font[12+8:], 28)
	binary.BigEndian.PutUint32(font[12+12:], 8)
	icon := make([]byte, 6+16+4)
	copy(icon, "\x00\x00\x01\x00\x01\x00")
	binary.LittleEndian.PutUint32(icon[6+8:], 4)
	binary.LittleEndian.PutUint32(icon[6+12:], 22)
	// Words shorter than a held run, between control bytes: binary, so
	// refused when not skipped.
	short := strings.Repeat("\x01AKIA\x01TEST", 40)
	for _, c := range []struct {
		name, payload string
		skipped       bool
	}{
		{"two MPEG frames", frame + frame, true},
		{"one MPEG frame header before text", frame[:4] + short, false},
		{"font with its table directory", string(font), true},
		{"font magic before text", "\x00\x01\x00\x00" + short, false},
		{"icon with its directory", string(icon), true},
		{"icon magic before text", "\x00\x00\x01\x00" + short, false},
	} {
		for _, withText := range []bool{false, true} {
			payload := c.payload
			if withText && c.skipped {
				payload += "\x00" + rtMarker + "\x00"
			}
			res, err := Text("a.docx", mediaDocx(t, "word/media/m.bin", "", payload), Limits{})
			var ns *NotScannedError
			switch {
			case c.skipped && withText && (err != nil || !strings.Contains(res.Text, rtMarker)):
				t.Errorf("%s: text after the media not held: %q, %v", c.name, res.Text, err)
			case c.skipped && !withText && (err != nil || !strings.Contains(res.Text, "Cover")):
				t.Errorf("%s: not skipped: %q, %v", c.name, res.Text, err)
			case !c.skipped && !errors.As(err, &ns):
				t.Errorf("%s: data behind the signature skipped, not refused: %q, %v", c.name, res.Text, err)
			}
		}
	}
}
