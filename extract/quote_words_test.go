package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/quidit/quidit/lexicon"
)

// wordLists are the word lists the quote finder reads as per-token bits.
var wordLists = map[wordClass]wordSet{
	wAux: auxWords, wNounDet: nounDet, wPassiveAux: passiveAux, wAdverb: adverbWords, wNeg: negWords,
	wClitic: cliticWords, wDet: detWords, wPluralDet: pluralDet, wNPStop: npStop, wPronoun: pronounWords,
	wNaming: namingWords, wNamingVerb: namingVerbs, wCharge: chargeWords, wSource: sourceNouns,
	wSmall: smallWords, wCalendar: calendarWords, wRole: roleWords, wLead: leadWords, wVerbClitic: verbClitic,
	wNPLink: npLink, wObjectPrep: objectPrep, wParticle: nameParticles,
}

// TestTokenClasses checks that the class bits of a key say what the word
// lists say, for every listed word, for inverted forms and for other keys.
func TestTokenClasses(t *testing.T) {
	keys := []string{"", "x", "de", "d'", "a-t-il", "est-elle", "ont-ils", "dit-il", "porte-parole", "lui-meme",
		"deja", "déjà", "aujourd'hui", "ulterieurement", "ulterieurementx", "presidente", "selon", "Le", "le"}
	for _, set := range wordLists {
		for k := range set {
			keys = append(keys, k, k+"s", "x"+k, strings.ToUpper(k), k+"-t-il")
		}
	}
	for _, k := range keys {
		got := tokenClasses(k)
		if got&wKnown == 0 {
			t.Errorf("tokenClasses(%q) lacks wKnown", k)
		}
		for c, set := range wordLists {
			if want := set[k]; (got&c != 0) != want {
				t.Errorf("tokenClasses(%q)&%#x = %v, want %v", k, c, got&c != 0, want)
			}
		}
		if want := auxWords[baseKey(k)]; (got&wAuxBase != 0) != want {
			t.Errorf("tokenClasses(%q) wAuxBase = %v, want %v", k, got&wAuxBase != 0, want)
		}
	}
}

// TestOutsideClasses checks that QuoteFinder.outside gives tokenClasses of
// every key outside the vocabulary that classes reads from it (up to 8
// bytes, no inverted pronoun): the list words, and others that share their
// bytes.
func TestOutsideClasses(t *testing.T) {
	x := testQuoteExtractor(t)
	x.quotes.init()
	keys := []string{"", "x", "q", "que", "qu'", "qu", "quee", "mais", "maiss", "abcdefgh", "abcdefg", "«", "…", "-", "a-b"}
	for _, set := range wordLists {
		for k := range set {
			keys = append(keys, k, k+"s", "x"+k, k[:len(k)-1], k[1:], strings.ToUpper(k))
		}
	}
	n := 0
	for _, k := range keys {
		if _, in := x.quotes.m.vocab[k]; in || len(k) > 8 || mayInvert(k) {
			continue
		}
		n++
		if got, want := x.quotes.outsideClasses(packKey(k)), tokenClasses(k); got != want {
			t.Errorf("outsideClasses(%q) = %#x, want %#x", k, got, want)
		}
	}
	if n < 500 {
		t.Errorf("only %d keys checked", n)
	}
	for _, tt := range []struct {
		key  string
		want uint64
	}{{"", 0}, {"a", 0x61}, {"ab", 0x6261}, {"abcdefgh", 0x6867666564636261}, {"abcdefghij", 0x6867666564636261}} {
		if got := packKey(tt.key); got != tt.want {
			t.Errorf("packKey(%q) = %#x, want %#x", tt.key, got, tt.want)
		}
	}
}

// TestFill checks fill at lengths around its doubling steps.
func TestFill(t *testing.T) {
	for n := 0; n <= 70; n++ {
		s := make([]int, n)
		for i := range s {
			s[i] = i + 1
		}
		fill(s, -1)
		for i, v := range s {
			if v != -1 {
				t.Fatalf("fill of %d elements: s[%d] = %d", n, i, v)
			}
		}
	}
}

// TestKeyTests checks the length-first key tests against the words they stand for.
func TestKeyTests(t *testing.T) {
	for _, tt := range []struct {
		key              string
		according, final bool
	}{
		{"selon", true, false}, {"d'", true, false}, {"de", true, false}, {"aux", true, false}, {"pour", true, false},
		{"du", false, false}, {"d", false, false}, {"dé", false, false}, {"au", false, false}, {"pours", false, false},
		{"selo", false, false}, {"", false, false}, {".", false, true}, {"!", false, true}, {"?", false, true},
		{"…", false, true}, {",", false, false}, {"..", false, false}, {"...", false, false}, {"«", false, false},
	} {
		if got := accordingKey(tt.key); got != tt.according {
			t.Errorf("accordingKey(%q) = %v, want %v", tt.key, got, tt.according)
		}
		if got := endsSentence(tt.key); got != tt.final {
			t.Errorf("endsSentence(%q) = %v, want %v", tt.key, got, tt.final)
		}
	}
}

