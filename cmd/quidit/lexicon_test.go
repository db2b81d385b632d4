package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLexiconCommand(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.tsv")
	os.WriteFile(bad, []byte("PERSON\tx\tX\t-\t-\nPERSONNE\ty\tY\t-\t-\n"), 0o644)
	good := filepath.Join(dir, "good.tsv")
	os.WriteFile(good, []byte("ORGANIZATION\tteria\tTeria\tTeria News\tkind=media\n"), 0o644)
	for _, c := range []struct {
		name       string
		args       []string
		code       int
		out, noOut string // substrings of stdout that must (not) be there
		errOut     string // substring of stderr
	}{
		{"lookup city", []string{"lookup", "Tours"}, exitOK, "LOCATION insee:37261 \"Tours\" via lexicon", "", ""},
		{"lookup guard", []string{"lookup", "Tours"}, exitOK, "matches only after a preposition of place", "", ""},
		{"lookup lower", []string{"lookup", "paris"}, exitOK, "not as written here", "", ""},
		{"lookup article", []string{"lookup", "le Kremlin"}, exitOK, "ORGANIZATION kremlin", "", ""},
		{"lookup speech verb", []string{"lookup", "martèle"}, exitOK, "SPEECHVERB \"marteler\"", "", ""},
		{"lookup nothing", []string{"lookup", "zzzqx"}, exitOK, "no match", "", ""},
		{"stats", []string{"stats"}, exitOK, "COUNTRY", "", ""},
		{"user file", []string{"--lexicon", good, "lookup", "Teria News"}, exitOK, "ORGANIZATION teria", "", ""},
		{"no default", []string{"--no-default-lexicon", "--lexicon", good, "lookup", "Tours"}, exitOK, "no match", "LOCATION", ""},
		{"no default stats", []string{"--no-default-lexicon", "--lexicon", good, "stats"}, exitOK, "total              1", "", ""},
		{"malformed", []string{"--lexicon", bad, "stats"}, exitFailure, "", "COUNTRY", bad + ":2: unknown type \"PERSONNE\""},
		{"missing file", []string{"--lexicon", filepath.Join(dir, "none.tsv"), "stats"}, exitFailure, "", "", "none.tsv"},
		{"no subcommand", nil, exitUsage, "", "", "want a subcommand"},
		{"unknown subcommand", []string{"frobnicate"}, exitUsage, "", "", "unknown subcommand"},
		{"lookup without form", []string{"lookup"}, exitUsage, "", "", "want a FORM"},
		{"bad flag", []string{"--nope", "stats"}, exitUsage, "", "", "unknown flag"},
		{"help", []string{"--help"}, exitOK, "quidit lexicon lookup", "", ""},
	} {
		var out, errb bytes.Buffer
		code := runLexicon(c.args, strings.NewReader(""), &out, &errb)
		if code != c.code {
			t.Errorf("%s: exit %d, want %d (stderr %q)", c.name, code, c.code, errb.String())
		}
		if c.out != "" && !strings.Contains(out.String(), c.out) {
			t.Errorf("%s: stdout lacks %q:\n%s", c.name, c.out, out.String())
		}
		if c.noOut != "" && strings.Contains(out.String(), c.noOut) {
			t.Errorf("%s: stdout has %q:\n%s", c.name, c.noOut, out.String())
		}
		if c.errOut != "" && !strings.Contains(errb.String(), c.errOut) {
			t.Errorf("%s: stderr lacks %q: %q", c.name, c.errOut, errb.String())
		}
	}
}
