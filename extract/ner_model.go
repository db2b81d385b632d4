package extract

import (
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	_ "embed" // the NER model

	"github.com/quidit/quidit/lexicon"
)

// The statistical part of recognition: a greedy left-to-right averaged
// perceptron over BIO tags (Person, Location, Organization), trained on
// WiNER-fr 2016 only by `make train` (extract/model/train) and embedded here.
//
// Only "candidate" tokens are scored: capitalised words, words covered by a
// lexicon mention, lower-case words that start entities in the training data
// at least once in a hundred occurrences (armée, ministère, université …, not
// "de": see minHeadShare), and any token right after a token tagged
// inside a name. Every other token is O without computing a feature, which
// keeps recognition cheap on running text.
//
// Features are hashed to 32 bits (FNV-1a of the token key, mixed with a
// template number) and looked up in an open-addressing table; weights are
// int16. Nothing is allocated per token.

//go:embed model/ner.bin
var nerModelData []byte

// BIO tags.
const (
	tagO uint8 = iota
	tagBPer
	tagIPer
	tagBLoc
	tagILoc
	tagBOrg
	tagIOrg
	tagBMisc // other names (WiNER's Event and Product): learnt so as not to be output
	tagIMisc
	nTags
)

var tagTypes = [nTags]lexicon.Type{"", lexicon.Person, lexicon.Person, lexicon.Location, lexicon.Location, lexicon.Organization, lexicon.Organization, "", ""}

// TrainMisc is the type of TrainSpan for names of no output type (events,
// products): the tagger learns them so as to leave them out.
const TrainMisc lexicon.Type = "MISC"

// tagOf returns the B or I tag of an entity type (Location for places of
// every kind), or tagO.
func tagOf(t lexicon.Type, inside bool) uint8 {
	var b uint8
	switch t {
	case lexicon.Person:
		b = tagBPer
	case lexicon.Location, lexicon.Country, lexicon.Base:
		b = tagBLoc
	case lexicon.Organization:
		b = tagBOrg
	case TrainMisc:
		b = tagBMisc
	default:
		return tagO
	}
	if inside {
		b++
	}
	return b
}

func isInside(t uint8) bool { return t == tagIPer || t == tagILoc || t == tagIOrg || t == tagIMisc }

// validNext reports whether tag t may follow tag prev (I-X only after B-X or I-X).
func validNext(prev, t uint8) bool {
	if !isInside(t) {
		return true
	}
	return prev == t || prev == t-1
}

// nerModel is a trained perceptron: hashed feature → nTags weights.
type nerModel struct {
	// slots is a cuckoo table of features, each with the index of its row
	// of weights beside it. A feature h is in one of its two slots
	// (slotsOf), so a look-up reads both and picks without a branch. A
	// slot of 32 bits holds key<<rowBits | row, where key is the low
	// 32-rowBits-1 bits of h's multiplicative hash for that slot (whose
	// high bits are the slot's index) and one bit for which of the two
	// hashes: as the multiplications are one-to-one, slot and key tell h
	// exactly, in half the bytes of the hash itself. An empty slot is all
	// ones, whose row, rowMask, is zeros.
	slots   []uint32
	shift   uint32 // 32 - log2(len(slots))
	rowBits uint32 // log2(len(slots)) - 1: len(w) < 1<<rowBits
	w       [][nTags]int16
	packed  [][3]uint64 // w[i] in three words of three 21-bit lanes (see score); rows len(w) to rowMask are zeros
	// diff holds w[i] less its weight of tag O, tags 1 to 8 in two words of
	// four 16-bit lanes (buildDiff): scoreToken adds the rows of its hashed
	// features from here, 16 bytes a row instead of 24 (a smaller table,
	// whose rows never straddle two cache lines). nil if a sum of the rows
	// scoreToken adds could overflow a lane.
	diff      [][2]uint64
	directMax int64 // the largest difference of each direct table, summed (see buildDiff)
	// maxPacked is the most features whose weights score may add in packed
	// lanes: n·max|w| < 2^20 keeps every sum inside its 21-bit lane.
	maxPacked int
	direct    directTables // the rows of the features of few values (see scoreToken)
	lowVoc    hashSet      // keys of words seen in lower case in the training text
	lowHead   hashSet      // keys of lower-case words that start names in the training data
	// keyMul holds the factors of a feature's keys in its two slots (see
	// slotsOf and place): above its row bits, the slot of the first hash
	// g = h·0x9E3779B1 holds g<<(32-shift) = h·keyMul[0], the slot of the
	// second h·keyMul[1] | 1<<rowBits
	keyMul [2]uint32
}

// hashSet is a set of 32-bit hashes (open addressing, 0 is empty), with a
// one-bit-a-slot filter in front: most hashes looked up are absent, and a
// clear bit says so without probing.
type hashSet struct {
	keys   []uint32
	mask   uint32
	filter []uint64 // bit (h·φ)>>shift is set for every member h
	shift  uint32
}

// filterIndex is the filter bit of h: the top bits of a multiplicative hash,
// apart from the low bits that place h in keys.
func (s *hashSet) filterIndex(h uint32) uint32 { return (h * 0x9E3779B9) >> s.shift }

