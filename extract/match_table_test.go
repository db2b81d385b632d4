package extract

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestVocabTable checks the look-ups of vocabTable, through both of its
// tables (keys of 1 to 8 bytes, and the others), against a map: every key
// is found with its id, and keys that differ from one by a byte, by their
// length or by a NUL are not.
func TestVocabTable(t *testing.T) {
	vocab := map[string]int32{}
	for _, k := range []string{
		"a", "b", "\x00", "\x00\x00", "de", "ed", "l'", "d'", "abc", "acb", "aaa", "aaaa", "aaaaa", "aaaaaaaa",
		"abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "abcdefghi", "ete", "president", "présid", "é",
		strings.Repeat("x", 100), "x\x00y", "\x00\x00\x00\x00",
	} {
		vocab[k] = int32(len(vocab))
	}
	absent := []string{"", "c", "\x00\x00\x00", "df", "e", "l", "acc", "abd", "aa", "aaaaaa", "aaaaaaa", "aaaaaaaaa",
		"abcx", "xbcd", "abxde", "abcdeg", "abcdefgi", "bbcdefgh", "abcdefghj", "presidenT", "é\x00", "x\x00z",
		strings.Repeat("x", 99)}
	tab := newVocabTable(vocab)
	var toks []Token
	var want []int32
	for k, id := range vocab {
		if got := tab.id(k); got != id {
			t.Errorf("id(%q) = %d, want %d", k, got, id)
		}
		toks = append(toks, Token{Key: k})
		want = append(want, id)
	}
	for _, k := range absent {
		if got := tab.id(k); got != -1 {
			t.Errorf("id(%q) = %d, want -1", k, got)
		}
		toks = append(toks, Token{Key: k})
		want = append(want, -1)
	}
	ids := make([]int32, len(toks))
	tab.lookup(toks, ids)
	for i := range toks {
		if ids[i] != want[i] {
			t.Errorf("lookup: token %d %q: id %d, want %d", i, toks[i].Key, ids[i], want[i])
		}
	}
}

// TestVocabTableLong checks the table of keys longer than 8 bytes (long),
// whose slots hold a key's first and last 8 bytes (and, above 16 bytes,
// point to an entry of id, length and key), on a vocabulary large enough
// for probe chains and for entries far into longBlob: every key is found
// with its id, and a key one byte shorter, longer or different, or a prefix
// of a key, is not.
func TestVocabTableLong(t *testing.T) {
	vocab := map[string]int32{}
	var long []string
	for i := range 20000 {
		k := strconv.Itoa(i * 7919)
		switch i % 4 {
		case 0:
			k = "président" + k
		case 1:
			k = strings.Repeat("ab", 1+i%9) + k
		case 2:
			k = "x" + k
		}
		vocab[k] = int32(len(vocab))
		if len(k) > 8 {
			long = append(long, k)
		}
	}
	tab := newVocabTable(vocab)
	if len(tab.long) == 0 || len(long) < 10000 {
		t.Fatalf("%d long keys, table of %d slots", len(long), len(tab.long))
	}
	for k, id := range vocab {
		if got := tab.id(k); got != id {
			t.Errorf("id(%q) = %d, want %d", k, got, id)
		}
	}
	for _, k := range long {
		// one byte less, more or other at either end, a prefix, and one
		// byte other in the middle (outside the first and last 8 bytes of
		// a key of more than 16, which its slot holds)
		for _, a := range []string{k[:len(k)-1], k + "0", "0" + k[1:], k[:len(k)-1] + "\x00", k[:9], k[:8] + "~" + k[9:]} {
			if _, ok := vocab[a]; ok {
				continue
			}
			if got := tab.id(a); got != -1 {
				t.Errorf("id(%q) = %d, want -1 (absent)", a, got)
			}
		}
	}
}

