package extract

import (
	"bufio"
	"encoding/json"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/quidit/quidit/lexicon"
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
	// without hot keys; with every key and absent one hot (the absent
	// ones, not in the vocabulary, are left out of the table); with the
	// keys of hotkeys.txt
	all := append(slices.Sorted(maps.Keys(vocab)), absent...)
	for _, hot := range [][]string{nil, all, strings.Split(hotKeys, "\n")} {
		testVocabTable(t, vocab, absent, hot)
	}
}

func testVocabTable(t *testing.T, vocab map[string]int32, absent, hot []string) {
	tab := newVocabTable(vocab, hot)
	// Each key of hot in the vocabulary and looked up in short is in
	// tab.hot, with its id, unless a more frequent key took its slot.
	taken := map[uint64]bool{}
	for _, k := range hot {
		id, ok := vocab[k]
		if !ok || !tab.inShort(k) || tinyIndex(k) >= 0 || pack(k) == 0 {
			continue
		}
		i := shortHash(pack(k), len(k)) >> hotShift
		want := shortSlot{pack(k), uint32(len(k))<<24 | uint32(id)}
		if !taken[i] && tab.hot[i] != want {
			t.Errorf("hot key %q: slot %d holds %v, want %v", k, i, tab.hot[i], want)
		}
		taken[i] = true
	}
	for i, sl := range tab.hot {
		if sl.w != 0 && !taken[uint64(i)] {
			t.Errorf("hot slot %d holds %v, no key of hot", i, sl)
		}
	}
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

// winerTexts returns the texts of WiNER-fr of year, from ../shared, or the
// error opening it.
func winerTexts(t testing.TB, year string) ([]string, error) {
	t.Helper()
	f, err := os.Open("../../shared/data/winer-fr/winer-fr." + year + ".jsonl")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var r struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, r.Text)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return texts, nil
}

