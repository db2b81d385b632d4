package batch_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/extract/batch"
	"github.com/quidit/quidit/lexicon"
)

func jsonlOptions() *batch.Options {
	o := batch.DefaultOptions()
	o.JSONL = true
	return &o
}

func TestDecodeJSONL(t *testing.T) {
	tests := []struct {
		name, line         string
		id, text, title    string
		err                string // substring of the error; "" for none
		textField, idField string // "" for the defaults
	}{
		{name: "plain", line: `{"id": "a1", "text": "Bonjour.", "title": "Titre"}`, id: "a1", text: "Bonjour.", title: "Titre"},
		{name: "numeric id", line: `{"id": 42, "text": "x"}`, id: "42", text: "x"},
		{name: "negative float id kept as written", line: `{"id": -1.5e3, "text": "x"}`, id: "-1.5e3", text: "x"},
		{name: "no id", line: `{"text": "x"}`, id: "f:3", text: "x"},
		{name: "null id", line: `{"id": null, "text": "x"}`, id: "f:3", text: "x"},
		{name: "empty id", line: `{"id": "", "text": "x"}`, id: "f:3", text: "x"},
		{name: "boolean id", line: `{"id": true, "text": "x"}`, id: "f:3", err: `field "id" is a boolean`},
		{name: "escapes", line: `{"id": "e", "text": "« \u00e9t\u00e9 »\n\"ok\""}`, id: "e", text: "« été »\n\"ok\""},
		{name: "CRLF", line: "{\"id\": \"c\", \"text\": \"x\"}\r\n", id: "c", text: "x"},
		{name: "empty text is a document", line: `{"id": "e", "text": ""}`, id: "e", text: ""},
		{name: "null title", line: `{"id": "t", "text": "x", "title": null}`, id: "t", text: "x"},
		{name: "other text field", line: `{"id": "o", "article": "corps", "text": 1}`, textField: "article", id: "o", text: "corps"},
		{name: "other id field", line: `{"id": "o", "doc": "d7", "text": "x"}`, idField: "doc", id: "d7", text: "x"},
		{name: "field names are exact", line: `{"ID": "u", "Text": "x"}`, id: "f:3", err: `no "text" field`},
		{name: "malformed", line: `{"id": "m", "text": "x"`, id: "f:3", err: "invalid JSON"},
		{name: "trailing garbage", line: `{"id": "m", "text": "x"} {}`, id: "f:3", err: "invalid JSON"},
		{name: "array", line: `[1, 2]`, id: "f:3", err: "not a JSON object"},
		{name: "null line", line: `null`, id: "f:3", err: "not a JSON object"},
		{name: "no text", line: `{"id": "n"}`, id: "n", err: `no "text" field`},
		{name: "null text", line: `{"id": "n", "text": null}`, id: "n", err: `no "text" field`},
		{name: "number text", line: `{"id": "n", "text": 3}`, id: "n", err: `field "text" is a number, not a string`},
		{name: "object text", line: `{"id": "n", "text": {"a": 1}}`, id: "n", err: `field "text" is an object`},
		{name: "array title", line: `{"id": "n", "text": "x", "title": ["a"]}`, id: "n", err: `field "title" is an array`},
		{name: "invalid UTF-8", line: "{\"id\": \"u\", \"text\": \"caf\xe9\"}", id: "f:3", err: "invalid UTF-8 at byte 24 of the line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := jsonlOptions()
			if tt.textField != "" {
				o.TextField = tt.textField
			}
			if tt.idField != "" {
				o.IDField = tt.idField
			}
			r := batch.DecodeJSONL([]byte(tt.line), "f:3", o)
			if r.ID != tt.id || r.Where != "f:3" {
				t.Errorf("id %q where %q, want %q f:3", r.ID, r.Where, tt.id)
			}
			if tt.err != "" {
				if r.Err == nil || !strings.Contains(r.Err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", r.Err, tt.err)
				}
				if r.Text != "" || r.Title != "" {
					t.Errorf("failed record keeps text %q title %q", r.Text, r.Title)
				}
				return
			}
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			if r.Text != tt.text || r.Title != tt.title {
				t.Errorf("text %q title %q, want %q %q", r.Text, r.Title, tt.text, tt.title)
			}
		})
	}
}

