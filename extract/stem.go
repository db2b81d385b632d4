package extract

import (
	"strings"
	"sync"

	"github.com/kljensen/snowball/french"
)

// Stemmer sets Token.Stem with the snowball French stemmer, caching stems.
type Stemmer struct {
	cache sync.Map // lower-cased Norm → stem
}

// NewStemmer returns a stemmer with an empty cache.
func NewStemmer() *Stemmer { return &Stemmer{} }

// Stem sets the Stem of every word token of d.
func (s *Stemmer) Stem(d *Doc) {
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind != Word {
			continue
		}
		t.Stem = s.stem(t.Norm)
	}
}

func (s *Stemmer) stem(w string) string {
	lw := strings.ToLower(w)
	if v, ok := s.cache.Load(lw); ok {
		return v.(string)
	}
	st := french.Stem(lw, true)
	s.cache.Store(lw, st)
	return st
}
