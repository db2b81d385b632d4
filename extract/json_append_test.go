package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// encodingJSON is what encoding/json writes for v, without HTML escaping and
// without the final newline: the reference of appendJSON.
func encodingJSON(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

func TestAppendJSONString(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"empty", "", `""`},
		{"quote and backslash", `a"b\c`, `"a\"b\\c"`},
		{"short escapes", "\b\f\n\r\t", `"\b\f\n\r\t"`},
		{"control bytes", "\x00\x01\x1f", `"\u0000\u0001\u001f"`},
		{"DEL and HTML kept", "\x7f<>&", "\"\x7f<>&\""},
		{"line and paragraph separators", "a\u2028b\u2029c", `"a\u2028b\u2029c"`},
		{"invalid UTF-8", "x\xffy\xc3", `"x\ufffdy\ufffd"`},
		{"accents and guillemets", "« été »", `"« été »"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := string(appendJSONString(nil, c.in))
			if got != c.want {
				t.Errorf("appendJSONString(%q) = %s, want %s", c.in, got, c.want)
			}
			if ref := encodingJSON(t, c.in); got != ref {
				t.Errorf("appendJSONString(%q) = %s, encoding/json writes %s", c.in, got, ref)
			}
		})
	}
	// every byte at every place of a longer ASCII string: the bytes read
	// eight at a time
	for b := 0; b < 256; b++ {
		for at := 0; at < 17; at++ {
			s := []byte("abcdefghijklmnopq")
			s[at] = byte(b)
			if got, ref := string(appendJSONString(nil, string(s))), encodingJSON(t, string(s)); got != ref {
				t.Errorf("appendJSONString(%q) = %s, encoding/json writes %s", s, got, ref)
			}
		}
	}
	// every byte, alone and around a multi-byte rune
	for b := 0; b < 256; b++ {
		for _, s := range []string{string([]byte{byte(b)}), "é" + string([]byte{byte(b)}) + "\u2028"} {
			if got, ref := string(appendJSONString(nil, s)), encodingJSON(t, s); got != ref {
				t.Errorf("appendJSONString(%q) = %s, encoding/json writes %s", s, got, ref)
			}
		}
	}
}

// TestAppendText checks that the encoder of checked text (valid UTF-8,
// bytes above 0x7f not decoded) writes what encoding/json writes, with each
// special byte or rune at every place of a longer string, that string a span
// of a text with or without special bytes before and after it (its last
// bytes are tested in a word of the text that runs past the span), and that
// it falls back to appendJSONString in a document that was not checked.
func TestAppendText(t *testing.T) {
	specials := []string{"", "\x00", "\x1f", "\n", `"`, `\`, "\x7f", "é", "’", "«\u00a0", "\u2028", "\u2029", "\u2027", "\u202a", "—", "€", "😀", "\U0010ffff"}
	around := []struct{ before, after string }{
		{"", ""},
		{"ab", "cd"},
		{"\"\n", "\"\\\n\u2028\u2029\x01abcdefghijk"},
		{"é", "’abcdefghijklmnop"},
	}
	for _, sp := range specials {
		for at := 0; at <= 17; at++ {
			for _, ar := range around {
				s := "abcdefghijklmnopq"[:at] + sp + "abcdefghijklmnopq"[at:]
				for _, n := range []int{len(s), len(s) - len(sp), min(len(s), 3)} {
					s := s[:n]
					if !utf8.ValidString(s) {
						continue
					}
					d := &Doc{Text: ar.before + s + ar.after, valid: true}
					span := Span{len(ar.before), len(ar.before) + len(s)}
					if got, ref := string(d.appendText(nil, span)), encodingJSON(t, s); got != ref {
						t.Errorf("appendText(%q in %q) = %s, encoding/json writes %s", s, d.Text, got, ref)
					}
				}
			}
		}
	}
	bad := "x\xffy"
	d := &Doc{Text: bad}
	if got, want := string(d.appendText(nil, Span{0, len(bad)})), `"x\ufffdy"`; got != want {
		t.Errorf("appendText(%q) in an unchecked document = %s, want %s", bad, got, want)
	}
}

// TestAppendJSONDoc checks that the hand-written encoder writes the bytes
// encoding/json writes for the output types, on the golden article (entities,
// mentions, quotes with and without speaker) and on an empty document.
func TestAppendJSONDoc(t *testing.T) {
	x := newTestExtractor(t)
	text, err := os.ReadFile("../testdata/russie-etats-unis-bases.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []struct{ id, text string }{{"golden \"article\"", string(text)}, {"", ""}} {
		d, err := x.Extract(in.id, in.text)
		if err != nil {
			t.Fatal(err)
		}
		if in.text != "" && (len(d.Entities) == 0 || len(d.Quotes) == 0) {
			t.Fatalf("%q: no entities or no quotes: the test would prove little", in.id)
		}
		got, _ := d.MarshalJSON()
		if ref := encodingJSON(t, d.toJSON()); string(got) != ref {
			t.Errorf("%q: appendJSON differs from encoding/json:\n got %s\nwant %s", in.id, got, ref)
		}
	}
}

