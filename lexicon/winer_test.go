package lexicon_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/lexicon"
)

// TestWiNERLexiconOnly writes the lexicon-only predictions for a WiNER-fr
// JSONL file, to be scored with /work/shared/tools/score_ner.py. It runs only
// when QUIDIT_WINER names the gold file and QUIDIT_WINER_OUT a directory:
//
//	QUIDIT_WINER=../shared/data/winer-fr/winer-fr.2017.jsonl QUIDIT_WINER_OUT=/tmp/w \
//	  go test ./lexicon -run TestWiNERLexiconOnly
//	python3 ../shared/tools/score_ner.py $QUIDIT_WINER /tmp/w/all.jsonl
//	python3 ../shared/tools/score_ner.py $QUIDIT_WINER /tmp/w/nodemonym.jsonl
//
// all.jsonl has every lexicon mention; nodemonym.jsonl leaves out those found
// through a demonym (russe → Russie), which WiNER never annotates.
func TestWiNERLexiconOnly(t *testing.T) {
	gold, dir := os.Getenv("QUIDIT_WINER"), os.Getenv("QUIDIT_WINER_OUT")
	if gold == "" || dir == "" {
		t.Skip("QUIDIT_WINER and QUIDIT_WINER_OUT not set")
	}
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(lex, extract.LexiconOnly(true))
	if err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(gold)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	all, err := os.Create(filepath.Join(dir, "all.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer all.Close()
	nodem, err := os.Create(filepath.Join(dir, "nodemonym.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer nodem.Close()
	wa, wn := bufio.NewWriter(all), bufio.NewWriter(nodem)
	defer wa.Flush()
	defer wn.Flush()
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	type mention struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Text  string `json:"text"`
		Via   string `json:"via"`
		Ref   string `json:"ref"`
	}
	type entity struct {
		Type     string    `json:"type"`
		Mentions []mention `json:"mentions"`
	}
	type doc struct {
		ID       string   `json:"id"`
		Entities []entity `json:"entities"`
	}
	for sc.Scan() {
		var rec struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		d, err := x.Extract(rec.ID, rec.Text)
		if err != nil {
			t.Fatal(err)
		}
		da, dn := doc{ID: rec.ID}, doc{ID: rec.ID}
		for _, m := range d.Mentions {
			if !m.Type.IsEntity() {
				continue
			}
			ref := ""
			if m.Entry != nil {
				ref = m.Entry.ID
			}
			mm := mention{utf8.RuneCountInString(rec.Text[:m.Start]), utf8.RuneCountInString(rec.Text[:m.End]), d.Slice(m.Span), string(m.Via), ref}
			e := entity{Type: string(m.Type), Mentions: []mention{mm}}
			da.Entities = append(da.Entities, e)
			if m.Via != extract.ViaDemonym {
				dn.Entities = append(dn.Entities, e)
			}
		}
		for _, p := range []struct {
			w *bufio.Writer
			d doc
		}{{wa, da}, {wn, dn}} {
			b, _ := json.Marshal(p.d)
			p.w.Write(append(b, '\n'))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}
