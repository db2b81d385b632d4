package extract

import (
	_ "embed"
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quidit/quidit/lexicon"
)

// Matcher finds lexicon forms in a document's tokens: the longest form that
// starts at a token wins. It is built once from a lexicon and then read-only.
type Matcher struct {
	root *trie
	tok  *Tokenizer

	// vocab numbers every key the tables below know; per document, each
	// token's key is looked up once (keyIDs) and the tables are then read
	// by id.
	vocab     map[string]int32
	vtab      vocabTable // vocab, compact, for the look-ups of Match
	fnByID    []byte     // vocab id → firstNames value, or 0
	locByID   []bool     // vocab id → locatives
	speechID  []int32    // vocab id → index into speechLem + 1, or 0
	speechLem []string
	// speechStart[id] is set when a token of key id may start a speech verb
	// group (speechAt): it starts a speech verb form or is an auxiliary.
	speechStart []bool
	// The keys that start a lexicon form (an edge from m.root's root) have
	// the ids below nstart: Match tells them without a look-up.
	nstart int32
	// lowerStart has bit k set for the key ids k below nstart that start a
	// form whose first token may be in lower case (français, pays): the
	// others start a match only on a capitalised token.
	lowerStart []uint64
	lowerKeys  map[string]bool // the keys of lowerStart, while building
	// startHits has bit k set for the key ids k below nstart that are a
	// form on their own (the child of the root by k has hits): the others
	// start a match only if the next token goes on down the trie.
	startHits []uint64

	depth int // the most tokens of a form of root

	firstNames map[string]byte   // Fold(first name) → 'm', 'f' or 'x'
	titles     *trie             // TITLE forms
	speech     map[string]string // Fold(speech verb form) → lemma (single-token forms)
	speechSeq  *trie             // multi-token speech verb forms ("a déclaré")
}

// trie is a token trie kept flat: one map of edges for the whole trie rather
// than one per node, which makes building it several times cheaper. Edges are
// labelled by the vocabulary id of a key (Matcher.vocab); the edges out of
// the root are also kept in a slice indexed by id.
type trie struct {
	nodes []trieNode
	edges map[uint64]int32 // while building
	first []int32          // vocab id → child of the root, or -1 (set by finish)
	// The edges below the root once built (finish): an open-addressing
	// table of edge keys and their child nodes.
	ekeys  []uint64
	evals  []int32
	emask  uint64
	eshift uint
	// dense is set when the children of the root are node k+1 for key id
	// k, for the ids below nroot (renumberNodes).
	dense bool
	nroot int32
}

type trieNode struct {
	hits []hit
	// kids has bit kidBit(k) set for the key id k of every child (set by
	// finish, below the root): next skips the edge table for most keys
	// that lead nowhere, reading the node it has just read.
	kids uint64
}

// kidBit returns the bit of key id k in trieNode.kids.
func kidBit(k int32) uint64 { return 1 << (uint64(uint32(k)) * 0x9e3779b97f4a7c15 >> 58) }

func edge(from, id int32) uint64 { return uint64(uint32(from))<<32 | uint64(uint32(id)) }

func newTrie() *trie { return &trie{nodes: make([]trieNode, 1), edges: map[uint64]int32{}} }

// child returns the node under n by key id k, made if need be.
func (t *trie) child(n, k int32) int32 {
	if c, ok := t.edges[edge(n, k)]; ok {
		return c
	}
	c := int32(len(t.nodes))
	t.nodes = append(t.nodes, trieNode{})
	t.edges[edge(n, k)] = c
	return c
}

// renumberNodes makes the child of the root by key id k node k+1, when the
// keys out of the root are the ids 0 to r-1 (as in Matcher.root, see
// Matcher.renumber): next then finds it with no look-up.
func (t *trie) renumberNodes() {
	r := int32(0)
	for e := range t.edges {
		if e>>32 == 0 {
			r++
		}
	}
	for e := range t.edges {
		if e>>32 == 0 && int32(uint32(e)) >= r {
			return
		}
	}
	perm := make([]int32, len(t.nodes)) // old node → new node
	for e, c := range t.edges {
		if e>>32 == 0 {
			perm[c] = int32(uint32(e)) + 1
		}
	}
	next := r + 1
	for i := 1; i < len(perm); i++ {
		if perm[i] == 0 {
			perm[i] = next
			next++
		}
	}
	nodes := make([]trieNode, len(t.nodes))
	for i := range t.nodes {
		nodes[perm[i]] = t.nodes[i]
	}
	edges := make(map[uint64]int32, len(t.edges))
	for e, c := range t.edges {
		edges[edge(perm[e>>32], int32(uint32(e)))] = perm[c]
	}
	t.nodes, t.edges, t.dense, t.nroot = nodes, edges, true, r
}

// finish sets t.first and the edge table once the vocabulary has nv ids.
func (t *trie) finish(nv int) {
	t.renumberNodes()
	t.first = make([]int32, nv)
	for i := range t.first {
		t.first[i] = -1
	}
	size := 16
	for size < 2*len(t.edges) {
		size *= 2
	}
	t.ekeys, t.evals = make([]uint64, size), make([]int32, size)
	t.emask, t.eshift = uint64(size-1), uint(64-bits.Len(uint(size-1)))
	for e, c := range t.edges {
		if e>>32 == 0 {
			t.first[uint32(e)] = c
			continue
		}
		t.nodes[e>>32].kids |= kidBit(int32(uint32(e)))
		i := t.slot(e)
		for t.ekeys[i] != 0 {
			i = (i + 1) & t.emask
		}
		t.ekeys[i], t.evals[i] = e, c
	}
	t.edges = nil
}

// slot returns the first slot of the edge table for edge e (a Fibonacci
// hash: e's node and key id are both small numbers).
func (t *trie) slot(e uint64) uint64 { return e * 0x9e3779b97f4a7c15 >> t.eshift & t.emask }

// next returns the node under n by key id k, or -1. An id of -1 is a key no
// table knows.
func (t *trie) next(n, k int32) int32 {
	if k < 0 {
		return -1
	}
	if n == 0 {
		if t.dense {
			if k < t.nroot {
				return k + 1
			}
			return -1
		}
		return t.first[k]
	}
	if t.ekeys == nil { // not finished: still building
		if c, ok := t.edges[edge(n, k)]; ok {
			return c
		}
		return -1
	}
	if t.nodes[n].kids&kidBit(k) == 0 {
		return -1
	}
	// Edges from the root are in t.first: every key here has a non-zero
	// node, so 0 marks an empty slot.
	e := edge(n, k)
	for i := t.slot(e); t.ekeys[i] != 0; i = (i + 1) & t.emask {
		if t.ekeys[i] == e {
			return t.evals[i]
		}
	}
	return -1
}

