package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/quidit/quidit/extract/batch"
)

// The tests run pipelines on the in-process Prism runner, loopback
// environment: no Docker, no network.
func TestMain(m *testing.M) { ptest.MainWithDefault(m, "prism") }

// cli builds the quidit command once, in the main module, to compare its
// output with the pipeline's.
var cli = struct {
	once sync.Once
	path string
	err  error
}{}

func quiditCLI(t *testing.T) string {
	t.Helper()
	cli.once.Do(func() {
		dir, err := os.MkdirTemp("", "quidit-cli")
		if err != nil {
			cli.err = err
			return
		}
		cli.path = filepath.Join(dir, "quidit")
		cmd := exec.Command("go", "build", "-o", cli.path, "./cmd/quidit")
		cmd.Dir = "../.." // the main module, with its own go.sum
		out, err := cmd.CombinedOutput()
		if err != nil {
			cli.err = fmt.Errorf("go build quidit: %v\n%s", err, out)
		}
	})
	if cli.err != nil {
		t.Fatal(cli.err)
	}
	return cli.path
}

// runCLI runs quidit --jsonl on files with extra flags and returns its output
// lines. Exit status 1 (some records failed) is expected with bad inputs.
func runCLI(t *testing.T, flags []string, files ...string) []string {
	t.Helper()
	args := append([]string{"--jsonl", "--quiet", "--workers", "1"}, flags...)
	cmd := exec.Command(quiditCLI(t), append(args, files...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
		t.Fatalf("quidit: %v\n%s", err, stderr.String())
	}
	return lines(stdout.String())
}

// runPipeline runs the pipeline on Prism with o and returns its counters.
func runPipeline(t *testing.T, o *Options) map[string]int64 {
	t.Helper()
	extractors.Lock()
	clear(extractors.m) // count this pipeline's builds alone
	extractors.Unlock()
	p, s := beam.NewPipelineWithRoot()
	Build(s, o)
	res, err := ptest.RunWithMetrics(p)
	if err != nil {
		t.Fatalf("pipeline: %v", err)
	}
	return Counters(res)
}

func lines(s string) []string {
	var ls []string
	for _, l := range strings.Split(s, "\n") {
		if l != "" {
			ls = append(ls, l)
		}
	}
	return ls
}

func readLines(t *testing.T, glob string) []string {
	t.Helper()
	names, err := filepath.Glob(glob)
	if err != nil || len(names) == 0 {
		t.Fatalf("no output file %s (%v)", glob, err)
	}
	var ls []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, lines(string(b))...)
	}
	return ls
}

