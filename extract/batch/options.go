// Package batch runs the extractor over many documents. It reads text files,
// directories and JSONL article dumps, compressed with gzip or zstd or not
// (recognised by content, not by name); it turns every input record into
// exactly one output record, a document or an error naming the input and
// line; and it processes records on several goroutines while keeping their
// order and bounding the memory held.
//
// The command quidit is one front end of this package; an Apache Beam pipeline
// is another: record decoding (DecodeJSONL), the options (Options) and the
// per-record work (Process, Result.WriteJSON) are here, flags and printing are
// not.
//
// # Records
//
// A text input (a file, or standard input) is one document whose id is its
// path ("-" for standard input). A JSONL input holds one JSON object a line;
// its id is the id field when present (a string or a number), else
// "NAME:LINE". Blank lines are skipped, but count in line numbers. The text
// field is the document: output offsets are code points into that string as
// it was given. When a title field is present and non-empty, the title is
// analysed on its own and written under "title" in the output record, its
// offsets counting from the start of the title; the text's offsets never
// include the title.
//
// An empty or whitespace-only text is a valid document with no entities and
// no quotes. A record that cannot be analysed (malformed JSON, no text field,
// a text that is not a string, invalid UTF-8, NUL bytes, a document over the
// size limit) yields an error record {"id": ..., "error": ...} whose message
// names the input and line.
package batch

import (
	"errors"
	"fmt"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/lexicon"
)

// DefaultMaxBytes is the default size limit of a document, in bytes (2 MiB).
// News articles are a hundred times smaller (the longest of OrangeSum's
// 36,152 is 20 kB); the limit keeps one runaway input from holding a worker
// and hundreds of megabytes for minutes (the pipeline's time and memory grow
// faster than linearly on megabyte-long documents).
const DefaultMaxBytes = 2 << 20

// Options say how to read records and how to build the extractor. Start from
// DefaultOptions and call Validate before use.
type Options struct {
	// JSONL reads inputs as one JSON object a line; otherwise each input is
	// one text document.
	JSONL bool
	// TextField names the JSONL field holding the text ("text").
	TextField string
	// IDField names the JSONL field holding the document id ("id"); empty:
	// ids are always "NAME:LINE".
	IDField string
	// TitleField names the JSONL field holding a title, analysed apart from
	// the text ("title"); empty: titles are not read.
	TitleField string
	// MaxBytes rejects documents larger than this many bytes (0: no limit).
	MaxBytes int

	// LexiconPaths are lexicon files added to (or, with NoDefaultLexicon,
	// used instead of) the embedded default, in order.
	LexiconPaths []string
	// NoDefaultLexicon leaves the embedded default lexicon out.
	NoDefaultLexicon bool
	// LexiconOnly turns off recognition of names beyond the lexicon.
	LexiconOnly bool
}

// DefaultOptions returns the default options: text inputs, JSONL fields
// "text", "id" and "title", DefaultMaxBytes, the default lexicon.
func DefaultOptions() Options {
	return Options{TextField: "text", IDField: "id", TitleField: "title", MaxBytes: DefaultMaxBytes}
}

// Validate reports the first problem with o, or nil.
func (o *Options) Validate() error {
	switch {
	case o.JSONL && o.TextField == "":
		return errors.New("the text field name is empty")
	case o.MaxBytes < 0:
		return fmt.Errorf("negative size limit %d", o.MaxBytes)
	case o.NoDefaultLexicon && len(o.LexiconPaths) == 0:
		return errors.New("no lexicon: the default is left out and no lexicon file is given")
	}
	return nil
}

// Extractor loads the lexicon o names and builds an extractor with o's
// pipeline options.
func (o *Options) Extractor() (*extract.Extractor, error) {
	lex, err := lexicon.Load(o.NoDefaultLexicon, o.LexiconPaths...)
	if err != nil {
		return nil, err
	}
	return extract.New(lex, extract.LexiconOnly(o.LexiconOnly), extract.MaxBytes(o.MaxBytes))
}

// maxLine is the longest JSONL line read when documents are limited to
// maxBytes: JSON escapes take at most six bytes per byte of text, plus room
// for the other fields.
func maxLine(maxBytes int) int {
	if maxBytes <= 0 {
		return 0
	}
	return 6*maxBytes + 1<<16
}