func newHashSet(hs []uint32) hashSet {
	n := 16
	for n < 2*len(hs) {
		n *= 2
	}
	bits, shift := 64, uint32(32-6)
	for bits < 32*len(hs) {
		bits *= 2
		shift--
	}
	s := hashSet{keys: make([]uint32, n), mask: uint32(n - 1), filter: make([]uint64, bits/64), shift: shift}
	for _, h := range hs {
		if h == 0 {
			h = 1
		}
		f := s.filterIndex(h)
		s.filter[f>>6] |= 1 << (f & 63)
		i := h & s.mask
		for s.keys[i] != 0 && s.keys[i] != h {
			i = (i + 1) & s.mask
		}
		s.keys[i] = h
	}
	return s
}

func (s *hashSet) has(h uint32) bool {
	if len(s.keys) == 0 {
		return false
	}
	if h == 0 {
		h = 1
	}
	if f := s.filterIndex(h); s.filter[f>>6]&(1<<(f&63)) == 0 {
		return false
	}
	for i := h & s.mask; ; i = (i + 1) & s.mask {
		switch s.keys[i] {
		case h:
			return true
		case 0:
			return false
		}
	}
}

// slotsOf returns the two slots where feature h (not 0) may be, the top
// bits of two multiplicative hashes of h, and the keys h has in them: the
// other bits, and which hash.
func (m *nerModel) slotsOf(h uint32) (i, j, ki, kj uint32) {
	g, f := h*0x9E3779B1, h*0x85EBCA77 // odd factors: one-to-one
	low := uint32(1)<<m.shift - 1
	return g >> m.shift, f >> m.shift, (g & low) << 1, (f&low)<<1 | 1
}

// rowMask is the row of an empty slot (zeros), and the mask of a slot's row.
func (m *nerModel) rowMask() uint32 { return 1<<m.rowBits - 1 }

// find returns the row of feature h (not 0), or a zero row (len(w) or
// more) when h is absent.
func (m *nerModel) find(h uint32) uint32 {
	i, j, ki, kj := m.slotsOf(h)
	a, b := m.slots[i], m.slots[j]
	r := m.rowMask()
	if b>>m.rowBits == kj { // (an empty slot may match kj, all ones: its row is rowMask)
		r = b & m.rowMask()
	}
	if a>>m.rowBits == ki { // (ki, of the first hash, is never all ones)
		r = a & m.rowMask()
	}
	return r
}

// row returns the weights of feature h, or nil.
func (m *nerModel) row(h uint32) *[nTags]int16 {
	if r := m.find(max(h, 1)); r < uint32(len(m.w)) {
		return &m.w[r]
	}
	return nil
}

// place puts every feature in one of its two slots, moving others to their
// other slot as cuckoo hashing does; it reports false when a table of this
// size cannot hold them all.
func (m *nerModel) place(hs []uint32) bool {
	in := make([]uint64, len(m.slots)) // h<<32 | row in each slot; 0 is empty
	for r, h := range hs {
		sl := uint64(h)<<32 | uint64(r)
		i, _, _, _ := m.slotsOf(h)
		for kick := 0; ; kick++ {
			if kick == 1000 {
				return false
			}
			sl, in[i] = in[i], sl
			if sl == 0 {
				break
			}
			// the evicted feature goes to its other slot
			a, b, _, _ := m.slotsOf(uint32(sl >> 32))
			if i == a {
				i = b
			} else {
				i = a
			}
		}
	}
	for i, sl := range in {
		m.slots[i] = math.MaxUint32
		if sl == 0 {
			continue
		}
		a, _, ka, kb := m.slotsOf(uint32(sl >> 32))
		k := kb
		if uint32(i) == a {
			k = ka
		}
		m.slots[i] = k<<m.rowBits | uint32(sl)
	}
	return true
}

const nerMagic = "QNER1\n"

// encodeModel writes a model: magic, counts, sorted feature hashes with their
// int16 weights, then the two word sets.
func encodeModel(feats []uint32, w [][nTags]int16, lowVoc, lowHead []uint32) []byte {
	var b []byte
	b = append(b, nerMagic...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(feats)))
	for _, h := range feats {
		b = binary.LittleEndian.AppendUint32(b, h)
	}
	for _, r := range w {
		for _, v := range r {
			b = binary.LittleEndian.AppendUint16(b, uint16(v))
		}
	}
	for _, set := range [][]uint32{lowVoc, lowHead} {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(set)))
		for _, h := range set {
			b = binary.LittleEndian.AppendUint32(b, h)
		}
	}
	return b
}

