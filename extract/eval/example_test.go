package eval_test

import (
	"fmt"

	"github.com/quidit/quidit/extract/eval"
)

func ExampleScoreNER() {
	// "Banque de France" 21-37 holds the nested gold span "France" 31-37.
	gold := []eval.Article{{ID: "a", Text: "Jean Dupont à Paris, Banque de France.", Entities: []eval.GoldEntity{
		{Type: "Person", Start: 0, End: 11},
		{Type: "Location", Start: 14, End: 19},
		{Type: "Organization", Start: 21, End: 37},
		{Type: "Location", Start: 31, End: 37},
	}}}
	preds := eval.Preds{"a": {ID: "a", Entities: []eval.PredEntity{
		{ID: "E1", Type: "PERSON", Mentions: []eval.PredMention{{Text: "Dupont", Start: 5, End: 11}}}, // "Dupont": a boundary error
		{ID: "E2", Type: "COUNTRY", Mentions: []eval.PredMention{{Start: 14, End: 19}}},               // "Paris": right
		{ID: "E3", Type: "COUNTRY", Mentions: []eval.PredMention{{Start: 31, End: 37}}},               // "France": nested, not counted
	}}}
	rep := eval.ScoreNER(gold, preds)
	for _, s := range []eval.Score{rep.Micro.Exact, rep.Micro.Overlap} {
		fmt.Printf("gold %d pred %d nested %d: P %.3f R %.3f F1 %.3f\n", s.Gold, s.Pred, s.Ignored, s.P, s.R, s.F1)
	}
	for _, e := range rep.Errors {
		fmt.Printf("%s %s %d-%d %q\n", e.Kind, e.Type, e.Start, e.End, e.Text)
	}
	// Output:
	// gold 3 pred 2 nested 1: P 0.500 R 0.333 F1 0.400
	// gold 3 pred 2 nested 1: P 1.000 R 0.667 F1 0.800
	// FN Person 0-11 "Jean Dupont"
	// FP Person 5-11 "Dupont"
	// FN Organization 21-37 "Banque de France"
}
