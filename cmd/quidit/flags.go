package main

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/quidit/quidit/extract/batch"
)

// options are the command line of `quidit [flags] [FILE|DIR|-]...`, validated
// by parseArgs.
type options struct {
	batch batch.Options // how to read records and build the extractor

	format   string // output format: json or html
	pretty   bool   // indent each JSON document
	output   string // output file; "" or "-": standard output
	workers  int    // documents processed in parallel
	progress bool   // show the progress bar even when stderr is not a terminal
	quiet    bool   // no summary line, no automatic progress bar
	help     bool
	version  bool

	inputs []string // FILE, DIR or - arguments
}

const usageHead = `quidit reads French news and writes, as JSON, who is mentioned and who said what.

Usage:
  quidit [flags] [FILE|DIR|-]...
  quidit eval ...       score the extractor on annotated data (quidit eval --help)
  quidit lexicon ...    inspect, check and build lexicons (quidit lexicon --help)

Inputs are text files, one document each; directories, walked in lexical order
(names starting with "." skipped); and "-", standard input, the default. With
--jsonl each input holds one JSON object per line (article dumps). Input
compressed with gzip or zstd is recognised by its content.

Output is one JSON object per line and per input record, in input order:
{"id", "entities", "quotes"}, offsets in Unicode code points into the text as
given; or {"id", "error"} for a record that could not be processed (the reason
is also printed on stderr, and the run goes on). The id is the JSONL id field,
else the file path ("dump.jsonl:17" for a JSONL line without id), else "-".
With --jsonl, a non-empty title field is analysed on its own and written under
"title", its offsets counting from the start of the title. An empty document
is valid: it has no entities and no quotes.

Examples:
  quidit article.txt
  quidit --pretty < article.txt
  quidit --jsonl --text-field article articles.jsonl.gz > out.jsonl
  quidit --jsonl --workers 2 --progress -o out.jsonl dumps/
  quidit --lexicon people.tsv --lexicon-only articles/
  quidit --format html article.txt > article.html

Flags:
`

const usageTail = `
Exit status: 0 when every record was processed, 1 when any input or record
failed (or the output could not be written), 2 on bad usage.
`

// newFlagSet returns the flag set filling o, with its defaults.
func newFlagSet(o *options) *pflag.FlagSet {
	*o = options{batch: batch.DefaultOptions()}
	fs := pflag.NewFlagSet("quidit", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	b := &o.batch
	fs.BoolVar(&b.JSONL, "jsonl", false, "read inputs as JSONL: one JSON object (article) per line")
	fs.StringVar(&b.TextField, "text-field", b.TextField, "JSONL field holding the text")
	fs.StringVar(&b.IDField, "id-field", b.IDField, `JSONL field holding the id; "" for none`)
	fs.StringVar(&b.TitleField, "title-field", b.TitleField, `JSONL field holding the title, analysed apart; "" for none`)
	fs.StringVar(&o.format, "format", "json", "output format: json or html")
	fs.BoolVar(&o.pretty, "pretty", false, "indent each JSON document")
	fs.StringVarP(&o.output, "output", "o", "", "write to `FILE` instead of standard output")
	fs.IntVarP(&o.workers, "workers", "j", runtime.GOMAXPROCS(0), "documents processed in parallel (output order is kept)")
	fs.BoolVar(&o.progress, "progress", false, "show a progress bar on stderr even when it is not a terminal")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no summary line and no automatic progress bar on stderr")
	fs.StringArrayVar(&b.LexiconPaths, "lexicon", nil, "add the lexicon `FILE` (TSV) to the default one (repeatable)")
	fs.BoolVar(&b.NoDefaultLexicon, "no-default-lexicon", false, "leave the embedded default lexicon out (use with --lexicon)")
	fs.BoolVar(&b.LexiconOnly, "lexicon-only", false, "find only names the lexicon holds (and their short forms)")
	fs.Var((*batch.Size)(&b.MaxBytes), "max-bytes", "reject documents larger than `SIZE` bytes (suffixes k, M, G; 0: no limit)")
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	fs.BoolVarP(&o.version, "version", "V", false, "show the version")
	return fs
}

// parseArgs parses and validates the command line.
func parseArgs(args []string) (*options, error) {
	o := new(options)
	fs := newFlagSet(o)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	o.inputs = fs.Args()
	if o.help || o.version {
		return o, nil
	}
	if err := o.validate(fs); err != nil {
		return nil, err
	}
	return o, nil
}

// validate checks o once parsed; fs tells which flags were set.
func (o *options) validate(fs *pflag.FlagSet) error {
	if !o.batch.JSONL {
		for _, f := range []string{"text-field", "id-field", "title-field"} {
			if fs.Changed(f) {
				return fmt.Errorf("--%s needs --jsonl", f)
			}
		}
	}
	switch {
	case o.workers < 1:
		return fmt.Errorf("--workers must be at least 1, not %d", o.workers)
	case o.format != "json" && o.format != "html":
		return fmt.Errorf("--format must be json or html, not %q", o.format)
	case o.format == "html" && !htmlAvailable:
		return errors.New("--format html is not available in this build")
	case o.pretty && o.format != "json":
		return errors.New("--pretty applies to --format json only")
	case fs.Changed("output") && o.output == "":
		return errors.New("--output needs a file name")
	case o.batch.NoDefaultLexicon && len(o.batch.LexiconPaths) == 0:
		return errors.New("--no-default-lexicon needs at least one --lexicon FILE")
	}
	if o.output == "-" {
		o.output = ""
	}
	return o.batch.Validate()
}

// writeHelp writes the help text.
func writeHelp(w io.Writer) {
	var o options
	fs := newFlagSet(&o)
	io.WriteString(w, usageHead)
	io.WriteString(w, flagUsages(fs))
	io.WriteString(w, usageTail)
}

// defaultText overrides the default a flag's help shows.
var defaultText = map[string]string{"workers": "number of CPUs", "max-bytes": "2M"}

// flagUsages formats the flags of fs, one a line, with their defaults.
func flagUsages(fs *pflag.FlagSet) string {
	type row struct{ left, right string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		left := "    "
		if f.Shorthand != "" {
			left = "-" + f.Shorthand + ", "
		}
		left += "--" + f.Name
		arg, usage := pflag.UnquoteUsage(f)
		switch arg {
		case "", "bool":
		case "stringArray":
			left += " string"
		default:
			left += " " + arg
		}
		def := f.DefValue
		if t, ok := defaultText[f.Name]; ok {
			def = t
		} else if f.Value.Type() == "string" {
			def = strconv.Quote(def)
		}
		switch def {
		case "", "false", "0", "[]", `""`:
		default:
			usage += " (default " + def + ")"
		}
		rows = append(rows, row{left, usage})
		width = max(width, len(left))
	})
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, r.left, r.right)
	}
	return b.String()
}