// TestReleaseReuse checks that documents extracted into the storage of
// released ones (larger, smaller, empty) encode exactly as fresh ones, and
// that a released document keeps nothing of its text.
func TestReleaseReuse(t *testing.T) {
	x := newTestExtractor(t)
	golden, err := os.ReadFile("../testdata/russie-etats-unis-bases.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		string(golden),
		"« Non », a dit Vladimir Poutine à Moscou.",
		"",
		string(golden[:len(golden)/2]),
		"Selon l'ONU, Emmanuel Macron a affirmé que « tout va bien ».\n\nLe président de la République française était à Paris.",
	}
	fresh := extractJSON(t, x, texts)
	for round := range 3 {
		for i, text := range texts {
			d, err := x.Extract("d", text)
			if err != nil {
				t.Fatal(err)
			}
			if b, _ := d.MarshalJSON(); string(b) != fresh[i] {
				t.Fatalf("round %d, text %d: reused document encodes as\n%s\nwant\n%s", round, i, b, fresh[i])
			}
			d.Release()
			if d.Text != "" || len(d.Tokens) != 0 || len(d.Mentions) != 0 || len(d.Entities) != 0 || len(d.Quotes) != 0 {
				t.Fatalf("released document keeps %q and %d tokens", d.Text, len(d.Tokens))
			}
			for _, tok := range d.Tokens[:cap(d.Tokens)] {
				if tok.Key != "" || tok.Norm != "" {
					t.Fatalf("released document keeps token %q", tok.Key)
				}
			}
		}
	}
	var nilDoc *Doc
	nilDoc.Release() // no panic
}

// oldOffsets is Offsets as first written (recount from 0 on every step
// back): the reference of TestOffsetsBack.
type oldOffsets struct {
	text         string
	byteAt, cpAt int
}

func (o *oldOffsets) Runes(b int) int {
	if b < o.byteAt {
		o.byteAt, o.cpAt = 0, 0
	}
	o.cpAt += utf8.RuneCountInString(o.text[o.byteAt:b])
	o.byteAt = b
	return o.cpAt
}

// TestRuneStarts checks the count of rune starts against
// utf8.RuneCountInString on valid text of every length and alignment.
func TestRuneStarts(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	runes := []rune{'a', ' ', 'é', '«', '—', '東', '😀', 0x7f, 0x80, 0x7ff, 0x800, 0xffff, 0x10000, 0x10ffff}
	for trial := range 2000 {
		var sb strings.Builder
		n := rng.IntN(40)
		if trial%10 == 0 {
			n = rng.IntN(3000) // past 255 words: the lanes are added up more than once
		}
		for range n {
			sb.WriteRune(runes[rng.IntN(len(runes))])
		}
		s := sb.String()
		if got, want := runeStarts(s), utf8.RuneCountInString(s); got != want {
			t.Fatalf("trial %d: runeStarts(%q) = %d, want %d", trial, s, got, want)
		}
		// All continuation bytes but the first: every lane full.
		if trial < 20 {
			s := "a" + strings.Repeat("\x80", 8*255*trial/7)
			if got, want := runeStarts(s), 1; got != want {
				t.Fatalf("runeStarts(a + %d continuation bytes) = %d, want %d", len(s)-1, got, want)
			}
		}
	}
}

