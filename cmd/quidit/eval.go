package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/extract/eval"
	"github.com/quidit/quidit/lexicon"
)

// Exit codes of quidit eval.
const (
	evalOK      = 0 // scored
	evalFailure = 1 // unreadable gold, articles or predictions; output not written
	evalUsage   = 2 // bad command line
)

const evalUsageHead = `quidit eval scores the extractor on annotated data.

Usage:
  quidit eval ner --gold WINER.jsonl [flags]
  quidit eval quotes --gold LABELS.jsonl [--articles ARTICLES.jsonl] [flags]
  quidit eval quotes --litbank DIR [flags]      (or --gold DIR)

ner scores entities against WiNER-fr (JSONL: id, text, entities with type,
start, end in code points): precision, recall and F1 per type and overall
(micro), for exact span match and for overlap. Person, Organization and
Location are scored (PERSON, ORGANIZATION and COUNTRY/LOCATION/BASE
predictions); recall counts outermost gold spans, and a prediction equal to a
nested gold span counts neither right nor wrong.

quotes scores direct and partial quotes against winer-fr-quotes labels (one
« » span a line) or fr-litbank brat files (NAME.txt and NAME.ann in DIR):
precision, recall and F1 at 30% and 80% overlap of each gold span, speaker
accuracy and cue accuracy over the quotes found. The labels need the articles'
text to run the extractor: --articles, by default winer-fr.YEAR.jsonl in
../winer-fr/ beside LABELS (YEAR from the labels' file name).

The extractor runs on each gold document, built from the lexicon flags as the
main command builds it; with --pred the output of an earlier run (quidit
--jsonl) is scored instead.

Flags:
`

const evalUsageTail = `
Exit status: 0 when scored, 1 when the gold, the articles or the predictions
cannot be read (or the output cannot be written), 2 on bad usage.
`

// evalOptions is the command line of quidit eval, validated by parseEvalArgs.
type evalOptions struct {
	task      string   // "ner" or "quotes"
	gold      string   // gold file (or brat directory for quotes)
	litbank   string   // brat directory
	articles  string   // texts of labelled documents (quotes)
	pred      string   // quidit JSONL output to score instead of running the extractor
	writePred string   // where to write the extractor's output
	json      bool     // JSON report
	errors    string   // "": no error list; "-": stdout; else a file
	ignoreVia []string // mention ways left out of the NER score
	demonyms  bool     // score demonyms as mentions
	lexicons  []string // --lexicon files
	noDefault bool
	lexOnly   bool
	help      bool
}

