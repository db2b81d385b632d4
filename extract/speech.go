package extract

import (
	mbits "math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quidit/quidit/lexicon"
)

// This file holds the closed word classes of reported speech and the readers
// of speech cues (verb groups, "selon X") and of speaker noun phrases. The
// open class, speech verbs, comes from the lexicon (SPEECHVERB entries)
// through Matcher.SpeechVerb.

// wordSet is a set of token keys (lexicon.Fold forms).
type wordSet map[string]bool

func words(s string) wordSet {
	w := wordSet{}
	for _, f := range strings.Fields(s) {
		w[lexicon.Fold(f)] = true
	}
	return w
}

var (
	// auxiliaries of compound tenses (the participle follows)
	auxWords = words("a ont avait avaient aurait auraient aura auront est sont était étaient serait seraient sera avoir être eut ayant")
	// determiners before which a verb form is a noun (la menace, une critique)
	nounDet = words("une un cette cet ce sa son ses ces leurs des du au aux")
	// auxiliaries of the passive ("est décrit comme")
	passiveAux = words("est sont était étaient serait seraient être")
	// adverbs and fillers that may sit inside or around a verb group
	adverbWords = words(`encore aussi ainsi également enfin ensuite alors toutefois cependant pourtant
		immédiatement notamment même juste simplement déjà aujourd'hui hier vendredi samedi dimanche lundi mardi
		mercredi jeudi récemment ensuite publiquement plus tard ailleurs lui-même elle-même eux-mêmes elles-mêmes
		bien donc effectivement clairement fermement également depuis très tout quant sa part son côté tour
		de nouveau finalement pour sa part d'ailleurs ultérieurement à ailleurs abord notamment`)
	// negation
	negWords = words("ne n' pas jamais plus rien guère point nullement")
	// clitics between a subject and its verb
	cliticWords = words("se s' lui leur y en l' le la les me m' te t' nous vous")
	// determiners that open a noun phrase
	detWords = words("le la les l' un une des son sa ses leur leurs ce cet cette ces du de d' plusieurs certains certaines quelques deux trois plusieurs nombreux nombreuses")
	// plural determiners
	pluralDet = words("les des ses leurs ces plusieurs certains certaines quelques deux trois nombreux nombreuses")
	// words that end a noun phrase read forwards
	npStop = words(`qui que qu' lors dans en après avant devant depuis où sur pour au aux lui lors selon
		mais car ou ainsi, alors tandis le ce cette jeudi vendredi samedi dimanche lundi mardi mercredi
		par avec sans chez contre vers dont quand si comme lorsque puisque`)
	// subject pronouns
	pronounWords = words("il elle ils elles on")
	// words naming what is put in quotation marks as a name or a term
	namingWords = words(`appelé appelée appelés appelées surnommé surnommée surnommés surnommées baptisé baptisée
		baptisés baptisées dénommé dénommée nommé nommée nommés nommées intitulé intitulée intitulés intitulées
		dit dite dits dites qualifiés terme mot expression label titre slogan hashtag mot-clé opération
		programme plan film livre roman album émission série chanson spectacle exposition projet mission
		affaire dossier groupe mouvement parti collectif association journal magazine rubrique ouvrage pièce
		documentaire campagne loi décret réseau application site blog page compte nom sobriquet surnom
		pseudonyme thème devise marque logo concept statut catégorie nomme nomment appelle appellent
		intitule intitulent surnomme surnomment baptise baptisent`)
	// legal wording: « … » after these is a charge, a term, not someone's words
	chargeWords = words("enquête garde vue examen condamné condamnée condamnés poursuivi poursuivie poursuivis inculpé inculpée inculpés interpellé arrêté arrêtée jugé jugée jugés accusé chefs chef information ouverte ouvert mis mise")
	// nouns heading a description of a source
	sourceNouns = words(`source sources proche proches témoin témoins entourage porte-parole communiqué
		responsable responsables habitant habitants voisin voisine voisins enquêteurs police gendarmerie
		pompiers secours autorités gouvernement ministère procureur parquet avocat avocate avocats ami amie
		membre membres expert experts spécialiste analyste observateurs médias journal quotidien agence
		président présidente ministre maire directeur directrice chef dirigeant dirigeants représentant
		représentante syndicat syndicats militants manifestants officiel officiels diplomate diplomates
		chercheur chercheuse scientifiques médecin médecins victime victimes famille mère père frère sœur
		fils fille épouse mari patron employé salariés élus député députée sénateur maire conseiller
		conseillère collaborateur entreprise groupe société organisation ong association fédération
		municipalité préfecture préfet sous-préfet commissaire inspecteur juge juges tribunal cour
		armée état-major spokesman commandant officier soldats policier policiers gendarme gendarmes`)
)

// wordClass is a set of the word lists above (and of quotes.go) as bits:
// the quote finder reads them from one lookup per token and document
// (quoteAnalysis.cls) rather than by a map look-up per test.
type wordClass uint32

const (
	wAux        wordClass = 1 << iota // auxWords
	wAuxBase                          // auxWords once an inverted pronoun is split off (a-t-il)
	wNounDet                          // nounDet
	wPassiveAux                       // passiveAux
	wAdverb                           // adverbWords
	wNeg                              // negWords
	wClitic                           // cliticWords
	wDet                              // detWords
	wPluralDet                        // pluralDet
	wNPStop                           // npStop
	wPronoun                          // pronounWords
	wNaming                           // namingWords
	wNamingVerb                       // namingVerbs
	wCharge                           // chargeWords
	wSource                           // sourceNouns
	wSmall                            // smallWords
	wCalendar                         // calendarWords
	wRole                             // roleWords
	wLead                             // leadWords
	wVerbClitic                       // verbClitic
	wNPLink                           // npLink
	wObjectPrep                       // objectPrep
	wParticle                         // nameParticles
	wKnown                            // set once a token's classes are computed (quoteAnalysis.is)
)