// FuzzVocabTable checks vocabTable against a map on vocabularies made of
// the fuzzed text cut at '|': every key is found with its id (through
// tiny, short or long), and each key less its last byte, or with a byte
// changed in its middle, is found only if the vocabulary has it.
func FuzzVocabTable(f *testing.F) {
	f.Add("de|la|président|présidente|abcdefghijklmnopq|abcdefgh~jklmnopq|\x00\x00\x00|x")
	f.Add("aaaaaaaaaaaaaaaaa|aaaaaaaaaaaaaaaab|aaaaaaaaaaaaaaaaaa|é|l'")
	f.Fuzz(func(t *testing.T, text string) {
		vocab := map[string]int32{}
		for _, k := range strings.Split(text, "|") {
			if _, ok := vocab[k]; !ok {
				vocab[k] = int32(len(vocab))
			}
		}
		tab := newVocabTable(vocab)
		for k, id := range vocab {
			if got := tab.id(k); got != id {
				t.Errorf("id(%q) = %d, want %d", k, got, id)
			}
			if k == "" {
				continue
			}
			mid := []byte(k)
			mid[len(k)/2] ^= 0x55
			for _, a := range []string{k[:len(k)-1], string(mid)} {
				want, ok := vocab[a]
				if !ok {
					want = -1
				}
				if got := tab.id(a); got != want {
					t.Errorf("id(%q) = %d, want %d", a, got, want)
				}
			}
		}
	})
}

// TestPack checks that pack tells keys of the same length apart.
func TestPack(t *testing.T) {
	tests := []struct{ a, b string }{
		{"ab", "ba"}, {"abc", "abd"}, {"abc", "xbc"}, {"abc", "axc"}, {"abcd", "abce"}, {"abcde", "abxde"},
		{"abcdefgh", "abcdxfgh"}, {"abcdefgh", "abcexfgh"}, {"é", "è"}, {"a\x00", "\x00a"},
	}
	for _, tt := range tests {
		if pack(tt.a) == pack(tt.b) {
			t.Errorf("pack(%q) = pack(%q)", tt.a, tt.b)
		}
	}
	if pack("\x00\x00\x00\x00\x00") != 0 || pack("a") == 0 {
		t.Errorf("pack: only NUL bytes pack to 0")
	}
}

// TestRenumber checks that the keys starting a lexicon form are exactly the
// ids below nstart, and that the tries still lead to their forms.
func TestRenumber(t *testing.T) {
	m := testQuoteExtractor(t).matcher
	if !m.root.dense {
		t.Errorf("the children of the root are not numbered after their key ids")
	}
	for k, id := range m.vocab {
		if starts := m.root.first[id] >= 0; starts != m.startsForm(id) {
			t.Errorf("%q (id %d): starts a form %v, startsForm %v", k, id, starts, m.startsForm(id))
		}
		if n := m.root.next(0, id); n != m.root.first[id] || m.startsForm(id) && n != id+1 {
			t.Errorf("%q (id %d): next from the root %d, first %d", k, id, n, m.root.first[id])
		}
	}
	for _, tt := range []struct {
		text string
		want string // an entry name the text names
	}{
		{"Emmanuel Macron", "Emmanuel Macron"},
		{"Banque de France", "Banque de France"},
		{"Paris", "Paris"},
	} {
		found := false
		for _, c := range m.Lookup(tt.text, true) {
			found = found || c.Entry.Name == tt.want
		}
		if !found {
			t.Errorf("Lookup(%q): no entry %q", tt.text, tt.want)
		}
	}
}

