package extract_test

import (
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/quidit/quidit/extract"
)

// checkSpan reports an error when span got is not [start, end) or does not
// cover want in text.
func checkSpan(t *testing.T, what, text string, got extract.Span, start, end int, want string) {
	t.Helper()
	if got.Start != start || got.End != end {
		t.Errorf("%s: span [%d,%d), want [%d,%d) %q", what, got.Start, got.End, start, end, want)
		return
	}
	if got.Start < 0 || got.End > len(text) || got.Start > got.End {
		t.Errorf("%s: span [%d,%d) out of range", what, got.Start, got.End)
		return
	}
	if s := text[got.Start:got.End]; s != want {
		t.Errorf("%s: span [%d,%d) covers %q, want %q", what, got.Start, got.End, s, want)
	}
}

type tok struct {
	start, end int
	kind       extract.TokenKind
	text       string
}

// tokenCases are the French cases the tokenizer must get right, offsets
// included.
var tokenCases = []struct {
	name string
	in   string
	want []tok
}{
	{"elision typographic", "l’Afghanistan", []tok{{0, 4, extract.Elision, "l’"}, {4, 15, extract.Word, "Afghanistan"}}},
	{"elision straight", "l'Afghanistan", []tok{{0, 2, extract.Elision, "l'"}, {2, 13, extract.Word, "Afghanistan"}}},
	{"elision capital", "L’Élysée et D’autant", []tok{{0, 4, extract.Elision, "L’"}, {4, 12, extract.Word, "Élysée"}, {13, 15, extract.Word, "et"}, {16, 20, extract.Elision, "D’"}, {20, 26, extract.Word, "autant"}}},
	{"elisions", "d’Asie qu’elle n’aurait s’il j’ai m’a t’as c’est", []tok{{0, 4, extract.Elision, "d’"}, {4, 8, extract.Word, "Asie"}, {9, 14, extract.Elision, "qu’"}, {14, 18, extract.Word, "elle"}, {19, 23, extract.Elision, "n’"}, {23, 29, extract.Word, "aurait"}, {30, 34, extract.Elision, "s’"}, {34, 36, extract.Word, "il"}, {37, 41, extract.Elision, "j’"}, {41, 43, extract.Word, "ai"}, {44, 48, extract.Elision, "m’"}, {48, 49, extract.Word, "a"}, {50, 54, extract.Elision, "t’"}, {54, 56, extract.Word, "as"}, {57, 61, extract.Elision, "c’"}, {61, 64, extract.Word, "est"}}},
	{"long elisions", "jusqu’à lorsqu’il puisqu’on quoiqu’il presqu’île", []tok{{0, 8, extract.Elision, "jusqu’"}, {8, 10, extract.Word, "à"}, {11, 20, extract.Elision, "lorsqu’"}, {20, 22, extract.Word, "il"}, {23, 32, extract.Elision, "puisqu’"}, {32, 34, extract.Word, "on"}, {35, 44, extract.Elision, "quoiqu’"}, {44, 46, extract.Word, "il"}, {47, 56, extract.Elision, "presqu’"}, {56, 60, extract.Word, "île"}}},
	{"elision then space", "l' OMS", []tok{{0, 2, extract.Elision, "l'"}, {3, 6, extract.Word, "OMS"}}},
	{"elision no split", "aujourd’hui prud’hommes quelqu’un O’Neill", []tok{{0, 13, extract.Word, "aujourd’hui"}, {14, 27, extract.Word, "prud’hommes"}, {28, 39, extract.Word, "quelqu’un"}, {40, 49, extract.Word, "O’Neill"}}},
	{"giscard", "Valéry Giscard d’Estaing", []tok{{0, 7, extract.Word, "Valéry"}, {8, 15, extract.Word, "Giscard"}, {16, 20, extract.Elision, "d’"}, {20, 27, extract.Word, "Estaing"}}},
	{"elision in compound", "Villeneuve-d’Ascq", []tok{{0, 19, extract.Word, "Villeneuve-d’Ascq"}}},
	{"hyphenated", "États-Unis Jean-Yves Indo-Pacifique Biden-Poutine Saint-Étienne chef-lieu", []tok{{0, 11, extract.Word, "États-Unis"}, {12, 21, extract.Word, "Jean-Yves"}, {22, 36, extract.Word, "Indo-Pacifique"}, {37, 50, extract.Word, "Biden-Poutine"}, {51, 65, extract.Word, "Saint-Étienne"}, {66, 75, extract.Word, "chef-lieu"}}},
	{"place names", "Issy-les-Moulineaux Saint-Germain-en-Laye", []tok{{0, 19, extract.Word, "Issy-les-Moulineaux"}, {20, 41, extract.Word, "Saint-Germain-en-Laye"}}},
	{"inversion t", "a-t-il semble-t-il", []tok{{0, 1, extract.Word, "a"}, {1, 6, extract.Word, "-t-il"}, {7, 13, extract.Word, "semble"}, {13, 18, extract.Word, "-t-il"}}},
	{"inversion", "dit-elle", []tok{{0, 3, extract.Word, "dit"}, {3, 8, extract.Word, "-elle"}}},
	{"est-ce", "Qu’est-ce que c’est", []tok{{0, 5, extract.Elision, "Qu’"}, {5, 8, extract.Word, "est"}, {8, 11, extract.Word, "-ce"}, {12, 15, extract.Word, "que"}, {16, 20, extract.Elision, "c’"}, {20, 23, extract.Word, "est"}}},
	{"peut-être", "peut-être peut-on", []tok{{0, 10, extract.Word, "peut-être"}, {11, 15, extract.Word, "peut"}, {15, 18, extract.Word, "-on"}}},
	{"imperative", "donne-le-moi allez-y", []tok{{0, 5, extract.Word, "donne"}, {5, 8, extract.Word, "-le"}, {8, 12, extract.Word, "-moi"}, {13, 18, extract.Word, "allez"}, {18, 20, extract.Word, "-y"}}},
	{"rendez-vous", "un rendez-vous", []tok{{0, 2, extract.Word, "un"}, {3, 14, extract.Word, "rendez-vous"}}},
	{"thousands space", "17 000 soldats", []tok{{0, 6, extract.Number, "17 000"}, {7, 14, extract.Word, "soldats"}}},
	{"thousands nbsp", "17\u00a0000 et 1\u202f200\u202f000", []tok{{0, 7, extract.Number, "17\u00a0000"}, {8, 10, extract.Word, "et"}, {11, 24, extract.Number, "1\u202f200\u202f000"}}},
	{"millions", "1 200 000 euros", []tok{{0, 9, extract.Number, "1 200 000"}, {10, 15, extract.Word, "euros"}}},
	{"decimals", "3,5 et 3.5", []tok{{0, 3, extract.Number, "3,5"}, {4, 6, extract.Word, "et"}, {7, 10, extract.Number, "3.5"}}},
	{"ordinals", "le 22e jour, le 1er mai, le XXIe siècle, la 2nde", []tok{{0, 2, extract.Word, "le"}, {3, 6, extract.Number, "22e"}, {7, 11, extract.Word, "jour"}, {11, 12, extract.Punct, ","}, {13, 15, extract.Word, "le"}, {16, 19, extract.Number, "1er"}, {20, 23, extract.Word, "mai"}, {23, 24, extract.Punct, ","}, {25, 27, extract.Word, "le"}, {28, 32, extract.Word, "XXIe"}, {33, 40, extract.Word, "siècle"}, {40, 41, extract.Punct, ","}, {42, 44, extract.Word, "la"}, {45, 49, extract.Number, "2nde"}}},
	{"dates", "22/09/2021 et 2021-09-22", []tok{{0, 10, extract.Number, "22/09/2021"}, {11, 13, extract.Word, "et"}, {14, 24, extract.Number, "2021-09-22"}}},
	{"percent spaced", "12 %", []tok{{0, 2, extract.Number, "12"}, {3, 4, extract.Symbol, "%"}}},
	{"percent glued", "12%", []tok{{0, 2, extract.Number, "12"}, {2, 3, extract.Symbol, "%"}}},
	{"time", "14h30 et 14 h 30", []tok{{0, 5, extract.Number, "14h30"}, {6, 8, extract.Word, "et"}, {9, 11, extract.Number, "14"}, {12, 13, extract.Word, "h"}, {14, 16, extract.Number, "30"}}},
	{"years not grouped", "en 2021 300 personnes", []tok{{0, 2, extract.Word, "en"}, {3, 7, extract.Number, "2021"}, {8, 11, extract.Number, "300"}, {12, 21, extract.Word, "personnes"}}},
	{"url", "https://www.lemonde.fr/international/article.html.", []tok{{0, 49, extract.URL, "https://www.lemonde.fr/international/article.html"}, {49, 50, extract.Punct, "."}}},
	{"www", "www.orange.fr, lemonde.fr", []tok{{0, 13, extract.URL, "www.orange.fr"}, {13, 14, extract.Punct, ","}, {15, 25, extract.URL, "lemonde.fr"}}},
	{"email", "contact@teria-news.fr.", []tok{{0, 21, extract.Email, "contact@teria-news.fr"}, {21, 22, extract.Punct, "."}}},
	{"handle hashtag", "@EmmanuelMacron #Afghanistan", []tok{{0, 15, extract.Handle, "@EmmanuelMacron"}, {16, 28, extract.Hashtag, "#Afghanistan"}}},
	{"guillemets", "« productive »", []tok{{0, 2, extract.OpenQuote, "«"}, {3, 13, extract.Word, "productive"}, {14, 16, extract.CloseQuote, "»"}}},
	{"curly quotes", "“Non”", []tok{{0, 3, extract.OpenQuote, "“"}, {3, 6, extract.Word, "Non"}, {6, 9, extract.CloseQuote, "”"}}},
	{"single guillemets", "‹ oui ›", []tok{{0, 3, extract.OpenQuote, "‹"}, {4, 7, extract.Word, "oui"}, {8, 11, extract.CloseQuote, "›"}}},
	{"straight quotes", "il a dit \"non\" hier", []tok{{0, 2, extract.Word, "il"}, {3, 4, extract.Word, "a"}, {5, 8, extract.Word, "dit"}, {9, 10, extract.OpenQuote, "\""}, {10, 13, extract.Word, "non"}, {13, 14, extract.CloseQuote, "\""}, {15, 19, extract.Word, "hier"}}},
	{"straight quote start", "\"Non\", a-t-il dit.", []tok{{0, 1, extract.OpenQuote, "\""}, {1, 4, extract.Word, "Non"}, {4, 5, extract.CloseQuote, "\""}, {5, 6, extract.Punct, ","}, {7, 8, extract.Word, "a"}, {8, 13, extract.Word, "-t-il"}, {14, 17, extract.Word, "dit"}, {17, 18, extract.Punct, "."}}},
	{"acronyms", "U.S. É.-U. O.N.U.", []tok{{0, 4, extract.Word, "U.S."}, {5, 11, extract.Word, "É.-U."}, {12, 18, extract.Word, "O.N.U."}}},
	{"initials", "J.-P. Sartre et J. Biden", []tok{{0, 5, extract.Word, "J.-P."}, {6, 12, extract.Word, "Sartre"}, {13, 15, extract.Word, "et"}, {16, 18, extract.Word, "J."}, {19, 24, extract.Word, "Biden"}}},
	{"honorifics", "M. Dupont, MM. Dupont et Mme Durand", []tok{{0, 2, extract.Word, "M."}, {3, 9, extract.Word, "Dupont"}, {9, 10, extract.Punct, ","}, {11, 14, extract.Word, "MM."}, {15, 21, extract.Word, "Dupont"}, {22, 24, extract.Word, "et"}, {25, 28, extract.Word, "Mme"}, {29, 35, extract.Word, "Durand"}}},
	{"final period", "à Genève.", []tok{{0, 2, extract.Word, "à"}, {3, 10, extract.Word, "Genève"}, {10, 11, extract.Punct, "."}}},
	{"etc", "chats, etc. et chiens etc.", []tok{{0, 5, extract.Word, "chats"}, {5, 6, extract.Punct, ","}, {7, 11, extract.Word, "etc."}, {12, 14, extract.Word, "et"}, {15, 21, extract.Word, "chiens"}, {22, 25, extract.Word, "etc"}, {25, 26, extract.Punct, "."}}},
	{"numero", "n° 3 et n°3", []tok{{0, 3, extract.Word, "n°"}, {4, 5, extract.Number, "3"}, {6, 8, extract.Word, "et"}, {9, 12, extract.Word, "n°"}, {12, 13, extract.Number, "3"}}},
	{"plan B", "le plan B.", []tok{{0, 2, extract.Word, "le"}, {3, 7, extract.Word, "plan"}, {8, 9, extract.Word, "B"}, {9, 10, extract.Punct, "."}}},
	{"ellipsis", "Non... si… ?!", []tok{{0, 3, extract.Word, "Non"}, {3, 6, extract.Punct, "..."}, {7, 9, extract.Word, "si"}, {9, 12, extract.Punct, "…"}, {13, 15, extract.Punct, "?!"}}},
	{"ligature", "Œuvre et cœur", []tok{{0, 6, extract.Word, "Œuvre"}, {7, 9, extract.Word, "et"}, {10, 15, extract.Word, "cœur"}}},
	{"decomposed", "E\u0301tats-Unis", []tok{{0, 12, extract.Word, "E\u0301tats-Unis"}}},
	{"glued sentence", "jeudi.Le", []tok{{0, 5, extract.Word, "jeudi"}, {5, 6, extract.Punct, "."}, {6, 8, extract.Word, "Le"}}},
	// The bytes that end a plain word (Tokenizer's fast path) and those
	// that do not: _ + @ : × ÷, letters beyond U+017F.
	{"plain word ends", "jean_paul@x.fr prix+taxe a×b é÷è Ǆemal Ąbc Été", []tok{{0, 14, extract.Email, "jean_paul@x.fr"}, {15, 19, extract.Word, "prix"}, {19, 20, extract.Symbol, "+"}, {20, 24, extract.Word, "taxe"}, {25, 26, extract.Word, "a"}, {26, 28, extract.Symbol, "×"}, {28, 29, extract.Word, "b"}, {30, 32, extract.Word, "é"}, {32, 34, extract.Symbol, "÷"}, {34, 36, extract.Word, "è"}, {37, 43, extract.Word, "Ǆemal"}, {44, 48, extract.Word, "Ąbc"}, {49, 54, extract.Word, "Été"}}},
	{"url or word", "http://x.fr https:/ www", []tok{{0, 11, extract.URL, "http://x.fr"}, {12, 17, extract.Word, "https"}, {17, 18, extract.Punct, ":"}, {18, 19, extract.Symbol, "/"}, {20, 23, extract.Word, "www"}}},
	{"one-byte tokens", "(c) 5% x/y *z+=`_ ,\u0301 a", []tok{{0, 1, extract.Punct, "("}, {1, 2, extract.Word, "c"}, {2, 3, extract.Punct, ")"}, {4, 5, extract.Number, "5"}, {5, 6, extract.Symbol, "%"}, {7, 8, extract.Word, "x"}, {8, 9, extract.Symbol, "/"}, {9, 10, extract.Word, "y"}, {11, 12, extract.Symbol, "*"}, {12, 13, extract.Word, "z"}, {13, 14, extract.Symbol, "+"}, {14, 15, extract.Symbol, "="}, {15, 16, extract.Symbol, "`"}, {16, 17, extract.Symbol, "_"}, {18, 21, extract.Punct, ",\u0301"}, {22, 23, extract.Word, "a"}}},
	{"elided words", "l’\u0301x lʼOMS L’État D'Artagnan jusqu'", []tok{{0, 6, extract.Elision, "l’\u0301"}, {6, 7, extract.Word, "x"}, {8, 14, extract.Word, "lʼOMS"}, {15, 19, extract.Elision, "L’"}, {19, 24, extract.Word, "État"}, {25, 27, extract.Elision, "D'"}, {27, 35, extract.Word, "Artagnan"}, {36, 42, extract.Elision, "jusqu'"}}},
	{"words before a dot", "Voir www.x.fr ou jean.dupont@x.fr. É. Macron, Gén. Martin, site.fr et fin.Le mot. Ah?! Oh... Il.. Non!", []tok{{0, 4, extract.Word, "Voir"}, {5, 13, extract.URL, "www.x.fr"}, {14, 16, extract.Word, "ou"}, {17, 33, extract.Email, "jean.dupont@x.fr"}, {33, 34, extract.Punct, "."}, {35, 38, extract.Word, "É."}, {39, 45, extract.Word, "Macron"}, {45, 46, extract.Punct, ","}, {47, 52, extract.Word, "Gén."}, {53, 59, extract.Word, "Martin"}, {59, 60, extract.Punct, ","}, {61, 68, extract.URL, "site.fr"}, {69, 71, extract.Word, "et"}, {72, 75, extract.Word, "fin"}, {75, 76, extract.Punct, "."}, {76, 78, extract.Word, "Le"}, {79, 82, extract.Word, "mot"}, {82, 83, extract.Punct, "."}, {84, 86, extract.Word, "Ah"}, {86, 88, extract.Punct, "?!"}, {89, 91, extract.Word, "Oh"}, {91, 94, extract.Punct, "..."}, {95, 97, extract.Word, "Il"}, {97, 99, extract.Punct, ".."}, {100, 103, extract.Word, "Non"}, {103, 104, extract.Punct, "!"}}},
	{"dashes", "— Oui – non -- peut-être", []tok{{0, 3, extract.Punct, "—"}, {4, 7, extract.Word, "Oui"}, {8, 11, extract.Punct, "–"}, {12, 15, extract.Word, "non"}, {16, 18, extract.Punct, "--"}, {19, 29, extract.Word, "peut-être"}}},
}