// quoteWords holds the classes of the keys of the quote finder's word lists,
// hashed by wordHash.
var quoteWords = newQuoteWords()

func newQuoteWords() *keyClasses[wordClass] {
	byKey := map[string]wordClass{}
	for c, set := range map[wordClass]wordSet{
		wAux: auxWords, wNounDet: nounDet, wPassiveAux: passiveAux, wAdverb: adverbWords, wNeg: negWords,
		wClitic: cliticWords, wDet: detWords, wPluralDet: pluralDet, wNPStop: npStop, wPronoun: pronounWords,
		wNaming: namingWords, wNamingVerb: namingVerbs, wCharge: chargeWords, wSource: sourceNouns,
		wSmall: smallWords, wCalendar: calendarWords, wRole: roleWords, wLead: leadWords, wVerbClitic: verbClitic,
		wNPLink: npLink, wObjectPrep: objectPrep, wParticle: nameParticles,
	} {
		for k, ok := range set {
			if ok {
				byKey[k] |= c
			}
		}
	}
	return newKeyClasses(byKey, wordHash)
}

// quoteClasses returns the classes of key in the quote finder's word lists.
func quoteClasses(key string) wordClass {
	if key == "" || len(key) > quoteWords.maxLen {
		return 0
	}
	return quoteWords.classesOf(wordHash(key), key)
}

// wordHash hashes a non-empty key from its length and its first, middle and
// last bytes: no loop over the key.
func wordHash(key string) uint64 {
	n := len(key)
	q := uint64(n) | uint64(key[0])<<8 | uint64(key[n/2])<<16 | uint64(key[n-1])<<24
	return q * 0x9E3779B97F4A7C15
}

// tokenClasses returns the word classes of a token's key, with wAuxBase
// and wKnown.
func tokenClasses(key string) wordClass {
	c := quoteClasses(key) | wKnown
	if c&wAux != 0 {
		c |= wAuxBase
	}
	if mayInvert(key) {
		if base, _ := splitInversion(key); base != key && quoteClasses(base)&wAux != 0 {
			c |= wAuxBase
		}
	}
	return c
}

// splitInversion splits an inverted verb or auxiliary: "a-t-il" → "a", "il";
// "précise-t-elle" → "précise", "elle"; "ont-ils" → "ont", "ils". A token
// without inversion comes back whole with pronoun "".
func splitInversion(key string) (string, string) {
	if strings.IndexByte(key, '-') < 0 {
		return key, "" // every inversion has a hyphen: most keys stop here
	}
	for _, p := range []string{"-t-il", "-t-elle", "-t-on", "-ils", "-elles", "-il", "-elle", "-on", "-je", "-nous", "-vous", "-tu"} {
		if strings.HasSuffix(key, p) && len(key) > len(p) {
			pr := p[strings.LastIndexByte(p, '-')+1:]
			return key[:len(key)-len(p)], pr
		}
	}
	return key, ""
}

// inversion returns the pronoun of a token that is an inverted subject on its
// own ("-t-il", "-elle"), or "".
func inversion(key string) string {
	if !strings.HasPrefix(key, "-") {
		return ""
	}
	if b, p := splitInversion("x" + key); b == "x" {
		return p
	}
	return ""
}

// verbGroup is a speech verb found in the text, with what surrounds it.
type verbGroup struct {
	Start, End int    // token range [Start, End) of the cue (auxiliary … participle)
	Lemma      string // the verb's lemma
	Pron       string // an inverted subject pronoun ("a-t-il dit"), or ""
	PronTok    int    // the token carrying Pron, or -1
	Negated    bool
	NonFinite  bool // a participle or gerund alone ("ajoutant", "en affirmant")
	Passive    bool // "est décrit comme", "était qualifié de"
	Infinitive bool // "avant de conclure que"
}

// synth returns a token with the given key, for lexicon look-ups of split forms.
func synth(t Token, key string) Token {
	t.Key = key
	t.Norm = key
	return t
}

// speechAt reports the speech verb group that starts at token i, if any. It
// depends on the tokens only: the answer is computed once per token, and
// scanTokens has ruled out most tokens beforehand.
func (a *quoteAnalysis) speechAt(i int) (verbGroup, bool) {
	if i < 0 || i >= len(a.d.Tokens) {
		return verbGroup{}, false
	}
	switch k := a.speechMemo[i]; {
	case k > 0:
		return a.speechFound[k-1], true
	case k != memoMayStart:
		return verbGroup{}, false
	}
	g, ok := a.findSpeech(i)
	if !ok {
		a.speechMemo[i] = -1
		return verbGroup{}, false
	}
	a.speechFound = append(a.speechFound, g)
	a.speechMemo[i] = int32(len(a.speechFound))
	return g, true
}

// speaks reports whether a speech verb group starts at token i (in range),
// as speechAt does, without a call for the tokens known to start none
// (most tokens the callers ask about).
func (a *quoteAnalysis) speaks(i int) bool {
	m := a.speechMemo[i]
	return m > 0 || m == memoMayStart && a.speechOK(i)
}

// speechOK reports whether speechAt(i) finds a group. It is not inlined,
// so that speaks is.
//
//go:noinline
func (a *quoteAnalysis) speechOK(i int) bool {
	_, ok := a.speechAt(i)
	return ok
}

