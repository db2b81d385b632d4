package extract_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/lexicon"
)

var (
	fuzzOnce sync.Once
	fuzzX    *extract.Extractor
	fuzzErr  error
)

func defaultExtractor(tb testing.TB) *extract.Extractor {
	fuzzOnce.Do(func() {
		lex, err := lexicon.Default()
		if err != nil {
			fuzzErr = err
			return
		}
		fuzzX, fuzzErr = extract.New(lex)
	})
	if fuzzErr != nil {
		tb.Fatal(fuzzErr)
	}
	return fuzzX
}

type outSpan struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Via   string `json:"via"`
}

type outDoc struct {
	ID       string `json:"id"`
	Error    string `json:"error"`
	Entities []struct {
		ID       string    `json:"id"`
		Mentions []outSpan `json:"mentions"`
		Demonyms []outSpan `json:"demonyms"`
	} `json:"entities"`
	Quotes []struct {
		outSpan
		Speaker *string `json:"speaker"`
	} `json:"quotes"`
}

// checkOutput checks the JSON contract on one document's output: valid JSON,
// every mention and quote slicing back to its text in code points, speakers
// naming existing entities.
func checkOutput(t *testing.T, text string, out []byte) {
	t.Helper()
	var d outDoc
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatalf("output is not valid JSON: %v\n%s", err, out)
	}
	runes := []rune(text)
	check := func(what string, s outSpan) {
		if s.Start < 0 || s.End < s.Start || s.End > len(runes) {
			t.Fatalf("%s [%d,%d) out of range (text has %d code points)", what, s.Start, s.End, len(runes))
		}
		if got := string(runes[s.Start:s.End]); got != s.Text {
			t.Fatalf("%s [%d,%d) slices to %q, JSON says %q", what, s.Start, s.End, got, s.Text)
		}
	}
	ids := map[string]bool{}
	for _, e := range d.Entities {
		ids[e.ID] = true
		if len(e.Mentions)+len(e.Demonyms) == 0 {
			t.Fatalf("entity %s has no mention", e.ID)
		}
		for _, m := range e.Mentions {
			check("mention of "+e.ID, m)
		}
		for _, m := range e.Demonyms {
			check("demonym of "+e.ID, m)
			if m.Via != "demonym" {
				t.Fatalf("demonym of %s found as %q", e.ID, m.Via)
			}
		}
	}
	last := -1
	for _, q := range d.Quotes {
		check("quote", q.outSpan)
		if q.Speaker != nil && !ids[*q.Speaker] {
			t.Fatalf("quote speaker %q is no entity", *q.Speaker)
		}
		if q.Start < last {
			t.Fatalf("quote at %d comes after one at %d: quotes are not in text order", q.Start, last)
		}
		last = q.Start
	}
}

// FuzzExtract runs the whole pipeline on arbitrary text: no panic, and every
// span of the JSON output slices back to its text in code points.
func FuzzExtract(f *testing.F) {
	ref, err := os.ReadFile("../testdata/russie-etats-unis-bases.txt")
	if err == nil {
		f.Add(string(ref))
	}
	for _, s := range []string{
		"",
		"   \n\n ",
		"« « « « «",
		"Mark Milley a dit : « C’est productif. »\nMark Milley",
		"Selon l’AFP, M. Macron a déclaré qu’il viendrait.",
		"e\u0301tats-Unis, Etats-Unis, ÉTATS-UNIS\u00a0: « oui » !",
		"Le Wall Street Journal (WSJ) affirme que le WSJ ment.",
		"\"Non\", a-t-elle dit. \"Oui\" \"",
		"Jean-Yves Le Drian\u202f; Biden-Poutine — 17 000 € ; https://x.fr/a?b=c, a@b.fr",
		"\ufeffœuvre Œ ﬁ \u200b \u00ad",
	} {
		f.Add(s)
	}
	x := defaultExtractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		d, err := x.Extract("fuzz", text)
		if err != nil {
			if utf8.ValidString(text) && !bytes.ContainsRune([]byte(text), 0) {
				t.Fatalf("valid text rejected: %v", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := extract.WriteJSON(&buf, d, false); err != nil {
			t.Fatal(err)
		}
		checkOutput(t, text, buf.Bytes())
		// the same document when the caller has checked the encoding
		d2, err := x.ExtractValidUTF8("fuzz", text)
		if err != nil {
			t.Fatalf("ExtractValidUTF8: %v", err)
		}
		var buf2 bytes.Buffer
		extract.WriteJSON(&buf2, d2, false)
		if buf2.String() != buf.String() {
			t.Fatalf("ExtractValidUTF8 writes\n%s\nExtract writes\n%s", buf2.Bytes(), buf.Bytes())
		}
	})
}

// TestExtractValidUTF8 checks that ExtractValidUTF8 refuses what Extract
// refuses but for the encoding, with the same errors.
func TestExtractValidUTF8(t *testing.T) {
	lex := defaultExtractor(t).Lexicon()
	x, err := extract.New(lex, extract.MaxBytes(20))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, text, err string }{
		{"NUL", "Paris\x00Lyon", "NUL byte at byte 5: binary data, not text"},
		{"too large", "Paris, Lyon et Marseille", "document is 24 bytes, more than the limit of 20"},
		{"valid", "Paris et Lyon", ""},
	} {
		_, err1 := x.Extract("a", tt.text)
		_, err2 := x.ExtractValidUTF8("a", tt.text)
		if e1, e2 := fmt.Sprint(err1), fmt.Sprint(err2); e1 != e2 || tt.err != "" && e1 != tt.err || tt.err == "" && err1 != nil {
			t.Errorf("%s: Extract %v, ExtractValidUTF8 %v, want %q", tt.name, err1, err2, tt.err)
		}
	}
}
