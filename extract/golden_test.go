package extract_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/quidit/quidit/extract"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden runs the default pipeline on every testdata/*.txt article and
// compares its JSON with testdata/*.golden.json (rewrite with -update).
func TestGolden(t *testing.T) {
	x := defaultExtractor(t)
	files, _ := filepath.Glob("../testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no testdata articles")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, err := x.Extract(filepath.Base(f), string(text))
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := extract.WriteJSON(&got, d, true); err != nil {
				t.Fatal(err)
			}
			golden := f[:len(f)-len(".txt")] + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./extract -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s differs from %s; run go test ./extract -run TestGolden -update and review the diff", f, golden)
			}
		})
	}
}
