package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinyCorpus writes n small WiNER-fr documents, each naming a person, a
// place and an organisation (code-point offsets), and returns the file.
func tinyCorpus(t *testing.T, n int) string {
	t.Helper()
	var b bytes.Buffer
	people := []string{"Jean Dupont", "Marie Curie", "Paul Martin", "Anne Morel"}
	places := []string{"Lyon", "Marseille", "Nantes", "Lille"}
	orgs := []string{"Flydubai", "Airbus", "Sanofi", "Danone"}
	for i := range n {
		p, l, o := people[i%4], places[(i+1)%4], orgs[(i+2)%4]
		text := "Le président " + p + " est arrivé à " + l + " où la société " + o + " a parlé."
		at := func(s string) int { return len([]rune(text[:strings.Index(text, s)])) }
		ents := []map[string]any{
			{"type": "Person", "start": at(p), "end": at(p) + len([]rune(p))},
			{"type": "Location", "start": at(l), "end": at(l) + len([]rune(l))},
			{"type": "Organization", "start": at(o), "end": at(o) + len([]rune(o))},
		}
		line, err := json.Marshal(map[string]any{"id": fmt.Sprintf("doc-%d", i), "text": text, "entities": ents})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	path := filepath.Join(t.TempDir(), "tiny.jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunCrossValidation(t *testing.T) {
	data := tinyCorpus(t, 8)
	errs := filepath.Join(t.TempDir(), "errors.txt")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-data", data, "-cv", "2", "-iters", "3", "-errors", errs}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	out := stdout.String()
	if !strings.HasPrefix(out, "2-fold cross-validation on 8 documents") {
		t.Errorf("report starts %q", out)
	}
	for _, row := range []string{"\nLocation         8 |", "\nOrganization     8 |", "\nPerson           8 |", "\nmicro           24 |"} {
		if !strings.Contains(out, row) {
			t.Errorf("report lacks the row %q:\n%s", row, out)
		}
	}
	if _, err := os.Stat(errs); err != nil {
		t.Errorf("no error list: %v", err)
	}
}

func TestRunBadFolds(t *testing.T) {
	data := tinyCorpus(t, 3)
	var stdout, stderr bytes.Buffer
	for _, k := range []string{"1", "4"} {
		stderr.Reset()
		if code := run([]string{"-data", data, "-cv", k}, &stdout, &stderr); code != 2 {
			t.Errorf("-cv %s on 3 documents: exit %d, want 2", k, code)
		}
		if !strings.Contains(stderr.String(), "want 2 to 3 folds") {
			t.Errorf("-cv %s: stderr %q", k, stderr.String())
		}
	}
}

func TestRunWritesModel(t *testing.T) {
	data := tinyCorpus(t, 4)
	out := filepath.Join(t.TempDir(), "ner.bin")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-data", data, "-out", out, "-iters", "2"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("QNER1\n")) {
		t.Errorf("model file: %v, starts %q", err, b[:min(len(b), 6)])
	}
	if !strings.Contains(stderr.String(), "train: 4 docs") {
		t.Errorf("stderr %q", stderr.String())
	}
}
