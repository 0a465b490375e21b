package extract

import (
	"path"
	"strings"
)

// memberKind is how a package member is read.
type memberKind int

const (
	// kindXML: every XML member is read, styles, themes and settings
	// included. They hold no character data in documents Office writes
	// (their content is attributes), so reading them costs no noise, and
	// skipping them by name would give a hiding place whose name the
	// uploader picks.
	kindXML memberKind = iota
	// kindSkip: a directory entry.
	kindSkip
	// kindOther: anything else. Its content decides (office_media.go):
	// images, audio, video, fonts and printer settings recognised by their
	// bytes are skipped (images are not OCRed, as in PDFs); the rest,
	// embeddings, OLE objects, ActiveX, macro projects, alternative-format
	// chunks (altChunk) and unknown members, is read as an embedded
	// document or text, or refused. The name never decides: the uploader
	// picks it, and Word imports an altChunk stored as word/media/x.png.
	kindOther
)

var xmlExts = map[string]bool{".xml": true, ".rels": true, ".vml": true, ".svg": true}

func memberKindOf(name string) memberKind {
	if strings.HasSuffix(name, "/") {
		return kindSkip // a directory entry
	}
	if xmlExts[path.Ext(strings.ToLower(name))] {
		return kindXML
	}
	return kindOther
}
