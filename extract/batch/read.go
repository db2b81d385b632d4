package batch

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// Stdin is the name of standard input among the inputs.
const Stdin = "-"

// Input is one file to read, or standard input.
type Input struct {
	Name string // the path as given or found while walking a directory, or Stdin
	Size int64  // size in bytes (compressed, as stored), or -1 when unknown
	Err  error  // non-nil: the input cannot be read (it yields one error record)
}

// Inputs expands command-line arguments into inputs, in order. No argument,
// or "-", is standard input. A directory is walked in lexical order; names
// starting with "." are skipped there (.git, .DS_Store). Anything else is a
// file. A problem (a missing file, an unreadable directory) becomes an input
// with Err set, in its place, so that it yields an error record in order.
func Inputs(args []string) []Input {
	if len(args) == 0 {
		return []Input{{Name: Stdin, Size: -1}}
	}
	var ins []Input
	for _, a := range args {
		if a == Stdin {
			ins = append(ins, Input{Name: Stdin, Size: -1})
			continue
		}
		fi, err := os.Stat(a)
		if err != nil {
			ins = append(ins, Input{Name: a, Size: -1, Err: pathError(err)})
			continue
		}
		if !fi.IsDir() {
			ins = append(ins, Input{Name: a, Size: fi.Size()})
			continue
		}
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				ins = append(ins, Input{Name: p, Size: -1, Err: pathError(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if p != a && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			fi, err := os.Stat(p) // follows symbolic links
			switch {
			case err != nil:
				ins = append(ins, Input{Name: p, Size: -1, Err: pathError(err)})
			case fi.Mode().IsRegular():
				ins = append(ins, Input{Name: p, Size: fi.Size()})
			}
			return nil
		})
		if err != nil {
			ins = append(ins, Input{Name: a, Size: -1, Err: pathError(err)})
		}
	}
	return ins
}

// pathError drops the operation and path from a *fs.PathError: the input's
// name is printed beside the message already.
func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Decompress returns a reader of the content of r: r itself, or its
// decompression when it starts with the magic number of gzip (1f 8b) or zstd
// (28 b5 2f fd). Call close when done.
func Decompress(r io.Reader) (rd io.Reader, close func(), err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(magic, []byte{0x1f, 0x8b}):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, fmt.Errorf("gzip: %v", trimPrefix(err, "gzip: "))
		}
		return zr, func() { zr.Close() }, nil
	case bytes.HasPrefix(magic, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
		if err != nil {
			return nil, nil, fmt.Errorf("zstd: %v", err)
		}
		return zr, zr.Close, nil
	}
	return br, func() {}, nil
}

func trimPrefix(err error, prefix string) string { return strings.TrimPrefix(err.Error(), prefix) }

// Reader reads the records of one input stream.
type Reader struct {
	name  string
	opts  *Options
	r     io.Reader
	close func()
	br    *bufio.Reader
	line  int
	buf   []byte
	done  bool
}

// NewReader returns a reader of the records of r, named name in ids and
// messages, decompressing it if needed. Call Close when done.
func NewReader(r io.Reader, name string, o *Options) (*Reader, error) {
	rd, close, err := Decompress(r)
	if err != nil {
		return nil, err
	}
	return &Reader{name: name, opts: o, r: rd, close: close}, nil
}

// Close releases the decompressor, if any.
func (r *Reader) Close() { r.close() }

// Next returns the next record, and false at the end of the input. A read
// error ends the input with an error record.
func (r *Reader) Next() (Record, bool) {
	if r.done {
		return Record{}, false
	}
	if !r.opts.JSONL {
		r.done = true
		return r.readAll(), true
	}
	if r.br == nil {
		r.br = bufio.NewReaderSize(r.r, 64<<10)
	}
	for {
		line, tooLong, err := r.readLine()
		if err != nil && err != io.EOF {
			r.done = true
			return failed(Location(r.name, r.line), fmt.Errorf("read error: %v", err)), true
		}
		if tooLong {
			return failed(Location(r.name, r.line), fmt.Errorf("line longer than %d bytes: document over the size limit of %d bytes", maxLine(r.opts.MaxBytes), r.opts.MaxBytes)), true
		}
		if len(bytes.TrimSpace(line)) > 0 {
			if err == io.EOF {
				r.done = true
			}
			return DecodeJSONL(line, Location(r.name, r.line), r.opts), true
		}
		if err == io.EOF {
			r.done = true
			return Record{}, false
		}
	}
}

// readLine reads the next line, up to the line length limit; past it, the
// rest of the line is skipped and tooLong is set. The line is in r.br's
// buffer or in r.buf: it is valid until the next call. err is io.EOF at the
// end of the input (line may still hold a last line without newline).
func (r *Reader) readLine() (line []byte, tooLong bool, err error) {
	r.line++
	limit := maxLine(r.opts.MaxBytes)
	if cap(r.buf) > 1<<20 {
		r.buf = nil // do not keep a huge line's buffer for the small ones
	}
	r.buf = r.buf[:0]
	for first := true; ; first = false {
		chunk, err := r.br.ReadSlice('\n')
		if first && err != bufio.ErrBufferFull && (limit == 0 || len(chunk) <= limit+2) {
			// The whole line is in the reader's buffer: no copy. It stays
			// valid until the next read, and DecodeJSONL copies what it keeps.
			return chunk, false, err
		}
		if !tooLong {
			if limit > 0 && len(r.buf)+len(chunk) > limit+2 { // +2: "\r\n"
				tooLong = true
				r.buf = r.buf[:0]
			} else {
				r.buf = append(r.buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return r.buf, tooLong, err
	}
}

// readAll reads the whole input as one text document, up to the size limit.
func (r *Reader) readAll() Record {
	rd := r.r
	max := r.opts.MaxBytes
	if max > 0 {
		rd = io.LimitReader(rd, int64(max)+1)
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		return failed(r.name, fmt.Errorf("read error: %v", err))
	}
	if max > 0 && len(b) > max {
		return failed(r.name, fmt.Errorf("document over the size limit of %d bytes", max))
	}
	return Record{ID: r.name, Where: r.name, Text: string(b)}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// Records returns the records of the inputs, in order: one error record for an
// input that cannot be opened, else the input's records. stdin is read for
// the input named Stdin. When read is not nil, the bytes read from the inputs
// as stored (before decompression) are added to it as reading goes.
func Records(ins []Input, stdin io.Reader, o *Options, read *atomic.Int64) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		for _, in := range ins {
			if in.Err != nil {
				if !yield(failed(in.Name, in.Err)) {
					return
				}
				continue
			}
			var src io.Reader = stdin
			var f *os.File
			if in.Name != Stdin {
				var err error
				if f, err = os.Open(in.Name); err != nil {
					if !yield(failed(in.Name, pathError(err))) {
						return
					}
					continue
				}
				src = f
			}
			if read != nil {
				src = countingReader{src, read}
			}
			ok := readInput(src, in.Name, o, yield)
			if f != nil {
				f.Close()
			}
			if !ok {
				return
			}
		}
	}
}

// readInput yields the records of one input; it returns false when yield did.
func readInput(src io.Reader, name string, o *Options, yield func(Record) bool) bool {
	rd, err := NewReader(src, name, o)
	if err != nil {
		return yield(failed(name, err))
	}
	defer rd.Close()
	for {
		rec, ok := rd.Next()
		if !ok {
			return true
		}
		if !yield(rec) {
			return false
		}
	}
}
