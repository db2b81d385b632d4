package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

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
	d, err := x.Extract(rec.ID, rec.Text)
	if err != nil {
		res.Err = err
		return res
	}
	if rec.Title != "" {
		t, err := x.Extract("", rec.Title) // no id: see WriteJSON
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
	switch {
	case r.Err != nil:
		return extract.WriteError(w, r.ID, errors.New(r.Message()), pretty)
	case r.Title == nil:
		return extract.WriteJSON(w, r.Doc, pretty)
	}
	doc, err := r.Doc.MarshalJSON()
	if err != nil {
		return err
	}
	title, err := r.Title.MarshalJSON()
	if err != nil {
		return err
	}
	// The title's object without its empty id: {"id":"","entities":…} →
	// {"entities":…}.
	if t, ok := bytes.CutPrefix(title, []byte(`{"id":"",`)); ok {
		title = append([]byte("{"), t...)
	}
	var buf bytes.Buffer
	buf.Grow(len(doc) + len(title) + 16)
	buf.Write(doc[:len(doc)-1]) // without its closing brace
	buf.WriteString(`,"title":`)
	buf.Write(title)
	buf.WriteByte('}')
	if pretty {
		var ind bytes.Buffer
		if err := json.Indent(&ind, buf.Bytes(), "", "  "); err != nil {
			return err
		}
		buf = ind
	}
	buf.WriteByte('\n')
	_, err = w.Write(buf.Bytes())
	return err
}
