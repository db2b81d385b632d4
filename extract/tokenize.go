package extract

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/quidit/quidit/lexicon"
)

// Tokenizer splits sentences into tokens. It keeps nothing of a document
// between calls (only scratch memory, in a sync.Pool): one Tokenizer is safe
// for concurrent use.
//
// Its decisions, for French news:
//
//   - Elisions are tokens of their own (Kind Elision), with either apostrophe:
//     l’Afghanistan → l’ + Afghanistan; so are c’ d’ j’ l’ m’ n’ s’ t’ qu’
//     jusqu’ lorsqu’ puisqu’ quoiqu’ presqu’ (and "l' OMS", apostrophe then
//     space). Other apostrophes between letters stay inside the word:
//     aujourd’hui, prud’hommes, quelqu’un, O’Neill, Villeneuve-d’Ascq.
//   - Hyphenated words stay whole (États-Unis, Jean-Yves, Biden-Poutine,
//     peut-être, Issy-les-Moulineaux), except a verb inversion or an imperative
//     whose hyphenated tail is only clitic pronouns: each clitic is a Word of
//     its own with its hyphen, the euphonic t kept with its pronoun:
//     a-t-il → a + -t-il, dit-elle → dit + -elle, est-ce → est + -ce,
//     donne-le-moi → donne + -le + -moi ("rendez-vous" stays whole).
//   - Numbers stay whole with their separators: thousands separated by a
//     space, NBSP or NNBSP (17 000, 1 200 000), decimals (3,5 3.5), dates
//     (22/09/2021, 2021-09-22), times (14h30, 14:30), ordinals (22e, 1er,
//     2nde). "14 h 30" is three tokens. The percent sign is always a Symbol
//     of its own: "12 %" and "12%" both give 12 + %.
//   - URLs (http://…, https://…, www.…, lemonde.fr), e-mail addresses,
//     @handles and #hashtags are single tokens (URL, Email, Handle, Hashtag).
//   - Quotation marks are tokens of their own: « “ „ ‹ ‘ open, » ” › close; a
//     straight " or ' opens after a blank or the start and closes before a
//     blank, punctuation or the end (when both or neither, it closes a quote
//     left open in the same call, else opens).
//   - Initials and dotted acronyms keep their dots: J. J.-P. U.S. O.N.U.
//     É.-U.; so do title abbreviations, always (M. MM. Dr. Mgr. St. av. p.),
//     and other abbreviations (etc. art.) unless the dot ends the sentence.
//     Mme is a word. A sentence-final '.' is a Punct of its own, and so is
//     "..." or "…".
//
// Every token has Norm = Normalize(text) and Key = lexicon.Fold(Norm); both
// are substrings of the text (no allocation) when nothing changes. The keys
// Tokenize must make (Le → le, Élysée → elysee) share one buffer per
// document, which Doc.Release hands to the next document.
type Tokenizer struct {
	scratch sync.Pool // *tokScratch, reused between calls
}

// tokScratch is the scratch memory of one Tokenize call.
type tokScratch struct {
	buf     []byte    // keyArena.buf, for a document whose own cannot be reused
	refs    []keyRef  // keyArena.refs
	special []special // the tokens whose Norm or Key may not be their text
	upper   []int32   // the tokens whose key is their lower case
}

// special is a token whose Norm or Key may not be its text: its index and
// the byteClass of its bytes, or-ed.
type special struct {
	tok   int32
	class uint8
}

// keyArena collects the keys that are not substrings of the text (Élysée →
// elysee, Le → le) to make them one string per document rather than one
// allocation per token: in Tokenize, the document's own buffer (Doc.keys),
// which a released document hands to the next.
type keyArena struct {
	buf  []byte
	refs []keyRef
}

// keyRef says that the key of token tok is buf[off:end].
type keyRef struct{ tok, off, end int }

// NewTokenizer returns a French tokenizer.
func NewTokenizer() *Tokenizer { return &Tokenizer{} }

// rawToken is a token before its Norm and Key, for setToken.
type rawToken struct {
	start, end int
	sentence   int32
	kind       TokenKind
}

// Tokenize sets d.Tokens, sentence by sentence, with Token.Sentence set.
//
// The scanner writes each token into d.Tokens as if it were lower-case
// ASCII (most are: Norm and Key are its text) and notes the others, without
// a branch, in two lists: ASCII with upper case, whose keys lowerKeys
// lower-cases, and the rest, which foldSpan folds or setKey finishes. The
// keys made go into one buffer of d's, made a string without a copy: the
// tokens of d may not be used after d.Release, which hands it to the next
// document.
func (t *Tokenizer) Tokenize(d *Doc) {
	ts, _ := t.scratch.Get().(*tokScratch)
	if ts == nil {
		ts = new(tokScratch)
	}
	text := d.Text
	toks := d.Tokens[:0]
	if n := min(len(text)/4+16, maxPooledTokens); cap(toks) < n {
		// news has about one token in 5.3 bytes: a document with more
		// grows the tokens by append (and so does a huge one, which may
		// hold few tokens: a 50 MB line of spaces reserves no 800 MB)
		toks = make([]Token, 0, n)
	}
	var sc tokScanner
	sc.special, sc.upper = ts.special[:cap(ts.special)], ts.upper[:cap(ts.upper)]
	for si, s := range d.Sentences {
		toks = sc.scan(toks, text, s, si)
	}
	// The keys made go into d.keys when Release emptied it (see
	// reusedKeys), else into the scratch buffer, copied at the end.
	var a keyArena
	reuse := reusedKeys(d)
	if a.buf, a.refs = ts.buf[:0], ts.refs[:0]; reuse {
		a.buf = d.keys
	}
	lowerKeys(toks, text, sc.upper[:sc.nupper], &a)
	for _, s := range sc.special[:sc.nspecial] {
		t := &toks[s.tok]
		if t.Kind != Elision && s.class&byteOdd == 0 {
			// most are words of ASCII and Latin letters: when foldSpan
			// takes one, Norm is its text and the key foldSpan's, as
			// normKey would find (its constants for a lone rune, such
			// as à → a, have the same bytes)
			if b, ok := foldSpan(a.buf, text, t.Start, t.End); ok {
				off := len(a.buf)
				a.buf = b
				a.ref(int(s.tok), off)
				continue
			}
		}
		setKey(t, text, s.class, &a, int(s.tok))
	}
	if !reuse {
		ts.buf = a.buf
		if len(a.buf) > 0 {
			a.buf = bytes.Clone(a.buf)
		}
	}
	if len(a.refs) > 0 {
		// The keys are a string over a.buf, d's from now on, without a
		// copy: nothing writes those bytes until Release hands them to
		// the next document, after which no token of d may be used.
		// (Copying the keys into a new string each time, in memory the
		// cache had not seen, took 7% of Tokenize in the pipeline.)
		keys := unsafe.String(unsafe.SliceData(a.buf), len(a.buf))
		for _, k := range a.refs {
			toks[k.tok].Key = keys[k.off:k.end]
		}
		d.keys = a.buf
	}
	d.Tokens = toks
	if cap(sc.special) <= maxScratch && cap(sc.upper) <= maxScratch && cap(ts.buf) <= maxScratch && cap(a.refs) <= maxScratch {
		ts.special, ts.upper, ts.refs = sc.special, sc.upper, a.refs
		t.scratch.Put(ts)
	}
}

