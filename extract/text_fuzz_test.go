package extract

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/quidit/quidit/lexicon"
)

// fuzzSeeds are added to the seed corpora in testdata/fuzz/.
var fuzzSeeds = []string{
	"",
	"M. Dupont est arrivé. « Pourquoi ? » a-t-il demandé.\nTeria News",
	"l’Afghanistan aujourd’hui 17\u00a0000 3,5 22/09/2021 https://x.fr/a?b=C. U.S. É.-U. J.-P. etc. et",
	"jeudi.Le \"Ségur\".\"Malgré d''évolutions'\" ... … ?! (…) av. J.-C. La",
	"E\u0301tats-Unis œ Œ\u00ad\u200b\u2028\r\n\x01 -t-il -",
	"a\xffb\xc3",
}

// checkSpans fails when spans are out of [lo,hi), empty, decreasing or
// overlapping, or (for valid UTF-8) not on rune boundaries.
func checkSpans(t *testing.T, what, text string, spans []Span, lo, hi int) {
	t.Helper()
	valid := utf8.ValidString(text)
	prev := lo
	for i, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > hi {
			t.Fatalf("%s %d: [%d,%d) after %d, in [%d,%d)", what, i, s.Start, s.End, prev, lo, hi)
		}
		if valid && (!utf8.RuneStart(text[s.Start]) || s.End < len(text) && !utf8.RuneStart(text[s.End])) {
			t.Fatalf("%s %d: [%d,%d) not on rune boundaries", what, i, s.Start, s.End)
		}
		prev = s.End
	}
}

// onlyBlank reports whether s has nothing but blanks.
func onlyBlank(s string) bool {
	for _, r := range s {
		if !isBlank(r) {
			return false
		}
	}
	return true
}

func FuzzSegment(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	seg := NewSegmenter()
	f.Fuzz(func(t *testing.T, text string) {
		d := &Doc{Text: text}
		seg.Segment(d)
		checkSpans(t, "sentence", text, d.Sentences, 0, len(text))
		prev := 0
		for i, s := range d.Sentences {
			first, _ := utf8.DecodeRuneInString(text[s.Start:])
			last, _ := utf8.DecodeLastRuneInString(text[:s.End])
			if isBlank(first) || isBlank(last) {
				t.Fatalf("sentence %d %q is not trimmed", i, d.Slice(s))
			}
			if !onlyBlank(text[prev:s.Start]) {
				t.Fatalf("text %q between sentences is not blank", text[prev:s.Start])
			}
			prev = s.End
		}
		if !onlyBlank(text[prev:]) {
			t.Fatalf("text %q after the last sentence is not blank", text[prev:])
		}
	})
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	seg, tz, st := NewSegmenter(), NewTokenizer(), NewStemmer()
	f.Fuzz(func(t *testing.T, text string) {
		d := &Doc{Text: text}
		seg.Segment(d)
		tz.Tokenize(d)
		st.Stem(d)
		spans := make([]Span, len(d.Tokens))
		for i, tk := range d.Tokens {
			spans[i] = tk.Span
		}
		checkSpans(t, "token", text, spans, 0, len(text))
		prevSent := 0
		for i, tk := range d.Tokens {
			if tk.Sentence < prevSent || tk.Sentence >= len(d.Sentences) {
				t.Fatalf("token %d: sentence %d after %d", i, tk.Sentence, prevSent)
			}
			prevSent = tk.Sentence
			s := d.Sentences[tk.Sentence]
			if tk.Start < s.Start || tk.End > s.End {
				t.Fatalf("token %d %q outside its sentence %q", i, d.Slice(tk.Span), d.Slice(s))
			}
			if onlyBlank(d.Slice(tk.Span)) {
				t.Fatalf("token %d %q is only blanks", i, d.Slice(tk.Span))
			}
			if tk.Norm == "" && tk.Key != "" || tk.Key != lexicon.Fold(tk.Norm) {
				t.Fatalf("token %d %q: Norm %q Key %q", i, d.Slice(tk.Span), tk.Norm, tk.Key)
			}
			if i > 0 && !onlyBlank(text[d.Tokens[i-1].End:tk.Start]) {
				t.Fatalf("text %q between tokens is not blank", text[d.Tokens[i-1].End:tk.Start])
			}
		}
		// Append on the whole text, as for a lexicon form: same properties.
		toks := tz.Append(nil, text, Span{0, len(text)})
		spans = spans[:0]
		for _, tk := range toks {
			spans = append(spans, tk.Span)
			if onlyBlank(text[tk.Start:tk.End]) {
				t.Fatalf("token %q is only blanks", text[tk.Start:tk.End])
			}
		}
		checkSpans(t, "token", text, spans, 0, len(text))
	})
}

