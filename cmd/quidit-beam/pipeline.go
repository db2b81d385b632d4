package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/extract/batch"
	"github.com/quidit/quidit/lexicon"
)

func init() {
	register.DoFn3x1[context.Context, fileio.ReadableFile, func(Record), error](&readFn{})
	register.Emitter1[Record]()
	register.DoFn4x0[context.Context, Record, func(string), func(string)](&extractFn{})
	register.Emitter1[string]()
	register.DoFn2x0[string, func(int, string)](&shardFn{})
	register.Emitter2[int, string]()
	register.DoFn3x1[context.Context, int, func(*string) bool, error](&writeShardFn{})
	register.Iter1[string]()
}

// Namespace is the Beam metrics namespace of the pipeline's counters.
const Namespace = "quidit"

// Counter names (namespace Namespace). Entities are also counted by type, as
// "entities.PER", "entities.LOC" and so on.
const (
	CounterArticles  = "articles"   // records read, good or bad (blank lines are not records)
	CounterBytes     = "bytes"      // bytes read from the inputs, as stored (compressed)
	CounterTextBytes = "text_bytes" // bytes of the texts and titles analysed
	CounterErrors    = "errors"     // error records written
	CounterQuotes    = "quotes"     // quotes found in the texts
	CounterEntities  = "entities"   // entities found in the texts, all types
	CounterBuilds    = "extractors" // extractors built: one per worker process
)

// LexiconFile is a lexicon file read on the machine that submits the job and
// shipped inside the pipeline, so that workers need no access to it.
type LexiconFile struct {
	Name string `json:"name"` // the path given on the command line, for messages
	Data []byte `json:"data"`
}

// Config is what a worker needs to decode records and build the extractor:
// the CLI's batch options, with the lexicon files' contents instead of their
// paths. It travels serialised inside the DoFn.
type Config struct {
	Batch    batch.Options `json:"batch"` // JSONL set; LexiconPaths unused (see Lexicons)
	Lexicons []LexiconFile `json:"lexicons"`
}

// NewConfig returns the config of o, reading the lexicon files o names, and
// checks that the lexicon builds, so that a bad file fails at submission
// rather than on every worker.
func NewConfig(o batch.Options) (*Config, error) {
	o.JSONL = true
	if err := o.Validate(); err != nil {
		return nil, err
	}
	c := &Config{Batch: o}
	for _, p := range o.LexiconPaths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		c.Lexicons = append(c.Lexicons, LexiconFile{Name: p, Data: data})
	}
	c.Batch.LexiconPaths = nil
	if _, err := c.newExtractor(); err != nil {
		return nil, err
	}
	return c, nil
}