func TestTokenizerAppend(t *testing.T) {
	tz := extract.NewTokenizer()
	for _, c := range tokenCases {
		t.Run(c.name, func(t *testing.T) {
			got := tz.Append(nil, c.in, extract.Span{Start: 0, End: len(c.in)})
			for i := 0; i < len(got) || i < len(c.want); i++ {
				switch {
				case i >= len(got):
					t.Errorf("token %d: missing, want %q", i, c.want[i].text)
				case i >= len(c.want):
					t.Errorf("token %d: extra %q %v", i, c.in[got[i].Start:got[i].End], got[i].Kind)
				default:
					w := c.want[i]
					checkSpan(t, "token "+w.text, c.in, got[i].Span, w.start, w.end, w.text)
					if got[i].Kind != w.kind {
						t.Errorf("token %q: kind %v, want %v", w.text, got[i].Kind, w.kind)
					}
				}
			}
		})
	}
}

// TestTokenizerSpanInsideText tokenizes a span in the middle of a text: the
// offsets are the text's, and nothing outside the span is read.
func TestTokenizerSpanInsideText(t *testing.T) {
	text := "avant. l’Afghanistan a-t-il 17 000 M. après"
	s := extract.Span{Start: strings.Index(text, "l’"), End: strings.Index(text, " après")}
	got := extract.NewTokenizer().Append(nil, text, s)
	want := []tok{{7, 11, extract.Elision, "l’"}, {11, 22, extract.Word, "Afghanistan"}, {23, 24, extract.Word, "a"},
		{24, 29, extract.Word, "-t-il"}, {30, 36, extract.Number, "17 000"}, {37, 39, extract.Word, "M."}}
	if len(got) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(got), len(want))
	}
	for i, w := range want {
		checkSpan(t, w.text, text, got[i].Span, w.start, w.end, w.text)
	}
	// a span ending just after "2021." keeps the final period apart
	text = "le 3 janvier 2021. Ensuite"
	got = extract.NewTokenizer().Append(nil, text, extract.Span{Start: 0, End: strings.Index(text, " Ensuite")})
	last := got[len(got)-1]
	checkSpan(t, "final period", text, last.Span, 17, 18, ".")
}

