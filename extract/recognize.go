package extract

import (
	"strings"

	"github.com/quidit/quidit/lexicon"
)

// Recognizer finds the names the lexicon does not hold. A perceptron tagger
// trained on WiNER-fr 2016 (see ner_model.go) proposes typed spans from
// capitalisation, the words around them (titles, first names, organisation
// heads, location cues) and the lexicon's matches; document-level passes then
// type acronyms defined in parentheses and find the other occurrences of the
// names found. It adds mentions with Via ViaPattern (ViaCoref for a short
// form or repetition of a name found elsewhere in the document) and Entity -1.
type Recognizer struct {
	lex   *lexicon.Lexicon
	m     *Matcher
	model *nerModel // nil: no model embedded
	err   error
}

// NewRecognizer returns a recognizer using lex's word lists through m and the
// embedded model.
func NewRecognizer(lex *lexicon.Lexicon, m *Matcher) *Recognizer {
	mod, err := defaultNERModel()
	return &Recognizer{lex: lex, m: m, model: mod, err: err}
}

// Err returns the error met decoding the embedded model, or nil. Without a
// model the recognizer finds nothing but short forms of lexicon names.
func (r *Recognizer) Err() error { return r.err }

// Recognize adds pattern mentions to d. It must run after the lexicon matcher.
func (r *Recognizer) Recognize(d *Doc) {
	if len(d.Tokens) == 0 {
		return
	}
	s := nerPool.Get().(*nerScratch)
	defer nerPool.Put(s)
	s.prepare(d, r.m)
	if r.model != nil {
		s.tag(d, r.m, r.model)
	}
	nLex := len(d.Mentions)
	for k := 0; k < nLex; k++ {
		mm := &d.Mentions[k]
		for i := mm.Tok; i < mm.TokEnd && i < len(s.cover); i++ {
			if mm.TokEnd-mm.Tok > 1 || mm.Span == d.Tokens[i].Span {
				s.cover[i] = true
			}
		}
	}
	for i := 0; i < len(s.tags); {
		t := s.tags[i]
		if t == tagO || isInside(t) {
			i++
			continue
		}
		j := i + 1
		for j < len(s.tags) && s.tags[j] == t+1 {
			j++
		}
		if tt := tagTypes[t]; tt != "" {
			r.add(d, s, i, j, tt, ViaPattern, "")
		}
		i = j
	}
	r.vote(d, nLex)
	r.acronyms(d, s)
	r.spread(d, s)
}

// vote gives every pattern mention of one name (case and accents aside) the
// same type: the lexicon's when the lexicon names it elsewhere in the
// document, else the most frequent (the first on a tie).
func (r *Recognizer) vote(d *Doc, nLex int) {
	if len(d.Mentions) == nLex {
		return
	}
	type tally struct {
		n     [3]int
		first int
		lex   lexicon.Type
	}
	idx := map[lexicon.Type]int{lexicon.Person: 0, lexicon.Location: 1, lexicon.Organization: 2}
	names := [3]lexicon.Type{lexicon.Person, lexicon.Location, lexicon.Organization}
	votes := map[string]*tally{}
	for k := range d.Mentions {
		m := &d.Mentions[k]
		key := lexicon.Fold(d.Slice(m.Span))
		v := votes[key]
		if v == nil {
			v = &tally{first: -1}
			votes[key] = v
		}
		if k < nLex {
			if v.lex == "" && m.Via != ViaDemonym {
				v.lex = m.Type
			}
			continue
		}
		if i, ok := idx[m.Type]; ok {
			v.n[i]++
			if v.first < 0 {
				v.first = i
			}
		}
	}
	for k := nLex; k < len(d.Mentions); k++ {
		m := &d.Mentions[k]
		v := votes[lexicon.Fold(d.Slice(m.Span))]
		switch {
		case v.lex != "":
			m.Type = v.lex
		case v.first >= 0:
			best := v.first
			for i := range v.n {
				if v.n[i] > v.n[best] {
					best = i
				}
			}
			m.Type = names[best]
		}
	}
}

// acronyms types an all-capitals word in parentheses right after a name as
// that name ("Wall Street Journal (WSJ)"), with the name as its Name, so that
// the grouper joins them and spread finds its other uses.
func (r *Recognizer) acronyms(d *Doc, s *nerScratch) {
	n := len(d.Mentions)
	for k := 0; k < n; k++ {
		m := d.Mentions[k]
		a := m.TokEnd
		if m.TokEnd-m.Tok > 0 && m.Span != (Span{d.Tokens[m.Tok].Start, d.Tokens[m.TokEnd-1].End}) {
			continue // part of a hyphenated token
		}
		if a+2 >= len(d.Tokens) || d.Tokens[a].Norm != "(" || d.Tokens[a+2].Norm != ")" || s.cover[a+1] {
			continue
		}
		t := &d.Tokens[a+1]
		if t.Kind != Word || s.shape[a+1] != shAllCaps || !initialsMatch(d.Slice(m.Span), t.Norm) {
			continue
		}
		name := m.Name
		if m.Entry != nil {
			name = m.Entry.Name
		}
		r.add(d, s, a+1, a+2, m.Type, ViaPattern, name)
	}
}

// initialsMatch reports whether acronym acr can abbreviate name: its first
// letter is the name's, and each of its letters starts a word of the name or
// appears in it, in order ("WSJ" for "Wall Street Journal", "ONU" for
// "Organisation des Nations unies", "AIEA" for "Agence internationale de
// l'énergie atomique").
func initialsMatch(name, acr string) bool {
	n, a := lexicon.Fold(name), lexicon.Fold(acr)
	if n == "" || a == "" || n[0] != a[0] {
		return false
	}
	j := 0
	for i := 0; i < len(n) && j < len(a); i++ {
		if n[i] == a[j] {
			j++
		}
	}
	return j == len(a)
}

