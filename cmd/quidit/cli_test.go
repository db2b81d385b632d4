package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// cliCase is one case of testdata/cli/cases.txt.
type cliCase struct {
	name      string
	line      int // of the "===" line
	args      []string
	exit      int
	lines     int // -1: not checked
	stdinFile string
	file      string
	sections  map[string]string // "stdin", "stdout", "stdout contains", ...
}

// readCases parses the cases file (format in its header).
func readCases(t *testing.T, path string) []*cliCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []*cliCase
	var c *cliCase
	section := ""
	for i, line := range strings.SplitAfter(string(data), "\n") {
		bare := strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(bare, "=== "):
			c = &cliCase{name: bare[4:], line: i + 1, exit: -1, lines: -1, sections: map[string]string{}}
			cases = append(cases, c)
			section = ""
		case c == nil:
			// the header comment
		case strings.HasPrefix(bare, "--- "):
			section = bare[4:]
			c.sections[section] += ""
		case section != "":
			c.sections[section] += line
		case bare == "" || strings.HasPrefix(bare, "#"):
		default:
			k, v, ok := strings.Cut(bare, ": ")
			if !ok {
				k, v, ok = strings.Cut(bare, ":")
			}
			if !ok {
				t.Fatalf("%s:%d: not a header line: %q", path, i+1, bare)
			}
			switch k {
			case "args":
				c.args = splitArgs(v)
			case "exit":
				c.exit, err = strconv.Atoi(v)
			case "lines":
				c.lines, err = strconv.Atoi(v)
			case "stdin-file":
				c.stdinFile = v
			case "file":
				c.file = v
			default:
				t.Fatalf("%s:%d: unknown header %q", path, i+1, k)
			}
			if err != nil {
				t.Fatalf("%s:%d: %v", path, i+1, err)
			}
		}
	}
	for _, c := range cases {
		if c.exit < 0 {
			t.Fatalf("%s:%d: case %q has no exit line", path, c.line, c.name)
		}
		// A section runs up to the next header: drop the blank lines that
		// separate cases.
		for k, v := range c.sections {
			if v = strings.TrimRight(v, "\n"); v != "" {
				v += "\n"
			}
			c.sections[k] = v
		}
	}
	return cases
}

// splitArgs splits s on blanks; '...' and "..." quote.
func splitArgs(s string) []string {
	var args []string
	var cur strings.Builder
	in, quote := false, rune(0)
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				args = append(args, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		args = append(args, cur.String())
	}
	return args
}

// containsInOrder reports the first line of want not found in got after the
// previous one, or "".
func containsInOrder(got, want string) string {
	for _, w := range strings.Split(strings.TrimSuffix(want, "\n"), "\n") {
		i := strings.Index(got, w)
		if i < 0 {
			return w
		}
		got = got[i+len(w):]
	}
	return ""
}

// TestCLI runs testdata/cli/cases.txt against run with in-memory streams.
func TestCLI(t *testing.T) {
	t.Chdir("../../testdata/cli")
	for _, c := range readCases(t, "cases.txt") {
		t.Run(c.name, func(t *testing.T) {
			tmp := t.TempDir()
			args := make([]string, len(c.args))
			for i, a := range c.args {
				args[i] = strings.ReplaceAll(a, "$TMP", tmp)
			}
			var stdin []byte
			if c.stdinFile != "" {
				var err error
				if stdin, err = os.ReadFile(c.stdinFile); err != nil {
					t.Fatal(err)
				}
			} else {
				stdin = []byte(c.sections["stdin"])
			}
			var stdout, stderr bytes.Buffer
			code := run(args, bytes.NewReader(stdin), &stdout, &stderr)
			where := "cases.txt:" + strconv.Itoa(c.line)
			if code != c.exit {
				t.Errorf("%s: exit %d, want %d\nstderr:\n%s", where, code, c.exit, stderr.String())
			}
			if c.lines >= 0 {
				if n := strings.Count(stdout.String(), "\n"); n != c.lines {
					t.Errorf("%s: %d lines on stdout, want %d\n%s", where, n, c.lines, stdout.String())
				}
			}
			outputs := map[string]string{"stdout": stdout.String(), "stderr": stderr.String()}
			if c.file != "" {
				b, err := os.ReadFile(strings.ReplaceAll(c.file, "$TMP", tmp))
				if err != nil {
					t.Errorf("%s: %v", where, err)
				}
				outputs["file"] = string(b)
			}
			for k, want := range c.sections {
				if k == "stdin" {
					continue
				}
				stream, contains := strings.CutSuffix(k, " contains")
				got, ok := outputs[stream]
				if !ok {
					t.Fatalf("%s: unknown section %q", where, k)
				}
				if contains {
					if miss := containsInOrder(got, want); miss != "" {
						t.Errorf("%s: %s lacks (in order) %q\n%s:\n%s", where, stream, miss, stream, got)
					}
				} else if got != want {
					t.Errorf("%s: %s\ngot:\n%s\nwant:\n%s", where, stream, got, want)
				}
			}
		})
	}
}

