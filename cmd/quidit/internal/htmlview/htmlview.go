// Package htmlview writes extracted documents as self-contained HTML pages for
// people reviewing extractions (quidit --format html).
//
// A page shows each document's text with every entity mention highlighted by
// type (colour and a small type label, explained by a legend at the top; the
// canonical name on hover) and every quote marked, with its speaker's name
// beside it; then a "who said what" table (speaker, kind, shortened quote,
// cue, each row linking to the quote in the text) and an entity table (type,
// canonical name, mention count, the forms seen). A page needs nothing else:
// the CSS is inline, there is no script, no font, no image and no link
// outside the page, and a Content-Security-Policy forbids fetching anything,
// so it works from a file with no network. Every piece of the input (text,
// ids, names, error messages) is escaped: an article containing <script> or
// & shows as text.
//
// # Wiring
//
// Documents are streamed: build one Writer, call Add for each document (or
// AddTitled for a document with an analysed title, AddError for a document
// that failed) in output order, then Close. (cmd/quidit/format.go does this.) A Writer
// is not safe for concurrent use; call it from the goroutine that writes the
// output in order. Memory stays bounded by one document plus a line per
// document for the table of contents.
//
//	hw := htmlview.NewWriter(stdout) // one page; or htmlview.NewDirWriter(dir) for -o DIR
//	for each input, in order {
//		d, err := x.Extract(id, text)
//		if err != nil {
//			hw.AddError(id, err) // the page shows the id and the error
//			continue
//		}
//		hw.Add(d)
//	}
//	if err := hw.Close(); err != nil { … } // Close writes the end of the page (or index.html)
//
// NewWriter writes one page to an io.Writer: a single document's page when
// exactly one document (or error record) was added, otherwise one page with
// every document and a table of contents. NewDirWriter writes one page per
// document into a directory, named after the document id (made safe and
// unique), and an index.html listing them all with the error records. Write
// and WriteDir do the same for a slice of documents.
//
// Write errors are sticky: after the first, Add, AddError and Close return it.
package htmlview

import (
	"bufio"
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/lexicon"
)

// IndexFile is the name of the index page NewDirWriter writes on Close.
const IndexFile = "index.html"

// Writer writes documents as HTML, one at a time. Build it with NewWriter or
// NewDirWriter.
type Writer struct {
	out io.Writer // one page: the output
	dir string    // one page per document: the directory

	n      int           // documents and error records added
	first  *bytes.Buffer // one page: the first section, held until a second comes or Close
	begun  bool          // one page: the head is written
	toc    []tocEntry    // a line per document
	used   map[string]bool
	err    error
	closed bool
}

// tocEntry is a line of the table of contents or of index.html.
type tocEntry struct {
	N                          int
	ID                         string
	Href                       string // link to the document (anchor or file)
	Err                        string // the error of an error record
	Entities, Mentions, Quotes int
}

// NewWriter returns a Writer that writes one self-contained page to w: the
// page of the document when a single document (or error record) is added,
// otherwise every document in order with a table of contents. Nothing is
// written before the second document or Close.
func NewWriter(w io.Writer) *Writer { return &Writer{out: w} }

// NewDirWriter returns a Writer that writes one page per document into dir
// (created if needed) as each document is added, and on Close an index.html
// listing every document and error record. A page is named after its
// document id: letters, digits, '-', '_' and '.' kept, other runs replaced by
// '-', made unique in the directory, with ".html".
func NewDirWriter(dir string) (*Writer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &Writer{dir: dir, used: map[string]bool{"index": true}}, nil
}

// errClosed is returned by calls on a closed Writer.
var errClosed = errors.New("htmlview: writer is closed")

// Add writes document d.
func (w *Writer) Add(d *extract.Doc) error { return w.AddTitled(d, nil) }

