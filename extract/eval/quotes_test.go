package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Vasip Sahin", "vasip sahin"},
		{"L’Élysée", "elysee"},
		{"l'Élysée", "elysee"},
		{"  Le  Monde ", " monde"},
		{"Les Échos", "echos"},
		{"La Tribune", "tribune"},
		{"the Guardian", "guardian"},
		{"Le", "le"},
		{"la  Poste", " poste"}, // one article removed, then spaces collapsed, as score_quotes.py
		{"Le Le Pen", "le pen"},
		{"Lesage", "lesage"},
		{"François\u00a0Hollande\n", "francois hollande"},
		{"Œuvre", "œuvre"},
		{"", ""},
		{"a\x1cb", "a b"},
		{"İstanbul", "istanbul"},
	}
	for _, tc := range tests {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func sp(s string) *string { return &s }
func ip(i int) *int       { return &i }

func TestScoreQuotes(t *testing.T) {
	// Labels of one document: a quote 0-12 (10 code points inside the
	// guillemets), a quote 20-32, a title 40-52 (not a quote), an empty « » 60-62.
	quote := func(s, e int) QuoteLabel {
		return QuoteLabel{Doc: "d", Start: s, End: e, IsQuote: true, Kind: "direct"}
	}
	title := QuoteLabel{Doc: "d", Start: 40, End: 52, Kind: "title"}
	two := []QuoteLabel{quote(0, 12), quote(20, 32), title}
	q := func(s, e int, kind string) PredQuote { return PredQuote{Start: s, End: e, Kind: kind} }
	tests := []struct {
		name   string
		labels []QuoteLabel
		quotes []PredQuote
		// at 30% and 80%: gold, found, false
		w30, w80 [3]int
	}{
		{"perfect", two, []PredQuote{q(1, 11, "direct"), q(21, 31, "partial")}, [3]int{2, 2, 0}, [3]int{2, 2, 0}},
		{"nothing predicted", two, nil, [3]int{2, 0, 0}, [3]int{2, 0, 0}},
		{"guillemets included", two, []PredQuote{q(0, 12, "direct")}, [3]int{2, 1, 0}, [3]int{2, 1, 0}},
		{"30% exactly", two, []PredQuote{q(1, 4, "direct")}, [3]int{2, 1, 0}, [3]int{2, 0, 1}},
		{"under 30%", two, []PredQuote{q(1, 3, "direct")}, [3]int{2, 0, 1}, [3]int{2, 0, 1}},
		{"80% exactly", two, []PredQuote{q(4, 12, "direct")}, [3]int{2, 1, 0}, [3]int{2, 1, 0}},
		{"under 80%", two, []PredQuote{q(5, 12, "direct")}, [3]int{2, 1, 0}, [3]int{2, 0, 1}},
		{"one prediction over two quotes", two, []PredQuote{q(1, 31, "direct")}, [3]int{2, 2, 0}, [3]int{2, 2, 0}},
		{"two predictions in one quote", two, []PredQuote{q(1, 6, "direct"), q(6, 11, "direct")}, [3]int{2, 1, 0}, [3]int{2, 0, 2}},
		{"a title is no quote", two, []PredQuote{q(41, 51, "direct")}, [3]int{2, 0, 1}, [3]int{2, 0, 1}},
		{"outside the labels: not counted", two, []PredQuote{q(100, 110, "direct")}, [3]int{2, 0, 0}, [3]int{2, 0, 0}},
		{"other kinds: not counted", two, []PredQuote{q(1, 11, "indirect"), q(21, 31, "according_to")}, [3]int{2, 0, 0}, [3]int{2, 0, 0}},
		// score_quotes.py: the overlap needed for « » is 0, so any quote finds it.
		{"empty guillemets as score_quotes.py", []QuoteLabel{quote(60, 62)}, []PredQuote{q(100, 110, "direct")}, [3]int{1, 1, 0}, [3]int{1, 1, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			preds := Preds{"d": {ID: "d", Quotes: tc.quotes}}
			rep := ScoreQuotes(tc.labels, nil, preds)
			if len(rep.Scores) != 2 || rep.Docs != 1 || rep.Labels != len(tc.labels) {
				t.Fatalf("report %+v", rep)
			}
			for i, w := range [][3]int{tc.w30, tc.w80} {
				s := rep.Scores[i]
				if got := [3]int{s.Gold, s.Found, s.False}; got != w {
					t.Errorf("at %v: gold, found, false %v, want %v", s.Threshold, got, w)
				}
				p, r, f := prf(w[1], w[2], w[1], w[0]-w[1])
				if s.P != p || s.R != r || s.F1 != f {
					t.Errorf("at %v: P %v R %v F1 %v, want %v %v %v", s.Threshold, s.P, s.R, s.F1, p, r, f)
				}
			}
		})
	}
}

func TestQuoteErrors(t *testing.T) {
	text := "Il a dit « oui » puis « non » et « peut-être »."
	// « oui » 9-16, « non » 22-29, « peut-être » 33-46.
	labels := []QuoteLabel{
		{Doc: "d", Start: 9, End: 16, IsQuote: true, Speaker: sp("Paul Durand"), SpeakerType: sp("PERSON"), Cue: sp("a dit")},
		{Doc: "d", Start: 22, End: 29, IsQuote: true},
		{Doc: "d", Start: 33, End: 46, Kind: "term"},
	}
	p := Pred{ID: "d", Entities: []PredEntity{{ID: "E1", Type: "PERSON", Name: "Pierre"}},
		Quotes: []PredQuote{{Start: 10, End: 15, Kind: "direct", Speaker: sp("E1"), Cue: sp("puis")}, {Text: "peut-être", Start: 35, End: 44, Kind: "partial"}}}
	rep := ScoreQuotes(labels, map[ID]string{"d": text}, Preds{"d": p}, 0.3)
	want := []QuoteError{
		{Doc: "d", Kind: "speaker", Start: 9, End: 16, Text: "« oui »", Left: "Il a dit ", Right: " puis « non » et « peut-être ».", Gold: "Paul Durand", Pred: "Pierre (PERSON)"},
		{Doc: "d", Kind: "cue", Start: 9, End: 16, Text: "« oui »", Left: "Il a dit ", Right: " puis « non » et « peut-être ».", Gold: "a dit", Pred: "puis"},
		{Doc: "d", Kind: "FN", Start: 22, End: 29, Text: "« non »", Left: "Il a dit « oui » puis ", Right: " et « peut-être »."},
		{Doc: "d", Kind: "FP", Start: 35, End: 44, Text: "peut-être", Left: "Il a dit « oui » puis « non » et « ", Right: " ».", Gold: "term"},
	}
	if len(rep.Errors) != len(want) {
		t.Fatalf("errors %+v", rep.Errors)
	}
	for i, e := range rep.Errors {
		if e != want[i] {
			t.Errorf("error %d:\n%+v\nwant\n%+v", i, e, want[i])
		}
	}
}

func TestSpeakerAndCue(t *testing.T) {
	label := func(speaker, typ string, cue *string) QuoteLabel {
		return QuoteLabel{Doc: "d", Start: 100, End: 112, IsQuote: true, Speaker: sp(speaker), SpeakerType: sp(typ), Cue: cue}
	}
	ent := func(name string, ms ...PredMention) PredEntity {
		return PredEntity{ID: "E1", Type: "PERSON", Name: name, Mentions: ms}
	}
	m := func(text string, s, e int) PredMention { return PredMention{Text: text, Start: s, End: e} }
	tests := []struct {
		name     string
		label    QuoteLabel
		ents     []PredEntity
		speaker  *string // entity id
		spkText  *string
		cue      *string
		named    bool
		right    bool
		cueRight int // -1: no gold cue
	}{
		{"same name", label("Vasip Sahin", "PERSON", nil), []PredEntity{ent("Vasip Sahin")}, sp("E1"), nil, nil, true, true, -1},
		{"case, accents, article", label("La Tribune", "ORGANIZATION", nil), []PredEntity{ent("TRIBUNE")}, sp("E1"), nil, nil, true, true, -1},
		{"a mention's text", label("Emmanuel Macron", "PERSON", nil), []PredEntity{ent("Macron Emmanuel", m("Emmanuel Macron", 0, 15))}, sp("E1"), nil, nil, true, true, -1},
		{"a word of the gold name", label("Vasip Sahin", "PERSON", nil), []PredEntity{ent("Sahin")}, sp("E1"), nil, nil, true, true, -1},
		{"short word: a word only", label("Xi Jinping", "PERSON", nil), []PredEntity{ent("Xi")}, sp("E1"), nil, nil, true, true, -1},
		{"short substring is not enough", label("Lima Sud", "PERSON", nil), []PredEntity{ent("Lim")}, sp("E1"), nil, nil, true, false, -1},
		{"substring longer than 3", label("Jean-Luc Mélenchon", "PERSON", nil), []PredEntity{ent("Mélenchon")}, sp("E1"), nil, nil, true, true, -1},
		{"gold inside the name", label("Trump", "PERSON", nil), []PredEntity{ent("Donald Trump")}, sp("E1"), nil, nil, true, true, -1},
		{"speaker text only", label("Vasip Sahin", "PERSON", nil), nil, nil, sp("le gouverneur Vasip Sahin"), nil, true, true, -1},
		{"wrong speaker", label("Vasip Sahin", "PERSON", nil), []PredEntity{ent("Recep Erdogan")}, sp("E1"), nil, nil, true, false, -1},
		{"no speaker", label("Vasip Sahin", "PERSON", nil), nil, nil, nil, nil, true, false, -1},
		{"unknown entity id", label("Vasip Sahin", "PERSON", nil), []PredEntity{ent("Vasip Sahin")}, sp("E9"), nil, nil, true, false, -1},
		{"unnamed source not counted", label("une source policière", "OTHER", nil), nil, nil, nil, nil, false, false, -1},
		{"cue equal", label("X Y", "PERSON", sp("a déclaré")), nil, nil, nil, sp("a déclaré"), true, false, 1},
		{"cue a word of gold", label("X Y", "PERSON", sp("a déclaré")), nil, nil, nil, sp("Déclaré"), true, false, 1},
		{"cue holds gold", label("X Y", "PERSON", sp("dit")), nil, nil, nil, sp("a dit"), true, false, 1},
		{"cue not whole words", label("X Y", "PERSON", sp("dit")), nil, nil, nil, sp("dites"), true, false, 0},
		{"cue missing", label("X Y", "PERSON", sp("dit")), nil, nil, nil, nil, true, false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := Pred{ID: "d", Entities: tc.ents, Quotes: []PredQuote{{Start: 101, End: 111, Kind: "direct", Speaker: tc.speaker, SpeakerText: tc.spkText, Cue: tc.cue}}}
			s := ScoreQuotes([]QuoteLabel{tc.label}, nil, Preds{"d": p}, 0.3).Scores[0]
			if s.Found != 1 {
				t.Fatalf("quote not found: %+v", s)
			}
			named, right := map[bool]int{true: 1}[tc.named], map[bool]int{true: 1}[tc.right]
			if s.SpeakersNamed != named || s.SpeakersRight != right {
				t.Errorf("speakers named %d right %d, want %d %d", s.SpeakersNamed, s.SpeakersRight, named, right)
			}
			cues, cueRight := 1, tc.cueRight
			if tc.cueRight < 0 {
				cues, cueRight = 0, 0
			}
			if s.CuesGold != cues || s.CuesRight != cueRight {
				t.Errorf("cues %d right %d, want %d %d", s.CuesGold, s.CuesRight, cues, cueRight)
			}
		})
	}
}