// checkJSONL checks that out is one valid JSON object a line, n lines, each
// with an id, and returns the ids.
func checkJSONL(t *testing.T, out []byte, n int) []string {
	t.Helper()
	var ids []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<30)
	for sc.Scan() {
		var rec struct {
			ID    *string `json:"id"`
			Error string  `json:"error"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil || rec.ID == nil {
			t.Fatalf("output line %d is not a record with an id (%v): %.200s", len(ids)+1, err, sc.Text())
		}
		ids = append(ids, *rec.ID)
	}
	if len(ids) != n {
		t.Fatalf("%d output lines, want %d", len(ids), n)
	}
	return ids
}

// TestWorkersDeterministic checks that the output is byte for byte the same
// whatever the number of workers.
func TestWorkersDeterministic(t *testing.T) {
	inputs := []string{"../../testdata/cli/good.jsonl", "../../testdata/cli/bad.jsonl", "../../testdata/cli/good.jsonl.gz"}
	dev := "../../../shared/data/winer-fr/winer-fr.2017.jsonl"
	if _, err := os.Stat(dev); err == nil && !testing.Short() {
		inputs = append(inputs, dev)
	}
	var first []byte
	for _, w := range []string{"1", "2", "5"} {
		var stdout, stderr bytes.Buffer
		args := append([]string{"-q", "--jsonl", "--workers", w}, inputs...)
		if code := run(args, strings.NewReader(""), &stdout, &stderr); code != exitFailure {
			t.Fatalf("--workers %s: exit %d, want %d (bad.jsonl has bad records)\n%s", w, code, exitFailure, stderr.String())
		}
		if first == nil {
			first = stdout.Bytes()
			continue
		}
		if !bytes.Equal(stdout.Bytes(), first) {
			t.Errorf("--workers %s: output differs from --workers 1", w)
		}
	}
}

// TestLongLine feeds a long single line between two small records: it yields
// one error record (a document over the size limit) and the records around
// it are processed. Past six times the limit (plus 64 KiB), the line is not
// even decoded.
func TestLongLine(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		size    int
		id, err string
	}{
		{"3MB line, default limit", nil, 3 << 20, "huge", "quidit: -:2: document is 3"},
		{"50MB line, default limit", nil, 50 << 20, "-:2", "quidit: -:2: line longer than 12648448 bytes"},
		{"100kB line, 1k limit", []string{"--max-bytes", "1k"}, 100 << 10, "-:2", "quidit: -:2: line longer than 71680 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in bytes.Buffer
			in.WriteString(`{"id": "before", "text": "Bonjour."}` + "\n")
			in.WriteString(`{"id": "huge", "text": "`)
			for in.Len() < tt.size {
				in.WriteString("Paris ")
			}
			in.WriteString("\"}\n")
			in.WriteString(`{"id": "after", "text": "Bonsoir."}` + "\n")
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"-q", "--jsonl"}, tt.args...), &in, &stdout, &stderr)
			if code != exitFailure {
				t.Errorf("exit %d, want %d", code, exitFailure)
			}
			ids := checkJSONL(t, stdout.Bytes(), 3)
			want := []string{"before", tt.id, "after"}
			for i := range want {
				if ids[i] != want[i] {
					t.Errorf("record %d: id %q, want %q", i+1, ids[i], want[i])
				}
			}
			if !strings.Contains(stderr.String(), tt.err) {
				t.Errorf("stderr lacks %q:\n%s", tt.err, stderr.String())
			}
		})
	}
}

// TestGuillemets feeds an article of nothing but « (and one of »): each is a
// record, analysed without failing.
func TestGuillemets(t *testing.T) {
	var in bytes.Buffer
	for _, g := range []string{"« ", "» ", "«"} {
		in.WriteString(`{"text": "`)
		in.WriteString(strings.Repeat(g, 20000))
		in.WriteString("\"}\n")
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-q", "--jsonl"}, &in, &stdout, &stderr); code != exitOK {
		t.Errorf("exit %d, want %d\n%s", code, exitOK, stderr.String())
	}
	checkJSONL(t, stdout.Bytes(), 3)
}

// TestOutputFileOverwrite checks that -o replaces an existing file and
// writes nothing on stdout.
func TestOutputFileOverwrite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.jsonl")
	if err := os.WriteFile(out, bytes.Repeat([]byte("old\n"), 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"-q", "-o", out, "-"}, strings.NewReader("Emmanuel Macron."), &stdout, &stderr)
	if code != exitOK || stdout.Len() != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	checkJSONL(t, b, 1)
}
