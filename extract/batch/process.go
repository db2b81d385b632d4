package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/quidit/quidit/extract"
)

// Result is the outcome of one record: its document (and its title's), or the
// reason it failed.
type Result struct {
	ID    string       // the record's id
	Where string       // the record's location (see Record)
	Doc   *extract.Doc // the analysed text; nil when Err is set
	Title *extract.Doc // the analysed title; nil when there is none
	Err   error        // why the record failed
}

// Failed reports whether the record failed.
func (r *Result) Failed() bool { return r.Err != nil }

// Message returns the error message of a failed record, prefixed with the
// record's location when the id does not already say it ("dump.jsonl:17:
// invalid JSON: ...").
func (r *Result) Message() string {
	if r.Err == nil {
		return ""
	}
	if r.Where != "" && r.Where != r.ID {
		return r.Where + ": " + r.Err.Error()
	}
	return r.Err.Error()
}

// Process analyses a record with x. It never panics: a panic inside the
// pipeline (a bug) becomes the record's error, so that one document cannot
// stop a run.
func Process(x *extract.Extractor, rec Record) (res Result) {
	res = Result{ID: rec.ID, Where: rec.Where, Err: rec.Err}
	if rec.Err != nil {
		return res
	}
	defer func() {
		if p := recover(); p != nil {
			res.Doc, res.Title = nil, nil
			res.Err = fmt.Errorf("internal error (a bug, please report it): panic: %v", p)
		}
	}()
	extract := x.Extract
	if rec.utf8 {
		extract = x.ExtractValidUTF8 // the same, without checking the encoding again
	}
	d, err := extract(rec.ID, rec.Text)
	if err != nil {
		res.Err = err
		return res
	}
	if rec.Title != "" {
		t, err := extract("", rec.Title) // no id: see WriteJSON
		if err != nil {
			res.Err = fmt.Errorf("title: %v", err)
			return res
		}
		res.Title = t
	}
	res.Doc = d
	return res
}

// Release hands r's documents back to the extractor for reuse (see
// extract.Doc.Release) and drops them from r. Call it once r is written,
// never before.
func (r *Result) Release() {
	r.Doc.Release()
	r.Title.Release()
	r.Doc, r.Title = nil, nil
}

// WriteJSON writes the output record of r, followed by a newline: the
// document in the contract of extract.WriteJSON, with its title's analysis
// under "title" (without an id) when there is one, or the error record
// {"id", "error"} of extract.WriteError. pretty indents it.
func (r *Result) WriteJSON(w io.Writer, pretty bool) error {
	bp := lines.Get().(*[]byte)
	b, err := r.AppendJSON((*bp)[:0], pretty)
	if err == nil {
		_, err = w.Write(b) // w must not retain b (io.Writer)
	}
	FreeLine(b)
	return err
}

// AppendJSON appends the output record of r to b, followed by a newline (see
// WriteJSON), and returns the extended buffer. On an error b is returned as
// it was.
func (r *Result) AppendJSON(b []byte, pretty bool) ([]byte, error) {
	start := len(b)
	switch {
	case r.Err != nil:
		var buf bytes.Buffer
		err := extract.WriteError(&buf, r.ID, errors.New(r.Message()), pretty)
		return append(b, buf.Bytes()...), err
	case r.Title == nil:
		b = r.Doc.AppendJSON(b)
	default:
		b = r.Doc.AppendJSON(b)
		b = append(b[:len(b)-1], `,"title":`...) // without the document's closing brace
		t := len(b)
		b = r.Title.AppendJSON(b)
		// The title's object without its empty id: {"id":"",…} → {…}.
		if noID := `{"id":"",`; bytes.HasPrefix(b[t:], []byte(noID)) {
			n := copy(b[t+1:], b[t+len(noID):])
			b = b[:t+1+n]
		}
		b = append(b, '}')
	}
	if pretty {
		// encoding/json indents the same way: its Encoder marshals on one
		// line, then indents.
		var ind bytes.Buffer
		if err := json.Indent(&ind, b[start:], "", "  "); err != nil {
			return b[:start], err
		}
		b = append(b[:start], ind.Bytes()...)
	}
	return append(b, '\n'), nil
}

// Line returns the output record of r, followed by a newline, in a buffer
// from a pool: hand it back with FreeLine once written, to spare encoding
// the next records a new buffer. When r's documents cannot be encoded, r
// becomes the record of that error (without its documents) and the line is
// its error record.
func (r *Result) Line(pretty bool) []byte {
	bp := lines.Get().(*[]byte)
	b, err := r.AppendJSON((*bp)[:0], pretty)
	if err != nil {
		r.Release()
		r.Err = err
		b, _ = r.AppendJSON(b[:0], pretty) // an error record always encodes
	}
	return b
}

// FreeLine hands a line of Line back to the pool. b must not be used after.
func FreeLine(b []byte) {
	if cap(b) <= maxPooledLine {
		b = b[:0]
		lines.Put(&b)
	}
}

// lines holds the buffers of output lines between records.
var lines = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledLine bounds the buffers kept in lines, in bytes.
const maxPooledLine = 1 << 20
