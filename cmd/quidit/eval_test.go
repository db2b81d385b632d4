package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// evalFiles writes a small gold set into a temporary directory and returns it.
// Text of doc "a": "Jean Dupont est allé à Paris." ("Jean Dupont" 0-11, "Paris" 23-28);
// doc "b": "Il a dit « oui » hier." (« oui » 9-16, "dit" 5-8).
func evalFiles(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"gold.jsonl": `{"id": "a", "text": "Jean Dupont est allé à Paris.", "entities": [{"type": "Person", "start": 0, "end": 11}, {"type": "Location", "start": 23, "end": 28}, {"type": "Date", "start": 0, "end": 4}]}` + "\n" +
			`{"id": "b", "text": "Il a dit « oui » hier.", "entities": []}` + "\n",
		"pred.jsonl": `{"id": "a", "entities": [{"id": "E1", "type": "PERSON", "name": "Dupont", "mentions": [{"text": "Dupont", "start": 5, "end": 11, "via": "coref"}]}, {"id": "E2", "type": "COUNTRY", "name": "Paris", "mentions": [{"text": "Paris", "start": 23, "end": 28}], "demonyms": [{"text": "allé", "start": 16, "end": 20, "via": "demonym"}]}], "quotes": []}` + "\n" +
			`{"id": "b", "entities": [{"id": "E1", "type": "PERSON", "name": "Paul", "mentions": []}], "quotes": [{"text": "oui", "start": 11, "end": 14, "kind": "direct", "speaker": "E1", "speaker_text": null, "cue": "dit"}]}` + "\n",
		"labels.2017.jsonl": `{"doc": "b", "start": 9, "end": 16, "text": "« oui »", "is_quote": true, "kind": "direct", "speaker": "Paul", "speaker_type": "PERSON", "cue": "a dit"}` + "\n",
		"notext.jsonl":      `{"doc": "b", "start": 9, "end": 16}` + "\n",
		"bad.jsonl":         "{\"id\": \"a\", \"text\": \"x\"}\nnot json\n",
		"lit/b.txt":         "Il a dit « oui » hier.",
		"lit/b.ann":         "T1\tCitation 9 16\t« oui »\nT2\tEntite 0 2\tIl\nR1\tSource Arg1:T2 Arg2:T1\nT3\tIntroducteur 5 8\tdit\nR2\tIntroduction Arg1:T3 Arg2:T1\n",
	}
	files["predbad.jsonl"] = files["pred.jsonl"] + "garbage\n"
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestEvalCLI(t *testing.T) {
	dir := evalFiles(t)
	in := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string // substrings, in order
		stderr string
	}{
		{"no task", nil, evalUsage, nil, "missing task"},
		{"unknown task", []string{"pos", "--gold", in("gold.jsonl")}, evalUsage, nil, `unknown task "pos"`},
		{"no gold", []string{"ner"}, evalUsage, nil, "missing --gold"},
		{"unknown flag", []string{"ner", "--gold", in("gold.jsonl"), "--bogus"}, evalUsage, nil, "unknown flag: --bogus"},
		{"errors file needs =", []string{"ner", "--gold", in("gold.jsonl"), "--errors", "out.txt"}, evalUsage, nil, "--errors=FILE"},
		{"no default without lexicon", []string{"ner", "--gold", in("gold.jsonl"), "--no-default-lexicon"}, evalUsage, nil, "needs at least one --lexicon"},
		{"litbank for ner", []string{"ner", "--litbank", in("lit")}, evalUsage, nil, "--litbank applies to quotes"},
		{"pred and lexicon", []string{"ner", "--gold", in("gold.jsonl"), "--pred", in("pred.jsonl"), "--lexicon-only"}, evalUsage, nil, "--pred does not run"},
		{"help", []string{"--help"}, evalOK, []string{"Usage:", "quidit eval ner", "--gold", "--errors"}, ""},
		{"gold missing", []string{"ner", "--gold", in("nothing.jsonl")}, evalFailure, nil, "no such file"},
		{"gold unreadable", []string{"ner", "--gold", in("bad.jsonl")}, evalFailure, nil, "bad.jsonl:2:"},
		{"gold without text", []string{"ner", "--gold", in("notext.jsonl")}, evalFailure, nil, "not WiNER-fr"},
		{"litbank unreadable", []string{"quotes", "--litbank", in("nothing")}, evalFailure, nil, "no such file"},
		{"labels without articles", []string{"quotes", "--gold", in("labels.2017.jsonl")}, evalUsage, nil, "--articles"},
		{"ner table", []string{"ner", "--gold", in("gold.jsonl"), "--pred", in("pred.jsonl")}, evalOK, []string{
			"2 documents, 0 without output",
			"Location           1 |      1      0  1.000  1.000  1.000 |      1      0  1.000  1.000  1.000",
			"Organization       0 |      0      0  0.000  0.000  0.000 |",
			"Person             1 |      1      0  0.000  0.000  0.000 |      1      0  1.000  1.000  1.000",
			"micro              2 |      2      0  0.500  0.500  0.500 |      2      0  1.000  1.000  1.000",
			"micro P 0.500 R 0.500 F1 0.500"}, ""},
		{"unreadable prediction lines", []string{"ner", "--gold", in("gold.jsonl"), "--pred", in("predbad.jsonl")}, evalOK,
			[]string{"2 documents, 0 without output, 1 unreadable prediction lines", "micro P 0.500"}, "1 unreadable lines skipped"},
		{"ignore via", []string{"ner", "--gold", in("gold.jsonl"), "--pred", in("pred.jsonl"), "--ignore-via", "demonym,coref"}, evalOK,
			[]string{"mentions found as demonym, coref left out", "Person             1 |      0      0  0.000  0.000  0.000 |", "micro P 1.000 R 0.500 F1 0.667"}, ""},
		{"with demonyms", []string{"ner", "--gold", in("gold.jsonl"), "--pred", in("pred.jsonl"), "--with-demonyms"}, evalOK,
			[]string{"demonyms scored as mentions", "Location           1 |      2      0  0.500  1.000  0.667 |", "micro P 0.333 R 0.500 F1 0.400"}, ""},
		{"with demonyms for quotes", []string{"quotes", "--gold", in("labels.2017.jsonl"), "--with-demonyms"}, evalUsage, nil, "--with-demonyms applies to ner"},
		{"ignore via for quotes", []string{"quotes", "--gold", in("labels.2017.jsonl"), "--ignore-via", "coref"}, evalUsage, nil, "--ignore-via applies to ner"},
		{"ner errors", []string{"ner", "--gold", in("gold.jsonl"), "--pred", in("pred.jsonl"), "--errors"}, evalOK, []string{
			"micro P 0.500",
			"# 2 errors",
			"FN Person       a:0-11 …[Jean Dupont] est allé à Paris.…  near pred Person 5-11 «Dupont»",
			"FP Person       a:5-11 …Jean [Dupont] est allé à Paris.…  near gold Person 0-11 «Jean Dupont»"}, ""},
		{"quotes table", []string{"quotes", "--gold", in("labels.2017.jsonl"), "--pred", in("pred.jsonl"), "--articles", in("gold.jsonl"), "--errors"}, evalOK, []string{
			"1 documents, 0 without output; 1 labelled spans",
			"    30%      1      1      0  1.000  1.000  1.000    1.000         1/1    1.000        1/1",
			"    80%      1      0      1  0.000  0.000  0.000    0.000         0/0    0.000        0/0",
			"quote P 1.000 R 1.000 F1 1.000 speaker-acc 1.000",
			"# 0 errors"}, ""},
		{"litbank", []string{"quotes", "--gold", in("lit"), "--pred", in("pred.jsonl")}, evalOK, []string{
			"quotes on " + in("lit") + ": 1 documents",
			"    30%      1      1      0  1.000  1.000  1.000    0.000         0/1    1.000        1/1"}, ""},
		{"litbank flag", []string{"quotes", "--litbank", in("lit"), "--pred", in("pred.jsonl")}, evalOK, []string{"30%      1      1      0"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runEval(tc.args, strings.NewReader(""), &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr %s", code, tc.code, stderr.String())
			}
			out := stdout.String()
			for _, w := range tc.stdout {
				i := strings.Index(out, w)
				if i < 0 {
					t.Errorf("stdout lacks %q:\n%s", w, stdout.String())
					break
				}
				out = out[i+len(w):]
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tc.stderr)
			}
			if tc.stderr == "" && stderr.Len() > 0 {
				t.Errorf("stderr: %s", stderr.String())
			}
		})
	}
}