// writeDump writes the lines to path, gzip-compressed when it ends in .gz.
func writeDump(t *testing.T, path string, ls []string) {
	t.Helper()
	data := []byte(strings.Join(ls, "\n") + "\n")
	if strings.HasSuffix(path, ".gz") {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(data)
		zw.Close()
		data = buf.Bytes()
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// badInputs are the bad records of the batch issue and what their error
// records must say. Each must become one error record, never a failed bundle.
var badInputs = []struct {
	name, line string
	id         string // the error record's id; "" for the line's location
	error      string // a regular expression the message must match after "LOCATION: "
}{
	{"malformed JSON", `{"id": "cut", "text": "Emmanuel Macron a dit`, "", `^invalid JSON: `},
	{"not an object", `["id", "text"]`, "", `^not a JSON object$`},
	{"not JSON", `Emmanuel Macron a dit « bonjour ».`, "", `^not a JSON object$`},
	{"invalid UTF-8", "{\"id\": \"latin1\", \"text\": \"Fran\xe7ois Bayrou\"}", "", `^invalid UTF-8 at byte 30 of the line$`},
	{"no text field", `{"id": "notext", "body": "Texte ailleurs."}`, "notext", `^no "text" field$`},
	{"text not a string", `{"id": "numtext", "text": 42}`, "numtext", `^field "text" is a number, not a string$`},
	{"text an object", `{"id": "objtext", "text": {"fr": "Bonjour"}}`, "objtext", `^field "text" is an object, not a string$`},
	{"id an object", `{"id": {"n": 1}, "text": "Bonjour."}`, "", `^field "id" is an object, not a string or a number$`},
	{"title not a string", `{"id": "badtitle", "title": ["a"], "text": "Bonjour."}`, "badtitle", `^field "title" is an array, not a string$`},
	{"NUL byte", `{"id": "nul", "text": "avant\u0000après"}`, "nul", `^NUL byte at byte 5: binary data, not text$`},
	{"over the size limit", `{"id": "big", "text": ` + jsonString(strings.Repeat("Le président a parlé. ", 1000)) + `}`, "big", `^document is \d+ bytes, more than the limit of 20000$`},
	{"line over the size limit", `{"id": "huge", "text": ` + jsonString(strings.Repeat("Le président a parlé. ", 9000)) + `}`, "", `^line longer than 185536 bytes: document over the size limit of 20000 bytes$`},
	{"boolean id", `{"id": true, "text": "Bonjour."}`, "", `^field "id" is a boolean, not a string or a number$`},
	{"trailing garbage", `{"id": "tg", "text": "Bonjour."} {}`, "", `^invalid JSON: `},
	{"null line", `null`, "", `^not a JSON object$`},
	{"null text", `{"id": "nulltext", "text": null}`, "nulltext", `^no "text" field$`},
}

// dump returns the lines of the test dumps: good articles (the repository's
// test article, short ones with ids of both kinds, without id, with titles,
// empty), blank lines and the bad inputs, spread over two files, the second
// gzip-compressed.
func dump(t *testing.T) (plain, gz []string) {
	t.Helper()
	article, err := os.ReadFile("../../testdata/russie-etats-unis-bases.txt")
	if err != nil {
		t.Fatal(err)
	}
	plain = []string{
		`{"id": "russie-etats-unis-bases", "text": ` + jsonString(string(article)) + `}`,
		`{"id": 17, "title": "Macron à Berlin", "text": "« Nous avancerons ensemble », a déclaré Emmanuel Macron jeudi à Berlin, aux côtés d'Olaf Scholz."}`,
		``,
		`{"text": "Selon Jean Castex, « la situation reste fragile ». Le Premier ministre s'exprimait à Matignon."}`,
		`{"id": "vide", "text": ""}`,
		"   \t",
		`{"id": "crlf", "text": "Angela Merkel a salué l'accord conclu à Bruxelles."}` + "\r",
	}
	for i, b := range badInputs {
		if i%2 == 0 {
			plain = append(plain, b.line)
		} else {
			gz = append(gz, b.line)
		}
	}
	gz = append(gz,
		`{"id": "-3", "text": "Le ministre des Affaires étrangères russe, Sergueï Lavrov, a affirmé que Moscou « ne cédera pas »."}`,
		`{"id": "blanc", "text": "  \n  "}`,
	)
	return plain, gz
}

// canonical re-encodes a JSON record with sorted keys.
func canonical(t *testing.T, line string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(line), &m); err != nil {
		t.Fatalf("bad output record %q: %v", line, err)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// byID indexes canonical records by id (a list: ids may repeat).
func byID(t *testing.T, recs []string) map[string][]string {
	t.Helper()
	m := map[string][]string{}
	for _, r := range recs {
		var v struct{ ID string }
		json.Unmarshal([]byte(r), &v)
		m[v.ID] = append(m[v.ID], r)
	}
	for _, rs := range m {
		sort.Strings(rs)
	}
	return m
}

// compare reports the records that differ, by id.
func compare(t *testing.T, got, want []string) {
	t.Helper()
	g, w := byID(t, got), byID(t, want)
	ids := map[string]bool{}
	for id := range g {
		ids[id] = true
	}
	for id := range w {
		ids[id] = true
	}
	for id := range ids {
		if strings.Join(g[id], "\n") != strings.Join(w[id], "\n") {
			t.Errorf("id %q:\n pipeline: %v\n      CLI: %v", id, g[id], w[id])
		}
	}
	if len(got) != len(want) {
		t.Errorf("pipeline wrote %d records, the CLI %d", len(got), len(want))
	}
}

// tally counts records, errors, quotes and entities by type in output records,
// as the pipeline's counters do.
func tally(t *testing.T, recs []string) map[string]int64 {
	t.Helper()
	n := map[string]int64{CounterArticles: int64(len(recs))}
	for _, r := range recs {
		var v struct {
			Error    *string
			Quotes   []json.RawMessage
			Entities []struct{ Type string }
		}
		if err := json.Unmarshal([]byte(r), &v); err != nil {
			t.Fatal(err)
		}
		if v.Error != nil {
			n[CounterErrors]++
			continue
		}
		n[CounterQuotes] += int64(len(v.Quotes))
		n[CounterEntities] += int64(len(v.Entities))
		for _, e := range v.Entities {
			n[CounterEntities+"."+e.Type]++
		}
	}
	return n
}

func TestSameRecordsAsCLI(t *testing.T) {
	dir := t.TempDir()
	plain, gz := dump(t)
	p1, p2 := filepath.Join(dir, "dump-1.jsonl"), filepath.Join(dir, "dump-2.jsonl.gz")
	writeDump(t, p1, plain)
	writeDump(t, p2, gz)
	// A gzip file cut short: its first records, then a read error record.
	p3 := filepath.Join(dir, "dump-3.jsonl.gz")
	writeDump(t, p3, plain[:2])
	data, err := os.ReadFile(p3)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p3, data[:len(data)*3/4], 0o644); err != nil {
		t.Fatal(err)
	}

	var want []string
	for _, l := range runCLI(t, []string{"--max-bytes", "20000"}, p1, p2, p3) {
		want = append(want, canonical(t, l))
	}

	bo := batch.DefaultOptions()
	bo.MaxBytes = 20000
	c, err := NewConfig(bo)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.jsonl")
	counters := runPipeline(t, &Options{Input: filepath.Join(dir, "dump-*"), Output: out, Shards: 1, Reshuffle: true, Config: c})
	var got []string
	for _, l := range readLines(t, out) {
		got = append(got, canonical(t, l))
	}
	compare(t, got, want)

	// Every bad input is one error record, with its id and message.
	recs := byID(t, got)
	for _, b := range badInputs {
		loc := ""
		for name, ls := range map[string][]string{p1: plain, p2: gz} {
			for i, l := range ls {
				if l == b.line {
					loc = batch.Location(name, i+1)
				}
			}
		}
		id := b.id
		if id == "" {
			id = loc
		}
		if len(recs[id]) != 1 {
			t.Errorf("%s: %d records with id %q, want 1", b.name, len(recs[id]), id)
			continue
		}
		var v struct{ Error *string }
		json.Unmarshal([]byte(recs[id][0]), &v)
		if v.Error == nil {
			t.Errorf("%s: not an error record: %s", b.name, recs[id][0])
			continue
		}
		msg, ok := *v.Error, true
		if id != loc {
			msg, ok = strings.CutPrefix(msg, loc+": ")
		}
		if !ok || !regexp.MustCompile(b.error).MatchString(msg) {
			t.Errorf("%s: error %q, want %s after %q", b.name, *v.Error, b.error, loc+": ")
		}
	}

	// The cut gzip file ends with a read error record, after what it held.
	readErr := false
	for id, rs := range recs {
		if strings.HasPrefix(id, p3+":") && strings.Contains(rs[0], `"error":"read error: `) {
			readErr = true
		}
	}
	if !readErr {
		t.Errorf("no read error record for the cut file %s", p3)
	}

	// The counters agree with the records; the extractor was built once.
	wantCounters := tally(t, want)
	wantCounters[CounterBuilds] = 1
	for _, p := range []string{p1, p2, p3} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		wantCounters[CounterBytes] += fi.Size()
	}
	for name, n := range wantCounters {
		if counters[name] != n {
			t.Errorf("counter %s = %d, want %d", name, counters[name], n)
		}
	}
	for name := range counters {
		if _, ok := wantCounters[name]; !ok && name != CounterTextBytes {
			t.Errorf("unexpected counter %s = %d", name, counters[name])
		}
	}
	if counters[CounterEntities] == 0 || counters[CounterQuotes] == 0 || counters[CounterTextBytes] == 0 {
		t.Errorf("no entities, quotes or text counted: %v", counters)
	}
}

// TestOrangeSum compares the pipeline with the CLI on the first articles of
// the OrangeSum dump in the shared data (text in "article", numeric ids,
// titles), with separate, sharded outputs.
func TestOrangeSum(t *testing.T) {
	src := "../../../shared/data/orangesum/articles.jsonl.gz"
	f, err := os.Open(src)
	if err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var ls []string
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	for len(ls) < 40 && sc.Scan() {
		ls = append(ls, sc.Text())
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "orangesum.jsonl.gz")
	writeDump(t, in, ls)

	var want []string
	for _, l := range runCLI(t, []string{"--text-field", "article"}, in) {
		want = append(want, canonical(t, l))
	}
	bo := batch.DefaultOptions()
	bo.TextField = "article"
	c, err := NewConfig(bo)
	if err != nil {
		t.Fatal(err)
	}
	out, errs := filepath.Join(dir, "out.jsonl"), filepath.Join(dir, "errors.jsonl")
	const shards = 3
	counters := runPipeline(t, &Options{Input: in, Output: out, Errors: errs, Shards: shards, Config: c})
	var got []string
	for i := range shards {
		name := ShardName(out, i, shards)
		for _, l := range readLines(t, name) {
			got = append(got, canonical(t, l))
		}
	}
	if _, err := os.Stat(ShardName(errs, 0, shards)); err == nil {
		t.Errorf("error shards written for a dump without errors")
	}
	compare(t, got, want)
	if counters[CounterArticles] != int64(len(ls)) || counters[CounterErrors] != 0 {
		t.Errorf("counters %v, want %d articles and no error", counters, len(ls))
	}
}

func TestShardName(t *testing.T) {
	for _, tc := range []struct {
		file string
		i, n int
		want string
	}{
		{"out.jsonl", 0, 4, "out-00000-of-00004.jsonl"},
		{"gs://b/run/out.jsonl", 12, 100, "gs://b/run/out-00012-of-00100.jsonl"},
		{"out.jsonl.gz", 1, 2, "out-00001-of-00002.jsonl.gz"},
		{"out", 0, 2, "out-00000-of-00002"},
	} {
		if got := ShardName(tc.file, tc.i, tc.n); got != tc.want {
			t.Errorf("ShardName(%q, %d, %d) = %q, want %q", tc.file, tc.i, tc.n, got, tc.want)
		}
	}
}

func TestFlags(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.tsv")
	if err := os.WriteFile(bad, []byte("not a lexicon line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		err  string // a regular expression; "" for no error
	}{
		{"ok", []string{"--input", "d.jsonl", "--output", "o.jsonl", "--max-bytes", "64k"}, ""},
		{"no input", []string{"--output", "o.jsonl"}, `^--input is required$`},
		{"no output", []string{"--input", "d.jsonl"}, `^--output is required$`},
		{"no shards", []string{"--input", "d", "--output", "o", "--shards", "0"}, `^--shards must be at least 1, not 0$`},
		{"empty text field", []string{"--input", "d", "--output", "o", "--text-field", ""}, `text field name is empty`},
		{"no lexicon", []string{"--input", "d", "--output", "o", "--no-default-lexicon"}, `^no lexicon`},
		{"missing lexicon", []string{"--input", "d", "--output", "o", "--lexicon", filepath.Join(dir, "none.tsv")}, `none\.tsv: no such file`},
		{"bad lexicon", []string{"--input", "d", "--output", "o", "--lexicon", bad}, regexp.QuoteMeta(bad) + `:1: `},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var f flags
			fs := newFlags(&f)
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			o, err := f.options()
			switch {
			case tc.err == "" && err != nil:
				t.Fatalf("error %v", err)
			case tc.err == "":
				if o.Config.Batch.MaxBytes != 64<<10 || !o.Config.Batch.JSONL {
					t.Errorf("config %+v", o.Config.Batch)
				}
			case err == nil:
				t.Fatalf("no error, want %s", tc.err)
			case !regexp.MustCompile(tc.err).MatchString(err.Error()):
				t.Errorf("error %q, want %s", err, tc.err)
			}
		})
	}
}

