package extract

import (
	mbits "math/bits"
	"strings"
)

// keyClasses maps the keys of word lists to their class bits: an
// open-addressing table on a hash of the key, the hashes alone (0 is empty)
// with the keys and their classes beside them, read only when a hash matches,
// and a bit filter in front that turns most other keys away. Each pipeline
// stage that tests words against lists builds one (the recogniser's
// wordClasses, the quote finder's quoteWords) and looks a token's key up once.
type keyClasses[C ~uint32] struct {
	filter [64]uint64 // bit h>>52 is set for the hash h of every key
	hs     []uint64
	keys   []string
	cls    []C
	shift  uint // slot = h >> shift
	mask   uint64
	maxLen int // the longest key: longer ones are in no list
}

// newKeyClasses returns the table of byKey's keys ("" left out), hashed by
// hash, which the callers of classesOf use too.
func newKeyClasses[C ~uint32](byKey map[string]C, hash func(string) uint64) *keyClasses[C] {
	bitsN := 4
	for 1<<bitsN < 4*len(byKey) {
		bitsN++
	}
	n := 1 << bitsN
	t := &keyClasses[C]{hs: make([]uint64, n), keys: make([]string, n), cls: make([]C, n), shift: uint(64 - bitsN), mask: uint64(n - 1)}
	for k, c := range byKey {
		if k == "" {
			continue
		}
		h := max(hash(k), 1)
		i := h >> t.shift
		for t.hs[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.hs[i], t.keys[i], t.cls[i] = h, k, c
		t.filter[h>>58] |= 1 << (h >> 52 & 63)
		t.maxLen = max(t.maxLen, len(k))
	}
	return t
}

// classesOf returns the classes of key, whose hash is h.
func (t *keyClasses[C]) classesOf(h uint64, key string) C {
	h = max(h, 1)
	if t.filter[h>>58]&(1<<(h>>52&63)) == 0 {
		return 0
	}
	for i := h >> t.shift; ; i = (i + 1) & t.mask {
		switch t.hs[i] {
		case 0:
			return 0
		case h:
			if t.keys[i] == key {
				return t.cls[i]
			}
		}
	}
}

// packedClass is a slot of QuoteFinder.outside: a key of up to 8 bytes
// packed (packKey), 0 for an empty slot, and its classes.
type packedClass struct {
	key uint64
	cls wordClass
}

// packKey returns the bytes of key (at most 8) in a uint64, the first in
// the low byte: keys hold no NUL byte, so that it tells every key of up to
// 8 bytes from every other, and none from 0 but "".
func packKey(key string) uint64 {
	var p uint64
	for j := 0; j < len(key) && j < 8; j++ {
		p |= uint64(key[j]) << (8 * j)
	}
	return p
}

// packedSlot returns the first slot of packed key p in a table of 1<<bits slots.
func packedSlot(p uint64, bits int) uint64 { return p * 0x9E3779B97F4A7C15 >> (64 - bits) }

// initOutside makes q.outside from the keys of quoteWords.
func (q *QuoteFinder) initOutside() {
	var keys []string
	for _, k := range quoteWords.keys {
		if _, in := q.m.vocab[k]; !in && k != "" && len(k) <= 8 && !mayInvert(k) && strings.IndexByte(k, 0) < 0 {
			keys = append(keys, k)
		}
	}
	bits := 4
	for 1<<bits < 3*len(keys) {
		bits++
	}
	q.outside = make([]packedClass, 1<<bits)
	for _, k := range keys {
		p := packKey(k)
		i := packedSlot(p, bits)
		for q.outside[i].key != 0 {
			i = (i + 1) & uint64(len(q.outside)-1)
		}
		q.outside[i] = packedClass{p, tokenClasses(k)}
	}
}

// outsideClasses returns tokenClasses of a key outside the vocabulary of up
// to 8 bytes that mayInvert rejects, packed (packKey).
func (q *QuoteFinder) outsideClasses(p uint64) wordClass {
	mask := uint64(len(q.outside) - 1)
	for i := packedSlot(p, mbits.Len64(mask)); ; i = (i + 1) & mask {
		switch s := &q.outside[i]; s.key {
		case 0:
			return wKnown
		case p:
			return s.cls
		}
	}
}
