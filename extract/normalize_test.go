package extract_test

import (
	"testing"

	"github.com/quidit/quidit/extract"
)

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"plain ascii", "plain ascii"},
		{"l’Afghanistan", "l'Afghanistan"},
		{"lʼAfghanistan", "l'Afghanistan"},
		{"l‘Afghanistan", "l'Afghanistan"},
		{"“Non”", "\"Non\""},
		{"„Nein“", "\"Nein\""},
		{"«\u00a0oui\u00a0»", "« oui »"},
		{"Il a dit\u202f: non\u202f!", "Il a dit : non !"},
		{"17\u2009000", "17 000"},
		{"œil Œuvre ŒUVRE", "oeil Oeuvre OEUVRE"},
		{"ex æquo Æ", "ex aequo Ae"},
		{"E\u0301tats-Unis", "États-Unis"},
		{"Gene\u0300ve", "Genève"},
		{"chef\u2010lieu", "chef-lieu"},
		{"Afgha\u00adnis\u200btan", "Afghanistan"},
		{"Genève", "Genève"},
	}
	for _, c := range cases {
		if got := extract.Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNormalizeNoCopy: a string that needs no change is returned as is,
// without allocating.
func TestNormalizeNoCopy(t *testing.T) {
	for _, s := range []string{"Afghanistan", "États-Unis", "« productive »", "l'alliance"} {
		if got := extract.Normalize(s); !sameBytes(got, s) {
			t.Errorf("Normalize(%q) returned a copy", s)
		}
		if n := testing.AllocsPerRun(100, func() { extract.Normalize(s) }); n != 0 {
			t.Errorf("Normalize(%q): %v allocations, want 0", s, n)
		}
	}
}

// TestNormalizeKeepsOffsets: the tokenizer's spans are in the original text,
// whatever Normalize does to the token's form.
func TestNormalizeKeepsOffsets(t *testing.T) {
	text := "l’Œuvre\u00a0: 17\u202f000 «\u00a0E\u0301tats\u00a0»"
	toks := extract.NewTokenizer().Append(nil, text, extract.Span{Start: 0, End: len(text)})
	want := []struct {
		start, end int
		text, norm string
	}{
		{0, 4, "l’", "l'"},
		{4, 10, "Œuvre", "Oeuvre"},
		{12, 13, ":", ":"},
		{14, 22, "17\u202f000", "17 000"},
		{23, 25, "«", "«"},
		{27, 34, "E\u0301tats", "États"},
		{36, 38, "»", "»"},
	}
	if len(toks) != len(want) {
		t.Fatalf("%d tokens, want %d", len(toks), len(want))
	}
	for i, w := range want {
		checkSpan(t, w.text, text, toks[i].Span, w.start, w.end, w.text)
		if toks[i].Norm != w.norm {
			t.Errorf("%q: Norm %q, want %q", w.text, toks[i].Norm, w.norm)
		}
	}
}