// FuzzFoldKey checks that the tokenizer's table-driven folds are
// lexicon.Fold: foldKey always, foldLatin when it takes the text (which is
// then its own Norm).
func FuzzFoldKey(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("États-Unis ŒUVRE Æ ß ʼ’ İı ǅ")
	f.Add("Président\tété`déjà")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := foldKey(s), lexicon.Fold(s); got != want {
			t.Fatalf("foldKey(%q) = %q, lexicon.Fold = %q", s, got, want)
		}
		// (normKey calls it for text with a byte beyond ASCII, for which
		// Fold folds every rune: plain ASCII it returns as is, "a\tb" too)
		if b, ok := foldSpan([]byte("x"), s, 0, len(s)); ok && !isASCII(s) {
			if got, want := string(b), "x"+lexicon.Fold(s); got != want {
				t.Fatalf("foldSpan(%q) = %q, want %q", s, got[1:], want[1:])
			}
			if n := Normalize(s); n != s {
				t.Fatalf("foldSpan took %q, whose Norm is %q", s, n)
			}
		}
		for start := range min(len(s), 9) {
			for end := max(start, len(s)-9); end <= len(s); end++ {
				checkFoldSpan(t, s, start, end)
			}
		}
	})
}

// foldLatinBytes is foldSpan rune by rune, for the tests.
func foldLatinBytes(b []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			b = append(b, asciiKeys[c])
			i++
			continue
		}
		if i+1 >= len(s) || s[i]&0xe0 != 0xc0 || s[i+1]&0xc0 != 0x80 {
			return b, false
		}
		r := rune(s[i]&0x1f)<<6 | rune(s[i+1]&0x3f)
		if r < utf8.RuneSelf || r >= foldTableSize || latinFolds[r].n == 0 {
			return b, false
		}
		f := latinFolds[r]
		b = append(b, f.b[:f.n]...)
		i += 2
	}
	return b, true
}

// checkFoldSpan checks foldSpan(b, s, start, end) against
// foldLatinBytes(b, s[start:end]), after a few bytes already in b.
func checkFoldSpan(t *testing.T, s string, start, end int) {
	t.Helper()
	got, ok := foldSpan([]byte("xyz"), s, start, end)
	want, wantOK := foldLatinBytes([]byte("xyz"), s[start:end])
	if ok != wantOK || ok && string(got) != string(want) {
		t.Fatalf("foldSpan(%q, %d, %d) = %q, %v; want %q, %v", s, start, end, got, ok, want, wantOK)
	}
}

