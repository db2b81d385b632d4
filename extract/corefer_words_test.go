package extract

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quidit/quidit/lexicon"
)

// TestAppendWordsIsUpper checks the allocation-free helpers of newGroup
// against the strings functions they replace.
func TestAppendWordsIsUpper(t *testing.T) {
	for _, s := range []string{
		"", " ", "'", "''", "l'energie", "agence internationale de l'energie atomique", "a' b", " 'a ",
		"aujourd'hui", "x\u00a0y", "x\u0085y", "x\ty\nz", "ONU", "Onu", "É", "ÉTATS-UNIS", "\xff", "A\xffB",
		"\ufffd", "ß", "ǅ", "İ", "ﬁ", "ONU'S", "  plusieurs   espaces  ",
	} {
		want := strings.Fields(strings.ReplaceAll(s, "'", "' "))
		got := appendWords([]string{"before"}, s)[1:]
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("appendWords(%q) = %q, want %q", s, got, want)
		}
		if got, want := isUpper(s), strings.ToUpper(s) == s; got != want {
			t.Errorf("isUpper(%q) = %v, want %v", s, got, want)
		}
	}
}

// appendFoldCases are names whose folds appendFold must get right: plain
// ASCII with and without capitals, the ASCII bytes Fold changes (` and
// blanks, only in a string it does not return as it is), accents, invalid
// UTF-8.
var appendFoldCases = []string{
	"", "a", "A", "onu", "ONU", "Emmanuel Macron", "wall street journal", "Wall Street Journal (WSJ)",
	"l`an", "L`An", "a\tb", "A\tB", "A\nb\r\v\f", "x y", "X\x00Y", "X\x7fY", "O'Neil", "Élisabeth Borne",
	"ÉTATS-UNIS", "Œuvre", "straße", "\xff", "A\xffB", "Ａ", "Zoë", "İstanbul", "ĲSSEL", "Ǆ", "Æ", "Jean-Luc Mélenchon",
	"A\u00a0B", "Mc\u0301Coy",
}

