package extract

import (
	"testing"
	"unicode/utf8"
)

// FuzzQuotes runs the whole pipeline on arbitrary text and checks the quote
// layer: no panic, every span inside the text and on rune boundaries, quotes
// in text order; and that its fast paths find what the slow ones do (the
// token scan, the cues reported reads, the length of verb groups). Seeds are
// in testdata/fuzz/FuzzQuotes.
func FuzzQuotes(f *testing.F) {
	for _, s := range []string{
		"« Nous avons gagné », a-t-elle ajouté.",
		"Selon le WSJ, « tout va bien ». « Un \n« deux » trois » »",
		"\"a\" \"b «c» “d ‹e› f” »",
		"Il a dit : « ",
		"» « » « «",
	} {
		f.Add(s)
	}
	x := testQuoteExtractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		d, err := x.Extract("fuzz", text)
		if err != nil {
			return // invalid UTF-8, NUL bytes: refused before any stage
		}
		ok := func(s Span) bool {
			return s.Start >= 0 && s.Start <= s.End && s.End <= len(text) &&
				(s.Start == len(text) || utf8.RuneStart(text[s.Start])) &&
				(s.End == len(text) || utf8.RuneStart(text[s.End]))
		}
		prev := -1
		for i, q := range d.Quotes {
			if !ok(q.Span) {
				t.Fatalf("quote %d: span %v out of range or not on a rune boundary", i, q.Span)
			}
			if q.Start < prev {
				t.Fatalf("quote %d starts at %d, before the previous quote (%d)", i, q.Start, prev)
			}
			prev = q.Start
			for _, s := range []Span{q.Who, q.Cue} {
				if s != NoSpan && !ok(s) {
					t.Fatalf("quote %d: who/cue span %v out of range", i, s)
				}
			}
			if q.Speaker < -1 || q.Speaker >= len(d.Entities) {
				t.Fatalf("quote %d: speaker %d out of range", i, q.Speaker)
			}
			switch q.Kind {
			case Direct, Partial, Indirect, AccordingTo:
			default:
				t.Fatalf("quote %d: kind %q", i, q.Kind)
			}
		}
		// the fast paths find what the slow ones do
		if len(d.Tokens) == 0 {
			return // Find reads nothing
		}
		a := newQuoteAnalysis(x.quotes, d)
		checkScanEach(t, "scan", a)
		analysisPool.Put(a)
		checkReported(t, "reported", x.quotes, d)
		checkGroupEnds(t, "groups", x.quotes, d)
	})
}