// key identifies the extractor a config builds.
func (c *Config) key() string {
	b, _ := json.Marshal(c)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// newExtractor builds the lexicon as lexicon.Load does (the default unless
// left out, then the files in order, a later entry replacing an earlier one
// of the same type and id) and the extractor over it, as
// batch.Options.Extractor does.
func (c *Config) newExtractor() (*extract.Extractor, error) {
	lex := lexicon.New()
	if !c.Batch.NoDefaultLexicon {
		d, err := lexicon.Default()
		if err != nil {
			return nil, err
		}
		lex = d
		if len(c.Lexicons) > 0 {
			lex = d.Clone()
		}
	}
	for _, f := range c.Lexicons {
		es, err := lexicon.Parse(bytes.NewReader(f.Data), f.Name)
		if err != nil {
			return nil, err
		}
		lex.Add(es...)
	}
	return extract.New(lex, extract.LexiconOnly(c.Batch.LexiconOnly), extract.MaxBytes(c.Batch.MaxBytes))
}

// extractors holds the extractors built in this process, by config key: a
// runner may make many instances of a DoFn in one worker process (one per
// bundle processor), and they share one lexicon and matcher.
var extractors = struct {
	sync.Mutex
	m map[string]*extract.Extractor
}{m: map[string]*extract.Extractor{}}

// extractorFor returns the process's extractor for c, building it on first
// use; built reports whether this call built it.
func extractorFor(c *Config) (x *extract.Extractor, built bool, err error) {
	k := c.key()
	extractors.Lock()
	defer extractors.Unlock()
	if x := extractors.m[k]; x != nil {
		return x, false, nil
	}
	x, err = c.newExtractor()
	if err != nil {
		return nil, false, err
	}
	extractors.m[k] = x
	return x, true, nil
}

// Record is one input record as the CLI's reader (batch.Reader) decodes it,
// in a form Beam can encode: the error is kept as its message.
type Record struct {
	ID     string // the JSONL id, else Where
	Where  string // "NAME:LINE", NAME as the file system names the file
	Text   string
	Title  string
	Failed bool   // the record could not be read
	Err    string // why, when Failed
}

func newRecord(r batch.Record) Record {
	rec := Record{ID: r.ID, Where: r.Where, Text: r.Text, Title: r.Title}
	if r.Err != nil {
		rec.Failed, rec.Err = true, r.Err.Error()
	}
	return rec
}

func (r *Record) batch() batch.Record {
	rec := batch.Record{ID: r.ID, Where: r.Where, Text: r.Text, Title: r.Title}
	if r.Failed {
		rec.Err = errors.New(r.Err)
	}
	return rec
}

// readFn reads the records of one file with the CLI's reader: compression
// recognised by content (gzip, zstd), lines numbered, blank lines skipped,
// over-long lines and read errors turned into error records. A file is read
// by one worker from start to end (gzip cannot be split, and line numbers
// need the lines before); Build reshuffles the records to spread the
// extraction.
type readFn struct {
	Batch batch.Options `json:"batch"`
}

func (f *readFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(Record)) error {
	articles := beam.NewCounter(Namespace, CounterArticles)
	stored := beam.NewCounter(Namespace, CounterBytes)
	name := file.Metadata.Path
	rc, err := file.Open(ctx) // ReadUncompressed: the bytes as stored
	if err != nil {
		// A file that cannot be opened is one error record, as in the CLI
		// (its message is the file system's, which may differ).
		articles.Inc(ctx, 1)
		emit(Record{ID: name, Where: name, Failed: true, Err: err.Error()})
		return nil
	}
	defer rc.Close()
	cr := &countingReader{r: rc}
	rd, err := batch.NewReader(cr, name, &f.Batch)
	if err != nil {
		articles.Inc(ctx, 1)
		emit(Record{ID: name, Where: name, Failed: true, Err: err.Error()})
		return nil
	}
	defer rd.Close()
	for {
		rec, ok := rd.Next()
		if !ok {
			break
		}
		articles.Inc(ctx, 1)
		emit(newRecord(rec))
	}
	stored.Inc(ctx, cr.n)
	return nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// extractFn turns one record into a result record or an error record, as
// the CLI does (batch.Process and Result.WriteJSON). A bad record becomes an
// error record, never a failed bundle.
type extractFn struct {
	Cfg Config `json:"cfg"`

	x        *extract.Extractor
	built    bool
	counters map[string]beam.Counter
}

// Setup takes the process's extractor, building it the first time: once per
// worker, not once per article.
func (f *extractFn) Setup() error {
	x, built, err := extractorFor(&f.Cfg)
	if err != nil {
		return err
	}
	f.x, f.built = x, built
	f.counters = map[string]beam.Counter{}
	return nil
}

func (f *extractFn) inc(ctx context.Context, name string, n int64) {
	c, ok := f.counters[name]
	if !ok {
		c = beam.NewCounter(Namespace, name)
		f.counters[name] = c
	}
	c.Inc(ctx, n)
}

// ProcessElement extracts one record.
func (f *extractFn) ProcessElement(ctx context.Context, rec Record, emit, emitErr func(string)) {
	if f.built {
		// Counted here, where metrics have a bundle to count in.
		f.inc(ctx, CounterBuilds, 1)
		f.built = false
	}
	res := batch.Process(f.x, rec.batch())
	line := res.Line(false)
	out := string(line[:len(line)-1]) // without its newline
	batch.FreeLine(line)
	if res.Failed() {
		f.inc(ctx, CounterErrors, 1)
		emitErr(out)
		return
	}
	f.inc(ctx, CounterTextBytes, int64(len(rec.Text)+len(rec.Title)))
	f.inc(ctx, CounterQuotes, int64(len(res.Doc.Quotes)))
	f.inc(ctx, CounterEntities, int64(len(res.Doc.Entities)))
	for _, e := range res.Doc.Entities {
		f.inc(ctx, CounterEntities+"."+string(e.Type), 1)
	}
	emit(out)
}

// Options are the pipeline's options: the input, the outputs and the
// extraction config.
type Options struct {
	Input     string // glob of JSONL dumps
	Output    string // result records
	Errors    string // error records; empty: with the results in Output
	Shards    int    // output files per output (<= 1: exactly the named file)
	Reshuffle bool   // spread the records over the workers after reading
	Config    *Config
}

// Build adds the pipeline to s: match the files, read their records, extract,
// write.
func Build(s beam.Scope, o *Options) {
	rs := s.Scope("read")
	files := fileio.ReadMatches(rs, fileio.MatchFiles(rs, o.Input, fileio.MatchEmptyDisallow()), fileio.ReadUncompressed())
	recs := beam.ParDo(rs, &readFn{Batch: o.Config.Batch}, files)
	if o.Reshuffle {
		recs = beam.Reshuffle(s.Scope("reshuffle"), recs)
	}
	docs, errs := beam.ParDo2(s.Scope("extract"), &extractFn{Cfg: *o.Config}, recs)
	if o.Errors == "" {
		write(s.Scope("write"), o.Output, o.Shards, beam.Flatten(s, docs, errs))
		return
	}
	write(s.Scope("write"), o.Output, o.Shards, docs)
	write(s.Scope("write-errors"), o.Errors, o.Shards, errs)
}

// write writes the lines of col to filename with textio.Write, or to n shards
// named after it (see ShardName) when n > 1.
func write(s beam.Scope, filename string, n int, col beam.PCollection) {
	if n <= 1 {
		textio.Write(s, filename, col)
		return
	}
	filesystem.ValidateScheme(filename)
	keyed := beam.ParDo(s, &shardFn{N: n}, col)
	beam.ParDo0(s, &writeShardFn{Filename: filename, N: n}, beam.GroupByKey(s, keyed))
}

// ShardName returns the name of shard i of n of filename: out-00001-of-00004.jsonl
// for out.jsonl (and .jsonl.gz, a name only: the shards are not compressed).
func ShardName(filename string, i, n int) string {
	ext := filepath.Ext(filename)
	if ext == ".gz" {
		ext = filepath.Ext(strings.TrimSuffix(filename, ext)) + ext
	}
	return fmt.Sprintf("%s-%05d-of-%05d%s", strings.TrimSuffix(filename, ext), i, n, ext)
}

// shardFn keys each line by a hash of its content, spreading the lines over
// N shards deterministically.
type shardFn struct {
	N int `json:"n"`
}

func (f *shardFn) ProcessElement(line string, emit func(int, string)) {
	h := fnv.New32a()
	h.Write([]byte(line))
	emit(int(h.Sum32()%uint32(f.N)), line)
}

// writeShardFn writes the lines of one shard to its file.
type writeShardFn struct {
	Filename string `json:"filename"`
	N        int    `json:"n"`
}

func (f *writeShardFn) ProcessElement(ctx context.Context, shard int, lines func(*string) bool) error {
	name := ShardName(f.Filename, shard, f.N)
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fs.Close()
	fd, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(fd, 1<<20)
	var line string
	for lines(&line) {
		w.WriteString(line)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		fd.Close()
		return err
	}
	return fd.Close()
}
