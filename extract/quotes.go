package extract

import (
	"cmp"
	mbits "math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/quidit/quidit/lexicon"
)

// QuoteFinder finds quotes and reported speech and attributes them to
// speakers. It reads the marks of the raw text (« », “ ”, ‹ ›, straight
// quotes), the tokens, the mentions grouped into entities and the lexicon's
// speech verbs; it adds nothing but d.Quotes. It is read-only once built and
// safe for concurrent use.
type QuoteFinder struct {
	lex    *lexicon.Lexicon
	m      *Matcher
	folded sync.Map // word → lexicon.Fold(word), for the lemmas and roles met

	// Tables made on the first Find, read-only after. The bit sets, by
	// vocabulary id, take a few kilobytes, which stay in cache.
	once   sync.Once
	start  []uint64 // bit id: Matcher.speechStart[id], or a key mayInvert accepts
	accord []uint64 // bit id: a key accordingKey accepts
	// the tokenClasses of the key of each id, in tables small enough
	// to stay in cache (idClasses): bit id of clsBits is set when the key is
	// in a word list, and its classes are then clsDense[clsRank[id>>6] + the
	// bits set below it in its word]; the others have wKnown alone
	// forms[formRank[id>>6] + the bits of start set below id in its
	// word] is the speechForm of a key whose bit is set in start
	formRank   []uint32
	forms      []speechForm
	lemmaNames []string // speechForm.lemma-1 → lemma
	formAuxOK  bool     // every auxiliary has formAux (initForms)
	clsBits    []uint64
	clsRank    []uint32
	clsDense   []wordClass
	lemmas     map[string]string // speech verb lemma → lexicon.Fold(lemma)
	// roles (role): titleWord has bit id set when the key of id is a TITLE
	// form of one token (Matcher.Title); persons holds every PERSON entry
	// of the lexicon, with the fold of the first word of its role
	titleWord []uint64
	persons   map[*lexicon.Entry]personRole

	// Tables of scanTokens. scanBits holds two bits for each id+1
	// (0 stands for the keys outside the vocabulary): 1 when the key may
	// start a speech verb group (its start bit); else 2 when it is a marker
	// only before certain words (accordingNeedsNext), the ids of which are
	// in nextIDs; else 3 when it is an "according to" marker or a final
	// punctuation mark (finalKey). scanKeys
	// has the bits (scanKeyHash) of the markers and final marks the
	// vocabulary lacks.
	scanBits []uint64
	nextIDs  [len(accordingNextKeys)]int32
	scanKeys [4]uint64

	// queOK is set when the vocabulary lacks "que" and "qu'": scanTokens
	// then finds them among the keys outside it (quoteAnalysis.ques).
	// startAccord is set when a key accordingKey accepts may start a speech
	// verb group (reportedCues).
	queOK, startAccord bool

	// (auxNextOK) bit id of auxNext is set when the key of id may be the
	// word after an auxiliary in a speech verb group (findSpeech): an
	// adverb, a negation, a pronoun, "d'", ",", "quant", "lui", "elle", an
	// inverted pronoun ("-t-il"), a key that starts a speech verb form or
	// goes on with one (an edge of speechSeq below the root). auxNextOK is
	// set when the tables are made; auxKeys has the bits (scanKeyHash) of the
	// words of the lists the vocabulary lacks.
	auxNext   []uint64
	auxKeys   [4]uint64
	auxNextOK bool

	// outside holds the classes (tokenClasses) of the keys of the word
	// lists that the vocabulary lacks, of up to 8 bytes, packed (packKey):
	// classes reads them for the tokens outside the vocabulary.
	outside []packedClass
}

// init makes q's tables.
func (q *QuoteFinder) init() {
	q.once.Do(func() {
		nv := len(q.m.speechStart)
		q.start, q.accord = make([]uint64, (nv+63)/64), make([]uint64, (nv+63)/64)
		for id, ok := range q.m.speechStart {
			if ok {
				q.start[id>>6] |= 1 << (id & 63)
			}
		}
		// The matcher gives every key of its vocabulary an id below nv
		// (NewMatcher), so every vocabulary key has its tables here.
		idCls := make([]wordClass, nv)
		q.clsBits, q.clsRank = make([]uint64, (nv+63)/64), make([]uint32, (nv+63)/64)
		q.scanBits = make([]uint64, (nv+1+31)/32)
		for k, id := range q.m.vocab {
			idCls[id] = tokenClasses(k)
			if idCls[id] != wKnown {
				q.clsBits[id>>6] |= 1 << (id & 63)
			}
			if mayInvert(k) {
				q.start[id>>6] |= 1 << (id & 63)
			}
			if accordingKey(k) {
				q.accord[id>>6] |= 1 << (id & 63)
			}
			var v uint64 // scanBits
			switch {
			case q.start[id>>6]&(1<<(id&63)) != 0:
				v = 1
			case accordingKey(k) && accordingNeedsNext(k):
				v = 2
			case accordingKey(k) || finalKey(k):
				v = 3
			}
			x := id + 1
			q.scanBits[x>>5] |= v << (x & 31 * 2)
		}
		keys := make([]string, nv)
		for k, id := range q.m.vocab {
			keys[id] = k
		}
		q.initForms(keys)
		for w, bits := range q.clsBits {
			q.clsRank[w] = uint32(len(q.clsDense))
			for ; bits != 0; bits &= bits - 1 {
				q.clsDense = append(q.clsDense, idCls[w<<6|mbits.TrailingZeros64(bits)])
			}
		}
		q.initAuxNext(keys, idCls)
		q.initOutside()
		_, que := q.m.vocab["que"]
		_, qu := q.m.vocab["qu'"]
		q.queOK = !que && !qu
		for w := range q.start {
			q.startAccord = q.startAccord || q.start[w]&q.accord[w] != 0
		}
		for i, k := range accordingNextKeys {
			q.nextIDs[i] = -2 // matches no token
			if id, ok := q.m.vocab[k]; ok {
				q.nextIDs[i] = id
			}
		}
		for _, k := range []string{"de", "d'", "aux", "pour", "selon", lexicon.Fold("."), lexicon.Fold("!"), lexicon.Fold("?"), lexicon.Fold("…")} {
			if _, ok := q.m.vocab[k]; !ok && (accordingKey(k) || finalKey(k)) {
				h := scanKeyHash(len(k), k[0], k[len(k)-1])
				q.scanKeys[h>>6] |= 1 << (h & 63)
			}
		}
		q.lemmas = map[string]string{}
		q.persons = map[*lexicon.Entry]personRole{}
		for _, e := range q.lex.Entries() {
			switch e.Type {
			case lexicon.SpeechVerb:
				q.lemmas[e.Name] = lexicon.Fold(e.Name)
			case lexicon.Person:
				var r personRole
				if attr := e.Attr("role"); attr != "" {
					r = personRole{lexicon.Fold(firstField(attr)), true}
				}
				q.persons[e] = r
			}
		}
		q.titleWord = make([]uint64, (nv+63)/64)
		for id, k := range keys {
			if q.m.titles.next(0, int32(id)) >= 0 {
				if n, _ := q.m.Title([]Token{{Key: k, Norm: k}}); n > 0 {
					q.titleWord[id>>6] |= 1 << (id & 63)
				}
			}
		}
	})
}

// fold returns lexicon.Fold(lemma), computed once per lemma: the lemmas are
// the lexicon's speech verbs (folded by init) and the first words of its
// entries' roles, a few thousand at most.
func (q *QuoteFinder) fold(lemma string) string {
	if f, ok := q.lemmas[lemma]; ok {
		return f
	}
	if f, ok := q.folded.Load(lemma); ok {
		return f.(string)
	}
	f := lexicon.Fold(lemma)
	q.folded.Store(lemma, f)
	return f
}

// NewQuoteFinder returns a QuoteFinder using lex's speech verbs through m.
func NewQuoteFinder(lex *lexicon.Lexicon, m *Matcher) *QuoteFinder {
	return &QuoteFinder{lex: lex, m: m}
}

// Find sets d.Quotes, in text order: direct and partial quotes between
// quotation marks (titles, names and terms put in marks are left out),
// reported speech (X affirme que …) and attributions (selon X, …), each with
// its speaker when the text says who.
func (q *QuoteFinder) Find(d *Doc) {
	d.Quotes = d.Quotes[:0]
	if len(d.Tokens) == 0 {
		return
	}
	q.init()
	a := newQuoteAnalysis(q, d)
	a.find(false)
	a.q, a.d, a.ids = nil, nil, nil
	analysisPool.Put(a)
}

// find does the work of Find once a is made. reported reads the cues
// reportedCues keeps, or all of them when allCues is set (the tests check
// that both find the same).
func (a *quoteAnalysis) find(allCues bool) {
	d := a.d
	a.findCandidates()
	for i := range a.cands {
		if !a.cands[i].skip {
			a.attribute(i)
		}
	}
	for _, c := range a.cands {
		if c.skip {
			continue
		}
		d.Quotes = append(d.Quotes, Quote{Span: c.inner, Kind: c.kind, Speaker: c.sp.ent, Who: c.sp.who, Cue: c.cue})
	}
	if allCues {
		a.reported(a.cues)
	} else {
		a.reported(a.reportedCues())
	}
	slices.SortStableFunc(d.Quotes, func(p, q Quote) int {
		if p.Start != q.Start {
			return cmp.Compare(p.Start, q.Start)
		}
		return cmp.Compare(p.End, q.End)
	})
}