// finalKey reports whether key may be the key of a token ending a sentence:
// the folds of the Norms endsSentence accepts (Token.Key is
// lexicon.Fold(Token.Norm)).
func finalKey(key string) bool {
	return key == lexicon.Fold(".") || key == lexicon.Fold("!") || key == lexicon.Fold("?") || key == lexicon.Fold("…")
}

// accordingNeedsNext reports whether a key accordingKey accepts is a marker
// only before certain words (accordingCue): de, d', aux.
func accordingNeedsNext(key string) bool { return key == "de" || key == "d'" || key == "aux" }

// accordingNextKeys are the words after which an accordingNeedsNext key may
// be a marker (accordingCue).
var accordingNextKeys = [...]string{"source", "sources", "apres", "yeux"}

// scanKeyHash hashes a key of length l, first byte b0 and last byte b1 into
// [0, 256), for QuoteFinder.scanKeys.
func scanKeyHash(l int, b0, b1 byte) uint {
	return uint(l*37^int(b0)*11^int(b1)) & 255
}

// clamp0 returns max(x, 0) without a branch.
func clamp0(x int) int { return x &^ (x >> 63) }

// b2u returns 1 for true, 0 for false, without a branch.
func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// scanTokens reads the tokens for what the later passes look for:
//
//   - it sets speechMemo to memoMayStart for the tokens where a speech verb
//     group may start, leaving it 0 (none) for the others: not a word, or a
//     key without an inverted pronoun to split off whose vocabulary id starts
//     no group;
//   - it lists in a.cues the tokens where reported speech may start: a
//     speech verb group or an "according to" marker (accordingKey,
//     accordingCue);
//   - it lists in a.brks the tokens where a sentence may start, shifted left
//     by 2, with brkFinal after final punctuation and brkNewline after a line
//     break (findCandidates keeps those outside quotes).
//
// Few tokens matter, and which is hard to foresee: a branch a token would
// mostly be mispredicted. So the vocabulary ids are read first, 64 tokens to
// a word of bits, without a branch (scanMasks); then the keys outside the
// vocabulary (scanOutside); then only the tokens kept are tested
// (scanKept). Line breaks are found in the text (newlineBreaks).
func (a *quoteAnalysis) scanTokens() {
	toks := a.d.Tokens
	nw := (len(toks) + 63) / 64
	keep, unk, ques, start := sized(a.keep, nw), sized(a.unk, nw), sized(a.ques, nw), sized(a.startBits, nw)
	a.keep, a.unk, a.ques, a.startBits = keep, unk, ques, start
	a.q.scanMasks(a.ids[:len(toks)], keep, unk, start)
	scanOutside(toks, unk, keep, ques, &a.q.scanKeys)
	a.brks = a.newlineBreaks(a.scanKept(keep, start))
}

// scanMasks sets, 64 tokens to a word, the bits of the tokens whose
// vocabulary id may start a speech verb group, is an "according to" marker
// (de, d' and aux only before an accordingNextKeys word or a word outside the
// vocabulary) or a final punctuation mark in keep, the bits of the tokens
// outside the vocabulary in unk, and those of the tokens whose id has its
// start bit (QuoteFinder.start) in start, so that scanCue need not read it.
func (q *QuoteFinder) scanMasks(ids []int32, keep, unk, start []uint64) {
	for w := range keep {
		k, an, u := scanWord(ids[w<<6:min(w<<6+64, len(ids))], q.scanBits)
		start[w] = k &^ an
		for next := an &^ k; next != 0; next &= next - 1 {
			// de, d', aux: a marker before a word of accordingNextKeys
			i := w<<6 | mbits.TrailingZeros64(next)
			if i+1 < len(ids) && (ids[i+1] < 0 || slices.Contains(q.nextIDs[:], ids[i+1])) {
				k |= next & -next
			}
		}
		keep[w], unk[w] = k, u
	}
}

// scanWord returns the bits of scanMasks for the tokens of vocabulary ids
// ids, 64 at most: bit 1 of their entry in tab (QuoteFinder.scanBits), bit 2,
// and whether they are outside the vocabulary. It has no branch but the
// loop's, and few variables, which stay in registers.
func scanWord(ids []int32, tab []uint64) (k, an, u uint64) {
	for _, id := range ids {
		// each bit comes in at the top: after 64 tokens, bit j is token j
		x := uint32(id + 1) // 0 outside the vocabulary
		v := tab[x>>5] >> (x & 31 * 2)
		k = k>>1 | v<<63
		an = an>>1 | v>>1<<63
		u = u>>1 | uint64(uint32(id)>>31)<<63
	}
	sh := uint(64-len(ids)) & 63
	return k >> sh, an >> sh, u >> sh
}

// scanOutside sets in keep the bits of the tokens outside the vocabulary (the
// bits of unk) whose key may be one of the keys scanTokens looks for that the
// vocabulary lacks (keys, by scanKeyHash), or has a hyphen 3 to 6 bytes from
// its end (mayInvert); it sets in ques the bits of those whose key may be
// "que" or "qu'" (which matter only when the vocabulary lacks them,
// QuoteFinder.queOK): three bytes, q first, e or ' last.
func scanOutside(toks []Token, unk, keep, ques []uint64, keys *[4]uint64) {
	for w, bits := range unk {
		var sel, que uint64
		for ; bits != 0; bits &= bits - 1 {
			j := mbits.TrailingZeros64(bits)
			k := toks[w<<6|j].Key
			l := len(k)
			if l == 0 {
				continue
			}
			at := func(j int) byte { return k[clamp0(j)] } // j < l
			first, last := at(0), at(l-1)
			h := scanKeyHash(l, first, last)
			u := keys[h>>6]>>(h&63)&1 | uint64(b2u(at(l-3) == '-')|b2u(at(l-4) == '-')|b2u(at(l-5) == '-')|b2u(at(l-6) == '-'))
			sel |= u << j
			// q?e and q?' (the middle byte is not read)
			q := b2u(l == 3) & b2u(first == 'q') & (b2u(last == 'e') | b2u(last == '\''))
			que |= uint64(q) << j
		}
		keep[w] |= sel
		ques[w] = que
	}
}