// records reads every record of data with o.
func records(t *testing.T, data []byte, name string, o *batch.Options) []batch.Record {
	t.Helper()
	rd, err := batch.NewReader(bytes.NewReader(data), name, o)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var recs []batch.Record
	for {
		r, ok := rd.Next()
		if !ok {
			return recs
		}
		recs = append(recs, r)
	}
}

func TestReaderJSONL(t *testing.T) {
	o := jsonlOptions()
	o.MaxBytes = 100 // lines up to 6*100+65536 bytes
	long := `{"id": "long", "text": "` + strings.Repeat("x", 70000) + `"}`
	data := "\n" + `{"id": "a", "text": "un"}` + "\r\n  \n" + long + "\n" + `{"text": "deux"}` + "\n" + `{"id": "c", "text": "trois"}`
	recs := records(t, []byte(data), "d.jsonl", o)
	want := []struct{ id, where, text, err string }{
		{"a", "d.jsonl:2", "un", ""},
		{"d.jsonl:4", "d.jsonl:4", "", "line longer than 66136 bytes"},
		{"d.jsonl:5", "d.jsonl:5", "deux", ""},
		{"c", "d.jsonl:6", "trois", ""}, // last line without newline
	}
	if len(recs) != len(want) {
		t.Fatalf("%d records, want %d: %+v", len(recs), len(want), recs)
	}
	for i, w := range want {
		r := recs[i]
		if r.ID != w.id || r.Where != w.where || r.Text != w.text {
			t.Errorf("record %d: %q %q %q, want %q %q %q", i, r.ID, r.Where, r.Text, w.id, w.where, w.text)
		}
		if (r.Err == nil) != (w.err == "") || r.Err != nil && !strings.Contains(r.Err.Error(), w.err) {
			t.Errorf("record %d: error %v, want %q", i, r.Err, w.err)
		}
	}
}

func TestReaderText(t *testing.T) {
	tests := []struct {
		name, data string
		max        int
		err        string
	}{
		{"text", "Bonjour.\n", 0, ""},
		{"empty", "", 0, ""},
		{"at the limit", "12345", 5, ""},
		{"over the limit", "123456", 5, "document over the size limit of 5 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := batch.DefaultOptions()
			o.MaxBytes = tt.max
			recs := records(t, []byte(tt.data), "f.txt", &o)
			if len(recs) != 1 {
				t.Fatalf("%d records, want 1", len(recs))
			}
			r := recs[0]
			if r.ID != "f.txt" || r.Where != "f.txt" {
				t.Errorf("id %q where %q", r.ID, r.Where)
			}
			if tt.err != "" {
				if r.Err == nil || !strings.Contains(r.Err.Error(), tt.err) {
					t.Errorf("error %v, want %q", r.Err, tt.err)
				}
				return
			}
			if r.Err != nil || r.Text != tt.data {
				t.Errorf("text %q error %v, want %q", r.Text, r.Err, tt.data)
			}
		})
	}
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func zst(b []byte) []byte {
	w, _ := zstd.NewWriter(nil)
	return w.EncodeAll(b, nil)
}

func TestDecompress(t *testing.T) {
	text := []byte("Vladimir Poutine était à Moscou.\n")
	tests := []struct {
		name string
		in   []byte
		want []byte
		err  string
	}{
		{"plain", text, text, ""},
		{"empty", nil, nil, ""},
		{"one byte", []byte{0x1f}, []byte{0x1f}, ""},
		{"gzip", gz(text), text, ""},
		{"gzip, two members", append(gz(text[:10]), gz(text[10:])...), text, ""},
		{"zstd", zst(text), text, ""},
		{"truncated gzip", gz(text)[:20], nil, "unexpected EOF"},
		{"gzip magic, bad header", []byte{0x1f, 0x8b, 7, 0, 0, 0, 0, 0, 0, 0, 0}, nil, "gzip: invalid header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, closeFn, err := batch.Decompress(bytes.NewReader(tt.in))
			if err == nil {
				defer closeFn()
				var got []byte
				got, err = io.ReadAll(r)
				if err == nil && !bytes.Equal(got, tt.want) {
					t.Errorf("got %q, want %q", got, tt.want)
				}
			}
			if (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
				t.Errorf("error %v, want %q", err, tt.err)
			}
		})
	}
}

