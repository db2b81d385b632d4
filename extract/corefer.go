package extract

import (
	"sort"
	"strings"

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
	typ      EntityType
	name     string
	key      string   // folded name
	words    []string // folded words of the name
	entry    *lexicon.Entry
	gender   byte
	first    int    // first mention
	parent   int    // union-find
	acr      bool   // one word in capitals: may be an acronym
	initials string // first letters of the words, particles aside
}

// Group sorts and de-overlaps d.Mentions, then sets d.Entities and every
// Mention.Entity.
func (g *Grouper) Group(d *Doc) {
	dedupe(d)
	d.Entities = d.Entities[:0]
	if len(d.Mentions) == 0 {
		return
	}
	gs := make([]group, 0, len(d.Mentions))
	byEntry := map[*lexicon.Entry]int{}
	byName := map[string]int{}
	of := make([]int, len(d.Mentions)) // mention → group
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Entry != nil {
			k, ok := byEntry[m.Entry]
			if !ok {
				k = len(gs)
				byEntry[m.Entry] = k
				gs = append(gs, newGroup(m.Type, m.Entry.Name, m.Entry, m.Gender, i, k))
			}
			of[i] = k
			continue
		}
		name := m.Name
		if name == "" {
			name = Normalize(d.Slice(m.Span))
		}
		key := string(m.Type) + "\t" + lexicon.Fold(name)
		k, ok := byName[key]
		if !ok {
			k = len(gs)
			byName[key] = k
			gs = append(gs, newGroup(m.Type, name, nil, m.Gender, i, k))
		}
		of[i] = k
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
			if t == k || !joins(s, &gs[t]) {
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
	index := make([]int, len(gs))
	for k := range index {
		index[k] = -1
	}
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
		e.Mentions = append(e.Mentions, i)
	}
}

func newGroup(t EntityType, name string, e *lexicon.Entry, gender byte, first, k int) group {
	key := lexicon.Fold(name)
	g := group{typ: t, name: name, key: key, words: strings.Fields(strings.ReplaceAll(key, "'", "' ")), entry: e, gender: gender, first: first, parent: k}
	g.acr = len(g.words) == 1 && len(name) >= 2 && strings.ToUpper(name) == name
	if len(g.words) >= 2 {
		var b []byte
		for _, w := range g.words {
			if !particles[w] && w != "" {
				b = append(b, w[0])
			}
		}
		g.initials = string(b)
	}
	return g
}

// joins reports whether short names the same entity as the longer long: a
// person's surname (the last words of the full name), or an acronym of long.
func joins(short, long *group) bool {
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
	return short.acr && short.entry == nil && len(long.initials) >= 2 && long.initials == short.key
}

// dedupe sorts mentions by start (longer first) and drops those overlapping an
// earlier kept one.
func dedupe(d *Doc) {
	ms := d.Mentions
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		return ms[i].End > ms[j].End
	})
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
