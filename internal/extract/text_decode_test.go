package extract

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf16"
)

func utf32(s string, bigEndian bool) []byte {
	var b bytes.Buffer
	if bigEndian {
		b.Write(bomUTF32BE)
	} else {
		b.Write(bomUTF32LE)
	}
	for _, r := range s {
		if bigEndian {
			b.Write([]byte{byte(r >> 24), byte(r >> 16), byte(r >> 8), byte(r)})
		} else {
			b.Write([]byte{byte(r), byte(r >> 8), byte(r >> 16), byte(r >> 24)})
		}
	}
	return b.Bytes()
}

// utf16Of encodes s as UTF-16 with a BOM (surrogate pairs included).
func utf16Of(s string, bigEndian bool) []byte {
	b := append([]byte(nil), bomUTF16LE...)
	if bigEndian {
		b = append([]byte(nil), bomUTF16BE...)
	}
	for _, c := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(c>>8), byte(c))
		} else {
			b = append(b, byte(c), byte(c>>8))
		}
	}
	return b
}

func TestTextEncodingsDecoded(t *testing.T) {
	text := "key = " + planted + " é 日本 😀\n"
	for name, data := range map[string][]byte{
		"utf-32le": utf32(text, false),
		"utf-32be": utf32(text, true),
		"utf-16be": utf16Of(text, true),
		"utf-16le": utf16Of(text, false),
		"utf-8":    append(append([]byte(nil), bomUTF8...), text...),
	} {
		res, err := Text("notes.txt", data, Limits{})
		if err != nil || res.Text != text {
			t.Errorf("%s: got %q, %v", name, res.Text, err)
		}
	}
}

// Text that decodes to U+0000 (UTF-16 or UTF-32 of a binary, or the wrong
// width) is binary; so is UTF-32 that is not well formed, and bytes that are
// neither UTF-8 nor Windows-1252 text (a control character, a byte
// Windows-1252 leaves undefined).
func TestTextBinaryRefused(t *testing.T) {
	for name, data := range map[string][]byte{
		"utf-16 with NUL":     utf16le("a\x00b"),
		"utf-32 with NUL":     utf32("a\x00b", false),
		"utf-32 odd length":   append(utf32("ab", false), 'c'),
		"utf-32 past 10FFFF":  append(append([]byte(nil), bomUTF32LE...), 0, 0, 0x11, 0),
		"utf-32 surrogate":    append(append([]byte(nil), bomUTF32BE...), 0, 0, 0xD8, 0),
		"utf-32le read as 16": append(append([]byte(nil), bomUTF16LE...), 'a', 0, 0, 0),
		"1252 with a control": []byte("caf\xe9 \x01" + planted),
		"1252 undefined 0x81": []byte("caf\xe9 \x81" + planted),
		"1252 with DEL":       []byte("caf\xe9 \x7f" + planted),
		"1252 with ESC":       []byte("caf\xe9 \x1b[2J" + planted),
		"utf-8 with NUL":      []byte("a\x00" + planted),
	} {
		mustNotScanned(t, name, data, Limits{}, "binary")
	}
}

// Text over the cap is not scanned, never truncated: with the default cap
// (a download allowed up to 100 MiB can hold more text than the 32 MiB cap)
// and after decoding, which grows UTF-16 by half.
func TestTextOverCapNotScanned(t *testing.T) {
	big := bytes.Repeat([]byte("a"), int(DefaultMaxTextBytes)+1)
	mustNotScanned(t, "big.csv", big, Limits{}, "larger than 33554432 bytes")
	cjk := utf16Of(strings.Repeat("日", 400), false) // 802 bytes, 1200 bytes of UTF-8
	mustNotScanned(t, "cjk.txt", cjk, Limits{MaxTextBytes: 1000}, "decoded text larger than 1000 bytes")
	if _, err := Text("cjk.txt", cjk, Limits{MaxTextBytes: 1200}); err != nil {
		t.Fatalf("text at the cap refused: %v", err)
	}
}

// Windows-1252 text (what Excel on Windows saves as CSV, and Notepad as
// "ANSI") is read: every byte a printable character of that code page, or
// tab, line feed, form feed, carriage return.
func TestTextWindows1252Decoded(t *testing.T) {
	data := []byte("name;note\r\nJos\xe9;caf\xe9 \x80 12 \x93quoted\x94\r\nkey;" + planted + "\r\n")
	res, err := Text("export.csv", data, Limits{})
	if err != nil {
		t.Fatalf("Windows-1252 CSV refused: %v", err)
	}
	want := "name;note\r\nJosé;café € 12 \u201cquoted\u201d\r\nkey;" + planted + "\r\n"
	if res.Text != want || res.Format != "csv" {
		t.Fatalf("got %q (%s), want %q", res.Text, res.Format, want)
	}
}