func TestInputs(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.txt", "a.txt", "sub/c.txt", ".hidden", ".git/x.txt", "sub/.d.txt"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ins := batch.Inputs([]string{dir, "-", filepath.Join(dir, "missing.txt"), filepath.Join(dir, ".hidden")})
	var got []string
	for _, in := range ins {
		s, _ := filepath.Rel(dir, in.Name)
		if in.Name == "-" {
			s = "-"
		}
		if in.Err != nil {
			s += " error"
		}
		got = append(got, s)
	}
	want := []string{"a.txt", "b.txt", "sub/c.txt", "-", "missing.txt error", ".hidden"}
	if !slices.Equal(got, want) {
		t.Errorf("inputs %q, want %q", got, want)
	}
	if ins[0].Size != 5 || ins[3].Size != -1 {
		t.Errorf("sizes %d %d, want 5 -1", ins[0].Size, ins[3].Size)
	}
	if got := batch.Inputs(nil); len(got) != 1 || got[0].Name != batch.Stdin {
		t.Errorf("no argument: %+v, want stdin", got)
	}
}

func TestRecords(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.jsonl.gz")
	os.WriteFile(a, gz([]byte(`{"id": "1", "text": "x"}`+"\n"+`{"id": "2", "text": "y"}`+"\n")), 0o644)
	ins := batch.Inputs([]string{a, filepath.Join(dir, "missing"), "-"})
	var read atomic.Int64
	var got []string
	for r := range batch.Records(ins, strings.NewReader(`{"text": "z"}`), jsonlOptions(), &read) {
		got = append(got, r.ID)
	}
	want := []string{"1", "2", filepath.Join(dir, "missing"), "-:1"}
	if !slices.Equal(got, want) {
		t.Errorf("ids %q, want %q", got, want)
	}
	fi, _ := os.Stat(a)
	if n := read.Load(); n != fi.Size()+int64(len(`{"text": "z"}`)) {
		t.Errorf("read %d bytes, want %d", n, fi.Size()+13)
	}
}

