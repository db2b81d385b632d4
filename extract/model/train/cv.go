package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/extract/eval"
	"github.com/quidit/quidit/lexicon"
)

// crossValidate trains k models, each without one fold of docs (document i
// is in fold i mod k), extracts the held-out documents with it and prints
// the scores of all folds together, demonyms left out. arts are docs with
// their gold entities, in the same order.
func crossValidate(lex *lexicon.Lexicon, docs []extract.TrainDoc, arts []eval.Article, k, iters int, seed uint64, errFile string, stdout, stderr io.Writer) int {
	if k < 2 || k > len(docs) {
		fmt.Fprintf(stderr, "train: -cv %d: want 2 to %d folds\n", k, len(docs))
		return 2
	}
	preds := eval.Preds{}
	size := 0
	for f := 0; f < k; f++ {
		var train []extract.TrainDoc
		for i, d := range docs {
			if i%k != f {
				train = append(train, d)
			}
		}
		x, err := extract.New(lex)
		if err != nil {
			fmt.Fprintln(stderr, "train:", err)
			return 1
		}
		model, _ := extract.TrainNER(x, train, iters, seed)
		size += len(model)
		if err := x.UseNERModel(model); err != nil {
			fmt.Fprintln(stderr, "train:", err)
			return 1
		}
		for i, a := range arts {
			if i%k != f {
				continue
			}
			d, err := x.Extract(string(a.ID), a.Text)
			if err != nil {
				fmt.Fprintf(stderr, "train: %s: %v\n", a.ID, err)
				preds[a.ID] = eval.Pred{ID: a.ID}
				continue
			}
			p, err := eval.FromDoc(d)
			if err != nil {
				fmt.Fprintf(stderr, "train: %s: %v\n", a.ID, err)
				continue
			}
			preds[a.ID] = p.WithoutVia("demonym")
		}
	}
	rep := eval.ScoreNER(arts, preds)
	fmt.Fprintf(stdout, "%d-fold cross-validation on %d documents, demonyms left out; mean model %d bytes\n", k, len(docs), size/k)
	fmt.Fprintf(stdout, "%-12s %5s | %6s %6s %6s %6s | %6s %6s %6s\n", "type", "gold", "pred", "P", "R", "F1", "P", "R", "F1")
	for _, t := range append(rep.Types, rep.Micro) {
		e, o := t.Exact, t.Overlap
		fmt.Fprintf(stdout, "%-12s %5d | %6d %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f\n", t.Type, e.Gold, e.Pred, e.P, e.R, e.F1, o.P, o.R, o.F1)
	}
	if errFile != "" {
		f, err := os.Create(errFile)
		if err != nil {
			fmt.Fprintln(stderr, "train:", err)
			return 1
		}
		w := bufio.NewWriter(f)
		flat := strings.NewReplacer("\n", " ", "\t", " ")
		for _, e := range rep.Errors {
			fmt.Fprintf(w, "%s %s %-12s %s[[%s]]%s\n", e.Doc, e.Kind, e.Type, flat.Replace(e.Left), flat.Replace(e.Text), flat.Replace(e.Right))
		}
		if err := w.Flush(); err != nil {
			fmt.Fprintln(stderr, "train:", err)
			return 1
		}
		if err := f.Close(); err != nil {
			fmt.Fprintln(stderr, "train:", err)
			return 1
		}
	}
	return 0
}
