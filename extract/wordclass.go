package extract

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