// id returns the vocabulary id of key, made if need be.
func (m *Matcher) newID(key string) int32 {
	if id, ok := m.vocab[key]; ok {
		return id
	}
	id := int32(len(m.vocab))
	m.vocab[key] = id
	return id
}

// id returns the vocabulary id of key, or -1.
func (m *Matcher) id(key string) int32 {
	if m.vtab.long == nil {
		if id, ok := m.vocab[key]; ok {
			return id
		}
		return -1
	}
	return m.vtab.id(key)
}

// keyIDs returns the vocabulary ids of d's token keys, computed once per
// document (fresh when force is set).
func (m *Matcher) keyIDs(d *Doc, force bool) []int32 {
	if !force && d.idsOf == m && len(d.ids) == len(d.Tokens) {
		return d.ids
	}
	ids := d.ids[:0]
	if cap(ids) < len(d.Tokens) {
		ids = make([]int32, 0, len(d.Tokens))
	}
	ids = ids[:len(d.Tokens)]
	m.vtab.lookup(d.Tokens, ids)
	d.ids, d.idsOf = ids, m
	return ids
}

// vocabTable is a read-only table from key to vocabulary id, smaller than a
// map, in three parts by the key's length.
//
// Keys of 1 to 8 bytes, nine tokens out of ten in news text, are looked up
// in short, an open-addressing table of the keys themselves, each packed in
// a word (pack) beside its length and id: a look-up reads one slot or two,
// most often in one cache line, with no string hash and no string
// comparison. Keys of one byte or two ASCII bytes (de, la, l', punctuation:
// two tokens out of five) are read straight from tiny, small enough to stay
// in cache.
//
// The other keys (longer, a third of the vocabulary) are in long, an
// open-addressing table by the key's maphash whose slot holds the key's
// length, its first and last 8 bytes and its id: which tells a key of up to
// 16 bytes (97% of them) apart from every other, so that a look-up reads
// one slot, one cache miss at most, where a table of ids whose keys were
// stored by id took three (slot, offset by id, bytes). A longer key's slot
// holds instead the offset in longBlob of an entry with its id, length and
// bytes, compared too.
//
// Most keys of a text that miss the vocabulary are rare words, whose slots
// are not in cache either: bloom, a filter of every key of short and long,
// small enough to stay in cache, tells most of them without a look-up.
type vocabTable struct {
	seed     maphash.Seed
	long     []longSlot
	longMask uint64
	longBlob string // the entries of the keys of more than 16 bytes: id and length (uint32 LE each), then the key

	// bloom is a blocked Bloom filter (three bits of one word per key) of
	// the keys looked up in short and long, each by its hash there
	// (shortHash, maphash).
	bloom      []uint64
	bloomShift uint        // 64 - log2(len(bloom))
	tiny       []int32     // id of the key of tiny index i (tinyIndex), or -1
	short      []shortSlot // the keys of 1 to 8 bytes
	shortShift uint        // 64 - log2(len(short))
	// hot holds the most frequent keys of news text of 1 to 8 bytes
	// (model/hotkeys.txt), one a slot at most, in a table small enough to
	// stay in cache: most keys of a text that are in the vocabulary are
	// found there, without the Bloom filter and a slot of short.
	hot *[hotSize]shortSlot
}

// shortSlot is a slot of vocabTable.short: an empty slot has w 0.
type shortSlot struct {
	w    uint64 // pack(key)
	meta uint32 // len(key)<<24 | id
}

// pack returns the bytes of key (1 to 8 bytes) as a word: with its length,
// it tells the key apart from every other key. Four bytes or more are its
// first four and its last four (which overlap below eight); fewer are its
// first, middle and last bytes. Only a key of NUL bytes packs to 0.
func pack(key string) uint64 {
	n := len(key)
	if n < 4 {
		return uint64(key[0]) | uint64(key[n>>1])<<8 | uint64(key[n-1])<<16
	}
	return uint64(le32(key)) | uint64(le32(key[n-4:]))<<32
}

// le32 returns the first four bytes of s as a little-endian uint32 (one
// load).
func le32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// tinyIndex returns the index in vocabTable.tiny of a key of one byte or of
// two ASCII bytes, or -1.
func tinyIndex(key string) int {
	switch len(key) {
	case 1:
		return int(key[0])
	case 2:
		if key[0] < utf8.RuneSelf && key[1] < utf8.RuneSelf {
			return 256 + int(key[0])<<7 | int(key[1])
		}
	}
	return -1
}

// tinySize is the size of vocabTable.tiny: every tinyIndex.
const tinySize = 256 + 128*128

// isShort reports whether a key of length n is looked up in short: 1 to 8
// bytes, in a table that has short keys.
func (t *vocabTable) isShort(n int) bool { return n >= 1 && n <= 8 && t.short != nil }

// shortHash returns the hash of the key of word w and length n: its top
// bits are its first slot in short.
func shortHash(w uint64, n int) uint64 {
	x := (w ^ uint64(n)<<59) * 0x9e3779b97f4a7c15
	x ^= x >> 31
	x *= 0xbf58476d1ce4e5b9
	return x ^ x>>32 // the top bits are kept; the low bits, for bloomBits, mixed
}

// hotSize is the number of slots of vocabTable.hot (32 kB), and hotShift
// the shift of a key's shortHash that gives its slot.
const (
	hotSize  = 1 << 11
	hotShift = 64 - 11
)

// hotKeys are the keys of 1 to 8 bytes seen at least twice in WiNER-fr 2016,
// one a line, most frequent first (TestHotKeys makes the file).
//
//go:embed model/hotkeys.txt
var hotKeys string