// reusedKeys reports whether the keys of d may be written into d.keys:
// when no token points into it (Release emptied it; a document tokenized
// again keeps the keys of its former tokens) and it is not too large to
// keep.
func reusedKeys(d *Doc) bool {
	return len(d.keys) == 0 && cap(d.keys) > 0 && cap(d.keys) <= maxKeyBytes
}

// maxKeyBytes bounds the key buffer a document keeps for reuse.
const maxKeyBytes = 1 << 20

// maxScratch bounds the scratch lists kept for the next call (tokens,
// bytes).
const maxScratch = 1 << 16

// Append appends the tokens of text[s.Start:s.End] to dst, with Norm and Key
// set (Sentence is left 0). It is used for lexicon forms too, so that a form
// and the text it names tokenize alike.
func (*Tokenizer) Append(dst []Token, text string, s Span) []Token {
	var sc tokScanner
	var buf [64]special // room for a form of 64 bytes (see reserve)
	var up [64]int32
	sc.special, sc.upper = buf[:], up[:]
	dst = sc.scan(dst, text, s, 0)
	for _, i := range sc.upper[:sc.nupper] {
		dst[i].Key = lowerASCII(text[dst[i].Start:dst[i].End])
	}
	for _, s := range sc.special[:sc.nspecial] {
		setKey(&dst[s.tok], text, s.class, nil, 0)
	}
	return dst
}

// scan appends the tokens of text[s.Start:s.End] to dst, in sentence si,
// with Norm and Key their text, and notes in sc.special, without a branch,
// the tokens whose class has an upper-case letter or a byte beyond ASCII
// (for setKey). sc.special always has room for as many tokens as dst (see
// reserve), so that writing there needs no check.
func (sc *tokScanner) scan(dst []Token, text string, s Span, si int) []Token {
	if s.Start < 0 {
		s.Start = 0
	}
	if s.End > len(text) {
		s.End = len(text)
	}
	if s.Start >= s.End {
		return dst
	}
	text = text[:s.End] // not sc.text, which would leak sc (escape analysis)
	sc.init(text, s.Start)
	sc.reserve(dst, s.End-s.Start)
	noted, nspecial := sc.special, sc.nspecial
	upper, nupper := sc.upper, sc.nupper
	for {
		// the common token first: a plain word after spaces
		p := sc.pos
		for p < len(text) && text[p] == ' ' {
			p++
		}
		start, end, kind, class, ok := p, 0, TokenKind(0), uint8(0), false
		if p < len(text) {
			c := text[p]
			if bc := byteClass[c]; bc&byteLetter != 0 || bc&byteLatin != 0 && p+1 < len(text) && isLatinLetter(c, text[p+1]) {
				// A word of ASCII and Latin letters (U+00C0–U+017F but
				// × and ÷) and digits, read here rather than in a call
				// (whose spills cost): its runs of ASCII eight bytes at
				// a time, in a uint64 (SWAR: no branch per byte), the
				// Latin letters between them. Followed by the end of
				// the span or an ASCII byte that ends a word whatever
				// comes before it (byteStop), it is no URL (which needs
				// a ':' or '.' after its first ASCII letters), no e-mail
				// address (its local part would end before an '@'), no
				// acronym (its first letter has no dot), has no
				// apostrophe, hyphen or dot inside and no combining mark
				// after it: the Word that word would return.
				i, caps, other := p, uint64(0), uint8(0)
				for {
					for {
						if i+8 > len(text) { // the end of the span: byte by byte
							for i < len(text) && byteClass[text[i]]&byteAlnum != 0 {
								caps |= uint64(byteClass[text[i]] & byteUpper)
								i++
							}
							break
						}
						alnum, up := alnum8(load64(text, i))
						n := bits.TrailingZeros64(^alnum&0x8080808080808080) / 8 // the first byte that is not, or 8
						caps |= up & (1<<(8*n) - 1)                              // all of up when n is 8
						i += n
						if n < 8 {
							break
						}
					}
					if i+1 < len(text) && byteClass[text[i]]&byteLatin != 0 && isLatinLetter(text[i], text[i+1]) {
						other = byteOther
						i += 2
						continue
					}
					break
				}
				class = uint8(min(caps, 1)) | other // byteUpper is 1
				if i == len(text) || byteClass[text[i]]&byteStop != 0 {
					end, kind, ok = i, Word, true
				} else {
					end, kind, class, ok = sc.wordEnd(p, i, class)
				}
			} else if k := asciiKind[c]; k != 0 && (p+1 == len(text) || text[p+1] < 0xcc) {
				// a comma, a bracket, a symbol: one byte, unless a mark follows
				end, kind, ok = p+1, k-1, true
			} else if (c == '.' || c == '?' || c == '!') && (p+1 == len(text) ||
				text[p+1] < 0xcc && text[p+1] != c && (c == '.' || text[p+1] != '?' && text[p+1] != '!')) {
				// . ? or ! alone (not in a run: "...", "?!")
				end, kind, ok = p+1, Punct, true
			} else if c == '"' && (p+1 == len(text) || text[p+1] < utf8.RuneSelf) && (p == sc.first || text[p-1] < utf8.RuneSelf) {
				// a straight double quote between ASCII bytes (see
				// straightQuote)
				before := p == sc.first || quoteBefore[text[p-1]]
				after := p+1 == len(text) || quoteAfter[text[p+1]]
				end, kind, ok = p+1, quoteKind(before, after, &sc.dq), true
			} else if c-'0' < 10 {
				// digits alone (see number): before neither a letter, a
				// separator (, . / : -) nor a space and a group of digits
				i := p + 1
				for i < len(text) && text[i]-'0' < 10 {
					i++
				}
				if i == len(text) || byteClass[text[i]]&byteStop != 0 && text[i] != ',' && text[i] != '/' &&
					!(text[i] == ' ' && i-p <= 3 && i+1 < len(text) && text[i+1]-'0' < 10) {
					end, kind, ok = i, Number, true
				}
			}
		}
		if !ok {
			sc.pos = p
			if start, end, kind = sc.next(); start < 0 {
				break
			}
			for _, c := range []byte(text[start:end]) {
				class |= byteClass[c]
			}
		}
		sc.pos = end
		n := len(dst)
		if n == cap(dst) {
			sc.nspecial, sc.nupper = nspecial, nupper
			dst = sc.grow(dst, len(text)-start)
			noted, upper = sc.special, sc.upper
		}
		dst = dst[:n+1]
		t := &dst[n]
		raw := text[start:end]
		t.Span = Span{start, end}
		t.Kind = kind
		t.Sentence = si
		t.Norm, t.Key = raw, raw
		// ASCII with upper case but no ` or control character (the key
		// is the lower case) to upper, other tokens with upper case or a
		// byte beyond ASCII to noted
		up := int(lowerKeyClass[class])
		upper[nupper] = int32(n)
		nupper += up
		noted[nspecial] = special{int32(n), class}
		nspecial += int((class|class>>1)&1) &^ up // 1 if byteUpper or byteOther (bits 0 and 1)
	}
	sc.nspecial, sc.nupper = nspecial, nupper
	return dst
}

