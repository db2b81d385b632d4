// Command quidit-beam runs quidit's extraction as an Apache Beam pipeline: it
// reads JSONL article dumps (globs, gzip), extracts each article with the same
// library, lexicon and options as the quidit CLI, and writes JSONL result and
// error records, with counters in Beam metrics. It runs locally on the
// in-process Prism runner, and the same binary submits to Dataflow, Flink or
// Spark (see README.md).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/quidit/quidit/extract/batch"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // the pipeline failed
	exitUsage   = 2 // bad flags or lexicon
)

// flags holds the command's own flags; Beam's (--runner, --project,
// --environment_type, ...) are registered by the SDK on the same flag set.
// The extraction flags are the CLI's, with the same names and defaults.
type flags struct {
	input, output, errors string
	shards                int
	reshuffle             bool
	batch                 batch.Options
	lexicons              listFlag
}

// newFlags returns a flag set of the command's own flags, filling f.
func newFlags(f *flags) *flag.FlagSet {
	fs := flag.NewFlagSet("quidit-beam", flag.ContinueOnError)
	f.register(fs)
	return fs
}

func (f *flags) register(fs *flag.FlagSet) {
	f.batch = batch.DefaultOptions()
	fs.StringVar(&f.input, "input", "", "JSONL article dumps to read: a file or glob, local or gs://...; gzip or zstd recognised by content (required)")
	fs.StringVar(&f.output, "output", "", "file to write the result records to (required)")
	fs.StringVar(&f.errors, "errors", "", "file to write the error records to (default: with the results, in --output)")
	fs.IntVar(&f.shards, "shards", 1, "write each output as this many files, NAME-00000-of-0000N.EXT (1: exactly the named file)")
	fs.BoolVar(&f.reshuffle, "reshuffle", true, "spread the records over the workers after reading (a file is read by one worker)")
	fs.StringVar(&f.batch.TextField, "text-field", f.batch.TextField, "JSONL field holding the text")
	fs.StringVar(&f.batch.IDField, "id-field", f.batch.IDField, "JSONL field holding the id (empty: ids are where the line is)")
	fs.StringVar(&f.batch.TitleField, "title-field", f.batch.TitleField, "JSONL field holding a title, analysed apart (empty: none)")
	fs.Var((*batch.Size)(&f.batch.MaxBytes), "max-bytes", "reject documents larger than SIZE bytes with an error record (suffixes k, M, G; 0: no limit)")
	fs.Var(&f.lexicons, "lexicon", "lexicon file added to the default lexicon, in order (repeatable; read here and shipped to the workers)")
	fs.BoolVar(&f.batch.NoDefaultLexicon, "no-default-lexicon", false, "leave the embedded default lexicon out")
	fs.BoolVar(&f.batch.LexiconOnly, "lexicon-only", false, "only names the lexicon holds become entities")
}

// options validates the flags into pipeline options.
func (f *flags) options() (*Options, error) {
	if f.input == "" {
		return nil, errors.New("--input is required")
	}
	if f.output == "" {
		return nil, errors.New("--output is required")
	}
	if f.shards < 1 {
		return nil, fmt.Errorf("--shards must be at least 1, not %d", f.shards)
	}
	bo := f.batch
	bo.LexiconPaths = f.lexicons
	c, err := NewConfig(bo)
	if err != nil {
		return nil, err
	}
	return &Options{Input: f.input, Output: f.output, Errors: f.errors, Shards: f.shards, Reshuffle: f.reshuffle, Config: c}, nil
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func main() {
	var f flags
	f.register(flag.CommandLine)
	flag.Parse()
	// On a worker, Init runs the SDK harness and does not return.
	beam.Init()
	os.Exit(run(context.Background(), &f, os.Stderr))
}

func run(ctx context.Context, f *flags, stderr io.Writer) int {
	o, err := f.options()
	if err != nil {
		fmt.Fprintln(stderr, "quidit-beam:", err)
		return exitUsage
	}
	p, s := beam.NewPipelineWithRoot()
	Build(s, o)
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		fmt.Fprintln(stderr, "quidit-beam:", err)
		return exitFailure
	}
	if res != nil {
		printCounters(stderr, res)
	}
	return exitOK
}

// printCounters writes the pipeline's counters, one "name value" a line.
func printCounters(w io.Writer, res beam.PipelineResult) {
	m := Counters(res)
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "%s %d\n", n, m[n])
	}
}

// Counters returns the committed (or, where the runner has none, attempted)
// values of the pipeline's counters by name.
func Counters(res beam.PipelineResult) map[string]int64 {
	m := map[string]int64{}
	if res == nil {
		return m
	}
	for _, c := range res.Metrics().AllMetrics().Counters() {
		if c.Namespace() == Namespace {
			m[c.Name()] += c.Result()
		}
	}
	return m
}