// scanKept tests the tokens whose bits are set in keep (start: scanMasks'):
// it lists the cues in a.cues and a.cueBits, sets speechMemo, and returns the sentence
// breaks after final punctuation.
func (a *quoteAnalysis) scanKept(keep, start []uint64) []int32 {
	toks := a.d.Tokens
	cues, brks := a.cues[:0], a.brks[:0]
	cueBits := sized(a.cueBits, len(keep))
	for w, bits := range keep {
		n := len(cues)
		for ; bits != 0; bits &= bits - 1 {
			i := w<<6 | mbits.TrailingZeros64(bits)
			if i+1 < len(toks) && endsSentence(toks[i].Norm) {
				brks = append(brks, int32(i+1)<<2|brkFinal)
			}
			cues = a.scanCue(cues, i, start[w]&(bits&-bits) != 0)
		}
		var cb uint64
		for _, c := range cues[n:] {
			cb |= 1 << (c & 63)
		}
		cueBits[w] = cb
	}
	a.cues, a.cueBits = cues, cueBits
	return brks
}

// scanCue appends token i to cues when reported speech may start there, and
// sets its speechMemo to memoMayStart when a speech verb group may. start
// is the start bit of the token's vocabulary id (false outside the
// vocabulary), which scanMasks has read.
func (a *quoteAnalysis) scanCue(cues []int32, i int, start bool) []int32 {
	t := &a.d.Tokens[i]
	id := a.ids[i]
	if t.Kind == Word {
		// the key tests of the token's vocabulary id, made once: the
		// bytes of the key are not read
		if id < 0 {
			start = mayInvert(t.Key)
		}
		if start {
			a.speechMemo[i] = memoMayStart
			return append(cues, int32(i))
		}
	}
	accord := false
	if id >= 0 {
		accord = a.q.accord[id>>6]&(1<<(id&63)) != 0
	} else {
		accord = accordingKey(t.Key)
	}
	if accord && accordingCue(a.d.Tokens, i) {
		return append(cues, int32(i))
	}
	return cues
}

// Flags of a sentence break in quoteAnalysis.brks, beside the token index
// shifted left by 2.
const (
	brkFinal   = 1 // the token before ends a sentence (endsSentence)
	brkNewline = 2 // a line break stands before the token
)

// newlineBreaks merges into brks, sorted by token, the tokens that a line
// break separates from the token before.
func (a *quoteAnalysis) newlineBreaks(brks []int32) []int32 {
	d := a.d
	toks, text := d.Tokens, d.Text
	nl := a.nlBrks[:0]
	for p, i := 0, 0; len(toks) > 1; {
		k := strings.IndexByte(text[p:], '\n')
		if k < 0 {
			break
		}
		p += k
		i = a.tokFromAfter(p+1, i) // the first token after the line break
		if i >= len(toks) {
			break
		}
		if i > 0 && toks[i-1].End <= p {
			nl = append(nl, int32(i)<<2|brkNewline)
		}
		p = max(p+1, toks[i].Start)
	}
	a.nlBrks = nl
	if len(nl) == 0 {
		return brks
	}
	out := a.brkMerge[:0]
	j := 0
	for _, b := range brks {
		for j < len(nl) && nl[j]>>2 < b>>2 {
			out = append(out, nl[j])
			j++
		}
		if j < len(nl) && nl[j]>>2 == b>>2 {
			b |= brkNewline
			j++
		}
		out = append(out, b)
	}
	out = append(out, nl[j:]...)
	a.brkMerge = brks[:0] // the two buffers take turns
	return out
}

// mayInvert reports whether key may end with an inverted subject pronoun
// that splitInversion splits off: a hyphen 3 to 6 bytes from its end, after
// at least one byte (-il, -ils, -elle, -elles, -t-il …).
func mayInvert(key string) bool {
	n := len(key)
	return n > 3 && key[n-3] == '-' || n > 4 && key[n-4] == '-' || n > 5 && key[n-5] == '-' || n > 6 && key[n-6] == '-'
}

// gapHasNewline reports whether the text between two tokens holds a line
// break.
func gapHasNewline(gap string) bool {
	for k := 0; k < len(gap); k++ { // mostly one space: no call to IndexByte
		if gap[k] == '\n' {
			return true
		}
	}
	return false
}

