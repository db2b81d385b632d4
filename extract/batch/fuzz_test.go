package batch_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/quidit/quidit/extract/batch"
)

// FuzzJSONL reads arbitrary bytes as a JSONL dump and runs the pipeline on
// each record: it must not panic (a panic in the pipeline shows as an
// "internal error" record), yield one record per non-blank line, and write
// one valid JSON object per record, on one line.
func FuzzJSONL(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/cli/*.jsonl")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"id": 1, "title": "« Non »", "text": "« Oui », a dit M. Martin.\n"}` + "\n\n" + `{"text": "\u00ab\u00bb"}`))
	f.Add([]byte("{\"text\": \"\\ud800\"}\r\n{\"text\": \"a\\u0000\"}\n\xff\n"))
	x := extractor(f)
	o := batch.DefaultOptions()
	o.JSONL = true
	o.MaxBytes = 1 << 16
	f.Fuzz(func(t *testing.T, data []byte) {
		// The fuzzing engine has no time limit per input: a hang fails here,
		// so that the input is saved.
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				panic(fmt.Sprintf("FuzzJSONL: more than 10s on %q", data))
			}
		}()
		rd, err := batch.NewReader(bytes.NewReader(data), "f", &o)
		if err != nil {
			return // compressed input with a bad header: an error for the whole input
		}
		defer rd.Close()
		want := 0
		if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) && !bytes.HasPrefix(data, []byte{0x28, 0xb5, 0x2f, 0xfd}) {
			for _, line := range bytes.Split(data, []byte("\n")) {
				if len(bytes.TrimSpace(line)) > 0 {
					want++
				}
			}
		} else {
			want = -1 // compressed: the lines are not countable here
		}
		n, last := 0, 0
		for {
			rec, ok := rd.Next()
			if !ok {
				break
			}
			n++
			line, err := strconv.Atoi(strings.TrimPrefix(rec.Where, "f:"))
			if err != nil || line <= last {
				t.Fatalf("record %d: location %q after line %d", n, rec.Where, last)
			}
			last = line
			res := batch.Process(x, rec)
			if res.Err != nil && strings.HasPrefix(res.Err.Error(), "internal error") {
				t.Fatalf("record %d (%q): %v", n, rec.Text, res.Err)
			}
			var buf bytes.Buffer
			if err := res.WriteJSON(&buf, false); err != nil {
				t.Fatal(err)
			}
			res.Release() // the next records reuse the documents' storage
			out := buf.Bytes()
			if bytes.Count(out, []byte("\n")) != 1 || out[len(out)-1] != '\n' || !json.Valid(out) {
				t.Fatalf("record %d: output is not one line of JSON: %q", n, out)
			}
		}
		if want >= 0 && n != want {
			t.Fatalf("%d records from %d non-blank lines", n, want)
		}
	})
}