func TestSpeakerSpan(t *testing.T) {
	// Where the label gives the speaker's span (fr-litbank), a mention of the
	// predicted speaker overlapping it is right whatever its text.
	label := QuoteLabel{Doc: "d", Start: 100, End: 112, IsQuote: true, Speaker: sp("il"), SpeakerType: sp("PERSON"), SpeakerStart: ip(90), SpeakerEnd: ip(92)}
	for _, tc := range []struct {
		name  string
		ms    []PredMention
		right int
	}{
		{"mention on the span", []PredMention{{Text: "Pierre", Start: 10, End: 16}, {Text: "Il", Start: 91, End: 93}}, 1},
		{"mention touching the span", []PredMention{{Text: "Pierre", Start: 92, End: 98}}, 0},
	} {
		p := Pred{ID: "d", Entities: []PredEntity{{ID: "E1", Type: "PERSON", Name: "Pierre", Mentions: tc.ms}},
			Quotes: []PredQuote{{Start: 101, End: 111, Kind: "direct", Speaker: sp("E1")}}}
		s := ScoreQuotes([]QuoteLabel{label}, nil, Preds{"d": p}, 0.3).Scores[0]
		if s.SpeakersNamed != 1 || s.SpeakersRight != tc.right {
			t.Errorf("%s: named %d right %d, want 1 %d", tc.name, s.SpeakersNamed, s.SpeakersRight, tc.right)
		}
	}
}