// findSpeech does the work of speechAt.
func (a *quoteAnalysis) findSpeech(i int) (verbGroup, bool) {
	toks := a.d.Tokens
	if i >= len(toks) || toks[i].Kind != Word {
		return verbGroup{}, false
	}
	base, pron := splitInversion(toks[i].Key)
	ids := a.ids
	baseID := ids[i]
	if pron != "" { // base is not the key
		baseID = a.q.m.id(base)
	}
	g := verbGroup{Start: i, PronTok: -1, Pron: pron}
	if pron != "" {
		g.PronTok = i
	}
	// the auxiliaries are speech starts (NewMatcher), with their form: a.is(i, wAuxBase)
	f := a.q.form(baseID)
	if f != nil && f.flags&formAux != 0 || !a.q.formAuxOK && a.is(i, wAuxBase) {
		// auxiliary, adverbs or a negation, then the participle
		k := i + 1
		if !a.mayGoOnAux(k) {
			return verbGroup{}, false // most auxiliaries: "a été", "est un"
		}
		if p := inversion(a.key(k)); p != "" && pron == "" {
			// "a" "-t-il" split by the tokenizer
			g.Pron, g.PronTok, pron = p, k, p
			k++
		}
		for k < len(toks) && k < i+7 && (toks[k].Kind == Word || toks[k].Kind == Elision || toks[k].Norm == ",") && (a.is(k, wAdverb|wNeg) || toks[k].Key == "d'" || toks[k].Norm == "," || toks[k].Key == "quant" || toks[k].Key == "lui" || toks[k].Key == "elle") {
			if a.is(k, wNeg) {
				g.Negated = true
			}
			k++
		}
		if k < len(toks) && g.Pron == "" && toks[k].Kind == Word && a.is(k, wPronoun) && strings.Contains(toks[i].Key, "-") {
			k++
		}
		if k < len(toks) && toks[k].Kind == Word && a.mayFollowAux(baseID, ids[k]) {
			n, lemma := 0, ""
			if f == nil || f.flags&formNode != 0 {
				// a form of several tokens may start with the auxiliary:
				// the matcher reads it (else it would find 1 token at most)
				var buf [3]Token // on the stack: speechAt runs on every token
				var idb [3]int32
				buf[0], buf[1] = synth(toks[i], base), toks[k]
				idb[0], idb[1] = baseID, ids[k]
				seq := buf[:2]
				if k+1 < len(toks) {
					buf[2], idb[2] = toks[k+1], ids[k+1]
					seq = buf[:3]
				}
				n, lemma = a.q.m.speechVerb(seq, idb[:len(seq)])
			}
			if n < 2 {
				var lf uint8
				n, lemma, lf = a.speechVerb(toks[k].Key, k, false)
				if n == 1 && lf&formInf != 0 {
					n = 0 // an infinitive after "a" is no compound tense (A noter que)
				}
				if n > 0 {
					n++
				}
			}
			if n >= 2 {
				g.End = k + n - 1
				g.Lemma = lemma
				g.Passive = f != nil && f.flags&formPassive != 0 || !a.q.formAuxOK && passiveAux[base]
				if g.Passive {
					// "est décrit comme", "était qualifié de": the speaker is the agent (par X)
					if g.End < len(toks) && (toks[g.End].Key == "comme" || toks[g.End].Key == "de" || toks[g.End].Key == "d'") {
						g.End++
					}
				}
				if i > 0 && (toks[i-1].Key == "s'" || toks[i-1].Key == "se") {
					g.Start = i - 1 // s'est dit: the reflexive belongs to the verb
					g.Passive = false
				}
				if i > 0 && a.is(i-1, wNounDet) {
					return verbGroup{}, false // la menace, une critique: a noun
				}
				a.negation(&g)
				return g, true
			}
		}
		return verbGroup{}, false
	}
	var n int
	var lemma string
	var lf uint8 // formInf, formER, formUER
	if pron == "" {
		n, lemma, lf = a.speechVerb(base, i, true)
	} else {
		one, oneID := [1]Token{synth(toks[i], base)}, [1]int32{baseID}
		n, lemma = a.q.m.speechVerb(one[:], oneID[:])
		lf = a.q.lemmaFlags(n, lemma, base)
	}
	if n == 0 {
		return verbGroup{}, false
	}
	g.End = i + n
	g.Lemma = lemma
	if n == 1 && lf&formInf != 0 {
		g.Infinitive = true
	}
	var buf [16]byte
	tail := lowerTail(toks[i].Norm, &buf) // the end of the word lower-cased, without reading it all
	ant := hasSuffix(tail, "ant")
	if ant || participleOf(tail, lf) {
		g.NonFinite = true
		// a participle right after "a", "avait" with adverbs in between is handled above;
		// "en affirmant" keeps "en" in the cue
		if i > 0 && toks[i-1].Key == "en" {
			g.Start = i - 1
		}
		// décrit comme « … », qualifiée d'« … »: the link belongs to the cue
		if !ant && g.End < len(toks) && (toks[g.End].Key == "comme" || toks[g.End].Key == "de" || toks[g.End].Key == "d'") && g.End+1 < len(toks) && toks[g.End+1].Kind == OpenQuote {
			g.End++
			g.Passive = true // what is described is not who describes: the speaker is the agent
		}
	}
	if i > 0 && (toks[i-1].Key == "se" || toks[i-1].Key == "s'") {
		g.Start = i - 1 // se disant, se défend
	}
	if pron == "" && g.End < len(toks) {
		// "déclare-t-il" split by a tokenizer into "déclare" "-t-il"
		if p := inversion(toks[g.End].Key); p != "" {
			g.Pron, g.PronTok = p, g.End
			g.End++
		}
	}
	if i > 0 && a.is(i-1, wNounDet) {
		return verbGroup{}, false // la menace, une critique: a noun (tested last: most tokens start no group)
	}
	a.negation(&g)
	return g, true
}

// speechForm is what the quote finder knows of a key that may start a
// speech verb group (QuoteFinder.start), by vocabulary id. It takes 4
// bytes, so that the forms of the whole vocabulary (a few thousand) mostly
// stay in cache: the lemma is a number, and the trie node, which few keys
// have, is read from the matcher.
type speechForm struct {
	lemma uint16 // 1 + the index in QuoteFinder.lemmaNames of the lemma of the key as a form of one token, or 0
	flags uint8  // formInf, formNode, formAux, formPassive, formFar, formER, formUER
}