func newEvalFlagSet(o *evalOptions) *pflag.FlagSet {
	*o = evalOptions{}
	fs := pflag.NewFlagSet("quidit eval", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	fs.StringVar(&o.gold, "gold", "", "gold `FILE` (WiNER-fr JSONL for ner, labels JSONL or a brat DIR for quotes)")
	fs.StringVar(&o.litbank, "litbank", "", "fr-litbank brat `DIR` (quotes; same as --gold DIR)")
	fs.StringVar(&o.articles, "articles", "", "JSONL `FILE` {id, text} of the labelled documents (quotes)")
	fs.StringVar(&o.pred, "pred", "", "score this quidit JSONL output `FILE` instead of running the extractor")
	fs.StringVar(&o.writePred, "write-pred", "", "write the extractor's output (JSONL) to `FILE`")
	fs.BoolVar(&o.json, "json", false, "write the report as JSON")
	fs.StringVar(&o.errors, "errors", "", "list false positives and misses with context, after the report (--errors) or in `FILE` (--errors=FILE)")
	fs.Lookup("errors").NoOptDefVal = "-"
	fs.StringSliceVar(&o.ignoreVia, "ignore-via", nil, "ner: leave out predicted mentions found this `WAY` (demonym, metonym, coref, …; comma-separated); the figures then differ from score_ner.py's")
	fs.BoolVar(&o.demonyms, "with-demonyms", false, "ner: score the demonyms of each entity (russe → Russie) as mentions of it; WiNER-fr never annotates them, and score_ner.py leaves them out")
	fs.StringArrayVar(&o.lexicons, "lexicon", nil, "add the lexicon `FILE` (TSV) to the default one (repeatable)")
	fs.BoolVar(&o.noDefault, "no-default-lexicon", false, "leave the embedded default lexicon out (use with --lexicon)")
	fs.BoolVar(&o.lexOnly, "lexicon-only", false, "find only names the lexicon holds (and their short forms)")
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	return fs
}

// parseEvalArgs parses and validates the command line of quidit eval.
func parseEvalArgs(args []string) (*evalOptions, error) {
	o := new(evalOptions)
	fs := newEvalFlagSet(o)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if o.help {
		return o, nil
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return nil, errors.New("missing task: ner or quotes")
	}
	o.task = rest[0]
	if len(rest) > 1 {
		msg := fmt.Sprintf("unexpected argument %q", rest[1])
		if fs.Changed("errors") {
			msg += " (write --errors=FILE to list errors in a file)"
		}
		return nil, errors.New(msg)
	}
	switch {
	case o.task != "ner" && o.task != "quotes":
		return nil, fmt.Errorf("unknown task %q: want ner or quotes", o.task)
	case o.gold != "" && o.litbank != "":
		return nil, errors.New("give --gold or --litbank, not both")
	case o.gold == "" && o.litbank == "":
		return nil, errors.New("missing --gold")
	case o.task == "ner" && o.litbank != "":
		return nil, errors.New("--litbank applies to quotes")
	case o.task != "ner" && len(o.ignoreVia) > 0:
		return nil, errors.New("--ignore-via applies to ner")
	case o.task != "ner" && o.demonyms:
		return nil, errors.New("--with-demonyms applies to ner")
	case o.task == "ner" && o.articles != "":
		return nil, errors.New("--articles applies to quotes (WiNER-fr articles hold their text)")
	case o.pred != "" && o.writePred != "":
		return nil, errors.New("--write-pred runs the extractor; --pred scores an earlier run")
	case o.pred != "" && (len(o.lexicons) > 0 || o.noDefault || o.lexOnly):
		return nil, errors.New("the lexicon flags build the extractor, which --pred does not run")
	case o.noDefault && len(o.lexicons) == 0:
		return nil, errors.New("--no-default-lexicon needs at least one --lexicon FILE")
	case fs.Changed("errors") && o.errors == "":
		return nil, errors.New("--errors=FILE needs a file name")
	}
	if o.task == "quotes" && o.litbank == "" {
		if fi, err := os.Stat(o.gold); err == nil && fi.IsDir() {
			o.gold, o.litbank = "", o.gold
		}
	}
	return o, nil
}

func writeEvalHelp(w io.Writer) {
	var o evalOptions
	fs := newEvalFlagSet(&o)
	io.WriteString(w, evalUsageHead)
	io.WriteString(w, fs.FlagUsages())
	io.WriteString(w, evalUsageTail)
}

// runEval runs `quidit eval ...` (args after "eval").
func runEval(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, err := parseEvalArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "quidit eval: %v\nRun 'quidit eval --help' for usage.\n", err)
		return evalUsage
	}
	if o.help {
		writeEvalHelp(stdout)
		return evalOK
	}
	e := &evaluator{o: o, stderr: stderr}
	var rep any
	var errs func(w io.Writer)
	switch o.task {
	case "ner":
		rep, errs, err = e.ner()
	default:
		rep, errs, err = e.quotes()
	}
	if err != nil {
		fmt.Fprintf(stderr, "quidit eval: %v\n", err)
		if errors.Is(err, errEvalUsage) {
			return evalUsage
		}
		return evalFailure
	}
	w := bufio.NewWriter(stdout)
	if o.json {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(rep)
	} else {
		rep.(interface{ writeText(io.Writer) }).writeText(w)
		if o.errors == "-" {
			fmt.Fprintln(w)
			errs(w)
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "quidit eval: %v\n", err)
		return evalFailure
	}
	if o.errors != "" && o.errors != "-" {
		f, err := os.Create(o.errors)
		if err == nil {
			fw := bufio.NewWriter(f)
			errs(fw)
			err = fw.Flush()
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "quidit eval: %v\n", err)
			return evalFailure
		}
	}
	return evalOK
}

var errEvalUsage = errors.New("usage")

type evalUsageError struct{ msg string }

func (e evalUsageError) Error() string { return e.msg }
func (e evalUsageError) Unwrap() error { return errEvalUsage }

// evaluator holds what one run of quidit eval reads and builds.
type evaluator struct {
	o      *evalOptions
	stderr io.Writer
	bad    int // unreadable lines of --pred
}