func decodeModel(b []byte) (*nerModel, error) {
	bad := errors.New("extract: malformed NER model")
	if !strings.HasPrefix(string(b[:min(len(b), len(nerMagic))]), nerMagic) {
		return nil, bad
	}
	b = b[len(nerMagic):]
	u32 := func() (uint32, bool) {
		if len(b) < 4 {
			return 0, false
		}
		v := binary.LittleEndian.Uint32(b)
		b = b[4:]
		return v, true
	}
	n, ok := u32()
	if !ok || uint64(len(b)) < uint64(n)*(4+2*uint64(nTags)) {
		return nil, bad
	}
	feats := make([]uint32, n)
	for i := range feats {
		feats[i], _ = u32()
	}
	weights := make([]int16, int(n)*int(nTags))
	for i := range weights {
		weights[i] = int16(binary.LittleEndian.Uint16(b))
		b = b[2:]
	}
	m := &nerModel{w: make([][nTags]int16, 0, n)}
	rowOf := make(map[uint32]int, n)
	var hs []uint32
	for r, h := range feats {
		h = max(h, 1)
		k, ok := rowOf[h]
		if !ok {
			k = len(m.w)
			rowOf[h] = k
			hs = append(hs, h)
			m.w = append(m.w, [nTags]int16{})
		}
		copy(m.w[k][:], weights[r*int(nTags):])
	}
	for bits := 4; ; bits++ {
		if 1<<bits <= 2*len(hs) {
			continue // at most half full, and every row below rowMask
		}
		m.slots, m.shift, m.rowBits = make([]uint32, 1<<bits), uint32(32-bits), uint32(bits-1)
		if m.place(hs) {
			break
		}
	}
	m.keyMul = [2]uint32{0x9E3779B1 << (32 - m.shift), 0x85EBCA77 << (32 - m.shift)}
	m.packed = make([][3]uint64, m.rowMask()+1) // the rows past len(w) stay zero: scorePacked's absent feature
	maxAbs := 1
	for r, ws := range m.w {
		for k, v := range ws {
			m.packed[r][k/3] += uint64(int64(v)) << (21 * (k % 3))
			maxAbs = max(maxAbs, int(v), -int(v))
		}
	}
	m.maxPacked = (1<<20 - 1) / maxAbs
	m.buildDirect()
	m.buildDiff()
	var sets [2][]uint32
	for k := range sets {
		c, ok := u32()
		if !ok || uint64(len(b)) < 4*uint64(c) {
			return nil, bad
		}
		sets[k] = make([]uint32, c)
		for i := range sets[k] {
			sets[k][i], _ = u32()
		}
	}
	m.lowVoc, m.lowHead = newHashSet(sets[0]), newHashSet(sets[1])
	return m, nil
}

var (
	nerOnce    sync.Once
	nerDefault *nerModel
	nerErr     error
)

// defaultNERModel returns the embedded model, decoded once, or nil when none
// is embedded (before the first `make train`).
func defaultNERModel() (*nerModel, error) {
	nerOnce.Do(func() {
		if len(nerModelData) == 0 {
			return
		}
		nerDefault, nerErr = decodeModel(nerModelData)
	})
	return nerDefault, nerErr
}

// Feature hashing.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashAZ returns hashString(s), and whether s is one or more of the letters
// a to z, tested in the hash's loop (beside its chain of multiplications,
// at no cost). It is not inlined: inside prepare's loop, which keeps many
// values live, the compiler kept the hash on the stack, a store and a load
// in every byte's chain (prepare 9% slower).
//
//go:noinline
func hashAZ(s string) (uint64, bool) {
	h := uint64(fnvOffset)
	bad := int32(0) // negative once a byte is not a letter a to z
	for i := 0; i < len(s); i++ {
		c := s[i]
		h ^= uint64(c)
		h *= fnvPrime
		bad |= (int32(c) - 'a') | ('z' - int32(c))
	}
	return h, bad >= 0 && len(s) > 0
}

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix combines a template number and up to two values into a feature hash.
func mix(tmpl uint64, a, b uint64) uint32 {
	h := tmpl*0x9E3779B97F4A7C15 ^ a
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	h ^= b
	h ^= h >> 29
	h *= 0x94D049BB133111EB
	h ^= h >> 32
	return uint32(h)
}

// Token shapes.
const (
	shOther uint8 = iota
	shLower
	shCap      // Paris
	shAllCaps  // ONU
	shOneCap   // M, A
	shCapHyph  // Jean-Yves, Al-Bab
	shInnerCap // McCain, iPhone
	shAlnum    // G20, A7
	shNumber
	shPunct
	shQuote
	shElision
	shLowHyph // al-Assad, franco-allemand
)

func shapeOf(t *Token) uint8 {
	switch t.Kind {
	case Number:
		return shNumber
	case Punct:
		return shPunct
	case OpenQuote, CloseQuote:
		return shQuote
	case Elision:
		return shElision
	case Word:
	default:
		return shOther
	}
	s := t.Norm
	upper, lower, digit, hyph := 0, 0, 0, false
	innerCap := false
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			ascii = false
		case 'a' <= c && c <= 'z':
			lower++
		case 'A' <= c && c <= 'Z':
			upper++
			if i > 0 && lower > 0 && s[i-1] != '-' {
				innerCap = true
			}
		case '0' <= c && c <= '9':
			digit++
		case c == '-':
			hyph = true
		}
		if !ascii {
			break
		}
	}
	if !ascii {
		upper, lower, digit, hyph, innerCap = 0, 0, 0, false, false
	}
	for i, r := range s {
		if ascii {
			break
		}
		switch {
		case unicode.IsUpper(r):
			upper++
			if i > 0 && lower > 0 && s[i-1] != '-' {
				innerCap = true
			}
		case unicode.IsLower(r):
			lower++
		case unicode.IsDigit(r):
			digit++
		case r == '-':
			hyph = true
		}
	}
	first, _ := utf8.DecodeRuneInString(s)
	switch {
	case digit > 0:
		return shAlnum
	case upper == 0:
		if hyph {
			return shLowHyph
		}
		return shLower
	case lower == 0 && upper == 1:
		return shOneCap
	case lower == 0:
		return shAllCaps
	case !unicode.IsUpper(first) || innerCap:
		return shInnerCap
	case hyph:
		return shCapHyph
	}
	return shCap
}

