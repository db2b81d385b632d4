package extract

import (
	"hash/maphash"
	"strings"
	"sync/atomic"

	"github.com/kljensen/snowball/french"
)

// Stemmer sets Token.Stem with the snowball French stemmer
// (github.com/kljensen/snowball/french) on the lower-cased Norm of each word.
// Stems are cached in a bounded, direct-mapped cache read without locks; a
// Stemmer is safe for concurrent use.
type Stemmer struct {
	seed  maphash.Seed
	slots []atomic.Pointer[stemEntry] // stemSlots slots; a new entry replaces the old one
}

// stemSlots is the number of cache slots (a power of two).
const stemSlots = 1 << 16

// stemEntry is a cached stem: immutable once stored.
type stemEntry struct {
	word string // Norm as written
	stem string
}

// NewStemmer returns a stemmer with an empty cache.
func NewStemmer() *Stemmer {
	return &Stemmer{seed: maphash.MakeSeed(), slots: make([]atomic.Pointer[stemEntry], stemSlots)}
}

// Stem sets the Stem of every Word token of d.
func (s *Stemmer) Stem(d *Doc) {
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind != Word {
			continue
		}
		t.Stem = s.StemWord(t.Norm)
	}
}

// StemWord returns the snowball French stem of the lower case of w, a
// normalised form (Token.Norm).
func (s *Stemmer) StemWord(w string) string {
	slot := &s.slots[maphash.String(s.seed, w)&(stemSlots-1)]
	if e := slot.Load(); e != nil && e.word == w {
		return e.stem
	}
	st := french.Stem(strings.ToLower(w), true)
	// w may be a substring of a document: copy it, with the stem, so that
	// the cache does not keep the document alive.
	buf := w + st
	e := &stemEntry{word: buf[:len(w)], stem: buf[len(w):]}
	slot.Store(e)
	return e.stem
}