// newVocabTable returns the table of vocab, whose keys of hot (most frequent
// first) are also in its table of hot keys.
func newVocabTable(vocab map[string]int32, hot []string) vocabTable {
	t := vocabTable{seed: maphash.MakeSeed()}
	keys := make([]string, len(vocab))
	for k, id := range vocab {
		keys[id] = k
	}
	if len(keys) >= 1<<24 {
		t.setLong(keys)
		t.setBloom(keys)
		return t // ids too large for shortSlot.meta: every key in long
	}
	t.tiny = make([]int32, tinySize)
	for i := range t.tiny {
		t.tiny[i] = -1
	}
	nshort := 0
	for id, k := range keys {
		if i := tinyIndex(k); i >= 0 {
			t.tiny[i] = int32(id)
		} else if len(k) >= 1 && len(k) <= 8 {
			nshort++
		}
	}
	size := 16
	for size < nshort+nshort/2 { // at most two thirds full
		size *= 2
	}
	t.short = make([]shortSlot, size)
	t.shortShift = uint(64 - bits.Len(uint(size-1)))
	smask := uint64(size - 1)
	for id, k := range keys { // in id order: the table is the same every time
		if len(k) < 1 || len(k) > 8 || tinyIndex(k) >= 0 {
			continue
		}
		w := pack(k)
		if w == 0 {
			continue // a key of NUL bytes: looked up in long
		}
		i := shortHash(w, len(k)) >> t.shortShift
		for t.short[i].w != 0 {
			i = (i + 1) & smask
		}
		t.short[i] = shortSlot{w, uint32(len(k))<<24 | uint32(id)}
	}
	t.setLong(keys)
	t.setBloom(keys)
	t.setHot(vocab, hot)
	return t
}

// setHot fills t.hot with the keys of hot found in vocab and looked up in
// short, most frequent first: a key whose slot is taken by a more frequent
// one is left out.
func (t *vocabTable) setHot(vocab map[string]int32, hot []string) {
	t.hot = new([hotSize]shortSlot)
	for _, k := range hot {
		id, ok := vocab[k]
		if !ok || len(k) < 1 || len(k) > 8 || tinyIndex(k) >= 0 || pack(k) == 0 {
			continue
		}
		w := pack(k)
		if i := shortHash(w, len(k)) >> hotShift; t.hot[i].w == 0 {
			t.hot[i] = shortSlot{w, uint32(len(k))<<24 | uint32(id)}
		}
	}
}

// inShort reports whether key is looked up in tiny or short.
func (t *vocabTable) inShort(key string) bool {
	return t.isShort(len(key)) && (tinyIndex(key) >= 0 || pack(key) != 0)
}

// longSlot is a slot of vocabTable.long: an empty slot has meta 0.
type longSlot struct {
	meta       uint32 // 1 + len(key), or 1 + longInBlob for a longer key
	id         uint32 // the key's id, or for a longer key the offset of its entry in longBlob
	head, tail uint64 // headTail(key)
}

// longInBlob is the length in longSlot.meta of the keys of more bytes,
// whose slot tells only their first and last 8 bytes.
const longInBlob = 17

// longMeta returns the meta of a key of length n.
func longMeta(n int) uint32 { return 1 + uint32(min(n, longInBlob)) }

// headTail returns the first and the last 8 bytes of key as little-endian
// words, the bytes of a shorter key padded with zeros: with its length they
// tell a key of up to 16 bytes apart from every other.
func headTail(key string) (uint64, uint64) {
	if len(key) >= 8 {
		return le64(key), le64(key[len(key)-8:])
	}
	var b [8]byte
	copy(b[:], key)
	w := binary.LittleEndian.Uint64(b[:])
	return w, w
}

// le64 returns the first eight bytes of s as a little-endian uint64 (one
// load).
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// setLong fills t.long and t.longBlob with the keys that are not looked up
// in tiny or short, keys[id] being the key of id.
func (t *vocabTable) setLong(keys []string) {
	n := 0
	for _, k := range keys {
		if !t.inShort(k) {
			n++
		}
	}
	size := 16
	for size < n+n/2 { // at most two thirds full
		size *= 2
	}
	t.long, t.longMask = make([]longSlot, size), uint64(size-1)
	var blob []byte
	for id, k := range keys {
		if t.inShort(k) {
			continue
		}
		sl := longSlot{meta: longMeta(len(k)), id: uint32(id)}
		sl.head, sl.tail = headTail(k)
		if len(k) >= longInBlob {
			sl.id = uint32(len(blob))
			blob = binary.LittleEndian.AppendUint32(blob, uint32(id))
			blob = binary.LittleEndian.AppendUint32(blob, uint32(len(k)))
			blob = append(blob, k...)
		}
		i := maphash.String(t.seed, k) & t.longMask
		for t.long[i].meta != 0 {
			i = (i + 1) & t.longMask
		}
		t.long[i] = sl
	}
	t.longBlob = string(blob)
}

// bloomBits returns the bits of a key of hash h in its word of bloom.
func bloomBits(h uint64) uint64 { return 1<<(h&63) | 1<<(h>>6&63) | 1<<(h>>12&63) }

// inBloom reports whether a key of hash h (shortHash or maphash) may be in
// the vocabulary.
func (t *vocabTable) inBloom(h uint64) bool {
	b := bloomBits(h)
	return t.bloom[h>>t.bloomShift]&b == b
}

// bloomHash returns the hash of key for bloom, or false for a key looked up
// in tiny.
func (t *vocabTable) bloomHash(key string) (uint64, bool) {
	if t.isShort(len(key)) {
		if tinyIndex(key) >= 0 {
			return 0, false
		}
		if w := pack(key); w != 0 {
			return shortHash(w, len(key)), true
		}
	}
	return maphash.String(t.seed, key), true
}

// setBloom fills t.bloom with the keys looked up in short and long.
func (t *vocabTable) setBloom(keys []string) {
	n := 0
	for _, k := range keys {
		if _, ok := t.bloomHash(k); ok {
			n++
		}
	}
	size := 16
	for size < n/4 { // about 16 bits a key
		size *= 2
	}
	t.bloom, t.bloomShift = make([]uint64, size), uint(64-bits.Len(uint(size-1)))
	for _, k := range keys {
		if h, ok := t.bloomHash(k); ok {
			t.bloom[h>>t.bloomShift] |= bloomBits(h)
		}
	}
}

// findLong returns the id of key, of maphash h, in long, or -1.
func (t *vocabTable) findLong(key string, h uint64) int32 {
	meta := longMeta(len(key))
	head, tail := headTail(key)
	for i := h & t.longMask; ; i = (i + 1) & t.longMask {
		sl := &t.long[i]
		if sl.meta == 0 {
			return -1
		}
		if sl.meta == meta && sl.head == head && sl.tail == tail {
			if meta < longMeta(longInBlob) {
				return int32(sl.id)
			}
			e := t.longBlob[sl.id:]
			if n := le32(e[4:]); int(n) == len(key) && e[8:8+n] == key {
				return int32(le32(e))
			}
		}
	}
}

