package extract

// mpegPackValid checks an MPEG program stream's first pack header: its
// marker bits (MPEG-1 or MPEG-2), and the next start code where the pack
// header's length (with its stuffing) says.
func mpegPackValid(data []byte) bool {
	if len(data) < 12 {
		return false
	}
	var next int
	switch {
	case data[4]>>6 == 1: // MPEG-2: '01', SCR with markers, mux rate, stuffing
		if len(data) < 14 || data[4]&0x04 == 0 || data[6]&0x04 == 0 || data[8]&0x04 == 0 ||
			data[9]&0x01 == 0 || data[12]&0x03 != 0x03 {
			return false
		}
		next = 14 + int(data[13]&0x07)
	case data[4]>>4 == 2: // MPEG-1: '0010', SCR with markers, mux rate
		if data[4]&0x01 == 0 || data[6]&0x01 == 0 || data[8]&0x01 == 0 || data[9]&0x80 == 0 || data[11]&0x01 == 0 {
			return false
		}
		next = 12
	default:
		return false
	}
	return next+4 <= len(data) && data[next] == 0 && data[next+1] == 0 && data[next+2] == 1 && data[next+3] >= 0xb9
}
