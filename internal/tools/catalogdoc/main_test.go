package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

const (
	demoPath  = "../../../examples/demo/main.tf"
	guidePath = "../../../templates/guides/check-catalog.md.tmpl"
)

// TestGuideUpToDate fails when the committed check catalog guide differs from
// what the generator writes from the current catalog and example baseline.
func TestGuideUpToDate(t *testing.T) {
	demo, err := os.ReadFile(demoPath)
	if err != nil {
		t.Fatal(err)
	}
	want, err := render(demo)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(guidePath)
	if err != nil {
		t.Fatalf("%v; run: go generate ./internal/tools/catalogdoc && make docs", err)
	}
	if string(got) == want {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(want, "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("%s is stale (first difference at line %d):\n  committed: %q\n  generated: %q\nrun: go generate ./internal/tools/catalogdoc && make docs, and commit templates/ and docs/",
				filepath.Clean(guidePath), i+1, g, w)
		}
	}
}

// TestEveryCheckDocumented: each check has its section, its summary row and
// its example block.
func TestEveryCheckDocumented(t *testing.T) {
	demo, err := os.ReadFile(demoPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := render(demo)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range posture.Catalog() {
		for _, want := range []string{
			"### `" + c.ID + "`: ",
			"| `" + c.ID + "` |",
			"check       = \"" + c.ID + "\"",
			"(#" + anchor(c) + ")",
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("check %s: the guide lacks %q", c.ID, want)
			}
		}
	}
	if strings.Contains(doc, "var.") || strings.Contains(doc, "local.") {
		t.Error("example blocks must not refer to variables or locals of the example baseline")
	}
}

func TestRenderFailsWithoutExampleBlock(t *testing.T) {
	_, err := render([]byte("resource \"openai_posture_check\" \"x\" {\n  check = \"admin_key_rotation\"\n}\n"))
	if err == nil || !strings.Contains(err.Error(), "no openai_posture_check block for") {
		t.Fatalf("want an error naming the checks without a block, got %v", err)
	}
}

func TestDemoBlocksKeepComments(t *testing.T) {
	src := "# one\n# two\nresource \"openai_posture_check\" \"a\" {\n  check = \"a\"\n  parameters = {\n    x = 1\n  }\n}\n\nresource \"openai_posture_check\" \"b\" {\n  check = \"b\"\n}\n"
	blocks, err := demoBlocks(src)
	if err != nil {
		t.Fatal(err)
	}
	if want := "# one\n# two\nresource \"openai_posture_check\" \"a\" {\n  check = \"a\"\n  parameters = {\n    x = 1\n  }\n}"; blocks["a"] != want {
		t.Errorf("block a = %q, want %q", blocks["a"], want)
	}
	if want := "resource \"openai_posture_check\" \"b\" {\n  check = \"b\"\n}"; blocks["b"] != want {
		t.Errorf("block b = %q, want %q", blocks["b"], want)
	}
}

func TestDemoBlocksResolveLocals(t *testing.T) {
	src := "locals {\n  patterns = [\"*.pem\"]\n  declarations = {\n    dlp_gpt_file = { patterns = local.patterns }\n  }\n}\n\nresource \"openai_posture_check\" \"a\" {\n  check      = \"dlp_gpt_file\"\n  parameters = local.declarations.dlp_gpt_file\n}\n"
	blocks, err := demoBlocks(src)
	if err != nil {
		t.Fatal(err)
	}
	if want := "  parameters = { patterns = [\"*.pem\"] }"; !strings.Contains(blocks["dlp_gpt_file"], want) {
		t.Errorf("block = %q, want it to contain %q", blocks["dlp_gpt_file"], want)
	}
	if _, err := demoBlocks("resource \"openai_posture_check\" \"a\" {\n  check      = \"x\"\n  parameters = local.nowhere\n}\n"); err == nil {
		t.Error("an unresolvable local must be an error")
	}
}