// TestTokenNormKey checks Norm (normalised, case kept) and Key (folded) of
// tokens whose spelling varies: apostrophes, spaces, ligatures, decomposed
// accents.
func TestTokenNormKey(t *testing.T) {
	cases := []struct {
		in        string
		norm, key string
	}{
		{"l’", "l'", "l'"},
		{"L’", "L'", "l'"},
		{"Qu'", "Qu'", "qu'"},
		{"aujourd’hui", "aujourd'hui", "aujourd'hui"},
		{"17\u00a0000", "17 000", "17 000"},
		{"1\u202f200\u202f000", "1 200 000", "1 200 000"},
		{"Œuvre", "Oeuvre", "oeuvre"},
		{"ŒUVRE", "OEUVRE", "oeuvre"},
		{"cœur", "coeur", "coeur"},
		{"œ", "oe", "oe"}, // a lone ligature is expanded too, not mapped to NUL
		{"Æ", "Ae", "ae"},
		{"E\u0301tats-Unis", "États-Unis", "etats-unis"},
		{"États-Unis", "États-Unis", "etats-unis"},
		{"“", "\"", "\""},
		{"»", "»", "»"},
		{"chef\u2011lieu", "chef-lieu", "chef-lieu"},
		{"Afgha\u00adnistan", "Afghanistan", "afghanistan"},
		{"Macron", "Macron", "macron"},
		{"ÉTÉ", "ÉTÉ", "ete"},
		{"ß", "ß", "ss"},
		{"`", "`", "`"}, // lower-case ASCII is its own key (lexicon.Fold)
		{"à", "à", "a"},
		{"°", "°", "°"},
		{"Ąbc", "Ąbc", "abc"},
		{"Ǆemal", "Ǆemal", "ǆemal"},
		{"Ⱥx", "Ⱥx", "ⱥx"}, // a key longer than the text
	}
	tz := extract.NewTokenizer()
	for _, c := range cases {
		got := tz.Append(nil, c.in, extract.Span{Start: 0, End: len(c.in)})
		if len(got) != 1 {
			t.Errorf("%q: %d tokens, want 1", c.in, len(got))
			continue
		}
		checkSpan(t, c.in, c.in, got[0].Span, 0, len(c.in), c.in)
		if got[0].Norm != c.norm || got[0].Key != c.key {
			t.Errorf("%q: Norm %q Key %q, want %q %q", c.in, got[0].Norm, got[0].Key, c.norm, c.key)
		}
	}
}