// grow returns dst with room for more tokens, and sc.special too, for the
// rest bytes left to scan.
func (sc *tokScanner) grow(dst []Token, rest int) []Token {
	dst = slices.Grow(dst, 1)
	sc.reserve(dst, rest)
	return dst
}

// reserve makes room in sc.special for as many more tokens as dst has
// room for, or as there are bytes left to scan, rest, if fewer: add needs
// no other check.
func (sc *tokScanner) reserve(dst []Token, rest int) {
	more := min(cap(dst)-len(dst), rest)
	if need := sc.nspecial + more; len(sc.special) < need {
		sp := make([]special, max(need+need/4, 2*len(sc.special)))
		copy(sp, sc.special[:sc.nspecial])
		sc.special = sp
	}
	if need := sc.nupper + more; len(sc.upper) < need {
		up := make([]int32, max(need+need/4, 2*len(sc.upper)))
		copy(up, sc.upper[:sc.nupper])
		sc.upper = up
	}
}

// lowerKeyClass[c] is 1 for the classes (see scan) of tokens whose Norm is
// their text and whose key is their lower case, with an upper-case letter:
// ASCII with upper case but no byteOdd.
var lowerKeyClass = func() (t [256]uint8) {
	for c := range t {
		if c&(byteUpper|byteOther|byteOdd) == byteUpper {
			t[c] = 1
		}
	}
	return t
}()

// lowerKeys sets the Key of the tokens toks[i] of text for i in upper,
// ASCII with upper case but no byteOdd: their lower case, left in a.
func lowerKeys(toks []Token, text string, upper []int32, a *keyArena) {
	for _, i := range upper {
		t := &toks[i]
		off := len(a.buf)
		b := slices.Grow(a.buf, t.End-t.Start+8)
		n, out := len(b), b[:cap(b)]
		for j := t.Start; j < t.End; j += 8 {
			if j+8 > len(text) { // the end of the text: byte by byte
				for ; j < t.End; j++ {
					c := text[j]
					out[n] = c | (byteClass[c]&byteUpper)<<5
					n++
				}
				break
			}
			binary.LittleEndian.PutUint64(out[n:], lower8(load64(text, j)))
			n += min(8, t.End-j)
		}
		a.buf = out[:n]
		a.ref(int(i), off)
	}
}

// setToken sets *t, token i, to the token r of text. With an arena a, a key
// that must be made is left for a (see Tokenize).
func setToken(t *Token, text string, r *rawToken, a *keyArena, i int) {
	t.Span = Span{r.start, r.end}
	t.Kind = r.kind
	t.Sentence = int(r.sentence)
	var class uint8
	for i := r.start; i < r.end; i++ {
		class |= byteClass[text[i]]
	}
	setKey(t, text, class, a, i)
}

// setKey sets the Norm and Key of *t, token i of text, whose bytes have the
// byteClass class, or-ed. With an arena a, a key that must be made is left
// for a (see Tokenize).
func setKey(t *Token, text string, class uint8, a *keyArena, i int) {
	raw := text[t.Start:t.End]
	if class&(byteUpper|byteOther) == 0 {
		// lower-case ASCII, the common case: Norm and Key are the text,
		// even with a ` (as foldKey)
		t.Norm, t.Key = raw, raw
		return
	}
	if class&byteOther != 0 {
		t.Norm, t.Key = normKey(text, t.Start, t.End, t.Kind, a, i)
		return
	}
	// Plain ASCII with upper case: Norm is the text, Key its lower case.
	t.Norm = raw
	if t.Kind == Elision {
		if e, ok := elisions[raw]; ok {
			t.Key = e.key
			return
		}
	}
	if class&byteOdd != 0 {
		t.Key = foldKey(raw)
		return
	}
	if a == nil || len(raw) == 1 {
		t.Key = lowerASCII(raw)
		return
	}
	t.Key = ""
	off := len(a.buf)
	a.buf, _ = foldSpan(a.buf, text, t.Start, t.End) // always ok: ASCII
	a.ref(i, off)
}

// ref records that the key of token tok is a.buf[off:]. (It appends field
// by field: a keyRef{…} literal would be built on the stack and copied.)
func (a *keyArena) ref(tok, off int) {
	n := len(a.refs)
	if n == cap(a.refs) {
		a.refs = slices.Grow(a.refs, 1)
	}
	a.refs = a.refs[:n+1]
	r := &a.refs[n]
	r.tok, r.off, r.end = tok, off, len(a.buf)
}

// Byte classes (flags), for setToken and the scanner. byteUpper and
// byteOther are bits 0 and 1: Tokenize tests them without a branch.
const (
	byteUpper  = 1 << iota // A-Z
	byteOther              // beyond ASCII
	byteOdd                // ASCII that Fold changes but to upper case: ` and control characters
	byteAlnum              // a-z A-Z 0-9
	byteLetter             // a-z A-Z
	byteLatin              // 0xC3–0xC5, the lead bytes of U+00C0–U+017F
	byteStop               // ASCII that ends a word after letters and digits, whatever they are: see scan
	byteBlank              // ASCII blank (isBlank)
)