// kindShapes holds shapeOf's shape of a token of every kind but Word, by
// kind.
var kindShapes = func() (ks [256]uint8) {
	for k := range ks {
		ks[k] = shapeOf(&Token{Kind: TokenKind(k)})
	}
	return ks
}()

func capital(sh uint8) bool { return sh == shCap || sh == shCapHyph || sh == shAllCaps }

// Lexicon feature of a token: which kind of lexicon mention covers it.
func lexCode(m *Mention, inside bool) uint8 {
	c := uint8(1)
	switch m.Type {
	case lexicon.Person:
		c = 1
	case lexicon.Country:
		c = 2
	case lexicon.Location:
		c = 3
	case lexicon.Organization:
		c = 4
	case lexicon.Base:
		c = 5
	}
	switch m.Via {
	case ViaDemonym:
		c += 8
	case ViaMetonym:
		c += 16
	}
	if inside {
		c += 32
	}
	return c
}

// nerScratch holds the per-document arrays of the tagger, reused through a pool.
type nerScratch struct {
	hk     []uint64 // hash of each token's Key
	shape  []uint8
	lex    []uint8 // lexicon code, 0 if none
	first  []bool  // first token of its sentence (or after an opening quote)
	tags   []uint8
	doc    []docSlot // the document's words: open addressing on the key hash (docLower only of keys out of the vocabulary: see lowDoc)
	docMsk uint64
	docGen uint32
	// lowDoc holds, by vocabulary id, the lowGen of the last document that
	// wrote the key in lower case: docLower of the keys of the vocabulary,
	// which prepare does not mark in doc (a store instead of a probe, for
	// five tokens in ten). The entry at nVocab is written for the keys out
	// of the vocabulary, and never read.
	lowDoc []uint8
	lowGen uint8 // the document's number for lowDoc; it is cleared when lowGen wraps
	// lowOut holds the hashes of the lower-case keys out of the vocabulary,
	// marked docLower in doc after the tokens only if capKeys may hold them
	// (docFlags is asked only of capitalised words).
	lowOut  []uint64
	capKeys [16]uint64 // a bit filter of the hashes of the capitalised words' keys
	nVocab  uint       // the vocabulary's size (keyTable.byID)
	feats   []uint32
	cover   []bool
	cls     []uint32  // word classes of each token's key (classOf)
	fn      []uint8   // the first-name group of each token's key (Matcher.firstName)
	ids     []int32   // vocabulary ids of the token keys (Matcher.keyIDs)
	low     []uint8   // the keyTable bits of each token's key (keyLowVoc …), keyLowHead also for one out of the vocabulary
	cand    []bool    // scored after an O (a candidate, lexicon tokens included): see tag
	mod     *nerModel // the model of the keyTable that filled low
	parens  []int32   // the tokens "(", where longForms looks
	cues    []int32   // the tokens of a class of cueClasses, where rule passes start
	caps    []int32   // the tokens of shape shCap, shCapHyph, shAllCaps or shAlnum
	upper   []int32   // the tokens whose Norm is capitalised (Token.Cap)
	// spread's
	targets []spreadTarget
	owner   []int32
}

// docSlot records how a word is written in a document.
type docSlot struct {
	h     uint64 // key hash
	gen   uint32 // the document (nerScratch.docGen) it is of; another: empty
	flags uint8  // docLower, docCapInside
}

const (
	docLower     = 1 << iota // written in lower case somewhere
	docCapInside             // written capitalised, not first in its sentence
)

func (s *nerScratch) docMark(h uint64, f uint8) {
	h = max(h, 1) // (0 and 1 are one word, as when 0 marked an empty slot)
	for i := h & s.docMsk; ; i = (i + 1) & s.docMsk {
		sl := &s.doc[i]
		if sl.gen != s.docGen {
			*sl = docSlot{h, s.docGen, f}
			return
		}
		if sl.h == h {
			sl.flags |= f
			return
		}
	}
}

func (s *nerScratch) docFlags(h uint64) uint8 {
	h = max(h, 1)
	for i := h & s.docMsk; ; i = (i + 1) & s.docMsk {
		sl := &s.doc[i]
		if sl.gen != s.docGen {
			return 0
		}
		if sl.h == h {
			return sl.flags
		}
	}
}

// docFlagsOf returns the document flags of the key of token i: docFlags of
// its hash, and docLower from lowDoc for a key of the vocabulary.
func (s *nerScratch) docFlagsOf(i int) uint8 {
	f := s.docFlags(s.hk[i])
	if j := uint(s.ids[i]); j < s.nVocab && s.lowDoc[j] == s.lowGen {
		f |= docLower
	}
	return f
}

// newDoc readies the table of the document's words for n tokens: the slots
// of other documents count as empty, and are cleared only once in 2^32
// documents.
func (s *nerScratch) newDoc(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	if s.docGen++; s.docGen == 0 {
		clear(s.doc[:cap(s.doc)])
		s.docGen = 1
	}
	s.doc = resize(s.doc, size)
	s.docMsk = uint64(size - 1)
}

var nerPool = sync.Pool{New: func() any { return new(nerScratch) }}

