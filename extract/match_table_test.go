package extract

import (
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
	// lookup, in batches of vocabBatch and a last short one
	for len(toks) < 3*vocabBatch+5 {
		toks, want = append(toks, toks...), append(want, want...)
	}
	ids := make([]int32, len(toks))
	tab.lookup(toks, ids)
	for i := range toks {
		if ids[i] != want[i] {
			t.Errorf("lookup: token %d %q: id %d, want %d", i, toks[i].Key, ids[i], want[i])
		}
	}
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
