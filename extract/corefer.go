package extract

import (
	"sort"
	"strings"

	"github.com/quidit/quidit/lexicon"
)

// Grouper groups mentions into entities: mentions of one lexicon entry, the
// same name written again, and a surname alone after (or before) the full name.
type Grouper struct{}

// NewGrouper returns a Grouper.
func NewGrouper() *Grouper { return &Grouper{} }

// Group sorts and de-overlaps d.Mentions, then sets d.Entities and every
// Mention.Entity.
func (g *Grouper) Group(d *Doc) {
	dedupe(d)
	byEntry := map[*lexicon.Entry]int{}
	byName := map[string]int{}
	var ents []Entity
	newEntity := func(m *Mention) int {
		ents = append(ents, Entity{Type: m.Type, Name: m.Name, Entry: m.Entry, Gender: m.Gender})
		if m.Entry != nil {
			ents[len(ents)-1].Ref = m.Entry.ID
		}
		return len(ents) - 1
	}
	// Pass 1: lexicon entries and full names.
	for i := range d.Mentions {
		m := &d.Mentions[i]
		switch {
		case m.Entry != nil:
			e, ok := byEntry[m.Entry]
			if !ok {
				e = newEntity(m)
				byEntry[m.Entry] = e
			}
			m.Entity = e
		case m.Via != ViaCoref:
			k := string(m.Type) + "\t" + lexicon.Fold(m.Name)
			e, ok := byName[k]
			if !ok {
				e = newEntity(m)
				byName[k] = e
			}
			m.Entity = e
		}
	}
	// Pass 2: short forms (a surname alone) join the entity whose name ends with
	// them; the nearest earlier one, else the first later one.
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Entity >= 0 {
			continue
		}
		key := lexicon.Fold(d.Slice(m.Span))
		best := -1
		for j := range d.Mentions {
			o := &d.Mentions[j]
			if o.Entity < 0 || o.Type != m.Type && m.Type != "" {
				continue
			}
			name := lexicon.Fold(ents[o.Entity].Name)
			if name != key && !strings.HasSuffix(name, " "+key) {
				continue
			}
			if best < 0 || j < i {
				best = o.Entity
			}
			if j > i {
				break
			}
		}
		if best < 0 {
			best = newEntity(m)
		}
		m.Entity = best
	}
	// Order entities by first mention.
	order := make([]int, len(ents))
	for i := range order {
		order[i] = -1
	}
	var sorted []Entity
	for i := range d.Mentions {
		e := d.Mentions[i].Entity
		if order[e] < 0 {
			order[e] = len(sorted)
			sorted = append(sorted, ents[e])
		}
		d.Mentions[i].Entity = order[e]
	}
	for i := range d.Mentions {
		e := &sorted[d.Mentions[i].Entity]
		e.Mentions = append(e.Mentions, i)
	}
	d.Entities = sorted
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
