package lexicon_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/quidit/quidit/lexicon/gen/build"
)

var sourcesDir = flag.String("sources", envOr("QUIDIT_SOURCES", "../../shared/sources"),
	"raw gazetteer sources for TestGenerateReproducible (default: ../shared/sources from the repository root)")

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// TestGenerateReproducible re-runs the generator into a temporary directory
// and checks that the committed lexicon/data files are byte for byte what it
// writes, and that it writes no other file.
func TestGenerateReproducible(t *testing.T) {
	if st, err := os.Stat(*sourcesDir); err != nil || !st.IsDir() {
		t.Skipf("sources %s not found: set -sources or QUIDIT_SOURCES", *sourcesDir)
	}
	out := t.TempDir()
	if _, err := build.Run(build.Config{Sources: *sourcesDir, Curated: "curated", Out: out}); err != nil {
		t.Fatal(err)
	}
	got, _ := filepath.Glob(filepath.Join(out, "*.tsv"))
	want, _ := filepath.Glob("data/*.tsv")
	if len(got) != len(want) {
		t.Errorf("generator writes %d files, lexicon/data holds %d: run make lexicon", len(got), len(want))
	}
	for _, g := range got {
		name := filepath.Base(g)
		a, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join("data", name))
		if err != nil {
			t.Errorf("lexicon/data/%s missing: run make lexicon", name)
			continue
		}
		if !bytes.Equal(a, b) {
			la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
			for i := 0; i < len(la) && i < len(lb); i++ {
				if !bytes.Equal(la[i], lb[i]) {
					t.Errorf("lexicon/data/%s differs from the generator's output at line %d:\n got  %q\n want %q\nrun make lexicon", name, i+1, lb[i], la[i])
					break
				}
			}
			if len(la) != len(lb) {
				t.Errorf("lexicon/data/%s has %d lines, the generator writes %d: run make lexicon", name, len(lb), len(la))
			}
		}
	}
}

// TestGenerateDeterministic checks that two runs give the same bytes.
func TestGenerateDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	if st, err := os.Stat(*sourcesDir); err != nil || !st.IsDir() {
		t.Skipf("sources %s not found", *sourcesDir)
	}
	cfg := build.Config{Sources: *sourcesDir, Curated: "curated"}
	a, err := build.Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, err := build.Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}
