package extract

import (
	"math/bits"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Segmenter splits a document into sentences. It keeps nothing of a
// document between calls (only scratch memory, in a sync.Pool): one
// Segmenter is safe for concurrent use.
//
// The rules, for French news:
//
//   - every line break ends a sentence (a title, a signature or a name alone on
//     its line is a sentence of its own), and so does the end of the text;
//   - '.', '?', '!', '…' and "..." (and runs such as "?!") end a sentence when
//     the next word starts with an upper-case letter, a digit, an opening
//     quotation mark or a dash, not when it starts with a lower-case letter
//     ("etc. et", "« Pourquoi ? » a-t-il demandé");
//   - closing marks after the final punctuation (» ” ) ’ and a closing ")
//     belong to the sentence they close, even with a space before them
//     ("… plus sûr. »"); punctuation right after them (?». or ?»,) means the
//     sentence goes on to that punctuation;
//   - no break after an honorific or title abbreviation (M. MM. Mme Dr Mgr Me
//     St…), after other abbreviations that never end a sentence (av. p. ex.
//     cf.), after "art." "vol." "n." before a number, after initials and dotted
//     acronyms (J. J.-P. U.S. O.N.U. É.-U.), except "J.-C." after "av." or
//     "apr.", and a dotted acronym before a word that starts sentences
//     (Il, Les, Mais…: "à l'O.N.U. Ils");
//   - a '.' inside a token ("3.5", "www.x.fr") ends nothing, but one glued
//     between a lower-case word and a capitalised word ("jeudi.Le", from text
//     that lost its paragraph breaks) does.
//
// Sentences are trimmed: they start and end with a rune that is not blank
// (white space, NBSP and other Unicode spaces, zero-width spaces, control
// characters), and are never empty.
type Segmenter struct {
	scratch sync.Pool // *[]Span, reused between calls
}

// NewSegmenter returns a sentence segmenter for French news text.
func NewSegmenter() *Segmenter { return &Segmenter{} }

// Segment sets d.Sentences.
//
// The sentences are found into a scratch list, then d.Sentences is made at
// its exact length (or reused when large enough).
func (g *Segmenter) Segment(d *Doc) {
	buf, _ := g.scratch.Get().(*[]Span)
	if buf == nil {
		buf = new([]Span)
	}
	var sc segScanner
	sc.init(d.Text, (*buf)[:0])
	sc.run()
	out := d.Sentences[:0]
	if cap(out) < len(sc.out) {
		out = make([]Span, 0, len(sc.out))
	}
	d.Sentences = append(out, sc.out...)
	if cap(sc.out) <= maxScratch {
		*buf = sc.out
		g.scratch.Put(buf)
	}
}

// segScanner is the state of one Segment call.
type segScanner struct {
	text  string
	out   []Span
	start int // start of the current sentence, -1 between sentences
	chunk int // start of the current blank-delimited chunk
	prev  Span
}

func (s *segScanner) init(text string, out []Span) {
	s.text = text
	s.out = out
	s.start = -1
	s.chunk = 0
	s.prev = Span{}
}

// emit ends the current sentence at end (trimming trailing blanks).
func (s *segScanner) emit(end int) {
	if s.start < 0 {
		return
	}
	for end > s.start {
		r, n := utf8.DecodeLastRuneInString(s.text[s.start:end])
		if !isBlank(r) {
			break
		}
		end -= n
	}
	if end > s.start {
		s.out = append(s.out, Span{s.start, end})
	}
	s.start = -1
}

func (s *segScanner) run() {
	text := s.text
	inBlank := true
	for i := 0; i < len(text); {
		if !inBlank && s.start >= 0 {
			// inside words: nothing to do until a blank other than a
			// space, a '-' or final punctuation (see segPlain), but to
			// mark the chunks at the spaces
			end := segRunEnd(text, i)
			for end > i && text[end-1] == ' ' {
				end-- // spaces before something else are left to the cases below
			}
			s.chunks(i, end)
			i = end
			if i == len(text) {
				break
			}
		}
		c := text[i]
		if c == ' ' {
			if !inBlank {
				s.prev = Span{s.chunk, i}
			}
			inBlank = true
			i++
			continue
		}
		r, n, blank := rune(c), 1, c <= ' ' || c == 0x7f
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
			blank = isBlank(r)
		}
		if blank {
			if isLineBreak(r) {
				s.emit(i)
			}
			if !inBlank {
				s.prev = Span{s.chunk, i}
			}
			inBlank = true
			i += n
			continue
		}
		if inBlank {
			s.chunk = i
			inBlank = false
		}
		if s.start < 0 {
			s.start = i
		}
		if r == '-' && s.dashHeading(i) {
			s.emit(i + 1)
			s.chunk = i + 1
			i++
			continue
		}
		if isTerminal(r) {
			end, brk := s.terminal(i)
			if brk {
				s.emit(end)
				if end < len(text) {
					// a glued sentence ("jeudi.Le"): the next chunk starts here
					s.chunk = end
				}
			}
			i = end
			continue
		}
		i += n
	}
	s.emit(len(text))
}

