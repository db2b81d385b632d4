// Command quidit extracts who is mentioned and who said what from French news.
// (First version: text files or stdin, or --jsonl dumps; see README.)
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/lexicon"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	lex, err := lexicon.Default()
	if err != nil {
		fmt.Fprintln(stderr, "quidit:", err)
		return 1
	}
	x, err := extract.New(lex)
	if err != nil {
		fmt.Fprintln(stderr, "quidit:", err)
		return 1
	}
	jsonl := false
	var files []string
	for _, a := range args {
		switch {
		case a == "--jsonl":
			jsonl = true
		case len(a) > 2 && a[:2] == "--":
			// field flags: defaults only in this first version
		default:
			files = append(files, a)
		}
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(stderr, "quidit:", err)
			return 1
		}
		if !jsonl {
			d, err := x.Extract(f, string(data))
			if err != nil {
				extract.WriteError(w, f, err, false)
				continue
			}
			extract.WriteJSON(w, d, false)
			continue
		}
		sc := bufio.NewScanner(bytesReader(data))
		sc.Buffer(make([]byte, 1<<20), 1<<30)
		for sc.Scan() {
			var rec struct {
				ID   string `json:"id"`
				Text string `json:"text"`
			}
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				extract.WriteError(w, "-", err, false)
				continue
			}
			d, err := x.Extract(rec.ID, rec.Text)
			if err != nil {
				extract.WriteError(w, rec.ID, err, false)
				continue
			}
			extract.WriteJSON(w, d, false)
		}
	}
	return 0
}

type byteReader struct {
	b []byte
	i int
}

func (r *byteReader) Read(p []byte) (int, error) {
	if r.i >= len(r.b) {
		return 0, io.EOF
	}
	n := copy(p, r.b[r.i:])
	r.i += n
	return n, nil
}

func bytesReader(b []byte) io.Reader { return &byteReader{b: b} }