// findShort returns the id of the key of word w and length n (1 to 8), or
// -1, starting from slot i, whose word is v.
func (t *vocabTable) findShort(w uint64, n int, i uint64, v uint64) int32 {
	mask := uint64(len(t.short) - 1)
	for v != 0 {
		if v == w {
			if meta := t.short[i].meta; meta>>24 == uint32(n) {
				return int32(meta & (1<<24 - 1))
			}
		}
		i = (i + 1) & mask
		v = t.short[i].w
	}
	return -1
}

// id returns the id of key, or -1 (lookup for one key).
func (t *vocabTable) id(key string) int32 {
	var id [1]int32
	t.lookup([]Token{{Key: key}}, id[:])
	return id[0]
}

// lookup sets ids[i] to the id of toks[i].Key, or -1. Its loop does all the
// work (a call a token cost a tenth more). Looking keys up in batches, the
// first slots of 32 keys loaded before any is resolved so that cache misses
// overlap, was a seventh slower in the pipeline.
//
// A key of 1 to 8 bytes not in tiny is looked for in hot and in bloom at
// once, and in short only when hot does not have it and bloom may: one
// branch, taken for about one key in eight of a news text, where a hot
// key found before bloom was read, and a key that bloom turned down, were
// two branches mispredicted for one key in two.
func (t *vocabTable) lookup(toks []Token, ids []int32) {
	ids = ids[:len(toks)]
	shortKeys := t.short != nil
	for i := range toks {
		key := toks[i].Key
		if n := len(key); shortKeys && n >= 1 && n <= 8 {
			if j := tinyIndex(key); j >= 0 {
				ids[i] = t.tiny[j]
				continue
			}
			// pack(key), inlined
			w := uint64(key[0]) | uint64(key[n>>1])<<8 | uint64(key[n-1])<<16
			if n >= 4 {
				w = uint64(le32(key)) | uint64(le32(key[n-4:]))<<32
			}
			if w != 0 {
				h := shortHash(w, n)
				hot := &t.hot[h>>hotShift]
				miss := hot.w ^ w | uint64(hot.meta>>24^uint32(n)) // 0 when hot has the key
				id := int32(-1)
				if miss == 0 {
					id = int32(hot.meta & (1<<24 - 1)) // a conditional move
				}
				ids[i] = id
				b := bloomBits(h)
				// (a shift count masked with 63 needs no test for 64 or more)
				if b2u(miss != 0)&b2u(t.bloom[h>>(t.bloomShift&63)]&b == b) != 0 {
					h >>= t.shortShift & 63
					ids[i] = t.findShort(w, n, h, t.short[h].w)
				}
				continue
			}
		}
		h := maphash.String(t.seed, key)
		if !t.inBloom(h) {
			ids[i] = -1
			continue
		}
		ids[i] = t.findLong(key, h)
	}
}

// idsOf returns the vocabulary ids of the keys of toks.
func (m *Matcher) idsOf(toks []Token) []int32 {
	ids := make([]int32, len(toks))
	for i := range toks {
		ids[i] = m.id(toks[i].Key)
	}
	return ids
}

// firstName returns the gender of first-name id k ('m', 'f', 'x') or 0.
func (m *Matcher) firstName(k int32) byte {
	if k < 0 {
		return 0
	}
	return m.fnByID[k]
}

// locative reports whether id k is a preposition of place (locatives).
func (m *Matcher) locative(k int32) bool { return k >= 0 && m.locByID[k] }

// hit is one form of one entry ending at a trie node.
type hit struct {
	entry *lexicon.Entry
	via   lexicon.Via
	caps  []bool  // for each token of the form: must the text token be capitalised?
	upper []bool  // for each token of the form: is it an acronym that must be in capitals?
	rank  int     // lower is better
	pop   int     // population of a place (attr pop): breaks ties between places
	home  bool    // a French place (attr country=FR): first among places written the same way
	guard guardOf // context the form needs (attr common)

	// Set by finishHits, for longest: caps and upper as bit masks (token i
	// is bit i) when the form has at most 64 tokens, and what the entry is,
	// so that trying a hit reads only the hit.
	capsMask, upperMask uint64
	short               bool // the masks hold caps and upper
	person              bool // entry.Type is Person
	place               bool // placeHit
	gender              byte // the entry's attr gender, 'm' or 'f', or 0
	// entry.Type and entry.Name, for Match and newMention: the hit is in
	// cache when they are read, the entry is often not.
	typ  lexicon.Type
	name string
}

// guardOf is the context a form that is also a common word needs.
type guardOf uint8

const (
	noGuard    guardOf = iota
	notInitial         // capitalised and not first in its sentence (Orange the company)
	placeCtx           // and after a preposition of place (à Tours, d'Orange)
)

// BigCity is the population from which a place whose name is also a common
// word needs only not to start its sentence, not a preposition before it.
const BigCity = 200000

// locatives are the words after which a capitalised word names a place.
var locatives = map[string]bool{"à": true, "a": true, "au": true, "aux": true, "en": true, "de": true, "d'": true, "du": true,
	"des": true, "dans": true, "depuis": true, "vers": true, "près": true, "pres": true, "sur": true, "par": true, "entre": true,
	"jusqu'à": true, "jusqu'a": true, "via": true, "pour": true, "et": true}

var typeRank = map[lexicon.Type]int{lexicon.Person: 0, lexicon.Organization: 1, lexicon.Country: 2, lexicon.Base: 3, lexicon.Location: 4, lexicon.Event: 5}
var viaRank = map[lexicon.Via]int{lexicon.ViaName: 0, lexicon.ViaAlias: 1, lexicon.ViaDemonym: 2, lexicon.ViaMetonym: 3}