// segPlain[c] is set for the bytes that run skips inside a word (see
// segRunEnd): they neither end it nor end a sentence. They are the ASCII that is
// not blank, '-', '.', '?' or '!'; the UTF-8 continuation bytes; and the
// lead bytes 0xC3–0xDF, of U+00C0–U+07FF, where no rune is blank or final
// punctuation. Skipping bytes one by one is the same as skipping runes:
// a continuation byte met where a rune starts, or a lead byte without its
// continuation, decodes to one byte of utf8.RuneError, which run also
// skips.
var segPlain = func() (t [256]bool) {
	for c := range t {
		switch {
		case c < utf8.RuneSelf:
			t[c] = !isBlank(rune(c)) && c != '-' && !isTerminal(rune(c))
		case c < 0xc0:
			t[c] = true
		default:
			t[c] = 0xc3 <= c && c <= 0xdf
		}
	}
	return t
}()

// chunks sets s.chunk and s.prev as run, byte by byte, would leave them
// after text[from:to], plain bytes and spaces that ends with a plain byte,
// inside words: the chunk starts after its last space, and the chunk before
// ends at the spaces before (and starts after the spaces before it, or
// where the chunk started).
func (s *segScanner) chunks(from, to int) {
	k := strings.LastIndexByte(s.text[from:to], ' ')
	if k < 0 {
		return
	}
	k += from
	end := k
	for end > from && s.text[end-1] == ' ' {
		end--
	}
	start := s.chunk
	if j := strings.LastIndexByte(s.text[from:end], ' '); j >= 0 {
		start = from + j + 1
	}
	s.prev = Span{start, end}
	s.chunk = k + 1
}

// segRunEnd returns the end of the run of segPlain bytes and spaces in s
// from i, with the '-' inside words: a '-' after a byte of the run other
// than a space (not at i), which run would step over ("Jean-Yves",
// "a-t-il": only a '-' after a blank may close a heading, see
// dashHeading). It reads eight bytes at a time, in a uint64 (SWAR, as
// alnum8), and the last few byte by byte.
func segRunEnd(s string, i int) int {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	from := i
	after := uint64(0x80) // the top bit of byte 0: the byte before is a space, or i
	for i+8 <= len(s) {
		x := load64(s, i)
		z := x &^ tops // the low 7 bits of each byte
		// The top bit of each byte that is neither plain nor a space: in
		// ASCII, a blank but a space (z < 0x20) or '!', '.', '?' or DEL
		// (q == 0), '-' after a space or at i; beyond, the lead bytes
		// 0xE0–0xFF (three top bits) and 0xC0–0xC2.
		below := ^(z + ones*(0x80-0x20)) | ^((z ^ ones*'!') + ones*0x7f) | ^((z ^ ones*'.') + ones*0x7f)
		space := ^((z ^ ones*' ') + ones*0x7f) &^ x & tops
		dash := ^((z ^ ones*'-') + ones*0x7f) & (space<<8 | after)
		q := (z | ones*0x40) ^ ones*0x7f
		ascii := (below | dash | ^(q + ones*0x7f)) &^ x
		lead := x&(x<<1)&(x<<2) | x&(z+ones*(0x80-0x40))&^(z+ones*(0x80-0x43))
		if stop := (ascii | lead) & tops; stop != 0 {
			return i + bits.TrailingZeros64(stop)/8
		}
		after = space >> 56
		i += 8
	}
	for i < len(s) && (segPlain[s[i]] || s[i] == ' ' || s[i] == '-' && i > from && s[i-1] != ' ') {
		i++
	}
	return i
}

// maxWordBefore bounds the bytes looked at before final punctuation: enough
// for any abbreviation or initials ("c.-à-d", "O.N.U"), and it keeps a long
// chunk without blanks ("a.a.a.a…") linear.
const maxWordBefore = 48