// byteClass is the class of each byte.
var byteClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case 'A' <= c && c <= 'Z':
			t[c] = byteUpper
		case c >= utf8.RuneSelf:
			t[c] = byteOther
		case c < ' ' || c == '`':
			t[c] = byteOdd
		}
		if isAlnumASCII(byte(c)) {
			t[c] |= byteAlnum
		}
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			t[c] |= byteLetter
		}
		if 0xc3 <= c && c <= 0xc5 {
			t[c] |= byteLatin
		}
		if c < utf8.RuneSelf && isBlank(rune(c)) {
			t[c] |= byteBlank
		}
		if c < utf8.RuneSelf && !isAlnumASCII(byte(c)) && !strings.ContainsRune("'-.:_%+@", rune(c)) {
			// not ' - . (word), : (http:), _ % + @ (e-mail)
			t[c] |= byteStop
		}
	}
	return t
}()

// lowerASCII returns the lower case of the ASCII string s.
func lowerASCII(s string) string {
	if len(s) == 1 {
		c := s[0] + 'a' - 'A'
		return asciiTable[c : c+1]
	}
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

// normKey returns the Norm and Key of the token text[start:end], token i,
// of the given kind, which has a rune beyond ASCII. With an arena a, a key
// folded rune by rune is left for a and returned "".
func normKey(text string, start, end int, kind TokenKind, a *keyArena, i int) (norm, key string) {
	raw := text[start:end]
	if kind == Elision {
		if e, ok := elisions[raw]; ok {
			return e.norm, e.key
		}
	}
	if r, n := utf8.DecodeRuneInString(raw); n == len(raw) && r >= utf8.RuneSelf {
		// a lone non-ASCII rune: “ ” ’ → constant one-byte strings
		m := normRune(r)
		if m > 0 && m < utf8.RuneSelf { // 0 is a ligature, expanded below
			return asciiTable[m : m+1], asciiTable[m : m+1]
		}
		// à → a, « → «: a key that is one ASCII byte or the text itself
		if m == keep && r < foldTableSize {
			f := &latinFolds[r]
			if f.n == 1 && f.b[0] < utf8.RuneSelf {
				return raw, asciiTable[f.b[0] : f.b[0]+1]
			}
			if f.n > 0 && string(f.b[:f.n]) == raw {
				return raw, raw
			}
		}
	}
	// Below U+0300 every rune is NFC on its own and none composes with the
	// one before it: when Normalize maps none of them, Norm is the text and
	// Key is folded rune by rune.
	if a == nil {
		var buf [64]byte
		if b, ok := foldSpan(buf[:0], text, start, end); ok {
			return raw, string(b)
		}
	} else if b, ok := foldSpan(a.buf, text, start, end); ok {
		off := len(a.buf)
		a.buf = b
		a.ref(i, off)
		return raw, ""
	}
	norm = Normalize(raw)
	return norm, foldKey(norm)
}

// foldSpan appends the key of s = text[start:end] to b when every rune of
// s is below foldTableSize and Normalize changes none: then s is its own
// Norm and its key is folded rune by rune. It may read (not use) the bytes
// of text after end: runs of ASCII that Fold only lower-cases (not ` or a
// control character, byteOdd) are folded eight bytes at a time, in a
// uint64 (SWAR, as alnum8); other ASCII bytes from asciiKeys, runes of
// two bytes from latinFolds.
func foldSpan(b []byte, text string, start, end int) ([]byte, bool) {
	b = slices.Grow(b, 2*(end-start)+8) // a rune of n bytes folds to at most n+1, and eight bytes are stored at once
	n := len(b)
	out := b[:cap(b)]
	for i := start; i < end; {
		if i+8 <= len(text) {
			x := load64(text, i)
			k := min(lowerRun(x), end-i)
			binary.LittleEndian.PutUint64(out[n:], lower8(x))
			n += k
			i += k
			if i == end {
				break
			}
		}
		c := text[i]
		if c < utf8.RuneSelf { // ` or a control character
			out[n] = asciiKeys[c]
			n++
			i++
			continue
		}
		if i+1 >= end || c&0xe0 != 0xc0 || text[i+1]&0xc0 != 0x80 {
			return b, false // not a rune of two bytes: U+0800 or more, or not UTF-8
		}
		r := rune(c&0x1f)<<6 | rune(text[i+1]&0x3f)
		if r < utf8.RuneSelf || r >= foldTableSize {
			return b, false // overlong (not UTF-8), or beyond the table
		}
		f := &latinFolds[r]
		if f.n == 0 {
			return b, false
		}
		out[n], out[n+1], out[n+2] = f.b[0], f.b[1], f.b[2]
		n += int(f.n)
		i += 2
	}
	return out[:n], true
}

// lowerRun returns how many of the eight bytes of x (little-endian) are,
// from the first, ASCII whose key is their lower case: not beyond ASCII,
// not a control character, not a `.
func lowerRun(x uint64) int {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	z := x &^ tops
	below := ^(z + ones*(0x80-0x20))       // top bit: z < 0x20
	grave := ^((z ^ ones*'`') + ones*0x7f) // top bit: z == '`'
	return bits.TrailingZeros64((x|below|grave)&tops) / 8
}

// lower8 returns x with its bytes A-Z in lower case.
func lower8(x uint64) uint64 {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	z := x &^ tops
	upper := (z + ones*(0x80-'A')) &^ (z + ones*(0x80-'Z'-1)) &^ x & tops
	return x | upper>>2
}

// latinFold is the key of a rune below foldTableSize: b[:n]; n is 0 for
// the runes Normalize changes, which foldSpan leaves.
type latinFold struct {
	n uint8
	b [3]byte
}

// latinFolds[r] is the key of every rune r < foldTableSize: foldTable[r]
// when Normalize does not change r.
var latinFolds = func() (t [foldTableSize]latinFold) {
	for r := range t {
		if r >= utf8.RuneSelf && normRune(rune(r)) != keep || len(foldTable[r]) > len(t[r].b) || foldTable[r] == "" {
			continue
		}
		t[r].n = uint8(copy(t[r].b[:], foldTable[r]))
	}
	return t
}()

// asciiKeys[c] is the key of the ASCII byte c, latinFolds[c], which is
// one byte (TestASCIIKeys).
var asciiKeys = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = latinFolds[c].b[0]
	}
	return t
}()

// foldTableSize bounds the runes foldKey folds from its table: Latin-1,
// Latin Extended-A and -B, IPA and spacing modifiers (ʼ).
const foldTableSize = 0x300

// foldTable[r] is lexicon.Fold(string(r)) for every r < foldTableSize.
var foldTable = func() []string {
	t := make([]string, foldTableSize)
	for r := range t {
		// Fold's answer for r inside a string that is not plain lower-case
		// ASCII (where Fold returns its input): with "é" after it, folded "e".
		t[r] = strings.TrimSuffix(lexicon.Fold(string(rune(r))+"é"), "e")
	}
	return t
}()

