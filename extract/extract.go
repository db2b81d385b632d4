package extract

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/quidit/quidit/lexicon"
)

// Options tune an Extractor. The zero value is the default pipeline.
type Options struct {
	// LexiconOnly turns off recognition beyond the lexicon: only names the
	// lexicon holds (and their in-document short forms) become entities.
	LexiconOnly bool
	// MaxBytes rejects larger documents (0: no limit).
	MaxBytes int
	// Stems adds the stemming stage: Doc.Stems holds the snowball French
	// stem of every word. No later stage reads stems (the matcher and the
	// recogniser compare folded keys), so the default pipeline skips it.
	Stems bool
}

// Option sets an option of New.
type Option func(*Options)

// LexiconOnly turns off recognition beyond the lexicon.
func LexiconOnly(on bool) Option { return func(o *Options) { o.LexiconOnly = on } }

// MaxBytes rejects documents larger than n bytes (0: no limit).
func MaxBytes(n int) Option { return func(o *Options) { o.MaxBytes = n } }

// Stems turns on the stemming stage (Doc.Stems).
func Stems(on bool) Option { return func(o *Options) { o.Stems = on } }

// Extractor runs the pipeline. Build it once with New; it is safe for
// concurrent use by many goroutines.
type Extractor struct {
	opts Options
	lex  *lexicon.Lexicon

	segmenter  *Segmenter
	tokenizer  *Tokenizer
	stemmer    *Stemmer // nil unless Options.Stems
	matcher    *Matcher
	recognizer *Recognizer
	grouper    *Grouper
	quotes     *QuoteFinder
}

// New builds an Extractor over lex. The stages, in the order Extract runs them:
// segment into sentences, tokenize (with normalised forms), stem (only with
// the Stems option), match the lexicon, recognise other names, group mentions into entities, find quotes
// and their speakers.
func New(lex *lexicon.Lexicon, opts ...Option) (*Extractor, error) {
	if lex == nil {
		return nil, errors.New("extract: nil lexicon")
	}
	x := &Extractor{lex: lex}
	for _, o := range opts {
		o(&x.opts)
	}
	x.segmenter = NewSegmenter()
	x.tokenizer = NewTokenizer()
	if x.opts.Stems {
		x.stemmer = NewStemmer()
	}
	x.matcher = NewMatcher(lex, x.tokenizer)
	x.recognizer = NewRecognizer(lex, x.matcher)
	if err := x.recognizer.Err(); err != nil && !x.opts.LexiconOnly {
		return nil, fmt.Errorf("extract: name recogniser: %w", err)
	}
	x.grouper = NewGrouper()
	x.quotes = NewQuoteFinder(lex, x.matcher)
	return x, nil
}

// Lexicon returns the lexicon the extractor was built with.
func (x *Extractor) Lexicon() *lexicon.Lexicon { return x.lex }

// Matcher returns the extractor's lexicon matcher.
func (x *Extractor) Matcher() *Matcher { return x.matcher }

// Extract analyses text. It returns an error, and no document, when the text
// cannot be processed (invalid UTF-8, NUL bytes, too large).
func (x *Extractor) Extract(id, text string) (*Doc, error) {
	if err := x.check(text, true); err != nil {
		return nil, err
	}
	return x.extract(id, text), nil
}

// ExtractValidUTF8 is Extract for a text the caller has found to be valid
// UTF-8, as the batch reader does with every JSONL line it decodes: it
// checks the rest (NUL bytes, size) but not the encoding again. On a text
// that is not valid UTF-8 its offsets may be wrong: call Extract.
func (x *Extractor) ExtractValidUTF8(id, text string) (*Doc, error) {
	if err := x.check(text, false); err != nil {
		return nil, err
	}
	return x.extract(id, text), nil
}

// extract runs the pipeline on a checked text.
func (x *Extractor) extract(id, text string) *Doc {
	d := newDoc(id, text)
	d.valid = true
	x.segmenter.Segment(d)
	x.tokenizer.Tokenize(d)
	if x.stemmer != nil {
		d.Stems = x.stemmer.Stem(d)
	}
	x.matcher.Match(d)
	if !x.opts.LexiconOnly {
		x.recognizer.Recognize(d)
	}
	x.grouper.Group(d)
	x.quotes.Find(d)
	return d
}

// check returns why text cannot be processed (its size, its encoding when
// encoding is set, a NUL byte), or nil.
func (x *Extractor) check(text string, encoding bool) error {
	if x.opts.MaxBytes > 0 && len(text) > x.opts.MaxBytes {
		return fmt.Errorf("document is %d bytes, more than the limit of %d", len(text), x.opts.MaxBytes)
	}
	if encoding && !utf8.ValidString(text) {
		for i := 0; i < len(text); {
			r, n := utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && n == 1 {
				return fmt.Errorf("invalid UTF-8 at byte %d", i)
			}
			i += n
		}
	}
	if i := strings.IndexByte(text, 0); i >= 0 {
		return fmt.Errorf("NUL byte at byte %d: binary data, not text", i)
	}
	return nil
}

// docPool keeps released documents, whose slices the stages fill again.
var docPool sync.Pool

// maxPooledTokens bounds the documents kept for reuse: the arrays of a huge
// document are left to the garbage collector.
const maxPooledTokens = 1 << 16

// newDoc returns an empty document for text, reusing a released one's
// storage when there is one.
func newDoc(id, text string) *Doc {
	d, _ := docPool.Get().(*Doc)
	if d == nil {
		return &Doc{ID: id, Text: text}
	}
	d.ID, d.Text = id, text
	return d
}

// Release hands d back to the extractor for reuse by a later Extract, which
// saves allocating and collecting its arrays. Neither d nor anything taken
// from it (its tokens, mentions, entities, quotes …) may be used after the
// call. Calling Release is optional.
func (d *Doc) Release() {
	if d == nil || cap(d.Tokens) > maxPooledTokens {
		return
	}
	// Zeroed, so that the pool holds no strings of this document. The
	// tokenizer writes exactly Tokens[:len(Tokens)], so the tokens past
	// them are still zero from the last Release: only those in use are
	// cleared (up to the capacity, the largest document's, cost ~1% of the
	// pipeline).
	*d = Doc{
		Sentences: d.Sentences[:0],
		Tokens:    clear0(d.Tokens),
		Mentions:  cleared(d.Mentions),
		Entities:  cleared(d.Entities),
		Quotes:    cleared(d.Quotes),
		ids:       d.ids[:0],
		keys:      d.keys[:0],
	}
	docPool.Put(d)
}

// clear0 zeroes s up to its length and returns it empty.
func clear0[T any](s []T) []T {
	clear(s)
	return s[:0]
}

// cleared zeroes s up to its capacity and returns it empty.
func cleared[T any](s []T) []T {
	clear(s[:cap(s)])
	return s[:0]
}