func TestReadLitbank(t *testing.T) {
	dir := t.TempDir()
	// Code points: "Élise" 0-5, "dit" 6-9, « Oui. » 12-20, — « Non » 21-30 and « bien » 40-48.
	text := "Élise\r\ndit : « Oui. »\n— « Non », fit-il, « bien »."
	ann := "T1\tCitation 12 20\t« Oui. »\n" +
		"T2\tEntite 0 5\tÉlise\n" +
		"R1\tSource Arg1:T2 Arg2:T1\n" +
		"T3\tIntroducteur 6 9\tdit\n" +
		"R2\tIntroduction Arg1:T3 Arg2:T1\n" +
		"T4\tCitation 21 30;40 48\t— « Non » « bien »\n" +
		"T0\tCitation 0 1\tÉ\n" +
		"#1\tAnnotatorNotes T1\tnote\n"
	for name, data := range map[string]string{"b.txt": text, "b.ann": ann, "a.txt": "rien", "a.ann": "T1\tEntite 0 4\trien\n", "c.txt": "x"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	arts, labels, err := ReadLitbank(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || arts[0].ID != "a" || arts[1].ID != "b" || arts[1].Text != "Élise\ndit : « Oui. »\n— « Non », fit-il, « bien »." {
		t.Fatalf("articles %+v", arts)
	}
	want := []struct {
		start, end         int
		speaker, cue       string
		spkStart, spkEnd   int
		hasSpeaker, hasCue bool
	}{
		{0, 1, "", "", 0, 0, false, false},
		{12, 20, "Élise", "dit", 0, 5, true, true},
		{21, 48, "", "", 0, 0, false, false},
	}
	if len(labels) != len(want) {
		t.Fatalf("labels %+v", labels)
	}
	for i, l := range labels {
		w := want[i]
		if l.Doc != "b" || !l.IsQuote || l.Kind != "direct" || l.Start != w.start || l.End != w.end {
			t.Errorf("label %d: %+v", i, l)
		}
		if (l.Speaker != nil) != w.hasSpeaker || (l.Cue != nil) != w.hasCue {
			t.Errorf("label %d: speaker %v cue %v", i, l.Speaker, l.Cue)
			continue
		}
		if w.hasSpeaker && (*l.Speaker != w.speaker || *l.SpeakerType != "PERSON" || *l.SpeakerStart != w.spkStart || *l.SpeakerEnd != w.spkEnd) {
			t.Errorf("label %d: speaker %q %d-%d", i, *l.Speaker, *l.SpeakerStart, *l.SpeakerEnd)
		}
		if w.hasCue && *l.Cue != w.cue {
			t.Errorf("label %d: cue %q", i, *l.Cue)
		}
	}
	if labels[1].Text != "« Oui. »" {
		t.Errorf("text %q", labels[1].Text)
	}
}

func TestReadLitbankErrors(t *testing.T) {
	for name, ann := range map[string]string{
		"no offsets":      "T1\tCitation\tx\n",
		"bad offset":      "T1\tCitation 1 x\tx\n",
		"one offset":      "T1\tCitation 1\tx\n",
		"empty fragment":  "T1\tCitation 1 2;\tx\n",
		"short relation":  "R1\tSource Arg1:T2\n",
		"no colon":        "R1\tSource T2 T1\n",
		"missing txt":     "",
		"not a directory": "",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "a.ann"), []byte(ann), 0o644)
			if name != "missing txt" {
				os.WriteFile(filepath.Join(dir, "a.txt"), []byte("texte"), 0o644)
			}
			if name == "not a directory" {
				dir = filepath.Join(dir, "a.txt")
			}
			if _, _, err := ReadLitbank(dir); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestReadGold(t *testing.T) {
	arts, err := ReadArticles(strings.NewReader(`{"id": "a", "text": "Paris", "entities": [{"type": "Location", "start": 0, "end": 5}]}`+"\n\n"+`{"id": 7, "text": "x", "entities": []}`), "g")
	if err != nil || len(arts) != 2 || arts[0].Entities[0] != (GoldEntity{Type: "Location", Start: 0, End: 5}) || arts[1].ID != "7" {
		t.Errorf("%+v %v", arts, err)
	}
	if _, err := ReadArticles(strings.NewReader("{\"id\": \"a\"}\nnot json\n"), "g"); err == nil || err.Error()[:4] != "g:2:" {
		t.Errorf("error %v, want one at g:2", err)
	}
	ls, err := ReadQuoteLabels(strings.NewReader(`{"doc": "a", "start": 3, "end": 9, "is_quote": true, "kind": "direct", "speaker": null, "speaker_type": null, "cue": "dit"}`), "l")
	if err != nil || len(ls) != 1 || ls[0].Start != 3 || ls[0].End != 9 || ls[0].Speaker != nil || *ls[0].Cue != "dit" {
		t.Errorf("%+v %v", ls, err)
	}
	if _, err := ReadQuoteLabels(strings.NewReader(`{"doc": "a", "start": 3, "end": 9, "speaker_start": 1}`), "l"); err == nil {
		t.Error("speaker_start without speaker_end: no error")
	}
	preds, bad, err := ReadPreds(strings.NewReader("{\"id\": \"a\", \"entities\": []}\n\nnot json\n{\"id\": \"a\", \"quotes\": [{\"start\": 1, \"end\": 2, \"kind\": \"direct\"}]}\n"))
	if err != nil || bad != 2 || len(preds) != 1 || len(preds["a"].Quotes) != 1 {
		t.Errorf("%+v %d %v", preds, bad, err)
	}
}

func TestWithoutVia(t *testing.T) {
	p := Pred{ID: "d", Entities: []PredEntity{
		{ID: "E1", Mentions: []PredMention{{Start: 0, End: 5, Via: "lexicon"}, {Start: 10, End: 15, Via: "demonym"}}},
		{ID: "E2", Mentions: []PredMention{{Start: 20, End: 25, Via: "coref"}}},
	}}
	q := p.WithoutVia("demonym", "coref")
	if len(q.Entities) != 2 || len(q.Entities[0].Mentions) != 1 || q.Entities[0].Mentions[0].Start != 0 || len(q.Entities[1].Mentions) != 0 {
		t.Errorf("%+v", q)
	}
	if len(p.Entities[0].Mentions) != 2 || len(p.Entities[1].Mentions) != 1 {
		t.Errorf("p changed: %+v", p)
	}
}

func TestQuoteKinds(t *testing.T) {
	labels := []QuoteLabel{
		{Doc: "d", Start: 0, End: 12, IsQuote: true, Kind: "direct"},
		{Doc: "d", Start: 20, End: 32, IsQuote: true, Kind: "partial"},
		{Doc: "d", Start: 40, End: 52, IsQuote: true, Kind: "partial"},
		{Doc: "d", Start: 60, End: 72, Kind: "title"},
	}
	p := Pred{ID: "d", Quotes: []PredQuote{{Start: 1, End: 11, Kind: "direct"}, {Start: 21, End: 31, Kind: "partial"}}}
	s := ScoreQuotes(labels, nil, Preds{"d": p}, 0.3).Scores[0]
	want := []KindScore{{"direct", 1, 1, 1}, {"partial", 2, 1, 0.5}}
	if len(s.Kinds) != len(want) || s.Kinds[0] != want[0] || s.Kinds[1] != want[1] {
		t.Errorf("kinds %+v, want %+v", s.Kinds, want)
	}
}