// TestLowerStart checks the filters Match puts before longest: a key whose
// lowerStart bit is clear starts only forms whose first token must be
// capitalised, so that a lower-case token of that key matches nothing; the
// startHits bit of a key is set when the key alone is a form.
func TestLowerStart(t *testing.T) {
	m := testQuoteExtractor(t).matcher
	kids := map[int32][]int32{} // node → children below the root
	for i, e := range m.root.ekeys {
		if e != 0 {
			kids[int32(e>>32)] = append(kids[int32(e>>32)], m.root.evals[i])
		}
	}
	lower := 0
	for k := int32(0); k < m.nstart; k++ {
		bit := m.lowerStart[k/64]&(1<<(k%64)) != 0
		if bit {
			lower++
		}
		some := false // a form under k whose first token may be in lower case
		for stack := []int32{m.root.next(0, k)}; len(stack) > 0; {
			n := stack[len(stack)-1]
			stack = append(stack[:len(stack)-1], kids[n]...)
			for _, h := range m.root.nodes[n].hits {
				some = some || !h.caps[0]
			}
		}
		if some && !bit {
			t.Errorf("key id %d starts a form in lower case, but its lowerStart bit is clear", k)
		}
		hits := len(m.root.nodes[m.root.next(0, k)].hits) > 0
		if got := m.startHits[k/64]&(1<<(k%64)) != 0; got != hits {
			t.Errorf("key id %d: startHits bit %v, the child of the root has hits %v", k, got, hits)
		}
	}
	if lower == 0 || lower == int(m.nstart) {
		t.Errorf("%d of %d keys start a form in lower case: the filter is all or nothing", lower, m.nstart)
	}
	tok := NewTokenizer()
	for _, tt := range []struct {
		text  string
		start bool // startsMatch of the first token
	}{
		{"Paris", true},
		{"paris", false}, // Paris needs its capital
		{"français", true},
		{"pays", true},
		{"Pays", true},
		{"xyzzyq", false}, // starts no form
	} {
		toks := tok.Append(nil, tt.text, Span{0, len(tt.text)})
		if got := m.startsMatch(&toks[0], m.id(toks[0].Key)); got != tt.start {
			t.Errorf("startsMatch(%q) = %v, want %v", tt.text, got, tt.start)
		}
	}
}

// TestHyphens checks that hyphens.in, which jumps between the hyphens of
// the text, tells the same tokens as a search of each token's Norm.
func TestHyphens(t *testing.T) {
	tests := []struct {
		text string
		want []Span // the tokens with a hyphen
	}{
		{"Jean-Luc et Biden-Poutine", []Span{{0, 8}, {12, 25}}},
		{"a-t-il dit", []Span{{1, 6}}},
		{"rien ici", nil},
		{"fin - début", []Span{{4, 5}}},
		{"Jean\u2010Luc et Anne-Sophie", []Span{{0, 10}, {14, 25}}},
		{"Saint-Denis", []Span{{0, 11}}},
		{"-", []Span{{0, 1}}},
	}
	tok := NewTokenizer()
	for _, tt := range tests {
		toks := tok.Append(nil, tt.text, Span{0, len(tt.text)})
		h := newHyphens(tt.text)
		var got []Span
		for i := range toks {
			in := h.in(&toks[i])
			if want := strings.IndexByte(toks[i].Norm, '-') >= 0; in != want {
				t.Errorf("%q: token %q at %v: in %v, Norm has a hyphen %v", tt.text, toks[i].Norm, toks[i].Span, in, want)
			}
			if in {
				got = append(got, toks[i].Span)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: tokens with a hyphen %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestMatchFilters checks the mentions Match finds where its filters decide
// whether longest is called: a capitalised name and its lower-case
// spelling, a key that only starts longer forms, with and without the rest
// of the form after it, and a hyphenated word whose parts are names.
func TestMatchFilters(t *testing.T) {
	x := testQuoteExtractor(t)
	tests := []struct {
		text string
		want []Span
	}{
		{"Il vit à Paris depuis.", []Span{{10, 15}}},
		{"Il vit à paris depuis.", nil},
		{"Hier, Emmanuel Macron a parlé.", []Span{{6, 21}}},
		{"Hier, Emmanuel est venu.", nil},
		{"Le sommet Biden-Poutine a eu lieu.", []Span{{10, 15}, {16, 23}}},
	}
	for _, tt := range tests {
		d := &Doc{Text: tt.text}
		x.segmenter.Segment(d)
		x.tokenizer.Tokenize(d)
		x.matcher.Match(d)
		var got []Span
		for _, m := range d.Mentions {
			got = append(got, m.Span)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: mentions at %v, want %v", tt.text, got, tt.want)
		}
	}
}