// predict runs the extractor on arts (or reads --pred) and returns the
// predictions.
func (e *evaluator) predict(arts []eval.Article) (eval.Preds, error) {
	if e.o.pred != "" {
		f, err := os.Open(e.o.pred)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		preds, bad, err := eval.ReadPreds(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", e.o.pred, err)
		}
		if bad > 0 {
			fmt.Fprintf(e.stderr, "quidit eval: %s: %d unreadable lines skipped\n", e.o.pred, bad)
		}
		e.bad = bad
		return preds, nil
	}
	lex, err := lexicon.Load(e.o.noDefault, e.o.lexicons...)
	if err != nil {
		return nil, err
	}
	x, err := extract.New(lex, extract.LexiconOnly(e.o.lexOnly))
	if err != nil {
		return nil, err
	}
	var out *bufio.Writer
	var file *os.File
	if e.o.writePred != "" {
		if file, err = os.Create(e.o.writePred); err != nil {
			return nil, err
		}
		defer file.Close()
		out = bufio.NewWriter(file)
	}
	preds := eval.Preds{}
	for _, a := range arts {
		d, err := x.Extract(string(a.ID), a.Text)
		if err != nil {
			fmt.Fprintf(e.stderr, "quidit eval: %s: %v\n", a.ID, err)
			if out != nil {
				extract.WriteError(out, string(a.ID), err, false)
			}
			preds[a.ID] = eval.Pred{ID: a.ID} // an error record is output without entities or quotes, as scored from --write-pred
			continue
		}
		p, err := eval.FromDoc(d)
		if err != nil {
			fmt.Fprintf(e.stderr, "quidit eval: %s: %v\n", a.ID, err)
			continue
		}
		preds[a.ID] = p
		if out != nil {
			extract.WriteJSON(out, d, false)
		}
	}
	if out != nil {
		if err := out.Flush(); err != nil {
			return nil, err
		}
		if err := file.Close(); err != nil {
			return nil, err
		}
	}
	return preds, nil
}

// nerReport is the JSON report of quidit eval ner.
type nerReport struct {
	Task            string   `json:"task"`
	Gold            string   `json:"gold"`
	UnreadableLines int      `json:"unreadable_lines"`        // of --pred
	IgnoreVia       []string `json:"ignore_via,omitempty"`    // mention ways left out
	WithDemonyms    bool     `json:"with_demonyms,omitempty"` // demonyms scored as mentions
	eval.NERReport
}

func (e *evaluator) ner() (any, func(io.Writer), error) {
	f, err := os.Open(e.o.gold)
	if err != nil {
		return nil, nil, err
	}
	arts, err := eval.ReadArticles(f, e.o.gold)
	f.Close()
	if err != nil {
		return nil, nil, err
	}
	if !evalHasText(arts) {
		return nil, nil, fmt.Errorf("%s: no article with a text: not WiNER-fr JSONL", e.o.gold)
	}
	preds, err := e.predict(arts)
	if err != nil {
		return nil, nil, err
	}
	for id, p := range preds {
		if e.o.demonyms {
			p = p.WithDemonyms()
		}
		if len(e.o.ignoreVia) > 0 {
			p = p.WithoutVia(e.o.ignoreVia...)
		}
		preds[id] = p
	}
	rep := &nerReport{Task: "ner", Gold: e.o.gold, UnreadableLines: e.bad, IgnoreVia: e.o.ignoreVia, WithDemonyms: e.o.demonyms, NERReport: eval.ScoreNER(arts, preds)}
	errs := rep.Errors
	if e.o.errors == "" || e.o.errors != "-" && e.o.json {
		rep.Errors = nil // only an --errors list on stdout goes into the JSON report
	}
	return rep, func(w io.Writer) { writeEvalNERErrors(w, errs) }, nil
}

func evalHasText(arts []eval.Article) bool {
	for _, a := range arts {
		if a.Text != "" {
			return true
		}
	}
	return false
}

func (r *nerReport) writeText(w io.Writer) {
	fmt.Fprintf(w, "NER on %s: %d documents, %d without output%s\n", r.Gold, r.Docs, r.DocsWithoutOutput, evalBad(r.UnreadableLines))
	if len(r.IgnoreVia) > 0 {
		fmt.Fprintf(w, "mentions found as %s left out\n", strings.Join(r.IgnoreVia, ", "))
	}
	if r.WithDemonyms {
		fmt.Fprintln(w, "demonyms scored as mentions")
	}
	fmt.Fprintf(w, "%-13s %6s   %-34s   %s\n", "", "", "exact span", "overlap")
	h := fmt.Sprintf("%6s %6s %6s %6s %6s", "pred", "nested", "P", "R", "F1")
	fmt.Fprintf(w, "%-13s %6s | %s | %s\n", "type", "gold", h, h)
	for _, t := range append(r.Types, r.Micro) {
		fmt.Fprintf(w, "%-13s %6d | %s | %s\n", t.Type, t.Exact.Gold, evalScoreCols(t.Exact), evalScoreCols(t.Overlap))
	}
	fmt.Fprintf(w, "micro P %.3f R %.3f F1 %.3f (exact span)\n", r.Micro.Exact.P, r.Micro.Exact.R, r.Micro.Exact.F1)
}