// Flags of speechForm.
const (
	formInf     = 1 << iota // the key is lexicon.Fold(lemma): the infinitive
	formNode                // a form of several tokens starts with the key (Matcher.speechSeq.next(0, id) ≥ 0)
	formAux                 // the key is an auxiliary (auxWords)
	formPassive             // the key is an auxiliary of the passive (passiveAux)
	formFar                 // the lemma is the matcher's (Matcher.speechLem), beyond the numbers of lemma
	formER                  // the lemma ends with "er" (lemmaEnds)
	formUER                 // the lemma ends with "uer"
)

// initForms makes q.forms and q.formRank from the keys of the vocabulary
// ids (init).
func (q *QuoteFinder) initForms(keys []string) {
	q.formRank = make([]uint32, len(q.start))
	num := map[string]uint16{}
	for w, bits := range q.start {
		q.formRank[w] = uint32(len(q.forms))
		for ; bits != 0; bits &= bits - 1 {
			id := int32(w<<6 | mbits.TrailingZeros64(bits))
			var f speechForm
			if l := q.m.speechID[id]; l > 0 {
				lemma := q.m.speechLem[l-1]
				n, ok := num[lemma]
				if !ok && len(q.lemmaNames) < 1<<16-1 {
					q.lemmaNames = append(q.lemmaNames, lemma)
					n, ok = uint16(len(q.lemmaNames)), true
					num[lemma] = n
				}
				f.lemma = n
				if !ok {
					f.flags |= formFar
				}
				f.flags |= lemmaEnds(lemma)
				if lexicon.Fold(lemma) == keys[id] {
					f.flags |= formInf
				}
			}
			if q.m.speechSeq.next(0, id) >= 0 {
				f.flags |= formNode
			}
			if auxWords[keys[id]] {
				f.flags |= formAux
			}
			if passiveAux[keys[id]] {
				f.flags |= formPassive
			}
			q.forms = append(q.forms, f)
		}
	}
	q.formAuxOK = true
	for k := range auxWords {
		if id, ok := q.m.vocab[k]; !ok || q.form(id) == nil {
			q.formAuxOK = false // findSpeech asks the word classes
		}
	}
}

// formLemma returns the lemma of form f of vocabulary id, or "".
func (q *QuoteFinder) formLemma(f *speechForm, id int32) string {
	switch {
	case f.flags&formFar != 0:
		return q.m.speechLem[q.m.speechID[id]-1]
	case f.lemma > 0:
		return q.lemmaNames[f.lemma-1]
	}
	return ""
}

// formNode returns Matcher.speechSeq.next(0, id) for the form f of
// vocabulary id: -1 unless a form of several tokens starts with the key.
func (q *QuoteFinder) formNode(f *speechForm, id int32) int32 {
	if f.flags&formNode == 0 {
		return -1
	}
	return q.m.speechSeq.next(0, id)
}

// form returns the speechForm of vocabulary id, or nil when its bit in
// q.start is not set.
func (q *QuoteFinder) form(id int32) *speechForm {
	if id < 0 {
		return nil
	}
	w, bit := q.start[id>>6], uint64(1)<<(id&63)
	if w&bit == 0 {
		return nil
	}
	return &q.forms[q.formRank[id>>6]+uint32(mbits.OnesCount64(w&(bit-1)))]
}

// speechVerb returns Matcher.speechVerb of the tokens from i, whose key is
// key, the first as synth makes it when synthFirst is set, and the flags
// lemmaFlags gives. A key of the vocabulary that starts no form of several
// tokens, most of them, is answered from q.forms, which stays in cache,
// without the matcher's tables (nor the bytes of the lemma).
func (a *quoteAnalysis) speechVerb(key string, i int, synthFirst bool) (n int, lemma string, flags uint8) {
	toks, ids := a.d.Tokens, a.ids
	if id := ids[i]; id >= 0 {
		f := a.q.form(id)
		if f == nil {
			return 0, "", 0 // no form starts with the key
		}
		if f.flags&formNode == 0 {
			if f.lemma == 0 && f.flags&formFar == 0 {
				return 0, "", 0
			}
			return 1, a.q.formLemma(f, id), f.flags & (formInf | formER | formUER)
		}
	}
	if synthFirst {
		var buf [3]Token
		buf[0] = synth(toks[i], key)
		seq := buf[:1+copy(buf[1:], toks[i+1:min(i+3, len(toks))])]
		n, lemma = a.q.m.speechVerb(seq, ids[i:i+len(seq)])
	} else {
		n, lemma = a.q.m.speechVerb(toks[i:min(i+3, len(toks))], ids[i:min(i+3, len(toks))])
	}
	return n, lemma, a.q.lemmaFlags(n, lemma, key)
}

// lemmaFlags returns the flags of a speech verb form of n tokens whose first
// key is key and whose lemma is lemma: formInf when it is one token, the
// lemma's infinitive; formER and formUER when the lemma ends so.
func (q *QuoteFinder) lemmaFlags(n int, lemma, key string) uint8 {
	f := lemmaEnds(lemma)
	if n == 1 && q.fold(lemma) == key {
		f |= formInf
	}
	return f
}

// lemmaEnds returns formER when lemma ends with "er", formUER too when it
// ends with "uer" (participleOf).
func lemmaEnds(lemma string) uint8 {
	var f uint8
	if strings.HasSuffix(lemma, "er") {
		f |= formER
	}
	if strings.HasSuffix(lemma, "uer") {
		f |= formUER
	}
	return f
}