// TestDecomposedMatchesComposed: a text with decomposed accents tokenizes
// like the composed one, with the same keys, offsets in its own bytes.
func TestDecomposedMatchesComposed(t *testing.T) {
	composed := "À Genève, l’Élysée a-t-il reçu Sergueï Guérassimov ?"
	decomposed := "A\u0300 Gene\u0300ve, l’E\u0301lyse\u0301e a-t-il reçu Serguei\u0308 Gue\u0301rassimov ?"
	tz := extract.NewTokenizer()
	a := tz.Append(nil, composed, extract.Span{Start: 0, End: len(composed)})
	b := tz.Append(nil, decomposed, extract.Span{Start: 0, End: len(decomposed)})
	if len(a) != len(b) {
		t.Fatalf("%d tokens composed, %d decomposed", len(a), len(b))
	}
	for i := range a {
		if a[i].Key != b[i].Key || a[i].Norm != b[i].Norm || a[i].Kind != b[i].Kind {
			t.Errorf("token %d: composed %q/%q %v, decomposed %q/%q %v", i, a[i].Norm, a[i].Key, a[i].Kind, b[i].Norm, b[i].Key, b[i].Kind)
		}
	}
	checkSpan(t, "Genève", decomposed, b[1].Span, 4, 12, "Gene\u0300ve")
}

