package extract

import (
	"strings"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// The documents come from the simulator's builders, the same bytes its file
// downloads serve, so the extractor is tested on what the checks will read.

// zipOf builds a zip with the given members (name -> content).
func zipOf(_ testing.TB, members map[string]string) []byte { return openaisim.ZipArchive(members) }

// DOCX, XLSX and PPTX holding lines (one paragraph, shared string or slide
// paragraph per line).
func docx(_ testing.TB, lines ...string) []byte {
	return openaisim.FileBytes("docx", strings.Join(lines, "\n"))
}

func xlsx(_ testing.TB, lines ...string) []byte {
	return openaisim.FileBytes("xlsx", strings.Join(lines, "\n"))
}

func pptx(_ testing.TB, lines ...string) []byte {
	return openaisim.FileBytes("pptx", strings.Join(lines, "\n"))
}

// pdfOf builds a one-page PDF 1.4 showing lines in Helvetica, with a correct
// xref table. extra goes into the trailer (e.g. an /Encrypt entry).
func pdfOf(lines []string, extraTrailer string) []byte {
	return openaisim.PDFDocument(lines, extraTrailer)
}