// NewMatcher builds the matcher of lex, tokenizing forms with tok.
func NewMatcher(lex *lexicon.Lexicon, tok *Tokenizer) *Matcher {
	m := &Matcher{root: newTrie(), tok: tok, firstNames: map[string]byte{}, titles: newTrie(), speech: map[string]string{}, speechSeq: newTrie(),
		vocab: map[string]int32{}, lowerKeys: map[string]bool{}}
	nforms := 0
	for _, e := range lex.Entries() {
		if e.Type.IsEntity() || e.Type == lexicon.Event {
			nforms += len(e.Forms)
		}
	}
	m.root.edges = make(map[uint64]int32, nforms+nforms/4)
	m.root.nodes = make([]trieNode, 1, 1+nforms+nforms/4)
	var buf []Token
	for _, e := range lex.Entries() {
		switch {
		case e.Type.IsEntity() || e.Type == lexicon.Event:
			for _, f := range e.Forms {
				buf = m.addForm(m.root, buf, e, f)
			}
		case e.Type == lexicon.FirstName:
			g := e.Attr("gender")
			for _, f := range e.Forms {
				k := lexicon.Fold(f.Text)
				if old, ok := m.firstNames[k]; ok && old != gender(g) {
					m.firstNames[k] = 'x'
				} else {
					m.firstNames[k] = gender(g)
				}
			}
		case e.Type == lexicon.Title:
			for _, f := range e.Forms {
				buf = m.addForm(m.titles, buf, e, f)
			}
		case e.Type == lexicon.SpeechVerb:
			for _, f := range e.Forms {
				buf = buf[:0]
				buf = tok.Append(buf, f.Text, Span{0, len(f.Text)})
				if len(buf) == 1 {
					m.speech[buf[0].Key] = e.Name
				} else {
					buf = m.addForm(m.speechSeq, buf[:0], e, f)
				}
			}
		}
	}
	sortHits(m.root)
	sortHits(m.titles)
	sortHits(m.speechSeq)
	for k := range m.firstNames {
		m.newID(k)
	}
	for k := range m.speech {
		m.newID(k)
	}
	for k := range locatives {
		m.newID(k)
	}
	for k := range auxWords {
		m.newID(k)
	}
	nv := len(m.vocab)
	m.renumber()
	m.vtab = newVocabTable(m.vocab, strings.Split(hotKeys, "\n"))
	m.root.finish(nv)
	m.titles.finish(nv)
	m.speechSeq.finish(nv)
	m.fnByID = make([]byte, nv)
	m.locByID = make([]bool, nv)
	m.speechID = make([]int32, nv)
	for k, g := range m.firstNames {
		m.fnByID[m.vocab[k]] = g
	}
	for k := range locatives {
		m.locByID[m.vocab[k]] = locatives[k]
	}
	for k, l := range m.speech {
		m.speechLem = append(m.speechLem, l)
		m.speechID[m.vocab[k]] = int32(len(m.speechLem))
	}
	m.speechStart = make([]bool, nv)
	for k, id := range m.vocab {
		m.speechStart[id] = m.speechSeq.first[id] >= 0 || m.speechID[id] > 0 || auxWords[k]
	}
	m.lowerStart = make([]uint64, (m.nstart+63)/64)
	for k := range m.lowerKeys {
		id := m.vocab[k]
		m.lowerStart[id/64] |= 1 << (id % 64)
	}
	m.lowerKeys = nil
	m.startHits = make([]uint64, (m.nstart+63)/64)
	for k := int32(0); k < m.nstart; k++ {
		if len(m.root.nodes[m.root.next(0, k)].hits) > 0 {
			m.startHits[k/64] |= 1 << (k % 64)
		}
	}
	return m
}

// renumber gives the keys that start a lexicon form the ids below m.nstart,
// keeping the order of ids otherwise, and relabels the edges of the tries
// (not yet finished) to match.
func (m *Matcher) renumber() {
	keys := make([]string, len(m.vocab))
	for k, id := range m.vocab {
		keys[id] = k
	}
	perm := make([]int32, len(keys)) // old id → new id
	next := int32(0)
	for pass := range 2 {
		for id := range keys {
			_, starts := m.root.edges[edge(0, int32(id))]
			if starts == (pass == 0) {
				perm[id] = next
				next++
			}
		}
		if pass == 0 {
			m.nstart = next
		}
	}
	for id, k := range keys {
		m.vocab[k] = perm[id]
	}
	for _, t := range []*trie{m.root, m.titles, m.speechSeq} {
		edges := make(map[uint64]int32, len(t.edges))
		for e, c := range t.edges {
			edges[edge(int32(e>>32), perm[uint32(e)])] = c
		}
		t.edges = edges
	}
}

// startsForm reports whether a token of key id k may start a lexicon form.
func (m *Matcher) startsForm(k int32) bool { return k >= 0 && k < m.nstart }

// isForm reports whether key id k is a lexicon form on its own.
func (m *Matcher) isForm(k int32) bool { return m.startsForm(k) && m.startHits[k>>6]>>(k&63)&1 != 0 }

// startsMatch reports whether t, of key id k, may start a match of a
// lexicon form: it starts a form, and either is capitalised or starts a
// form whose first token may be in lower case (capsOK would turn down
// every other form).
func (m *Matcher) startsMatch(t *Token, k int32) bool {
	return m.startsForm(k) && (m.startsLower(k) || t.Cap())
}

// startsLower reports whether key id k, which starts a form, starts one
// whose first token may be in lower case.
func (m *Matcher) startsLower(k int32) bool { return m.lowerStart[k>>6]>>(k&63)&1 != 0 }

func gender(g string) byte {
	switch g {
	case "m", "f":
		return g[0]
	}
	return 'x'
}

// leading lower-case articles are context, not part of a name: "le Kremlin" is
// stored as "Kremlin".
var articles = []string{"le ", "la ", "les ", "l'", "l’"}

func (m *Matcher) addForm(root *trie, buf []Token, e *lexicon.Entry, f lexicon.Form) []Token {
	text := f.Text
	for _, a := range articles {
		if strings.HasPrefix(text, a) && len(text) > len(a) {
			text = strings.TrimSpace(text[len(a):])
			break
		}
	}
	buf = m.tok.Append(buf[:0], text, Span{0, len(text)})
	if len(buf) == 0 {
		return buf
	}
	n := int32(0)
	caps := make([]bool, len(buf))
	var upper []bool
	for i := range buf {
		n = root.child(n, m.newID(buf[i].Key))
		caps[i] = buf[i].Cap()
		if isAcronym(buf[i].Norm) {
			if upper == nil {
				upper = make([]bool, len(buf))
			}
			upper[i] = true
		}
	}
	if root == m.root {
		m.depth = max(m.depth, len(buf))
	}
	if root == m.root && !caps[0] {
		m.lowerKeys[buf[0].Key] = true
	}
	h := hit{entry: e, via: f.Via, caps: caps, upper: upper, rank: typeRank[e.Type]*10 + viaRank[f.Via]}
	if p := e.Attr("pop"); p != "" {
		h.pop, _ = strconv.Atoi(p)
	}
	h.home = e.Type == lexicon.Location && e.Attr("country") == "FR"
	if len(buf) == 1 && e.Type.IsEntity() && isCommonForm(e, text) {
		h.guard = notInitial
		if (e.Type == lexicon.Location || e.Type == lexicon.Base) && h.pop < BigCity || f.Via == lexicon.ViaMetonym {
			h.guard = placeCtx
		}
	}
	node := &root.nodes[n]
	for i := range node.hits {
		o := &node.hits[i]
		if o.entry != e {
			continue
		}
		// The same entry twice under one key (OTAN, Otan): keep one hit,
		// with the laxer case rule of the two, and its better way of naming.
		// A demonym or metonym written like the name (suisse, Suisse) is a
		// hit of its own: its case rule differs.
		if (o.via == lexicon.ViaDemonym || o.via == lexicon.ViaMetonym || h.via == lexicon.ViaDemonym || h.via == lexicon.ViaMetonym) && o.via != h.via {
			continue
		}
		if laxer(&h, o) {
			o.caps, o.upper, o.guard = h.caps, h.upper, h.guard
		}
		if h.rank < o.rank {
			o.rank, o.via = h.rank, h.via
		}
		return buf
	}
	node.hits = append(node.hits, h)
	return buf
}