// auxNextKeys are the keys findSpeech lets stand after an auxiliary besides
// the word classes wAdverb, wNeg and wPronoun.
var auxNextKeys = [...]string{"d'", ",", "quant", "lui", "elle"}

// initAuxNext makes q.auxNext from the keys and classes of the vocabulary
// ids (init).
func (q *QuoteFinder) initAuxNext(keys []string, idCls []wordClass) {
	nv := len(keys)
	q.auxNext = make([]uint64, (nv+63)/64)
	set := func(id int32) { q.auxNext[id>>6] |= 1 << (id & 63) }
	for id, k := range keys {
		if idCls[id]&(wAdverb|wNeg|wPronoun) != 0 || strings.HasPrefix(k, "-") || slices.Contains(auxNextKeys[:], k) {
			set(int32(id))
		}
	}
	for w, bits := range q.start {
		q.auxNext[w] |= bits
	}
	seq := q.m.speechSeq
	for _, e := range seq.ekeys {
		if e != 0 {
			set(int32(uint32(e))) // the key of an edge below the root
		}
	}
	q.auxNextOK = seq.ekeys != nil && lexicon.Fold(",") == "," // findSpeech reads Norm ",", the set Key ","
	// the words of the lists the vocabulary lacks, for the keys outside it
	out := func(k string) {
		if _, ok := q.m.vocab[k]; !ok && k != "" {
			h := scanKeyHash(len(k), k[0], k[len(k)-1])
			q.auxKeys[h>>6] |= 1 << (h & 63)
		}
	}
	for _, set := range []wordSet{adverbWords, negWords, pronounWords} {
		for k := range set {
			out(k)
		}
	}
	for _, k := range auxNextKeys {
		out(k)
	}
}

// mayGoOnAux reports whether token k, after an auxiliary, may go on with it
// into a speech verb group. When it reports false, findSpeech finds no group
// at the auxiliary: the words it reads between the auxiliary and the
// participle and the participle itself all have their bits in q.auxNext.
func (a *quoteAnalysis) mayGoOnAux(k int) bool {
	if !a.q.auxNextOK || k >= len(a.ids) {
		return true
	}
	id := a.ids[k]
	if id < 0 {
		// an inverted pronoun, or maybe a word of the lists outside the vocabulary
		key := a.d.Tokens[k].Key
		if len(key) == 0 {
			return false
		}
		h := scanKeyHash(len(key), key[0], key[len(key)-1])
		return key[0] == '-' || a.q.auxKeys[h>>6]&(1<<(h&63)) != 0
	}
	return a.q.auxNext[id>>6]&(1<<(id&63)) != 0
}

// mayFollowAux reports whether the word of vocabulary id k after an
// auxiliary of id aux may make a speech verb group with it: a speech verb form
// of several words goes on from aux to k (Matcher.speechVerb reads them
// from the speechSeq trie), or k may start a form of its own (the speech
// start bits). When it reports false, findSpeech's look-ups find nothing.
func (a *quoteAnalysis) mayFollowAux(aux, k int32) bool {
	if k < 0 {
		return false // no form holds a key outside the vocabulary
	}
	if a.q.start[k>>6]&(1<<(k&63)) != 0 {
		return true
	}
	seq := a.q.m.speechSeq
	var n int32
	if f := a.q.form(aux); f != nil {
		n = a.q.formNode(f, aux)
	} else {
		n = seq.next(0, aux)
	}
	return n >= 0 && seq.next(n, k) >= 0
}

// negation sets g.Negated when "ne"/"n'" precedes the group.
func (a *quoteAnalysis) negation(g *verbGroup) {
	toks := a.d.Tokens
	for k := g.Start - 1; k >= 0 && k >= g.Start-3; k-- {
		key := toks[k].Key
		if key == "ne" || key == "n'" {
			g.Negated = true
			return
		}
		if !a.is(k, wClitic) {
			return
		}
	}
	for k := g.Start; k < g.End; k++ {
		if toks[k].Key == "pas" || toks[k].Key == "jamais" {
			g.Negated = true
		}
	}
	if g.End < len(toks) && (toks[g.End].Key == "pas" || toks[g.End].Key == "jamais" || toks[g.End].Key == "rien") {
		g.Negated = true
	}
}

// accordingAt reports an "according to" marker at token i: selon, d'après,
// aux yeux de, pour (followed by a speaker and a comma), de source …; it
// returns the token just after the marker.
func (a *quoteAnalysis) accordingAt(i int) (end int, ok bool) {
	if !accordingKey(a.d.Tokens[i].Key) {
		return 0, false // most tokens
	}
	toks := a.d.Tokens
	key := toks[i].Key
	next := func(k int) string {
		if k < len(toks) {
			return toks[k].Key
		}
		return ""
	}
	switch {
	case key == "selon":
		n := next(i + 1)
		if n == "que" || n == "qu'" || n == "lequel" || n == "laquelle" || n == "lesquels" || n == "lesquelles" || n == "les" && (next(i+2) == "cas" || next(i+2) == "regions" || next(i+2) == "pays") {
			return 0, false
		}
		// selon ce qu'a confié X, selon les mots de X, selon les informations de X
		return i + 1, true
	case key == "d'" && next(i+1) == "apres":
		return i + 2, true
	case key == "aux" && next(i+1) == "yeux" && (next(i+2) == "de" || next(i+2) == "du" || next(i+2) == "des" || next(i+2) == "d'"):
		return i + 3, true
	case key == "pour":
		// "pour X, …": X must name a speaker and be followed by a comma
		return i + 1, true
	}
	return 0, false
}

