package eval

import (
	"math"
	"strings"
	"testing"
)

// ge is a gold entity; pm a predicted mention of its own entity.
func ge(typ string, s, e int) GoldEntity { return GoldEntity{Type: typ, Start: s, End: e} }

type pm struct {
	typ  string
	s, e int
}

func predOf(id string, ms ...pm) Pred {
	p := Pred{ID: ID(id)}
	for i, m := range ms {
		p.Entities = append(p.Entities, PredEntity{ID: "E" + string(rune('1'+i)), Type: m.typ, Mentions: []PredMention{{Start: m.s, End: m.e}}})
	}
	return p
}

// want is the expected exact and overlap micro scores: pred, ignored, right,
// found counts (gold is given by the case).
type counts struct{ pred, ignored, right, found int }

func checkScore(t *testing.T, what string, s Score, gold int, c counts) {
	t.Helper()
	got := counts{s.Pred, s.Ignored, s.Right, s.Found}
	if s.Gold != gold || got != c {
		t.Errorf("%s: gold %d %+v, want gold %d %+v", what, s.Gold, got, gold, c)
	}
	p, r, f := prf(c.right, c.pred-c.right, c.found, gold-c.found)
	if s.P != p || s.R != r || s.F1 != f {
		t.Errorf("%s: P %v R %v F1 %v, want %v %v %v", what, s.P, s.R, s.F1, p, r, f)
	}
}

const text20 = "Jean Dupont à Paris, Banque de France."

func TestScoreNER(t *testing.T) {
	// "Jean Dupont" 0-11, "Paris" 14-19, "Banque de France" 21-37, "France" 31-37.
	gold := []GoldEntity{ge("Person", 0, 11), ge("Location", 14, 19), ge("Organization", 21, 37), ge("Location", 31, 37), ge("Date", 0, 4)}
	tests := []struct {
		name           string
		gold           []GoldEntity
		pred           []pm
		noPred         bool
		goldN          int
		exact, overlap counts
	}{
		{"perfect", gold, []pm{{"PERSON", 0, 11}, {"COUNTRY", 14, 19}, {"ORGANIZATION", 21, 37}}, false, 3,
			counts{3, 0, 3, 3}, counts{3, 0, 3, 3}},
		{"empty prediction", gold, nil, false, 3, counts{}, counts{}},
		{"no output", gold, nil, true, 3, counts{}, counts{}},
		{"empty gold", nil, []pm{{"PERSON", 0, 11}}, false, 0, counts{1, 0, 0, 0}, counts{1, 0, 0, 0}},
		{"empty both", nil, nil, false, 0, counts{}, counts{}},
		{"off by one end", gold, []pm{{"PERSON", 0, 10}}, false, 3, counts{1, 0, 0, 0}, counts{1, 0, 1, 1}},
		{"off by one start", gold, []pm{{"LOCATION", 13, 19}}, false, 3, counts{1, 0, 0, 0}, counts{1, 0, 1, 1}},
		{"touching is no overlap", gold, []pm{{"LOCATION", 19, 21}}, false, 3, counts{1, 0, 0, 0}, counts{1, 0, 0, 0}},
		{"wrong type", gold, []pm{{"ORGANIZATION", 0, 11}}, false, 3, counts{1, 0, 0, 0}, counts{1, 0, 0, 0}},
		{"nested gold span is ignored", gold, []pm{{"BASE", 31, 37}}, false, 3, counts{0, 1, 0, 0}, counts{0, 1, 0, 0}},
		{"nested span of another type", gold, []pm{{"PERSON", 31, 37}}, false, 3, counts{1, 0, 0, 0}, counts{1, 0, 0, 0}},
		{"overlap of a nested span", gold, []pm{{"LOCATION", 28, 37}}, false, 3, counts{1, 0, 0, 0}, counts{0, 1, 0, 0}},
		{"outer and nested", gold, []pm{{"ORGANIZATION", 21, 37}, {"LOCATION", 31, 37}}, false, 3, counts{1, 1, 1, 1}, counts{1, 1, 1, 1}},
		{"one prediction over two gold spans", []GoldEntity{ge("Person", 0, 4), ge("Person", 5, 11)}, []pm{{"PERSON", 0, 11}}, false, 2,
			counts{1, 0, 0, 0}, counts{1, 0, 1, 2}},
		{"two predictions in one gold span", gold, []pm{{"PERSON", 0, 4}, {"PERSON", 5, 11}}, false, 3, counts{2, 0, 0, 0}, counts{2, 0, 2, 1}},
		{"same span twice counts once", gold, []pm{{"PERSON", 0, 11}, {"PERSON", 0, 11}}, false, 3, counts{1, 0, 1, 1}, counts{1, 0, 1, 1}},
		{"unscored types", gold, []pm{{"DATE", 0, 4}, {"MISC", 14, 19}}, false, 3, counts{}, counts{}},
		{"duplicate gold spans count once", []GoldEntity{ge("Person", 0, 11), ge("Person", 0, 11)}, []pm{{"PERSON", 0, 11}}, false, 1,
			counts{1, 0, 1, 1}, counts{1, 0, 1, 1}},
		{"same gold span of two types: both outermost", []GoldEntity{ge("Person", 14, 19), ge("Location", 14, 19)}, []pm{{"LOCATION", 14, 19}}, false, 2,
			counts{1, 0, 1, 1}, counts{1, 0, 1, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			arts := []Article{{ID: "d", Text: text20, Entities: tc.gold}}
			preds := Preds{}
			if !tc.noPred {
				preds["d"] = predOf("d", tc.pred...)
			}
			rep := ScoreNER(arts, preds)
			if rep.Docs != 1 || rep.DocsWithoutOutput != map[bool]int{true: 1}[tc.noPred] {
				t.Errorf("docs %d, without output %d", rep.Docs, rep.DocsWithoutOutput)
			}
			checkScore(t, "exact", rep.Micro.Exact, tc.goldN, tc.exact)
			checkScore(t, "overlap", rep.Micro.Overlap, tc.goldN, tc.overlap)
			var fp, fn int
			for _, e := range rep.Errors {
				if e.Kind == "FP" {
					fp++
				} else {
					fn++
				}
			}
			if fp != tc.exact.pred-tc.exact.right || fn != tc.goldN-tc.exact.found {
				t.Errorf("errors: %d FP %d FN, want %d %d", fp, fn, tc.exact.pred-tc.exact.right, tc.goldN-tc.exact.found)
			}
		})
	}
}