// laxer reports whether hit a's case rule and guard accept all that b's do.
func laxer(a, b *hit) bool {
	if a.guard > b.guard {
		return false
	}
	for i := range a.caps {
		if a.caps[i] && !b.caps[i] {
			return false
		}
		if a.upper != nil && a.upper[i] && (b.upper == nil || !b.upper[i]) {
			return false
		}
	}
	return true
}

// isCommonForm reports whether form (its leading article stripped) is listed
// in e's attr common: a name that is also a common word.
func isCommonForm(e *lexicon.Entry, form string) bool {
	c := e.Attr("common")
	if c == "" {
		return false
	}
	for _, f := range strings.Split(c, "|") {
		if f == form {
			return true
		}
	}
	return false
}

// isAcronym reports whether s has two letters or more, all capitals (ONU, RN).
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

func sortHits(t *trie) {
	for n := range t.nodes {
		hs := t.nodes[n].hits
		for i := range hs {
			finishHit(&hs[i])
		}
		sort.SliceStable(hs, func(i, j int) bool {
			a, b := &hs[i], &hs[j]
			if a.rank != b.rank {
				return a.rank < b.rank
			}
			if a.home != b.home {
				return a.home
			}
			return a.pop > b.pop
		})
	}
}

// finishHit sets the fields of h that longest reads instead of the others.
func finishHit(h *hit) {
	h.short = len(h.caps) <= 64
	h.capsMask, h.upperMask = 0, 0
	if h.short {
		for i, c := range h.caps {
			if c {
				h.capsMask |= 1 << i
			}
			if h.upper != nil && h.upper[i] {
				h.upperMask |= 1 << i
			}
		}
	}
	h.person = h.entry.Type == lexicon.Person
	h.typ, h.name = h.entry.Type, h.entry.Name
	h.place = placeHit(h)
	h.gender = 0
	if g := h.entry.Attr("gender"); g == "m" || g == "f" {
		h.gender = g[0]
	}
}

// capsOK reports whether the text tokens satisfy the form's capitalisation:
// capitalised where the form is, in capitals where the form is an acronym,
// and a short word in capitals in the text (ITU, CHU) only for an acronym.
func capsOK(toks []Token, h *hit) bool {
	if h.short {
		// the same tests, from the masks: only the tokens with a bit set
		for m := h.capsMask | h.upperMask; m != 0; m &= m - 1 {
			i := bits.TrailingZeros64(m)
			c, up := h.capsMask>>i&1 != 0, h.upperMask>>i&1 != 0
			if c && !toks[i].Cap() {
				return false
			}
			if up && !isAcronym(toks[i].Norm) {
				return false
			}
			if c && !up && len(toks[i].Norm) <= 4 && isAcronym(toks[i].Norm) {
				return false
			}
		}
		return true
	}
	for i, c := range h.caps {
		if c && !toks[i].Cap() {
			return false
		}
		up := h.upper != nil && h.upper[i]
		if up && !isAcronym(toks[i].Norm) {
			return false
		}
		if c && !up && len(toks[i].Norm) <= 4 && isAcronym(toks[i].Norm) {
			return false
		}
	}
	return true
}

// context is what a match needs to know of the text around it.
type context struct {
	prev    *Token // the token before, in the same sentence, or nil
	prevID  int32  // the vocabulary id of prev's key, with prev
	initial bool   // no word before it in its sentence
	// firstNames, when set, are the known first names: a one-word name of
	// anything but a person that is one, followed by a capitalised word, is
	// a person's first name ("Adam Yates", "Charlotte Morel"); one that
	// follows a first name is part of a person's name ("Greg Van Avermaet"),
	// and a person's one-word alias after another first name is someone
	// else ("Michelle Obama").
	firstNames *Matcher // whose firstName tells the first names, or nil
}

// opensClause reports whether t opens a quote or clause, after which a
// capital is no sign of a name: « “ ( : — –.
func opensClause(t *Token) bool {
	if t.Kind == OpenQuote {
		return true
	}
	switch t.Norm {
	case ":", "(", "—", "–", "-", "…", "\"":
		return true
	}
	return false
}

// guardOK reports whether the context allows a guarded form.
func (m *Matcher) guardOK(h *hit, ctx context) bool {
	switch h.guard {
	case notInitial:
		return !ctx.initial
	case placeCtx:
		return !ctx.initial && ctx.prev != nil && m.locative(ctx.prevID)
	}
	return true
}

// placeHit reports whether h names a place in its own right (not a metonym).
func placeHit(h *hit) bool {
	switch h.entry.Type {
	case lexicon.Location, lexicon.Base:
		return true
	case lexicon.Country:
		return h.via != lexicon.ViaMetonym
	}
	return false
}