// grow returns s with length n and every element zero. clear, which is one
// memclr, not a loop over the elements (the recogniser clears four arrays a
// document: a loop took 3% of recognition).
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// isLowerLatin reports whether s is one or more of the letters a to z, the
// lower-case letters of Latin-1 (é, à, ç, ß …) and œ: a word shapeOf calls
// shLower, recognised without decoding a rune.
func isLowerLatin(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z':
		case c == 0xC3 && i+1 < len(s) && 0x9F <= s[i+1] && s[i+1] <= 0xBF && s[i+1] != 0xB7:
			i++
		case c == 0xC5 && i+1 < len(s) && s[i+1] == 0x93:
			i++
		default:
			return false
		}
	}
	return len(s) > 0
}

// capitalAZ reports whether norm, a word whose key is one or more of the
// letters a to z, is that key with a capital first letter (Paris, Le): a
// word shapeOf calls shCap, told without reading it byte by byte.
func capitalAZ(norm, key string) bool {
	return len(norm) > 1 && len(norm) == len(key) && norm[0]-'A' < 26 && norm[1:] == key[1:]
}

// resize returns s with length n, its elements left as they were.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// prepare fills the per-token arrays of d from its tokens and lexicon
// mentions; kt gives the hash and classes of the keys of the vocabulary.
func (s *nerScratch) prepare(d *Doc, m *Matcher, kt *keyTable) {
	n := len(d.Tokens)
	s.hk = resize(s.hk, n) // the five set for every token below
	s.shape = resize(s.shape, n)
	s.first = resize(s.first, n)
	s.cls = resize(s.cls, n)
	s.low = resize(s.low, n)
	s.fn = resize(s.fn, n)
	s.cand = grow(s.cand, n)
	s.lex = grow(s.lex, n)
	s.tags = grow(s.tags, n)
	s.cover = grow(s.cover, n)
	s.ids = m.keyIDs(d, false)
	s.mod = kt.mod
	s.newDoc(n)
	s.nVocab = uint(len(kt.byID))
	if len(s.lowDoc) <= len(kt.byID) {
		s.lowDoc = make([]uint8, len(kt.byID)+1)
	}
	if s.lowGen++; s.lowGen == 0 {
		clear(s.lowDoc)
		s.lowGen = 1
	}
	lowDoc, nVocab, gen := s.lowDoc[:s.nVocab+1], s.nVocab, s.lowGen

	s.parens, s.cues, s.caps, s.upper = s.parens[:0], s.cues[:0], s.caps[:0], s.upper[:0]
	s.lowOut = s.lowOut[:0]
	s.capKeys = [16]uint64{}
	ids := s.ids[:n]
	byID, rare, mod := kt.byID[:nVocab], kt.rare, kt.mod
	known := uint8(0) // keyKnown when the table has the model's word sets
	if mod != nil {
		known = keyKnown
	}
	brk, sent := true, 0 // the token before i makes i first (brk); its sentence
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Norm == "(" {
			s.parens = append(s.parens, int32(i))
		}
		// the hash, classes and bits of the key: from the key table for a
		// key of the vocabulary, else hashed (and the key's bytes tested
		// in the same loop). The shape: isLowerLatin is shapeOf's shLower,
		// the common case quicker; when Norm is Key (most lower-case words:
		// the same bytes, which == tells at once), the key table or the
		// hash loop has the answer, and so for a word that is its key but
		// for a capital first letter (capitalAZ: Paris, Le; shapeOf read
		// it byte by byte)
		var h uint64
		var c uint32
		var low, fn uint8
		sh := shLower
		if id := uint(ids[i]); id < nVocab {
			in := &byID[id]
			h, c, low, fn = in.h, in.cls, in.low|known, in.fn
			switch {
			case t.Kind != Word:
				sh = kindShapes[t.Kind]
			case t.Norm == t.Key:
				if low&keyAZ == 0 {
					sh = shapeOf(t)
				}
			case low&keyAZ != 0 && capitalAZ(t.Norm, t.Key):
				sh = shCap
			case !isLowerLatin(t.Norm):
				sh = shapeOf(t)
			}
		} else {
			var az bool
			h, az = hashAZ(t.Key)
			c = rare.classesOf(h, t.Key)
			switch {
			case t.Kind != Word:
				sh = kindShapes[t.Kind]
			case az && t.Norm == t.Key:
			case az && capitalAZ(t.Norm, t.Key):
				sh = shCap
			case !isLowerLatin(t.Norm):
				sh = shapeOf(t)
			}
		}
		s.hk[i], s.cls[i], s.fn[i] = h, c, fn
		if c&cueClasses != 0 {
			s.cues = append(s.cues, int32(i))
		}
		s.shape[i] = sh
		if sh != shLower && sh != shLowHyph && t.Cap() { // (a lower-case shape has no capital)
			s.upper = append(s.upper, int32(i))
		}
		// first in its sentence, or after an opening quote, a colon or a dash
		first := brk || t.Sentence != sent
		s.first[i], sent, brk = first, t.Sentence, false
		switch sh {
		case shPunct: // (the shape of every Punct token, and of no other)
			brk = t.Norm == ":" || t.Norm == "-" || t.Norm == "–" || t.Norm == "—"
		case shQuote:
			brk = t.Kind == OpenQuote
		case shLower, shLowHyph:
			// a key of the vocabulary by its id (a store, no probe), one
			// out of it in doc
			j := min(uint(ids[i]), nVocab)
			lowDoc[j] = gen
			if j == nVocab {
				s.lowOut = append(s.lowOut, h)
			}
			if low&keyKnown == 0 && kt.mod != nil && kt.mod.lowHead.has(uint32(h)) {
				low |= keyLowHead
			}
			s.cand[i] = low&keyLowHead != 0
		case shCap, shCapHyph, shAllCaps:
			if !first {
				s.docMark(h, docCapInside)
			}
			s.capKeys[h>>60] |= 1 << (h >> 54 & 63)
			s.cand[i] = true
			s.caps = append(s.caps, int32(i))
			if low&keyKnown == 0 && mod != nil {
				// a capitalised word out of the vocabulary is scored: its
				// lowVoc bit, a cache miss or two, is read here, where the
				// next tokens' work hides the wait, rather than in the
				// tagger's chain of loads (inLowVoc)
				if mod.lowVoc.has(uint32(h)) {
					low |= keyLowVoc
				}
				low |= keyVocKnown
			}
		case shAlnum:
			s.cand[i] = true
			s.caps = append(s.caps, int32(i))
		case shOneCap, shInnerCap:
			s.cand[i] = true
		}
		s.low[i] = low
	}
	for _, h := range s.lowOut {
		if s.capKeys[h>>60]&(1<<(h>>54&63)) != 0 {
			s.docMark(h, docLower)
		}
	}
	for k := range d.Mentions {
		mm := &d.Mentions[k]
		if mm.Via == ViaPattern || mm.Via == ViaCoref || mm.TokEnd > n {
			continue
		}
		if mm.TokEnd-mm.Tok == 1 && mm.Span != d.Tokens[mm.Tok].Span {
			continue // a part of a hyphenated token
		}
		for i := mm.Tok; i < mm.TokEnd; i++ {
			if s.lex[i] == 0 {
				s.lex[i] = lexCode(mm, i > mm.Tok)
				s.cand[i] = true
			}
		}
	}
}