// wordStart returns the start of the word before offset i: the start of the
// current chunk, or at most maxWordBefore bytes before i.
func (s *segScanner) wordStart(i int) int {
	if i-s.chunk <= maxWordBefore {
		return s.chunk
	}
	j := i - maxWordBefore
	for j < i && !utf8.RuneStart(s.text[j]) {
		j++
	}
	return j
}

// isTerminal reports whether r can end a sentence.
func isTerminal(r rune) bool { return r == '.' || r == '?' || r == '!' || r == '…' }

// terminal looks at the run of final punctuation starting at i and the
// closing marks after it. It returns the offset just past them and whether
// the sentence ends there. end > i always.
func (s *segScanner) terminal(i int) (end int, brk bool) {
	text := s.text
	j := i
	dots, others := 0, 0
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !isTerminal(r) {
			break
		}
		if r == '.' {
			dots++
		} else {
			others++
		}
		j += n
	}
	if j < len(text) && segGoesOn[text[j]] {
		// glued to an ASCII byte that is no blank, closing mark, quote,
		// '-' or capital letter: "3.5", "www.x.fr" go on (as glued says)
		return j, false
	}
	period := dots == 1 && others == 0
	ellipsis := dots >= 2 || text[i] != '.' && text[i] != '?' && text[i] != '!'
	word := wordBefore(text[s.wordStart(i):i])

	// Right after the punctuation, with no blank in between.
	next, _ := utf8.DecodeRuneInString(text[j:])
	if j < len(text) && !isBlank(next) && !isCloser(next) && !isStraightQuote(next) {
		// glued: "jeudi.Le", "vraiment?Le"; anything else ("3.5",
		// "www.x.fr", "?»") goes on.
		return j, s.glued(i, j, word)
	}

	// Closing marks, possibly after spaces: ". »", ".»", ".\"", "?)".
	k := j
	for p := j; p < len(text); {
		r, n := utf8.DecodeRuneInString(text[p:])
		if isBlank(r) {
			if isLineBreak(r) {
				break
			}
			p += n
			continue
		}
		if isCloser(r) || isStraightQuote(r) && s.closingQuote(p, n) {
			p += n
			k = p
			continue
		}
		break
	}
	if k > j {
		// Punctuation glued to the closing mark ("?».", "?»,") goes on.
		if r, _ := utf8.DecodeRuneInString(text[k:]); k < len(text) && (isTerminal(r) || r == ',' || r == ';' || r == ':') {
			return k, false
		}
	}

	// The next rune that is not blank, or the end of the line or text.
	p := k
	for p < len(text) {
		r, n := utf8.DecodeRuneInString(text[p:])
		if !isBlank(r) {
			break
		}
		if isLineBreak(r) {
			return k, true
		}
		p += n
	}
	if p == len(text) {
		return k, true
	}
	next, _ = utf8.DecodeRuneInString(text[p:])

	if period {
		switch abbrevOf(word) {
		case abbrStrict:
			return k, false
		case abbrBeforeNumber:
			if isDigit(next) {
				return k, false
			}
		}
		if isInitials(word) && !(word == "J.-C" && s.afterAvant()) &&
			!(strings.Contains(word, ".") && isSentenceStarter(s.nextWord(p))) {
			// "J. Biden", "U.S. Navy"; but "à l'O.N.U. Ils"
			return k, false
		}
	}
	if ellipsis && i > 0 && (text[i-1] == '(' || text[i-1] == '[') {
		return k, false // "(…)" and "[…]" mark a cut inside a quote
	}
	return k, startsSentence(next)
}

// segGoesOn[c] is set for the ASCII bytes c after which final punctuation
// glued to them goes on whatever comes next (see glued): not blank, not a
// closing mark or straight quote, not '-' and not a capital letter.
var segGoesOn = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		r := rune(c)
		t[c] = !isBlank(r) && !isCloser(r) && !isStraightQuote(r) && r != '-' && !unicode.IsUpper(r)
	}
	return t
}()

// startsSentence reports whether a word starting with r can start a new
// sentence after final punctuation.
func startsSentence(r rune) bool {
	switch {
	case unicode.IsLower(r):
		return false
	case unicode.IsLetter(r), unicode.IsDigit(r): // upper case, or a script without case
		return true
	}
	switch r {
	case '«', '“', '„', '‹', '"', '\'', '‘', '—', '–', '-', '(', '[', '¿', '¡':
		return true
	}
	return false
}

