package extract

import (
	"hash/maphash"
	"strings"
	"sync"

	"github.com/kljensen/snowball/french"
)

// Stemmer sets Token.Stem with the snowball French stemmer
// (github.com/kljensen/snowball/french) on the lower-cased Norm of each word.
// Stems are cached in a bounded cache; a Stemmer is safe for concurrent use.
type Stemmer struct {
	seed   maphash.Seed
	shards [stemShards]stemShard
}

const (
	stemShards   = 16
	stemShardMax = 4096 // entries per shard; a full shard is emptied
)

type stemShard struct {
	mu sync.RWMutex
	m  map[string]string // Norm as written → stem
}

// NewStemmer returns a stemmer with an empty cache.
func NewStemmer() *Stemmer { return &Stemmer{seed: maphash.MakeSeed()} }

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
	sh := &s.shards[maphash.String(s.seed, w)%stemShards]
	sh.mu.RLock()
	st, ok := sh.m[w]
	sh.mu.RUnlock()
	if ok {
		return st
	}
	st = strings.Clone(french.Stem(strings.ToLower(w), true))
	sh.mu.Lock()
	if sh.m == nil || len(sh.m) >= stemShardMax {
		sh.m = make(map[string]string, 256)
	}
	// w may be a substring of a document: copy it so that the cache does not
	// keep the document alive.
	sh.m[strings.Clone(w)] = st
	sh.mu.Unlock()
	return st
}