// AddTitled writes document d with its analysed title (a JSONL record's
// title, analysed apart), shown highlighted above the text. title may be nil.
func (w *Writer) AddTitled(d, title *extract.Doc) error {
	if err := w.check(); err != nil {
		return err
	}
	if d == nil {
		return errors.New("htmlview: nil document")
	}
	w.n++
	r := &docRender{d: d, n: w.n, title: title}
	e := tocEntry{N: w.n, ID: d.ID, Href: "#" + r.anchor(), Entities: len(d.Entities), Mentions: len(d.Mentions), Quotes: len(d.Quotes)}
	if w.dir != "" {
		e.Href = w.fileName(d.ID)
		w.toc = append(w.toc, e)
		return w.writeFile(e.Href, headData{Title: titleOf(d.ID), Back: IndexFile}, func(out io.Writer) error {
			return tmpl.ExecuteTemplate(out, "section", r.view())
		})
	}
	w.toc = append(w.toc, e)
	return w.section(func(out io.Writer) error { return tmpl.ExecuteTemplate(out, "section", r.view()) })
}

// AddError writes the record of a document that could not be processed: its
// id and the error. In a directory it has no page; index.html lists it.
func (w *Writer) AddError(id string, err error) error {
	if e := w.check(); e != nil {
		return e
	}
	msg := "unknown error"
	if err != nil {
		msg = err.Error()
	}
	w.n++
	e := tocEntry{N: w.n, ID: id, Err: msg, Href: "#" + docAnchor(w.n)}
	if w.dir != "" {
		e.Href = ""
		w.toc = append(w.toc, e)
		return nil
	}
	w.toc = append(w.toc, e)
	return w.section(func(out io.Writer) error { return tmpl.ExecuteTemplate(out, "error", e) })
}

// Close ends the page (one page), or writes index.html (a directory).
// Calling Close again returns nil without writing.
func (w *Writer) Close() error {
	if w.closed {
		return w.err
	}
	if w.err != nil {
		w.closed = true
		return w.err
	}
	w.closed = true
	if w.dir != "" {
		w.err = w.writeFile(IndexFile, headData{Title: countTitle(len(w.toc)), Multi: false}, func(out io.Writer) error {
			return tmpl.ExecuteTemplate(out, "index", w.toc)
		})
		return w.err
	}
	if !w.begun { // zero or one document
		title := "quidit: no documents"
		if len(w.toc) == 1 {
			title = titleOf(w.toc[0].ID)
		}
		w.write(func(out io.Writer) error { return tmpl.ExecuteTemplate(out, "head", headData{Title: title}) })
		if w.first != nil {
			w.write(func(out io.Writer) error { _, err := out.Write(w.first.Bytes()); return err })
			w.first = nil
		} else {
			w.write(func(out io.Writer) error { return tmpl.ExecuteTemplate(out, "empty", nil) })
		}
		w.write(func(out io.Writer) error { return tmpl.ExecuteTemplate(out, "tail", nil) })
		return w.err
	}
	w.write(func(out io.Writer) error { return tmpl.ExecuteTemplate(out, "tail", w.toc) })
	return w.err
}

func (w *Writer) check() error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return errClosed
	}
	return nil
}

// section writes a section of the one page, holding the first one back until
// it is known whether the page has one document or several.
func (w *Writer) section(render func(io.Writer) error) error {
	switch {
	case w.n == 1:
		w.first = new(bytes.Buffer)
		if err := render(w.first); err != nil {
			w.err = err
		}
		return w.err
	case !w.begun:
		w.begun = true
		w.write(func(out io.Writer) error {
			return tmpl.ExecuteTemplate(out, "head", headData{Title: "quidit: several documents", Multi: true})
		})
		w.write(func(out io.Writer) error { _, err := out.Write(w.first.Bytes()); return err })
		w.first = nil
	}
	w.write(render)
	return w.err
}

// write runs f on the output unless an earlier write failed.
func (w *Writer) write(f func(io.Writer) error) {
	if w.err == nil {
		w.err = f(w.out)
	}
}