func evalBad(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", %d unreadable prediction lines", n)
}

func evalScoreCols(s eval.Score) string {
	return fmt.Sprintf("%6d %6d %6.3f %6.3f %6.3f", s.Pred, s.Ignored, s.P, s.R, s.F1)
}

var evalSpaceRE = regexp.MustCompile(`\s+`)

func evalFlat(s string) string { return evalSpaceRE.ReplaceAllString(s, " ") }

// evalInContext shows text between its left and right context.
func evalInContext(left, text, right string) string {
	return "…" + evalFlat(left) + "[" + evalFlat(text) + "]" + evalFlat(right) + "…"
}

// evalClip shortens a long quote to its start and end.
func evalClip(s string) string {
	r := []rune(s)
	if len(r) <= 100 {
		return s
	}
	return string(r[:60]) + " … " + string(r[len(r)-30:])
}

func writeEvalNERErrors(w io.Writer, errs []eval.NERError) {
	fmt.Fprintf(w, "# %d errors (exact span): FP a wrong prediction, FN a missed gold span; near: overlapping spans of the other side\n", len(errs))
	// The most frequent first: what to fix.
	type key struct{ kind, typ, text string }
	freq := map[key]int{}
	for _, e := range errs {
		freq[key{e.Kind, e.Type, evalFlat(e.Text)}]++
	}
	var keys []key
	for k, n := range freq {
		if n > 1 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if freq[a] != freq[b] {
			return freq[a] > freq[b]
		}
		return a.kind+a.typ+a.text < b.kind+b.typ+b.text
	})
	if len(keys) > 20 {
		keys = keys[:20]
	}
	if len(keys) > 0 {
		fmt.Fprintln(w, "# most frequent:")
		for _, k := range keys {
			fmt.Fprintf(w, "#   %4d× %s %-12s «%s»\n", freq[k], k.kind, k.typ, k.text)
		}
	}
	for _, e := range errs {
		fmt.Fprintf(w, "%s %-12s %s:%d-%d %s", e.Kind, e.Type, e.Doc, e.Start, e.End, evalInContext(e.Left, e.Text, e.Right))
		side := "gold"
		if e.Kind == "FN" {
			side = "pred"
		}
		for _, n := range e.Near {
			nested := ""
			if n.Nested {
				nested = " nested"
			}
			fmt.Fprintf(w, "  near %s%s %s %d-%d «%s»", side, nested, n.Type, n.Start, n.End, evalFlat(n.Text))
		}
		fmt.Fprintln(w)
	}
}

// quoteReport is the JSON report of quidit eval quotes.
type quoteReport struct {
	Task            string `json:"task"`
	Gold            string `json:"gold"`
	UnreadableLines int    `json:"unreadable_lines"` // of --pred
	eval.QuoteReport
}

func (e *evaluator) quotes() (any, func(io.Writer), error) {
	var arts []eval.Article
	var labels []eval.QuoteLabel
	gold := e.o.gold
	var err error
	if e.o.litbank != "" {
		gold = e.o.litbank
		if arts, labels, err = eval.ReadLitbank(e.o.litbank); err != nil {
			return nil, nil, err
		}
	} else {
		f, err := os.Open(gold)
		if err != nil {
			return nil, nil, err
		}
		labels, err = eval.ReadQuoteLabels(f, gold)
		f.Close()
		if err != nil {
			return nil, nil, err
		}
		if arts, err = e.quoteArticles(labels); err != nil {
			return nil, nil, err
		}
	}
	if len(labels) == 0 {
		return nil, nil, fmt.Errorf("%s: no labels", gold)
	}
	texts := map[eval.ID]string{}
	for _, a := range arts {
		texts[a.ID] = a.Text
	}
	// Run the extractor on the labelled documents only: the others are not scored.
	var todo []eval.Article
	seen := map[eval.ID]bool{}
	for _, l := range labels {
		if seen[l.Doc] {
			continue
		}
		seen[l.Doc] = true
		if t, ok := texts[l.Doc]; ok {
			todo = append(todo, eval.Article{ID: l.Doc, Text: t})
		} else if e.o.pred == "" {
			fmt.Fprintf(e.stderr, "quidit eval: %s: no text for this labelled document\n", l.Doc)
		}
	}
	preds, err := e.predict(todo)
	if err != nil {
		return nil, nil, err
	}
	rep := &quoteReport{Task: "quotes", Gold: gold, UnreadableLines: e.bad, QuoteReport: eval.ScoreQuotes(labels, texts, preds)}
	errs := rep.Errors
	if e.o.errors == "" || e.o.errors != "-" && e.o.json {
		rep.Errors = nil
	}
	return rep, func(w io.Writer) { writeEvalQuoteErrors(w, errs) }, nil
}