// TestFoldSpan puts every byte value at every offset of words of ASCII and
// Latin letters, longer than eight bytes, and checks foldSpan on every
// span of them from several starts against a loop over the runes.
func TestFoldSpan(t *testing.T) {
	eachVariant([]string{"PRÉSIDENT-élu", "aBcDeFgHiJkLmN", "É`Ç\tß.Œ'x"}, func(s string, start int) {
		for end := start; end <= len(s); end++ {
			checkFoldSpan(t, s, start, end)
		}
	})
	for _, w := range []string{"Le", "Élysée", "président", "ÉTATS-UNIS", "Aujourd'hui"} {
		b, ok := foldSpan(nil, w, 0, len(w))
		if want := lexicon.Fold(w); !ok || string(b) != want {
			t.Errorf("foldSpan(%q) = %q, %v; want %q", w, b, ok, want)
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// TestASCIIKeys checks that the key of every ASCII byte is one byte, as
// foldSpan assumes, its lower case unless it is byteOdd (as lowerRun and
// lower8 assume), and that foldSpan folds words of ASCII and Latin letters
// as lexicon.Fold does.
func TestASCIIKeys(t *testing.T) {
	for c := range utf8.RuneSelf {
		if f := latinFolds[c]; f.n != 1 || f.b[0] != asciiKeys[c] {
			t.Errorf("the key of %q is %q, asciiKeys has %q", rune(c), f.b[:f.n], asciiKeys[c])
		}
		if lower := byte(unicode.ToLower(rune(c))); byteClass[c]&byteOdd == 0 && asciiKeys[c] != lower {
			t.Errorf("the key of %q is %q, not its lower case", rune(c), asciiKeys[c])
		}
	}
	for _, s := range []string{"président", "Élysée", "déjà", "À", "Œuvre", "a`b\tcé", "ÇA VA", "ß"} {
		b, ok := foldSpan(nil, s, 0, len(s))
		if want := lexicon.Fold(s); ok && string(b) != want || !ok && Normalize(s) == s && s != "Œuvre" && s != "ß" {
			t.Errorf("foldSpan(%q) = %q, %v; lexicon.Fold = %q", s, b, ok, want)
		}
	}
}

// eachVariant calls f with each of runs with every byte value put at every
// offset, from each of the first ten starts.
func eachVariant(runs []string, f func(s string, start int)) {
	for _, run := range runs {
		for pos := range len(run) {
			for c := range 256 {
				b := []byte(run)
				b[pos] = byte(c)
				for start := range 10 {
					f(string(b), start)
				}
			}
		}
	}
}

// TestScanLikeNext puts every byte value at every offset of runs of
// letters, digits and quotes longer than a word of eight bytes, and checks
// that the scanner, with its shortcuts for plain words (ASCII runs eight
// bytes at a time), one-byte punctuation, final punctuation, straight
// double quotes and digits, gives the tokens, kinds, Norms and Keys of the
// general scanner (next) alone, in sentences from several starts.
func TestScanLikeNext(t *testing.T) {
	runs := []string{"abcdefghijklmnopq", "ABCDEFGHIJKLMNOPQ", "a0Z9bY8cX7dW6eV5f", "l'été où Élodie.", `12 345 "a" 6,7/8 "9h"`, `("x"-"y") 2021 "`}
	eachVariant(runs, func(s string, start int) {
		checkScanLikeNext(t, s, []Span{{start, len(s)}})
	})
	for _, s := range fuzzSeeds {
		d := &Doc{Text: s}
		NewSegmenter().Segment(d)
		checkScanLikeNext(t, s, d.Sentences)
	}
}

// checkScanLikeNext checks Tokenize on text cut into sentences against
// next alone, with setToken's Norm and Key.
func checkScanLikeNext(t *testing.T, text string, sentences []Span) {
	t.Helper()
	d := &Doc{Text: text, Sentences: sentences}
	NewTokenizer().Tokenize(d)
	var want []Token
	for si, s := range sentences {
		if s.Start >= s.End || s.End > len(text) {
			continue
		}
		var sc tokScanner
		sc.init(text[:s.End], s.Start)
		for {
			start, end, kind := sc.next()
			if start < 0 {
				break
			}
			var tk Token
			setToken(&tk, text[:s.End], &rawToken{start, end, int32(si), kind}, nil, 0)
			want = append(want, tk)
		}
	}
	if len(d.Tokens) != len(want) {
		t.Fatalf("%q: %d tokens, next alone gives %d: %v, want %v", text, len(d.Tokens), len(want), d.Tokens, want)
	}
	for i, tk := range d.Tokens {
		if tk != want[i] {
			t.Fatalf("%q: token %d is %+v, next alone gives %+v", text, i, tk, want[i])
		}
	}
}

func FuzzScanLikeNext(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, start int) {
		if start < 0 || start > len(s) {
			return
		}
		checkScanLikeNext(t, s, []Span{{start, len(s)}})
	})
}

// segRunEndBytes is segRunEnd byte by byte, for the tests.
func segRunEndBytes(s string, i int) int {
	for j := i; j < len(s); j++ {
		if c := s[j]; !segPlain[c] && c != ' ' && (c != '-' || j == i || s[j-1] == ' ') {
			return j
		}
	}
	return len(s)
}

// TestSegRunEnd puts every byte value at every offset of a run of plain
// bytes longer than a word of eight bytes, and checks segRunEnd from
// several starts against a loop over the bytes.
func TestSegRunEnd(t *testing.T) {
	eachVariant([]string{"abcdefghijklmnopq", "Abc,d'e(f)g:h;i\"j", "é0à9ç8ÿ7Œ6", "a b  c d e f g h", "a-b -c--d- e-f-g-h-i"}, func(s string, start int) {
		if got, want := segRunEnd(s, start), segRunEndBytes(s, start); got != want {
			t.Fatalf("segRunEnd(%q, %d) = %d, want %d", s, start, got, want)
		}
	})
}

func FuzzSegRunEnd(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, start int) {
		if start < 0 || start > len(s) {
			return
		}
		if got, want := segRunEnd(s, start), segRunEndBytes(s, start); got != want {
			t.Fatalf("segRunEnd(%q, %d) = %d, want %d", s, start, got, want)
		}
	})
}

