package eval_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/extract/eval"
	"github.com/quidit/quidit/lexicon"
)

// sharedDir returns the shared data directory: $QUIDIT_SHARED, else
// ../shared from the repository's root.
func sharedDir(t *testing.T) string {
	if d := os.Getenv("QUIDIT_SHARED"); d != "" {
		return d
	}
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = up
	}
}

// agreeSetup returns the shared directory, skipping the test when python3 or
// the data is missing.
func agreeSetup(t *testing.T) string {
	if testing.Short() {
		t.Skip("runs the reference scorers on the dev sets")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("no python3")
	}
	shared := sharedDir(t)
	for _, f := range []string{"tools/score_ner.py", "tools/score_quotes.py", "tools/litbank2labels.py",
		"data/winer-fr/winer-fr.2017.jsonl", "data/winer-fr-quotes/quotes.2017.jsonl", "data/fr-litbank"} {
		if _, err := os.Stat(filepath.Join(shared, f)); err != nil {
			t.Skipf("no shared data: %v", err)
		}
	}
	return shared
}

func python(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("python3", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("python3 %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

func readArticles(t *testing.T, path string) []eval.Article {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	arts, err := eval.ReadArticles(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

func readLabels(t *testing.T, path string) []eval.QuoteLabel {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ls, err := eval.ReadQuoteLabels(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return ls
}

// extractAll runs the default extractor on arts, writes its output as JSONL
// to path (what the reference scorers read) and returns it as read back.
func extractAll(t *testing.T, arts []eval.Article, path string) eval.Preds {
	t.Helper()
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(lex)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for _, a := range arts {
		d, err := x.Extract(string(a.ID), a.Text)
		if err != nil {
			extract.WriteError(w, string(a.ID), err, false)
			continue
		}
		extract.WriteJSON(w, d, false)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return readPreds(t, path)
}

func readPreds(t *testing.T, path string) eval.Preds {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	preds, bad, err := eval.ReadPreds(f)
	if err != nil || bad != 0 {
		t.Fatalf("%s: %d bad lines, %v", path, bad, err)
	}
	return preds
}

// nerLines formats rep as score_ner.py prints it.
func nerLines(rep eval.NERReport) []string {
	var out []string
	for _, ts := range rep.Types {
		s := ts.Exact
		out = append(out, fmt.Sprintf("%-13s P %.3f R %.3f F1 %.3f  (gold %d)", ts.Type, s.P, s.R, s.F1, s.Gold))
	}
	out = append(out, fmt.Sprintf("docs without output: %d, unreadable lines: %d", rep.DocsWithoutOutput, 0))
	m := rep.Micro.Exact
	return append(out, fmt.Sprintf("micro P %.3f R %.3f F1 %.3f", m.P, m.R, m.F1))
}

// quoteLines formats rep at its first threshold as score_quotes.py prints it.
func quoteLines(rep eval.QuoteReport) []string {
	s := rep.Scores[0]
	return []string{
		fmt.Sprintf("quotes: gold %d, found %d, false %d; speakers named %d, right %d", s.Gold, s.Found, s.False, s.SpeakersNamed, s.SpeakersRight),
		fmt.Sprintf("quote P %.3f R %.3f F1 %.3f speaker-acc %.3f", s.P, s.R, s.F1, s.SpeakerAcc),
	}
}

func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s: quidit eval and the reference scorer disagree:\nquidit eval:\n%s\nreference:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	} else {
		t.Logf("%s: %s", what, want[len(want)-1])
	}
}

// TestAgreeWithReference checks that the scorers give the figures of the
// reference scorers (../shared/tools) on the dev sets: WiNER-fr 2017 for
// entities, winer-fr-quotes 2017 and fr-litbank for quotes. Predictions are
// the extractor's, then perturbed gold (shifted, retyped, dropped, renamed
// spans) so that every rule is exercised whatever the extractor finds.
func TestAgreeWithReference(t *testing.T) {
	shared := agreeSetup(t)
	tools := filepath.Join(shared, "tools")
	dir := t.TempDir()
	winer := filepath.Join(shared, "data/winer-fr/winer-fr.2017.jsonl")
	quotes := filepath.Join(shared, "data/winer-fr-quotes/quotes.2017.jsonl")
	arts := readArticles(t, winer)
	labels := readLabels(t, quotes)
	texts := map[eval.ID]string{}
	for _, a := range arts {
		texts[a.ID] = a.Text
	}

	// Each check: our figures, and the reference scorer's command line; the
	// scorers run in parallel once every prediction file is written.
	type check struct {
		what string
		got  []string
		args []string
	}
	var checks []check
	pred := filepath.Join(dir, "pred.jsonl")
	preds := extractAll(t, arts, pred)
	checks = append(checks,
		check{"ner", nerLines(eval.ScoreNER(arts, preds)), []string{filepath.Join(tools, "score_ner.py"), winer, pred}},
		check{"quotes", quoteLines(eval.ScoreQuotes(labels, texts, preds)), []string{filepath.Join(tools, "score_quotes.py"), winer, quotes, pred}})

	// fr-litbank: our port of litbank2labels.py must give its labels.
	lit := filepath.Join(shared, "data/fr-litbank")
	litArts, litLabels, err := eval.ReadLitbank(lit)
	if err != nil {
		t.Fatal(err)
	}
	litTexts := map[eval.ID]string{}
	for _, a := range litArts {
		litTexts[a.ID] = a.Text
	}
	pyArts, pyLabels := filepath.Join(dir, "lit-articles.jsonl"), filepath.Join(dir, "lit-labels.jsonl")
	python(t, filepath.Join(tools, "litbank2labels.py"), lit, pyArts, pyLabels)
	checkLitbankPort(t, litArts, litLabels, readArticles(t, pyArts), readLabels(t, pyLabels))
	litPred := filepath.Join(dir, "lit-pred.jsonl")
	litPreds := extractAll(t, litArts, litPred)
	checks = append(checks, check{"fr-litbank", quoteLines(eval.ScoreQuotes(litLabels, nil, litPreds)), []string{filepath.Join(tools, "score_quotes.py"), pyArts, pyLabels, litPred}})

	// Perturbed gold.
	for seed := uint64(1); seed <= 1; seed++ {
		rng := rand.New(rand.NewPCG(seed, 2017))
		p := filepath.Join(dir, fmt.Sprintf("noisy%d.jsonl", seed))
		writeNoisy(t, p, rng, arts, labels)
		np := readPreds(t, p)
		lp := filepath.Join(dir, fmt.Sprintf("lit-noisy%d.jsonl", seed))
		writeNoisy(t, lp, rng, litArts, litLabels)
		checks = append(checks,
			check{fmt.Sprintf("ner, noisy %d", seed), nerLines(eval.ScoreNER(arts, np)), []string{filepath.Join(tools, "score_ner.py"), winer, p}},
			check{fmt.Sprintf("quotes, noisy %d", seed), quoteLines(eval.ScoreQuotes(labels, texts, np)), []string{filepath.Join(tools, "score_quotes.py"), winer, quotes, p}},
			check{fmt.Sprintf("fr-litbank, noisy %d", seed), quoteLines(eval.ScoreQuotes(litLabels, litTexts, readPreds(t, lp))), []string{filepath.Join(tools, "score_quotes.py"), pyArts, pyLabels, lp}})
	}

	outs := make([][]byte, len(checks))
	errs := make([]error, len(checks))
	var wg sync.WaitGroup
	for i, c := range checks {
		wg.Go(func() { outs[i], errs[i] = exec.Command("python3", c.args...).CombinedOutput() })
	}
	wg.Wait()
	for i, c := range checks {
		if errs[i] != nil {
			t.Errorf("python3 %s: %v\n%s", strings.Join(c.args, " "), errs[i], outs[i])
			continue
		}
		sameLines(t, c.what, c.got, strings.Split(strings.TrimSpace(string(outs[i])), "\n"))
	}
}

func checkLitbankPort(t *testing.T, arts []eval.Article, labels []eval.QuoteLabel, pyArts []eval.Article, pyLabels []eval.QuoteLabel) {
	t.Helper()
	if len(arts) != len(pyArts) || len(labels) != len(pyLabels) {
		t.Fatalf("fr-litbank: %d articles %d labels, litbank2labels.py %d %d", len(arts), len(labels), len(pyArts), len(pyLabels))
	}
	for i := range arts {
		if arts[i].ID != pyArts[i].ID || arts[i].Text != pyArts[i].Text {
			t.Errorf("fr-litbank article %d: %s, litbank2labels.py %s", i, arts[i].ID, pyArts[i].ID)
		}
	}
	str := func(s *string) string {
		if s == nil {
			return "<nil>"
		}
		return *s
	}
	num := func(i *int) string {
		if i == nil {
			return "<nil>"
		}
		return fmt.Sprint(*i)
	}
	for i, l := range labels {
		p := pyLabels[i]
		got := fmt.Sprint(l.Doc, l.Start, l.End, l.IsQuote, l.Kind, str(l.Speaker), str(l.SpeakerType), num(l.SpeakerStart), num(l.SpeakerEnd))
		want := fmt.Sprint(p.Doc, p.Start, p.End, p.IsQuote, p.Kind, str(p.Speaker), str(p.SpeakerType), num(p.SpeakerStart), num(p.SpeakerEnd))
		if got != want {
			t.Errorf("fr-litbank label %d: %s, litbank2labels.py %s", i, got, want)
		}
	}
}

var predTypes = map[string][]string{
	"Person":       {"PERSON"},
	"Organization": {"ORGANIZATION"},
	"Location":     {"COUNTRY", "LOCATION", "BASE"},
	"Date":         {"DATE"},
}

type jm struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type je struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	Name     string `json:"name"`
	Mentions []jm   `json:"mentions"`
}

type jq struct {
	Text        string  `json:"text"`
	Start       int     `json:"start"`
	End         int     `json:"end"`
	Kind        string  `json:"kind"`
	Speaker     *string `json:"speaker"`
	SpeakerText *string `json:"speaker_text"`
	Cue         *string `json:"cue"`
}

var words = regexp.MustCompile(`\S+`)

// writeNoisy writes predictions made from the gold by random edits: spans
// kept, shifted by one, retyped or dropped, spurious spans; quotes cut short,
// given other kinds; speakers named as the gold has them, folded differently,
// by one word, by a prefix, wrongly, or by a mention on the gold speaker span.
func writeNoisy(t *testing.T, path string, rng *rand.Rand, arts []eval.Article, labels []eval.QuoteLabel) {
	t.Helper()
	byDoc := map[eval.ID][]eval.QuoteLabel{}
	for _, l := range labels {
		byDoc[l.Doc] = append(byDoc[l.Doc], l)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	pick := func(ss ...string) string { return ss[rng.IntN(len(ss))] }
	for _, a := range arts {
		if rng.IntN(40) == 0 {
			continue // a document without output
		}
		runes := []rune(a.Text)
		sl := func(s, e int) string { return string(runes[max(0, min(s, len(runes))):max(0, min(e, len(runes)))]) }
		var ents []je
		add := func(typ string, s, e int) {
			if s < 0 || e > len(runes) || s >= e {
				return
			}
			m := jm{Text: sl(s, e), Start: s, End: e}
			if len(ents) > 0 && rng.IntN(3) == 0 { // a second mention of an earlier entity
				k := rng.IntN(len(ents))
				ents[k].Mentions = append(ents[k].Mentions, m)
				ents[k].Type = typ
				return
			}
			ents = append(ents, je{ID: fmt.Sprintf("E%d", len(ents)+1), Type: typ, Name: m.Text, Mentions: []jm{m}})
		}
		for _, g := range a.Entities {
			types := predTypes[g.Type]
			if types == nil {
				continue
			}
			typ := types[rng.IntN(len(types))]
			switch rng.IntN(8) {
			case 0: // dropped
			case 1:
				add(typ, g.Start+rng.IntN(3)-1, g.End+rng.IntN(3)-1)
			case 2:
				add(pick("PERSON", "ORGANIZATION", "LOCATION", "MISC"), g.Start, g.End)
			default:
				add(typ, g.Start, g.End)
			}
		}
		for range rng.IntN(4) { // spurious spans
			if len(runes) > 20 {
				s := rng.IntN(len(runes) - 10)
				add(pick("PERSON", "COUNTRY", "ORGANIZATION"), s, s+1+rng.IntN(10))
			}
		}
		var qs []jq
		for _, l := range byDoc[a.ID] {
			if rng.IntN(6) == 0 {
				continue
			}
			n := l.End - l.Start
			s, e := l.Start+1, l.End-1
			switch rng.IntN(5) {
			case 0:
				s = l.Start + rng.IntN(max(1, n))
			case 1:
				e = l.End - rng.IntN(max(1, n))
			}
			if s >= e {
				s, e = l.Start, l.End
			}
			q := jq{Text: sl(s, e), Start: s, End: e, Kind: pick("direct", "direct", "partial", "indirect", "according_to")}
			if l.Speaker != nil && rng.IntN(5) != 0 {
				name := *l.Speaker
				ws := words.FindAllString(name, -1)
				switch rng.IntN(7) {
				case 0:
					name = strings.ToUpper(name)
				case 1:
					if len(ws) > 0 {
						name = ws[len(ws)-1]
					}
				case 2:
					if r := []rune(name); len(r) > 2 {
						name = string(r[:2+rng.IntN(len(r)-2)])
					}
				case 3:
					name = pick("Paul Durand", "la police", "Li", "Le")
				case 4:
					name = "le porte-parole " + name
				}
				ms := []jm{{Text: name, Start: 0, End: 1}}
				if l.SpeakerStart != nil && rng.IntN(2) == 0 {
					ms = append(ms, jm{Text: "il", Start: *l.SpeakerStart + rng.IntN(3) - 1, End: *l.SpeakerEnd + rng.IntN(3) - 1})
				}
				id := fmt.Sprintf("E%d", len(ents)+1)
				ents = append(ents, je{ID: id, Type: "PERSON", Name: name, Mentions: ms})
				q.Speaker = &id
				if rng.IntN(3) == 0 {
					st := pick(*l.Speaker, "lui", "")
					q.SpeakerText = &st
				}
			}
			if l.Cue != nil && rng.IntN(2) == 0 {
				c := pick(*l.Cue, "dit")
				q.Cue = &c
			}
			qs = append(qs, q)
		}
		for range rng.IntN(3) { // spurious quotes
			if len(runes) > 20 {
				s := rng.IntN(len(runes) - 10)
				qs = append(qs, jq{Text: sl(s, s+10), Start: s, End: s + 10, Kind: pick("direct", "partial")})
			}
		}
		if ents == nil {
			ents = []je{}
		}
		if qs == nil {
			qs = []jq{}
		}
		enc.Encode(map[string]any{"id": string(a.ID), "entities": ents, "quotes": qs})
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}