// foldKey returns lexicon.Fold(s), rune by rune from foldTable when it can:
// below U+0300 no rune composes with its neighbours, so folding each rune
// alone gives Fold's answer without its NFD pass. Lower-case ASCII is
// returned as is.
func foldKey(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			break
		}
		i++
	}
	if i == len(s) {
		return s
	}
	var buf [64]byte
	b := buf[:0]
	for _, r := range s {
		if r >= foldTableSize {
			return lexicon.Fold(s)
		}
		b = append(b, foldTable[r]...)
	}
	return string(b)
}

// asciiTable holds every ASCII character, for one-byte strings without
// allocation.
var asciiTable = func() string {
	var b [utf8.RuneSelf]byte
	for i := range b {
		b[i] = byte(i)
	}
	return string(b[:])
}()

type elision struct{ norm, key string }

// elisions maps each elided word as written (l’ L’ d' QU’…) to its Norm and
// Key, constants shared by every token.
var elisions = func() map[string]elision {
	m := map[string]elision{}
	for _, w := range []string{"c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"} {
		for _, form := range []string{w, strings.ToUpper(w[:1]) + w[1:], strings.ToUpper(w)} {
			for _, apo := range []string{"'", "’", "ʼ", "‘", "′", "´"} {
				m[form+apo] = elision{form + "'", w + "'"}
			}
			m[form] = elision{} // the word alone, for isElisionWord
		}
	}
	return m
}()

// maxElision is the length in bytes of the longest elided word (lorsqu).
const maxElision = 6

// isElisionWord reports whether w (without apostrophe) is an elided word:
// whether elisions has it. The common words, of one letter or "qu", are
// found without the map.
func isElisionWord(w string) bool {
	switch len(w) {
	case 1:
		return elidedLetters[w[0]]
	case 2:
		if w == "qu" || w == "Qu" || w == "QU" {
			return true
		}
	}
	_, ok := elisions[w]
	return ok
}

// elidedLetters[c] is set for the elided words of one letter, c d j l m n
// s t, either case.
var elidedLetters = func() (t [256]bool) {
	for _, c := range []byte("cdjlmnstCDJLMNST") {
		t[c] = true
	}
	return t
}()

// tokScanner is the state of one Tokenize or Append call.
type tokScanner struct {
	special  []special // the tokens noted by scan for setKey, in special[:nspecial]
	nspecial int
	upper    []int32 // the tokens noted by scan for lowerKeys, in upper[:nupper]
	nupper   int

	text  string // the text, cut at the end of the span
	pos   int    // offset of the next rune to read
	first int    // start of the span
	dq    bool   // a straight double quote is open
	sq    bool   // a straight single quote is open

	clitics int // end of the clitic tail being split ("-le-moi"), or 0

	// atFrom, atPos: the first '@' at or after atFrom is at atPos
	// (len(text) when there is none); atFrom -1 when unknown.
	atFrom, atPos int
}

func (s *tokScanner) init(text string, start int) {
	s.text = text
	s.pos = start
	s.first = start
	s.dq = false
	s.sq = false
	s.clitics = 0
	s.atFrom, s.atPos = -1, 0
}

func (s *tokScanner) rune(i int) (rune, int) {
	if i >= len(s.text) {
		return -1, 0
	}
	if c := s.text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s.text[i:])
}

