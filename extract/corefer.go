package extract

import (
	"cmp"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

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
// Grouping runs in lexicon-only mode too.
type Grouper struct{}

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

// groupKey is a name of a type, folded.
type groupKey struct {
	typ EntityType
	key string
}

// groupScratch holds Group's per-document tables, reused through a pool.
type groupScratch struct {
	gs      []group
	of      []int
	index   []int
	count   []int
	words   []string // the words of every group, one after the other
	nwords  []int    // group → len(its words), side by side for the joins loop
	ini     []byte   // the initials of every group, one after the other
	order   []mentionOrder
	ms      []Mention
	byEntry map[*lexicon.Entry]int
	byName  map[groupKey]int // by folded name
	byText  map[groupKey]int // by name as written: a name met again is not folded again

	// entries keeps the folded name of the lexicon entries met and its
	// words from one document to the next (entries are read-only): up to
	// maxEntryNames of them.
	entries map[*lexicon.Entry]entryName
}

// entryName is the folded name of a lexicon entry and its words.
type entryName struct {
	key   string
	words []string
}

const maxEntryNames = 1 << 14

// entryName returns the folded name of e and its words, made once.
func (sc *groupScratch) entryName(e *lexicon.Entry) entryName {
	if n, ok := sc.entries[e]; ok {
		return n
	}
	if len(sc.entries) >= maxEntryNames {
		clear(sc.entries)
	}
	key := lexicon.Fold(e.Name)
	n := entryName{key: key, words: appendWords(nil, key)}
	sc.entries[e] = n
	return n
}

var groupPool = sync.Pool{New: func() any {
	return &groupScratch{byEntry: map[*lexicon.Entry]int{}, byName: map[groupKey]int{}, byText: map[groupKey]int{},
		entries: map[*lexicon.Entry]entryName{}}
}}

// Group sorts and de-overlaps d.Mentions, then sets d.Entities and every
// Mention.Entity.
func (g *Grouper) Group(d *Doc) {
	sc := groupPool.Get().(*groupScratch)
	defer func() {
		clear(sc.gs)
		clear(sc.words)
		clear(sc.ms)
		sc.gs, sc.words, sc.ms, sc.ini = sc.gs[:0], sc.words[:0], sc.ms[:0], sc.ini[:0]
		clear(sc.byEntry)
		clear(sc.byName)
		clear(sc.byText)
		groupPool.Put(sc)
	}()
	sc.dedupe(d)
	d.Entities = d.Entities[:0]
	if len(d.Mentions) == 0 {
		return
	}
	gs := sc.gs[:0]
	byEntry, byName := sc.byEntry, sc.byName
	of := grow(sc.of, len(d.Mentions)) // mention → group
	sc.of = of
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Entry != nil {
			k, ok := byEntry[m.Entry]
			if !ok {
				k = len(gs)
				byEntry[m.Entry] = k
				en := sc.entryName(m.Entry)
				gs = append(gs, sc.newGroup(m.Type, m.Entry.Name, en.key, en.words, m.Entry, m.Gender, i, k))
			}
			of[i] = k
			continue
		}
		name := m.Name
		if name == "" {
			name = Normalize(d.Slice(m.Span))
		}
		if k, ok := sc.byText[groupKey{m.Type, name}]; ok {
			of[i] = k
			continue
		}
		key := groupKey{m.Type, lexicon.Fold(name)}
		k, ok := byName[key]
		if !ok {
			k = len(gs)
			byName[key] = k
			gs = append(gs, sc.newGroup(m.Type, name, key.key, nil, nil, m.Gender, i, k))
		}
		sc.byText[groupKey{m.Type, name}] = k
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

// newGroup returns the group of name, whose Fold is key; its words
// (appendWords of key: words when not nil, else computed) are appended to
// sc.words.
func (sc *groupScratch) newGroup(t EntityType, name, key string, words []string, e *lexicon.Entry, gender byte, first, k int) group {
	n := len(sc.words)
	if words != nil {
		sc.words = append(sc.words, words...) // appendWords(key), made before
	} else {
		sc.words = appendWords(sc.words, key)
	}
	g := group{typ: t, name: name, key: key, words: sc.words[n:len(sc.words):len(sc.words)], entry: e, gender: gender, first: first, parent: k}
	g.acr = len(g.words) == 1 && len(name) >= 2 && isUpper(name)
	g.ini0 = len(sc.ini)
	if len(g.words) >= 2 {
		for _, w := range g.words {
			if !particles[w] && w != "" {
				sc.ini = append(sc.ini, w[0])
			}
		}
	}
	g.ini1 = len(sc.ini)
	return g
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

// mentionOrder is where a mention goes in dedupe's order.
type mentionOrder struct{ start, end, i int }

// dedupe sorts mentions by start (longer first; a stable sort) and drops those
// overlapping an earlier kept one.
func (sc *groupScratch) dedupe(d *Doc) {
	ms := d.Mentions
	if !slices.IsSortedFunc(ms, cmpMentions) {
		// Sort the small keys with the index as the last one (as stable as
		// a stable sort), then move each mention once.
		o := sc.order[:0]
		for i := range ms {
			o = append(o, mentionOrder{ms[i].Start, ms[i].End, i})
		}
		slices.SortFunc(o, func(a, b mentionOrder) int {
			if c := cmp.Compare(a.start, b.start); c != 0 {
				return c
			}
			if c := cmp.Compare(b.end, a.end); c != 0 {
				return c
			}
			return cmp.Compare(a.i, b.i)
		})
		sc.order = o
		sc.ms = append(sc.ms[:0], ms...)
		for k, x := range o {
			ms[k] = sc.ms[x.i]
		}
	}
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
}

// cmpMentions orders mentions by start, the longer first.
func cmpMentions(a, b Mention) int {
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	return cmp.Compare(b.End, a.End)
}
