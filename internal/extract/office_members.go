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
	// kindSkip: images, audio, video, fonts, thumbnails and printer
	// settings: no text a detector could read (images are not OCRed, as
	// in PDFs).
	kindSkip
	// kindOther: anything else, embeddings, OLE objects, ActiveX, macro
	// projects, alternative-format chunks (altChunk) and unknown members:
	// read as an embedded document or text, or refused.
	kindOther
)

var xmlExts = map[string]bool{".xml": true, ".rels": true, ".vml": true, ".svg": true}

var mediaExts = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".jpe": true, ".jfif": true, ".gif": true, ".bmp": true,
	".tif": true, ".tiff": true, ".emf": true, ".wmf": true, ".emz": true, ".wmz": true, ".wdp": true,
	".jxr": true, ".hdp": true, ".ico": true, ".pict": true, ".webp": true, ".heic": true,
	".wav": true, ".mp3": true, ".m4a": true, ".wma": true, ".aac": true, ".mp4": true, ".m4v": true,
	".mov": true, ".avi": true, ".wmv": true, ".mpg": true, ".mpeg": true,
	".odttf": true, ".fntdata": true, ".ttf": true, ".otf": true, ".woff": true, ".woff2": true,
}

func memberKindOf(name string) memberKind {
	if strings.HasSuffix(name, "/") {
		return kindSkip // a directory entry
	}
	lower := strings.ToLower(name)
	ext := path.Ext(lower)
	switch {
	case xmlExts[ext]:
		return kindXML
	case mediaExts[ext],
		strings.Contains("/"+lower, "/media/"),
		strings.HasPrefix(lower, "docprops/thumbnail."),
		strings.Contains("/"+lower, "/printersettings/"):
		return kindSkip
	}
	return kindOther
}