// TestNormIsSubstring: when normalising changes nothing, Norm (and Key, for
// lower-case ASCII) share the text's bytes instead of allocating.
func TestNormIsSubstring(t *testing.T) {
	text := "la rencontre de Genève entre États-Unis et Russie"
	toks := extract.NewTokenizer().Append(nil, text, extract.Span{Start: 0, End: len(text)})
	for _, tk := range toks {
		if !sameBytes(tk.Norm, text[tk.Start:tk.End]) {
			t.Errorf("%q: Norm is a copy", tk.Norm)
		}
		if tk.Norm == tk.Key && !sameBytes(tk.Key, text[tk.Start:tk.End]) {
			t.Errorf("%q: Key is a copy", tk.Key)
		}
	}
	allocs := testing.AllocsPerRun(100, func() {
		toks = extract.NewTokenizer().Append(toks[:0], "la rencontre de l'alliance entre les deux pays", extract.Span{Start: 0, End: 46})
	})
	if allocs != 0 {
		t.Errorf("%v allocations tokenizing lower-case ASCII text into a buffer, want 0", allocs)
	}
}

func unsafeData(s string) *byte { return unsafe.StringData(s) }

func sameBytes(a, b string) bool {
	return len(a) == len(b) && (len(a) == 0 || unsafeData(a) == unsafeData(b))
}

