package extract

import (
	"cmp"
	"hash/maphash"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/quidit/quidit/lexicon"
)

// Grouper groups the mentions of a document into entities:
//
//   - the mentions of one lexicon entry;
//   - the mentions of one name, case and accents aside ("Teria News", "TERIA
//     NEWS"), per type;
//   - a surname alone ("Milley") with the person named in full ("Mark
//     Milley"): the nearest full name before it, else the first after it, so
//     a full name seen later upgrades the surname mentions before it;
//   - an acronym with its long form: defined in parentheses ("Wall Street
//     Journal (WSJ)", see Recognizer) or whose letters are the initials of
//     the long form's words ("ONU", "Organisation des Nations unies").
//
// Grouping runs in lexicon-only mode too. A Grouper is safe for concurrent
// use.
type Grouper struct {
	entries sync.Map // *lexicon.Entry → *entryName, made the first time the entry is met
}

// entryName is what grouping needs of a lexicon entry, the same in every
// document.
type entryName struct {
	key    string   // lexicon.Fold(Name)
	words  []string // appendWords(nil, key)
	acr    bool     // mayBeAcronym(Name, words)
	person bool     // Type is Person
	ini    []byte   // appendInitials(nil, words)
	name   string   // Name
	ref    string   // ID
	sig    uint32   // lastWordSig(words): the words' bytes are not read again
}

// scratchEntry is a lexicon entry as a groupScratch knows it: with a copy of
// its entryName, so that a document's groups read neither the entry nor the
// Grouper's map (often out of cache).
type scratchEntry struct {
	entryName
	stamp uint32 // the groupScratch.stamp of the document group is for
	group int    // the entry's group in that document
}

// entryName returns the entryName of e.
func (g *Grouper) entryName(e *lexicon.Entry) *entryName {
	if v, ok := g.entries.Load(e); ok {
		return v.(*entryName)
	}
	n := &entryName{key: lexicon.Fold(e.Name), person: e.Type == lexicon.Person, name: e.Name, ref: e.ID}
	n.words = appendWords(nil, n.key)
	n.acr = mayBeAcronym(e.Name, n.words)
	n.ini = appendInitials(nil, n.words)
	n.sig = lastWordSig(n.words)
	v, _ := g.entries.LoadOrStore(e, n)
	return v.(*entryName)
}

// NewGrouper returns a Grouper.
func NewGrouper() *Grouper { return &Grouper{} }

// isParticle reports whether w is one of the words an acronym skips (a
// switch: a map look-up hashed every word of every new name).
func isParticle(w string) bool {
	switch w {
	case "de", "des", "du", "d'", "la", "le", "les", "l'", "et", "en", "pour", "the", "of", "and", "for", "a", "au", "aux":
		return true
	}
	return false
}

// group is a provisional entity.
type group struct {
	typ    EntityType
	name   string
	key    string   // folded name
	words  []string // folded words of the name
	entry  *lexicon.Entry
	gender byte
	first  int  // first mention
	parent int  // union-find
	acr    bool // one word in capitals: may be an acronym
	// entryPerson is set when entry is a Person, ref is its ID: read
	// here, the entry itself (often out of cache) is not.
	entryPerson bool
	ref         string
	ini0        int    // the first letters of the words, particles aside, when two words or more:
	ini1        int    // groupScratch.ini[ini0:ini1]
	sig         uint32 // lastWordSig(words), made with the words
}

