package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFormatHTML runs quidit --format html on the CLI test inputs: one page on
// stdout for a JSONL dump with titles and failing records, and one page per
// document with -o DIR.
func TestFormatHTML(t *testing.T) {
	t.Chdir("../../testdata/cli")
	sectionRE := regexp.MustCompile(`<section class="doc( error-record)?" id="(d\d+)">\n<h2 class="doc-id">([^<]*)</h2>`)
	tests := []struct {
		name     string
		args     []string
		exit     int
		sections []string // "id" of each document in order, "!id" for an error record
		headline int      // titles shown
	}{
		{name: "one article", args: []string{"--quiet", "--format", "html", "dir/a.txt"}, sections: []string{"dir/a.txt"}},
		{name: "a dump with titles", args: []string{"--quiet", "--format", "html", "--jsonl", "good.jsonl"},
			sections: []string{"g1", "g2", "g3"}, headline: 1},
		{name: "failed records", args: []string{"--quiet", "--format", "html", "--jsonl", "bad.jsonl"}, exit: exitFailure,
			sections: []string{"ok1", "!bad.jsonl:2", "!notext", "!numtext", "!bad.jsonl:5", "!nul", "empty", "spaces",
				"bad.jsonl:10", "17", "!bad.jsonl:12", "!badtitle", "!bad.jsonl:14"}, headline: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, strings.NewReader(""), &stdout, &stderr); code != tt.exit {
				t.Fatalf("exit %d, want %d\n%s", code, tt.exit, stderr.String())
			}
			page := stdout.String()
			if !strings.HasPrefix(page, "<!DOCTYPE html>") || !strings.HasSuffix(page, "</html>\n") || strings.Count(page, "<html") != 1 {
				t.Fatalf("not one page:\n%.500s", page)
			}
			var got []string
			errs := 0
			for _, m := range sectionRE.FindAllStringSubmatch(page, -1) {
				if m[1] != "" {
					errs++
					got = append(got, "!"+m[3])
				} else {
					got = append(got, m[3])
				}
			}
			if tt.sections != nil && strings.Join(got, " ") != strings.Join(tt.sections, " ") {
				t.Errorf("sections %v, want %v", got, tt.sections)
			}
			if tt.exit == exitFailure && (errs == 0 || !strings.Contains(page, `Error: bad.jsonl:3: no &#34;text&#34; field`)) {
				t.Errorf("no error record shown for the failed records: %v", got)
			}
			if n := strings.Count(page, `<div class="headline"`); n != tt.headline {
				t.Errorf("%d titles shown, want %d", n, tt.headline)
			}
		})
	}

	t.Run("-o DIR", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "pages") + string(filepath.Separator)
		var stdout, stderr bytes.Buffer
		if code := run([]string{"--quiet", "--format", "html", "-o", dir, "--jsonl", "good.jsonl"}, strings.NewReader(""), &stdout, &stderr); code != exitOK {
			t.Fatalf("exit %d\n%s", code, stderr.String())
		}
		if stdout.Len() != 0 {
			t.Errorf("stdout: %q", stdout.String())
		}
		for _, f := range []string{"index.html", "g1.html", "g2.html", "g3.html"} {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Error(err)
				continue
			}
			if !bytes.HasSuffix(b, []byte("</html>\n")) {
				t.Errorf("%s is not a whole page", f)
			}
		}
	})
}