// TestOffsetsBack checks that Offsets converts any sequence of offsets, rune
// starts or not, forwards and backwards, as the recounting converter does.
func TestOffsetsBack(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, text := range []string{"", "abc", "« été » — 東京 😀 x", strings.Repeat("Élysée « ok » ", 20),
		"invalid \xff\x80é\xc3 UTF-8 \xe2\x80", strings.Repeat("\x80\xbfé", 9)} {
		for trial := range 300 {
			o, ref := NewOffsets(text), &oldOffsets{text: text}
			if trial%4 < 2 && utf8.ValidString(text) {
				o = (&Doc{Text: text, valid: true}).offsets() // as Extract's documents count
			}
			for step := range 30 {
				b := rng.IntN(len(text) + 1)
				if trial%2 == 0 { // rune starts only, as spans are
					for b < len(text) && !utf8.RuneStart(text[b]) {
						b++
					}
				}
				if got, want := o.Runes(b), ref.Runes(b); got != want {
					t.Fatalf("%q, trial %d step %d: Runes(%d) = %d, want %d", text, trial, step, b, got, want)
				}
				if trial%2 == 0 && o.Runes(b) != utf8.RuneCountInString(text[:b]) {
					t.Fatalf("%q: Runes(%d) = %d, want %d", text, b, o.Runes(b), utf8.RuneCountInString(text[:b]))
				}
			}
		}
	}
}

