package main

import (
	"errors"
	"io"

	"github.com/quidit/quidit/extract/batch"
)

// htmlAvailable says whether --format html is built in.
const htmlAvailable = false

// htmlOutput writes the results as HTML pages, in order.
type htmlOutput struct{}

// newHTMLOutput returns an HTML output writing one page to w, or, when dir is
// not empty, one page per document into dir.
func newHTMLOutput(w io.Writer, dir string) (*htmlOutput, error) {
	return nil, errors.New("--format html is not available in this build")
}

func (h *htmlOutput) add(r *batch.Result) error { return nil }

func (h *htmlOutput) close() error { return nil }