// groupScratch holds Group's per-document tables, reused through a pool.
type groupScratch struct {
	gs     []group
	of     []int
	index  []int
	count  []int
	words  []string // the words of every group, one after the other
	nwords []int    // group → len(its words), side by side for the joins loop
	last   []uint32 // group → lastWordSig(its words), beside nwords
	ini    []byte   // the initials of every group, one after the other
	// entries holds the lexicon entries this scratch has met, from one
	// document to the next (a scratch serves one goroutine at a time): their
	// names, and their groups in the document whose stamp they have
	entries map[*lexicon.Entry]*scratchEntry
	stamp   uint32 // the document being grouped, counted from 1
	// byName is an open-addressing table of the groups of names (not
	// entries) by their type and folded name (a group's typ and key): the
	// index of a group + 1 in each slot, 0 in an empty one. Sized and
	// cleared for each document, it costs less than a map of strings (its
	// hashing, and its clearing at the size of the largest document).
	byName []int32
	// keys holds the type, a 0 byte and the folded name of every group of
	// a name, whose key points into it (unsafe.String): they live until
	// Group returns, and the bytes of a key are never written again before
	// (a key is only appended; a new array, when keys grows, leaves the old
	// one to the keys in it).
	keys   []byte
	sorted []Mention // dedupe's scratch
	// mentionIdx is where the entities' mention lists of the documents
	// grouped are cut from, one after the other (see Group)
	mentionIdx []int
}

// groupSeed seeds the hashes of groupScratch.byName.
var groupSeed = maphash.MakeSeed()

var groupPool = sync.Pool{New: func() any {
	return &groupScratch{entries: map[*lexicon.Entry]*scratchEntry{}}
}}

