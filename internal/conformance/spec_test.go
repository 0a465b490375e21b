package conformance

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// The official specs are vendored (gzipped) in testdata so the suite runs
// wherever the repository is checked out; TestSpecCopiesCurrent compares them
// with the shared copies when those are present.
const (
	adminSpecFile      = "openai-openapi.yaml"
	complianceSpecFile = "chatgpt-compliance-openapi-1.1.1.json"
)

var (
	specsOnce          sync.Once
	adminDoc, complDoc *openapi3.T
	specsErr           error
)

func readGz(name string) ([]byte, error) {
	f, err := os.Open(filepath.Join("testdata", name+".gz"))
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

func loadSpec(name string) (*openapi3.T, error) {
	b, err := readGz(name)
	if err != nil {
		return nil, err
	}
	return openapi3.NewLoader().LoadFromData(b)
}

// specs returns the parsed Admin and Compliance specs.
func specs(t *testing.T) (*openapi3.T, *openapi3.T) {
	t.Helper()
	specsOnce.Do(func() {
		if adminDoc, specsErr = loadSpec(adminSpecFile); specsErr != nil {
			return
		}
		complDoc, specsErr = loadSpec(complianceSpecFile)
	})
	if specsErr != nil {
		t.Fatalf("loading the vendored specs: %v", specsErr)
	}
	return adminDoc, complDoc
}

// TestSpecCopiesCurrent fails when the vendored specs differ from the shared
// copies next to the repository (../shared/api), so an updated spec is noticed.
func TestSpecCopiesCurrent(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared", "api")
	for _, name := range []string{adminSpecFile, complianceSpecFile} {
		want, err := os.ReadFile(filepath.Join(shared, name))
		if err != nil {
			t.Skipf("no shared spec copy to compare with: %v", err)
		}
		got, err := readGz(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("testdata/%s.gz differs from %s: refresh it with gzip -9 -c %s > testdata/%s.gz",
				name, filepath.Join(shared, name), filepath.Join(shared, name), name)
		}
	}
}