// maxCueDistance is how far before a quote, in tokens, its cue may stand.
const maxCueDistance = 60

// speakerRef is a speaker as found: an entity, the words naming it, or both.
type speakerRef struct {
	ent    int  // index into Doc.Entities, or -1
	who    Span // the words naming the speaker, or NoSpan
	gender byte // 'm', 'f' or 0
	plural bool
}

var noSpeaker = speakerRef{ent: -1, who: NoSpan}

func (s speakerRef) ok() bool { return s.ent >= 0 || s.who != NoSpan }

// cand is a pair of top-level quotation marks and what the finder makes of it.
type cand struct {
	pair        markPair
	inner       Span
	open, close int // tokens of the marks, or -1
	a, b        int // inner tokens [a, b)
	after       int // first token after the closing mark
	skip        bool
	agentless   bool // a passive cue with no agent (décrit comme « … »): no speaker from context
	kind        QuoteKind
	sp          speakerRef
	cue         Span
}

// said records where a speaker was attributed, for pronouns and continuations.
type said struct {
	at int // byte offset of the quote or cue
	sp speakerRef
}

type quoteAnalysis struct {
	q     *QuoteFinder
	d     *Doc
	ment  []int // token → mention index, or -1
	inq   []int // token → candidate index when inside a quote or on its marks, or -1
	sent  []int // token → first token of its sentence (quotes do not end sentences)
	send  []int // first token of a sentence → one past its last token
	cands []cand
	said  []said
	pairs []markPair // findMarks' output

	ids         []int32     // token → the vocabulary id of its key (Matcher.keyIDs)
	cls         []wordClass // token → the word classes of its key
	cues        []int32     // tokens where reported speech may start (scanTokens)
	cueBits     []uint64    // the tokens of cues, a bit each (scanTokens): nextCue, prevCue
	brks        []int32     // tokens where a sentence may start, shifted left by 2, with brkFinal or brkNewline (scanTokens)
	keep        []uint64    // scanTokens' scratch: the tokens it tests, a bit each
	unk         []uint64    // scanTokens' scratch: the tokens outside the vocabulary, a bit each
	startBits   []uint64    // scanTokens' scratch: the tokens whose vocabulary id has its start bit, a bit each
	ques        []uint64    // the tokens whose key may be "que" or "qu'", a bit each, when QuoteFinder.queOK (scanTokens)
	needed      []int32     // reportedCues' scratch
	nlBrks      []int32     // scanTokens' scratch: the breaks at line breaks
	brkMerge    []int32     // scanTokens' scratch: brks and nlBrks merged
	before      []uint64    // beforeBits, when beforeOK
	beforeOK    bool
	speechMemo  []int32     // token → 0 or -1 no speech verb group, memoMayStart not yet looked at, k > 0 speechFound[k-1]
	speechFound []verbGroup // speech verb groups found by speechAt
}

// memoMayStart marks in quoteAnalysis.speechMemo a token where a speech verb
// group may start, not yet looked at.
const memoMayStart = -2

// analysisPool keeps quoteAnalysis scratch between documents.
var analysisPool = sync.Pool{New: func() any { return new(quoteAnalysis) }}

