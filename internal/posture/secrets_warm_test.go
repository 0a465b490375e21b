package posture

import (
	"testing"

	"github.com/zricethezav/gitleaks/v8/detect"
)

// WarmSecretEngine leaves the default selection's detector cached, so the
// first scan of a plan builds nothing.
func TestWarmSecretEngineCachesTheDefaultDetector(t *testing.T) {
	secretDetectors.Lock()
	saved := secretDetectors.byKey
	secretDetectors.byKey = map[string]*detect.Detector{}
	secretDetectors.Unlock()
	t.Cleanup(func() { secretDetectors.Lock(); secretDetectors.byKey = saved; secretDetectors.Unlock() })

	WarmSecretEngine()
	secretDetectors.Lock()
	warmed, ok := secretDetectors.byKey[""]
	secretDetectors.Unlock()
	if !ok {
		t.Fatal("no detector cached for the default selection after WarmSecretEngine")
	}
	if d, err := secretDetector(nil); err != nil || d != warmed {
		t.Fatalf("secretDetector(nil) = %p, %v; want the warmed %p", d, err, warmed)
	}
}