// accordingKey reports whether key may open an "according to" marker
// (accordingAt) or "de source" (quoteAnalysis.according).
func accordingKey(key string) bool {
	switch len(key) { // by length first: most keys are ruled out without a comparison
	case 2:
		return key[0] == 'd' && (key[1] == 'e' || key[1] == '\'')
	case 3:
		return key == "aux"
	case 4:
		return key == "pour"
	case 5:
		return key == "selon"
	}
	return false
}

// accordingCue reports whether token i, whose key accordingKey accepts, may
// open a marker given the next token: "de" only before "source(s)", "d'"
// before "après", "aux" before "yeux" (quoteAnalysis.according, accordingAt).
func accordingCue(toks []Token, i int) bool {
	next := ""
	if i+1 < len(toks) {
		next = toks[i+1].Key
	}
	switch toks[i].Key {
	case "de":
		return next == "source" || next == "sources"
	case "d'":
		return next == "apres"
	case "aux":
		return next == "yeux"
	}
	return true // selon, pour
}

// groupFrom returns the speech verb group containing token i when i is its
// verb, given stop = groupStop(i): the group of the auxiliary at stop when it
// runs past i, else the group starting at i. A participle found first when
// reading backwards belongs to the auxiliary before it ("était qualifié de",
// "a d'ailleurs reconnu").
func (a *quoteAnalysis) groupFrom(i, stop int) (verbGroup, bool) {
	if stop >= 0 && a.auxAt(stop) {
		if g, ok := a.speechAt(stop); ok && g.End > i {
			return g, true
		}
	}
	if m := a.speechMemo[i]; m == 0 || m == -1 {
		return verbGroup{}, false // no group starts at i: most tokens
	}
	return a.speechAt(i)
}

// groupStop returns where groupFrom's backward reading from token i stops:
// the nearest token below i, at most 7 back, that is an auxiliary or that no
// verb group runs through (stopsGroup); or -1.
func (a *quoteAnalysis) groupStop(i int) int {
	for s := i - 1; s >= 0 && s >= i-7; s-- {
		if a.stopsGroup(s) {
			return s
		}
	}
	return -1
}

// nextGroupStop returns groupStop(i) given stop = groupStop(i+1), for a
// reading backwards token by token: it reads one token, unless stop is i.
func (a *quoteAnalysis) nextGroupStop(i, stop int) int {
	switch {
	case stop == i:
		return a.groupStop(i)
	case stop >= 0:
		return stop // within 6 tokens below i+1, so within 7 below i
	case i-7 >= 0 && a.stopsGroup(i-7):
		return i - 7 // the one token groupStop(i+1) did not read
	}
	return -1
}

// stopsGroup reports whether token s ends groupFrom's backward reading: an
// auxiliary, or a token in a quote, or one neither a word nor a comma.
func (a *quoteAnalysis) stopsGroup(s int) bool {
	t := &a.d.Tokens[s] // the cheap tests first: auxAt may look the classes up
	return a.inq[s] >= 0 || t.Kind != Word && t.Kind != Elision && t.Key != "," || a.auxAt(s)
}

// auxAt reports whether token s is an auxiliary, an inverted pronoun aside
// (a.is(s, wAuxBase)), without a look-up for the words scanTokens ruled out:
// an auxiliary's key has a vocabulary id that may start a speech verb group
// (NewMatcher numbers them), and an inverted one a hyphen mayInvert sees.
func (a *quoteAnalysis) auxAt(s int) bool {
	if a.d.Tokens[s].Kind == Word && a.speechMemo[s] == 0 {
		return false
	}
	return a.is(s, wAuxBase)
}

// baseKey strips an inverted pronoun from a key.
func baseKey(k string) string {
	b, _ := splitInversion(k)
	return b
}

// lowerTail writes into buf strings.ToLower of the last 4 runes of s (of s
// when shorter) and returns it: the suffixes findSpeech tests lower-cased
// ("ant", participle's) have at most 4 bytes, and 4 runes lower to at
// least 4 bytes (strings.ToLower maps rune by rune), so those suffixes of
// the tail are those of the whole word, whose other bytes are not read.
func lowerTail(s string, buf *[16]byte) []byte {
	n := len(buf)
	for r := 0; r < 4 && len(s) > 0; r++ {
		c := s[len(s)-1]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			n--
			buf[n] = c
			s = s[:len(s)-1]
			continue
		}
		x, size := utf8.DecodeLastRuneInString(s)
		x = unicode.ToLower(x)
		n -= utf8.RuneLen(x)
		utf8.EncodeRune(buf[n:], x)
		s = s[:len(s)-size]
	}
	return buf[n:]
}

// hasSuffix reports whether b ends with x.
func hasSuffix(b []byte, x string) bool {
	return len(b) >= len(x) && string(b[len(b)-len(x):]) == x
}

// participle reports whether form (lower case, accents kept; or only its
// last runes, lowerTail) is a past participle of lemma and not also a finite
// form: déclaré, prévues, écrite (but not "dit" or "écrit", which are also
// the present).
func participle(form []byte, lemma string) bool { return participleOf(form, lemmaEnds(lemma)) }

// participleOf is participle given lemmaEnds(lemma): the speech forms have
// it, so that the lemma's bytes, which are not in cache, are not read.
func participleOf(form []byte, lemmaEnd uint8) bool {
	end := func(x string) bool { return hasSuffix(form, x) }
	if lemmaEnd&formER != 0 {
		return end("é") || end("ée") || end("és") || end("ées")
	}
	return (end("u") || end("ue") || end("us") || end("ues") || end("ie") || end("ies") || end("ite") || end("ites") || end("its") || end("ise") || end("ises")) && lemmaEnd&formUER == 0
}