// inLowVoc reports whether the key of token i is in mod's lowVoc.
func (s *nerScratch) inLowVoc(mod *nerModel, i int) bool {
	if s.low[i]&(keyKnown|keyVocKnown) != 0 && s.mod == mod {
		return s.low[i]&keyLowVoc != 0
	}
	return mod.lowVoc.has(uint32(s.hk[i]))
}

// candidate reports whether token i is scored at all.
func (s *nerScratch) candidate(d *Doc, mod *nerModel, i int, prev uint8) bool {
	if s.lex[i] != 0 {
		return true
	}
	if prev != tagO {
		return s.cls[i]&cNeverIn == 0
	}
	switch s.shape[i] {
	case shCap, shAllCaps, shOneCap, shCapHyph, shInnerCap, shAlnum:
		return true
	case shLower, shLowHyph:
		return mod.lowHead.has(uint32(s.hk[i]))
	}
	return false
}

// neverInside lists lower-case words that never continue a name: days and
// months (WiNER-fr annotates them as dates, apart from names).
var neverInside = map[string]bool{
	"lundi": true, "mardi": true, "mercredi": true, "jeudi": true, "vendredi": true, "samedi": true, "dimanche": true,
	"janvier": true, "fevrier": true, "mars": true, "avril": true, "mai": true, "juin": true, "juillet": true,
	"aout": true, "septembre": true, "octobre": true, "novembre": true, "decembre": true,
}

// Feature templates.
const (
	fBias = iota + 1
	fW0
	fWm1
	fWp1
	fWm2
	fWp2
	fSuf3
	fSuf4
	fPre3
	fShape
	fShapes
	fPrev
	fPrevW0
	fPrevShape
	fPrev2
	fLex
	fLexM1
	fLexP1
	fFirstName
	fFirstNameM1
	fInit
	fLowVoc
	fDoc
	fWm1W0
	fW0Wp1
	fWm1Wp1
	fLen
	fLexW0
	fParen
	fTitle
	fOrgCue
	fOrgTail
)

// orgCue lists lower-case words (keys) that announce an organisation's name
// a few words later: "la compagnie [Flydubai]", "le quotidien [Bild]",
// "chez [Yves Rocher]".
var orgCue = map[string]bool{
	"societe": true, "groupe": true, "entreprise": true, "compagnie": true, "journal": true, "quotidien": true,
	"hebdomadaire": true, "mensuel": true, "magazine": true, "revue": true, "chaine": true, "radio": true,
	"site": true, "agence": true, "banque": true, "constructeur": true, "club": true, "equipe": true,
	"parti": true, "mouvement": true, "association": true, "organisation": true, "ong": true, "syndicat": true,
	"fabricant": true, "firme": true, "marque": true, "operateur": true, "assureur": true, "laboratoire": true,
	"geant": true, "chez": true, "lycee": true, "college": true, "ecole": true, "hopital": true, "hotel": true,
	"boutique": true, "label": true, "studio": true, "editeur": true, "collectif": true, "filiale": true,
	"multinationale": true, "conglomerat": true, "enseigne": true, "distributeur": true, "cabinet": true,
	"formation": true, "media": true, "titre": true, "fondateur": true, "pdg": true, "patron": true,
	"directeur": true, "president": true, "porte-parole": true, "membres": true, "militants": true,
	"dirigeants": true, "salaries": true, "actionnaire": true, "rachat": true, "federation": true,
}

