package extract

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

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
	keys  *keyTable // the hashes and classes of the vocabulary's keys
	// elided holds the keys of the words after "l'" in the names of the
	// newspapers and parties of the lexicon (L'Opinion: "opinion"), the
	// only words elidedMedia looks up.
	elided map[string]bool
	// media holds the folded names of the newspapers and parties of the
	// lexicon (isMedia), by entry: mediaArticles and elidedMedia test
	// their mentions' entries against it rather than folding their names.
	media map[*lexicon.Entry]string
	// demonyms holds demonym's answers, by word: it is asked of the word
	// after an organisation cue (a few hundred distinct words in 500
	// articles), and a matcher look-up costs a microsecond. nDemonyms
	// counts the words stored, up to maxDemonyms.
	demonyms  sync.Map
	nDemonyms atomic.Int32
	err       error
}

// NewRecognizer returns a recognizer using lex's word lists through m and the
// embedded model.
func NewRecognizer(lex *lexicon.Lexicon, m *Matcher) *Recognizer {
	mod, err := defaultNERModel()
	r := &Recognizer{lex: lex, m: m, model: mod, keys: newKeyTable(m, mod), elided: map[string]bool{},
		media: map[*lexicon.Entry]string{}, err: err}
	for _, e := range lex.Entries() {
		if !isMedia(e) {
			continue
		}
		f := lexicon.Fold(e.Name)
		r.media[e] = f
		if strings.HasPrefix(f, "l'") {
			r.elided[f[len("l'"):]] = true
		}
	}
	return r
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
	s.prepare(d, r.m, r.keys)
	if r.model != nil {
		s.tag(d, r.m, r.model)
		repairOrgs(d, s)
		ministries(d, s)
		r.streets(d, s)
		roads(d, s)
		r.splitNames(d, s)
		longForms(d, s)
		r.cueOrgs(d, s)
		headOrgs(d, s)
	}
	if r.model != nil {
		r.veto(d, s)
	}
	r.mediaArticles(d, s)
	r.elidedMedia(d, s)
	// aligned: every mention so far spans whole tokens, Tok to TokEnd
	// (add looks for the mentions a name meets only on covered tokens)
	nLex := len(d.Mentions)
	aligned := true
	for k := 0; k < nLex; k++ {
		mm := &d.Mentions[k]
		if mm.Tok >= mm.TokEnd || mm.TokEnd > len(d.Tokens) || mm.Span != (Span{d.Tokens[mm.Tok].Start, d.Tokens[mm.TokEnd-1].End}) {
			aligned = false
		}
		for i := mm.Tok; i < mm.TokEnd && i < len(s.cover); i++ {
			if mm.TokEnd-mm.Tok > 1 || mm.Span == d.Tokens[i].Span {
				s.cover[i] = true
			}
		}
	}
	for i := 0; i < len(s.tags); {
		if i = nextTag(s.tags, i); i >= len(s.tags) {
			break
		}
		t := s.tags[i]
		if t == tagO || isInside(t) {
			i++
			continue
		}
		j := s.runEnd(i, t)
		if tt := tagTypes[t]; tt != "" {
			// a name does not end with a particle or punctuation ("CGT de")
			e := nameEnd(d, s, i, j)
			b := i
			for b < e-1 && (d.Tokens[b].Kind == Punct || d.Tokens[b].Kind == Symbol) {
				b++ // nor starts with punctuation ("Russie / États-Unis")
			}
			if tt == lexicon.Person {
				// WiNER-fr leaves titles out of names: "M. Fillon" → "Fillon"
				for b < e-1 && r.m.startsTitle(s.ids[b]) {
					n, _ := r.m.Title(d.Tokens[b:e])
					if n == 0 || b+n >= e {
						break
					}
					b += n
					for b < e-1 && d.Tokens[b].Kind == Punct {
						b++
					}
				}
			}
			r.add(d, s, b, e, tt, ViaPattern, "", aligned)
		}
		i = j
	}
	r.acronyms(d, s, aligned)
	r.spread(d, s, aligned)
	demonymTails(d, s)
	orgWins(d)
}

// orgWins types as an organisation every pattern mention written like a
// pattern mention the tagger typed as an organisation in the same document:
// the tagger types an unknown capitalised word a person or a place by
// default, and an organisation on evidence ("Vortexa" after "le directeur de",
// then alone).
func orgWins(d *Doc) {
	var buf [32]string
	orgs := buf[:0] // the texts of the organisations
	other := false
	for k := range d.Mentions {
		if m := &d.Mentions[k]; m.Via == ViaPattern {
			switch m.Type {
			case lexicon.Organization:
				orgs = append(orgs, d.Slice(m.Span))
			case lexicon.Person, lexicon.Location:
				other = true
			}
		}
	}
	if len(orgs) == 0 || !other {
		return
	}
	for k := range d.Mentions {
		m := &d.Mentions[k]
		if m.Via != ViaPattern || m.Type != lexicon.Person && m.Type != lexicon.Location {
			continue
		}
		// (a mention retyped here has the text of one of orgs: the
		// organisations it adds change no answer)
		if slices.Contains(orgs, d.Slice(m.Span)) {
			m.Type, m.Gender = lexicon.Organization, 0
		}
	}
}

// veto drops the lexicon mentions the tagger rules out: a word inside the
// name of an event or a product ("France" in "Tour de France 2016"), and a
// one-word form first in its sentence that is a common lower-case word of
// the training text and that the tagger leaves out ("Un", "Elle", "Sur").
func (r *Recognizer) veto(d *Doc, s *nerScratch) {
	out := d.Mentions[:0]
	for _, m := range d.Mentions {
		if m.TokEnd > len(d.Tokens) || m.Tok >= m.TokEnd {
			out = append(out, m)
			continue
		}
		// the event or product run around the mention
		a, b := m.Tok, m.TokEnd
		for a < b && (s.tags[a] == tagBMisc || s.tags[a] == tagIMisc) {
			a++
		}
		inEvent := a == b
		if inEvent {
			a, b = m.Tok, m.TokEnd
			for a > 0 && s.tags[a] == tagIMisc {
				a--
			}
			for b < len(s.tags) && s.tags[b] == tagIMisc {
				b++
			}
			inEvent = b-a > m.TokEnd-m.Tok
		}
		whole := m.TokEnd-m.Tok == 1 && m.Span == d.Tokens[m.Tok].Span
		common := whole && s.first[m.Tok] && s.tags[m.Tok] == tagO && m.Via != ViaDemonym &&
			s.inLowVoc(r.model, m.Tok)
		if inEvent || common {
			continue
		}
		out = append(out, m)
	}
	d.Mentions = out
}