// TestRun runs the command's run on a small dump: exit status, output file
// and counters printed on stderr.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "d.jsonl")
	writeDump(t, in, []string{
		`{"id": "a", "text": "« Nous irons jusqu'au bout », a déclaré Emmanuel Macron à Paris."}`,
		`{"id": "b", "text": 7}`,
	})
	out, errs := filepath.Join(dir, "out.jsonl"), filepath.Join(dir, "errors.jsonl")
	for _, tc := range []struct {
		name   string
		args   []string
		status int
		stderr string // a regular expression
	}{
		{"ok", []string{"--input", in, "--output", out, "--errors", errs}, exitOK, `(?m)^articles 2$`},
		{"usage", []string{"--input", in}, exitUsage, `^quidit-beam: --output is required\n$`},
		{"no file", []string{"--input", filepath.Join(dir, "none-*.jsonl"), "--output", filepath.Join(dir, "never.jsonl")}, exitFailure, `no files matching pattern`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var f flags
			if err := newFlags(&f).Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			if got := run(t.Context(), &f, &stderr); got != tc.status {
				t.Fatalf("status %d, want %d; stderr:\n%s", got, tc.status, stderr.String())
			}
			if !regexp.MustCompile(tc.stderr).MatchString(stderr.String()) {
				t.Errorf("stderr %q, want %s", stderr.String(), tc.stderr)
			}
		})
	}
	res, errRecs := readLines(t, out), readLines(t, errs)
	if len(res) != 1 || !strings.HasPrefix(res[0], `{"id":"a",`) || !strings.Contains(res[0], `"name":"Emmanuel Macron"`) {
		t.Errorf("results %q, want the record of a, with Emmanuel Macron", res)
	}
	want := `{"id":"b","error":"` + in + `:2: field \"text\" is a number, not a string"}`
	if len(errRecs) != 1 || errRecs[0] != want {
		t.Errorf("error records %q, want %q", errRecs, want)
	}
}