var evalYearRE = regexp.MustCompile(`(19|20)\d\d`)

// quoteArticles reads the texts of labelled documents: --articles, or
// winer-fr.YEAR.jsonl in ../winer-fr/ beside the labels. With --pred the
// texts are optional (they give the errors their context).
func (e *evaluator) quoteArticles(labels []eval.QuoteLabel) ([]eval.Article, error) {
	path := e.o.articles
	if path == "" {
		y := evalYearRE.FindString(filepath.Base(e.o.gold))
		guess := filepath.Join(filepath.Dir(e.o.gold), "..", "winer-fr", "winer-fr."+y+".jsonl")
		if _, err := os.Stat(guess); y == "" || err != nil {
			if e.o.pred != "" {
				return nil, nil
			}
			return nil, evalUsageError{fmt.Sprintf("no --articles, and no %s: give the labelled documents' text with --articles FILE", guess)}
		}
		path = guess
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return eval.ReadArticles(f, path)
}

func (r *quoteReport) writeText(w io.Writer) {
	fmt.Fprintf(w, "quotes on %s: %d documents, %d without output%s; %d labelled spans\n", r.Gold, r.Docs, r.DocsWithoutOutput, evalBad(r.UnreadableLines), r.Labels)
	fmt.Fprintf(w, "%7s %6s %6s %6s %6s %6s %6s %8s %11s %8s %10s\n", "overlap", "gold", "found", "false", "P", "R", "F1", "speaker", "right/named", "cue", "right/gold")
	for _, s := range r.Scores {
		fmt.Fprintf(w, "%6.0f%% %6d %6d %6d %6.3f %6.3f %6.3f %8.3f %11s %8.3f %10s\n", s.Threshold*100, s.Gold, s.Found, s.False, s.P, s.R, s.F1,
			s.SpeakerAcc, fmt.Sprintf("%d/%d", s.SpeakersRight, s.SpeakersNamed), s.CueAcc, fmt.Sprintf("%d/%d", s.CuesRight, s.CuesGold))
	}
	for _, s := range r.Scores {
		fmt.Fprintf(w, "recall by kind at %.0f%%:", s.Threshold*100)
		for _, k := range s.Kinds {
			fmt.Fprintf(w, " %s %.3f (%d/%d)", k.Kind, k.R, k.Found, k.Gold)
		}
		fmt.Fprintln(w)
	}
	if len(r.Scores) > 0 {
		s := r.Scores[0]
		fmt.Fprintf(w, "quote P %.3f R %.3f F1 %.3f speaker-acc %.3f (%.0f%% overlap)\n", s.P, s.R, s.F1, s.SpeakerAcc, s.Threshold*100)
	}
}

func writeEvalQuoteErrors(w io.Writer, errs []eval.QuoteError) {
	fmt.Fprintf(w, "# %d errors at %.0f%% overlap: FN a missed quote, FP a wrong quote, speaker and cue of found quotes\n", len(errs), eval.Thresholds[0]*100)
	for _, e := range errs {
		text := evalClip(evalFlat(e.Text))
		if e.Left != "" || e.Right != "" {
			text = evalInContext(e.Left, evalClip(e.Text), e.Right)
		}
		fmt.Fprintf(w, "%-7s %s:%d-%d %s", e.Kind, e.Doc, e.Start, e.End, text)
		switch e.Kind {
		case "FP":
			fmt.Fprintf(w, "  (overlaps a label: %s)", e.Gold)
		case "speaker", "cue":
			fmt.Fprintf(w, "  gold %q, predicted %q", evalFlat(e.Gold), evalFlat(e.Pred))
		}
		fmt.Fprintln(w)
	}
}