// TestAppendFold checks appendFold against lexicon.Fold.
func TestAppendFold(t *testing.T) {
	for _, s := range appendFoldCases {
		if got, want := string(appendFold([]byte("k\x00"), s)), "k\x00"+lexicon.Fold(s); got != want {
			t.Errorf("appendFold(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestGroupFold checks the tables appendFold folds in place from: every
// ASCII byte folds to one byte, and every rune of Latin-1 and Latin
// Extended-A (French names) to no more bytes than it has, so that no name
// of them goes to lexicon.Fold (two runes of Latin Extended-B do: Ⱥ and Ⱦ
// fold to three bytes); and appendFold folds each rune below
// groupFoldSize, between capitals, as lexicon.Fold does.
func TestGroupFold(t *testing.T) {
	for c := range utf8.RuneSelf {
		if len(groupFold[c]) != 1 {
			t.Errorf("byte %#x folds to %q: not one byte", c, groupFold[c])
		}
	}
	for r := rune(0); r < groupFoldSize; r++ {
		if len(groupFold[r]) > utf8.RuneLen(r) && r < 0x180 {
			t.Errorf("rune %U folds to %q: longer than its %d bytes", r, groupFold[r], utf8.RuneLen(r))
		}
		s := "X" + string(r) + "Y" + string(r)
		if got, want := string(appendFold([]byte("k"), s)), "k"+lexicon.Fold(s); got != want {
			t.Errorf("appendFold(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzAppendFold(f *testing.F) {
	for _, s := range appendFoldCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendFold(nil, s)), lexicon.Fold(s); got != want {
			t.Errorf("appendFold(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestSortMentions checks sortMentions against slices.SortStableFunc on
// mentions in sorted runs (as the lexicon and the recogniser leave them),
// with ties for stability, and in random order.
func TestSortMentions(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var buf []Mention
	for round := range 2000 {
		n := rng.IntN(40)
		ms := make([]Mention, n)
		for i := range ms {
			start := rng.IntN(30)
			ms[i] = Mention{Span: Span{start, start + 1 + rng.IntN(3)}, Tok: i} // Tok: the original place
		}
		if round%4 != 0 {
			// 1 to 4 sorted runs
			runs := 1 + rng.IntN(4)
			for r := range runs {
				lo, hi := r*n/runs, (r+1)*n/runs
				slices.SortStableFunc(ms[lo:hi], func(a, b Mention) int { return mentionOrder(&a, &b) })
			}
		}
		want := slices.Clone(ms)
		slices.SortStableFunc(want, func(a, b Mention) int { return mentionOrder(&a, &b) })
		buf = sortMentions(ms, buf)
		if !slices.EqualFunc(ms, want, func(a, b Mention) bool { return a.Span == b.Span && a.Tok == b.Tok }) {
			t.Fatalf("round %d: sortMentions gave %v, want %v", round, ms, want)
		}
	}
}

func FuzzAppendWordsIsUpper(f *testing.F) {
	f.Add("agence internationale de l'energie atomique")
	f.Add("ONU")
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Fields(strings.ReplaceAll(s, "'", "' "))
		if got := appendWords(nil, s); strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
			t.Errorf("appendWords(%q) = %q, want %q", s, got, want)
		}
		if got, want := isUpper(s), strings.ToUpper(s) == s; got != want {
			t.Errorf("isUpper(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestGroupJoins checks the joins Group tries, whose candidates it picks
// by the signature of their last word (lastWordSig): a surname joins the
// full name it ends, not a word of the same signature (Dorand, Durand); an
// acronym joins the name of its initials, whatever its last word.
func TestGroupJoins(t *testing.T) {
	const text = "Paul Durand et Dorand. Durand. Organisation des Nations unies, ONU. ONG."
	tests := []struct {
		span   Span
		typ    EntityType
		entity int // the entity Group gives it
	}{
		{Span{0, 11}, lexicon.Person, 0},        // Paul Durand
		{Span{15, 21}, lexicon.Person, 1},       // Dorand
		{Span{23, 29}, lexicon.Person, 0},       // Durand
		{Span{31, 61}, lexicon.Organization, 2}, // Organisation des Nations unies
		{Span{63, 66}, lexicon.Organization, 2}, // ONU
		{Span{68, 71}, lexicon.Organization, 3}, // ONG
	}
	if lastWordSig([]string{"durand"}) != lastWordSig([]string{"dorand"}) {
		t.Fatalf("Durand and Dorand differ in signature: the test does not try a collision")
	}
	d := &Doc{Text: text}
	for _, tt := range tests {
		d.Mentions = append(d.Mentions, Mention{Span: tt.span, Type: tt.typ, Entity: -1})
	}
	NewGrouper().Group(d)
	if len(d.Mentions) != len(tests) || len(d.Entities) != 4 {
		t.Fatalf("%d mentions, %d entities, want %d and 4", len(d.Mentions), len(d.Entities), len(tests))
	}
	for i, tt := range tests {
		if m := d.Mentions[i]; m.Span != tt.span || m.Entity != tt.entity {
			t.Errorf("mention %q at %v: entity %d, want %d", text[m.Start:m.End], m.Span, m.Entity, tt.entity)
		}
	}
}

// TestGroupByName checks the groups of names (mentions of no lexicon
// entry), found in Group's table by type and folded name: one name, case
// and accents aside, is one entity per type; with enough names for the
// table's probe chains, each still finds its own group.
func TestGroupByName(t *testing.T) {
	var b strings.Builder
	var ms []Mention
	var want []int // the entity of each mention
	add := func(name string, typ EntityType, entity int) {
		start := b.Len()
		b.WriteString(name)
		ms = append(ms, Mention{Span: Span{start, b.Len()}, Type: typ, Entity: -1})
		want = append(want, entity)
		b.WriteString(". ")
	}
	add("Teria News", lexicon.Organization, 0)
	add("TERIA NEWS", lexicon.Organization, 0)
	add("Teria News", lexicon.Location, 1)
	add("Téria News", lexicon.Organization, 0)
	for i := range 60 { // 60 more names, each twice
		add(fmt.Sprintf("Société %c%c", 'A'+i%26, 'a'+i/26), lexicon.Organization, 2+i)
	}
	for i := range 60 {
		add(fmt.Sprintf("SOCIETE %c%c", 'A'+i%26, 'A'+i/26), lexicon.Organization, 2+i)
	}
	d := &Doc{Text: b.String(), Mentions: slices.Clone(ms)}
	NewGrouper().Group(d)
	if len(d.Mentions) != len(want) || len(d.Entities) != 62 {
		t.Fatalf("%d mentions, %d entities, want %d and 62", len(d.Mentions), len(d.Entities), len(want))
	}
	for i, m := range d.Mentions {
		if m.Span != ms[i].Span || m.Entity != want[i] {
			t.Errorf("mention %q at %v: entity %d, want %d", d.Slice(m.Span), m.Span, m.Entity, want[i])
		}
	}
}

// TestGroupAgain checks that grouping a document again, after others that
// share its lexicon entries (the scratch keeps them from one document to the
// next), gives the same entities.
func TestGroupAgain(t *testing.T) {
	x := testQuoteExtractor(t)
	texts := []string{
		"Marie Curie a rencontré Paul Durand à Paris. Curie et Durand ont parlé au Monde.",
		"Le Monde cite Paul Durand. Durand répond à Marie Curie, puis à l'ONU.",
	}
	var first []string
	for round := range 3 {
		for k, text := range texts {
			d, err := x.Extract("t", text)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range d.Entities {
				got = append(got, fmt.Sprintf("%s %s %s %v", e.Type, e.Name, e.Ref, e.Mentions))
			}
			if len(got) == 0 {
				t.Fatalf("%q: no entities", text)
			}
			if round == 0 {
				first = append(first, strings.Join(got, "; "))
			} else if s := strings.Join(got, "; "); s != first[k] {
				t.Errorf("round %d, %q: entities %s, first %s", round, text, s, first[k])
			}
			d.Release()
		}
	}
}

// TestGroupMentionLists checks the entities' mention lists of documents
// grouped one after the other and kept (Group cuts them from one array
// for many documents): each lists its mentions in text order, every
// mention once, and appending to a list changes no other list, of its
// document or another.
func TestGroupMentionLists(t *testing.T) {
	g := NewGrouper()
	var docs []*Doc
	for k := range 400 { // 400 documents of 3 to 40 mentions: several arrays
		var b strings.Builder
		var ms []Mention
		for i := range 3 + k%38 {
			start := b.Len()
			fmt.Fprintf(&b, "Société %c", 'A'+(i*7+k)%5)
			ms = append(ms, Mention{Span: Span{start, b.Len()}, Type: lexicon.Organization, Entity: -1})
			b.WriteString(". ")
		}
		d := &Doc{Text: b.String(), Mentions: ms}
		g.Group(d)
		docs = append(docs, d)
	}
	check := func(when string) {
		for k, d := range docs {
			want := make([][]int, len(d.Entities))
			for i, m := range d.Mentions {
				want[m.Entity] = append(want[m.Entity], i)
			}
			for e := range d.Entities {
				if got := d.Entities[e].Mentions; !slices.Equal(got, want[e]) || cap(got) != len(got) {
					t.Fatalf("%s: document %d, entity %d: mentions %v (cap %d), want %v", when, k, e, got, cap(got), want[e])
				}
			}
		}
	}
	check("grouped")
	for _, d := range docs[:50] {
		for e := range d.Entities {
			_ = append(d.Entities[e].Mentions, -1, -1)
		}
	}
	check("after appends")
}

// TestEntryNameSig checks the last-word signature an entryName keeps
// against lastWordSig of its words, for names of one word, several, an
// apostrophe at the end and none.
func TestEntryNameSig(t *testing.T) {
	g := NewGrouper()
	for _, name := range []string{"ONU", "Emmanuel Macron", "Agence internationale de l'énergie atomique", "l'", "Côte d'", " "} {
		n := g.entryName(&lexicon.Entry{Type: lexicon.Organization, ID: "x", Name: name})
		if want := lastWordSig(appendWords(nil, lexicon.Fold(name))); n.sig != want {
			t.Errorf("%q: sig %#x, want %#x", name, n.sig, want)
		}
	}
}