func TestEvalJSON(t *testing.T) {
	dir := evalFiles(t)
	var stdout, stderr bytes.Buffer
	errFile := filepath.Join(dir, "errors.txt")
	code := runEval([]string{"ner", "--gold", filepath.Join(dir, "gold.jsonl"), "--pred", filepath.Join(dir, "pred.jsonl"), "--json", "--errors=" + errFile}, nil, &stdout, &stderr)
	if code != evalOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var rep struct {
		Task  string
		Docs  int
		Micro struct {
			Exact, Overlap struct {
				Gold, Pred, Right, Found int
				Precision, Recall, F1    float64
			}
		}
		Errors []any
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	if rep.Task != "ner" || rep.Docs != 2 || rep.Micro.Exact.Gold != 2 || rep.Micro.Exact.Right != 1 || rep.Micro.Exact.F1 != 0.5 || rep.Micro.Overlap.Found != 2 || rep.Errors != nil {
		t.Errorf("report %+v", rep)
	}
	b, err := os.ReadFile(errFile)
	if err != nil || !strings.Contains(string(b), "FP Person       a:5-11") {
		t.Errorf("errors file: %v\n%s", err, b)
	}

	// --json --errors: the errors go into the report.
	stdout.Reset()
	code = runEval([]string{"ner", "--gold", filepath.Join(dir, "gold.jsonl"), "--pred", filepath.Join(dir, "pred.jsonl"), "--json", "--errors"}, nil, &stdout, &stderr)
	if err := json.Unmarshal(stdout.Bytes(), &rep); code != evalOK || err != nil || len(rep.Errors) != 2 {
		t.Errorf("exit %d, %v, errors %v", code, err, rep.Errors)
	}
}

func TestEvalRunsExtractor(t *testing.T) {
	// Without --pred the extractor runs on every gold document; --write-pred
	// keeps its output, which scores the same when given back with --pred.
	dir := evalFiles(t)
	gold, written := filepath.Join(dir, "gold.jsonl"), filepath.Join(dir, "written.jsonl")
	var out1, out2, stderr bytes.Buffer
	if code := runEval([]string{"ner", "--gold", gold, "--write-pred", written}, nil, &out1, &stderr); code != evalOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if code := runEval([]string{"ner", "--gold", gold, "--pred", written}, nil, &out2, &stderr); code != evalOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(out1.String(), "2 documents, 0 without output") || out1.String() != out2.String() {
		t.Errorf("run:\n%s\nscored again:\n%s", out1.String(), out2.String())
	}
	b, _ := os.ReadFile(written)
	if n := strings.Count(string(b), "\n"); n != 2 {
		t.Errorf("%d predictions written, want 2", n)
	}
	// The articles of labels are found beside them by default: labels.2017.jsonl → ../winer-fr/winer-fr.2017.jsonl.
	os.MkdirAll(filepath.Join(dir, "q"), 0o755)
	os.MkdirAll(filepath.Join(dir, "winer-fr"), 0o755)
	lab, _ := os.ReadFile(filepath.Join(dir, "labels.2017.jsonl"))
	g, _ := os.ReadFile(gold)
	os.WriteFile(filepath.Join(dir, "q", "quotes.2017.jsonl"), lab, 0o644)
	os.WriteFile(filepath.Join(dir, "winer-fr", "winer-fr.2017.jsonl"), g, 0o644)
	out1.Reset()
	if code := runEval([]string{"quotes", "--gold", filepath.Join(dir, "q", "quotes.2017.jsonl")}, nil, &out1, &stderr); code != evalOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(out1.String(), "1 documents, 0 without output") {
		t.Errorf("quotes:\n%s", out1.String())
	}
}