// TestMayInvert checks that every key splitInversion splits passes mayInvert.
func TestMayInvert(t *testing.T) {
	for _, tt := range []struct {
		key  string
		want bool // a split is possible
	}{
		{"a-t-il", true}, {"a-t-elle", true}, {"a-t-on", true}, {"dit-il", true}, {"ont-ils", true},
		{"disent-elles", true}, {"precise-t-elle", true}, {"dis-je", true}, {"dit-on", true}, {"allons-nous", true},
		{"dites-vous", true}, {"dis-tu", true}, {"-il", false}, {"il", false}, {"dit", false}, {"porte-parole", false},
		{"a-t", false}, {"", false},
	} {
		_, pron := splitInversion(tt.key)
		if (pron != "") != tt.want {
			t.Errorf("splitInversion(%q) pronoun %q, want a split: %v", tt.key, pron, tt.want)
		}
		if pron != "" && !mayInvert(tt.key) {
			t.Errorf("mayInvert(%q) = false for a key splitInversion splits", tt.key)
		}
	}
}

// TestAuxiliariesMayStartSpeech checks what scanTokens and auxAt rely on:
// every auxiliary has a vocabulary id that may start a speech verb group.
func TestAuxiliariesMayStartSpeech(t *testing.T) {
	x := testQuoteExtractor(t)
	m := x.quotes.m
	for k := range auxWords {
		if id := m.id(k); id < 0 || !m.speechStart[id] {
			t.Errorf("auxiliary %q: id %d starts no speech verb group", k, id)
		}
	}
}

// TestScanTokens checks the cue and sentence-break tokens of a text, found
// by scanTokens and, a token at a time, by scanEach.
func TestScanTokens(t *testing.T) {
	x := testQuoteExtractor(t)
	for _, tt := range []struct {
		text       string
		cues, brks []string // the tokens listed: key@byte offset; breaks /f after final punctuation, /n after a line break
	}{
		{"Selon lui, il a dit que non.\nEnsuite rien. Fin", []string{"selon@0", "a@14", "dit@16"}, []string{"ensuite@29/fn", "fin@43/f"}},
		{"D'après X, a-t-il ajouté ! Pour Y", []string{"d'@0", "a@12", "-t-il@13", "ajoute@19", "pour@29"}, []string{"pour@29/f"}},
		{"« Non », dit-elle.\n\nRien", []string{"dit@11"}, []string{"rien@22/fn"}}, // "-elle" starts nothing
		{"Rien ici", nil, nil},
		{"Aux yeux de X, de sources sûres, d'un ami de Y", []string{"aux@0", "de@15"}, nil}, // no other "de", nor "d'"
		// keys outside the vocabulary: "selon" in capitals, "?", "…", an inverted pronoun (-t-il)
		{"SELON eux ? Oui… Non\n  \nPeut-on dire-t-il", []string{"selon@0", "dire@34", "-t-il@38"}, []string{"oui@12/f", "non@19/f", "peut@26/n"}},
		{"D’après X\nDe source sûre, rien", []string{"d'@0", "de@13"}, []string{"de@13/n"}},
		{"Un rendez-vous, rendez-vous-ils", []string{"rendez-vous@3", "rendez-vous@16"}, nil}, // a hyphen 3 to 6 bytes from the end ("-ils" alone: 2)
		{"Il a dit de source\n", []string{"a@3", "dit@5", "de@9"}, nil},                       // a marker at the end, a line break after the last token
		{"fin.", nil, nil},
		{"\n\nDébut. Aux yeux", []string{"aux@10"}, []string{"aux@10/f"}},
	} {
		d, err := x.Extract("t", tt.text)
		if err != nil {
			t.Fatal(err)
		}
		x.quotes.init()
		a := newQuoteAnalysis(x.quotes, d)
		var cues, brks []string
		for _, i := range a.cues {
			cues = append(cues, fmt.Sprintf("%s@%d", d.Tokens[i].Key, d.Tokens[i].Start))
		}
		for _, b := range a.brks {
			i := b >> 2
			f := "/"
			if b&brkFinal != 0 {
				f += "f"
			}
			if b&brkNewline != 0 {
				f += "n"
			}
			brks = append(brks, fmt.Sprintf("%s@%d%s", d.Tokens[i].Key, d.Tokens[i].Start, f))
		}
		for i := range d.Tokens {
			if got, want := a.classes(i), tokenClasses(d.Tokens[i].Key); got != want {
				t.Errorf("%q: token %d %q: classes %#x, want %#x", tt.text, i, d.Tokens[i].Key, got, want)
			}
			if listed := len(a.cues) > 0 && slicesContains(a.cues, int32(i)); listed != (a.speechMemo[i] == memoMayStart || accordingKey(d.Tokens[i].Key) && accordingCue(d.Tokens, i)) {
				t.Errorf("%q: token %d %q listed %v, speechMemo %d", tt.text, i, d.Tokens[i].Key, listed, a.speechMemo[i])
			}
		}
		if strings.Join(cues, " ") != strings.Join(tt.cues, " ") || strings.Join(brks, " ") != strings.Join(tt.brks, " ") {
			t.Errorf("%q: cues %q, breaks %q; want %q, %q", tt.text, cues, brks, tt.cues, tt.brks)
		}
		checkScanEach(t, tt.text, a)
		analysisPool.Put(a)
	}
}

