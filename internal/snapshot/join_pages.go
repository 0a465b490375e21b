package snapshot

// joinPages concatenates one field of the per-page parts of a list into a
// slice of exactly their total length. The largest lists (100,000 users at
// the target size) are converted page by page into parts and joined
// once at the end: appending every page to one slice instead would leave it
// up to a quarter longer than its length for the rest of the plan, and copy
// it at each growth.
func joinPages[P, T any](pages []P, field func(P) []T) []T {
	n := 0
	for _, p := range pages {
		n += len(field(p))
	}
	if n == 0 {
		return nil
	}
	out := make([]T, 0, n)
	for _, p := range pages {
		out = append(out, field(p)...)
	}
	return out
}
