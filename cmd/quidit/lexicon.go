package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/lexicon"
)

const lexiconUsage = `quidit lexicon inspects the lexicon quidit matches names against.

Usage:
  quidit lexicon lookup [flags] FORM...   what each FORM matches, and why
  quidit lexicon stats [flags]            entries per type

The lexicon is the one embedded in the binary (lexicon/data/*.tsv) plus the
files given with --lexicon, in order: an entry with the type and ID of an
earlier one replaces it. A malformed file is an error naming its file, line
and reason. See lexicon/SOURCES.md and the lexicon package for the format.

Flags:
`

// lexiconOptions are the flags of `quidit lexicon`.
type lexiconOptions struct {
	paths     []string // --lexicon files, in order
	noDefault bool     // --no-default-lexicon
	help      bool
}

// runLexicon runs `quidit lexicon ...` (args after "lexicon").
func runLexicon(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var o lexiconOptions
	fs := pflag.NewFlagSet("quidit lexicon", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringArrayVar(&o.paths, "lexicon", nil, "add or override entries from a lexicon TSV `PATH` (repeatable)")
	fs.BoolVar(&o.noDefault, "no-default-lexicon", false, "start from an empty lexicon instead of the embedded one")
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	usage := func(w io.Writer) { fmt.Fprint(w, lexiconUsage+fs.FlagUsages()) }
	if err := fs.Parse(args); err != nil {
		fmt.Fprintln(stderr, "quidit lexicon:", err)
		usage(stderr)
		return exitUsage
	}
	rest := fs.Args()
	if o.help {
		usage(stdout)
		return exitOK
	}
	if len(rest) == 0 {
		fmt.Fprintln(stderr, "quidit lexicon: want a subcommand: lookup or stats")
		usage(stderr)
		return exitUsage
	}
	cmd, rest := rest[0], rest[1:]
	switch cmd {
	case "lookup":
		if len(rest) == 0 {
			fmt.Fprintln(stderr, "quidit lexicon lookup: want a FORM")
			return exitUsage
		}
	case "stats":
		if len(rest) > 0 {
			fmt.Fprintf(stderr, "quidit lexicon stats: unexpected argument %q\n", rest[0])
			return exitUsage
		}
	case "help":
		usage(stdout)
		return exitOK
	default:
		fmt.Fprintf(stderr, "quidit lexicon: unknown subcommand %q (want lookup or stats)\n", cmd)
		return exitUsage
	}
	lex, err := lexicon.Load(o.noDefault, o.paths...)
	if err != nil {
		reportLexiconError(stderr, err)
		return exitFailure
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if cmd == "stats" {
		writeStats(w, lex)
		return exitOK
	}
	m := extract.NewMatcher(lex, extract.NewTokenizer())
	for i, form := range rest {
		if i > 0 {
			fmt.Fprintln(w)
		}
		writeLookup(w, m, form)
	}
	return exitOK
}

// reportLexiconError prints each problem of a lexicon file on its own line.
func reportLexiconError(stderr io.Writer, err error) {
	var el lexicon.ErrorList
	if errors.As(err, &el) {
		for _, e := range el {
			fmt.Fprintln(stderr, "quidit:", e)
		}
		return
	}
	fmt.Fprintln(stderr, "quidit:", err)
}

// writeStats writes the number of entries of each type, then the total.
func writeStats(w io.Writer, lex *lexicon.Lexicon) {
	st := lex.Stats()
	total := 0
	for _, t := range lexicon.Types {
		fmt.Fprintf(w, "%-12s %7d\n", t, st[t])
		total += st[t]
	}
	fmt.Fprintf(w, "%-12s %7d\n", "total", total)
}

// writeLookup writes what form matches: entities (with how and under which
// conditions), and first names, titles and speech verbs.
func writeLookup(w io.Writer, m *extract.Matcher, form string) {
	fmt.Fprintf(w, "%q\n", form)
	n := 0
	exact := map[string]bool{}
	for _, c := range m.Lookup(form, true) {
		exact[c.Entry.Key()+"\t"+string(c.Via)] = true
	}
	for _, c := range m.Lookup(form, false) {
		n++
		e := c.Entry
		fmt.Fprintf(w, "  %s %s %q via %s", e.Type, e.ID, e.Name, c.Via)
		if a := attrString(e); a != "" {
			fmt.Fprintf(w, " [%s]", a)
		}
		fmt.Fprintln(w)
		var why []string
		if !exact[e.Key()+"\t"+string(c.Via)] {
			why = append(why, "not as written here: the form needs "+capsRule(c))
		} else if r := capsRule(c); r != "any case" {
			why = append(why, "needs "+r)
		}
		if c.Common {
			if c.Place {
				why = append(why, "also a common word or name: matches only after a preposition of place (à, de, en …), not first in its sentence")
			} else {
				why = append(why, "also a common word or name: matches only when not first in its sentence")
			}
		}
		if e.Type == lexicon.Event {
			why = append(why, "an event: matched to keep its words from naming anything else, makes no mention")
		}
		if e.Source != "" {
			why = append(why, "from "+e.Source)
		}
		for _, y := range why {
			fmt.Fprintf(w, "    %s\n", y)
		}
	}
	toks := extract.NewTokenizer().Append(nil, form, extract.Span{Start: 0, End: len(form)})
	if len(toks) == 1 {
		if g := m.FirstName(toks[0].Key); g != 0 {
			n++
			fmt.Fprintf(w, "  FIRSTNAME gender=%c\n", g)
		}
	}
	if k, e := m.Title(toks); e != nil && k == len(toks) {
		n++
		fmt.Fprintf(w, "  TITLE %s %q [%s]\n", e.ID, e.Name, attrString(e))
	}
	if k, lemma := m.SpeechVerb(toks); lemma != "" && k == len(toks) {
		n++
		fmt.Fprintf(w, "  SPEECHVERB %q\n", lemma)
	}
	if n == 0 {
		fmt.Fprintln(w, "  no match")
	}
}

// capsRule says which capitals a candidate's form needs.
func capsRule(c extract.Candidate) string {
	var need []string
	for i, cap := range c.Caps {
		switch {
		case c.Upper != nil && c.Upper[i]:
			need = append(need, fmt.Sprintf("word %d in capitals", i+1))
		case cap:
			need = append(need, fmt.Sprintf("word %d capitalised", i+1))
		}
	}
	if len(need) == 0 {
		return "any case"
	}
	return strings.Join(need, ", ")
}

func attrString(e *lexicon.Entry) string {
	ks := make([]string, 0, len(e.Attrs))
	for k := range e.Attrs {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for i, k := range ks {
		ks[i] = k + "=" + e.Attrs[k]
	}
	return strings.Join(ks, ";")
}