// checkScanEach checks that scanEach, a token at a time, finds what
// scanTokens found in a, and that a.ques marks the keys "que" and "qu'"
// (and the others outside the vocabulary that scanOutside takes for them).
func checkScanEach(t *testing.T, name string, a *quoteAnalysis) {
	t.Helper()
	cues, brks, memo := slices.Clone(a.cues), slices.Clone(a.brks), slices.Clone(a.speechMemo)
	for i := range a.d.Tokens {
		if set := a.cueBits[i>>6]&(1<<(i&63)) != 0; set != slices.Contains(cues, int32(i)) {
			t.Errorf("%s: token %d: cue bit %v, cues %v", name, i, set, cues)
		}
	}
	clear(a.speechMemo)
	a.scanEach()
	if !slices.Equal(cues, a.cues) || !slices.Equal(brks, a.brks) || !slices.Equal(memo, a.speechMemo) {
		t.Errorf("%s: scanTokens found cues %v, breaks %v; scanEach %v, %v", name, cues, brks, a.cues, a.brks)
	}
	if !a.q.queOK {
		return
	}
	for i, tok := range a.d.Tokens {
		k := tok.Key
		maybe := a.ids[i] < 0 && len(k) == 3 && k[0] == 'q' && (k[2] == 'e' || k[2] == '\'')
		if set := a.ques[i>>6]&(1<<(i&63)) != 0; set != maybe || (k == "que" || k == "qu'") && !set {
			t.Errorf("%s: token %d %q: que bit %v", name, i, k, set)
		}
	}
}

// TestScanTokensCorpus checks scanTokens against scanEach on the first 2000
// articles of OrangeSum (skipped when the shared data is absent).
func TestScanTokensCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	texts := orangeSumTexts(t, 2000)
	x := testQuoteExtractor(t)
	x.quotes.init()
	for k, text := range texts {
		d, err := x.Extract("t", text)
		if err != nil {
			continue
		}
		a := newQuoteAnalysis(x.quotes, d)
		checkScanEach(t, fmt.Sprintf("article %d", k), a)
		analysisPool.Put(a)
		d.Release()
	}
}