// sized returns s resized to n elements, reusing its storage: the values
// are left as they were.
func sized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// zeroed returns s resized to n elements, all zero, reusing its storage.
func zeroed[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func newQuoteAnalysis(q *QuoteFinder, d *Doc) *quoteAnalysis {
	a := analysisPool.Get().(*quoteAnalysis)
	n := len(d.Tokens)
	*a = quoteAnalysis{q: q, d: d,
		ment:        sized(a.ment, n), // all set to -1 below
		inq:         sized(a.inq, n),
		sent:        sized(a.sent, n), // all set by findCandidates
		send:        a.send[:0],
		cands:       a.cands[:0],
		said:        a.said[:0],
		pairs:       a.pairs[:0],
		cls:         zeroed(a.cls, n),
		cues:        a.cues[:0],
		cueBits:     a.cueBits,
		brks:        a.brks[:0],
		keep:        a.keep,
		unk:         a.unk,
		startBits:   a.startBits,
		ques:        a.ques,
		needed:      a.needed,
		nlBrks:      a.nlBrks,
		brkMerge:    a.brkMerge,
		before:      a.before,
		speechMemo:  zeroed(a.speechMemo, n),
		speechFound: a.speechFound[:0],
	}
	fill(a.ment, -1)
	fill(a.inq, -1)
	a.ids = q.m.keyIDs(d, false)
	a.scanTokens()
	for mi, m := range d.Mentions {
		for t := m.Tok; t < m.TokEnd && t < n; t++ {
			if t >= 0 && a.ment[t] < 0 {
				a.ment[t] = mi
			}
		}
	}
	return a
}

// fill sets every element of s to v, copying what is set in doubling runs
// (memmove is faster than a loop).
func fill[T any](s []T, v T) {
	if len(s) == 0 {
		return
	}
	s[0] = v
	for n := 1; n < len(s); n *= 2 {
		copy(s[n:], s[:n])
	}
}

// tokFrom returns the index of the first token starting at or after byte off.
func (a *quoteAnalysis) tokFrom(off int) int {
	return firstFrom(a.d.Tokens, off, 0, len(a.d.Tokens))
}

// firstFrom returns the first token of toks[lo:hi] starting at or after byte
// off, else hi: sort.Search, without its closure.
func firstFrom(toks []Token, off, lo, hi int) int {
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if toks[h].Start < off {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo
}

// tokFromAfter returns tokFrom(off) given that it is lo or after: it looks
// from lo, one token, then 2, 4 … (the quote marks and the ends of quotes are
// mostly a few tokens apart), then searches the last step.
func (a *quoteAnalysis) tokFromAfter(off, lo int) int {
	toks := a.d.Tokens
	hi := lo
	for step := 1; hi < len(toks) && toks[hi].Start < off; step *= 2 {
		lo, hi = hi+1, min(hi+step, len(toks))
	}
	return firstFrom(toks, off, lo, hi)
}

// is reports whether the key of token i is in a word class of c (false for
// an i out of range, whose key is ""). A token's classes are looked up the
// first time they are asked for.
func (a *quoteAnalysis) is(i int, c wordClass) bool {
	if uint(i) >= uint(len(a.cls)) {
		return false
	}
	return a.classes(i)&c != 0
}

// classes returns the word classes of token i, looked up the first time.
func (a *quoteAnalysis) classes(i int) wordClass {
	w := a.cls[i]
	if w&wKnown == 0 {
		if id := a.ids[i]; id >= 0 {
			w |= a.q.idClasses(id) // the classes of the key, by its vocabulary id
		} else if k := a.d.Tokens[i].Key; len(k) <= 8 && !mayInvert(k) {
			w |= a.q.outsideClasses(packKey(k)) // a short key of a word list outside the vocabulary, or wKnown
		} else {
			w |= tokenClasses(k)
		}
		a.cls[i] = w
	}
	return w
}

// idClasses returns tokenClasses of the key of vocabulary id.
func (q *QuoteFinder) idClasses(id int32) wordClass {
	bits, bit := q.clsBits[id>>6], uint64(1)<<(id&63)
	if bits&bit == 0 {
		return wKnown
	}
	return q.clsDense[q.clsRank[id>>6]+uint32(mbits.OnesCount64(bits&(bit-1)))]
}

// firstName returns Matcher.FirstName of the key of token i ("" out of
// range), from the key's vocabulary id.
func (a *quoteAnalysis) firstName(i int) byte {
	if i < 0 || i >= len(a.ids) {
		return a.q.m.FirstName(a.key(i))
	}
	return a.q.m.firstName(a.ids[i])
}

func (a *quoteAnalysis) key(i int) string {
	if i < 0 || i >= len(a.d.Tokens) {
		return ""
	}
	return a.d.Tokens[i].Key
}

// newlineBefore reports whether a line break separates token i from token i-1.
func (a *quoteAnalysis) newlineBefore(i int) bool {
	if i <= 0 || i >= len(a.d.Tokens) {
		return true
	}
	return gapHasNewline(a.d.Text[a.d.Tokens[i-1].End:a.d.Tokens[i].Start])
}

// endsSentence reports whether norm ends a sentence: . ! ? …
func endsSentence(norm string) bool {
	switch len(norm) {
	case 1:
		return norm[0] == '.' || norm[0] == '!' || norm[0] == '?'
	case 3:
		return norm == "…"
	}
	return false
}

// findCandidates pairs the marks, maps them to tokens, computes sentences and
// decides which pairs are quotes.
func (a *quoteAnalysis) findCandidates() {
	d := a.d
	pairs := findMarks(d.Text, a.pairs[:0])
	pairs = append(pairs, findDialogue(d.Text, pairs)...)
	a.pairs = pairs
	sortPairs(pairs)
	prevOpen := 0
	for _, p := range pairs {
		if p.Depth > 0 {
			continue
		}
		c := cand{pair: p, inner: trimSpan(d.Text, p.Inner()), open: -1, close: -1, sp: noSpeaker, cue: NoSpan}
		if c.inner.Len() == 0 {
			continue
		}
		// the tokens of the marks and what they enclose, each at or after the
		// one before (the pairs come sorted by their opening marks)
		o := a.tokFromAfter(p.Open.Start, prevOpen)
		prevOpen = o
		c.a = a.tokFromAfter(c.inner.Start, o)
		c.b = a.tokFromAfter(p.Close.Start, c.a)
		c.after = a.tokFromAfter(p.Close.End, c.b)
		if c.a > 0 && a.inq[c.a-1] >= 0 && p.Dialogue {
			continue
		}
		if o < len(d.Tokens) && d.Tokens[o].Start == p.Open.Start {
			c.open = o
		}
		if c.b < len(d.Tokens) && d.Tokens[c.b].Start == p.Close.Start {
			c.close = c.b
		}
		if c.b <= c.a {
			continue
		}
		ci := len(a.cands)
		from, to := c.a, c.b
		if c.open >= 0 {
			from = c.open
		}
		if c.close >= 0 {
			to = c.close + 1
		}
		for t := from; t < to; t++ {
			a.inq[t] = ci
		}
		a.cands = append(a.cands, c)
	}
	// Sentences: final punctuation outside quotes, or a line break outside a
	// quote, among the places scanTokens found.
	a.send = sized(a.send, len(d.Tokens)) // read only at the starts of sentences, all set here
	start := 0
	for _, b := range a.brks {
		i := int(b >> 2)
		if b&brkNewline != 0 && !(a.inq[i] >= 0 && a.inq[i] == a.inq[i-1]) ||
			b&brkFinal != 0 && a.inq[i-1] < 0 {
			a.endSentence(start, i)
			start = i
		}
	}
	a.endSentence(start, len(d.Tokens))
	for i := range a.cands {
		a.classify(i)
	}
}

// endSentence records the sentence [start, end) in a.sent and a.send.
func (a *quoteAnalysis) endSentence(start, end int) {
	s := a.sent[start:end]
	for k := range s {
		s[k] = start
	}
	a.send[start] = end
}

// sentEnd returns one past the last token of the sentence of token i.
func (a *quoteAnalysis) sentEnd(i int) int { return a.send[a.sent[i]] }

func trimSpan(text string, s Span) Span {
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(text[s.Start:])
		if !unicode.IsSpace(r) {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(text[:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.End -= n
	}
	return s
}

// namingVerbs name what follows in marks whatever its case (surnommé « le
// Boucher »); naming nouns (le groupe, l'émission) only a capitalised name.
var namingVerbs = words(`appelé appelée appelés appelées surnommé surnommée surnommés surnommées baptisé baptisée
	baptisés baptisées dénommé dénommée nommé nommée nommés nommées intitulé intitulée intitulés intitulées
	nomme nomment appelle appellent intitule intitulent surnomme surnomment baptise baptisent terme mot expression`)

// leadWords open a sentence before its subject: Mais Firmin la rassure.
var leadWords = words("mais et puis alors enfin ensuite donc or car aussi pourtant cependant soudain")

// verbClitic are object pronouns that stand right before a verb: a noun
// phrase followed by one is a subject (le faucheur me criait).
var verbClitic = words("me m' te t' se s' lui nous vous leur y")

// calendarWords are capitalised at the head of a sentence but name no one.
var calendarWords = words(`lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin
	juillet août septembre octobre novembre décembre hier aujourd'hui demain ce cette selon pour après avant
	alors mais et puis ensuite enfin cependant pourtant donc or ainsi aussi quand lorsque comme si oui non ah oh
	eh bien voici voilà tout toute tous toutes chaque depuis pendant malgré sans avec dans sur sous en par
	entre vers`)

var smallWords = words("de du des d' la le les l' et à en al el von van der den y da di do dos das of the and sur sous pour aux au")

// classify sets c.kind, or c.skip for titles, names and terms in marks.
func (a *quoteAnalysis) classify(ci int) {
	c := &a.cands[ci]
	toks := a.d.Tokens
	nw := 0 // words, counted up to 12: no test below looks further
	for t := c.a; t < c.b && nw < 12; t++ {
		if toks[t].Kind == Word || toks[t].Kind == Elision {
			nw++
		}
	}
	if nw == 0 {
		c.skip = true
		return
	}
	if c.pair.Dialogue {
		// a signature (— Name, role) is no turn of dialogue
		if r := a.nameRun(c.a, c.b); r > c.a && (r == c.b || a.key(r) == "," || a.key(r) == "(") &&
			(r > c.a+1 || a.firstName(c.a) != 0 || a.ment[c.a] >= 0 && a.d.Mentions[a.ment[c.a]].Type == lexicon.Person) {
			c.skip = true
			return
		}
		c.kind = Direct
		return
	}
	before := c.a - 1
	if c.open >= 0 {
		before = c.open - 1
	}
	prev := a.key(before)
	first := toks[c.a]
	lastNorm := toks[c.b-1].Norm
	// said: a speech cue ends right before the quote or follows it, looked
	// for only when a test below needs it
	saidKnown, said := false, false
	isSaid := func() bool {
		if !saidKnown {
			said, saidKnown = a.cueEndsAt(before) || a.cueAfter(c.after), true
		}
		return said
	}
	// Names and titles: capitalised words only, short, no sentence inside.
	if first.Cap() && nw <= 7 && !endsSentence(lastNorm) && !isSaid() && prev != ":" && !a.hasLowerWord(c.a, c.b) {
		c.skip = true
		return
	}
	// Named things: le groupe « … », l'opération « … », appelé « … », dits « … ».
	naming, det := a.is(before, wNaming), a.is(before, wDet) // namingWords[prev], detWords[prev]
	if prev != "dits" && prev != "dites" && strings.HasSuffix(prev, "s") && namingWords[strings.TrimSuffix(prev, "s")] {
		prev = strings.TrimSuffix(prev, "s") // les chansons « … »
		naming, det = true, detWords[prev]
	}
	if naming && !isSaid() && !(prev == "dit" || prev == "dits" || prev == "dite" || prev == "dites") && (first.Cap() || namingVerbs[prev]) ||
		(prev == "dit" || prev == "dits" || prev == "dite" || prev == "dites") && before > 0 && toks[before-1].Kind == Word && !a.is(before-1, wAux|wPronoun|wClitic|wNeg) && !toks[before-1].Cap() ||
		det && a.is(before-1, wNaming) && !isSaid() {
		c.skip = true
		return
	}
	if first.Key == "affaire" && c.a+1 < c.b && toks[c.a+1].Cap() && nw <= 6 {
		c.skip = true
		return
	}
	// Charges: mis en examen pour « … », une enquête pour « … ».
	for t := before; t >= 0 && t >= before-2; t-- {
		if a.key(t) == "pour" && !isSaid() {
			for u := t - 1; u >= 0 && u >= t-4; u-- {
				if a.is(u, wCharge) && a.sent[u] == a.sent[t] {
					c.skip = true
					return
				}
			}
		}
	}
	if (first.Key == "chefs" || first.Key == "chef") && a.key(c.a+1) == "d'" || a.key(c.a+1) == "de" && first.Key == "chefs" {
		c.skip = true
		return
	}
	startsSentence := before < 0 || a.sent[before] != a.sent[max(c.a, 0)] || prev == ":" || prev == "—" || prev == "–" || prev == "-" || a.newlineBefore(max(c.open, c.a))
	upper := first.Cap() || first.Norm == "[" || first.Norm == "(" || first.Norm == "…"
	switch {
	case endsSentence(lastNorm) && nw >= 3,
		startsSentence && nw >= 3,
		upper && nw >= 4,
		nw >= 12:
		c.kind = Direct
	default:
		c.kind = Partial
	}
}

// hasLowerWord reports whether a word of tokens [s, e) starts in lower case,
// the small words of names (de, la, von …) aside.
func (a *quoteAnalysis) hasLowerWord(s, e int) bool {
	toks := a.d.Tokens
	for t := s; t < e; t++ {
		if (toks[t].Kind == Word || toks[t].Kind == Elision) && !toks[t].Cap() && !a.is(t, wSmall) {
			return true
		}
	}
	return false
}

// cueEndsAt reports whether a speech cue ends at token i (optionally followed
// by a colon or "que"): "a déclaré :", "affirme que".
func (a *quoteAnalysis) cueEndsAt(i int) bool {
	k := a.key(i)
	if k == ":" || k == "que" || k == "qu'" {
		i--
	}
	for s := a.prevCue(i, i-4); s >= 0; s = a.prevCue(s-1, i-4) { // a group starts at a cue
		if g, ok := a.speechAt(s); ok && g.End == i+1 {
			return true
		}
	}
	return false
}

// nextCue returns the first token of a.cues at or after i and before hi,
// else hi.
func (a *quoteAnalysis) nextCue(i, hi int) int {
	if i >= hi {
		return hi
	}
	w := i >> 6
	x := a.cueBits[w] & (^uint64(0) << (i & 63))
	for x == 0 {
		w++
		if w<<6 >= hi {
			return hi
		}
		x = a.cueBits[w]
	}
	return min(w<<6|mbits.TrailingZeros64(x), hi)
}

// prevCue returns the last token of a.cues at or before i and at or after
// max(lo, 0), else -1.
func (a *quoteAnalysis) prevCue(i, lo int) int {
	lo = max(lo, 0)
	if i < lo {
		return -1
	}
	if j := prevBit(a.cueBits, i); j >= lo {
		return j
	}
	return -1
}

// cueAfter reports whether a speech cue follows a closing mark: ", a-t-il dit".
func (a *quoteAnalysis) cueAfter(i int) bool {
	if a.key(i) == "," {
		i++
	}
	if i >= len(a.d.Tokens) {
		return false
	}
	g, ok := a.speechAt(i)
	if ok && a.key(g.End) == "par" && !g.Passive {
		return false // « Bienvenue Place Beauvau », écrit par des journalistes
	}
	if !ok {
		k := a.key(i)
		ok = k == "selon" || k == "d'" && a.key(i+1) == "apres"
	}
	return ok
}

// attribute finds the cue and speaker of candidate ci.
func (a *quoteAnalysis) attribute(ci int) {
	c := &a.cands[ci]
	found := a.attributeInside(ci) || a.attributeAfter(ci) || a.attributeLater(ci) || a.attributeBefore(ci)
	if !found || !c.sp.ok() && !c.agentless {
		a.attributeContext(ci)
	}
	if c.sp.ok() {
		a.said = append(a.said, said{at: c.inner.Start, sp: c.sp})
	}
}

// chainEnd returns the last candidate of a run of quotes joined by commas or
// "et" starting at ci: « A », « B » et « C », a dit X.
func (a *quoteAnalysis) chainEnd(ci int) int {
	for ci+1 < len(a.cands) {
		c, n := &a.cands[ci], &a.cands[ci+1]
		if n.skip {
			return ci
		}
		j := c.after
		for j < len(a.d.Tokens) && (a.key(j) == "," || a.key(j) == "et" || a.key(j) == "ou" || a.key(j) == "mais" || a.key(j) == "puis" || a.key(j) == "(" || a.key(j) == ")") {
			j++
		}
		if j > c.after+2 || (n.open >= 0 && j != n.open) || (n.open < 0 && j != n.a) {
			return ci
		}
		ci++
	}
	return ci
}

// attributeAfter reads a cue after the quote: « … », a déclaré X / a-t-il
// ajouté / selon X / — X / the speaker's name alone on the next line.
func (a *quoteAnalysis) attributeAfter(ci int) bool {
	c := &a.cands[ci]
	last := &a.cands[a.chainEnd(ci)]
	toks := a.d.Tokens
	p := last.after
	if p >= len(toks) {
		return false
	}
	// The speaker's name alone on the line after the quote.
	if a.newlineBefore(p) {
		if sp, ok := a.nameLine(p); ok {
			c.sp = sp
			return true
		}
		return false
	}
	if a.key(p) == "—" || a.key(p) == "–" {
		if sp := a.npAfter(p+1, a.sentEnd(p)); sp.ok() {
			c.sp, c.cue = sp, toks[p].Span
			return true
		}
	}
	if a.key(p) == "," || a.key(p) == ")" {
		p++
	}
	for k := 0; k < 2 && p < len(toks) && a.is(p, wAdverb) && a.key(p) != "a"; k++ {
		p++
	}
	comme := -1
	if a.key(p) == "comme" && (a.key(p+1) == "l'" || a.key(p+1) == "le") {
		comme = p
		p += 2 // « … », comme l'a confirmé le procureur
	}
	if p >= len(toks) || a.inq[p] >= 0 || a.sent[p] != a.sent[max(last.after-1, 0)] && !a.sameSentenceAfterQuote(last, p) {
		return false
	}
	end := a.sentEnd(p)
	if e, ok := a.accordingAt(p); ok && a.key(p) != "pour" {
		cue := Span{toks[p].Start, toks[e-1].End}
		// selon ce qu'a confié X
		if a.key(e) == "ce" && (a.key(e+1) == "qu'" || a.key(e+1) == "que") {
			if g, ok := a.speechAt(e + 2); ok {
				cue.End = toks[g.End-1].End
				e = g.End
			}
		}
		if a.key(e) == "les" && a.key(e+1) == "mots" {
			cue.End = toks[e+1].End
			e += 2
			if a.key(e) == "du" || a.key(e) == "de" || a.key(e) == "des" || a.key(e) == "d'" {
				cue.End = toks[e].End
				e++
			}
		}
		if sp := a.npAfter(e, end); sp.ok() {
			c.sp, c.cue = sp, cue
			return true
		}
		return false
	}
	g, ok := a.speechAt(p)
	if !ok || g.NonFinite && g.Pron == "" || g.Infinitive {
		return false
	}
	c.cue = Span{toks[g.Start].Start, toks[g.End-1].End}
	if comme >= 0 {
		c.cue.Start = toks[comme].Start
	}
	if g.Pron != "" {
		c.sp = a.pronoun(g.Pron, pronSpan(toks[g.PronTok], g.Pron), c.inner.Start)
		return true
	}
	if g.Passive && a.key(g.End) == "par" {
		c.cue.End = toks[g.End].End // est déploré par
		c.sp = a.npAfter(g.End+1, end)
		return true
	}
	if sp := a.npAfter(g.End, end); sp.ok() {
		c.sp = sp
		return true
	}
	return true
}

// sameSentenceAfterQuote: a quote ending with "." is followed by its incise
// (« … . », a-t-il dit): the sentence split after the final point inside the
// quote does not count.
func (a *quoteAnalysis) sameSentenceAfterQuote(c *cand, p int) bool {
	return p <= c.after+2
}

// nameLine reads a speaker's name standing alone on the line starting at
// token p (a signature after a quote).
func (a *quoteAnalysis) nameLine(p int) (speakerRef, bool) {
	toks := a.d.Tokens
	if k := a.key(p); (k == "—" || k == "–" || k == "-") && p+1 < len(toks) && !a.newlineBefore(p+1) {
		p++
	}
	e := p + 1
	for e < len(toks) && !a.newlineBefore(e) {
		e++
	}
	// a signature with a description: — Luca, 32 ans
	for t := p + 1; t < e; t++ {
		if a.key(t) == "," {
			e = t
			break
		}
	}
	if e-p > 8 || !toks[p].Cap() || a.inq[p] >= 0 {
		return noSpeaker, false
	}
	for t := p; t < e; t++ {
		if endsSentence(toks[t].Norm) || toks[t].Kind == OpenQuote {
			return noSpeaker, false
		}
		if a.speaks(t) {
			return noSpeaker, false
		}
	}
	if mi := a.ment[p]; mi >= 0 && (a.d.Mentions[mi].Type == lexicon.Person || a.d.Mentions[mi].Type == lexicon.Organization) {
		return a.fromMention(mi), true
	}
	// a capitalised name the recogniser missed: two to four capitalised words
	run := a.nameRun(p, e)
	if run == e && (run > p+1 || a.firstName(p) != 0) {
		return speakerRef{ent: -1, who: Span{toks[p].Start, toks[run-1].End}}, true
	}
	return noSpeaker, false
}

// nameRun returns the end of a run of capitalised words (with particles)
// starting at p, before hi.
func (a *quoteAnalysis) nameRun(p, hi int) int {
	toks := a.d.Tokens
	e := p
	for e < hi && e < p+6 {
		t := toks[e]
		if a.is(e, wCalendar) {
			break
		}
		if t.Kind == Word && t.Cap() || e > p && a.particlesBeforeCap(e, hi) || t.Norm == "." && e > p && len(toks[e-1].Norm) == 1 {
			e++
			continue
		}
		break
	}
	for e > p && !toks[e-1].Cap() && toks[e-1].Norm != "." {
		e--
	}
	return e
}

// attributeBefore reads a cue before the quote in its sentence: X a déclaré :
// « … », X a qualifié … de « … », selon X, « … », pour X, « … ».
func (a *quoteAnalysis) attributeBefore(ci int) bool {
	c := &a.cands[ci]
	toks := a.d.Tokens
	from := c.a
	if c.open >= 0 {
		from = c.open
	}
	if from == 0 {
		return false
	}
	lo := a.sent[from-1]
	if a.sent[from] != lo && a.key(from-1) != ":" {
		return false
	}
	// the nearest cue before the quote, outside other quotes
	// (at most maxCueDistance tokens back: a cue further away is not this quote's)
	stop, stopAt := -1, -1 // stop is groupStop(stopAt), kept from one token to the one before
	bb := a.beforeBits()
	for i := from - 1; i >= lo && i >= from-maxCueDistance; i-- {
		if i = prevBit(bb, i); i < lo || i < from-maxCueDistance {
			break // no cue nor quote left to read
		}
		if a.inq[i] >= 0 {
			// an earlier quote of the same sentence with a speaker: same speaker
			pc := &a.cands[a.inq[i]]
			if !pc.skip && pc.sp.ok() && pc.cue != NoSpan && pc.cue.Start < pc.inner.Start {
				c.sp, c.cue = pc.sp, pc.cue
				return true
			}
			i = min(i, max(pc.open, pc.a))
			continue
		}
		if e, ok := a.accordingAt(i); ok {
			end := a.sentEnd(i)
			sp := a.npAfter(e, min(end, from))
			if a.key(i) == "pour" {
				// pour X, « … »: X must be a named speaker or a source, and a comma must follow
				if !sp.ok() || !a.commaAfterNP(e, from) || !a.speakerLike(sp, e) {
					continue
				}
			}
			if sp.ok() {
				c.sp, c.cue = sp, Span{toks[i].Start, toks[e-1].End}
				if a.key(i) == "d'" {
					c.cue.End = toks[i+1].End
				}
				return true
			}
			continue
		}
		if stopAt == i+1 {
			stop = a.nextGroupStop(i, stop)
		} else {
			stop = a.groupStop(i)
		}
		stopAt = i
		g, ok := a.groupFrom(i, stop)
		if !ok || g.End > from || g.Negated || g.Infinitive && a.key(g.Start-1) != "de" && a.key(g.Start-1) != "d'" || a.adjectival(g) {
			continue
		}
		c.cue = Span{toks[g.Start].Start, toks[g.End-1].End}
		if g.Start >= 2 && a.key(g.Start-2) == "comme" && (a.key(g.Start-1) == "l'" || a.key(g.Start-1) == "le") {
			c.cue.Start = toks[g.Start-2].Start // comme l'a confirmé X, « … »
		}
		c.sp = a.verbSubject(g, lo, c)
		c.agentless = g.Passive && !c.sp.ok()
		return true
	}
	return false
}

// beforeBits returns, a bit a token, where attributeBefore's reading
// backwards may stop: in a quote, or at most 7 tokens after a cue (a speech
// verb group starts at a cue, its verb or an auxiliary at most 7 tokens
// before its verb, groupFrom; an "according to" marker is a cue). It is
// made the first time it is asked for, after findCandidates.
func (a *quoteAnalysis) beforeBits() []uint64 {
	if a.beforeOK {
		return a.before
	}
	n := len(a.d.Tokens)
	b := zeroed(a.before, (n+63)/64)
	for _, c := range a.cues {
		w, k := c>>6, c&63
		b[w] |= 0xFF << k
		if k > 56 && int(w)+1 < len(b) {
			b[w+1] |= 0xFF >> (64 - k)
		}
	}
	for ci := range a.cands {
		c := &a.cands[ci]
		from, to := c.a, c.b // the tokens findCandidates gives the quote in inq
		if c.open >= 0 {
			from = c.open
		}
		if c.close >= 0 {
			to = c.close + 1
		}
		for t := from; t < to; t++ {
			b[t>>6] |= 1 << (t & 63)
		}
	}
	a.before, a.beforeOK = b, true
	return b
}

// prevBit returns the greatest j <= i whose bit is set in bits, or -1.
func prevBit(bits []uint64, i int) int {
	w := i >> 6
	x := bits[w] & (^uint64(0) >> (63 - i&63))
	for x == 0 {
		if w--; w < 0 {
			return -1
		}
		x = bits[w]
	}
	return w<<6 | (63 - mbits.LeadingZeros64(x))
}

// verbSubject finds who speaks in verb group g (its sentence starts at lo).
func (a *quoteAnalysis) verbSubject(g verbGroup, lo int, c *cand) speakerRef {
	toks := a.d.Tokens
	if g.Pron != "" {
		return a.pronoun(g.Pron, pronSpan(toks[g.PronTok], g.Pron), toks[g.Start].Start)
	}
	if g.Passive && c != nil {
		// est décrit comme « … » par X
		p := c.after
		if a.key(p) == "," {
			p++
		}
		if a.key(p) == "par" {
			return a.npAfter(p+1, a.sentEnd(p))
		}
		return noSpeaker // décrit comme « … »: by whom, the text does not say here
	}
	if g.Start >= 2 && a.key(g.Start-2) == "comme" && (a.key(g.Start-1) == "l'" || a.key(g.Start-1) == "le") {
		// comme l'a confirmé le procureur, …: the subject follows the verb
		if sp := a.npAfter(g.End, a.sentEnd(g.Start)); sp.ok() {
			return sp
		}
	}
	k := g.Start - 1
	for k >= lo && a.is(k, wClitic|wNeg|wAdverb) {
		k--
	}
	if k >= lo && a.key(k) == "qui" {
		k--
		if a.key(k) == "," {
			k--
		}
		return a.subjectBefore(k, lo)
	}
	if g.NonFinite || g.Infinitive {
		// ce dernier expliquant que: a subject right before
		j := g.Start - 1
		for j >= lo && (a.is(j, wClitic) || a.key(j) == "en" || a.key(j) == "y") {
			j--
		}
		if j >= lo {
			kj := a.key(j)
			if a.is(j, wPronoun) || kj == "dernier" || kj == "derniere" || a.mentionEnding(j).ok() || a.d.Tokens[j].Cap() && a.sent[j] != j {
				if sp := a.subjectBefore(j, lo); sp.ok() {
					return sp
				}
			}
		}
		// ajoutant que, en affirmant que: the subject of the main clause, or
		// the speaker of an earlier quote in the sentence
		for i := g.Start - 1; i >= lo; i-- {
			if ci := a.inq[i]; ci >= 0 && a.cands[ci].sp.ok() {
				return a.cands[ci].sp
			}
		}
		return a.sentenceSubject(lo, g.Start)
	}
	return a.subjectBefore(k, lo)
}

// subjectBefore reads the subject ending at token k (the sentence starts at lo).
func (a *quoteAnalysis) subjectBefore(k, lo int) speakerRef {
	toks := a.d.Tokens
	for guard := 0; guard < 3 && k >= lo; guard++ {
		for k >= lo && a.is(k, wAdverb|wClitic|wNeg|wAux) {
			k--
		}
		if k < lo {
			return noSpeaker
		}
		if a.key(k) != "," && a.key(k) != ")" {
			break
		}
		// X, apposition, verb  /  X (WSJ) verb
		closer := a.key(k)
		opener := ","
		if closer == ")" {
			opener = "("
		}
		j := k - 1
		for j >= lo && j > k-32 && a.key(j) != opener && a.key(j) != "," {
			j--
		}
		if j < lo || a.key(j) != opener {
			// a leading phrase ends with this comma: a name just before it is the subject
			if closer == "," && k-1 >= lo {
				if sp := a.mentionEnding(k - 1); sp.ok() && a.d.Mentions[a.ment[k-1]].Tok <= lo+1 {
					return sp
				}
			}
			return noSpeaker
		}
		// a name as the apposition (un porte-parole, Halifa Sannah, a déclaré) is the subject
		if closer == "," && j+1 < k && toks[j+1].Cap() {
			if mi := a.ment[j+1]; mi >= 0 && a.d.Mentions[mi].Type == lexicon.Person {
				return a.fromMention(mi)
			}
			if r := a.nameRun(j+1, k); r == k && r > j+2 {
				return speakerRef{ent: -1, who: Span{toks[j+1].Start, toks[k-1].End}}
			}
		}
		k = j - 1
	}
	if k < lo {
		return noSpeaker
	}
	if sp := a.mentionEnding(k); sp.ok() {
		m := &a.d.Mentions[a.ment[k]]
		before := m.Tok - 1
		switch {
		case m.Via == ViaDemonym && before >= lo && a.d.Tokens[before].Kind == Word && !a.d.Tokens[before].Cap() && !a.is(before, wDet):
			// les médias sud-coréens: an adjective, the phrase is the speaker
		case before >= lo && a.is(before, wNPLink) && before-1 >= lo && a.is(before-1, wRole|wSource):
			// le porte-parole du Kremlin: a role of the entity, not the entity
		default:
			return sp
		}
		if s := a.npStart(k, lo); s >= 0 {
			return a.phrase(s, k+1)
		}
		return sp
	}
	key := a.key(k)
	if a.is(k, wPronoun) {
		return a.pronoun(key, toks[k].Span, toks[k].Start)
	}
	if (key == "dernier" || key == "derniere" || key == "derniers" || key == "dernieres") && k > lo && (a.key(k-1) == "ce" || a.key(k-1) == "cette" || a.key(k-1) == "ces") {
		return a.thisLatter(Span{toks[k-1].Start, toks[k].End}, key == "derniere")
	}
	if key == "celui-ci" || key == "celle-ci" {
		return a.thisLatter(toks[k].Span, key == "celle-ci")
	}
	if toks[k].Cap() && toks[k].Kind == Word {
		s := a.capStart(k, lo)
		if s > lo && a.is(s-1, wDet) && a.key(s-1) != "de" && a.key(s-1) != "d'" {
			s--
		}
		return a.phrase(s, k+1)
	}
	if s := a.npStart(k, lo); s >= 0 {
		// NAME, l'un de ses avocats, qui …: the name
		if s-2 >= lo && a.key(s-1) == "," {
			if sp := a.mentionEnding(s - 2); sp.ok() {
				return sp
			}
			if toks[s-2].Cap() {
				if c := a.capStart(s-2, lo); c < s-2 || a.firstName(c) != 0 {
					return speakerRef{ent: -1, who: Span{toks[c].Start, toks[s-2].End}}
				}
			}
		}
		return a.phrase(s, k+1)
	}
	return noSpeaker
}

// npLink are the words that join a noun to its complement inside a noun
// phrase read backwards: la mère DE l'adolescente.
var npLink = words("de du des d' à")

// npStart returns the first token of the noun phrase ending at token k: a
// determiner, possibly with complements (une source proche de l'enquête), or
// -1 when there is none nearby.
func (a *quoteAnalysis) npStart(k, lo int) int {
	toks := a.d.Tokens
	start := -1
	for j, words := k, 0; j >= lo && words < 8; j-- {
		t := toks[j]
		if a.inq[j] >= 0 || t.Kind != Word && t.Kind != Elision && t.Kind != Number {
			break
		}
		c := a.classes(j)
		if c&wDet != 0 && c&wNPLink == 0 {
			start = j
			if j-1 < lo || !a.is(j-1, wNPLink) {
				break
			}
			continue
		}
		if c&wNPLink != 0 {
			continue
		}
		if a.speaks(j) && j < k || c&(wAux|wPronoun) != 0 || c&wNPStop != 0 && t.Key != "au" && t.Key != "aux" {
			break
		}
		words++
	}
	return start
}

// capStart returns the first token of the capitalised name ending at k.
func (a *quoteAnalysis) capStart(k, lo int) int {
	s := k
	for s > lo && s > k-5 && (a.d.Tokens[s-1].Cap() || a.is(s-1, wSmall) && s-2 >= lo && a.d.Tokens[s-2].Cap()) {
		s--
	}
	for s < k && !a.d.Tokens[s].Cap() {
		s++
	}
	return s
}

// mentionEnding returns the speaker named by the mention that ends at token k.
func (a *quoteAnalysis) mentionEnding(k int) speakerRef {
	if k < 0 || k >= len(a.ment) {
		return noSpeaker
	}
	mi := a.ment[k]
	if mi < 0 || a.d.Mentions[mi].TokEnd != k+1 {
		return noSpeaker
	}
	return a.fromMention(mi)
}

// fromMention returns the speaker named by mention mi.
func (a *quoteAnalysis) fromMention(mi int) speakerRef {
	m := &a.d.Mentions[mi]
	sp := speakerRef{ent: m.Entity, who: m.Span, gender: m.Gender}
	if m.Entity >= 0 && m.Entity < len(a.d.Entities) {
		e := &a.d.Entities[m.Entity]
		if e.Gender == 'm' || e.Gender == 'f' {
			sp.gender = e.Gender
		}
	} else {
		sp.ent = -1
	}
	if sp.gender == 0 && m.Type == lexicon.Person && m.Tok < len(a.d.Tokens) {
		if g := a.firstName(m.Tok); g == 'm' || g == 'f' {
			sp.gender = g
		}
	}
	return sp
}

// phrase returns the speaker named by the noun phrase [s, e): a person named
// in it, a mention it starts with, a role that names a person elsewhere in the
// article, or just the words.
func (a *quoteAnalysis) phrase(s, e int) speakerRef {
	toks := a.d.Tokens
	for e > s && (toks[e-1].Kind == Punct || a.is(e-1, wSmall)) {
		e--
	}
	if e <= s {
		return noSpeaker
	}
	who := Span{toks[s].Start, toks[e-1].End}
	// a person named inside: le Premier ministre Bernard Cazeneuve
	for t := s; t < e; t++ {
		if mi := a.ment[t]; mi >= 0 && a.d.Mentions[mi].Type == lexicon.Person {
			return a.fromMention(mi)
		}
	}
	h := s
	for h < e && a.is(h, wDet) {
		h++
	}
	if h >= e {
		return noSpeaker
	}
	sp := speakerRef{ent: -1, who: who}
	switch a.key(s) {
	case "le", "un", "ce", "cet", "son":
		sp.gender = 'm'
	case "la", "une", "cette", "sa":
		sp.gender = 'f'
	}
	sp.plural = a.is(s, wPluralDet)
	if h < e {
		if mi := a.ment[h]; mi >= 0 && a.d.Mentions[mi].Tok == h {
			// the phrase is a name: l'Ordre de Malte, la Russie, le Wall Street Journal
			m := a.fromMention(mi)
			m.who = who
			if a.d.Mentions[mi].TokEnd >= e || a.d.Mentions[mi].Type != lexicon.Location {
				return m
			}
		}
		if ent := a.role(h, toks[s].Start); ent >= 0 {
			sp.ent = ent
			if e := &a.d.Entities[ent]; e.Gender != 0 {
				sp.gender = e.Gender
			}
		}
	}
	return sp
}

// roleWords are heads of noun phrases that name a person by role.
var roleWords = words(`ministre président présidente procureur procureure porte-parole maire chef candidat candidate
	secrétaire directeur directrice gouverneur premier juge pape roi reine avocat avocate sénateur député
	commissaire préfet sous-préfet patron dirigeant leader entraîneur sélectionneur capitaine ambassadeur
	chancelier chancelière général amiral colonel commandant fondateur PDG pdg`)

// personRole is the role of a PERSON entry: the fold of the first word of
// its role attribute (role=président), when it has one.
type personRole struct {
	key string
	ok  bool
}

// role resolves a role noun ("le ministre") to the person the article names
// with it: the nearest person mention, before pos if any, with the role word
// within a few words of it.
func (a *quoteAnalysis) role(h, pos int) int {
	key, id := a.d.Tokens[h].Key, a.ids[h]
	// a role word, or a TITLE form (Matcher.Title) by its vocabulary id
	if !a.is(h, wRole) && (id < 0 || a.q.titleWord[id>>6]&(1<<(id&63)) == 0) {
		return -1
	}
	toks := a.d.Tokens
	best, bestDist := -1, 1<<30
	for mi := range a.d.Mentions {
		m := &a.d.Mentions[mi]
		if m.Type != lexicon.Person || m.Entity < 0 {
			continue
		}
		found := false
		if m.Entry != nil {
			// the lexicon's role of the person: role=président
			r, known := a.q.persons[m.Entry]
			if !known { // an entry of another lexicon
				if attr := m.Entry.Attr("role"); attr != "" {
					r = personRole{a.q.fold(firstField(attr)), true}
				}
			}
			found = r.ok && r.key == key
		}
		// the key by its vocabulary id, when it has one: the ids of the
		// document are in cache, its tokens less so
		for t := max(m.Tok-6, 0); t < min(m.TokEnd+6, len(toks)) && !found; t++ {
			if (t < m.Tok || t >= m.TokEnd) && (id >= 0 && a.ids[t] == id || id < 0 && toks[t].Key == key) && toks[t].Sentence == m.Sentence {
				found = true
			}
		}
		if !found {
			continue
		}
		dist := pos - m.Start
		if dist < 0 {
			dist = -dist + 1<<20 // prefer earlier mentions
		}
		if dist < bestDist {
			best, bestDist = m.Entity, dist
		}
	}
	return best
}

// firstField returns strings.Fields(s)[0] without building the others, or
// "" when s holds no field.
func firstField(s string) string {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		s = s[:i]
	}
	return s
}

// npAfter reads the speaker named after a verb or "selon": skipping adverbs
// and fillers (pour sa part, de lui, à l'AFP), up to the end of the phrase.
func (a *quoteAnalysis) npAfter(p, hi int) speakerRef {
	toks := a.d.Tokens
	hi = min(hi, len(toks))
	for p < hi {
		k := a.key(p)
		switch {
		case k == "pour" && a.key(p+1) == "sa" && a.key(p+2) == "part", k == "de" && a.key(p+1) == "son" && a.key(p+2) == "cote":
			p += 3
		case k == "de" && (a.key(p+1) == "lui" || a.key(p+1) == "elle"), k == "d'" && a.key(p+1) == "elle", k == "a" && a.key(p+1) == "son" && a.key(p+2) == "tour":
			p += 2
		case k == "," || a.is(p, wAdverb) && k != "a":
			p++
		default:
			goto read
		}
	}
read:
	if p >= hi || a.inq[p] >= 0 {
		return noSpeaker
	}
	if mi := a.ment[p]; mi >= 0 && a.d.Mentions[mi].Tok == p && a.d.Mentions[mi].Type != lexicon.Location {
		return a.fromMention(mi)
	}
	if a.is(p, wPronoun) || a.key(p) == "lui" || a.key(p) == "elle" {
		return noSpeaker
	}
	if t := toks[p]; t.Kind != Word && t.Kind != Elision || !t.Cap() && !a.is(p, wDet|wRole|wSource) {
		return noSpeaker
	}
	e := p
	for e < hi && e < p+14 {
		t := toks[e]
		if e > p && (a.is(e, wNPStop) && !(t.Key == "de" || t.Key == "du")) || t.Kind == Punct && t.Norm != "." || t.Kind == OpenQuote || t.Kind == CloseQuote || a.inq[e] >= 0 {
			break
		}
		if t.Norm == "." && !(e > p && len(toks[e-1].Norm) == 1 && toks[e-1].Cap()) {
			break
		}
		e++
	}
	if e == p {
		return noSpeaker
	}
	sp := a.phrase(p, e)
	if sp.ent >= 0 && a.d.Entities[sp.ent].Type == lexicon.Person {
		return sp
	}
	// apposition: le ministre de l'Intérieur, Bruno Le Roux
	if e < hi && a.key(e) == "," && e+1 < hi {
		if mi := a.ment[e+1]; mi >= 0 && a.d.Mentions[mi].Type == lexicon.Person {
			return a.fromMention(mi)
		}
		if toks[e+1].Cap() && !toks[p].Cap() {
			if r := a.nameRun(e+1, hi); r > e+2 && (r == hi || a.key(r) == "," || a.key(r) == "." || a.key(r) == ")") {
				return speakerRef{ent: -1, who: Span{toks[e+1].Start, toks[r-1].End}}
			}
		}
	}
	if sp.ent < 0 && toks[p].Cap() {
		// a name the recogniser missed
		if r := a.nameRun(p, e); r > p {
			sp.who = Span{toks[p].Start, toks[r-1].End}
		}
	}
	return sp
}

// commaAfterNP reports whether the noun phrase from p is closed by a comma
// before token hi (pour X, « … »).
func (a *quoteAnalysis) commaAfterNP(p, hi int) bool {
	for t := p; t < hi && t < p+16; t++ {
		if a.key(t) == "," {
			return true
		}
	}
	return false
}

// speakerLike reports whether sp, read at token p, can be a speaker after
// "pour": a person or organisation, or a phrase headed by a source noun.
func (a *quoteAnalysis) speakerLike(sp speakerRef, p int) bool {
	// the words right after the marker name the speaker: Pour l'occasion, X … is no source
	h := p
	for h < len(a.d.Tokens) && h < p+2 && a.is(h, wDet) && !a.d.Tokens[h].Cap() {
		h++
	}
	if h < len(a.d.Tokens) && !a.d.Tokens[h].Cap() && !a.is(h, wSource|wRole) {
		return false
	}
	if sp.ent >= 0 {
		t := a.d.Entities[sp.ent].Type
		return t == lexicon.Person || t == lexicon.Organization || t == lexicon.Country
	}
	for t := p; t < len(a.d.Tokens) && t < p+3; t++ {
		if a.is(t, wSource|wRole) {
			return true
		}
	}
	// a name of two words or more: Pour Thomas de la Morlais, « … »
	if sp.who != NoSpan && p < len(a.d.Tokens) && a.d.Tokens[p].Cap() {
		r := a.nameRun(p, len(a.d.Tokens))
		return r > p+1
	}
	return false
}

// sentenceSubject returns the subject at the start of the sentence [lo, hi):
// leading adverbial phrases closed by a comma are skipped.
func (a *quoteAnalysis) sentenceSubject(lo, hi int) speakerRef {
	toks := a.d.Tokens
	p := lo
	for round := 0; round < 3 && p < hi; round++ {
		for p < hi && a.is(p, wLead) {
			p++ // Mais, Et, Puis …
		}
		// a name or pronoun first
		q := p
		for q < hi && q < p+3 && (a.is(q, wDet) || a.key(q) == "," || a.is(q, wRole) && q+1 < hi && toks[q+1].Cap()) {
			q++
		}
		if q < hi && a.inq[q] < 0 {
			if mi := a.ment[q]; mi >= 0 && a.d.Mentions[mi].Type != lexicon.Location {
				return a.fromMention(mi)
			}
			if a.is(q, wPronoun) {
				return a.pronoun(a.key(q), toks[q].Span, toks[q].Start)
			}
			if a.key(q) == "dernier" || a.key(q) == "derniere" {
				return a.thisLatter(Span{toks[max(q-1, lo)].Start, toks[q].End}, a.key(q) == "derniere")
			}
			if toks[q].Cap() && toks[q].Kind == Word {
				// a name the recogniser missed, followed by its verb
				r := a.nameRun(q, hi)
				if r > q && (r >= hi || a.is(r, wAuxBase|wNeg|wClitic) || a.key(r) == "," || a.key(r) == "qui" || a.inq[r] >= 0) {
					if !a.speaks(q) {
						s := q
						if s > p && a.is(s-1, wDet) {
							s--
						}
						return a.phrase(s, r)
					}
				}
				if r < hi {
					if a.speaks(r) {
						return a.phrase(q, r)
					}
				}
			}
		}
		// a subject noun phrase followed by its verb: Les secours précisent,
		// Les fonctionnaires de LaLiga ont publié
		if a.is(p, wDet) && !a.is(p, wNPLink) {
			for t := p + 1; t < hi && t < p+9; t++ {
				if a.inq[t] >= 0 || toks[t].Kind == Punct {
					break
				}
				if a.speaks(t) || a.auxAt(t) && !a.is(t-1, wDet) || t <= p+3 && a.is(t, wVerbClitic) && !a.is(t-1, wDet) {
					// Les secours précisent / le faucheur suivant me criait
					if sp := a.subjectBefore(t-1, p); sp.ok() {
						return sp
					}
					break
				}
			}
		}
		// skip a leading phrase up to a comma
		c := p
		for c < hi && c < p+10 && a.key(c) != "," {
			c++
		}
		if c >= hi || a.key(c) != "," {
			break
		}
		p = c + 1
	}
	return noSpeaker
}

// pronoun resolves a subject pronoun at byte offset pos: the nearest earlier
// speaker or person of the right gender and number.
func (a *quoteAnalysis) pronoun(pron string, at Span, pos int) speakerRef {
	plural := pron == "ils" || pron == "elles"
	var g byte
	switch pron {
	case "il", "ils":
		g = 'm'
	case "elle", "elles":
		g = 'f'
	case "on", "je", "tu", "nous", "vous":
		return speakerRef{ent: -1, who: at} // the narrator or an unnamed speaker
	}
	// the last speaker, if compatible
	bestPos := -1
	best := noSpeaker
	for i := len(a.said) - 1; i >= 0; i-- {
		s := a.said[i]
		if s.at >= pos {
			continue
		}
		if pos-s.at > 3000 {
			break
		}
		if s.sp.plural == plural && (s.sp.gender == 0 || s.sp.gender == g) && !(plural && s.sp.ent < 0 && s.sp.who == NoSpan) {
			best, bestPos = s.sp, s.at
		}
		break
	}
	if !plural {
		// the nearest person mentioned before, outside quotes, as a subject
		// rather than an object (à Hamon)
		for pass := 0; pass < 2; pass++ {
			done := false
			for mi := len(a.d.Mentions) - 1; mi >= 0; mi-- {
				m := &a.d.Mentions[mi]
				if m.Start >= pos || m.Type != lexicon.Person || m.Tok < len(a.inq) && a.inq[m.Tok] >= 0 {
					continue
				}
				if pos-m.Start > 3000 || m.Start < bestPos {
					done = bestPos >= 0
					break
				}
				if pass == 0 && m.Tok > 0 && !a.subjectPosition(m.Tok) {
					continue
				}
				sp := a.fromMention(mi)
				if sp.gender == 0 || sp.gender == g {
					if m.Start > bestPos {
						best, bestPos = sp, m.Start
					}
					done = true
					break
				}
			}
			if done {
				break
			}
		}
	} else if best.ent < 0 && best.who == NoSpan {
		// ils, elles: the nearest organisation or country mentioned before
		for mi := len(a.d.Mentions) - 1; mi >= 0; mi-- {
			m := &a.d.Mentions[mi]
			if m.Start >= pos || m.Tok < len(a.inq) && a.inq[m.Tok] >= 0 {
				continue
			}
			if pos-m.Start > 1500 {
				break
			}
			if m.Type == lexicon.Organization {
				best = a.fromMention(mi)
				best.plural = true
				break
			}
		}
	}
	if !best.ok() {
		return speakerRef{ent: -1, who: at, gender: g, plural: plural}
	}
	if best.ent >= 0 {
		// the words naming the speaker here are the pronoun; the entity says who
		best.who = at
	}
	return best
}

// thisLatter resolves "ce dernier", "cette dernière", "celui-ci": the nearest
// person of the right gender mentioned before, outside quotes.
func (a *quoteAnalysis) thisLatter(at Span, fem bool) speakerRef {
	for mi := len(a.d.Mentions) - 1; mi >= 0; mi-- {
		m := &a.d.Mentions[mi]
		if m.Start >= at.Start || m.Type != lexicon.Person || m.Tok < len(a.inq) && a.inq[m.Tok] >= 0 {
			continue
		}
		if at.Start-m.Start > 2000 {
			break
		}
		sp := a.fromMention(mi)
		if sp.gender == 0 || (sp.gender == 'f') == fem {
			if sp.ent >= 0 {
				sp.who = at
			}
			return sp
		}
	}
	return speakerRef{ent: -1, who: at}
}

// attributeContext attributes a quote with no cue in its sentence: a colon
// introduction, the subject of its sentence, a continuation of the previous
// speaker, or the person the previous sentence is about.
func (a *quoteAnalysis) attributeContext(ci int) bool {
	c := &a.cands[ci]
	from := c.a
	if c.open >= 0 {
		from = c.open
	}
	lo := a.sent[from]
	if c.pair.Dialogue && ci >= 2 {
		// turns alternate: the speaker of the turn before the last
		p1, p2 := &a.cands[ci-1], &a.cands[ci-2]
		if p1.pair.Dialogue && p2.pair.Dialogue && p2.sp.ok() &&
			strings.TrimSpace(a.d.Text[p1.pair.Close.End:c.pair.Open.Start]) == "" &&
			strings.TrimSpace(a.d.Text[p2.pair.Close.End:p1.pair.Open.Start]) == "" {
			c.sp = p2.sp
			return true
		}
	}
	// X … : « … »  (the speaker is the sentence's subject)
	if from > 0 && a.key(from-1) == ":" {
		if sp := a.sentenceSubject(a.sent[from-1], from-1); sp.ok() {
			c.sp = sp
			return true
		}
	}
	if lo < from {
		// a partial quote in the writer's sentence: the sentence's subject
		if sp := a.sentenceSubject(lo, from); sp.ok() && (sp.ent >= 0 && a.d.Entities[sp.ent].Type != lexicon.Location) {
			c.sp = sp
			return true
		}
	}
	// a quote opening its sentence: the person the previous sentence is
	// about, when that sentence has no quote of its own
	if lo > 0 && lo == from {
		plo := a.sent[lo-1]
		hasQuote := false
		for t := plo; t < lo; t++ {
			if a.inq[t] >= 0 {
				hasQuote = true
				break
			}
		}
		if !hasQuote && (!a.newlineBefore(lo) || lo-plo < 60) {
			if sp := a.sentenceSubject(plo, lo); sp.ok() && sp.ent >= 0 && a.d.Entities[sp.ent].Type == lexicon.Person {
				c.sp = sp
				return true
			}
		}
	}
	// continuation of the previous speaker (same or previous paragraph)
	if ci > 0 {
		for pi := ci - 1; pi >= 0 && pi >= ci-3; pi-- {
			p := &a.cands[pi]
			if p.skip || !p.sp.ok() {
				continue
			}
			gap := a.d.Text[p.pair.Close.End:c.pair.Open.Start]
			if strings.Count(gap, "\n") <= 2 && len(gap) < 600 {
				c.sp = p.sp
				return true
			}
			break
		}
	}
	return false
}

// pronSpan returns the span of the pronoun pron at the end of token t
// ("il" in "a-t-il").
func pronSpan(t Token, pron string) Span {
	if t.Len() > len(pron) {
		return Span{t.End - len(pron), t.End}
	}
	return t.Span
}

// attributeInside reads an incise inside the marks: « …, a-t-il ajouté, … »
// or « …, a déclaré X, … ». The quote stays one span.
func (a *quoteAnalysis) attributeInside(ci int) bool {
	c := &a.cands[ci]
	toks := a.d.Tokens
	// an incise starts with a speech verb group after , ! ? …: only at a
	// cue (speechAt finds no group elsewhere)
	for j := a.nextCue(c.a+1, c.b); j < c.b; j = a.nextCue(j+1, c.b) {
		t := j - 1
		if k := a.key(t); k != "," && k != "!" && k != "?" && k != "…" {
			continue
		}
		g, ok := a.speechAt(t + 1)
		if !ok || g.NonFinite && g.Pron == "" || g.Infinitive || g.End >= c.b {
			continue
		}
		sp := noSpeaker
		end := g.End
		if g.Pron != "" {
			sp = a.pronoun(g.Pron, pronSpan(toks[g.PronTok], g.Pron), c.inner.Start)
		} else {
			// the incise's subject, up to the next comma
			e := g.End
			for e < c.b && e < g.End+10 && a.key(e) != "," && a.key(e) != "." {
				e++
			}
			if e == g.End || e >= c.b && !c.pair.Dialogue {
				continue
			}
			if mi := a.ment[g.End]; mi >= 0 && a.d.Mentions[mi].Tok == g.End {
				sp = a.fromMention(mi)
			} else if toks[g.End].Cap() || a.is(g.End, wDet) {
				sp = a.phrase(g.End, e)
			}
			end = e
		}
		if !sp.ok() || !c.pair.Dialogue && (end >= c.b || a.key(end) != "," && g.Pron == "") {
			continue
		}
		c.sp, c.cue = sp, Span{toks[g.Start].Start, toks[g.End-1].End}
		a.cutIncise(c, t, end)
		return true
	}
	if c.pair.Dialogue {
		return a.dialogueIncise(c)
	}
	return false
}

// dialogueIncise reads an incise of a dialogue turn whose verb the lexicon
// does not hold: after , ! ? …, an inverted verb (reprit-il) or a verb and a
// name (cria Bouvard).
func (a *quoteAnalysis) dialogueIncise(c *cand) bool {
	toks := a.d.Tokens
	for t := c.a; t+2 <= c.b; t++ {
		if k := a.key(t); k != "," && k != "!" && k != "?" && k != "…" {
			continue
		}
		v := t + 1
		for k := a.key(v); v < c.b && (k == "s'" || k == "se" || k == "me" || k == "m'" || k == "lui" || k == "leur" || k == "nous" || k == "vous" || k == "te" || k == "t'"); k = a.key(v) {
			v++
		}
		if v >= c.b || toks[v].Kind != Word || toks[v].Cap() || a.is(v, wDet|wPronoun|wNPStop) {
			continue
		}
		var sp speakerRef
		end := v + 1
		if p := inversion(a.key(v + 1)); p != "" {
			sp = a.pronoun(p, pronSpan(toks[v+1], p), c.inner.Start)
			end = v + 2
		} else if _, p := splitInversion(a.key(v)); p != "" {
			sp = a.pronoun(p, pronSpan(toks[v], p), c.inner.Start)
		} else if v+1 < c.b && (toks[v+1].Cap() || a.key(v+1) == "l'" || a.key(v+1) == "le" || a.key(v+1) == "la") {
			e := v + 1
			for e < c.b && e < v+8 && a.key(e) != "," && a.key(e) != "." && !a.is(e, wNPStop) {
				e++
			}
			if mi := a.ment[v+1]; mi >= 0 && a.d.Mentions[mi].Tok == v+1 {
				sp = a.fromMention(mi)
			} else {
				sp = a.phrase(v+1, e)
			}
			end = e
		} else {
			continue
		}
		if !sp.ok() {
			continue
		}
		c.sp, c.cue = sp, Span{toks[t+1].Start, toks[v].End}
		a.cutIncise(c, t, end)
		return true
	}
	return false
}

// cutIncise ends a dialogue turn before a trailing incise that starts after
// token t and runs to end: "— Elle ! dit Pécuchet." keeps "Elle !".
func (a *quoteAnalysis) cutIncise(c *cand, t, end int) {
	toks := a.d.Tokens
	if c.pair.Dialogue && (end >= c.b || end+1 >= c.b && a.key(end) == ".") {
		// a trailing incise (— Elle ! dit Pécuchet.) is not part of the turn
		qe := toks[t].End
		if a.key(t) == "," {
			qe = toks[t-1].End
		}
		if qe > c.inner.Start {
			c.inner.End = qe
		}
	}
}

// attributeLater reads "selon X" or "d'après X" later in the quote's
// sentence, with no other cue in between: « … » dans la province, selon le
// Pentagone.
func (a *quoteAnalysis) attributeLater(ci int) bool {
	c := &a.cands[ci]
	toks := a.d.Tokens
	p := c.after
	if p >= len(toks) || a.newlineBefore(p) {
		return false
	}
	end := a.sentEnd(max(p-1, 0))
	// only cues matter: every "selon" and "d'" before "après" is one, and
	// speechAt finds a group nowhere else
	lim := min(end, p+25)
	for t := a.nextCue(p, lim); t < lim; t = a.nextCue(t+1, lim) {
		if a.inq[t] >= 0 {
			continue
		}
		k := a.key(t)
		if k != "selon" && !(k == "d'" && a.key(t+1) == "apres") {
			if g, ok := a.speechAt(t); ok && !g.Infinitive {
				return false
			}
			continue
		}
		e, ok := a.accordingAt(t)
		if !ok {
			return false
		}
		if sp := a.npAfter(e, end); sp.ok() {
			c.sp, c.cue = sp, Span{toks[t].Start, toks[e-1].End}
			return true
		}
		return false
	}
	return false
}

// objectPrep are the words before a mention that make it an object rather
// than a subject (à Hamon, avec Macron).
var objectPrep = words("à de d' par avec contre pour sur chez entre du des au aux vers envers selon")

// nameParticles join the parts of a name: Thomas de la Morlais, Ursula von der Leyen.
var nameParticles = words("de d' la le du des von van der den di da del")

// particlesBeforeCap reports whether token e starts one or two name
// particles followed by a capitalised word, before hi.
func (a *quoteAnalysis) particlesBeforeCap(e, hi int) bool {
	toks := a.d.Tokens
	for k := e; k < hi && k < e+3; k++ {
		if toks[k].Cap() && toks[k].Kind == Word {
			return k > e
		}
		if !a.is(k, wParticle) || toks[k].Cap() {
			return false
		}
	}
	return false
}

// adjectival reports whether a participle alone follows a noun it qualifies
// (les dispositions prévues par la loi): no speech there.
func (a *quoteAnalysis) adjectival(g verbGroup) bool {
	if !g.NonFinite || g.Start == 0 || strings.HasSuffix(a.key(g.Start), "ant") || a.key(g.Start) == "en" {
		return false
	}
	p := a.d.Tokens[g.Start-1]
	k := p.Key
	if p.Kind != Word || p.Cap() || a.is(g.Start-1, wAuxBase|wAdverb|wClitic|wNeg|wPronoun) || k == "et" || k == "ou" || k == "mais" || k == "qui" {
		return false
	}
	return true
}

// subjectPosition reports whether a mention starting at token t stands where
// a subject does: at the head of a sentence or clause, after a determiner or
// a title, not after a preposition (à Hamon) or a noun (la banque Oddo).
func (a *quoteAnalysis) subjectPosition(t int) bool {
	if t == 0 || a.sent[t] == t {
		return true
	}
	p := a.d.Tokens[t-1]
	k := p.Key
	switch {
	case a.is(t-1, wObjectPrep):
		return false
	case a.is(t-1, wDet):
		return t < 2 || !a.is(t-2, wObjectPrep)
	case p.Kind == Punct || k == "et" || k == "ou" || k == "mais" || k == "que" || k == "qu'" || k == "alors":
		return true
	case p.Kind == Word && !p.Cap() && !a.is(t-1, wRole|wSource|wAdverb):
		return false // la banque Oddo, les clients Axa
	}
	return true
}
