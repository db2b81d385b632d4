package extract

import (
	"cmp"
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

// entryName is what grouping needs of a lexicon entry's name, the same in
// every document.
type entryName struct {
	key   string   // lexicon.Fold(Name)
	words []string // appendWords(nil, key)
	acr   bool     // mayBeAcronym(Name, words)
	ini   []byte   // appendInitials(nil, words)
}

// scratchEntry is a lexicon entry as a groupScratch knows it.
type scratchEntry struct {
	name  *entryName
	stamp uint32 // the groupScratch.stamp of the document group is for
	group int    // the entry's group in that document
}

// entryName returns the entryName of e.
func (g *Grouper) entryName(e *lexicon.Entry) *entryName {
	if v, ok := g.entries.Load(e); ok {
		return v.(*entryName)
	}
	n := &entryName{key: lexicon.Fold(e.Name)}
	n.words = appendWords(nil, n.key)
	n.acr = mayBeAcronym(e.Name, n.words)
	n.ini = appendInitials(nil, n.words)
	v, _ := g.entries.LoadOrStore(e, n)
	return v.(*entryName)
}

// NewGrouper returns a Grouper.
func NewGrouper() *Grouper { return &Grouper{} }

// particles are the words an acronym skips.
var particles = map[string]bool{"de": true, "des": true, "du": true, "d'": true, "la": true, "le": true, "les": true, "l'": true, "et": true, "en": true, "pour": true, "the": true, "of": true, "and": true, "for": true, "a": true, "au": true, "aux": true}

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
	ini0   int  // the first letters of the words, particles aside, when two words or more:
	ini1   int  // groupScratch.ini[ini0:ini1]
}

// groupScratch holds Group's per-document tables, reused through a pool.
type groupScratch struct {
	gs     []group
	of     []int
	index  []int
	count  []int
	words  []string // the words of every group, one after the other
	nwords []int    // group → len(its words), side by side for the joins loop
	ini    []byte   // the initials of every group, one after the other
	// entries holds the lexicon entries this scratch has met, from one
	// document to the next (a scratch serves one goroutine at a time): their
	// names, and their groups in the document whose stamp they have
	entries map[*lexicon.Entry]*scratchEntry
	stamp   uint32         // the document being grouped, counted from 1
	byName  map[string]int // the type, a 0 byte and the folded name, in keys
	// keys holds the keys of byName, which point into it (unsafe.String):
	// they live until Group returns, and the bytes of a key are never
	// written again before (a key is only appended; a new array, when keys
	// grows, leaves the old one to the keys in it).
	keys   []byte
	sorted []Mention // dedupe's scratch
}