func TestScoreNERPerType(t *testing.T) {
	arts := []Article{
		{ID: "a", Text: text20, Entities: []GoldEntity{ge("Person", 0, 11), ge("Location", 14, 19), ge("Organization", 21, 37), ge("Location", 31, 37)}},
		{ID: "b", Text: text20, Entities: []GoldEntity{ge("Person", 0, 11)}},
	}
	preds := Preds{
		"a": predOf("a", pm{"PERSON", 0, 11}, pm{"LOCATION", 14, 19}, pm{"LOCATION", 21, 30}),
		"b": predOf("b", pm{"PERSON", 0, 4}),
		"c": predOf("c", pm{"PERSON", 0, 4}), // not in the gold: not scored
	}
	rep := ScoreNER(arts, preds)
	want := map[string]struct {
		gold         int
		exact, overl counts
	}{
		"Location":     {1, counts{2, 0, 1, 1}, counts{2, 0, 1, 1}},
		"Organization": {1, counts{}, counts{}},
		"Person":       {2, counts{2, 0, 1, 1}, counts{2, 0, 2, 2}},
	}
	if len(rep.Types) != len(NERTypes) {
		t.Fatalf("%d types", len(rep.Types))
	}
	for i, ts := range rep.Types {
		if ts.Type != NERTypes[i] {
			t.Fatalf("type %d is %s", i, ts.Type)
		}
		w := want[ts.Type]
		checkScore(t, ts.Type+" exact", ts.Exact, w.gold, w.exact)
		checkScore(t, ts.Type+" overlap", ts.Overlap, w.gold, w.overl)
	}
	checkScore(t, "micro exact", rep.Micro.Exact, 4, counts{4, 0, 2, 2})
	if math.Abs(rep.Micro.Exact.F1-0.5) > 1e-12 {
		t.Errorf("micro F1 %v, want 0.5", rep.Micro.Exact.F1)
	}
}

func TestNERErrors(t *testing.T) {
	text := "Hier, Jean Dupont est allé à Paris."
	// "Jean Dupont" 6-17, "Paris" 29-34.
	arts := []Article{{ID: "d", Text: text, Entities: []GoldEntity{ge("Person", 6, 17), ge("Location", 29, 34)}}}
	p := predOf("d", pm{"PERSON", 11, 17}, pm{"LOCATION", 29, 34})
	p.Entities[0].Mentions[0].Text = "Dupont"
	rep := ScoreNER(arts, Preds{"d": p})
	want := []NERError{
		{Doc: "d", Kind: "FN", Type: "Person", Start: 6, End: 17, Text: "Jean Dupont", Left: "Hier, ", Right: " est allé à Paris.",
			Near: []Near{{Type: "Person", Start: 11, End: 17, Text: "Dupont"}}},
		{Doc: "d", Kind: "FP", Type: "Person", Start: 11, End: 17, Text: "Dupont", Left: "Hier, Jean ", Right: " est allé à Paris.",
			Near: []Near{{Type: "Person", Start: 6, End: 17, Text: "Jean Dupont"}}},
	}
	if len(rep.Errors) != len(want) {
		t.Fatalf("errors %+v", rep.Errors)
	}
	for i, e := range rep.Errors {
		w := want[i]
		if e.Doc != w.Doc || e.Kind != w.Kind || e.Type != w.Type || e.Start != w.Start || e.End != w.End || e.Text != w.Text || e.Left != w.Left || e.Right != w.Right {
			t.Errorf("error %d: %+v, want %+v", i, e, w)
		}
		if len(e.Near) != 1 || e.Near[0] != w.Near[0] {
			t.Errorf("error %d near: %+v, want %+v", i, e.Near, w.Near)
		}
	}
}

func TestNERErrorContext(t *testing.T) {
	// Context is ContextLen code points either side, clipped to the text.
	text := strings.Repeat("é", 47) + " Paris " + strings.Repeat("à", 45)
	arts := []Article{{ID: "d", Text: text, Entities: []GoldEntity{ge("Location", 48, 53)}}}
	rep := ScoreNER(arts, Preds{})
	if len(rep.Errors) != 1 {
		t.Fatalf("errors %+v", rep.Errors)
	}
	e := rep.Errors[0]
	if e.Text != "Paris" || runeLen(e.Left) != ContextLen || runeLen(e.Right) != ContextLen || e.Left[len(e.Left)-1] != ' ' || e.Right[0] != ' ' {
		t.Errorf("text %q left %q right %q", e.Text, e.Left, e.Right)
	}
}
