// Command train trains quidit's name recogniser (an averaged perceptron) on
// WiNER-fr 2016 and writes the model that package extract embeds. Run it with
// `make train`; it is deterministic.
//
// Usage:
//
//	train [-data winer-fr.2016.jsonl] [-out extract/model/ner.bin] [-iters N] [-seed N]
//	train -cv K [-data winer-fr.2016.jsonl] [-errors FILE]
//
// With -cv K it writes no model: it trains K models, each on the documents
// of the training data but one fold (document i is in fold i mod K), runs
// the whole extractor with each on its held-out fold and prints the scores
// of all the folds together, demonyms left out (as `quidit eval ner
// --ignore-via demonym` does).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/extract/eval"
	"github.com/quidit/quidit/lexicon"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

type record struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Entities []struct {
		Type  string `json:"type"`
		Start int    `json:"start"`
		End   int    `json:"end"`
	} `json:"entities"`
}

var types = map[string]lexicon.Type{"Person": lexicon.Person, "Location": lexicon.Location, "Organization": lexicon.Organization}

// other names the tagger learns so as to leave them out
var misc = map[string]bool{"Event": true, "Product": true}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "../shared/data/winer-fr/winer-fr.2016.jsonl", "training data (WiNER-fr JSONL, code-point offsets)")
	out := fs.String("out", "extract/model/ner.bin", "model file to write")
	iters := fs.Int("iters", 10, "training passes")
	seed := fs.Uint64("seed", 2016, "shuffling seed")
	cv := fs.Int("cv", 0, "cross-validate over `K` folds instead of writing a model")
	errFile := fs.String("errors", "", "with -cv, list the errors of the held-out folds in `FILE`")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	f, err := os.Open(*data)
	if err != nil {
		fmt.Fprintln(stderr, "train:", err)
		return 1
	}
	defer f.Close()
	var docs []extract.TrainDoc
	var arts []eval.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<28)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			fmt.Fprintln(stderr, "train:", err)
			return 1
		}
		docs = append(docs, toTrainDoc(&r))
		if *cv > 0 {
			var a eval.Article
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				fmt.Fprintln(stderr, "train:", err)
				return 1
			}
			arts = append(arts, a)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(stderr, "train:", err)
		return 1
	}
	lex, err := lexicon.Default()
	if err != nil {
		fmt.Fprintln(stderr, "train:", err)
		return 1
	}
	x, err := extract.New(lex)
	if err != nil {
		fmt.Fprintln(stderr, "train:", err)
		return 1
	}
	if *cv > 0 {
		return crossValidate(lex, docs, arts, *cv, *iters, *seed, *errFile, stdout, stderr)
	}
	model, st := extract.TrainNER(x, docs, *iters, *seed)
	if err := os.WriteFile(*out, model, 0o644); err != nil {
		fmt.Fprintln(stderr, "train:", err)
		return 1
	}
	fmt.Fprintf(stderr, "train: %d docs, %d tokens, %d names (%d misaligned, %d never candidates); errors per pass %v; %d features, %d bytes -> %s\n",
		st.Docs, st.Tokens, st.Names, st.Misaligned, st.Uncovered, st.TrainErrors, st.Features, len(model), *out)
	return 0
}

// toTrainDoc keeps the outermost Person/Location/Organization names (as the
// scorer does) and converts their code-point offsets to byte offsets.
func toTrainDoc(r *record) extract.TrainDoc {
	byteAt := make([]int, 0, len(r.Text)+1)
	for i := range r.Text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(r.Text))
	n := utf8.RuneCountInString(r.Text)
	td := extract.TrainDoc{ID: r.ID, Text: r.Text}
	for i, e := range r.Entities {
		t, ok := types[e.Type]
		if misc[e.Type] {
			t, ok = extract.TrainMisc, true
		}
		if !ok || e.Start < 0 || e.End > n || e.Start >= e.End {
			continue
		}
		outer := true
		for j, o := range r.Entities {
			if _, ok := types[o.Type]; (ok || misc[o.Type] && t == extract.TrainMisc) && j != i && o.Start <= e.Start && e.End <= o.End && o.End-o.Start > e.End-e.Start {
				outer = false
				break
			}
		}
		if outer {
			td.Names = append(td.Names, extract.TrainSpan{Span: extract.Span{Start: byteAt[e.Start], End: byteAt[e.End]}, Type: t})
		}
	}
	return td
}
