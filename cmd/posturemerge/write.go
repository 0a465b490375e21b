package main

import (
	"fmt"
	"os"
	"path/filepath"
)

type pendingFile struct {
	path string
	data []byte
}

// writeAll writes every file to a temporary file beside it, and renames
// them into place only once all are written: a failure leaves the old
// files (or none), never a partial one.
func writeAll(files []pendingFile) error {
	var temps []string
	cleanup := func() {
		for _, t := range temps {
			_ = os.Remove(t)
		}
	}
	for _, f := range files {
		tmp, err := os.CreateTemp(filepath.Dir(f.path), "."+filepath.Base(f.path)+".tmp-*")
		if err != nil {
			cleanup()
			return fmt.Errorf("writing %s: %w", f.path, err)
		}
		temps = append(temps, tmp.Name())
		_, err = tmp.Write(f.data)
		if err == nil {
			err = tmp.Sync()
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(tmp.Name(), 0o644)
		}
		if err != nil {
			cleanup()
			return fmt.Errorf("writing %s: %w", f.path, err)
		}
	}
	for i, f := range files {
		if err := os.Rename(temps[i], f.path); err != nil {
			cleanup()
			return fmt.Errorf("writing %s: %w", f.path, err)
		}
	}
	return nil
}
