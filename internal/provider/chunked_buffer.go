package provider

// chunkedBuffer is a write-only buffer of fixed-size chunks. A list encoded
// directly is written here and then copied once into the state Terraform is
// sent: a bytes.Buffer would double its capacity as it grows (keeping up to
// twice the list, and copying it at each doubling) before that copy.
type chunkedBuffer struct {
	chunks [][]byte
	n      int
}

// chunkSize bounds the slack of the last chunk (and so the memory held
// beyond the data) while keeping the chunk count small for a list of tens
// of megabytes.
const chunkSize = 256 << 10

func (b *chunkedBuffer) Write(p []byte) (int, error) {
	written := len(p)
	for len(p) > 0 {
		if len(b.chunks) == 0 || len(b.chunks[len(b.chunks)-1]) == cap(b.chunks[len(b.chunks)-1]) {
			b.chunks = append(b.chunks, make([]byte, 0, chunkSize))
		}
		last := &b.chunks[len(b.chunks)-1]
		k := min(len(p), cap(*last)-len(*last))
		*last = append(*last, p[:k]...)
		p = p[k:]
	}
	b.n += written
	return written, nil
}

// WriteByte spares the MessagePack encoder its one-byte writes through Write.
func (b *chunkedBuffer) WriteByte(c byte) error {
	_, err := b.Write([]byte{c})
	return err
}

// Len is the number of bytes written.
func (b *chunkedBuffer) Len() int { return b.n }

// AppendTo appends what was written to dst.
func (b *chunkedBuffer) AppendTo(dst []byte) []byte {
	for _, c := range b.chunks {
		dst = append(dst, c...)
	}
	return dst
}