// glued decides a break at punctuation [i,j) followed with no space by a
// word: only a lower-case word (or a closing mark or a number) then a
// capitalised word ("jeudi.Le", "santé\".Le", "2020.Le") breaks.
func (s *segScanner) glued(i, j int, word string) bool {
	text := s.text
	r1, n1 := utf8.DecodeRuneInString(text[j:])
	if isStraightQuote(r1) {
		// ."Malgré: an opening quote glued to the next sentence.
		j += n1
		r1, n1 = utf8.DecodeRuneInString(text[j:])
	}
	r2, _ := utf8.DecodeRuneInString(text[j+n1:])
	if (r1 == '-' || r1 == '–') && isBlank(r2) && !isLineBreak(r2) {
		// "décembre.- Sous-titre -": a heading glued to the sentence
		return text[i] == '.'
	}
	if !startsWord(r1, r2) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	switch {
	case isCloser(before), isStraightQuote(before), isDigit(before):
		return true
	case !unicode.IsLower(before):
		return false
	}
	if abbrevOf(word) != 0 {
		return false
	}
	letters := 0
	for _, r := range word {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.Is(unicode.Mn, r), r == '-', isApostrophe(r):
		default:
			return false // www.lemonde.Fr, a@b.Fr
		}
	}
	return letters >= 2
}

// nextWord returns the letters starting at p: "Ils" in "Ils sont".
func (s *segScanner) nextWord(p int) string {
	end := p
	for end < len(s.text) && end-p < 16 {
		r, n := utf8.DecodeRuneInString(s.text[end:])
		if !unicode.IsLetter(r) {
			break
		}
		end += n
	}
	return s.text[p:end]
}

// isSentenceStarter reports whether w, capitalised, is a function word that
// starts French sentences far more often than it follows a dotted acronym.
func isSentenceStarter(w string) bool {
	switch w {
	case "Il", "Ils", "Elle", "Elles", "On", "Nous", "Vous", "Je", "Ce", "Cette", "Ces", "Cela", "Ça",
		"Le", "La", "Les", "Un", "Une", "Des", "Mais", "Et", "Or", "Pour", "Selon", "Dans", "En", "Au", "Aux",
		"Depuis", "Après", "Avant", "Alors", "Ainsi", "Par", "Si", "Lors", "Cependant", "Pourtant":
		return true
	}
	return false
}

// startsWord reports whether r1, r2 start a capitalised word: "Le", "L'",
// "A la".
func startsWord(r1, r2 rune) bool {
	return unicode.IsUpper(r1) && (unicode.IsLower(r2) || isApostrophe(r2) || r2 == ' ')
}

// dashHeading reports whether the '-' at i closes a heading glued to the
// next sentence: " - Sous-titre -Le texte", a paragraph break lost in
// conversion.
func (s *segScanner) dashHeading(i int) bool {
	if i == 0 || s.chunk != i || s.start < 0 || s.start >= i {
		return false // not after a blank, or nothing before it in the sentence
	}
	r1, n1 := utf8.DecodeRuneInString(s.text[i+1:])
	r2, _ := utf8.DecodeRuneInString(s.text[i+1+n1:])
	return startsWord(r1, r2)
}

// closingQuote reports whether the straight quote at [p,p+n) closes: it is
// not followed by a letter or digit.
func (s *segScanner) closingQuote(p, n int) bool {
	r, _ := utf8.DecodeRuneInString(s.text[p+n:])
	return !(unicode.IsLetter(r) || unicode.IsDigit(r))
}

// afterAvant reports whether the chunk before the current one is "av." or
// "apr." (as in "av. J.-C.").
func (s *segScanner) afterAvant() bool {
	switch s.text[s.prev.Start:s.prev.End] {
	case "av.", "apr.", "avant", "après":
		return true
	}
	return false
}

// wordBefore returns the word that ends chunk, without the opening brackets
// and quotes and the elided word before it: "(M" → "M", "l'art" → "art".
func wordBefore(chunk string) string {
	w := trimOpeners(chunk)
	if i := indexApostrophe(w); i > 0 && isElisionWord(w[:i]) {
		_, n := utf8.DecodeRuneInString(w[i:])
		return w[i+n:]
	}
	return w
}

// indexApostrophe returns the offset of the first ' or ’ in w, or -1:
// strings.IndexAny(w, "'’") without its rune by rune search.
func indexApostrophe(w string) int {
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case '\'':
			return i
		case "’"[0]:
			if strings.HasPrefix(w[i:], "’") {
				return i
			}
		}
	}
	return -1
}