func slicesContains(s []int32, v int32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// TestMarkStops checks markStops.next against a byte-by-byte scan, stepping
// through each text from every stop.
func TestMarkStops(t *testing.T) {
	for _, text := range []string{
		"", "a", "\n", `"`, "«", "abc « def » ghi\n“jkl” \"mno\"\n\n", "é’è ‹x› nbsp\u00a0;",
		"sans rien", "\n\n\n", `""`, "«»«»", "x\n",
	} {
		var s markStops
		var got, want []int
		for i := 0; i < len(text); i++ {
			if j := s.next(text, i); j < len(text) {
				got = append(got, j)
				i = j
			} else {
				break
			}
		}
		for i := 0; i < len(text); i++ {
			for _, b := range markBytes {
				if text[i] == b {
					want = append(want, i)
					break
				}
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: stops at %v, want %v", text, got, want)
		}
	}
}

// TestNextGroupStop checks the backward reading of attributeBefore: from
// every token down to the first, nextGroupStop gives what groupStop gives.
func TestNextGroupStop(t *testing.T) {
	x := testQuoteExtractor(t)
	for _, text := range []string{
		"Le ministre a d'ailleurs reconnu, mardi, qu'il avait très longuement déclaré : « Non » et 3 fois « oui ».",
		"Il est, selon elle, qualifié de « menteur » par X. Elle n'a pas dit que c'était faux, a-t-il ajouté.",
		"a", "« a »", "un deux trois quatre cinq six sept huit neuf dix onze a",
	} {
		d, err := x.Extract("t", text)
		if err != nil {
			t.Fatal(err)
		}
		x.quotes.init()
		a := newQuoteAnalysis(x.quotes, d)
		a.findCandidates()
		stop := a.groupStop(len(d.Tokens))
		for i := len(d.Tokens) - 1; i >= 0; i-- {
			stop = a.nextGroupStop(i, stop)
			if want := a.groupStop(i); stop != want {
				t.Errorf("%q: token %d at %d: nextGroupStop %d, groupStop %d", text, i, d.Tokens[i].Start, stop, want)
				stop = want
			}
		}
		analysisPool.Put(a)
	}
}

// orangeSumTexts returns the first n articles of OrangeSum, or skips t when
// the shared data is absent.
func orangeSumTexts(t testing.TB, n int) []string {
	t.Helper()
	f, err := os.Open("../../shared/data/orangesum/articles.jsonl.gz")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() && len(texts) < n {
		var r struct{ Article string }
		if json.Unmarshal(sc.Bytes(), &r) == nil {
			texts = append(texts, r.Article)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return texts
}

// TestIDClasses checks the word classes by vocabulary id against
// tokenClasses, for every key of the vocabulary.
func TestIDClasses(t *testing.T) {
	x := testQuoteExtractor(t)
	q := x.quotes
	q.init()
	listed := 0
	for k, id := range x.matcher.vocab {
		got, want := q.idClasses(id), tokenClasses(k)
		if got != want {
			t.Errorf("%q (id %d): classes %#x, want %#x", k, id, got, want)
		}
		if want != wKnown {
			listed++
		}
	}
	if listed == 0 || listed != len(q.clsDense) {
		t.Errorf("%d keys with classes, %d in clsDense", listed, len(q.clsDense))
	}
}

// TestPrevBit checks prevBit, which attributeBefore reads backwards with.
func TestPrevBit(t *testing.T) {
	bits := []uint64{1<<0 | 1<<63, 0, 1 << 5}
	for _, tt := range []struct{ i, want int }{
		{0, 0}, {1, 0}, {62, 0}, {63, 63}, {64, 63}, {127, 63}, {128, 63}, {132, 63}, {133, 133}, {191, 133},
	} {
		if got := prevBit(bits, tt.i); got != tt.want {
			t.Errorf("prevBit(%d) = %d, want %d", tt.i, got, tt.want)
		}
	}
	if got := prevBit([]uint64{1 << 3}, 2); got != -1 {
		t.Errorf("prevBit before the first bit = %d, want -1", got)
	}
}

// TestNextPrevCue checks nextCue and prevCue, which jump between the cues,
// against a walk token by token.
func TestNextPrevCue(t *testing.T) {
	cues := []int32{0, 5, 63, 64, 130, 199}
	a := &quoteAnalysis{cueBits: make([]uint64, 4)}
	for _, c := range cues {
		a.cueBits[c>>6] |= 1 << (c & 63)
	}
	for _, tt := range []struct{ i, hi, next int }{
		{0, 200, 0}, {1, 200, 5}, {6, 200, 63}, {64, 200, 64}, {65, 200, 130}, {131, 200, 199}, {200, 200, 200},
		{6, 63, 63}, {6, 62, 62}, {65, 130, 130}, {65, 131, 130}, {131, 199, 199}, {5, 5, 5}, {9, 3, 3},
	} {
		if got := a.nextCue(tt.i, tt.hi); got != tt.next {
			t.Errorf("nextCue(%d, %d) = %d, want %d", tt.i, tt.hi, got, tt.next)
		}
	}
	for _, tt := range []struct{ i, lo, prev int }{
		{0, 0, 0}, {4, 0, 0}, {4, 1, -1}, {5, 1, 5}, {62, 0, 5}, {63, 59, 63}, {64, 60, 64}, {129, 64, 64},
		{129, 65, -1}, {200, 196, 199}, {198, 120, 130}, {198, 150, -1}, {-1, -5, -1}, {3, -4, 0}, {2, 5, -1},
	} {
		if got := a.prevCue(tt.i, tt.lo); got != tt.prev {
			t.Errorf("prevCue(%d, %d) = %d, want %d", tt.i, tt.lo, got, tt.prev)
		}
	}
}

// TestTokFromAfter checks tokFromAfter against tokFrom at every offset of a
// text and from every token where the answer may start.
func TestTokFromAfter(t *testing.T) {
	x := testQuoteExtractor(t)
	for _, text := range []string{"", "x", "  Il a dit : « Oui »,  puis\n\n« non ».  ", "a b c d e f g h i j k l m n o p q r s t u v w x y z"} {
		d, err := x.Extract("t", text)
		if err != nil {
			t.Fatal(err)
		}
		x.quotes.init()
		a := newQuoteAnalysis(x.quotes, d)
		for off := 0; off <= len(text)+1; off++ {
			want := a.tokFrom(off)
			for lo := 0; lo <= want; lo++ {
				if got := a.tokFromAfter(off, lo); got != want {
					t.Errorf("%q: tokFromAfter(%d, %d) = %d, want %d", text, off, lo, got, want)
				}
			}
		}
		analysisPool.Put(a)
	}
}

// TestSpeechForms checks the quote finder's speech forms by vocabulary id
// against Matcher.speechVerb on the key alone and the word lists, for every
// key of the vocabulary.
func TestSpeechForms(t *testing.T) {
	x := testQuoteExtractor(t)
	q, m := x.quotes, x.matcher
	q.init()
	if !q.formAuxOK {
		t.Errorf("formAuxOK unset: an auxiliary has no speech form")
	}
	single, multi := 0, 0
	for k, id := range m.vocab {
		n, lemma := m.speechVerb([]Token{{Kind: Word, Key: k, Norm: k}}, []int32{id})
		f := q.form(id)
		if f == nil {
			if n != 0 || m.speechSeq.next(0, id) >= 0 || auxWords[k] {
				t.Errorf("%q: no form, but speechVerb gives %d %q", k, n, lemma)
			}
			continue
		}
		if aux, passive := f.flags&formAux != 0, f.flags&formPassive != 0; aux != auxWords[k] || passive != passiveAux[k] {
			t.Errorf("%q: auxiliary %v, passive %v; want %v, %v", k, aux, passive, auxWords[k], passiveAux[k])
		}
		if got, want := q.formNode(f, id), m.speechSeq.next(0, id); got != want {
			t.Errorf("%q: node %d, want %d", k, got, want)
		}
		if q.formNode(f, id) >= 0 {
			multi++
			continue
		}
		wantN := 0 // a key that starts no longer form: its own lemma, if any
		if lemma != "" {
			wantN = 1
		}
		if ends := f.flags & (formER | formUER); ends != lemmaEnds(lemma) {
			t.Errorf("%q: lemma %q ends %#x, want %#x", k, lemma, ends, lemmaEnds(lemma))
		}
		got, inf := q.formLemma(f, id), f.flags&formInf != 0
		if wantInf := n == 1 && lexicon.Fold(lemma) == k; n != wantN || got != lemma || inf != wantInf {
			t.Errorf("%q: form %q (infinitive %v), speechVerb gives %d %q", k, got, inf, n, lemma)
		}
		if got != "" {
			single++
		}
	}
	if single == 0 || multi == 0 {
		t.Errorf("%d keys with a form of one token, %d starting a form of several", single, multi)
	}
}

// TestFirstNameByID checks quoteAnalysis.firstName, by vocabulary id, against
// Matcher.FirstName of the key, out of range included.
func TestFirstNameByID(t *testing.T) {
	x := testQuoteExtractor(t)
	d, err := x.Extract("t", "Marie Curie et Paul Durand, dit Jean-Pierre, ont vu Zorglub et Camille.")
	if err != nil {
		t.Fatal(err)
	}
	x.quotes.init()
	a := newQuoteAnalysis(x.quotes, d)
	named := 0
	for i := -1; i <= len(d.Tokens); i++ {
		got, want := a.firstName(i), x.matcher.FirstName(a.key(i))
		if got != want {
			t.Errorf("token %d %q: firstName %q, want %q", i, a.key(i), got, want)
		}
		if want != 0 {
			named++
		}
	}
	if named < 3 {
		t.Errorf("%d first names found, want at least 3 (Marie, Paul, Camille)", named)
	}
	analysisPool.Put(a)
}

// participleSuffixes are the suffixes findSpeech tests on a lower-cased
// verb (lowerTail): "ant" and participle's.
var participleSuffixes = []string{"ant", "é", "ée", "és", "ées", "u", "ue", "us", "ues", "ie", "ies", "ite", "ites", "its", "ise", "ises"}

func TestLowerTail(t *testing.T) {
	tests := []struct {
		word, want string
	}{
		{"déclaré", "laré"},
		{"DÉCLARÉES", "rées"},
		{"Affirmant", "mant"},
		{"dit", "dit"},
		{"É", "é"},
		{"", ""},
		{"écrite", "rite"},
		{"ÉCRITES", "ites"},
		{"ab\u212A\u212A\u212A", "bkkk"}, // Kelvin signs lower to one byte each
		{"xİİİİ", "iiii"},                // dotted capital I (two bytes) lowers to i, rune by rune
		{"prévu\xff", "évu\uFFFD"},       // an invalid byte lowers to U+FFFD, as strings.ToLower does
		{"\u00c9CRIT\u00c9E", "itée"},    // precomposed capital É
		{"appel\u00c9", "pelé"},          // a capital at the end only
		{"ΣΊΣΥΦΟΣ", "υφοσ"},              // Greek final sigma lowers as a plain sigma rune by rune
	}
	for _, tt := range tests {
		var buf [16]byte
		got := string(lowerTail(tt.word, &buf))
		if got != tt.want {
			t.Errorf("lowerTail(%q) = %q, want %q", tt.word, got, tt.want)
		}
		// the suffixes findSpeech tests are those of the whole word lower-cased
		low := strings.ToLower(tt.word)
		if !strings.HasSuffix(low, got) {
			t.Errorf("lowerTail(%q) = %q, not a suffix of %q", tt.word, got, low)
		}
		for _, x := range participleSuffixes {
			if hasSuffix([]byte(got), x) != strings.HasSuffix(low, x) {
				t.Errorf("lowerTail(%q) = %q: suffix %q differs from %q", tt.word, got, x, low)
			}
		}
	}
}

func TestParticiple(t *testing.T) {
	tests := []struct {
		form, lemma string
		want        bool
	}{
		{"déclaré", "déclarer", true},
		{"déclarées", "déclarer", true},
		{"déclare", "déclarer", false},
		{"prévues", "prévoir", true},
		{"écrite", "écrire", true},
		{"écrit", "écrire", false},
		{"dit", "dire", false},
		{"dits", "dire", true},
		{"mise", "mettre", true},
		{"continue", "continuer", false}, // -uer: "continue" is also the present
		{"répondu", "répondre", true},
	}
	for _, tt := range tests {
		var buf [16]byte
		if got := participle(lowerTail(tt.form, &buf), tt.lemma); got != tt.want {
			t.Errorf("participle(%q, %q) = %v, want %v", tt.form, tt.lemma, got, tt.want)
		}
		if got := participle([]byte(tt.form), tt.lemma); got != tt.want {
			t.Errorf("participle(whole %q, %q) = %v, want %v", tt.form, tt.lemma, got, tt.want)
		}
	}
}

// auxRejectCases are texts with auxiliaries that start a speech verb group
// and others that start none; want lists the groups found, as the byte
// offsets and the text from the auxiliary to the participle.
var auxRejectCases = []struct {
	text string
	want []string
}{
	{"Il a également déclaré que tout allait bien.", []string{"3-25 a également déclaré"}},
	{"Le ministre a d'ailleurs reconnu, mardi, qu'il avait très longuement hésité.", []string{"12-32 a d'ailleurs reconnu"}},
	{"A-t-il dit la vérité ? Il n'a pas affirmé cela, a -t-il ajouté.", []string{"0-10 A-t-il dit", "30-44 a pas affirmé", "51-66 a -t-il ajouté"}},
	{"Elle s'est dit prête. Il est décrit comme un menteur par X.", []string{"5-14 s'est dit", "26-43 est décrit comme"}},
	{"Il a lui-même reconnu les faits, ont-ils expliqué.", []string{"3-22 a lui-même reconnu", "34-51 ont-ils expliqué"}},
	{"Il a, selon elle, raconté une histoire. Elle a quant à elle précisé.", []string{"46-71 a quant à elle précisé", "54-71 à elle précisé"}},
	{"Il est un homme. Il a Paris en tête. Elle a été élue. Ils ont 3 enfants.", []string{}},
	{"Il a notamment assuré que non, et est enfin revenu. Il a aujourd'hui affirmé.", []string{"3-22 a notamment assuré", "56-78 a aujourd'hui affirmé"}},
}

// TestAuxEarlyReject checks findSpeech's early rejection of an auxiliary
// (mayGoOnAux) against findSpeech without it, on every token of the cases
// and of 300 OrangeSum articles: the groups found are the same, and the
// rejection happens.
func TestAuxEarlyReject(t *testing.T) {
	x := testQuoteExtractor(t)
	q := x.quotes
	q.init()
	if !q.auxNextOK {
		t.Fatal("auxNext tables not made")
	}
	rejected := 0
	check := func(name string, d *Doc) []string {
		a := newQuoteAnalysis(q, d)
		defer analysisPool.Put(a)
		var found []string
		for i := range d.Tokens {
			if !a.is(i, wAuxBase) {
				continue
			}
			fast := a.mayGoOnAux(i + 1)
			g1, ok1 := a.findSpeech(i)
			q.auxNextOK = false
			g2, ok2 := a.findSpeech(i)
			q.auxNextOK = true
			if !fast {
				rejected++
				if ok2 {
					t.Errorf("%s: auxiliary at %d rejected, but starts group %+v", name, d.Tokens[i].Start, g2)
				}
			}
			if ok1 != ok2 || g1 != g2 {
				t.Errorf("%s: at %d: fast %+v %v, slow %+v %v", name, d.Tokens[i].Start, g1, ok1, g2, ok2)
			}
			if ok1 {
				sp := Span{d.Tokens[g1.Start].Start, d.Tokens[g1.End-1].End}
				found = append(found, fmt.Sprintf("%d-%d %s", sp.Start, sp.End, d.Text[sp.Start:sp.End]))
			}
		}
		return found
	}
	for _, c := range auxRejectCases {
		d, err := x.Extract("t", c.text)
		if err != nil {
			t.Fatal(err)
		}
		if got := check(c.text, d); !slices.Equal(got, c.want) && len(got)+len(c.want) > 0 {
			t.Errorf("%q: groups %q, want %q", c.text, got, c.want)
		}
	}
	if rejected == 0 {
		t.Error("no auxiliary rejected in the cases")
	}
	if testing.Short() {
		return
	}
	for k, text := range orangeSumTexts(t, 300) {
		d, err := x.Extract("t", text)
		if err != nil {
			continue
		}
		check(fmt.Sprintf("article %d", k), d)
		d.Release()
	}
}

// scanEach does the work of scanTokens a token at a time: the reference its
// tests check it against.
func (a *quoteAnalysis) scanEach() {
	d := a.d
	cues, brks := a.cues[:0], a.brks[:0]
	prevEnd, prevFinal := -1, false
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if i > 0 {
			var f int32
			if prevFinal {
				f |= brkFinal
			}
			if gapHasNewline(d.Text[prevEnd:max(t.Start, prevEnd)]) {
				f |= brkNewline
			}
			if f != 0 {
				brks = append(brks, int32(i)<<2|f)
			}
		}
		prevEnd, prevFinal = t.End, endsSentence(t.Norm)
		id := a.ids[i]
		cues = a.scanCue(cues, i, id >= 0 && a.q.start[id>>6]&(1<<(id&63)) != 0)
	}
	a.cues, a.brks = cues, brks
}

// reportedCases exercise reportedCues: speech cues whose group runs over a
// marker (a pour sa part, a selon lui), "que" near the window's end or past
// it, chains of auxiliaries and verbs.
var reportedCases = []string{
	"Le ministre a pour sa part longuement expliqué aux journalistes la situation. Pour lui, tout va bien.",
	"Elle a d'ailleurs estimé, selon nos informations, que le projet était mort.",
	"Il a déclaré hier soir devant les députés réunis en séance plénière que rien n'était décidé.",
	"Il a dit qu'il viendrait. IL A DIT QUE non. Elle précise, a-t-elle ajouté, Qu'il vienne.",
	"Il est, selon elle, qualifié de « menteur » par X. Elle n'a pas dit que c'était faux, a-t-il ajouté.",
	"Il a ensuite encore aussi très clairement affirmé que non. Selon le WSJ, il a menti, a-t-il dit.",
	"A dit que. Est a été dit que a. Selon X, a assuré que Y a estimé que Z a ajouté que rien.",
	"Aux yeux de X, de source sûre, il a fait savoir que oui, d'après Y.",
}

// checkReported checks on document d that reported finds the same quotes
// from the cues reportedCues keeps as from all the cues, and returns how
// many cues it kept out of how many.
func checkReported(t *testing.T, name string, q *QuoteFinder, d *Doc) (kept, all int) {
	t.Helper()
	quotes := func(allCues bool) []Quote {
		d.Quotes = d.Quotes[:0]
		a := newQuoteAnalysis(q, d)
		a.find(allCues)
		if !allCues {
			kept, all = len(a.needed), len(a.cues)
		}
		analysisPool.Put(a)
		return slices.Clone(d.Quotes)
	}
	if want, got := quotes(true), quotes(false); !slices.Equal(got, want) {
		t.Errorf("%s: quotes from the cues kept %+v, from all %+v", name, got, want)
	}
	return kept, all
}

// TestReportedCues checks reportedCues (checkReported) on the cases and on
// 500 OrangeSum articles, where it must leave cues out.
func TestReportedCues(t *testing.T) {
	x := testQuoteExtractor(t)
	q := x.quotes
	q.init()
	if !q.queOK {
		t.Fatal("queOK unset: the vocabulary holds que or qu'")
	}
	for _, text := range reportedCases {
		d, err := x.Extract("t", text)
		if err != nil {
			t.Fatal(err)
		}
		checkReported(t, text, q, d)
	}
	if testing.Short() {
		t.Skip("short")
	}
	kept, all := 0, 0
	for k, text := range orangeSumTexts(t, 500) {
		d, err := x.Extract("t", text)
		if err != nil {
			continue
		}
		n, m := checkReported(t, fmt.Sprintf("article %d", k), q, d)
		kept, all = kept+n, all+m
		d.Release()
	}
	if kept >= all {
		t.Errorf("reportedCues kept all %d cues", all)
	}
	t.Logf("reportedCues kept %d cues of %d", kept, all)
}

// checkGroupEnds checks that every speech verb group findSpeech finds in d
// ends at most maxGroupEnd tokens after its token (reportedCues relies on
// it), and returns the longest span seen.
func checkGroupEnds(t *testing.T, name string, q *QuoteFinder, d *Doc) int {
	t.Helper()
	a := newQuoteAnalysis(q, d)
	defer analysisPool.Put(a)
	longest := 0
	for i := range d.Tokens {
		if g, ok := a.findSpeech(i); ok {
			if g.End-i > maxGroupEnd {
				t.Errorf("%s: group at token %d ends at %d, past maxGroupEnd", name, i, g.End)
			}
			longest = max(longest, g.End-i)
		}
	}
	return longest
}

// TestGroupEnds runs checkGroupEnds on the cases, on groups made as long as
// findSpeech reads them, and on 300 OrangeSum articles.
func TestGroupEnds(t *testing.T) {
	x := testQuoteExtractor(t)
	q := x.quotes
	q.init()
	longest := 0
	for _, text := range append(slices.Clone(reportedCases),
		"Il a -t-il donc encore aussi toujours ensuite il déclaré comme « x ».",
		"Il est -t-il ensuite encore aussi également notamment il décrit comme « x ».",
		"Elle a-t-elle ensuite encore aussi notamment bien elle qualifié de « x ».") {
		d, err := x.Extract("t", text)
		if err != nil {
			t.Fatal(err)
		}
		longest = max(longest, checkGroupEnds(t, text, q, d))
	}
	if !testing.Short() {
		for k, text := range orangeSumTexts(t, 300) {
			d, err := x.Extract("t", text)
			if err != nil {
				continue
			}
			longest = max(longest, checkGroupEnds(t, fmt.Sprintf("article %d", k), q, d))
			d.Release()
		}
	}
	t.Logf("longest group: %d tokens from its first", longest)
}

// roleRef is quoteAnalysis.role without its tables: the title test through
// Matcher.Title, the persons' roles from their entries, the keys compared
// as strings.
func (a *quoteAnalysis) roleRef(h, pos int) int {
	key := a.d.Tokens[h].Key
	if !a.is(h, wRole) {
		if id := a.ids[h]; id < 0 || a.q.m.titles.next(0, id) < 0 {
			return -1
		}
		if n, _ := a.q.m.Title([]Token{{Key: key, Norm: key}}); n == 0 {
			return -1
		}
	}
	toks := a.d.Tokens
	best, bestDist := -1, 1<<30
	for mi := range a.d.Mentions {
		m := &a.d.Mentions[mi]
		if m.Type != lexicon.Person || m.Entity < 0 {
			continue
		}
		found := false
		if m.Entry != nil {
			if r := m.Entry.Attr("role"); r != "" && lexicon.Fold(firstField(r)) == key {
				found = true
			}
		}
		for t := max(m.Tok-6, 0); t < min(m.TokEnd+6, len(toks)) && !found; t++ {
			if (t < m.Tok || t >= m.TokEnd) && toks[t].Key == key && toks[t].Sentence == m.Sentence {
				found = true
			}
		}
		if !found {
			continue
		}
		dist := pos - m.Start
		if dist < 0 {
			dist = -dist + 1<<20
		}
		if dist < bestDist {
			best, bestDist = m.Entity, dist
		}
	}
	return best
}

// TestRole checks quoteAnalysis.role against roleRef on every token of the
// cases and of 300 OrangeSum articles, at the token and at the start of the
// text; some must resolve.
func TestRole(t *testing.T) {
	x := testQuoteExtractor(t)
	q := x.quotes
	q.init()
	texts := []string{
		"Le président Emmanuel Macron est arrivé. Le président a déclaré : « Non ».",
		"Bernard Cazeneuve, Premier ministre, a parlé. Le ministre a ajouté que rien.",
		"Le procureur de Paris, François Molins, a précisé. Selon le procureur, rien.",
	}
	if !testing.Short() {
		texts = append(texts, orangeSumTexts(t, 300)...)
	}
	resolved := 0
	for k, text := range texts {
		d, err := x.Extract("t", text)
		if err != nil || len(d.Tokens) == 0 {
			continue
		}
		a := newQuoteAnalysis(q, d)
		for h := range d.Tokens {
			for _, pos := range []int{d.Tokens[h].Start, 0} {
				got, want := a.role(h, pos), a.roleRef(h, pos)
				if got != want {
					t.Errorf("text %d: role(%d %q, %d) = %d, want %d", k, h, d.Tokens[h].Key, pos, got, want)
				}
				if got >= 0 {
					resolved++
				}
			}
		}
		analysisPool.Put(a)
		d.Release()
	}
	if resolved == 0 {
		t.Error("no role resolved")
	}
}