// Group sorts and de-overlaps d.Mentions, then sets d.Entities and every
// Mention.Entity.
func (g *Grouper) Group(d *Doc) {
	sc := groupPool.Get().(*groupScratch)
	if sc.stamp++; sc.stamp == 0 { // after 2^32 documents: the stamps start again
		clear(sc.entries)
		sc.stamp = 1
	}
	defer func() {
		clear(sc.gs)
		clear(sc.words)
		clear(sc.sorted)
		sc.gs, sc.words, sc.ini, sc.sorted, sc.keys = sc.gs[:0], sc.words[:0], sc.ini[:0], sc.sorted[:0], sc.keys[:0]
		groupPool.Put(sc)
	}()
	sc.sorted = dedupe(d, sc.sorted)
	d.Entities = d.Entities[:0]
	if len(d.Mentions) == 0 {
		return
	}
	gs := sc.gs[:0]
	size := 16
	for size < 2*len(d.Mentions) { // at most half full
		size *= 2
	}
	byName := grow(sc.byName, size)
	sc.byName = byName
	clear(byName)
	mask := uint64(size - 1)
	of := grow(sc.of, len(d.Mentions)) // mention → group
	sc.of = of
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Entry != nil {
			se := sc.entries[m.Entry]
			if se == nil {
				se = &scratchEntry{entryName: *g.entryName(m.Entry)}
				sc.entries[m.Entry] = se
			}
			if se.stamp != sc.stamp { // the entry's first mention in d
				se.stamp, se.group = sc.stamp, len(gs)
				gs = append(gs, sc.entryGroup(m.Type, &se.entryName, m.Entry, m.Gender, i, se.group))
			}
			of[i] = se.group
			continue
		}
		name := m.Name
		if name == "" {
			name = Normalize(d.Slice(m.Span))
		}
		// the type and the folded name, made in sc.keys: kept there when
		// they make a new group
		off := len(sc.keys)
		b := append(append(sc.keys, m.Type...), 0)
		b = appendFold(b, name)
		fold := b[off+len(m.Type)+1:]
		j := maphash.Bytes(groupSeed, b[off:]) & mask
		k := -1
		for ; byName[j] != 0; j = (j + 1) & mask {
			if o := &gs[byName[j]-1]; o.typ == m.Type && o.key == string(fold) {
				k = int(byName[j] - 1)
				break
			}
		}
		if k < 0 {
			k = len(gs)
			byName[j] = int32(k + 1)
			key := unsafe.String(&b[off], len(b)-off)[len(m.Type)+1:]
			gs = append(gs, sc.newGroup(m.Type, name, key, nil, m.Gender, i, k))
			sc.keys = b
		} else {
			sc.keys = b[:off]
		}
		of[i] = k
	}
	sc.gs = gs
	nw, last := grow(sc.nwords, len(gs)), grow(sc.last, len(gs))
	sc.nwords, sc.last = nw, last
	for k := range gs {
		nw[k], last[k] = len(gs[k].words), gs[k].sig
	}
	find := func(k int) int {
		for gs[k].parent != k {
			gs[k].parent = gs[gs[k].parent].parent
			k = gs[k].parent
		}
		return k
	}
	// Surnames and acronyms join a longer name.
	for k := range gs {
		s := &gs[k]
		if s.entry != nil && !s.entryPerson {
			continue
		}
		best := -1
		// Unless s may be an acronym (or has no words), it joins only a
		// name whose last word is its own: the others are passed over by
		// their signatures, without a call.
		anyLast := s.acr && s.entry == nil || nw[k] == 0
		for t := range gs {
			if nw[t] <= nw[k] || last[t] != last[k] && !anyLast || !joins(s, &gs[t], sc.ini) { // joins needs more words in gs[t]
				continue
			}
			// nearest full name before the short form's first mention, else the first after
			switch {
			case best < 0:
				best = t
			case gs[t].first < s.first && (gs[best].first > s.first || gs[t].first > gs[best].first):
				best = t
			case gs[t].first > s.first && gs[best].first > s.first && gs[t].first < gs[best].first:
				best = t
			}
		}
		if best >= 0 {
			gs[k].parent = find(best)
		}
	}
	// Entities in order of first mention.
	if cap(d.Entities) < len(gs) {
		d.Entities = make([]Entity, 0, len(gs))
	}
	index := grow(sc.index, len(gs))
	sc.index = index
	for k := range index {
		index[k] = -1
	}
	count := grow(sc.count, len(gs)) // mentions of each entity
	sc.count = count
	for i := range d.Mentions {
		r := find(of[i])
		if index[r] < 0 {
			index[r] = len(d.Entities)
			e := Entity{Type: gs[r].typ, Name: gs[r].name, Entry: gs[r].entry, Gender: gs[r].gender, Ref: gs[r].ref}
			d.Entities = append(d.Entities, e)
		}
		e := &d.Entities[index[r]]
		m := &d.Mentions[i]
		m.Entity = index[r]
		if m.Type != e.Type && m.Via != ViaDemonym && m.Via != ViaMetonym {
			m.Type = e.Type
		}
		if e.Gender == 0 && m.Gender != 0 {
			e.Gender = m.Gender
		}
		count[index[r]]++
	}
	// The entities' mention lists, cut from one array.
	all := sc.mentionIndexes(len(d.Mentions))
	lo := 0
	for k := range d.Entities {
		n := count[k]
		d.Entities[k].Mentions = all[lo : lo : lo+n]
		lo += n
	}
	for i := range d.Mentions {
		e := &d.Entities[d.Mentions[i].Entity]
		e.Mentions = append(e.Mentions, i)
	}
}

// mentionIndexes returns n ints for the entities' mention lists of a
// document, cut from sc.mentionIdx: one allocation for many documents
// rather than one each (allocating each list array made Group ~7% slower).
// The ints are never handed out twice; a new array is made when the last
// one is used up, and the garbage collector frees an array once no
// document's entity points into it (a document kept may hold 32 kB, or
// its own list when longer).
func (sc *groupScratch) mentionIndexes(n int) []int {
	if cap(sc.mentionIdx)-len(sc.mentionIdx) < n {
		sc.mentionIdx = make([]int, 0, max(4096, n))
	}
	l := len(sc.mentionIdx)
	sc.mentionIdx = sc.mentionIdx[:l+n]
	return sc.mentionIdx[l : l+n : l+n]
}