// orgTail lists capitalised words (keys) that end organisations' names:
// "Turkish Airlines", "Energy Transfer Partners", "Oddo et Cie".
var orgTail = map[string]bool{
	"airlines": true, "airways": true, "partners": true, "group": true, "groupe": true, "inc": true, "sa": true,
	"ltd": true, "corporation": true, "corp": true, "bank": true, "foundation": true, "institute": true,
	"university": true, "club": true, "fc": true, "united": true, "caucus": true, "records": true, "media": true,
	"news": true, "press": true, "times": true, "post": true, "telecom": true, "energy": true, "motors": true,
	"television": true, "network": true, "systems": true, "technologies": true, "international": true,
	"holding": true, "holdings": true, "capital": true, "entertainment": true, "studios": true, "pictures": true,
	"company": true, "co": true, "ag": true, "gmbh": true, "spa": true, "sas": true, "sarl": true, "cie": true,
	"conseil": true, "france": true, "association": true, "agency": true, "council": true, "committee": true,
	"party": true, "league": true, "federation": true, "service": true, "services": true, "solutions": true,
}

const noTok = 0x5bd1e995

func suffixHash(k string, n int) uint64 {
	if len(k) <= n {
		return hashString(k) ^ 0x77
	}
	return hashString(k[len(k)-n:])
}

// features appends the feature hashes of token i given the two previous tags.
func (s *nerScratch) features(d *Doc, m *Matcher, mod *nerModel, i int, prev, prev2 uint8, out []uint32) []uint32 {
	t := &d.Tokens[i]
	sent := t.Sentence
	at := func(j int) uint64 {
		if j < 0 || j >= len(d.Tokens) || d.Tokens[j].Sentence != sent {
			return noTok
		}
		return s.hk[j]
	}
	shp := func(j int) uint64 {
		if j < 0 || j >= len(d.Tokens) || d.Tokens[j].Sentence != sent {
			return 99
		}
		return uint64(s.shape[j])
	}
	lx := func(j int) uint64 {
		if j < 0 || j >= len(d.Tokens) || d.Tokens[j].Sentence != sent {
			return 99
		}
		return uint64(s.lex[j])
	}
	w0, wm1, wp1 := s.hk[i], at(i-1), at(i+1)
	sh := uint64(s.shape[i])
	p := uint64(prev)
	first := uint64(0)
	if s.first[i] {
		first = 1
	}
	out = append(out,
		mix(fBias, 0, 0),
		mix(fW0, w0, 0),
		mix(fWm1, wm1, 0),
		mix(fWp1, wp1, 0),
		mix(fWm2, at(i-2), 0),
		mix(fWp2, at(i+2), 0),
		mix(fSuf3, suffixHash(t.Key, 3), 0),
		mix(fSuf4, suffixHash(t.Key, 4), 0),
		mix(fPre3, hashString(t.Key[:min(3, len(t.Key))]), 0),
		mix(fShape, sh, first),
		mix(fShapes, shp(i-1)<<16|sh<<8|shp(i+1), 0),
		mix(fPrev, p, 0),
		mix(fPrevW0, p, w0),
		mix(fPrevShape, p, sh),
		mix(fPrev2, p, uint64(prev2)),
		mix(fLex, lx(i), 0),
		mix(fLexM1, lx(i-1), lx(i+1)),
		mix(fLexP1, lx(i+1), sh),
		mix(fWm1W0, wm1, w0),
		mix(fW0Wp1, w0, wp1),
		mix(fWm1Wp1, wm1, wp1),
		mix(fLen, uint64(min(utf8.RuneCountInString(t.Key), 12)), sh),
		mix(fLexW0, lx(i), w0),
	)
	if capital(s.shape[i]) {
		if g := m.firstName(s.ids[i]); g != 0 {
			out = append(out, mix(fFirstName, uint64(g), shp(i+1)))
		}
	}
	if i > 0 && d.Tokens[i-1].Sentence == sent && capital(s.shape[i-1]) {
		if g := m.firstName(s.ids[i-1]); g != 0 {
			out = append(out, mix(fFirstNameM1, uint64(g), sh))
		}
	}
	low := uint64(0)
	if s.inLowVoc(mod, i) {
		low = 1
	}
	out = append(out, mix(fLowVoc, low, first<<8|sh))
	if capital(s.shape[i]) {
		out = append(out, mix(fDoc, uint64(s.docFlagsOf(i)), first))
	}
	// an organisation cue up to three words before: "la compagnie [Turkish]
	// Airlines" (articles, elisions and quotes not counted)
	for j, k := i-1, 0; j >= 0 && k < 3 && d.Tokens[j].Sentence == sent; j-- {
		if s.cls[j]&cModelCue != 0 {
			out = append(out, mix(fOrgCue, uint64(k), sh))
			break
		}
		if s.shape[j] != shElision && s.shape[j] != shQuote && s.cls[j]&cWeakLead == 0 {
			k++
		}
	}
	// an organisation word ending the capitalised words that follow
	if capital(s.shape[i]) || s.shape[i] == shInnerCap {
		for j := i + 1; j < i+4 && j < len(d.Tokens) && d.Tokens[j].Sentence == sent; j++ {
			if s.cls[j]&cModelTail != 0 && (capital(s.shape[j]) || s.shape[j] == shInnerCap) {
				out = append(out, mix(fOrgTail, uint64(j-i), 0))
				break
			}
			if !capital(s.shape[j]) && s.shape[j] != shInnerCap && d.Tokens[j].Key != "et" && d.Tokens[j].Key != "&" {
				break
			}
		}
	}
	if i > 0 && i+1 < len(d.Tokens) && d.Tokens[i-1].Norm == "(" && d.Tokens[i+1].Norm == ")" {
		out = append(out, mix(fParen, sh, 0))
	}
	return out
}