var groupPool = sync.Pool{New: func() any {
	return &groupScratch{byName: map[string]int{}, entries: map[*lexicon.Entry]*scratchEntry{}}
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
		clear(sc.byName)
		sc.gs, sc.words, sc.ini, sc.sorted, sc.keys = sc.gs[:0], sc.words[:0], sc.ini[:0], sc.sorted[:0], sc.keys[:0]
		groupPool.Put(sc)
	}()
	sc.sorted = dedupe(d, sc.sorted)
	d.Entities = d.Entities[:0]
	if len(d.Mentions) == 0 {
		return
	}
	gs := sc.gs[:0]
	byName := sc.byName
	of := grow(sc.of, len(d.Mentions)) // mention → group
	sc.of = of
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Entry != nil {
			se := sc.entries[m.Entry]
			if se == nil {
				se = &scratchEntry{name: g.entryName(m.Entry)}
				sc.entries[m.Entry] = se
			}
			if se.stamp != sc.stamp { // the entry's first mention in d
				se.stamp, se.group = sc.stamp, len(gs)
				gs = append(gs, sc.entryGroup(m.Type, se.name, m.Entry, m.Gender, i, se.group))
			}
			of[i] = se.group
			continue
		}
		name := m.Name
		if name == "" {
			name = Normalize(d.Slice(m.Span))
		}
		// the key of byName, made in sc.keys: kept there when it is new
		off := len(sc.keys)
		b := append(append(sc.keys, m.Type...), 0)
		b = appendFold(b, name)
		k, ok := byName[string(b[off:])]
		if !ok {
			k = len(gs)
			key := unsafe.String(&b[off], len(b)-off)
			byName[key] = k
			gs = append(gs, sc.newGroup(m.Type, name, key[len(m.Type)+1:], nil, m.Gender, i, k))
			sc.keys = b
		} else {
			sc.keys = b[:off]
		}
		of[i] = k
	}
	sc.gs = gs
	nw := grow(sc.nwords, len(gs))
	sc.nwords = nw
	for k := range gs {
		nw[k] = len(gs[k].words)
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
		if s.entry != nil && s.entry.Type != lexicon.Person {
			continue
		}
		best := -1
		for t := range gs {
			if nw[t] <= nw[k] || t == k || !joins(s, &gs[t], sc.ini) { // joins needs more words in gs[t]
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
			e := Entity{Type: gs[r].typ, Name: gs[r].name, Entry: gs[r].entry, Gender: gs[r].gender}
			if e.Entry != nil {
				e.Ref = e.Entry.ID
			}
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
	all := make([]int, len(d.Mentions))
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

// newGroup returns the group of name, whose Fold is key; its words are
// appended to sc.words.
func (sc *groupScratch) newGroup(t EntityType, name, key string, e *lexicon.Entry, gender byte, first, k int) group {
	n := len(sc.words)
	sc.words = appendWords(sc.words, key)
	g := group{typ: t, name: name, key: key, words: sc.words[n:len(sc.words):len(sc.words)], entry: e, gender: gender, first: first, parent: k}
	g.acr = mayBeAcronym(name, g.words)
	g.ini0 = len(sc.ini)
	sc.ini = appendInitials(sc.ini, g.words)
	g.ini1 = len(sc.ini)
	return g
}

// entryGroup returns the group of lexicon entry e, whose name is n.
func (sc *groupScratch) entryGroup(t EntityType, n *entryName, e *lexicon.Entry, gender byte, first, k int) group {
	g := group{typ: t, name: e.Name, key: n.key, words: n.words[:len(n.words):len(n.words)], entry: e, gender: gender, first: first, parent: k, acr: n.acr}
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

// appendInitials appends the first letters of words, particles aside, when
// there are two words or more.
func appendInitials(ini []byte, words []string) []byte {
	if len(words) >= 2 {
		for _, w := range words {
			if !particles[w] && w != "" {
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

// groupFoldASCII[c] is groupFold[c] for the ASCII bytes that fold to one
// byte, else 0.
var groupFoldASCII = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		if f := groupFold[c]; len(f) == 1 {
			t[c] = f[0]
		}
	}
	return t
}()

// groupFoldSize bounds the runes of groupFold, as lexicon.Fold's own table.
const groupFoldSize = 0x300

// appendFold appends lexicon.Fold(s) to b, without a string when s has no
// rune from U+0300 on: names in Latin letters.
func appendFold(b []byte, s string) []byte {
	plain := true // lower-case ASCII: Fold returns it as it is
	for i := 0; i < len(s) && plain; i++ {
		plain = s[i] < utf8.RuneSelf && !('A' <= s[i] && s[i] <= 'Z')
	}
	if plain {
		return append(b, s...)
	}
	n := len(b)
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if f := groupFoldASCII[c]; f != 0 {
				b = append(b, f)
			} else {
				b = append(b, groupFold[c]...)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= groupFoldSize { // invalid UTF-8 too (RuneError)
			return append(b[:n], lexicon.Fold(s)...)
		}
		b = append(b, groupFold[r]...)
		i += size
	}
	return b
}

// appendWords appends the words of s to ws as strings.Fields of s with a
// space after every apostrophe would: split at white space, and after each
// apostrophe ("l'énergie" → "l'", "énergie").
func appendWords(ws []string, s string) []string {
	start := -1
	for i, r := range s {
		switch {
		case unicode.IsSpace(r):
			if start >= 0 {
				ws = append(ws, s[start:i])
				start = -1
			}
		case r == '\'':
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
	}
	if start >= 0 {
		ws = append(ws, s[start:])
	}
	return ws
}

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
		if same && (short.entry == nil || short.entry.Type == lexicon.Person) {
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
	out := ms[:0]
	end := -1
	for _, m := range ms {
		if m.Start < end {
			continue
		}
		out = append(out, m)
		end = m.End
	}
	d.Mentions = out
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