// spread adds the other occurrences of the surname of a person named in full
// and of an acronym defined in the document (capitalised, case and accents
// aside). Other repeats are left to the tagger: on WiNER-fr 2016, spreading
// every name found to its other occurrences cost more precision than it
// gained recall. They get the type and Name of the first
// mention of that name, and Via ViaCoref.
func (r *Recognizer) spread(d *Doc, s *nerScratch) {
	type target struct {
		toks []string // folded keys
		typ  lexicon.Type
		name string
	}
	var targets []target
	seen := map[string]bool{}
	n := len(d.Mentions)
	for k := 0; k < n; k++ {
		m := &d.Mentions[k]
		if m.Via == ViaDemonym || m.TokEnd > len(d.Tokens) {
			continue
		}
		if m.Span != (Span{d.Tokens[m.Tok].Start, d.Tokens[m.TokEnd-1].End}) {
			continue
		}
		name := m.Name
		if m.Entry != nil {
			name = m.Entry.Name
		}
		add := func(a, b int) {
			var keys []string
			for i := a; i < b; i++ {
				keys = append(keys, d.Tokens[i].Key)
			}
			sig := string(m.Type) + "\x00" + strings.Join(keys, " ")
			if seen[sig] {
				return
			}
			seen[sig] = true
			targets = append(targets, target{keys, m.Type, name})
		}
		if m.Via == ViaPattern && m.TokEnd-m.Tok == 1 && s.shape[m.Tok] == shAllCaps && lexicon.Fold(name) != d.Tokens[m.Tok].Key {
			add(m.Tok, m.TokEnd) // an acronym defined in the document
		}
		if m.Type == lexicon.Person && m.TokEnd-m.Tok >= 2 {
			// the surname: the words after the first one ("Le Drian"), then the last word
			for _, a := range []int{m.Tok + 1, m.TokEnd - 1} {
				if d.Tokens[a].Cap() {
					add(a, m.TokEnd)
				}
			}
		}
	}
	if len(targets) == 0 {
		return
	}
	// A pattern mention inside an occurrence gives way to it: "Le Drian"
	// rather than "Drian" at the start of a sentence.
	owner := make([]int32, len(d.Tokens))
	for i := range owner {
		owner[i] = -1
	}
	for k := range d.Mentions {
		m := &d.Mentions[k]
		if m.Via == ViaPattern {
			for i := m.Tok; i < m.TokEnd; i++ {
				owner[i] = int32(k)
			}
		}
	}
	drop := map[int]bool{}
	for i := 0; i < len(d.Tokens); i++ {
		if s.cover[i] && owner[i] < 0 || !d.Tokens[i].Cap() {
			continue
		}
		for _, tg := range targets {
			b := i + len(tg.toks)
			if b > len(d.Tokens) || d.Tokens[b-1].Sentence != d.Tokens[i].Sentence {
				continue
			}
			ok := true
			for j, k := range tg.toks {
				if o := owner[i+j]; s.cover[i+j] && (o < 0 || d.Mentions[o].Tok < i || d.Mentions[o].TokEnd > b) || d.Tokens[i+j].Key != k || !d.Tokens[i+j].Cap() {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if o := owner[i]; o >= 0 && d.Mentions[o].Tok == i && d.Mentions[o].TokEnd == b {
				break // the tagger found it already
			}
			for j := i; j < b; j++ {
				if o := owner[j]; o >= 0 {
					drop[int(o)] = true
				}
			}
			r.add(d, s, i, b, tg.typ, ViaCoref, tg.name)
			i = b - 1
			break
		}
	}
	if len(drop) > 0 {
		out := d.Mentions[:0]
		for k, m := range d.Mentions {
			if !drop[k] {
				out = append(out, m)
			}
		}
		d.Mentions = out
	}
}

// leading lower-case words that do not make a lexicon name longer: "lutte de
// Washington" is about Washington, not a person "de Washington".
var weakLead = map[string]bool{"de": true, "du": true, "des": true, "d'": true, "la": true, "le": true, "les": true, "l'": true}

// add appends a mention of tokens [a, b) unless a lexicon mention has the same
// span (the lexicon's wins), or is a part of a hyphenated token of the span
// ("Biden-Poutine" names two people), or is the span less its leading
// particles.
func (r *Recognizer) add(d *Doc, s *nerScratch, a, b int, t lexicon.Type, via Via, name string) {
	sp := Span{d.Tokens[a].Start, d.Tokens[b-1].End}
	lead := a
	for lead < b-1 && weakLead[d.Tokens[lead].Key] {
		lead++
	}
	inner := Span{d.Tokens[lead].Start, sp.End}
	for k := range d.Mentions {
		o := &d.Mentions[k]
		if o.Span == sp || lead > a && o.Span == inner {
			return
		}
		if o.Start >= sp.Start && o.End <= sp.End && o.TokEnd-o.Tok == 1 && o.Tok < len(d.Tokens) && o.Span != d.Tokens[o.Tok].Span {
			return
		}
	}
	if name == "" {
		name = Normalize(d.Slice(sp))
	}
	d.Mentions = append(d.Mentions, Mention{Span: sp, Type: t, Via: via, Sentence: d.Tokens[a].Sentence, Tok: a, TokEnd: b, Entity: -1, Name: strings.TrimSpace(name)})
	for i := a; i < b; i++ {
		s.cover[i] = true
	}
}