// longest returns the length in tokens of the longest form of trie root that
// starts at toks[0] and the best hit for it, or 0. After a preposition of
// place, a place is preferred to a person, an organisation or a metonym
// written the same way ("à Moscou" is the city).
// ids are the vocabulary ids of the keys of toks.
func (m *Matcher) longest(root *trie, toks []Token, ids []int32, ctx context) (int, *hit) {
	n, best, bestLen := int32(0), (*hit)(nil), 0
	fn := ctx.firstNames != nil
	for i := range toks {
		n = root.next(n, ids[i])
		if n < 0 {
			break
		}
		hits := root.nodes[n].hits
		if len(hits) == 0 {
			continue
		}
		beforeName := fn && i == 0 && len(toks) > 1 && toks[1].Kind == Word && toks[1].Cap() && m.firstName(ids[0]) != 0
		// A capitalised word right after, not a first name, makes the match
		// part of a longer name: "Vodafone Arena", "Montpellier Handball".
		// ("l'ONU António Guterres" is an apposition and matches.)
		inLonger := fn && i+1 < len(toks) && toks[i+1].Kind == Word && toks[i+1].Cap() &&
			m.firstName(ids[i+1]) == 0
		afterFirst := fn && i == 0 && ctx.prev != nil && ctx.prev.Kind == Word && ctx.prev.Cap() && m.firstName(ctx.prevID) != 0
		var h *hit
		for j := range hits {
			c := &hits[j]
			if !capsOK(toks[:i+1], c) || !m.guardOK(c, ctx) {
				continue
			}
			if !c.person && (beforeName || afterFirst || inLonger) {
				continue
			}
			if c.person && c.via == lexicon.ViaAlias && afterFirst {
				continue // "Michelle Obama" is not Barack Obama
			}
			if h == nil {
				h = c
				if placeFirst := ctx.prev != nil && m.locative(ctx.prevID); !placeFirst || c.place {
					break
				}
				continue
			}
			if c.place {
				h = c
				break
			}
		}
		if h != nil {
			best, bestLen = h, i+1
		}
	}
	return bestLen, best
}

// Match adds a mention for every lexicon form found in d's tokens, sentence by
// sentence, longest match first.
//
// Most tokens start no form: Match reads only those whose key starts one
// (an id below nstart) and the words with a hyphen, 64 tokens at a time
// from a word of bits, made without a branch. longest is called for a
// token that may start a match in its case (startsLower or capitalised)
// and is a form on its own, or whose next token goes on down the trie (a
// key that only starts longer forms, "Jean" of "Jean Castex", matches
// nothing when the next token does not).
func (m *Matcher) Match(d *Doc) {
	toks := d.Tokens
	ids := m.keyIDs(d, true)[:len(toks)]
	hy := newHyphens(d.Text)
	nstart := uint32(m.nstart)
	done := 0 // the tokens before done are those of a match found
	// The tokens before carryEnd, up to the last token longest was called
	// for or the end of its match, leave the tokens after them in their
	// sentence initial (see initialAt) when carryInit is set.
	carryEnd, carryInit := 0, false
	for base := 0; base < len(toks); base += 64 {
		block := ids[base:min(base+64, len(toks))]
		var starts uint64
		for j, k := range block {
			starts |= uint64(b2u(uint32(k) < nstart)) << j
		}
		hyphenated := hy.words(toks[base : base+len(block)])
		for todo := starts | hyphenated; todo != 0; todo &= todo - 1 {
			j := bits.TrailingZeros64(todo)
			i := base + j
			if i < done {
				continue
			}
			t := &toks[i]
			if k := ids[i]; uint32(k) < nstart && (m.startsLower(k) || t.Cap()) && // startsMatch, inlined
				(m.startHits[k>>6]>>(k&63)&1 != 0 ||
					i+1 < len(toks) && toks[i+1].Sentence == t.Sentence && m.root.next(m.root.next(0, k), ids[i+1]) >= 0) {
				initial := initialAt(toks, i, carryEnd, carryInit)
				// The next initialAt reads back to this token at most (a
				// sentence of many tokens that are not words reads each once).
				carryEnd, carryInit = i+1, initial && uint32(1)<<t.Kind&wordLike == 0
				ctx := context{initial: initial, firstNames: m}
				if i > 0 && toks[i-1].Sentence == t.Sentence {
					ctx.prev, ctx.prevID = &toks[i-1], ids[i-1]
					if opensClause(&toks[i-1]) {
						ctx.initial = true // « Elle …, : Orange …: as at the start of a sentence
					}
				}
				// The tokens of the sentence that longest may read: a form
				// of m.depth tokens at most, and the token after it.
				end := i + 1
				for end < len(toks) && end <= i+m.depth && toks[end].Sentence == t.Sentence {
					end++
				}
				if n, h := m.longest(m.root, toks[i:end], ids[i:end], ctx); n > 0 {
					if h.typ != lexicon.Event {
						d.Mentions = append(d.Mentions, newMention(d, i, i+n, h))
					}
					done = i + n
					carryEnd = done // the tokens of the match after its first are not read
					continue
				}
			}
			if hyphenated>>j&1 != 0 {
				d.Mentions = m.matchParts(d, i, d.Mentions)
			}
		}
	}
}

// wordLike has the bits of the token kinds after which a token is no
// longer initial in its sentence: a capital after one may be a name's.
const wordLike = 1<<Word | 1<<Number | 1<<Elision

// initialAt reports whether toks[i] is initial in its sentence for Match:
// no token of a wordLike kind comes before it in the sentence, the tokens
// of a match after its first left out. The tokens before carryEnd count as
// carryInit says: whether the tokens up to the last one Match tested (the
// first of a match, which may end at carryEnd) left the sentence initial,
// that one included.
func initialAt(toks []Token, i, carryEnd int, carryInit bool) bool {
	s := toks[i].Sentence
	for j := i - 1; j >= 0; j-- {
		if toks[j].Sentence != s {
			return true
		}
		if j < carryEnd {
			return carryInit
		}
		if uint32(1)<<toks[j].Kind&wordLike != 0 {
			return false
		}
	}
	return true
}

// hyphens tells the words whose Norm has a hyphen from the text, jumping
// from one '-' to the next rather than searching every token. A token's
// Norm has a hyphen when its text has one, or U+2010 or U+2011, which
// Normalize makes '-': in a text with either, every word is searched.
type hyphens struct {
	text string
	next int  // offset of the first '-' after the tokens asked about so far, or len(text)
	slow bool // the text has U+2010 or U+2011
}

func newHyphens(text string) hyphens {
	return hyphens{text: text, next: -1, slow: strings.Contains(text, "\u2010") || strings.Contains(text, "\u2011")}
}

