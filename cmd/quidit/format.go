package main

import (
	"errors"
	"io"

	"github.com/quidit/quidit/cmd/quidit/internal/htmlview"
	"github.com/quidit/quidit/extract/batch"
)

// htmlAvailable says whether --format html is built in.
const htmlAvailable = true

// htmlOutput writes the results as HTML pages, in order.
type htmlOutput struct{ w *htmlview.Writer }

// newHTMLOutput returns an HTML output writing one page to w, or, when dir is
// not empty, one page per document into dir.
func newHTMLOutput(w io.Writer, dir string) (*htmlOutput, error) {
	if dir == "" {
		return &htmlOutput{htmlview.NewWriter(w)}, nil
	}
	hw, err := htmlview.NewDirWriter(dir)
	if err != nil {
		return nil, err
	}
	return &htmlOutput{hw}, nil
}

// add writes one result: the document with its title, or its error record.
func (h *htmlOutput) add(r *batch.Result) error {
	if r.Failed() {
		return h.w.AddError(r.ID, errors.New(r.Message()))
	}
	return h.w.AddTitled(r.Doc, r.Title)
}

// close ends the page, or writes the directory's index.html.
func (h *htmlOutput) close() error { return h.w.Close() }