// newGroup returns the group of name, whose Fold is key; its words are
// appended to sc.words.
func (sc *groupScratch) newGroup(t EntityType, name, key string, e *lexicon.Entry, gender byte, first, k int) group {
	n := len(sc.words)
	sc.words = appendWords(sc.words, key)
	g := group{typ: t, name: name, key: key, words: sc.words[n:len(sc.words):len(sc.words)], entry: e, gender: gender, first: first, parent: k}
	g.acr = mayBeAcronym(name, g.words)
	g.sig = lastWordSig(g.words)
	g.ini0 = len(sc.ini)
	sc.ini = appendInitials(sc.ini, g.words)
	g.ini1 = len(sc.ini)
	return g
}

// entryGroup returns the group of lexicon entry e, whose name is n.
func (sc *groupScratch) entryGroup(t EntityType, n *entryName, e *lexicon.Entry, gender byte, first, k int) group {
	g := group{typ: t, name: n.name, key: n.key, words: n.words[:len(n.words):len(n.words)], entry: e, gender: gender, first: first, parent: k, acr: n.acr,
		entryPerson: n.person, ref: n.ref, sig: n.sig}
	g.ini0 = len(sc.ini)
	sc.ini = append(sc.ini, n.ini...)
	g.ini1 = len(sc.ini)
	return g
}

// mayBeAcronym reports whether a name of the given words may be an acronym:
// one word in capitals.
func mayBeAcronym(name string, words []string) bool {
	return len(words) == 1 && len(name) >= 2 && isUpper(name)
}

// lastWordSig returns a signature of the last of words, or 0: its length
// and its first, middle and last bytes. Two words of different signatures
// differ.
func lastWordSig(words []string) uint32 {
	if len(words) == 0 {
		return 0
	}
	w := words[len(words)-1]
	if w == "" {
		return 1 << 31
	}
	return uint32(len(w))<<24 ^ uint32(w[0])<<16 | uint32(w[len(w)/2])<<8 | uint32(w[len(w)-1])
}

// appendInitials appends the first letters of words, particles aside, when
// there are two words or more.
func appendInitials(ini []byte, words []string) []byte {
	if len(words) >= 2 {
		for _, w := range words {
			if w != "" && !isParticle(w) {
				ini = append(ini, w[0])
			}
		}
	}
	return ini
}

// groupFold[r] is what lexicon.Fold makes of the rune r (below
// groupFoldSize) in a string it does not return as it is: each such rune
// folds alone.
var groupFold = func() (t [groupFoldSize]string) {
	for r := range t {
		t[r] = lexicon.Fold("A" + string(rune(r)))[1:] // "A": a string Fold changes
	}
	return t
}()

// groupFoldASCII[c] is the byte groupFold[c] is, for every ASCII byte c:
// each folds to one byte (TestGroupFold checks it).
var groupFoldASCII = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = groupFold[c][0]
	}
	return t
}()

// groupFoldSize bounds the runes of groupFold, as lexicon.Fold's own table.
const groupFoldSize = 0x300

// appendFold appends lexicon.Fold(s) to b, without a string when s has no
// rune from U+0300 on: names in Latin letters. s is copied, then folded in
// place, rune by rune: a rune folds to no more bytes than it has, but for
// two of Latin Extended-B (Ⱥ, Ⱦ), and a name with one of them is folded by
// lexicon.Fold, as one with a rune from U+0300 on.
func appendFold(b []byte, s string) []byte {
	n := len(b)
	b = append(b, s...)
	plain := true // lower-case ASCII: Fold returns it as it is
	for i := 0; i < len(s) && plain; i++ {
		plain = s[i] < utf8.RuneSelf && !('A' <= s[i] && s[i] <= 'Z')
	}
	if plain {
		return b
	}
	out, j := b[n:], 0 // out[:j] is the fold of s[:i]; j <= i
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			out[j] = groupFoldASCII[c]
			i++
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= groupFoldSize || len(groupFold[r]) > size { // invalid UTF-8 too (RuneError)
			return append(b[:n], lexicon.Fold(s)...)
		}
		j += copy(out[j:], groupFold[r])
		i += size
	}
	return b[:n+j]
}