// words returns the bits of the words of toks (at most 64, after those of
// the last call) whose Norm has a hyphen: bit j for toks[j].
func (h *hyphens) words(toks []Token) uint64 {
	var out uint64
	if h.slow {
		for j := range toks {
			if t := &toks[j]; t.Kind == Word && strings.IndexByte(t.Norm, '-') >= 0 {
				out |= 1 << j
			}
		}
		return out
	}
	if h.next < toks[0].Start {
		h.next = h.find(toks[0].Start)
	}
	for j, end := 0, toks[len(toks)-1].End; h.next < end; {
		t := &toks[j]
		switch {
		case t.End <= h.next:
			j++
		case t.Start > h.next: // between tokens
			h.next = h.find(h.next + 1)
		default:
			if t.Kind == Word {
				out |= 1 << j
			}
			h.next = h.find(t.End)
		}
	}
	return out
}

// find returns the offset of the first '-' of the text at or after off, or
// the text's length.
func (h *hyphens) find(off int) int {
	if j := strings.IndexByte(h.text[off:], '-'); j >= 0 {
		return off + j
	}
	return len(h.text)
}

// matchParts matches the parts of a hyphenated token: "Biden-Poutine" names
// two people. Every part must be a name: "Radio-Canada" and "Paris-Dakar"
// name neither Canada nor Dakar.
func (m *Matcher) matchParts(d *Doc, i int, out []Mention) []Mention {
	t := d.Tokens[i]
	text := d.Slice(t.Span)
	var parts []Mention
	off := 0
	for off <= len(text) {
		j := strings.IndexByte(text[off:], '-')
		end := len(text)
		if j >= 0 {
			end = off + j
		}
		if end > off {
			// Every part must be a form on its own (startHits): the key of
			// a part of ASCII letters is tested first, without making the
			// part a token (which makes its key).
			var buf [32]byte
			if k, ok := lowerLetters(buf[:0], text[off:end]); ok && !m.isForm(m.id(string(k))) {
				return out
			}
			// the part as a token: Norm = Normalize(part), Key = Fold(Norm)
			var pt Token
			setToken(&pt, d.Text, &rawToken{start: t.Start + off, end: t.Start + end, sentence: int32(t.Sentence), kind: Word}, nil, 0)
			id := m.id(pt.Key)
			if !m.isForm(id) {
				return out // no form of one token has that key
			}
			n, h := m.longest(m.root, []Token{pt}, []int32{id}, context{})
			if n != 1 || h.typ == lexicon.Event {
				return out
			}
			mm := newMention(d, i, i+1, h)
			mm.Span = pt.Span
			parts = append(parts, mm)
		}
		if j < 0 {
			break
		}
		off = end + 1
	}
	return append(out, parts...)
}

// lowerLetters appends s in lower case to b when s is ASCII letters, whose
// key it is, and fit in b's capacity; or reports false.
func lowerLetters(b []byte, s string) ([]byte, bool) {
	if len(s) > cap(b) {
		return b, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return b, false
		}
		b = append(b, c)
	}
	return b, true
}

func newMention(d *Doc, a, b int, h *hit) Mention {
	via := ViaAlias
	switch h.via {
	case lexicon.ViaName:
		via = ViaLexicon
	case lexicon.ViaDemonym:
		via = ViaDemonym
	case lexicon.ViaMetonym:
		via = ViaMetonym
	}
	m := Mention{
		Span:     Span{d.Tokens[a].Start, d.Tokens[b-1].End},
		Type:     h.typ,
		Via:      via,
		Entry:    h.entry,
		Sentence: d.Tokens[a].Sentence,
		Tok:      a,
		TokEnd:   b,
		Entity:   -1,
		Name:     h.name,
		Gender:   h.gender,
	}
	return m
}

// FirstName returns the gender of a known first name ('m', 'f', 'x') or 0.
func (m *Matcher) FirstName(key string) byte { return m.firstName(m.id(key)) }

// Title returns the length in tokens of the title or role starting at toks[0]
// and its entry, or 0 and nil.
func (m *Matcher) Title(toks []Token) (int, *lexicon.Entry) {
	// The ids of the tokens the title trie can reach, no further: most
	// calls stop at the first token.
	var buf [8]int32
	ids := buf[:0]
	for n := int32(0); len(ids) < len(toks); {
		id := m.id(toks[len(ids)].Key)
		if n = m.titles.next(n, id); n < 0 {
			break
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	n, h := m.longest(m.titles, toks[:len(ids)], ids, context{})
	if h == nil {
		return 0, nil
	}
	return n, h.entry
}

// SpeechVerb returns the length in tokens of the speech-verb form starting at
// toks[0] and its lemma, or 0 and "".
func (m *Matcher) SpeechVerb(toks []Token) (int, string) {
	return m.speechVerb(toks, m.idsOf(toks))
}

// speechVerb is SpeechVerb with the vocabulary ids of the keys of toks.
func (m *Matcher) speechVerb(toks []Token, ids []int32) (int, string) {
	if n, h := m.longest(m.speechSeq, toks, ids, context{}); h != nil {
		return n, h.entry.Name
	}
	if len(toks) > 0 && ids[0] >= 0 {
		if l := m.speechID[ids[0]]; l > 0 {
			return 1, m.speechLem[l-1]
		}
	}
	return 0, ""
}

// Candidate is a lexicon entry a form can name, for `quidit lexicon lookup`.
type Candidate struct {
	Entry *lexicon.Entry
	Via   lexicon.Via
	Caps  []bool // which tokens of the form must be capitalised
	Upper []bool // which tokens must be in capitals (acronyms), or nil
	// Common is set for a name that is also a common word (attr common): it
	// matches only when not first in its sentence and, for a place of fewer
	// than BigCity inhabitants, only after a preposition of place.
	Common bool
	Place  bool // with Common: the preposition of place is needed
}

// Lookup returns the entries the whole of text can name, best first, whatever
// the case rules; with exact, only those whose capitalisation text satisfies.
func (m *Matcher) Lookup(text string, exact bool) []Candidate {
	for _, a := range articles { // stored without them: "le Kremlin" is "Kremlin"
		if strings.HasPrefix(text, a) && len(text) > len(a) {
			text = strings.TrimSpace(text[len(a):])
			break
		}
	}
	toks := m.tok.Append(nil, text, Span{0, len(text)})
	n := int32(0)
	for _, t := range toks {
		if n = m.root.next(n, m.id(t.Key)); n < 0 {
			return nil
		}
	}
	var out []Candidate
	hits := m.root.nodes[n].hits
	for i := range hits {
		h := &hits[i]
		if exact && !capsOK(toks, h) {
			continue
		}
		out = append(out, Candidate{Entry: h.entry, Via: h.via, Caps: h.caps, Upper: h.upper, Common: h.guard != noGuard, Place: h.guard == placeCtx})
	}
	return out
}
