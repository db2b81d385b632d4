package extract

import (
	"hash/maphash"
	"strings"
	"sync/atomic"

	"github.com/kljensen/snowball/french"
)

// Stemmer stems words with the snowball French stemmer
// (github.com/kljensen/snowball/french), on the lower-cased Norm of each
// word. It is not a stage of the Extractor, whose stages compare keys (see
// Matcher), not stems: call it on the documents that need stems.
// Stems are cached in a bounded two-way set-associative cache read without
// locks; a Stemmer is safe for concurrent use.
type Stemmer struct {
	seed  maphash.Seed
	slots []atomic.Pointer[stemEntry] // stemSlots slots, two per set; a new entry replaces an old one
}

// stemSlots is the number of cache slots (a power of two).
const stemSlots = 1 << 17

// stemEntry is a cached stem: immutable once stored.
type stemEntry struct {
	word string // Norm as written
	stem string
}

// NewStemmer returns a stemmer with an empty cache.
func NewStemmer() *Stemmer {
	return &Stemmer{seed: maphash.MakeSeed(), slots: make([]atomic.Pointer[stemEntry], stemSlots)}
}

// stemBatch is how many tokens Stem looks up at a time.
const stemBatch = 32

// Stem returns the stems of d's tokens: stems[i] is the stem of
// d.Tokens[i], "" unless it is a Word.
//
// The cache is read in batches: first the slots of a batch of words, then
// their entries, so that the memory loads of one batch overlap rather than
// wait for one another.
func (s *Stemmer) Stem(d *Doc) []string {
	var sets [stemBatch][2]*stemEntry
	var hs [stemBatch]uint64
	toks := d.Tokens
	stems := make([]string, len(toks))
	for lo := 0; lo < len(toks); lo += stemBatch {
		hi := min(lo+stemBatch, len(toks))
		for i := lo; i < hi; i++ {
			if toks[i].Kind != Word {
				continue
			}
			h := maphash.String(s.seed, toks[i].Norm)
			set := s.slots[h&(stemSlots-1)&^1:][:2]
			hs[i-lo] = h
			sets[i-lo] = [2]*stemEntry{set[0].Load(), set[1].Load()}
		}
		for i := lo; i < hi; i++ {
			t := &toks[i]
			if t.Kind != Word {
				continue
			}
			if e := sets[i-lo][0]; e != nil && e.word == t.Norm {
				stems[i] = e.stem
			} else if e := sets[i-lo][1]; e != nil && e.word == t.Norm {
				stems[i] = e.stem
			} else {
				stems[i] = s.stemHash(t.Norm, hs[i-lo])
			}
		}
	}
	return stems
}

// StemWord returns the snowball French stem of the lower case of w, a
// normalised form (Token.Norm).
func (s *Stemmer) StemWord(w string) string {
	return s.stemHash(w, maphash.String(s.seed, w))
}

// stemHash is StemWord for w of hash h.
func (s *Stemmer) stemHash(w string, h uint64) string {
	set := s.slots[h&(stemSlots-1)&^1:][:2]
	e0 := set[0].Load()
	if e0 != nil && e0.word == w {
		return e0.stem
	}
	e1 := set[1].Load()
	if e1 != nil && e1.word == w {
		return e1.stem
	}
	st := french.Stem(strings.ToLower(w), true)
	// w may be a substring of a document: copy it, with the stem, so that
	// the cache does not keep the document alive.
	buf := w + st
	e := &stemEntry{word: buf[:len(w)], stem: buf[len(w):]}
	switch {
	case e0 == nil:
		set[0].Store(e)
	case e1 == nil:
		set[1].Store(e)
	default:
		set[h>>32&1].Store(e)
	}
	return e.stem
}