// TestHotKeys checks model/hotkeys.txt, the keys vocabTable.hot is filled
// from: the keys of 1 to 8 bytes of the tokens of WiNER-fr 2016 seen at
// least twice, most frequent first (then in byte order). Rewrite it with
// go test ./extract -run TestHotKeys -update.
func TestHotKeys(t *testing.T) {
	texts, err := winerTexts(t, "2016")
	if err != nil {
		t.Skip("no WiNER-fr 2016:", err)
	}
	seg, tok := NewSegmenter(), NewTokenizer()
	count := map[string]int{}
	for _, text := range texts {
		d := &Doc{Text: text}
		seg.Segment(d)
		tok.Tokenize(d)
		for i := range d.Tokens {
			if k := d.Tokens[i].Key; len(k) >= 1 && len(k) <= 8 {
				count[k]++
			}
		}
	}
	var keys []string
	for k, c := range count {
		if c >= 2 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if a, b := count[keys[i]], count[keys[j]]; a != b {
			return a > b
		}
		return keys[i] < keys[j]
	})
	want := strings.Join(keys, "\n")
	// -update is golden_test.go's flag, of the same test binary
	if u := flag.Lookup("update"); u != nil && u.Value.String() == "true" {
		if err := os.WriteFile("model/hotkeys.txt", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if hotKeys != want {
		t.Errorf("model/hotkeys.txt is not the keys of WiNER-fr 2016 (%d keys, want %d); run go test ./extract -run TestHotKeys -update", strings.Count(hotKeys, "\n")+1, len(keys))
	}
	if n := strings.Count(want, "\n") + 1; len(keys) < 1000 || n != len(keys) {
		t.Errorf("%d hot keys, %d lines", len(keys), n)
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
	tab := newVocabTable(vocab, nil)
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
		var hot []string // every other key, in the order of text
		for i, k := range strings.Split(text, "|") {
			if i%2 == 0 {
				hot = append(hot, k)
			}
		}
		tab := newVocabTable(vocab, hot)
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

// TestHyphens checks that hyphens.words, which jumps between the hyphens
// of the text, tells the same words as a search of each token's Norm, asked
// about blocks of 1, 3 or 64 tokens.
func TestHyphens(t *testing.T) {
	long := strings.Repeat("mot ", 70) + "Jean-Luc " + strings.Repeat("a ", 50) + "vis-à-vis"
	tests := []struct {
		text string
		want []Span // the words with a hyphen
	}{
		{"Jean-Luc et Biden-Poutine", []Span{{0, 8}, {12, 25}}},
		{"a-t-il dit", []Span{{1, 6}}},
		{"rien ici", nil},
		{"fin - début", nil}, // a dash, not a word
		{"Jean\u2010Luc et Anne-Sophie", []Span{{0, 10}, {14, 25}}},
		{"Saint-Denis", []Span{{0, 11}}},
		{"-", nil},
		{"--- Jean-Luc -- « Anne-Sophie »", []Span{{4, 12}, {19, 30}}},
		{long, []Span{{280, 288}, {389, 399}}},
	}
	tok := NewTokenizer()
	for _, tt := range tests {
		toks := tok.Append(nil, tt.text, Span{0, len(tt.text)})
		for _, size := range []int{1, 3, 64} {
			h := newHyphens(tt.text)
			var got []Span
			for base := 0; base < len(toks); base += size {
				block := toks[base:min(base+size, len(toks))]
				w := h.words(block)
				for j := range block {
					in := w>>j&1 != 0
					if want := block[j].Kind == Word && strings.IndexByte(block[j].Norm, '-') >= 0; in != want {
						t.Errorf("%q, blocks of %d: token %q at %v: in %v, a word whose Norm has a hyphen %v",
							tt.text, size, block[j].Norm, block[j].Span, in, want)
					}
					if in {
						got = append(got, block[j].Span)
					}
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%q, blocks of %d: words with a hyphen %v, want %v", tt.text, size, got, tt.want)
			}
		}
	}
}

// TestLowerLetters checks the key matchParts makes of a part of ASCII
// letters against the tokenizer's, and that it refuses any other part.
func TestLowerLetters(t *testing.T) {
	tok := NewTokenizer()
	for _, tt := range []struct {
		part string
		ok   bool
	}{
		{"Biden", true}, {"POUTINE", true}, {"saint", true}, {"Az", true}, {"x", true},
		{"Zélande", false}, {"l'", false}, {"RT2", false}, {"a@b", false}, {"[x]", false}, {"a`b", false},
		{strings.Repeat("Ab", 16), true}, {strings.Repeat("Ab", 17), false}, // longer than the buffer
	} {
		var buf [32]byte
		k, ok := lowerLetters(buf[:0], tt.part)
		if ok != tt.ok {
			t.Errorf("lowerLetters(%q): ok %v, want %v", tt.part, ok, tt.ok)
			continue
		}
		toks := tok.Append(nil, tt.part, Span{0, len(tt.part)})
		if ok && (len(toks) != 1 || string(k) != toks[0].Key) {
			t.Errorf("lowerLetters(%q) = %q, the tokenizer's key %v", tt.part, k, toks)
		}
	}
}

// TestMatchOddForms checks Match against matchRef with a lexicon of forms
// that start with a token that is not a word (a quotation mark), after
// which a name that is also a common word (guarded: not first in its
// sentence) is still first: the tokens of a match after its first do not
// count. It also checks the mentions found.
func TestMatchOddForms(t *testing.T) {
	const tsv = "ORGANIZATION\ttest-hebdo\t« Xyzhebdo Abc »\t\tkind=media\n" +
		"ORGANIZATION\ttest-qorange\tQorange\t\tcommon=Qorange;kind=company\n"
	es, err := lexicon.Parse(strings.NewReader(tsv), "odd")
	if err != nil {
		t.Fatal(err)
	}
	lex := lexicon.New()
	lex.Add(es...)
	seg, tok := NewSegmenter(), NewTokenizer()
	m := NewMatcher(lex, tok)
	for _, tt := range []struct {
		text string
		want []Span
	}{
		{"« Xyzhebdo Abc », Qorange a dit.", []Span{{0, 18}}}, // Qorange is first in its sentence
		{"Hier, « Xyzhebdo Abc », Qorange a dit.", []Span{{6, 24}, {26, 33}}},
		{"Qorange. « Xyzhebdo Abc », Qorange", []Span{{9, 27}}},
		{"Et Qorange, « Xyzhebdo Abc ».", []Span{{3, 10}, {12, 30}}},
	} {
		var got, want []Mention
		for _, match := range []func(*Doc){m.Match, func(d *Doc) { matchRef(m, d) }} {
			d := &Doc{Text: tt.text}
			seg.Segment(d)
			tok.Tokenize(d)
			match(d)
			got, want = want, d.Mentions
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: Match found %v, matchRef %v", tt.text, got, want)
		}
		var spans []Span
		for _, mm := range got {
			spans = append(spans, mm.Span)
		}
		if !slices.Equal(spans, tt.want) {
			t.Errorf("%q: mentions at %v, want %v", tt.text, spans, tt.want)
		}
	}
}

// TestInitialAt checks initialAt on tokens of two sentences, with and
// without a match before: a token is initial when no word, number or
// elision comes before it in its sentence, and after a match the tokens of
// the match count as carryInit says.
func TestInitialAt(t *testing.T) {
	toks := []Token{
		{Kind: OpenQuote}, {Kind: Word}, {Kind: Punct}, // sentence 0
		{Kind: Punct, Sentence: 1}, {Kind: OpenQuote, Sentence: 1}, {Kind: Word, Sentence: 1},
		{Kind: Word, Sentence: 1}, {Kind: Punct, Sentence: 1}, {Kind: Word, Sentence: 1},
	}
	tests := []struct {
		i, carryEnd int
		carryInit   bool
		want        bool
	}{
		{0, 0, false, true},
		{1, 0, false, true},
		{2, 0, false, false},
		{3, 0, false, true}, // a new sentence
		{5, 0, false, true},
		{6, 0, false, false},
		{8, 0, false, false},
		{8, 8, true, true}, // tokens 5-7 were a match leaving the sentence initial
		{8, 7, true, true},
		{8, 6, true, false},
		{8, 8, false, false},
		{5, 2, false, true}, // the match was in the sentence before
		{7, 6, true, false},
		{7, 7, true, true},
	}
	for _, tt := range tests {
		if got := initialAt(toks, tt.i, tt.carryEnd, tt.carryInit); got != tt.want {
			t.Errorf("initialAt(%d, carry %d %v) = %v, want %v", tt.i, tt.carryEnd, tt.carryInit, got, tt.want)
		}
	}
}

// matchRef is Match as it was before it read only the tokens that may
// start a form, token by token and sentence by sentence: the reference of
// TestMatchReference.
func matchRef(m *Matcher, d *Doc) {
	toks := d.Tokens
	ids := m.keyIDs(d, true)
	for i := 0; i < len(toks); {
		start, end := i, i+1
		for end < len(toks) && toks[end].Sentence == toks[i].Sentence {
			end++
		}
		initial := true
		for ; i < end; i++ {
			wasInitial := initial
			t := &toks[i]
			initial = initial && t.Kind != Word && t.Kind != Number && t.Kind != Elision
			if m.startsMatch(t, ids[i]) {
				ctx := context{initial: wasInitial, firstNames: m}
				if i > start {
					ctx.prev, ctx.prevID = &toks[i-1], ids[i-1]
					if opensClause(&toks[i-1]) {
						ctx.initial = true
					}
				}
				if n, h := m.longest(m.root, toks[i:end], ids[i:end], ctx); n > 0 {
					if h.typ != lexicon.Event {
						d.Mentions = append(d.Mentions, newMention(d, i, i+n, h))
					}
					i += n - 1
					continue
				}
			}
			if t.Kind == Word && strings.IndexByte(t.Norm, '-') >= 0 {
				d.Mentions = m.matchParts(d, i, d.Mentions)
			}
		}
	}
}

// TestMatchReference checks that Match finds the same mentions as
// matchRef: on texts made to put forms across the blocks of 64 tokens,
// after matches and at the start of sentences, on the test articles, and on
// WiNER-fr 2017 when ../shared has it.
func TestMatchReference(t *testing.T) {
	x := testQuoteExtractor(t)
	texts := []string{
		"Paris. Paris, Emmanuel Macron et la Banque de France. « Orange » a dit Orange à Orange.",
		strings.Repeat("un ", 62) + "Emmanuel Macron à Paris, Biden-Poutine.",
		strings.Repeat("un ", 63) + "Banque de France et Grande-Bretagne. Nouvelle-Zélande",
		strings.Repeat("Paris ", 130) + "Jean\u2010Luc Mélenchon et la Nouvelle\u2011Zélande.",
		"Emmanuel Macron Orange. (Orange) : Orange – Nice. Nice. « Nice » Tours.",
		"",
	}
	// the forms of the most tokens (m.depth; a leading article is not
	// part of a form), alone and before a capitalised word, which longest
	// reads too
	for _, e := range x.Lexicon().Entries() {
		if !e.Type.IsEntity() && e.Type != lexicon.Event {
			continue
		}
		for _, f := range e.Forms {
			if n := len(x.tokenizer.Append(nil, f.Text, Span{0, len(f.Text)})); n == x.matcher.depth || n == x.matcher.depth+1 {
				texts = append(texts, "Selon "+f.Text+" Dupont, "+f.Text+".")
			}
		}
	}
	if x.matcher.depth < 4 || len(texts) < 7 {
		t.Fatalf("depth %d: no form found of as many tokens", x.matcher.depth)
	}
	files, _ := filepath.Glob("../testdata/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	if dev, err := winerTexts(t, "2017"); err == nil {
		texts = append(texts, dev...)
	}
	found := 0
	for _, text := range texts {
		var got, want []Mention
		for _, match := range []func(*Doc){x.matcher.Match, func(d *Doc) { matchRef(x.matcher, d) }} {
			d := &Doc{Text: text}
			x.segmenter.Segment(d)
			x.tokenizer.Tokenize(d)
			match(d)
			got, want = want, d.Mentions
		}
		if !slices.Equal(got, want) {
			t.Errorf("%.60q…: Match found %d mentions, matchRef %d", text, len(got), len(want))
			for i := range max(len(got), len(want)) {
				if i >= len(got) || i >= len(want) || got[i] != want[i] {
					t.Errorf("first difference at mention %d", i)
					break
				}
			}
		}
		found += len(got)
	}
	if found < 50 {
		t.Errorf("%d mentions found in %d texts", found, len(texts))
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
