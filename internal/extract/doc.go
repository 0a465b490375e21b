// Package extract turns a downloaded file into the text the DLP detectors
// scan: plain text, CSV/TSV, JSON, Markdown and source code as they are;
// DOCX, XLSX and PPTX through their XML parts; PDF through a pure-Go reader.
//
// A file it cannot read (encrypted, corrupt, an unknown binary type, an
// archive past its bounds) is a *NotScannedError with the reason: the
// caller reports it as "not scanned", never as clean. Every read is
// bounded: the text returned, each archive member and the total
// uncompressed size of an archive (zip bombs).
package extract