// TestReleaseConcurrent extracts and releases documents on several
// goroutines at once (run it with -race): every output must match the
// document's fresh extraction.
func TestReleaseConcurrent(t *testing.T) {
	x := newTestExtractor(t)
	golden, err := os.ReadFile("../testdata/russie-etats-unis-bases.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{string(golden), "« Non », a dit Vladimir Poutine à Moscou.", "", string(golden[:len(golden)/3])}
	want := extractJSON(t, x, texts)
	errs := make(chan error, 4)
	for g := range 4 {
		go func() {
			for round := range 6 {
				i := (g + round) % len(texts)
				d, err := x.Extract("d", texts[i])
				if err != nil {
					errs <- err
					return
				}
				b, _ := d.MarshalJSON()
				d.Release()
				if string(b) != want[i] {
					errs <- fmt.Errorf("goroutine %d, round %d: text %d encodes as %s", g, round, i, b)
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// extractJSON returns the JSON of each text, extracted afresh as document "d".
func extractJSON(t *testing.T, x *Extractor, texts []string) []string {
	t.Helper()
	out := make([]string, len(texts))
	for i, text := range texts {
		d, err := x.Extract("d", text)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := d.MarshalJSON()
		out[i] = string(b)
	}
	return out
}

// TestAppendInt checks appendInt against strconv on every length of number,
// its boundaries and negative numbers.
func TestAppendInt(t *testing.T) {
	for _, i := range []int{0, 1, 9, 10, 11, 42, 99, 100, 101, 909, 999, 1000, 1001, 4560, 9999, 10000, 10001, 123456, 99999999, 1 << 40, math.MaxInt, -1, -9, -10, -12345, math.MinInt} {
		if got, want := string(appendInt([]byte("x"), i)), "x"+strconv.Itoa(i); got != want {
			t.Errorf("appendInt(%d) = %q, want %q", i, got, want)
		}
	}
}

// TestAppendJSONOrder checks the code-point offsets of mentions and quotes
// converted in one pass, against encoding/json of toJSON (which converts
// mentions, then quotes, with Runes), in documents whose spans come in every
// order the pass may meet: quotes nested and overlapping, a quote starting
// inside a mention, at the text's end; checked (valid) and not. Spans that
// cut a rune (never made by Extract; Runes's answer then depends on the
// order of conversion) are written as the conversion in toJSON's order does.
func TestAppendJSONOrder(t *testing.T) {
	text := "«Élysée» dit-il, « l’État — ici 😀 — a dit "
	text += text + "fin"
	var at []int // at[k]: the byte offset of rune k
	for i := range text {
		at = append(at, i)
	}
	at = append(at, len(text))
	n := len(at) - 1
	q := func(a, b int) Quote {
		return Quote{Span: Span{a, b}, Kind: Direct, Speaker: -1, Who: NoSpan, Cue: NoSpan}
	}
	m := func(a, b int) Mention { return Mention{Span: Span{a, b}, Type: "PERSON", Via: ViaPattern, Entity: 0} }
	qr := func(a, b int) Quote { return q(at[a], at[b]) }
	mr := func(a, b int) Mention { return m(at[a], at[b]) }
	tests := []struct {
		name     string
		mentions []Mention
		quotes   []Quote
		cut      bool // spans cut runes
	}{
		{"none", nil, nil, false},
		{"quotes only", nil, []Quote{qr(0, 10), qr(20, 40), qr(60, n)}, false},
		{"mentions only", []Mention{mr(2, 9), mr(30, 35), mr(n-3, n)}, nil, false},
		{"mentions inside quotes", []Mention{mr(2, 9), mr(30, 35), mr(70, 80)}, []Quote{qr(0, 40), qr(60, n)}, false},
		{"nested quotes", []Mention{mr(2, 9), mr(50, 55)}, []Quote{qr(0, 60), qr(10, 20), qr(15, 18), qr(40, 45)}, false},
		{"quote inside a mention", []Mention{mr(10, 30), mr(40, 50)}, []Quote{qr(12, 20), qr(25, 45)}, false},
		{"same starts", []Mention{mr(10, 10), mr(10, 12), mr(12, 20)}, []Quote{qr(10, 10), qr(10, 12), qr(12, 12)}, false},
		{"at the end", []Mention{mr(n, n)}, []Quote{qr(n, n), qr(n-1, n)}, false},
		{"cut runes", []Mention{m(1, 3), m(5, 7), m(30, 34)}, []Quote{q(1, 2), q(4, 6), q(33, 36), q(53, 55), q(54, 56)}, true},
		{"cut runes in quotes", []Mention{m(8, 12), m(40, 41)}, []Quote{q(0, 35), q(36, 50)}, true},
	}
	for _, tt := range tests {
		for _, valid := range []bool{true, false} {
			if valid && tt.cut {
				continue // Extract's spans start runes: appendText writes a cut rune's bytes as they are
			}
			d := &Doc{ID: tt.name, Text: text, Mentions: tt.mentions, Quotes: tt.quotes, valid: valid}
			if len(tt.mentions) > 0 {
				d.Entities = []Entity{{Type: "PERSON", Name: "X", Mentions: make([]int, len(tt.mentions))}}
				for i := range tt.mentions {
					d.Entities[0].Mentions[i] = i
				}
			}
			got, _ := d.MarshalJSON()
			if ref := encodingJSON(t, d.toJSON()); string(got) != ref {
				t.Errorf("%s (valid %v): appendJSON differs from encoding/json:\n got %s\nwant %s", tt.name, valid, got, ref)
			}
		}
	}
	// The offsets of cut runes, in a checked text, are those of toJSON.
	d := &Doc{Text: text, Mentions: tests[8].mentions, Quotes: tests[8].quotes, valid: true}
	d.Entities = []Entity{{Type: "PERSON", Name: "X", Mentions: []int{0, 1, 2}}}
	var got, want struct {
		Entities []struct{ Mentions []struct{ Start, End int } }
		Quotes   []struct{ Start, End int }
	}
	b, _ := d.MarshalJSON()
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(encodingJSON(t, d.toJSON())), &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cut runes in a checked text: offsets %v, want %v", got, want)
	}
}
