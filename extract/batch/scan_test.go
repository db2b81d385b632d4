package batch

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// errString returns the message of err, or "".
func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// checkSameDecode fails when the scanner's record of line differs from
// encoding/json's.
func checkSameDecode(t *testing.T, line []byte, o *Options) {
	t.Helper()
	got := DecodeJSONL(line, "f:1", o)
	trimmed := bytes.TrimRight(line, "\r\n")
	if !utf8.Valid(trimmed) {
		// the first thing said of a line that is not UTF-8
		if e, want := errString(got.Err), fmt.Sprintf("invalid UTF-8 at byte %d of the line", invalidAt(trimmed)); e != want {
			t.Errorf("%q: error %q, want %q", line, e, want)
		}
		return
	}
	if e := errString(got.Err); strings.HasPrefix(e, "invalid UTF-8") || e == "not a JSON object" {
		if e != "not a JSON object" {
			t.Errorf("%q: error %q on valid UTF-8", line, e)
		}
		return // found before either decoder runs
	}
	want := decodeStd(bytes.TrimRight(line, "\r\n"), "f:1", o) // as DecodeJSONL trims it
	if got.ID != want.ID || got.Text != want.Text || got.Title != want.Title || errString(got.Err) != errString(want.Err) {
		t.Errorf("%q:\n got %q %q %q %v\nwant %q %q %q %v", line, got.ID, got.Text, got.Title, got.Err, want.ID, want.Text, want.Title, want.Err)
	}
	// Process trusts the flag and does not check the encoding again
	if got.utf8 && (!utf8.ValidString(got.Text) || !utf8.ValidString(got.Title)) {
		t.Errorf("%q: record marked valid UTF-8, text %q, title %q", line, got.Text, got.Title)
	}
	if got.Err == nil && !got.utf8 {
		t.Errorf("%q: a decoded record is not marked valid UTF-8", line)
	}
}

func TestScanFields(t *testing.T) {
	tests := []struct {
		line string
		ok   bool // the scanner answers (else encoding/json does)
	}{
		{`{"id": "a", "text": "x"}`, true},
		{`  { }  `, true},
		{`{"text": "\u00e9\ud83d\ude00 \ud800 \udc00x \ud800\u0041 \"\\\/\b\f\n\r\t"}`, true},
		{`{"text": "x", "text": "y"}`, true},
		{`{"text": "x", "entities": [{"start": 0, "end": -1.5e+3, "ok": true, "no": false, "n": null}, [], {}]}`, true},
		{`{"id": 01, "text": "x"}`, false},
		{`{"id": 1., "text": "x"}`, false},
		{`{"id": -, "text": "x"}`, false},
		{`{"id": 1e, "text": "x"}`, false},
		{`{"te\u0078t": "x"}`, false},
		{`{"text": "x\q"}`, false},
		{`{"text": "x\u12"}`, false},
		{"{\"text\": \"x\ty\"}", false},
		{`{"text": "x",}`, false},
		{`{"text" "x"}`, false},
		{`{"text": "x"} x`, false},
		{`{"text": [1, 2,]}`, false},
		{`{"text": tru}`, false},
		{`{"text": nul}`, false},
		{`{"text": "x"`, false},
		{`{"a": {"b": [1 2]}, "text": "x"}`, false},
		{`{"text": "« été » — 東京 😀"}`, true},
		{"{\"text\": \"x\", \"t\xc3\xa9\": 1}", true},
	}
	o := DefaultOptions()
	o.JSONL = true
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			names := [3]string{o.IDField, o.TextField, o.TitleField}
			if _, _, ok := scanFields([]byte(tt.line), &names); ok != tt.ok {
				t.Errorf("scanner ok %v, want %v", ok, tt.ok)
			}
			checkSameDecode(t, []byte(tt.line), &o)
		})
	}
}