// trimOpeners removes the opening brackets and quotes before a word:
// "(M" → "M".
func trimOpeners(w string) string {
	for len(w) > 0 {
		r, n := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		w = w[n:]
	}
	return w
}

// isInitials reports whether w (the text before a '.') is an initial or a
// dotted acronym without its last dot: "J", "É", "U.S", "O.N.U", "J.-P",
// "É.-U", "e.g". A lone lower-case letter is not.
func isInitials(w string) bool {
	if w == "" {
		return false
	}
	parts, letters, upper := 0, 0, false
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
			if letters > 1 {
				return false
			}
			upper = unicode.IsUpper(r)
		case unicode.Is(unicode.Mn, r):
			if letters == 0 {
				return false
			}
		case r == '.':
			if letters != 1 {
				return false
			}
			parts++
			letters = 0
		case r == '-':
			if letters != 0 { // "J.-P": the hyphen follows a dot
				return false
			}
		default:
			return false
		}
	}
	return letters == 1 && (parts > 0 || upper)
}

// Abbreviation classes, for the segmenter and the tokenizer.
const (
	abbrStrict       = 1 + iota // never ends a sentence; the token keeps its dot
	abbrBeforeNumber            // does not end a sentence before a number: art. 49
	abbrSoft                    // may end a sentence: etc.
)

// abbrevOf returns abbrevs[w], the class of the abbreviation w or 0,
// without a look-up when no abbreviation has the first byte and length of
// w (see abbrevLens).
func abbrevOf(w string) uint8 {
	if w == "" || abbrevLens[w[0]]&(1<<min(len(w), 15)) == 0 {
		return 0
	}
	return abbrevs[w]
}

// abbrevLens[c] has bit n set when an abbreviation of n bytes (15 or
// more for n = 15) starts with the byte c.
var abbrevLens = func() (t [256]uint16) {
	for w := range abbrevs {
		t[w[0]] |= 1 << min(len(w), 15)
	}
	return t
}()

// abbrevs maps an abbreviation, as written, without its dot, to its class.
var abbrevs = map[string]uint8{
	// honorifics and titles
	"M": abbrStrict, "MM": abbrStrict, "Mme": abbrStrict, "Mmes": abbrStrict, "Mlle": abbrStrict, "Mlles": abbrStrict,
	"Mr": abbrStrict, "Mrs": abbrStrict, "Ms": abbrStrict, "Dr": abbrStrict, "Drs": abbrStrict, "Pr": abbrStrict,
	"Me": abbrStrict, "Mes": abbrStrict, "Mgr": abbrStrict, "Prof": abbrStrict, "Vve": abbrStrict,
	"St": abbrStrict, "Ste": abbrStrict, "Sts": abbrStrict, "Stes": abbrStrict,
	"Gén": abbrStrict, "Gal": abbrStrict, "Col": abbrStrict, "Cdt": abbrStrict, "Cne": abbrStrict, "Lt": abbrStrict,
	"Sgt": abbrStrict, "Adj": abbrStrict, "Capt": abbrStrict,
	// addresses and references
	"av": abbrStrict, "Av": abbrStrict, "apr": abbrStrict, "bd": abbrStrict, "Bd": abbrStrict, "boul": abbrStrict,
	"p": abbrStrict, "pp": abbrStrict, "ex": abbrStrict, "cf": abbrStrict, "Cf": abbrStrict, "éd": abbrStrict,
	"coll": abbrStrict, "réf": abbrStrict, "tél": abbrStrict, "Tél": abbrStrict, "vs": abbrStrict, "op": abbrStrict,
	"env": abbrStrict, "c.-à-d": abbrStrict,
	// before a number
	"art": abbrBeforeNumber, "Art": abbrBeforeNumber, "vol": abbrBeforeNumber, "chap": abbrBeforeNumber,
	"fig": abbrBeforeNumber, "n": abbrBeforeNumber, "N": abbrBeforeNumber, "no": abbrBeforeNumber,
	"No": abbrBeforeNumber, "t": abbrBeforeNumber, "al": abbrBeforeNumber, "ch": abbrBeforeNumber,
	// may end a sentence
	"etc": abbrSoft, "cit": abbrSoft, "Jr": abbrSoft, "Sr": abbrSoft, "Inc": abbrSoft, "Ltd": abbrSoft,
	"Corp": abbrSoft, "Cie": abbrSoft, "hab": abbrSoft, "min": abbrSoft, "ibid": abbrSoft, "Ibid": abbrSoft,
}