// TestIsElisionWord checks isElisionWord against the elisions map, on
// every key of the map, without its apostrophe and with it, and on words
// that are none.
func TestIsElisionWord(t *testing.T) {
	words := []string{"", "a", "e", "x", "q", "qU", "que", "jUsqu", "jusq", "lorsque", "aujourd", "presq", "é", "\xc3", "l'", "qu'"}
	for w := range elisions {
		words = append(words, w, strings.TrimRight(w, "'’ʼ‘′´"))
	}
	for c := range 256 {
		words = append(words, string([]byte{byte(c)}))
	}
	for _, w := range words {
		_, want := elisions[w]
		if got := isElisionWord(w); got != want {
			t.Errorf("isElisionWord(%q) = %v, want %v", w, got, want)
		}
	}
	for _, w := range []string{"l", "D", "qu", "QU", "jusqu", "Lorsqu"} {
		if !isElisionWord(w) {
			t.Errorf("isElisionWord(%q) = false", w)
		}
	}
}

// TestDocKeys checks that the keys Tokenize makes into a document's buffer
// stay as they are while their tokens are in use, even when the document
// is tokenized again, and that a buffer Release emptied is written over.
func TestDocKeys(t *testing.T) {
	seg, tz := NewSegmenter(), NewTokenizer()
	d := &Doc{Text: "Le Président à l’Élysée"}
	seg.Segment(d)
	tz.Tokenize(d)
	old := slices.Clone(d.Tokens)
	first := unsafe.SliceData(d.keys)
	d.Text, d.Sentences = "LA VILLE DE NÎMES ET LE PRÉSIDENT DE LA RÉPUBLIQUE FRANÇAISE", nil
	seg.Segment(d)
	tz.Tokenize(d)
	if unsafe.SliceData(d.keys) == first {
		t.Errorf("the keys of tokens in use were written over")
	}
	for i, w := range []struct {
		start, end int
		key        string
	}{{0, 2, "le"}, {3, 13, "president"}, {14, 16, "a"}, {17, 21, "l'"}, {21, 29, "elysee"}} {
		if tk := old[i]; tk.Start != w.start || tk.End != w.end || tk.Key != w.key {
			t.Errorf("token %d: [%d,%d) key %q, want [%d,%d) %q", i, tk.Start, tk.End, tk.Key, w.start, w.end, w.key)
		}
	}
	// After Release (which leaves d.keys empty), the next document's keys
	// go into the same buffer.
	next := &Doc{Text: "Les Îles", keys: d.keys[:0]} // fewer keys than d's: room enough
	seg.Segment(next)
	tz.Tokenize(next)
	if unsafe.SliceData(next.keys) != unsafe.SliceData(d.keys) {
		t.Errorf("a released buffer was not reused")
	}
	if got := []string{next.Tokens[0].Key, next.Tokens[1].Key}; got[0] != "les" || got[1] != "iles" {
		t.Errorf("keys %q, want [les iles]", got)
	}
}