// TestScanDepth checks that lines nested deeper than the scanner follows are
// left to encoding/json, and decoded alike.
func TestScanDepth(t *testing.T) {
	o := DefaultOptions()
	o.JSONL = true
	for _, depth := range []int{maxScanDepth - 1, maxScanDepth, maxScanDepth + 1, 20000} {
		open, close := "", ""
		for range depth {
			open += "["
			close += "]"
		}
		line := fmt.Sprintf(`{"a": %s%s, "text": "x"}`, open, close)
		checkSameDecode(t, []byte(line), &o)
	}
}

// FuzzDecodeJSONL checks that the scanner decodes every line as
// encoding/json does: same id, text, title and error.
func FuzzDecodeJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id": "a", "text": "x", "title": "t"}`,
		`{"id": 12, "text": "\u00e9\ud83d\ude00 \ud800 \"\\\/\b\f\n\r\t", "title": null}`,
		`{"text": "x", "text": "y", "entities": [{"start": 0, "end": -1.5e+3, "ok": true}]}`,
		`{"id": true, "text": 1}`,
		`{"te\u0078t": "x"}`,
	} {
		f.Add([]byte(s))
	}
	o := DefaultOptions()
	o.JSONL = true
	f.Fuzz(func(t *testing.T, line []byte) {
		checkSameDecode(t, line, &o)
	})
}

// TestSpecial8 checks the word test against a byte loop: every byte value at
// every position among plain bytes, and random words. The lowest byte marked
// must be the first special one (the scanner jumps to it), and none is marked
// when there is none.
func TestSpecial8(t *testing.T) {
	special := func(c byte) bool { return c == '"' || c == '\\' || c < 0x20 }
	first := func(b []byte) int {
		for i, c := range b {
			if special(c) {
				return i
			}
		}
		return 8
	}
	check := func(b []byte) {
		got := special8(binary.LittleEndian.Uint64(b))
		if got&^0x8080808080808080 != 0 || bits.TrailingZeros64(got)/8 != first(b) {
			t.Fatalf("special8(% x) = %#x, want the lowest byte marked %d", b, got, first(b))
		}
	}
	for _, filler := range []byte{'a', 0xc3, 0xff, 0x20, 0x80} {
		for pos := range 8 {
			for c := range 256 {
				b := bytes.Repeat([]byte{filler}, 8)
				b[pos] = byte(c)
				check(b)
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 200000 {
		check(binary.LittleEndian.AppendUint64(nil, rng.Uint64()))
	}
}

// TestScanUTF8 checks the UTF-8 check the scanner does inside strings, for
// which DecodeJSONL no longer checks a line it accepts: valid and invalid
// sequences of every length, at every place of the text, of a key, of a value
// of another field and outside strings, against encoding/json's decoding and
// the error of utf8.Valid with its byte offset (checkSameDecode).
func TestScanUTF8(t *testing.T) {
	seqs := []string{
		"é", "«\u00a0", "’", "€", "😀", "\U0010ffff", "\ufffd", "\u07ff", "\u0800", "\uffff", "\U00010000",
		"\xff", "\xc3", "\xc3(", "\xc0\x80", "\xc1\xbf", "\xe2\x80", "\xe2\x28\xa1", "\xe0\x80\x80",
		"\xed\xa0\x80", "\xed\xbf\xbf", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
		"\xf0\x9f\x98", "\x80", "\xbf", "\xfe",
	}
	o := DefaultOptions()
	o.JSONL = true
	const plain = "abcdefghijklmnopqrstu"
	for _, seq := range seqs {
		for at := 0; at <= len(plain); at++ {
			s := plain[:at] + seq + plain[at:]
			for _, line := range []string{
				`{"id": "a", "text": "` + s + `"}`,
				`{"text": "` + s + `", "title": "x"}`,
				`{"` + s + `": 1, "text": "x"}`,
				`{"other": ["` + s + `", {"k": "v"}], "text": "x"}`,
				`{"text": "x"} ` + s,
				s + ` {"text": "x"}`,
				`{"text": "x", ` + s + `}`,
			} {
				checkSameDecode(t, []byte(line), &o)
			}
		}
	}
}