// next returns the next token, or start -1 at the end of the span.
func (s *tokScanner) next() (start, end int, kind TokenKind) {
	for s.pos < len(s.text) {
		c := s.text[s.pos]
		if byteClass[c]&byteBlank != 0 {
			s.pos++
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, n := s.rune(s.pos)
		if !isBlank(r) {
			break
		}
		s.pos += n
	}
	if s.pos >= len(s.text) {
		return -1, -1, 0
	}
	start = s.pos
	r, n := s.rune(start)
	switch {
	case isDigit(r):
		end, kind = s.number(start)
	case unicode.IsLetter(r):
		end, kind = s.word(start)
	default:
		end, kind = s.other(start, r, n)
	}
	if end <= start { // cannot happen; keep progress whatever
		end, kind = start+n, Symbol
	}
	// combining marks stay with the token before them
	for end < len(s.text) && s.text[end] >= utf8.RuneSelf { // no ASCII is a mark
		r, n := s.rune(end)
		if !isMark(r) {
			break
		}
		end += n
	}
	s.pos = end
	return start, end, kind
}

// wordEnd decides on a plain word that scan has read from start to i:
// letters and digits, ASCII or Latin, starting with a letter, whose byte at
// i does not end every word (byteStop). It takes an elided word and its
// apostrophe (' or ’, no mark after it), an Elision, and a word before a
// dot that is no initial, abbreviation, domain name or e-mail address (the
// Word that word would return), and reports false for anything else, which
// word scans. class is the byteClass of the letters, or-ed; wordEnd
// returns the token's.
func (s *tokScanner) wordEnd(start, i int, class uint8) (int, TokenKind, uint8, bool) {
	text := s.text
	// an elided word, with an apostrophe (' or ’) that no mark follows
	n := 0
	if text[i] == '\'' {
		n = 1
	} else if strings.HasPrefix(text[i:], "’") {
		n, class = len("’"), class|byteOther
	}
	if n > 0 && i-start <= maxElision && (i+n == len(text) || text[i+n] < 0xcc) && isElisionWord(text[start:i]) {
		return i + n, Elision, class, true
	}
	// a word before a dot that word would leave: not one letter (an
	// initial), no abbreviation, no domain name (no lower-case letter,
	// digit or '-' after the dot), no www. and no '@' near (an e-mail)
	if text[i] == '.' && i-start > 1 && !(i-start == 2 && text[start] >= utf8.RuneSelf) &&
		(i+1 == len(text) || !isLabelByte(text[i+1])) && abbrevOf(text[start:i]) == 0 &&
		!hasPrefixFold(text[start:], "www.") && !s.atSignNear(start) {
		return i, Word, class, true
	}
	return 0, 0, 0, false
}

// isLabelByte reports whether c continues a label of a domain name after a
// dot (see domain).
func isLabelByte(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' }

// asciiKind[c] is 1 + the kind of the ASCII byte c when it is a token of
// its own whatever is around it (, ; : ( ) [ ] { } % / & * + = …), as
// other returns it, or 0. A combining mark after it is not part of this:
// the scanner checks. (0xCC is the lead byte of U+0300, the first mark.)
var asciiKind = func() (t [256]TokenKind) {
	for c := range t {
		if c >= utf8.RuneSelf || isAlnumASCII(byte(c)) || isBlank(rune(c)) || strings.ContainsRune(".?!\"'@#-", rune(c)) {
			continue // words, numbers, runs, quotes, handles, hyphens
		}
		t[c] = 1 + Symbol
		if isPunctRune(rune(c)) {
			t[c] = 1 + Punct
		}
	}
	return t
}()

// alnum8 returns, for the eight bytes of x (little-endian), the top bit
// of each byte that is an ASCII letter or digit, and of each upper-case
// letter: the flags of the bytes' top bits say which bytes are letters,
// digits or upper case (SWAR: no branch per byte).
func alnum8(x uint64) (alnum, caps uint64) {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	z := x &^ tops
	digit := (z + ones*(0x80-'0')) &^ (z + ones*(0x80-'9'-1))
	l := z | ones*0x20
	letter := (l + ones*(0x80-'a')) &^ (l + ones*(0x80-'z'-1))
	return (digit | letter) &^ x & tops, letter &^ (x << 2) &^ x & tops
}

// load64 returns the eight bytes of s from i as a little-endian uint64 (one
// load).
func load64(s string, i int) uint64 {
	b := s[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// isLatinLetter reports whether the bytes c, c2 (c a byteLatin) are a
// letter: U+00C0–U+017F but × (U+00D7) and ÷ (U+00F7).
func isLatinLetter(c, c2 byte) bool {
	return c2&0xc0 == 0x80 && !(c == 0xc3 && (c2 == 0x97 || c2 == 0xb7))
}

// word scans a token starting with a letter at start.
func (s *tokScanner) word(start int) (int, TokenKind) {
	if end, kind := s.urlOrEmail(start); end > start {
		return end, kind
	}
	if end := s.acronym(start); end > start {
		return end, Word
	}
	i := start
	noClitic := 0 // before this offset, no hyphen starts a clitic tail
	for i < len(s.text) {
		for text := s.text; i < len(text) && byteClass[text[i]]&byteAlnum != 0; {
			i++ // isWordRune, for ASCII
		}
		if i >= len(s.text) {
			break
		}
		r, n := s.rune(i)
		switch {
		case isWordRune(r):
			i += n
		case isApostrophe(r):
			if i-start <= maxElision && isElisionWord(s.text[start:i]) {
				return i + n, Elision
			}
			if r2, _ := s.rune(i + n); !unicode.IsLetter(r2) {
				return i, Word
			}
			i += n // aujourd’hui, O’Neill
		case isHyphen(r):
			r2, _ := s.rune(i + n)
			if !unicode.IsLetter(r2) && !isDigit(r2) {
				return i, Word
			}
			if i >= noClitic {
				ok, stop := s.cliticTail(i)
				if ok && !keepsClitic(s.text[start:i]) {
					s.clitics = stop
					return i, Word
				}
				if !ok {
					noClitic = stop
				}
			}
			i += n
		case r == '.':
			return s.wordDot(start, i)
		case r == '°' && (i-start == 1 && (s.text[start] == 'n' || s.text[start] == 'N')):
			return i + n, Word // n°
		default:
			return i, Word
		}
	}
	return i, Word
}

// wordDot decides what to do with the '.' at i after the word text[start:i]:
// keep it in an abbreviation, go on with a domain name, or leave it.
func (s *tokScanner) wordDot(start, i int) (int, TokenKind) {
	w := s.text[start:i]
	switch abbrevOf(w) {
	case abbrStrict:
		return i + 1, Word
	case abbrSoft, abbrBeforeNumber:
		if !s.atEnd(i + 1) {
			return i + 1, Word
		}
		return i, Word
	}
	if end := s.domain(start, i); end > i {
		return end, URL
	}
	return i, Word
}

// atEnd reports whether nothing but blanks, closing marks and final
// punctuation follows i in the span.
func (s *tokScanner) atEnd(i int) bool {
	for i < len(s.text) {
		r, n := s.rune(i)
		if !isBlank(r) && !isCloser(r) && !isStraightQuote(r) && !isTerminal(r) {
			return false
		}
		i += n
	}
	return true
}

// acronym scans initials and dotted acronyms at start: "J.", "J.-P.",
// "U.S.", "O.N.U.", "É.-U.", "M.". It returns start when there is none.
func (s *tokScanner) acronym(start int) int {
	if c := s.text[start]; c < utf8.RuneSelf {
		// an ASCII letter that no dot or mark follows, the common case
		if start+1 >= len(s.text) {
			return start
		}
		if c := s.text[start+1]; c < utf8.RuneSelf && c != '.' {
			return start
		}
	}
	i, letters, end := start, 0, start
	upper := false
	for {
		r, n := s.rune(i)
		if !unicode.IsLetter(r) {
			break
		}
		if letters == 0 {
			upper = unicode.IsUpper(r)
		}
		j := i + n
		for {
			r, n := s.rune(j)
			if !isMark(r) {
				break
			}
			j += n
		}
		if r, _ := s.rune(j); r != '.' {
			break
		}
		letters++
		i = j + 1
		end = i
		if r, n := s.rune(i); isHyphen(r) {
			if r2, _ := s.rune(i + n); unicode.IsLetter(r2) {
				i += n
				continue
			}
		}
	}
	switch {
	case letters == 0:
		return start
	case letters >= 2:
		return end
	}
	// one letter and its dot
	switch abbrevOf(s.text[start : end-1]) {
	case abbrStrict:
		return end
	case abbrSoft, abbrBeforeNumber:
		if s.atEnd(end) {
			return start
		}
		return end
	}
	if !upper || s.atEnd(end) {
		return start // "a." ; "plan B." at the end of a sentence: B + .
	}
	return end
}

// cliticTail reports whether the hyphenated rest of a word from i (at a
// hyphen) is clitic pronouns only: "-t-il", "-elle", "-ce", "-le-moi". When
// it is not, stop is the hyphen where the tail stopped being clitics: no
// hyphen before it starts a clitic tail either.
func (s *tokScanner) cliticTail(i int) (ok bool, stop int) {
	for {
		end := s.clitic(i)
		if end <= i {
			return false, i
		}
		r, n := s.rune(end)
		if isHyphen(r) {
			i = end
			continue
		}
		if isWordRune(r) || (r == '.' || isApostrophe(r)) && unicode.IsLetter(s.nextRune(end+n)) {
			return false, i
		}
		return true, end
	}
}

func (s *tokScanner) nextRune(i int) rune {
	r, _ := s.rune(i)
	return r
}

// clitic returns the end of one clitic pronoun with its hyphen at i
// ("-il", "-t-elle", "-moi"), or i.
func (s *tokScanner) clitic(i int) int {
	r, n := s.rune(i)
	if !isHyphen(r) {
		return i
	}
	j := i + n
	k := j
	for k < len(s.text) && 'a' <= s.text[k] && s.text[k] <= 'z' {
		k++
	}
	w := s.text[j:k]
	if w == "t" {
		if r, n := s.rune(k); isHyphen(r) {
			k2 := k + n
			k3 := k2
			for k3 < len(s.text) && 'a' <= s.text[k3] && s.text[k3] <= 'z' {
				k3++
			}
			switch s.text[k2:k3] {
			case "il", "elle", "on", "ils", "elles":
				return k3
			}
		}
		return i
	}
	switch w {
	case "je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ce",
		"le", "la", "les", "lui", "leur", "moi", "toi", "y", "en":
		return k
	}
	return i
}

// keepsClitic reports whether a word ending in a clitic is a compound kept
// whole ("rendez-vous").
func keepsClitic(head string) bool {
	switch head {
	case "rendez", "Rendez", "chez", "Chez":
		return true
	}
	return false
}

// number scans a token starting with a digit at start.
func (s *tokScanner) number(start int) (int, TokenKind) {
	i := start
	group := 0     // digits in the current group
	spaced := true // the number is only digit groups so far
	firstGrp := true
	for i < len(s.text) {
		c := s.text[i]
		switch {
		case '0' <= c && c <= '9':
			group++
			i++
			continue
		case c == ',' || c == '.':
			if isDigit(s.nextRune(i + 1)) {
				spaced = false
				group = 0
				i++
				continue
			}
		case c == '/':
			if isDigit(s.nextRune(i + 1)) {
				spaced = false
				group = 0
				i++
				continue
			}
		case c == ':':
			if s.digitsThenEnd(i+1, 2) {
				return i + 3, Number
			}
		case c == '-':
			// 2021-09-22
			if i-start == 4 && spaced && firstGrp && s.digitsThenEnd(i+1, 2) && i+3 < len(s.text) && s.text[i+3] == '-' && s.digitsThenEnd(i+4, 2) {
				return i + 6, Number
			}
		}
		r, n := s.rune(i)
		if isThousandsSpace(r) && spaced && (firstGrp && group <= 3 || group == 3) && s.digitsThenEnd(i+n, 3) {
			i += n
			group = 0
			firstGrp = false
			continue
		}
		if unicode.IsLetter(r) {
			if end := s.numberSuffix(i); end > i {
				return end, Number
			}
			// 4G, 3D, 100km: one word
			for i < len(s.text) {
				r, n := s.rune(i)
				if !isWordRune(r) {
					break
				}
				i += n
			}
			return i, Word
		}
		break
	}
	return i, Number
}

// digitsThenEnd reports whether exactly n ASCII digits follow at i, with no
// other digit after them.
func (s *tokScanner) digitsThenEnd(i, n int) bool {
	if i+n > len(s.text) {
		return false
	}
	for k := i; k < i+n; k++ {
		if c := s.text[k]; c < '0' || c > '9' {
			return false
		}
	}
	return !isDigit(s.nextRune(i + n))
}

// numberSuffix returns the end of an ordinal or time suffix at i (a letter
// after digits): 22e 1er 1re 2nde 14h 14h30; or i.
func (s *tokScanner) numberSuffix(i int) int {
	if c := s.text[i]; c == 'h' || c == 'H' {
		if s.digitsThenEnd(i+1, 2) && !isWordRune(s.nextRune(i+3)) {
			return i + 3 // 14h30
		}
		if !isWordRune(s.nextRune(i + 1)) {
			return i + 1 // 14h
		}
		return i
	}
	j := i
	for j < len(s.text) {
		r, n := s.rune(j)
		if !unicode.IsLetter(r) && !isMark(r) {
			break
		}
		j += n
	}
	if isWordRune(s.nextRune(j)) {
		return i
	}
	switch s.text[i:j] {
	case "e", "er", "re", "ère", "ème", "eme", "nd", "nde", "nds", "ndes", "es", "ers", "res", "èmes", "emes",
		"ᵉ", "ᵉʳ", "ʳᵉ", "bis", "ter":
		return j
	}
	return i
}

// urlOrEmail scans a URL or an e-mail address at start, or returns start.
func (s *tokScanner) urlOrEmail(start int) (int, TokenKind) {
	rest := s.text[start:]
	if c := rest[0] | 0x20; (c == 'h' || c == 'f' || c == 'w') &&
		(hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") || hasPrefixFold(rest, "ftp://") || hasPrefixFold(rest, "www.")) {
		end := start
		for end < len(s.text) {
			r, n := s.rune(end)
			if isBlank(r) || r == '«' || r == '»' || r == '"' || r == '“' || r == '”' || r == '<' || r == '>' {
				break
			}
			end += n
		}
		end = trimURL(s.text, start, end)
		if end > start+len("www.") {
			return end, URL
		}
		return start, Word
	}
	// e-mail: local part, @, domain with a dot
	if !s.atSignNear(start) {
		return start, Word
	}
	i := start
	for i < len(s.text) && i-start <= maxEmailLocal && isEmailLocal(s.text[i]) {
		i++
	}
	if i == start || i >= len(s.text) || s.text[i] != '@' || s.text[i-1] == '.' {
		return start, Word
	}
	j, dots, last := i+1, 0, i+1
	for j < len(s.text) {
		c := s.text[j]
		if isAlnumASCII(c) {
			j++
			last = j
			continue
		}
		if (c == '.' || c == '-') && j+1 < len(s.text) && isAlnumASCII(s.text[j+1]) && j > i+1 {
			if c == '.' {
				dots++
			}
			j++
			continue
		}
		break
	}
	if dots == 0 || last <= i+1 {
		return start, Word
	}
	return last, Email
}

// maxEmailLocal bounds the local part of an e-mail address (RFC 5321), and
// keeps a long run of dotted words linear.
const maxEmailLocal = 64

// maxLabels bounds the labels of a bare domain name ("a.b.c.fr").
const maxLabels = 6

// atSignNear reports whether an '@' is within an e-mail local part of start.
func (s *tokScanner) atSignNear(start int) bool {
	if s.atFrom < 0 || start < s.atFrom || s.atPos < start {
		// the text is searched once per span, not once per word
		s.atFrom, s.atPos = start, len(s.text)
		if j := strings.IndexByte(s.text[start:], '@'); j >= 0 {
			s.atPos = start + j
		}
	}
	return s.atPos < min(start+maxEmailLocal+1, len(s.text))
}

// domain scans a bare domain name from the word text[start:i] and its dot at
// i: "lemonde.fr", "service-public.fr/particuliers". It returns i if the
// text is no domain name.
func (s *tokScanner) domain(start, i int) int {
	for k := start; k < i; k++ {
		if c := s.text[k]; !isAlnumASCII(c) && c != '-' {
			return i
		}
	}
	end, label := i, ""
	for labels := 0; labels < maxLabels && end < len(s.text) && s.text[end] == '.'; labels++ {
		k := end + 1
		for k < len(s.text) && isLabelByte(s.text[k]) {
			k++
		}
		if k == end+1 {
			break
		}
		label = s.text[end+1 : k]
		end = k
	}
	if label == "" || !tlds[label] || unicode.IsLetter(s.nextRune(end)) || isDigit(s.nextRune(end)) {
		return i
	}
	if end < len(s.text) && s.text[end] == '/' {
		for end < len(s.text) {
			r, n := s.rune(end)
			if isBlank(r) || r == '«' || r == '»' || r == '"' {
				break
			}
			end += n
		}
		end = trimURL(s.text, start, end)
	}
	return end
}

// tlds are the top-level domains a bare domain name may end with.
var tlds = map[string]bool{
	"fr": true, "com": true, "org": true, "net": true, "eu": true, "info": true, "io": true, "be": true,
	"ch": true, "ca": true, "de": true, "uk": true, "us": true, "tv": true, "gouv": true, "int": true,
	"edu": true, "gov": true, "re": true, "lu": true, "ma": true, "tn": true, "dz": true, "sn": true,
}

// trimURL drops the punctuation that ends a sentence rather than the URL, and
// a closing parenthesis without its opening one.
func trimURL(text string, start, end int) int {
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		switch r {
		case '.', ',', ';', ':', '!', '?', '\'', '’', '…':
			end -= n
			continue
		case ')':
			if strings.Count(text[start:end], "(") < strings.Count(text[start:end], ")") {
				end -= n
				continue
			}
		}
		break
	}
	return end
}

// other scans a token that starts with neither a letter nor a digit.
func (s *tokScanner) other(start int, r rune, n int) (int, TokenKind) {
	switch r {
	case '«', '“', '„', '‹', '‘':
		return start + n, OpenQuote
	case '»', '”', '›':
		return start + n, CloseQuote
	case '"':
		return start + n, s.straightQuote(start, n, &s.dq)
	case '\'', '’':
		return start + n, s.straightQuote(start, n, &s.sq)
	case '.', '?', '!':
		end := start + n
		for end < len(s.text) && (rune(s.text[end]) == r || r != '.' && (s.text[end] == '?' || s.text[end] == '!')) {
			end++
		}
		return end, Punct
	case '@', '#':
		end := start + n
		for end < len(s.text) {
			r, n := s.rune(end)
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || isMark(r) || r == '_') {
				break
			}
			end += n
		}
		if end > start+n {
			if r == '@' {
				return end, Handle
			}
			return end, Hashtag
		}
		return start + n, Symbol
	}
	if isHyphen(r) {
		if start >= s.clitics {
			if ok, end := s.cliticTail(start); ok {
				s.clitics = end
			}
		}
		if start < s.clitics {
			return s.clitic(start), Word
		}
		end := start + n
		for end < len(s.text) && s.text[end] == '-' {
			end++
		}
		return end, Punct
	}
	if isPunctRune(r) {
		return start + n, Punct
	}
	return start + n, Symbol
}

// isPunctRune reports whether r is punctuation (Kind Punct) rather than a
// symbol: . , ; : ! ? … brackets and dashes; % / & * § are symbols.
func isPunctRune(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '…', '¡', '¿':
		return true
	}
	return unicode.In(r, unicode.Pd, unicode.Ps, unicode.Pe)
}

// straightQuote decides whether the straight quote at start opens or closes;
// open is the state of quotes of its kind in this call.
func (s *tokScanner) straightQuote(start, n int, open *bool) TokenKind {
	before := start == s.first
	if !before {
		r, _ := utf8.DecodeLastRuneInString(s.text[:start])
		before = quoteOpener(r)
	}
	r, _ := s.rune(start + n)
	return quoteKind(before, quoteCloser(r), open)
}

// quoteBefore and quoteAfter tell, for an ASCII byte before or after a
// straight quote, whether it makes the quote open or close (see
// straightQuote).
var quoteBefore, quoteAfter = func() (before, after [utf8.RuneSelf]bool) {
	for c := range rune(utf8.RuneSelf) {
		before[c], after[c] = quoteOpener(c), quoteCloser(c)
	}
	return
}()

// quoteOpener reports whether r before a straight quote makes it open:
// a blank, an opening bracket or mark, a dash or a slash.
func quoteOpener(r rune) bool { return isBlank(r) || strings.ContainsRune("([{«“‘—–-/", r) }

// quoteCloser reports whether r after a straight quote (-1: the end of the
// span) makes it close: a blank or punctuation but an opening bracket or
// mark.
func quoteCloser(r rune) bool {
	return r < 0 || isBlank(r) || unicode.IsPunct(r) && !strings.ContainsRune("([{«“‘", r)
}

// quoteKind returns the kind of a straight quote that opens when before
// and closes when after (see straightQuote), and sets *open, the state of
// quotes of its kind.
func quoteKind(before, after bool, open *bool) TokenKind {
	var kind TokenKind
	switch {
	case before && !after:
		kind = OpenQuote
	case after && !before:
		kind = CloseQuote
	case *open:
		kind = CloseQuote
	default:
		kind = OpenQuote
	}
	*open = kind == OpenQuote
	return kind
}

// Character classes shared by the segmenter and the tokenizer.

// isBlank reports whether r separates tokens: white space, Unicode spaces,
// zero-width spaces and control characters.
func isBlank(r rune) bool {
	if r < utf8.RuneSelf {
		return r <= ' ' || r == 0x7f
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\u2060' || r == '\ufeff' || r < 0xa0
}

// isLineBreak reports whether r ends a line.
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

// isThousandsSpace reports whether r can separate thousands: 17 000.
func isThousandsSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\u2007'
}

// isCloser reports whether r closes a quote or a bracket.
func isCloser(r rune) bool {
	switch r {
	case '»', '”', '›', '’', ')', ']', '}':
		return true
	}
	return false
}

func isStraightQuote(r rune) bool { return r == '"' || r == '\'' }

// isApostrophe reports whether r can be an apostrophe inside a word.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '‘', '′', '´':
		return true
	}
	return false
}

// isHyphen reports whether r joins the parts of a compound word.
func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// isMark reports whether r is a combining mark (a decomposed accent).
func isMark(r rune) bool {
	return r >= 0x300 && (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Mc, r))
}

// isWordRune reports whether r continues a word: letters, digits, combining
// marks, the soft hyphen.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || isMark(r) || r == '\u00ad'
}

func isAlnumASCII(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isEmailLocal(c byte) bool {
	return isAlnumASCII(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

// hasPrefixFold reports whether s starts with the lower-case ASCII prefix,
// whatever the case of s.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