// TestLexiconOptions checks that a lexicon file given at submission reaches
// the workers, with --lexicon-only, as in the CLI.
func TestLexiconOptions(t *testing.T) {
	dir := t.TempDir()
	lex := filepath.Join(dir, "extra.tsv")
	// A person of our own (the slug is ours, not an external identifier).
	if err := os.WriteFile(lex, []byte("# test lexicon\nPERSON\talbertine-quidit-test\tAlbertine Quidit\tQuidit\t-\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "d.jsonl")
	writeDump(t, in, []string{
		`{"id": "a", "text": "« Tout ira bien », a assuré Albertine Quidit mardi à Lyon. Quidit s'exprimait devant Marc Dufour."}`,
	})
	var want []string
	for _, l := range runCLI(t, []string{"--lexicon", lex, "--lexicon-only"}, in) {
		want = append(want, canonical(t, l))
	}
	bo := batch.DefaultOptions()
	bo.LexiconPaths = []string{lex}
	bo.LexiconOnly = true
	c, err := NewConfig(bo)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.jsonl")
	runPipeline(t, &Options{Input: in, Output: out, Shards: 1, Config: c})
	var got []string
	for _, l := range readLines(t, out) {
		got = append(got, canonical(t, l))
	}
	compare(t, got, want)
	if len(got) != 1 || !strings.Contains(got[0], `"ref":"albertine-quidit-test"`) {
		t.Errorf("no entity of the shipped lexicon in %q", got)
	}
	if len(got) == 1 && strings.Contains(got[0], "Dufour") {
		t.Errorf("a name outside the lexicon with --lexicon-only: %s", got[0])
	}
}
