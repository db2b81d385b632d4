package extract

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
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
	// every byte, alone and around a multi-byte rune
	for b := 0; b < 256; b++ {
		for _, s := range []string{string([]byte{byte(b)}), "é" + string([]byte{byte(b)}) + "\u2028"} {
			if got, ref := string(appendJSONString(nil, s)), encodingJSON(t, s); got != ref {
				t.Errorf("appendJSONString(%q) = %s, encoding/json writes %s", s, got, ref)
			}
		}
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
	fresh := make([]string, len(texts))
	for i, text := range texts {
		d, err := x.Extract("d", text)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := d.MarshalJSON()
		fresh[i] = string(b)
	}
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
