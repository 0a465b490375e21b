package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

type pendingFile struct {
	path string
	data []byte
}

// rename is os.Rename; tests replace it to make one rename fail.
var rename = os.Rename

// checkTargets refuses, before anything is written, two outputs that are the
// same file (the second would silently replace the first) and a target that
// exists but is not a regular file.
func checkTargets(files []pendingFile) error {
	seen := map[string]string{}
	var infos []os.FileInfo
	for _, f := range files {
		abs, err := filepath.Abs(f.path)
		if err != nil {
			return fmt.Errorf("writing %s: %w", f.path, err)
		}
		if prev, dup := seen[abs]; dup {
			return usageError{fmt.Sprintf("%s and %s are the same file: give each output its own path", prev, f.path)}
		}
		seen[abs] = f.path
		fi, err := os.Stat(f.path)
		switch {
		case os.IsNotExist(err):
			continue
		case err != nil:
			return fmt.Errorf("writing %s: %w", f.path, err)
		case !fi.Mode().IsRegular():
			return fmt.Errorf("writing %s: exists and is not a regular file", f.path)
		}
		for i, other := range infos {
			if other != nil && os.SameFile(other, fi) {
				return usageError{fmt.Sprintf("%s and %s are the same file (a link): give each output its own path", files[i].path, f.path)}
			}
		}
		infos = append(infos, fi)
	}
	return nil
}

// writeAll writes the files as a set: every file goes to a temporary file
// beside its target first; an existing target is kept aside (a hard link,
// or a copy where links are not supported); only then are the temporary
// files renamed into place. When a rename fails, the targets already
// replaced are put back, so the outputs stay a consistent pair: all new or
// all as before. The limit: no filesystem renames two files atomically, so
// a crash (power loss, SIGKILL) between two renames can still leave one new
// and one old file; a reader that must be sure compares the two files'
// organizations (both list them).
func writeAll(files []pendingFile) error {
	if err := checkTargets(files); err != nil {
		return err
	}
	var temps, backups []string
	cleanup := func() {
		for _, t := range append(temps, backups...) {
			if t != "" {
				_ = os.Remove(t)
			}
		}
	}
	for _, f := range files {
		tmp, err := writeTemp(f.path, "tmp", f.data)
		if err != nil {
			cleanup()
			return fmt.Errorf("writing %s: %w", f.path, err)
		}
		temps = append(temps, tmp)
	}
	for _, f := range files {
		bak, err := keepAside(f.path)
		if err != nil {
			cleanup()
			return fmt.Errorf("writing %s: keeping the previous file: %w", f.path, err)
		}
		backups = append(backups, bak)
	}
	for i, f := range files {
		if err := rename(temps[i], f.path); err != nil {
			// Put back what was already replaced.
			for j := i - 1; j >= 0; j-- {
				if backups[j] != "" {
					if rerr := os.Rename(backups[j], files[j].path); rerr == nil {
						backups[j] = ""
					}
				} else {
					_ = os.Remove(files[j].path)
				}
			}
			cleanup()
			return fmt.Errorf("writing %s: %w (the other outputs were left as they were)", f.path, err)
		}
		temps[i] = ""
	}
	cleanup() // the backups
	return nil
}

// writeTemp writes data to a new file beside path, synced and readable.
func writeTemp(path, kind string, data []byte) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"."+kind+"-*")
	if err != nil {
		return "", err
	}
	_, err = tmp.Write(data)
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
		_ = os.Remove(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
}

// keepAside returns a second name for path's current content ("" when path
// does not exist), leaving path in place.
func keepAside(path string) (string, error) {
	if _, err := os.Lstat(path); os.IsNotExist(err) {
		return "", nil
	}
	name := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".previous")
	_ = os.Remove(name) // left by an earlier crash
	if err := os.Link(path, name); err == nil {
		return name, nil
	}
	src, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer src.Close()
	data, err := io.ReadAll(src)
	if err != nil {
		return "", err
	}
	return writeTemp(path, "previous", data)
}