// TestTokenizeSentences: Tokenize numbers tokens by sentence and keeps each
// inside its sentence.
func TestTokenizeSentences(t *testing.T) {
	d := &extract.Doc{Text: "M. Dupont est arrivé. « Pourquoi ? » a-t-il demandé.\nTeria News"}
	extract.NewSegmenter().Segment(d)
	extract.NewTokenizer().Tokenize(d)
	wantSent := []int{0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2}
	if len(d.Tokens) != len(wantSent) {
		t.Fatalf("%d tokens, want %d", len(d.Tokens), len(wantSent))
	}
	for i, tk := range d.Tokens {
		if tk.Sentence != wantSent[i] {
			t.Errorf("token %d %q: sentence %d, want %d", i, d.Slice(tk.Span), tk.Sentence, wantSent[i])
		}
		s := d.Sentences[tk.Sentence]
		if tk.Start < s.Start || tk.End > s.End {
			t.Errorf("token %q outside its sentence", d.Slice(tk.Span))
		}
	}
	checkSpan(t, "-t-il", d.Text, d.Tokens[10].Span, 41, 46, "-t-il")
}

// TestConcurrentUse runs one Segmenter, Tokenizer and Stemmer from many
// goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	seg, tz, st := extract.NewSegmenter(), extract.NewTokenizer(), extract.NewStemmer()
	texts := []string{
		"M. Dupont est arrivé. « Pourquoi ? » a-t-il demandé.",
		"Les États-Unis et la Russie ont discuté à Genève le 22 septembre 2021.",
		"Quand les leaders militaires communiquent, le monde devient plus sûr.",
	}
	want := make([]*extract.Doc, len(texts))
	wantStems := make([][]string, len(texts))
	for i, s := range texts {
		want[i] = &extract.Doc{Text: s}
		seg.Segment(want[i])
		tz.Tokenize(want[i])
		wantStems[i] = st.Stem(want[i])
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 50; n++ {
				i := n % len(texts)
				d := &extract.Doc{Text: texts[i]}
				seg.Segment(d)
				tz.Tokenize(d)
				stems := st.Stem(d)
				if len(d.Tokens) != len(want[i].Tokens) || len(d.Sentences) != len(want[i].Sentences) {
					t.Errorf("text %d: %d tokens %d sentences, want %d %d", i, len(d.Tokens), len(d.Sentences), len(want[i].Tokens), len(want[i].Sentences))
					return
				}
				for k := range d.Tokens {
					if d.Tokens[k] != want[i].Tokens[k] || stems[k] != wantStems[i][k] {
						t.Errorf("text %d token %d: %+v stem %q, want %+v stem %q", i, k, d.Tokens[k], stems[k], want[i].Tokens[k], wantStems[i][k])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

func TestStemmer(t *testing.T) {
	d := &extract.Doc{Text: "Les Américaines ont discuté des propositions d’Asie."}
	extract.NewSegmenter().Segment(d)
	extract.NewTokenizer().Tokenize(d)
	st := extract.NewStemmer()
	stems := st.Stem(d)
	if len(stems) != len(d.Tokens) {
		t.Fatalf("%d stems for %d tokens", len(stems), len(d.Tokens))
	}
	want := map[string]string{"Les": "le", "Américaines": "américain", "discuté": "discut", "propositions": "proposit", "Asie": "asi"}
	for i, tk := range d.Tokens {
		w := d.Slice(tk.Span)
		if tk.Kind != extract.Word {
			if stems[i] != "" {
				t.Errorf("%q (%v): stem %q, want none", w, tk.Kind, stems[i])
			}
			continue
		}
		if s, ok := want[w]; ok && stems[i] != s {
			t.Errorf("%q: stem %q, want %q", w, stems[i], s)
		}
	}
	// the cache answers the same
	if a, b := st.StemWord("Américaines"), st.StemWord("Américaines"); a != b || a != "américain" {
		t.Errorf("StemWord: %q then %q", a, b)
	}
}

// TestTokenizeLikeAppend: Tokenize (which makes the keys of a document in one
// string) gives each sentence the tokens Append gives it, and reusing a
// document's token slice leaves nothing of the previous document.
func TestTokenizeLikeAppend(t *testing.T) {
	texts := []string{
		"L’Élysée a reçu M. Macron. « Pourquoi ? » a-t-il demandé à l'ONU.\nLES ÉTATS-UNIS et la Russie, ŒUVRE et cœur.",
		"Qu’en pense Jean-Yves Le Drian ? Aujourd’hui, 17\u00a0000 soldats à Saint-Étienne.",
		"E\u0301tats-Unis: Gene\u0300ve, www.Lemonde.fr et A`B.",
		// keys lower-cased eight bytes at a time, and byte by byte at the end
		"Les INTERNATIONALES de L'OTAN, Jean-Yves LE DRIAN et U.S. ARMY ou USA",
	}
	texts = append(texts, texts...) // again, into tokens and scratch memory used before
	seg, tz := extract.NewSegmenter(), extract.NewTokenizer()
	d := &extract.Doc{}
	for _, text := range texts {
		d.Text = text // d.Tokens of the previous text is reused
		seg.Segment(d)
		tz.Tokenize(d)
		var want []extract.Token
		for si, s := range d.Sentences {
			n := len(want)
			want = tz.Append(want, text, s)
			for i := n; i < len(want); i++ {
				want[i].Sentence = si
			}
		}
		if len(d.Tokens) != len(want) {
			t.Fatalf("%q: %d tokens, Append gives %d", text, len(d.Tokens), len(want))
		}
		for i := range want {
			if d.Tokens[i] != want[i] {
				t.Errorf("%q token %d: %+v, Append gives %+v", text, i, d.Tokens[i], want[i])
			}
		}
	}
}