// writeFile writes a whole page to name in the directory.
func (w *Writer) writeFile(name string, head headData, body func(io.Writer) error) error {
	f, err := os.Create(filepath.Join(w.dir, name))
	if err != nil {
		w.err = err
		return err
	}
	bw := bufio.NewWriter(f)
	err = tmpl.ExecuteTemplate(bw, "head", head)
	if err == nil {
		err = body(bw)
	}
	if err == nil {
		err = tmpl.ExecuteTemplate(bw, "tail", nil)
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	w.err = err
	return err
}

// fileName returns a new file name for a document id.
func (w *Writer) fileName(id string) string {
	base := fileSafe(id)
	name := base
	for k := 2; w.used[strings.ToLower(name)]; k++ {
		name = base + "-" + strconv.Itoa(k)
	}
	w.used[strings.ToLower(name)] = true
	return name + ".html"
}

// fileSafe maps a document id to a file name stem: its last path element
// without extension, with letters, digits, '-', '_' and '.' kept and other
// runs replaced by '-'.
func fileSafe(id string) string {
	if i := strings.LastIndexAny(id, `/\`); i >= 0 && i < len(id)-1 {
		id = id[i+1:]
	}
	if stem := strings.TrimSuffix(id, filepath.Ext(id)); stem != "" {
		id = stem
	}
	var b strings.Builder
	dash := false
	for _, c := range id {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' && b.Len() > 0
		switch {
		case ok:
			b.WriteRune(c)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 80 {
			break
		}
	}
	s := strings.TrimRight(b.String(), "-.")
	if s == "" {
		return "doc"
	}
	return s
}

// Write writes docs to w as one page (see NewWriter). A nil document is
// written as an error record.
func Write(w io.Writer, docs []*extract.Doc) error {
	hw := NewWriter(w)
	if err := addAll(hw, docs); err != nil {
		return err
	}
	return hw.Close()
}

// WriteDir writes docs into dir, one page each and an index.html (see
// NewDirWriter). A nil document is listed as an error record.
func WriteDir(dir string, docs []*extract.Doc) error {
	hw, err := NewDirWriter(dir)
	if err != nil {
		return err
	}
	if err := addAll(hw, docs); err != nil {
		return err
	}
	return hw.Close()
}

func addAll(hw *Writer, docs []*extract.Doc) error {
	for i, d := range docs {
		var err error
		if d == nil {
			err = hw.AddError(fmt.Sprintf("#%d", i+1), errors.New("no document"))
		} else {
			err = hw.Add(d)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func titleOf(id string) string {
	if id == "" {
		return "quidit: (no id)"
	}
	return "quidit: " + id
}

func countTitle(n int) string { return "quidit: " + count(n, "document", "documents") }

// count returns "1 entity", "2 entities".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Entity types: label and legend name; other types get the grey style and
// their own name as label.
var typeLabels = map[extract.EntityType]string{
	lexicon.Person:       "PER",
	lexicon.Country:      "CTRY",
	lexicon.Location:     "LOC",
	lexicon.Organization: "ORG",
	lexicon.Base:         "BASE",
}

func typeLabel(t extract.EntityType) string {
	if l, ok := typeLabels[t]; ok {
		return l
	}
	return string(t)
}

// legend lists the entity types in lexicon order.
func legend() []legendItem {
	var out []legendItem
	for _, t := range lexicon.Types {
		if t.IsEntity() {
			out = append(out, legendItem{Type: string(t), Class: "t-" + classSafe(string(t)), Label: typeLabel(t)})
		}
	}
	return out
}

type legendItem struct{ Type, Class, Label string }

// headData is what the page head shows.
type headData struct {
	Title string
	Multi bool   // several documents: layout with a table of contents
	Back  string // link back to the index, in a directory
}

func (headData) Legend() []legendItem { return legend() }

//go:embed style.css
var styleCSS string

var tmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	"css":   func() template.CSS { return template.CSS(styleCSS) },
	"count": count,
}).Parse(pageTemplates))
