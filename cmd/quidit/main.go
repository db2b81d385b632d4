// Command quidit reads French news and writes, as JSON, who is mentioned and
// who said what.
//
//	quidit [flags] [FILE|DIR|-]...
//	quidit eval ...
//	quidit lexicon ...
//
// Run quidit --help for the flags, the output and examples.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/quidit/quidit/extract/batch"
)

// Exit codes.
const (
	exitOK      = 0 // every record was processed
	exitFailure = 1 // an input or a record failed, or the output could not be written
	exitUsage   = 2 // bad command line
)

// version is set at link time: -ldflags "-X main.version=v1.2.3".
var version = "devel"

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// run runs the command line args and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "eval":
			return runEval(args[1:], stdin, stdout, stderr)
		case "lexicon":
			return runLexicon(args[1:], stdin, stdout, stderr)
		}
	}
	o, err := parseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "quidit: %v\nRun 'quidit --help' for usage.\n", err)
		return exitUsage
	}
	switch {
	case o.help:
		writeHelp(stdout)
		return exitOK
	case o.version:
		fmt.Fprintf(stdout, "quidit %s (%s %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return exitOK
	}
	return extractAll(o, stdin, stdout, stderr)
}

// item is the outcome of one record, as the workers leave it for the writer.
type item struct {
	res       batch.Result // Doc and Title are dropped once encoded as JSON
	json      []byte       // the output record (--format json)
	textBytes int          // size of the record's text
}

// isDir reports whether path names a directory, or ends with a slash.
func isDir(path string) bool {
	if path == "" {
		return false
	}
	if os.IsPathSeparator(path[len(path)-1]) {
		return true
	}
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// sameFile returns the name of the input that is the file at path, or "".
func sameFile(path string, ins []batch.Input) string {
	out, err := os.Stat(path)
	if err != nil {
		return ""
	}
	for _, in := range ins {
		if in.Name == batch.Stdin || in.Err != nil {
			continue
		}
		if fi, err := os.Stat(in.Name); err == nil && os.SameFile(out, fi) {
			return in.Name
		}
	}
	return ""
}

// extractAll runs the extractor over the inputs of o and writes the output.
func extractAll(o *options, stdin io.Reader, stdout, stderr io.Writer) int {
	x, err := o.batch.Extractor()
	if err != nil {
		fmt.Fprintf(stderr, "quidit: %v\n", err)
		return exitFailure
	}
	ins := batch.Inputs(o.inputs)
	out := stdout
	var file *os.File
	htmlDir := o.format == "html" && isDir(o.output)
	if o.output != "" && !htmlDir {
		if in := sameFile(o.output, ins); in != "" {
			fmt.Fprintf(stderr, "quidit: the output %s is the input %s: it would be emptied before it is read\n", o.output, in)
			return exitUsage
		}
		if file, err = os.Create(o.output); err != nil {
			fmt.Fprintf(stderr, "quidit: %v\n", err)
			return exitFailure
		}
		out = file
	}
	w := bufio.NewWriterSize(out, 64<<10)
	var html *htmlOutput
	if o.format == "html" {
		dir := ""
		if htmlDir {
			dir = o.output
		}
		if html, err = newHTMLOutput(w, dir); err != nil {
			fmt.Fprintf(stderr, "quidit: %v\n", err)
			return exitFailure
		}
	}

	total := int64(0)
	for _, in := range ins {
		if in.Size < 0 {
			total = -1
			break
		}
		total += in.Size
	}
	// The progress line shows on a terminal, unless the output goes to the
	// same screen.
	auto := !o.quiet && isTerminal(stderr) && (o.output != "" || !isTerminal(stdout))
	prog := newProgress(stderr, o.progress || auto, total)

	work := func(rec batch.Record) item {
		it := item{res: batch.Process(x, rec), textBytes: len(rec.Text) + len(rec.Title)}
		if o.format == "json" {
			it.json = it.res.Line(o.pretty)
			it.res.Release() // the documents' arrays go to the next records
		}
		return it
	}
	anyFailed := false
	emit := func(it item) error {
		if it.res.Failed() {
			anyFailed = true
			prog.printf("quidit: %s: %v\n", it.res.Where, it.res.Err)
		}
		prog.add(it.textBytes, it.res.Failed())
		if o.format == "json" {
			_, err := w.Write(it.json)
			batch.FreeLine(it.json) // its buffer goes to the next records
			return err
		}
		return html.add(&it.res)
	}
	workers := o.workers
	err = batch.Ordered(batch.Records(ins, stdin, &o.batch, &prog.read), workers, batch.Window(workers), work, emit)
	if o.format == "html" {
		if cerr := html.close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	prog.finish(o.quiet)
	if err != nil {
		fmt.Fprintf(stderr, "quidit: write error: %v\n", err)
		return exitFailure
	}
	if anyFailed {
		return exitFailure
	}
	return exitOK
}