func seq(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

// TestOrdered checks order and the bound on values in flight, with work of
// random duration.
func TestOrdered(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		const n, window = 300, 5
		var inFlight, peak atomic.Int64
		in := func(yield func(int) bool) {
			for i := range n {
				if v := inFlight.Add(1); v > peak.Load() {
					peak.Store(v)
				}
				if !yield(i) {
					return
				}
			}
		}
		var got []int
		err := batch.Ordered(in, workers, window, func(i int) int {
			time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
			return i * i
		}, func(v int) error {
			inFlight.Add(-1)
			got = append(got, v)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != n {
			t.Fatalf("workers %d: %d results, want %d", workers, len(got), n)
		}
		for i, v := range got {
			if v != i*i {
				t.Fatalf("workers %d: result %d is %d, want %d", workers, i, v, i*i)
			}
		}
		if p := peak.Load(); p > window+2 {
			t.Errorf("workers %d: %d values in flight, more than window+2 = %d", workers, p, window+2)
		}
	}
}

// TestOrderedSlowValue checks that one slow value holds up reading instead of
// letting the queue grow.
func TestOrderedSlowValue(t *testing.T) {
	release := make(chan struct{})
	var read atomic.Int64
	in := func(yield func(int) bool) {
		for i := range 1000 {
			read.Add(1)
			if !yield(i) {
				return
			}
		}
	}
	done := make(chan error)
	go func() {
		done <- batch.Ordered(in, 4, 8, func(i int) int {
			if i == 0 {
				<-release
			}
			return i
		}, func(int) error { return nil })
	}()
	time.Sleep(50 * time.Millisecond)
	if n := read.Load(); n > 8+2 {
		t.Errorf("%d values read while the first is stuck, more than window+2", n)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestOrderedStreaming checks that a value is worked on and emitted without
// waiting for the next ones, as for lines typed into a pipe: here in yields
// a value only once the one before is emitted, which would never end if
// values waited to make up a batch.
func TestOrderedStreaming(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		emitted := make(chan int, 1)
		in := func(yield func(int) bool) {
			for i := range 50 {
				if i > 0 {
					if got := <-emitted; got != i-1 {
						t.Errorf("workers %d: emitted %d, want %d", workers, got, i-1)
					}
				}
				if !yield(i) {
					return
				}
			}
		}
		done := make(chan error, 1)
		go func() {
			done <- batch.Ordered(in, workers, 4, func(i int) int { return i }, func(i int) error {
				select {
				case emitted <- i:
				default:
				}
				return nil
			})
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("workers %d: stuck", workers)
		}
	}
}

func TestOrderedEmitError(t *testing.T) {
	stop := errors.New("stop")
	var emitted int
	err := batch.Ordered(seq(1000), 3, 4, func(i int) int { return i }, func(i int) error {
		emitted++
		if i == 10 {
			return stop
		}
		return nil
	})
	if err != stop || emitted != 11 {
		t.Errorf("error %v after %d values, want %v after 11", err, emitted, stop)
	}
}

var (
	xOnce sync.Once
	xDef  *extract.Extractor
)

func extractor(t testing.TB) *extract.Extractor {
	xOnce.Do(func() {
		lex, err := lexicon.Default()
		if err != nil {
			t.Fatal(err)
		}
		if xDef, err = extract.New(lex); err != nil {
			t.Fatal(err)
		}
	})
	return xDef
}

// TestLine checks that Line and AppendJSON write what WriteJSON writes, and
// a document without a title what extract.WriteJSON (encoding/json, for the
// indented form) writes; and that AppendJSON appends after what b holds.
func TestLine(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		name string
		rec  batch.Record
	}{
		{"no title", batch.Record{ID: "a", Text: "« Non », a dit Vladimir Poutine à Moscou."}},
		{"title", batch.Record{ID: "b", Title: "Moscou répond à Paris", Text: "Vladimir Poutine a parlé."}},
		{"empty title", batch.Record{ID: "c", Title: " ", Text: "Paris."}},
		{"error", batch.Record{ID: "d", Where: "f:4", Err: errors.New("invalid JSON")}},
	}
	for _, tt := range tests {
		for _, pretty := range []bool{false, true} {
			res := batch.Process(x, tt.rec)
			var want bytes.Buffer
			if err := res.WriteJSON(&want, pretty); err != nil {
				t.Fatal(err)
			}
			if res.Title == nil && res.Doc != nil {
				var std bytes.Buffer
				if err := extract.WriteJSON(&std, res.Doc, pretty); err != nil {
					t.Fatal(err)
				}
				if std.String() != want.String() {
					t.Errorf("%s, pretty %v: WriteJSON\n%s\nextract.WriteJSON\n%s", tt.name, pretty, want.Bytes(), std.Bytes())
				}
			}
			if res.Title != nil {
				// the document's object, its title's without the id under "title"
				doc, _ := res.Doc.MarshalJSON()
				title, _ := res.Title.MarshalJSON()
				one := string(doc[:len(doc)-1]) + `,"title":{` + strings.TrimPrefix(string(title), `{"id":"",`) + "}"
				var std bytes.Buffer
				if pretty {
					json.Indent(&std, []byte(one), "", "  ")
				} else {
					std.WriteString(one)
				}
				if std.String()+"\n" != want.String() {
					t.Errorf("%s, pretty %v: WriteJSON\n%s\nwant\n%s", tt.name, pretty, want.Bytes(), std.Bytes())
				}
			}
			got, err := res.AppendJSON([]byte("before"), pretty)
			if err != nil || string(got) != "before"+want.String() {
				t.Errorf("%s, pretty %v: AppendJSON %q, %v; want %q", tt.name, pretty, got, err, "before"+want.String())
			}
			line := res.Line(pretty)
			if string(line) != want.String() {
				t.Errorf("%s, pretty %v: Line %q, want %q", tt.name, pretty, line, want.Bytes())
			}
			batch.FreeLine(line)
			res.Release()
		}
	}
}

// TestTitle checks that the title is analysed apart, with offsets from its
// own start, and written under "title" without an id.
func TestTitle(t *testing.T) {
	x := extractor(t)
	rec := batch.Record{ID: "t1", Where: "f:1", Title: "Moscou répond à Paris", Text: "Vladimir Poutine a parlé."}
	res := batch.Process(x, rec)
	if res.Err != nil || res.Doc == nil || res.Title == nil {
		t.Fatalf("result %+v", res)
	}
	for _, pretty := range []bool{false, true} {
		var buf bytes.Buffer
		if err := res.WriteJSON(&buf, pretty); err != nil {
			t.Fatal(err)
		}
		if !pretty && bytes.Count(buf.Bytes(), []byte("\n")) != 1 {
			t.Errorf("not one line: %s", buf.Bytes())
		}
		var out struct {
			ID       string `json:"id"`
			Entities []struct {
				Mentions []struct {
					Text       string
					Start, End int
				}
			}
			Title map[string]json.RawMessage `json:"title"`
		}
		if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
			t.Fatalf("invalid JSON (%v): %s", err, buf.Bytes())
		}
		if out.ID != "t1" {
			t.Errorf("id %q", out.ID)
		}
		if _, ok := out.Title["id"]; ok || out.Title["entities"] == nil || out.Title["quotes"] == nil {
			t.Errorf("title %s, want entities and quotes, no id", buf.Bytes())
		}
		var title struct {
			Entities []struct {
				Mentions []struct {
					Text       string
					Start, End int
				}
			}
		}
		json.Unmarshal(buf.Bytes(), &struct{ Title any }{&title})
		found := false
		for _, e := range title.Entities {
			for _, m := range e.Mentions {
				if m.Text == "Moscou" {
					found = true
					if m.Start != 0 || m.End != 6 {
						t.Errorf("title mention Moscou at %d-%d, want 0-6", m.Start, m.End)
					}
				}
			}
		}
		if !found {
			t.Errorf("no Moscou mention in the title: %s", buf.Bytes())
		}
		for _, e := range out.Entities {
			for _, m := range e.Mentions {
				if m.Text == "Vladimir Poutine" && (m.Start != 0 || m.End != 16) {
					t.Errorf("text mention %q at %d-%d, want 0-16", m.Text, m.Start, m.End)
				}
			}
		}
	}
}

func TestProcessErrors(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		rec batch.Record
		msg string
	}{
		{batch.Record{ID: "a", Where: "f:2", Text: "a\x00b"}, "f:2: NUL byte at byte 1: binary data, not text"},
		{batch.Record{ID: "f.txt", Where: "f.txt", Text: "ok", Title: "\x00"}, "title: NUL byte at byte 0: binary data, not text"},
		{batch.Record{ID: "f:3", Where: "f:3", Err: errors.New("invalid JSON")}, "invalid JSON"},
	}
	for _, tt := range tests {
		res := batch.Process(x, tt.rec)
		if !res.Failed() || res.Message() != tt.msg || res.Doc != nil {
			t.Errorf("%+v: message %q, want %q", tt.rec, res.Message(), tt.msg)
		}
		var buf bytes.Buffer
		res.WriteJSON(&buf, false)
		want, _ := json.Marshal(map[string]string{"error": tt.msg, "id": tt.rec.ID})
		var got map[string]string
		if err := json.Unmarshal(buf.Bytes(), &got); err != nil || got["id"] != tt.rec.ID || got["error"] != tt.msg || len(got) != 2 {
			t.Errorf("record %s, want %s", buf.Bytes(), want)
		}
	}
}

func TestValidate(t *testing.T) {
	o := batch.DefaultOptions()
	if err := o.Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
	bad := []func(*batch.Options){
		func(o *batch.Options) { o.JSONL, o.TextField = true, "" },
		func(o *batch.Options) { o.MaxBytes = -1 },
		func(o *batch.Options) { o.NoDefaultLexicon = true },
	}
	for i, f := range bad {
		o := batch.DefaultOptions()
		f(&o)
		if o.Validate() == nil {
			t.Errorf("case %d: no error", i)
		}
	}
}