// appendWords appends the words of s to ws as strings.Fields of s with a
// space after every apostrophe would: split at white space, and after each
// apostrophe ("l'énergie" → "l'", "énergie").
func appendWords(ws []string, s string) []string {
	start := -1
	for i := 0; i < len(s); {
		// byte by byte: an ASCII byte is a rune of its own, and a space
		// when asciiSpace says so; only other runes are decoded
		c, size, space := s[i], 1, false
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space:
			if start >= 0 {
				ws = append(ws, s[start:i])
				start = -1
			}
		case c == '\'':
			if start < 0 {
				start = i
			}
			ws = append(ws, s[start:i+1])
			start = -1
		default:
			if start < 0 {
				start = i
			}
		}
		i += size
	}
	if start >= 0 {
		ws = append(ws, s[start:])
	}
	return ws
}

// asciiSpace[c] reports whether unicode.IsSpace(rune(c)), for the ASCII
// bytes.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// isUpper reports whether strings.ToUpper(s) == s, without building it.
func isUpper(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unicode.ToUpper(r) != r {
			return false
		}
		i += size
	}
	return true
}

// joins reports whether short names the same entity as the longer long: a
// person's surname (the last words of the full name), or an acronym of long.
// The groups' initials are in ini.
func joins(short, long *group, ini []byte) bool {
	if len(long.words) <= len(short.words) || long.entry != nil && short.entry != nil {
		return false
	}
	if long.typ == lexicon.Person {
		tail := long.words[len(long.words)-len(short.words):]
		same := true
		for i, w := range short.words {
			if tail[i] != w {
				same = false
				break
			}
		}
		if same && (short.entry == nil || short.entryPerson) {
			return true
		}
	}
	return short.acr && short.entry == nil && long.ini1-long.ini0 >= 2 && string(ini[long.ini0:long.ini1]) == short.key
}

// mentionOrder orders mentions by start, the longer first.
func mentionOrder(a, b *Mention) int {
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	return cmp.Compare(b.End, a.End)
}

// dedupe sorts mentions by start (longer first), stably, and drops those
// overlapping an earlier kept one. buf is scratch memory, returned.
func dedupe(d *Doc, buf []Mention) []Mention {
	ms := d.Mentions
	buf = sortMentions(ms, buf)
	w, end := 0, -1 // mentions kept, the end of the last
	for i := range ms {
		m := &ms[i]
		if m.Start < end {
			continue
		}
		end = m.End
		if w != i { // a mention is copied only once one was dropped before it
			ms[w] = *m
		}
		w++
	}
	d.Mentions = ms[:w]
	return buf
}

// sortMentions sorts ms by mentionOrder, stably, as slices.SortStableFunc
// would. The mentions come in a few sorted runs (the lexicon's, the
// recogniser's), which it merges, two neighbours at a time, through buf
// (scratch memory, returned).
func sortMentions(ms, buf []Mention) []Mention {
	var runs [8]int
	bounds := runs[:0] // the ends of the runs
	for i := 1; i < len(ms); i++ {
		if mentionOrder(&ms[i-1], &ms[i]) > 0 {
			bounds = append(bounds, i)
		}
	}
	if len(bounds) == 0 {
		return buf
	}
	bounds = append(bounds, len(ms))
	for len(bounds) > 1 {
		lo, out := 0, bounds[:0]
		for j := 0; j < len(bounds); j += 2 {
			if j+1 == len(bounds) {
				out = append(out, bounds[j])
				break
			}
			mid, hi := bounds[j], bounds[j+1]
			buf = append(buf[:0], ms[lo:mid]...)
			// the left run from buf, the right one in place: a write never
			// passes the right run's next mention
			l, r, w := 0, mid, lo
			for l < len(buf) && r < hi {
				if mentionOrder(&buf[l], &ms[r]) <= 0 {
					ms[w] = buf[l]
					l++
				} else {
					ms[w] = ms[r]
					r++
				}
				w++
			}
			copy(ms[w:], buf[l:])
			out = append(out, hi)
			lo = hi
		}
		bounds = out
	}
	return buf
}