// score sets sc to the sum of the weights of feats, maxPacked features at a
// time (see scorePacked).
func (mod *nerModel) score(feats []uint32, sc *[nTags]int32) {
	*sc = [nTags]int32{}
	n := max(mod.maxPacked, 1)
	for lo := 0; lo < len(feats); lo += n {
		mod.scorePacked(feats[lo:min(lo+n, len(feats))], sc)
	}
}

// scorePacked adds the weights of at most maxPacked features to sc. Each
// look-up reads a feature's two cuckoo slots and picks its row (or the zero
// row) without a branch: features are present or absent at random, and a
// mispredicted branch a feature cost more than the loads.
//
// The sums are computed three tags at a time, in the 21-bit lanes of a
// uint64 (packed): with at most maxPacked features, every sum lies in
// (-2^20, 2^20) and the lanes are recovered exactly, carries and all, from
// the low lane up.
func (mod *nerModel) scorePacked(feats []uint32, sc *[nTags]int32) {
	a0, a1, a2 := mod.sumPacked(feats, 0, 0, 0)
	unpackScores([3]uint64{a0, a1, a2}, sc)
}

// sumPacked adds the packed rows of feats to a0, a1 and a2 (see
// scorePacked): it finds the rows of up to 16 features (findRows), then
// adds them up, two loops with few values live each, which the compiler
// keeps in registers (in one loop it kept half of them on the stack).
func (mod *nerModel) sumPacked(feats []uint32, a0, a1, a2 uint64) (uint64, uint64, uint64) {
	var rows [16]uint32
	for len(feats) > 0 {
		k := min(len(feats), len(rows))
		mod.findRows(feats[:k], rows[:k])
		packed := mod.packed
		for _, r := range rows[:k] {
			p := &packed[r]
			a0 += p[0]
			a1 += p[1]
			a2 += p[2]
		}
		feats = feats[k:]
	}
	return a0, a1, a2
}

// findRows sets rows[j] to find(feats[j]) for every j: the two slots of
// each feature read and its row (or the zero row) picked by masks, without
// a branch (features are present or absent at random, and a mispredicted
// branch a feature cost more than the loads). It has no shift by a
// variable, which x86 makes in one register (CX) only: a slot's index, the
// top bits of a 32-bit hash g, is g·len(slots)>>32, and the key the slot
// holds above its row bits is h times keyMul (see slotsOf).
func (mod *nerModel) findRows(feats []uint32, rows []uint32) {
	slots := mod.slots
	n := uint64(len(slots))
	rowMask := mod.rowMask()
	ka, kb := mod.keyMul[0], mod.keyMul[1]
	rows = rows[:len(feats)]
	for j, h := range feats {
		h = max(h, 1)
		a, b := slots[uint64(h*0x9E3779B1)*n>>32], slots[uint64(h*0x85EBCA77)*n>>32]
		// all ones where the slot holds h, else zero
		ma := uint32((uint64(a&^rowMask^h*ka) - 1) >> 32)
		mb := uint32((uint64(b&^rowMask^(h*kb|(rowMask+1))) - 1) >> 32)
		rows[j] = (a&ma | (b|^mb)&^ma) & rowMask
	}
}

// unpackScores adds the nine sums packed in acc (see scorePacked) to sc.
func unpackScores(acc [3]uint64, sc *[nTags]int32) {
	for g, a := range acc {
		for k := 3 * g; k < 3*g+3; k++ {
			v := int64(a<<43) >> 43 // the low lane, sign-extended
			sc[k] += int32(v)
			a = uint64((int64(a) - v) >> 21)
		}
	}
}

// tag sets s.tags for every token of d, greedily left to right. It scores
// the candidates only (see candidate), and jumps over the runs of other
// tokens after an O, which stay O.
func (s *nerScratch) tag(d *Doc, m *Matcher, mod *nerModel) {
	var sc [nTags]int32
	n := len(d.Tokens)
	cand := s.cand[:n]
	prev, prev2 := tagO, tagO
	for i := 0; i < n; i++ {
		if i > 0 && d.Tokens[i].Sentence != d.Tokens[i-1].Sentence {
			prev, prev2 = tagO, tagO
		}
		if prev == tagO && !cand[i] {
			for i+1 < n && !cand[i+1] {
				i++
			}
			prev2, prev = tagO, tagO
			continue
		}
		if prev != tagO && s.lex[i] == 0 && s.cls[i]&cNeverIn != 0 {
			prev2, prev = prev, tagO
			continue
		}
		s.scoreToken(d, m, mod, i, prev, prev2, &sc)
		t := tagO
		if prev == tagO {
			// after O, O and the B tags (the first best, as below)
			best := sc[tagO]
			for _, k := range [...]uint8{tagBPer, tagBLoc, tagBOrg, tagBMisc} {
				if sc[k] > best {
					best, t = sc[k], k
				}
			}
		} else {
			best := int32(math.MinInt32)
			for k := uint8(0); k < nTags; k++ {
				if validNext(prev, k) && sc[k] > best {
					best, t = sc[k], k
				}
			}
		}
		s.tags[i] = t
		prev2, prev = prev, t
	}
}