// acronyms types an all-capitals word in parentheses right after a name as
// that name ("Wall Street Journal (WSJ)"), with the name as its Name, so that
// the grouper joins them and spread finds its other uses.
func (r *Recognizer) acronyms(d *Doc, s *nerScratch, aligned bool) {
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
		r.add(d, s, a+1, a+2, m.Type, ViaPattern, name, aligned)
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
func (r *Recognizer) spread(d *Doc, s *nerScratch, aligned bool) {
	targets := s.targets[:0]
	sameKeys := func(a, b, c int) bool { // tokens [a, b) and [c, c+b-a) have the same keys
		for j := 0; j < b-a; j++ {
			if s.hk[a+j] != s.hk[c+j] || d.Tokens[a+j].Key != d.Tokens[c+j].Key {
				return false
			}
		}
		return true
	}
	add := func(a, b int, m *Mention) {
		for _, t := range targets {
			if t.b-t.a == b-a && t.typ == m.Type && sameKeys(a, b, t.a) {
				return
			}
		}
		name := m.Name
		if m.Entry != nil {
			name = m.Entry.Name
		}
		targets = append(targets, spreadTarget{a, b, m.Type, name})
	}
	for k := range d.Mentions {
		m := &d.Mentions[k]
		if m.Via == ViaDemonym || m.TokEnd > len(d.Tokens) || m.Tok >= m.TokEnd {
			continue
		}
		if m.Span != (Span{d.Tokens[m.Tok].Start, d.Tokens[m.TokEnd-1].End}) {
			continue
		}
		if m.Via == ViaPattern && m.TokEnd-m.Tok == 1 && s.shape[m.Tok] == shAllCaps && m.Name != d.Slice(m.Span) {
			add(m.Tok, m.TokEnd, m) // an acronym defined in the document
		}
		if m.Type == lexicon.Person && m.TokEnd-m.Tok >= 2 {
			// the surname: the words after the first one ("Le Drian"), then the last word
			if d.Tokens[m.Tok+1].Cap() {
				add(m.Tok+1, m.TokEnd, m)
			}
			if m.TokEnd-m.Tok > 2 && d.Tokens[m.TokEnd-1].Cap() {
				add(m.TokEnd-1, m.TokEnd, m)
			}
		}
	}
	s.targets = targets
	if len(targets) == 0 {
		return
	}
	// A pattern mention inside an occurrence gives way to it: "Le Drian"
	// rather than "Drian" at the start of a sentence.
	// owner[i]-1 is the pattern mention of token i, or -1 (grow zeroes
	// the array in one memclr)
	owner := grow(s.owner, len(d.Tokens))
	s.owner = owner
	for k := range d.Mentions {
		m := &d.Mentions[k]
		if m.Via == ViaPattern {
			for i := m.Tok; i < m.TokEnd; i++ {
				owner[i] = int32(k) + 1
			}
		}
	}
	// a filter of the hashes of the keys the targets start with
	var firstKeys [16]uint64
	for _, tg := range targets {
		h := s.hk[tg.a]
		firstKeys[h>>60] |= 1 << (h >> 54 & 63)
	}
	n := len(d.Mentions)
	dropped := 0
	next := 0
	for _, u := range s.upper { // an occurrence starts with a capital
		i := int(u)
		if h := s.hk[i]; i < next || firstKeys[h>>60]&(1<<(h>>54&63)) == 0 || s.cover[i] && owner[i] == 0 {
			continue
		}
		starts := false // a target starts with the key of token i (or one of the same hash)
		for _, tg := range targets {
			if s.hk[tg.a] == s.hk[i] {
				starts = true
				break
			}
		}
		if !starts || !d.Tokens[i].Cap() {
			continue
		}
		for _, tg := range targets {
			b := i + tg.b - tg.a
			if b > len(d.Tokens) || d.Tokens[b-1].Sentence != d.Tokens[i].Sentence || !sameKeys(tg.a, tg.b, i) {
				continue
			}
			ok := true
			for j := i; j < b; j++ {
				if o := owner[j] - 1; s.cover[j] && (o < 0 || d.Mentions[o].Tok < i || d.Mentions[o].TokEnd > b) || !d.Tokens[j].Cap() {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if o := owner[i] - 1; o >= 0 && d.Mentions[o].Tok == i && d.Mentions[o].TokEnd == b {
				break // the tagger found it already
			}
			if tg.typ == lexicon.Person && pluralBefore(d, s, i) {
				break // "les Troadec": a family
			}
			for j := i; j < b; j++ {
				if o := owner[j] - 1; o >= 0 && d.Mentions[o].Entity != -2 {
					d.Mentions[o].Entity = -2 // dropped below
					dropped++
				}
			}
			r.add(d, s, i, b, tg.typ, ViaCoref, tg.name, aligned)
			next = b
			break
		}
	}
	if dropped > 0 {
		out := d.Mentions[:0]
		for k, m := range d.Mentions {
			if k >= n || m.Entity != -2 {
				out = append(out, m)
			}
		}
		d.Mentions = out
	}
}

// leading lower-case words that do not make a lexicon name longer: "lutte de
// Washington" is about Washington, not a person "de Washington".
var weakLead = map[string]bool{"de": true, "du": true, "des": true, "d'": true, "la": true, "le": true, "les": true, "l'": true}

// nameEnd returns the end of the name tagged on tokens [i, j): a name does
// not end with a particle or punctuation ("CGT de"), nor with a date
// ("CFDT de 2002").
func nameEnd(d *Doc, s *nerScratch, i, j int) int {
	e := j
	for e > i+2 && d.Tokens[e-1].Kind == Number && (d.Tokens[e-2].Key == "de" || d.Tokens[e-2].Key == "en") {
		e -= 2
	}
	for e > i+1 && (s.cls[e-1]&cWeakTail != 0 || d.Tokens[e-1].Kind == Punct || d.Tokens[e-1].Kind == Elision) {
		e--
	}
	return e
}

// weakTail lists the words a name never ends with.
var weakTail = map[string]bool{"de": true, "du": true, "des": true, "d'": true, "la": true, "le": true, "les": true, "l'": true,
	"et": true, "a": true, "en": true, "au": true, "aux": true, "sur": true, "pour": true, "par": true, "avec": true}

// spreadTarget is a name whose other occurrences spread looks for: the keys
// of tokens [a, b).
type spreadTarget struct {
	a, b int
	typ  lexicon.Type
	name string
}

// add appends a mention of tokens [a, b) unless a lexicon mention has the same
// span (the lexicon's wins), or is the span less its leading particles, or
// the lexicon names two parts of a hyphenated word of the span
// ("Biden-Poutine" names two people). aligned says that every mention of d
// spans whole tokens (Recognize checks it of the lexicon's, and add makes
// no other).
func (r *Recognizer) add(d *Doc, s *nerScratch, a, b int, t lexicon.Type, via Via, name string, aligned bool) {
	sp := Span{d.Tokens[a].Start, d.Tokens[b-1].End}
	lead := a
	for lead < b-1 && s.cls[lead]&cWeakLead != 0 {
		lead++
	}
	inner := Span{d.Tokens[lead].Start, sp.End}
	parts := 0
	// When every mention spans whole tokens (aligned), one whose span is
	// sp or inner covers token a or lead, and none is a part of a token:
	// the mentions are read only when a token of the name is covered.
	if !aligned || slices.Contains(s.cover[a:b], true) {
		for k := range d.Mentions {
			o := &d.Mentions[k]
			if o.Span == sp || lead > a && o.Span == inner {
				return
			}
			if o.Start >= sp.Start && o.End <= sp.End && o.TokEnd-o.Tok == 1 && o.Tok < len(d.Tokens) && o.Span != d.Tokens[o.Tok].Span {
				parts++
			}
		}
	}
	if parts >= 2 {
		return // "Biden-Poutine", but not "Croissant-Rouge"
	}
	switch {
	case name != "":
	case b == a+1:
		name = d.Tokens[a].Norm // Normalize(d.Slice(sp)), which the tokenizer stored
	case normalTokens(d, a, b):
		name = d.Slice(sp) // as Normalize would leave it, without reading it rune by rune
	default:
		name = Normalize(d.Slice(sp))
	}
	m := Mention{Span: sp, Type: t, Via: via, Sentence: d.Tokens[a].Sentence, Tok: a, TokEnd: b, Entity: -1, Name: strings.TrimSpace(name)}
	if t == lexicon.Organization && (!aligned || s.cover[a]) {
		// (the lexicon organisation ofOwnCountry looks for covers token a)
		if e := ofOwnCountry(d, a, b); e != nil {
			m.Entry, m.Name = e, e.Name
		}
	}
	d.Mentions = append(d.Mentions, m)
	for i := a; i < b; i++ {
		s.cover[i] = true
	}
}

// ofOwnCountry returns the lexicon organisation that tokens [a, b) name with
// its country after it, "Conseil de sécurité nationale des États-Unis" (an
// organisation whose country attribute is the country's id, then de, des,
// du or d' and that country's name), or nil. The longer name is how WiNER-fr
// writes it (the name takes its "de + place" 83 times in 90 in 2016); the
// entry keeps the mention in the lexicon entry's entity.
func ofOwnCountry(d *Doc, a, b int) *lexicon.Entry {
	var org *Mention
	for k := range d.Mentions {
		if o := &d.Mentions[k]; o.Tok == a && o.TokEnd < b && o.Entry != nil && o.Type == lexicon.Organization {
			org = o
			break
		}
	}
	if org == nil || org.Entry.Attr("country") == "" || !ofWord[d.Tokens[org.TokEnd].Key] {
		return nil
	}
	for k := range d.Mentions {
		if o := &d.Mentions[k]; o.Tok == org.TokEnd+1 && o.TokEnd == b && o.Entry != nil && o.Type == lexicon.Country {
			if o.Via != ViaDemonym && o.Entry.ID == org.Entry.Attr("country") {
				return org.Entry
			}
		}
	}
	return nil
}

// runEnd returns the end of the name tagged t (a B tag) at token i: the first
// token after i that is not inside it.
func (s *nerScratch) runEnd(i int, t uint8) int {
	e := i + 1
	for e < len(s.tags) && s.tags[e] == t+1 {
		e++
	}
	return e
}

// orgHeads lists the words (keys) that head an organisation's name and take
// a complement: "Orchestre symphonique de Vienne", "Conseil de sécurité".
var orgHeads = map[string]bool{
	"ministere": true, "conseil": true, "federation": true, "confederation": true, "universite": true,
	"agence": true, "comite": true, "orchestre": true, "opera": true, "parti": true, "institut": true,
	"academie": true, "direction": true, "bureau": true, "chambre": true, "office": true, "observatoire": true,
	"secretariat": true, "commission": true, "tribunal": true, "cour": true, "union": true,
}

// orgTails lists the (English) words that end organisation names.
var orgTails = map[string]bool{
	"foundation": true, "laboratory": true, "unit": true, "associates": true, "institute": true,
	"university": true, "inc": true, "corporation": true, "group": true, "agency": true, "company": true,
	"bank": true, "fund": true, "association": true, "club": true, "council": true, "committee": true,
	"airlines": true, "airways": true, "partners": true, "times": true, "watch": true, "fc": true, "plc": true,
	"network": true, "survey": true, "news": true, "post": true, "herald": true, "tribune": true, "press": true,
	"holdings": true, "motors": true, "technologies": true, "systems": true, "entertainment": true,
	"pictures": true, "studios": true, "records": true, "productions": true, "games": true, "ltd": true,
	"llc": true, "sa": true, "ag": true, "gmbh": true, "corp": true, "co": true, "society": true, "service": true,
}

// ofWord lists the prepositions joining an organisation head to its complement.
var ofWord = map[string]bool{"de": true, "du": true, "des": true, "d'": true}

// repairOrgs fixes organisation names the greedy tagger cuts or mistypes: an
// organisation name takes a capitalised word left out before it inside the
// sentence ("Jet [Propulsion Laboratory]"); a name ending on an English
// organisation word is an organisation ("National Science Foundation", not a
// person); a name ending on an organisation head takes the head's lower-case
// adjectives and its "de + Name" complement ("Orchestre symphonique de
// Vienne", not "Orchestre"). (Extending a name back to a head before "de la",
// "ministère de la Justice", was tried and lost in 2016 cross-validation.)
func repairOrgs(d *Doc, s *nerScratch) {
	n := len(d.Tokens)
	sameSent := func(a, b int) bool { return d.Tokens[a].Sentence == d.Tokens[b].Sentence }
	for i := 0; i < n; i++ {
		if i = nextTag(s.tags[:n], i); i >= n {
			break // the O tags skipped eight at a time
		}
		t := s.tags[i]
		if t == tagO || isInside(t) {
			continue
		}
		e := s.runEnd(i, t)
		// a capitalised word left out before the name, inside its sentence:
		// "Jet [Propulsion Laboratory]", and letters and digits before an
		// organisation: "4D [Conseil]"
		if (t == tagBOrg || s.cls[e-1]&cOrgTail != 0) && i > 0 && s.tags[i-1] == tagO && !s.first[i-1] && sameSent(i-1, i) && (s.shape[i-1] == shCap || s.shape[i-1] == shCapHyph || s.shape[i-1] == shAlnum && t == tagBOrg) && s.lex[i-1] == 0 {
			i--
			s.tags[i] = t
			s.tags[i+1] = t + 1
		}
		// an English organisation word ends the name: "National Science Foundation"
		if (t == tagBPer || t == tagBLoc) && s.cls[e-1]&cOrgTail != 0 && e-i > 1 {
			t = tagBOrg
			s.tags[i] = t
			for k := i + 1; k < e; k++ {
				s.tags[k] = tagIOrg
			}
		}
		// forward: Name ending on a head, then [adj…] de [la|l'] Capitalised…
		if t == tagBOrg && s.cls[e-1]&cOrgHead != 0 {
			j := e
			for j < n && j < e+2 && s.shape[j] == shLower && s.cls[j]&(cOfWord|cWeakTail) == 0 && sameSent(j, i) {
				j++
			}
			if j < n && s.cls[j]&cOfWord != 0 && sameSent(j, i) {
				j++
				if j < n && (d.Tokens[j].Key == "la" || d.Tokens[j].Key == "l'") {
					j++
				}
				c := j
				for c < n && capital(s.shape[c]) && sameSent(c, i) {
					c++
				}
				if c > j {
					for k := e; k < c; k++ {
						s.tags[k] = tagIOrg
					}
					e = c
				}
			}
		}
		i = e - 1
	}
}

// nameHeads lists the words (keys) after which a person's name belongs to
// the name of a place or an organisation ("Université Pierre et Marie
// Curie", "lycée Victor-Hugo", "Fondation Bill Gates").
var nameHeads = map[string]bool{
	"universite": true, "fondation": true, "institut": true, "lycee": true, "college": true, "ecole": true,
	"prix": true, "hopital": true, "centre": true, "rue": true, "place": true, "avenue": true, "boulevard": true,
	"musee": true, "stade": true, "aeroport": true, "gare": true, "pont": true, "quai": true, "parc": true,
	"square": true, "allee": true, "cours": true, "impasse": true, "station": true, "porte": true, "saint": true,
	"sainte": true, "st": true, "ste": true, "clinique": true, "maison": true, "salle": true, "theatre": true,
	"palais": true, "chateau": true, "campus": true, "fort": true, "base": true, "camp": true, "port": true,
	"club": true, "association": true, "trophee": true, "coupe": true, "memorial": true, "lac": true, "mont": true,
	"cap": true, "ile": true, "baie": true, "golfe": true, "canal": true, "tour": true, "hotel": true, "villa": true,
	"residence": true, "cite": true, "quartier": true, "groupe": true, "studio": true, "studios": true,
}

// leadParticles lists the lower-case words (keys) a person's name can begin
// with: "de Gaulle", "al-Assad", "van Gogh".
var leadParticles = map[string]bool{
	"de": true, "du": true, "des": true, "d'": true, "von": true, "van": true, "der": true, "den": true, "al": true,
	"el": true, "ben": true, "bin": true, "ibn": true, "abu": true, "la": true, "le": true, "di": true, "da": true,
	"dos": true, "das": true, "del": true, "della": true, "ter": true, "zu": true,
}

// cutWords lists lower-case words (keys) a name never runs over: verbs,
// adverbs and conjunctions ("le Parlement cependant", "l'Union ont").
var cutWords = map[string]bool{
	"a": true, "ont": true, "est": true, "sont": true, "etait": true, "etaient": true, "avait": true, "avaient": true,
	"sera": true, "seront": true, "fut": true, "ne": true, "n'": true, "se": true, "s'": true, "qui": true, "que": true,
	"qu'": true, "dont": true, "cependant": true, "egalement": true, "aussi": true, "notamment": true, "toujours": true,
	"deja": true, "encore": true, "alors": true, "ainsi": true, "puis": true, "donc": true, "mais": true, "ou": true,
	"car": true, "tres": true, "plus": true,
}

// splitNames fixes names the greedy tagger runs together or should not
// have found: a military operation is no name ("Opération Sentinelle",
// "l'opération Foco", as WiNER-fr leaves them out), nor a person's name
// after a plural article ("les Troadec", a family; "des Casques bleus"); a
// name ends
// before a verb, an adverb or a conjunction ("l'Insee indique", "le
// Parlement cependant"); a single
// lower-case word is not a name ("le gouvernement", "la frontière"), and a
// name followed right away by a person's first name and surname ends before
// them ("ministre de l'Intérieur Bruno Le Roux", "le maire de Montréal Denis
// Coderre", "les ministres de François Hollande Arnaud Montebourg"); a
// person's name is cut so only after two words, neither a first name.
func (r *Recognizer) splitNames(d *Doc, s *nerScratch) {
	n := len(d.Tokens)
	for i := 0; i < n; i++ {
		if i = nextTag(s.tags[:n], i); i >= n {
			break // the O tags skipped eight at a time
		}
		t := s.tags[i]
		if t == tagO || isInside(t) {
			continue
		}
		e := s.runEnd(i, t)
		if s.cls[i]&cOperation != 0 || i > 0 && s.cls[i-1]&cOperation != 0 && s.shape[i-1] == shLower ||
			t == tagBPer && pluralBefore(d, s, i) {
			for k := i; k < e; k++ { // a military operation is no name: "Opération Sentinelle", "opération Foco"
				s.tags[k] = tagO
			}
			i = e - 1
			continue
		}
		for k := i + 1; k < e; k++ {
			if tk := &d.Tokens[k]; (s.shape[k] == shLower || tk.Kind == Elision) && (s.cls[k]&cCutWord != 0 || r.m.speechForm(s.ids[k])) {
				for j := k; j < e; j++ {
					s.tags[j] = tagO
				}
				e = k
				break
			}
		}
		if t == tagBPer {
			// a person's name starts on its first capitalised word or
			// particle: "affaire Fillon", "panaméen Manuel Noriega"
			for i < e-1 && (s.shape[i] == shLower || s.shape[i] == shLowHyph) && s.cls[i]&cLeadParticle == 0 {
				s.tags[i] = tagO
				i++
				s.tags[i] = tagBPer
			}
		}
		if e-i == 1 && t == tagBOrg && e < n && s.cls[e]&cOrdinal != 0 && roman(d.Tokens[i].Norm) {
			s.tags[i] = tagO // a century, not an organisation: "XXI e siècle"
			continue
		}
		if e-i == 1 && s.shape[i] == shLower && tagTypes[t] != "" {
			s.tags[i] = tagO
			continue
		}
		if t == tagBOrg || t == tagBLoc || t == tagBPer {
			from := i + 1
			if t == tagBPer {
				from = i + 2 // "François Hollande Manuel Valls", not "Jean Pierre Dupont"
			}
			for k := from; k+1 < e; k++ {
				if s.lex[k] != 0 && s.lex[k] != 1 || s.shape[k] != shCap && s.shape[k] != shCapHyph || !capital(s.shape[k+1]) {
					continue
				}
				// after a capitalised word, or an organisation's lower-case
				// adjective: "Commission européenne Charles Michel"
				adj := t == tagBOrg && s.shape[k-1] == shLower && s.cls[k-1]&cGlue == 0
				if !capital(s.shape[k-1]) && !adj || s.cls[k-1]&cNameHead != 0 || r.m.firstName(s.ids[k]) == 0 {
					continue
				}
				if t == tagBPer && r.m.firstName(s.ids[k-1]) != 0 {
					continue
				}
				s.tags[k] = tagBPer
				for j := k + 1; j < e; j++ {
					s.tags[j] = tagIPer
				}
				e = k
				break
			}
		}
		i = e - 1
	}
}

// ordinalMark lists the words (keys) that make a number an ordinal: "XXI e".
var ordinalMark = map[string]bool{"e": true, "eme": true, "er": true, "ere": true}

// roman reports whether w is a Roman numeral in capitals (II, XXI).
func roman(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !strings.ContainsRune("IVXLCDM", rune(w[i])) {
			return false
		}
	}
	return true
}

// articleKeys lists the keys of the articles that begin a title.
var articleKeys = map[string]bool{"le": true, "la": true, "les": true, "l'": true}

// isMedia reports whether e is a newspaper, magazine, radio or television,
// or a party: their names keep their article ("les Républicains").
func isMedia(e *lexicon.Entry) bool {
	return e != nil && e.Type == lexicon.Organization && (e.Attr("kind") == "media" || e.Attr("kind") == "party")
}

// mediaArticles makes the article part of the name of a newspaper or a
// party whose name begins with one, as WiNER-fr annotates them, even written
// in lower case: "le JDD" (a short form of Le Journal du dimanche), "les
// Républicains". (Adding the
// titles the matcher leaves out for their lower-case article, "l'Express",
// found as many common words as titles: "la Vie", "la Liberté".)
func (r *Recognizer) mediaArticles(d *Doc, s *nerScratch) {
	n := len(d.Mentions)
	for k := 0; k < n; k++ {
		m := &d.Mentions[k]
		a := m.Tok
		if m.Entry == nil || a == 0 || a >= m.TokEnd || m.TokEnd > len(d.Tokens) || m.Span.Start != d.Tokens[a].Start ||
			s.cls[a-1]&cArticle == 0 {
			continue
		}
		t, ok := r.media[m.Entry]
		if !ok {
			continue
		}
		art := &d.Tokens[a-1]
		if art.Sentence != d.Tokens[a].Sentence || s.cls[a]&cArticle != 0 {
			continue
		}
		// t starts with the article, then a space unless it is elided
		if k := art.Key; !strings.HasPrefix(t, k) || k != "l'" && (len(t) == len(k) || t[len(k)] != ' ') {
			continue
		}
		m.Span.Start, m.Tok = art.Start, a-1
	}
}

// elidedMedia adds the newspapers whose name begins with an elided article
// that the text writes in lower case, which the matcher leaves out: "l'Opinion",
// "l'Indépendant" (L'Opinion, L'Indépendant), article included, as WiNER-fr annotates
// them. The word after the article must be capitalised and out of the
// lexicon: "l'Alsace" stays the region, not the newspaper L'Alsace.
func (r *Recognizer) elidedMedia(d *Doc, s *nerScratch) {
	n := len(d.Tokens)
	for _, c := range s.caps {
		i := int(c) - 1
		if i < 0 || !capital(s.shape[i+1]) || s.shape[i] != shElision || d.Tokens[i].Key != "l'" || d.Text[d.Tokens[i].Start] != 'l' || s.lex[i+1] != 0 || d.Tokens[i+1].Kind != Word {
			continue
		}
		if i+2 < n && (capital(s.shape[i+2]) || isInside(s.tags[i+2])) || isInside(s.tags[i]) {
			continue // a longer name: "l'Express de Neuchâtel" is not L'Express
		}
		if !r.elided[d.Tokens[i+1].Key] {
			continue // no newspaper is named so
		}
		var e *lexicon.Entry
		for _, c := range r.m.Lookup("L'"+d.Tokens[i+1].Norm, false) {
			if f, ok := r.media[c.Entry]; ok && strings.HasPrefix(f, "l'") && f[len("l'"):] == d.Tokens[i+1].Key {
				e = c.Entry
				break
			}
		}
		if e == nil {
			continue
		}
		d.Mentions = append(d.Mentions, Mention{Span: Span{d.Tokens[i].Start, d.Tokens[i+1].End}, Type: e.Type, Via: ViaLexicon,
			Entry: e, Sentence: d.Tokens[i].Sentence, Tok: i, TokEnd: i + 2, Entity: -1, Name: e.Name})
		s.tags[i], s.tags[i+1] = tagO, tagO
	}
}

// lowerHeads lists the words (keys) that, in lower case, head the name of an
// organisation with a complement: "université de Lille", "diocèse de Hearst".
// (Not "hôpital", "aéroport", "tribunal", "parquet", "gouvernement":
// WiNER-fr mostly annotates only the place after them.)
var lowerHeads = map[string]bool{
	"universite": true, "diocese": true, "observatoire": true, "academie": true, "opera": true, "institut": true,
	"laboratoire": true, "syndicat": true, "federation": true, "association": true,
}

// ministries tags a ministry named after its portfolio as one organisation,
// from "ministère" to the portfolio and the demonym or country after it,
// whatever the tagger made of it: "ministère de la Justice" (not
// "Justice"), "ministère des Affaires étrangères chinois", "ministère de la
// Défense de Russie"; and so the lower-case heads of lowerHeads with their
// complement: "université de Lille".
func ministries(d *Doc, s *nerScratch) {
	n := len(d.Tokens)
	next := 0 // the first token not yet in a name found here
	for _, p := range s.cues {
		i := int(p)
		if i < next || i+2 >= n {
			continue
		}
		if c := s.cls[i]; c&(cMinistere|cLowerHead) == 0 || d.Tokens[i].Kind != Word || c&cMinistere == 0 && !(c&cLowerHead != 0 && s.shape[i] == shLower) {
			continue
		}
		j := i + 1
		if s.cls[j]&cOfWord == 0 {
			continue
		}
		j++
		if j < n && (d.Tokens[j].Key == "la" || d.Tokens[j].Key == "l'") && d.Tokens[j-1].Key == "de" {
			j++
		}
		c := j
		for c < n && capital(s.shape[c]) && d.Tokens[c].Sentence == d.Tokens[i].Sentence {
			c++
		}
		if c == j {
			continue
		}
		if c < n && d.Tokens[c].Key == "etrangeres" {
			c++
		}
		if c < n && s.shape[c] == shLower && s.lex[c]&8 != 0 && d.Tokens[c].Sentence == d.Tokens[i].Sentence {
			c++ // a demonym: "ministère de la Défense autrichien"
		}
		if t := s.tags[j]; t != tagO && !isInside(t) {
			e := s.runEnd(j, t)
			if e > c {
				c = e // the tagger's name: "ministère des Forces armées révolutionnaires"
			}
		}
		if c+1 < n && s.cls[c]&cOfWord != 0 && s.lex[c+1]&^32 == 2 && (c+2 >= n || !isInside(s.tags[c+2])) {
			c += 2 // its country: "ministère de la Défense de Russie"
		}
		if c < n && isInside(s.tags[c]) {
			continue // the tagger's name goes on past it
		}
		if i > 0 && isInside(s.tags[i]) {
			continue
		}
		s.tags[i] = tagBOrg
		for k := i + 1; k < c; k++ {
			s.tags[k] = tagIOrg
		}
		next = c
	}
}

// orgAdjectives lists the lower-case adjectives (keys) that end an
// organisation's name right after it, as a demonym does.
var orgAdjectives = map[string]bool{
	"europeen": true, "europeenne": true, "europeens": true, "europeennes": true, "libre": true, "populaire": true,
	"democratique": true, "islamique": true,
}

// demonymTails makes the lower-case demonym right after the name of a place
// or an organisation part of that name, as WiNER-fr annotates them:
// "Kurdistan irakien", "Alpes françaises", "Parlement sud-coréen"; and so
// an organisation's adjective of orgAdjectives: "Parti socialiste européen".
func demonymTails(d *Doc, s *nerScratch) {
	dropped := false
	dems := make([]int32, 0, 16) // the demonyms, in order
	for j := range d.Mentions {
		if d.Mentions[j].Via == ViaDemonym {
			dems = append(dems, int32(j))
		}
	}
	for k := range d.Mentions {
		a := &d.Mentions[k]
		if a.Via == ViaDemonym || a.Type != lexicon.Location && a.Type != lexicon.Country && a.Type != lexicon.Organization || a.TokEnd >= len(d.Tokens) {
			continue
		}
		if a.Span != (Span{d.Tokens[a.Tok].Start, d.Tokens[a.TokEnd-1].End}) {
			continue // part of a hyphenated word
		}
		if t := &d.Tokens[a.TokEnd]; a.Type == lexicon.Organization && s.cls[a.TokEnd]&cOrgAdj != 0 && t.Sentence == a.Sentence && !t.Cap() {
			// "Parti socialiste européen", "Armée syrienne libre": another
			// organisation than the one the lexicon names without it
			a.End, a.TokEnd = t.End, a.TokEnd+1
			a.Via, a.Entry, a.Gender = ViaPattern, nil, 0
			a.Name = Normalize(d.Slice(a.Span))
			continue
		}
		for _, j := range dems {
			b := &d.Mentions[j]
			if b.Tok != a.TokEnd || b.TokEnd != b.Tok+1 || b.Span != d.Tokens[b.Tok].Span || d.Tokens[b.Tok].Cap() || b.Sentence != a.Sentence {
				continue
			}
			a.End, a.TokEnd = b.End, b.TokEnd
			if a.Entry != nil && b.Entry != nil && a.Entry.Attr("country") != "" && a.Entry.Attr("country") != b.Entry.ID {
				a.Via, a.Entry, a.Gender = ViaPattern, nil, 0 // "Kurdistan irakien" is not Iran's Kurdistan province
			}
			if a.Via == ViaPattern {
				a.Name = Normalize(d.Slice(a.Span))
			}
			b.Entity = -2 // dropped below
			dropped = true
			break
		}
	}
	if dropped {
		out := d.Mentions[:0]
		for _, m := range d.Mentions {
			if m.Entity != -2 {
				out = append(out, m)
			}
		}
		d.Mentions = out
	}
}

// glueWords lists the words (keys) an acronym leaves out of its letters.
var glueWords = map[string]bool{
	"de": true, "du": true, "des": true, "d'": true, "la": true, "le": true, "les": true, "l'": true, "et": true,
	"pour": true, "contre": true, "a": true, "au": true, "aux": true, "en": true, "dans": true, "sur": true,
	"of": true, "the": true, "for": true, "and": true, "on": true,
}

// lowerOrgHeads lists the lower-case words (keys) that begin the long form
// of an organisation's acronym: "régie autonome des transports parisiens
// (RATP)", "peloton de gendarmerie de haute montagne (PGHM)". A long form
// starting with another lower-case word names a thing, not an organisation:
// "produit intérieur brut (PIB)".
var lowerOrgHeads = map[string]bool{
	"regie": true, "ecole": true, "parquet": true, "brigade": true, "agence": true, "office": true, "institut": true,
	"union": true, "association": true, "comite": true, "conseil": true, "commission": true, "direction": true,
	"federation": true, "confederation": true, "syndicat": true, "parti": true, "mouvement": true, "front": true,
	"organisation": true, "service": true, "services": true, "peloton": true, "groupe": true, "fondation": true,
	"observatoire": true, "autorite": true, "centre": true, "cour": true, "tribunal": true, "assemblee": true,
	"societe": true, "compagnie": true, "banque": true, "caisse": true, "haut": true, "haute": true, "bureau": true,
	"laboratoire": true, "universite": true, "academie": true, "ministere": true, "secretariat": true,
	"inspection": true, "police": true, "gendarmerie": true, "force": true, "forces": true, "armee": true,
	"unite": true, "division": true, "cellule": true, "mission": true, "programme": true, "fonds": true,
}

// acronymOf reports whether acr spells the initials of the words of toks
// (glueWords aside), each word one letter, in order: "Confédération
// française démocratique du travail" for CFDT.
func acronymOf(toks []Token, acr string) bool {
	a := lexicon.Fold(acr)
	j := 0
	for i := range toks {
		t := &toks[i]
		if t.Kind == Elision || glueWords[t.Key] && j > 0 {
			continue
		}
		if t.Kind != Word || t.Key == "" || j >= len(a) || t.Key[0] != a[j] {
			return false
		}
		j++
		for _, r := range a[j:] { // a digit of the acronym after its word: A4E
			if r < '0' || r > '9' {
				break
			}
			j++
		}
	}
	return j == len(a)
}

// longForms tags the long form of an acronym defined in parentheses as one
// name, an organisation unless the lexicon types the acronym: "Fédération
// française de triathlon (FFTri)", "régie autonome des transports parisiens
// (RATP)", and the other way round "le PCC (Premier commando de la
// capitale)". The long form is the shortest run of words before the
// parenthesis whose initials spell the acronym.
func longForms(d *Doc, s *nerScratch) {
	n := len(d.Tokens)
	for _, pp := range s.parens {
		p := int(pp)
		if p < 1 || p+2 >= n {
			continue
		}
		// ACR ( Long Form )
		if c := p + 1; capital(s.shape[p-1]) && s.shape[p-1] != shCap && d.Tokens[p-1].Kind == Word {
			e := c
			for e < n && e < c+16 && d.Tokens[e].Norm != ")" && d.Tokens[e].Sentence == d.Tokens[p].Sentence {
				e++
			}
			if e < n && d.Tokens[e].Norm == ")" && e > c+1 && capital(s.shape[c]) && acronymOf(d.Tokens[c:e], d.Tokens[p-1].Norm) {
				tagRun(s, c, e, lexTag(s.lex[p-1]))
				continue
			}
		}
		// Long Form ( ACR )
		if d.Tokens[p+2].Norm != ")" || d.Tokens[p+1].Kind != Word || !isAcronym(d.Tokens[p+1].Norm) {
			continue
		}
		acr := d.Tokens[p+1].Norm
		for a := p - 2; a >= 0 && a > p-16 && d.Tokens[a].Sentence == d.Tokens[p].Sentence; a-- {
			if s.cls[a]&cGlue != 0 || d.Tokens[a].Kind != Word {
				continue
			}
			if !acronymOf(d.Tokens[a:p], acr) {
				continue
			}
			if !capital(s.shape[a]) && !lowerOrgHeads[d.Tokens[a].Key] {
				break
			}
			if a > 0 && isInside(s.tags[a]) || p < n && isInside(s.tags[p]) {
				break // inside a longer name
			}
			tagRun(s, a, p, lexTag(s.lex[p+1]))
			break
		}
	}
}

// lexTag returns the B tag of the type the lexicon code c gives an
// acronym: a place's or a person's, else an organisation's.
func lexTag(c uint8) uint8 {
	switch c &^ 32 {
	case 1:
		return tagBPer
	case 2, 3, 5:
		return tagBLoc
	}
	return tagBOrg
}

// tagRun tags tokens [a, b) as one name beginning with tag t.
func tagRun(s *nerScratch, a, b int, t uint8) {
	s.tags[a] = t
	for k := a + 1; k < b; k++ {
		s.tags[k] = t + 1
	}
	if b < len(s.tags) && isInside(s.tags[b]) {
		s.tags[b]-- // the name after begins there
	}
}

// startsTitle reports whether a title form (Matcher.Title) may start with
// the key of vocabulary id id.
func (m *Matcher) startsTitle(id int32) bool { return m.titles.next(0, id) >= 0 }

// speechForm reports whether the key of vocabulary id id is a one-word
// form of a speech verb ("indique", "affirme").
func (m *Matcher) speechForm(id int32) bool {
	return id >= 0 && int(id) < len(m.speechID) && m.speechID[id] > 0
}

// pluralBefore reports whether token i follows a lower-case plural article
// (les, des, aux).
func pluralBefore(d *Doc, s *nerScratch, i int) bool {
	if i == 0 || s.shape[i-1] != shLower || d.Tokens[i-1].Sentence != d.Tokens[i].Sentence {
		return false
	}
	k := d.Tokens[i-1].Key
	return k == "les" || k == "des" || k == "aux"
}

// placeHeads lists the lower-case words (keys) that WiNER-fr annotates as
// part of the name of a place they head: "gare du Nord", "rue de Lorraine",
// "boulevard Voltaire", "place de la République", "île d'Orléans".
var placeHeads = map[string]bool{
	"gare": true, "rue": true, "boulevard": true, "avenue": true, "place": true, "cite": true, "ile": true,
}

// streets tags a lower-case head of placeHeads and the name after it, with
// or without de, as one place. A person after "place de" is not a square
// ("à la place de Jean Dupont").
func (r *Recognizer) streets(d *Doc, s *nerScratch) {
	n := len(d.Tokens)
	next := 0
	for _, p := range s.cues {
		i := int(p)
		if i < next || i+1 >= n {
			continue
		}
		if s.cls[i]&cPlaceHead == 0 || s.shape[i] != shLower || s.tags[i] != tagO {
			continue
		}
		j := i + 1
		if s.cls[j]&cOfWord != 0 {
			j++
			if j < n && (d.Tokens[j].Key == "la" || d.Tokens[j].Key == "l'") && d.Tokens[j-1].Key == "de" {
				j++
			}
		}
		if j >= n || !capital(s.shape[j]) || d.Tokens[j].Sentence != d.Tokens[i].Sentence || isInside(s.tags[j]) {
			continue
		}
		if d.Tokens[i].Key == "place" && (s.tags[j] == tagBPer || r.m.firstName(s.ids[j]) != 0) {
			continue
		}
		c := j
		if t := s.tags[j]; t != tagO {
			c = s.runEnd(j, t)
		} else {
			for c < n && capital(s.shape[c]) && d.Tokens[c].Sentence == d.Tokens[i].Sentence {
				c++
			}
		}
		tagRun(s, i, c, tagBLoc)
		next = c
	}
}

// roadCode reports whether key k is a road number: a8, a86, m20, m-4, e40.
func roadCode(k string) bool {
	if len(k) < 2 || len(k) > 5 || !strings.ContainsRune("amedn", rune(k[0])) {
		return false
	}
	k = strings.TrimPrefix(k[1:], "-")
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < '0' || k[i] > '9' {
			return false
		}
	}
	return true
}

// roads tags the number of a road the tagger left out as a place, with
// "autoroute" before it ("l'autoroute A7"), or alone after "sur l'", "sur
// la" ("sur l'A86", "sur la RN 79").
func roads(d *Doc, s *nerScratch) {
	n := len(d.Tokens)
	next := 1
	for _, c := range s.caps {
		i := int(c)
		if sh := s.shape[i]; i < next || sh != shAlnum && sh != shAllCaps {
			continue
		}
		k := d.Tokens[i].Key
		e := 0
		switch {
		case s.shape[i] == shAlnum && roadCode(k) && s.lex[i] == 0 && s.tags[i] == tagO:
			e = i + 1
		case s.shape[i] == shAllCaps && (k == "rn" || k == "rd") && i+1 < n && d.Tokens[i+1].Kind == Number && !isInside(s.tags[i+1]):
			e = i + 2 // not the party RN of the lexicon, whatever the tagger made of it
		default:
			continue
		}
		switch p := d.Tokens[i-1].Key; {
		case p == "autoroute" && s.tags[i-1] == tagO:
			tagRun(s, i-1, e, tagBLoc) // "autoroute A7", as WiNER-fr 2016 mostly annotates it
		case (p == "l'" || p == "la") && i >= 2 && d.Tokens[i-2].Key == "sur":
			tagRun(s, i, e, tagBLoc)
		default:
			continue
		}
		if s.lex[i] != 0 {
			out := d.Mentions[:0]
			for _, m := range d.Mentions {
				if m.Tok != i || m.TokEnd != i+1 {
					out = append(out, m)
				}
			}
			d.Mentions = out
			s.lex[i] = 0
		}
		next = e
	}
}

// demonym reports whether word is a lexicon demonym ("américaine"). Its
// answers are kept in r.demonyms.
func (r *Recognizer) demonym(word string) bool {
	if v, ok := r.demonyms.Load(word); ok {
		return v.(bool)
	}
	dem := false
	for _, c := range r.m.Lookup(word, false) {
		if c.Via == lexicon.ViaDemonym {
			dem = true
			break
		}
	}
	if r.nDemonyms.Load() < maxDemonyms {
		r.nDemonyms.Add(1)
		r.demonyms.Store(strings.Clone(word), dem) // (a copy: word may be a document's text)
	}
	return dem
}

// maxDemonyms bounds the words Recognizer.demonyms keeps.
const maxDemonyms = 1 << 14

// untagged reports whether tokens [a, b) are capitalised, tagged O and out
// of the lexicon.
func untagged(s *nerScratch, a, b int) bool {
	for k := a; k < b; k++ {
		if s.tags[k] != tagO || !capital(s.shape[k]) || s.lex[k] != 0 {
			return false
		}
	}
	return true
}

// capHeads lists the capitalised words (keys) that head an organisation's
// name with its complement: "Parti communiste de Bohême-Moravie", "Front
// national de libération de la Corse". On WiNER-fr 2016 such a head, its
// lower-case adjectives and "de + Name" are one organisation 38 times out
// of 46.
var capHeads = map[string]bool{
	"ligue": true, "parti": true, "front": true, "mouvement": true, "conseil": true, "armee": true, "force": true,
	"forces": true, "union": true, "federation": true, "comite": true, "cour": true, "assemblee": true,
	"congres": true, "banque": true, "agence": true, "office": true, "institut": true, "universite": true,
	"ministere": true, "commission": true, "organisation": true, "alliance": true, "association": true,
	"fondation": true, "tribunal": true, "bureau": true, "haut-commissariat": true, "parlement": true,
	"chambre": true, "academie": true, "orchestre": true, "societe": true, "compagnie": true, "syndicat": true,
	"confederation": true, "direction": true, "autorite": true, "observatoire": true, "secretariat": true,
	"mission": true, "brigade": true, "regiment": true, "division": true, "senat": true, "conference": true,
	"coalition": true, "rassemblement": true,
}

// headOrgs tags a capitalised head of capHeads, up to two lower-case
// adjectives, "de" and the capitalised name after it as one organisation,
// whatever the tagger made of it ("Parti communiste de Bohême-Moravie", not
// the place "Bohême-Moravie"), unless the tagger's name goes on past it.
func headOrgs(d *Doc, s *nerScratch) {
	n := len(d.Tokens)
	next := 0
	for _, p := range s.cues {
		i := int(p)
		if i < next || i+2 >= n {
			continue
		}
		if s.shape[i] != shCap || isInside(s.tags[i]) || s.cls[i]&cCapHead == 0 {
			continue
		}
		sent := d.Tokens[i].Sentence
		j := i + 1
		for j < n && j < i+3 && s.shape[j] == shLower && s.cls[j]&(cGlue|cCutWord) == 0 && d.Tokens[j].Sentence == sent {
			j++
		}
		if j >= n || s.cls[j]&cOfWord == 0 || d.Tokens[j].Sentence != sent {
			continue
		}
		j++
		if j < n && (d.Tokens[j].Key == "la" || d.Tokens[j].Key == "l'") && d.Tokens[j-1].Key == "de" {
			j++
		}
		if j >= n || !capital(s.shape[j]) || d.Tokens[j].Sentence != sent || isInside(s.tags[j]) {
			continue
		}
		c := j + 1
		if t := s.tags[j]; t != tagO {
			c = s.runEnd(j, t)
		} else {
			for c < n && capital(s.shape[c]) && d.Tokens[c].Sentence == sent {
				c++
			}
		}
		if c < n && isInside(s.tags[c]) {
			continue
		}
		if t := s.tags[i]; t != tagO {
			e := s.runEnd(i, t)
			if e > c {
				continue // the tagger's name is longer
			}
		}
		tagRun(s, i, c, tagBOrg)
		next = c
	}
}

// orgCues lists the lower-case nouns (keys) that, after a determiner, put an
// organisation's name in apposition: "le groupe américain Dupont-Vernier",
// "la société Vortexa", "le journal Kathimerini". On WiNER-fr 2016 the name after
// them is an organisation 46 times out of 49.
var orgCues = map[string]bool{
	"societe": true, "entreprise": true, "geant": true, "constructeur": true, "firme": true, "compagnie": true,
	"chaine": true, "journal": true, "quotidien": true, "hebdomadaire": true, "magazine": true, "mensuel": true,
	"club": true, "agence": true, "studio": true, "studios": true, "editeur": true, "operateur": true,
	"fabricant": true, "banque": true, "assureur": true, "equipementier": true, "distributeur": true,
	"laboratoire": true, "radio": true, "groupe": true,
}

// orgCuePairs lists the two-word cues of orgCues: "le think tank Institut
// Montaigne", "le centre commercial Belle Épine".
var orgCuePairs = map[[2]string]bool{
	{"think", "tank"}: true, {"centre", "commercial"}: true,
}

// cueDeterminers lists the determiners (keys) before an organisation cue.
var cueDeterminers = map[string]bool{
	"le": true, "la": true, "les": true, "l'": true, "du": true, "des": true, "au": true, "aux": true,
	"un": true, "une": true, "son": true, "sa": true, "ses": true, "leur": true, "ce": true, "cette": true,
}

// namedWords lists the participles (keys) between a cue and the name:
// "la boîte de nuit nommée le Palace".
var namedWords = map[string]bool{
	"nomme": true, "nommee": true, "baptise": true, "baptisee": true, "appele": true, "appelee": true,
}

// cueOrgs types as an organisation the place or person the tagger found
// right after a determiner and an organisation cue of orgCues, a demonym
// or a participle of namedWords between them ("le groupe américain
// Dupont-Vernier", "la boîte de nuit nommée le Palace"), and the other mentions of
// that name in the document the tagger typed as a place or a person (the
// same name keeps one type in a news article).
func (r *Recognizer) cueOrgs(d *Doc, s *nerScratch) {
	n := len(d.Tokens)
	var names [][2]int // retyped runs [a, b)
	next := 1
	for _, p := range s.cues {
		i := int(p)
		if i < next || i+1 >= n || s.cls[i]&(cOrgCue|cOrgCuePair|cNuit) == 0 {
			continue
		}
		k := d.Tokens[i].Key
		j := i + 1
		switch {
		case s.cls[i]&cOrgCue != 0:
		case k == "nuit" && i >= 3 && d.Tokens[i-1].Key == "de" && d.Tokens[i-2].Key == "boite":
		case s.cls[i]&cOrgCuePair != 0 && orgCuePairs[[2]string{k, d.Tokens[j].Key}]:
			j++
		default:
			continue
		}
		if s.shape[i] != shLower || s.tags[i] != tagO {
			continue
		}
		det := i - 1
		if k == "nuit" {
			det = i - 3
		}
		if s.cls[det]&cCueDet == 0 {
			continue
		}
		if j+2 < n && (d.Tokens[j].Key == "de" || d.Tokens[j].Key == "d'") && s.shape[j+1] == shLower && s.cls[j+1]&cGlue == 0 {
			j += 2 // its kind: "l'agence de presse", "le think tank de gauche"
		}
		if j < n && s.shape[j] == shLower && r.demonym(d.Tokens[j].Norm) {
			j++ // a demonym
		}
		if j < n && s.cls[j]&cNamed != 0 {
			j++
			if j < n && s.cls[j]&cArticle != 0 {
				j++
			}
		}
		if j >= n || d.Tokens[j].Sentence != d.Tokens[i].Sentence {
			continue
		}
		if t := s.tags[j]; t == tagBLoc || t == tagBPer || t == tagBOrg {
			e := s.runEnd(j, t)
			tagRun(s, j, e, tagBOrg)
			names = append(names, [2]int{j, e})
			next = e
		}
	}
	if len(names) == 0 {
		return
	}
	for i := 0; i < n; i++ {
		t := s.tags[i]
		e := i + 1
		switch {
		case t == tagBLoc || t == tagBPer:
			e = s.runEnd(i, t)
		case t == tagO && capital(s.shape[i]) && s.lex[i] == 0:
			// a mention the tagger left out: as long as the name
			// and within one tag-free run of words
		default:
			continue
		}
		for _, nm := range names {
			if t == tagO {
				e = i + nm[1] - nm[0]
				if e > n || e < n && capital(s.shape[e]) || i > 0 && capital(s.shape[i-1]) ||
					d.Tokens[e-1].Sentence != d.Tokens[i].Sentence || !untagged(s, i, e) {
					continue
				}
			}
			if nm[1]-nm[0] != e-i {
				continue
			}
			same := true
			for x := 0; x < e-i; x++ {
				if d.Tokens[nm[0]+x].Key != d.Tokens[i+x].Key {
					same = false
					break
				}
			}
			if same {
				tagRun(s, i, e, tagBOrg)
				i = e - 1
				break
			}
		}
	}
}

// Word classes. The rule passes test whether a token's key is in one of
// their word lists through a bit set a token (nerScratch.cls), computed once
// a document from the key's hash (classOf), rather than by a map look-up a
// pass and a token.
const (
	cWeakLead uint32 = 1 << iota
	cWeakTail
	cOrgHead
	cOrgTail
	cOfWord
	cNameHead
	cLeadParticle
	cCutWord
	cLowerHead
	cPlaceHead
	cMinistere
	cOperation
	cOrgCue     // orgCues
	cOrgCuePair // the first word of an orgCuePairs pair
	cModelCue   // the tagger's orgCue
	cModelTail  // the tagger's orgTail
	cNeverIn    // neverInside
	cCapHead    // capHeads
	cGlue       // glueWords
	cArticle    // articleKeys
	cNuit       // "nuit" (of "boîte de nuit", a cue of cueOrgs)
	cOrdinal    // ordinalMark
	cOrgAdj     // orgAdjectives
	cCueDet     // cueDeterminers
	cNamed      // namedWords

	// cueClasses are the classes of the tokens some rule pass starts from
	// (prepare lists them in nerScratch.cues).
	cueClasses = cMinistere | cLowerHead | cPlaceHead | cCapHead | cOrgCue | cOrgCuePair | cNuit
)

// wordClasses holds the classes of the keys of the recogniser's word lists,
// hashed by hashString (which prepare computes for every token anyway).
var wordClasses = newKeyClasses(wordClassKeys(), hashString)

// wordClassKeys returns the keys of the recogniser's word lists with their
// classes.
func wordClassKeys() map[string]uint32 {
	byKey := map[string]uint32{"ministere": cMinistere, "operation": cOperation, "nuit": cNuit}
	for k, ok := range orgCues {
		if ok {
			byKey[k] |= cOrgCue
		}
	}
	for p, ok := range orgCuePairs {
		if ok {
			byKey[p[0]] |= cOrgCuePair
		}
	}
	for c, set := range map[uint32]map[string]bool{
		cWeakLead: weakLead, cWeakTail: weakTail, cOrgHead: orgHeads, cOrgTail: orgTails, cOfWord: ofWord,
		cNameHead: nameHeads, cLeadParticle: leadParticles, cCutWord: cutWords, cLowerHead: lowerHeads,
		cPlaceHead: placeHeads, cModelCue: orgCue, cModelTail: orgTail, cNeverIn: neverInside,
		cCapHead: capHeads, cGlue: glueWords, cArticle: articleKeys, cOrdinal: ordinalMark, cOrgAdj: orgAdjectives,
		cCueDet: cueDeterminers, cNamed: namedWords,
	} {
		for k, ok := range set {
			if ok {
				byKey[k] |= c
			}
		}
	}
	return byKey
}

// classOf returns the word classes of key, whose hashString hash is h.
func classOf(h uint64, key string) uint32 { return wordClasses.classesOf(h, key) }

// nextTag returns the first token from i on whose tag is not tagO (0), or
// len(tags): eight tags at a time, as most are O.
func nextTag(tags []uint8, i int) int {
	for ; i+8 <= len(tags); i += 8 {
		if w := binary.LittleEndian.Uint64(tags[i:]); w != 0 {
			return i + bits.TrailingZeros64(w)/8
		}
	}
	for i < len(tags) && tags[i] == tagO {
		i++
	}
	return i
}

// normalTokens reports whether Normalize leaves the text of tokens [a, b)
// as it is: when each token's Norm is its text, and the tokens are joined by
// spaces or the second one starts with an ASCII byte. (A space or an ASCII
// letter composes with no rune before it, nor a space with a rune after it,
// and no rune is reordered across either: NFC leaves their joins alone.)
func normalTokens(d *Doc, a, b int) bool {
	for k := a; k < b; k++ {
		t := &d.Tokens[k]
		if t.Norm != d.Text[t.Start:t.End] {
			return false
		}
		if k == a {
			continue
		}
		gap := d.Text[d.Tokens[k-1].End:t.Start]
		if gap == "" && d.Text[t.Start] >= utf8.RuneSelf {
			return false
		}
		for i := 0; i < len(gap); i++ {
			if gap[i] != ' ' {
				return false
			}
		}
	}
	return true
}
