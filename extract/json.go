package extract

import (
	"encoding/json"
	"io"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/quidit/quidit/lexicon"
)

// JSON types of the output contract (see README). Offsets are code points.

type jsonDoc struct {
	ID       string       `json:"id"`
	Entities []jsonEntity `json:"entities"`
	Quotes   []jsonQuote  `json:"quotes"`
}

type jsonEntity struct {
	ID       string        `json:"id"`
	Type     string        `json:"type"`
	Name     string        `json:"name"`
	Ref      string        `json:"ref,omitempty"`
	Mentions []jsonMention `json:"mentions"`
	Demonyms []jsonMention `json:"demonyms,omitempty"`
}

type jsonMention struct {
	Text     string `json:"text"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Sentence int    `json:"sentence"`
	Via      string `json:"via"`
}

type jsonQuote struct {
	Text        string  `json:"text"`
	Start       int     `json:"start"`
	End         int     `json:"end"`
	Kind        string  `json:"kind"`
	Speaker     *string `json:"speaker"`
	SpeakerText *string `json:"speaker_text"`
	Cue         *string `json:"cue"`
}

type jsonError struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

// EntityID returns the output id of entity i ("E1" for the first).
func EntityID(i int) string { return "E" + itoa(i+1) }

func itoa(i int) string {
	var b [20]byte
	n := len(b)
	for {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
		if i == 0 {
			break
		}
	}
	return string(b[n:])
}

// Offsets converts byte offsets of one text into code-point offsets. Build it
// once per document; conversions of increasing offsets are amortised O(1),
// and a step back counts only the runes it goes back over.
type Offsets struct {
	text         string
	byteAt, cpAt int
	exact        bool // cpAt is the rune count of text[:byteAt]
	valid        bool // text is valid UTF-8
	cut          bool // next was given an offset inside a rune
}

// NewOffsets returns a converter for text.
func NewOffsets(text string) *Offsets { return &Offsets{text: text, exact: true} }

// offsets returns a converter for d's text, which counts quicker when
// Extract has checked the text.
func (d *Doc) offsets() *Offsets { return &Offsets{text: d.Text, exact: true, valid: d.valid} }

// count returns the rune count of text[a:b]. In valid UTF-8, between two rune
// starts, that is the number of bytes that start a rune, which runeStarts
// counts eight bytes at a time.
func (o *Offsets) count(a, b int) int {
	if o.valid && o.runeStart(a) && o.runeStart(b) {
		return runeStarts(o.text[a:b])
	}
	return utf8.RuneCountInString(o.text[a:b])
}

// runeStarts returns the number of bytes of s that are not continuation
// bytes (10xxxxxx). Eight bytes at a time, each continuation byte adds 1 to
// its lane of a uint64 (255 words at most, so that no lane overflows), and
// the lanes are added up once.
func runeStarts(s string) int {
	n := len(s)
	const ones = 0x0101010101010101
	for len(s) >= 8 {
		var lanes uint64
		k := min(len(s)/8, 255)
		for j := range k {
			w := load64(s, 8*j)
			lanes += (w &^ (w << 1) >> 7) & ones // bit 7 set, bit 6 clear
		}
		s = s[8*k:]
		const pairs = 0x00FF00FF00FF00FF
		lanes = lanes&pairs + lanes>>8&pairs // four 16-bit lanes
		n -= int(lanes * 0x0001000100010001 >> 48)
	}
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// Runes returns the code-point offset of byte offset b.
func (o *Offsets) Runes(b int) int {
	if b < o.byteAt {
		if o.exact && o.runeStart(b) && o.runeStart(o.byteAt) && b >= o.byteAt/2 {
			// Between two rune starts, counting back is counting from 0.
			o.cpAt -= o.count(b, o.byteAt)
			o.byteAt = b
			return o.cpAt
		}
		o.byteAt, o.cpAt, o.exact = 0, 0, true
	}
	if !o.runeStart(o.byteAt) {
		o.exact = false // counting from inside a rune counts its bytes apart
	}
	o.cpAt += o.count(o.byteAt, b)
	o.byteAt = b
	return o.cpAt
}

// next is Runes, quicker for an offset at or after the last one converted
// in a text Extract has checked, when both start a rune: it counts the rune
// starts between them.
func (o *Offsets) next(b int) int {
	if o.valid && b >= o.byteAt && o.runeStart(b) && o.runeStart(o.byteAt) {
		o.cpAt += runeStarts(o.text[o.byteAt:b])
		o.byteAt = b
		return o.cpAt
	}
	if !o.runeStart(b) {
		o.cut = true
	}
	return o.Runes(b)
}

// runeStart reports whether byte offset b starts a rune or ends the text.
func (o *Offsets) runeStart(b int) bool { return b >= len(o.text) || utf8.RuneStart(o.text[b]) }

func (d *Doc) toJSON() *jsonDoc {
	off := d.offsets()
	out := &jsonDoc{ID: d.ID, Entities: []jsonEntity{}, Quotes: []jsonQuote{}}
	// Convert in increasing offset order: mentions are sorted, quotes are sorted.
	ments := make([]jsonMention, len(d.Mentions))
	for i, m := range d.Mentions {
		ments[i] = jsonMention{Text: d.Slice(m.Span), Start: off.Runes(m.Start), End: off.Runes(m.End), Sentence: m.Sentence, Via: string(m.Via)}
	}
	for i, e := range d.Entities {
		je := jsonEntity{ID: EntityID(i), Type: string(e.Type), Name: e.Name, Ref: e.Ref, Mentions: make([]jsonMention, 0, len(e.Mentions))}
		for _, mi := range e.Mentions {
			if d.Mentions[mi].Via == ViaDemonym {
				je.Demonyms = append(je.Demonyms, ments[mi])
			} else {
				je.Mentions = append(je.Mentions, ments[mi])
			}
		}
		out.Entities = append(out.Entities, je)
	}
	for _, q := range d.Quotes {
		jq := jsonQuote{Text: d.Slice(q.Span), Start: off.Runes(q.Start), End: off.Runes(q.End), Kind: string(q.Kind)}
		if q.Speaker >= 0 {
			s := EntityID(q.Speaker)
			jq.Speaker = &s
		}
		if q.Who.Valid() && q.Who != NoSpan {
			s := d.Slice(q.Who)
			jq.SpeakerText = &s
		}
		if q.Cue.Valid() && q.Cue != NoSpan {
			s := d.Slice(q.Cue)
			jq.Cue = &s
		}
		out.Quotes = append(out.Quotes, jq)
	}
	return out
}

// MarshalJSON encodes d in the output contract, on one line.
func (d *Doc) MarshalJSON() ([]byte, error) {
	return d.appendJSON(nil), nil
}

// AppendJSON appends d to b in the output contract, on one line and without
// a newline, and returns the extended buffer: MarshalJSON into a buffer of
// the caller's, to reuse from one document to the next.
func (d *Doc) AppendJSON(b []byte) []byte { return d.appendJSON(b) }

// WriteJSON writes d as one line of JSON (or indented when pretty), followed by
// a newline.
func WriteJSON(w io.Writer, d *Doc, pretty bool) error {
	if pretty {
		return writeJSON(w, d.toJSON(), pretty)
	}
	bp := jsonBufs.Get().(*[]byte)
	b := append(d.appendJSON((*bp)[:0]), '\n')
	_, err := w.Write(b) // w must not retain b (io.Writer)
	if cap(b) <= maxPooledJSON {
		*bp = b
		jsonBufs.Put(bp)
	}
	return err
}

// jsonBufs holds WriteJSON's buffers between documents.
var jsonBufs = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledJSON bounds the buffers kept in jsonBufs, in bytes.
const maxPooledJSON = 1 << 20

// appendJSON appends the one-line JSON of d to b: the bytes encoding/json
// writes for d.toJSON() (without HTML escaping), without its reflection.
func (d *Doc) appendJSON(b []byte) []byte {
	// The code-point offsets of the mentions and the quotes, in one
	// forward pass over the text: mentions are sorted, quotes are sorted,
	// and the quotes' starts and ends are converted as the mentions' come.
	// (Offsets.next counts back, exactly, when spans overlap.)
	off := d.offsets()
	var buf [256]int // on the stack: most documents have fewer mentions
	cps := buf[:]
	if 2*len(d.Mentions) > len(buf) {
		cps = make([]int, 2*len(d.Mentions))
	}
	var qbuf [64]int // and fewer quotes
	qs := quoteOffsets{quotes: d.Quotes, cps: qbuf[:]}
	if 2*len(d.Quotes) > len(qbuf) {
		qs.cps = make([]int, 2*len(d.Quotes))
	}
	for i, m := range d.Mentions {
		qs.upTo(off, m.Start)
		cps[2*i], cps[2*i+1] = off.next(m.Start), off.next(m.End)
	}
	qs.upTo(off, len(d.Text))
	if off.cut {
		// An offset inside a rune, whose count depends on the order of
		// conversion: convert the mentions, then the quotes, as toJSON.
		off = d.offsets()
		for i, m := range d.Mentions {
			cps[2*i], cps[2*i+1] = off.Runes(m.Start), off.Runes(m.End)
		}
		for i, q := range d.Quotes {
			qs.cps[2*i], qs.cps[2*i+1] = off.Runes(q.Start), off.Runes(q.End)
		}
	}
	b = append(b, `{"id":`...)
	b = appendJSONString(b, d.ID)
	b = append(b, `,"entities":[`...)
	for i, e := range d.Entities {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":"E`...)
		b = appendInt(b, i+1)
		b = append(b, `","type":`...)
		b = appendType(b, e.Type)
		b = append(b, `,"name":`...)
		b = appendJSONString(b, e.Name)
		if e.Ref != "" {
			b = append(b, `,"ref":`...)
			b = appendJSONString(b, e.Ref)
		}
		b = append(b, `,"mentions":[`...)
		b = d.appendMentions(b, e.Mentions, cps, false)
		b = append(b, ']')
		if d.hasDemonym(e.Mentions) {
			b = append(b, `,"demonyms":[`...)
			b = d.appendMentions(b, e.Mentions, cps, true)
			b = append(b, ']')
		}
		b = append(b, '}')
	}
	b = append(b, `],"quotes":[`...)
	for i, q := range d.Quotes {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"text":`...)
		b = d.appendText(b, q.Span)
		b = append(b, `,"start":`...)
		b = appendInt(b, qs.cps[2*i])
		b = append(b, `,"end":`...)
		b = appendInt(b, qs.cps[2*i+1])
		b = append(b, `,"kind":`...)
		switch q.Kind {
		case Direct:
			b = append(b, `"direct"`...)
		case Partial:
			b = append(b, `"partial"`...)
		case Indirect:
			b = append(b, `"indirect"`...)
		case AccordingTo:
			b = append(b, `"according_to"`...)
		default:
			b = appendJSONString(b, string(q.Kind))
		}
		b = append(b, `,"speaker":`...)
		if q.Speaker >= 0 {
			b = append(b, `"E`...)
			b = appendInt(b, q.Speaker+1)
			b = append(b, '"')
		} else {
			b = append(b, "null"...)
		}
		b = append(b, `,"speaker_text":`...)
		if q.Who.Valid() && q.Who != NoSpan {
			b = d.appendText(b, q.Who)
		} else {
			b = append(b, "null"...)
		}
		b = append(b, `,"cue":`...)
		if q.Cue.Valid() && q.Cue != NoSpan {
			b = d.appendText(b, q.Cue)
		} else {
			b = append(b, "null"...)
		}
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// quoteOffsets converts the offsets of quotes, in order, as appendJSON's
// pass over the mentions goes.
type quoteOffsets struct {
	quotes []Quote
	cps    []int // the code-point start and end of each quote
	s, e   int   // the quotes whose start, whose end is converted
}

// upTo converts the starts and ends of quotes up to byte offset b (all when
// b is the text's length), the lowest first.
func (q *quoteOffsets) upTo(off *Offsets, b int) {
	for {
		switch {
		case q.s < len(q.quotes) && q.quotes[q.s].Start <= b && (q.e == q.s || q.quotes[q.s].Start <= q.quotes[q.e].End):
			q.cps[2*q.s] = off.next(q.quotes[q.s].Start)
			q.s++
		case q.e < q.s && q.quotes[q.e].End <= b:
			q.cps[2*q.e+1] = off.next(q.quotes[q.e].End)
			q.e++
		default:
			return
		}
	}
}

// appendMentions appends the mentions ms of an entity found as demonyms
// (demonyms true) or the others, as JSON objects separated by commas; cps
// holds the code-point offsets of every mention of d.
func (d *Doc) appendMentions(b []byte, ms []int, cps []int, demonyms bool) []byte {
	n := 0
	for _, mi := range ms {
		m := &d.Mentions[mi]
		if (m.Via == ViaDemonym) != demonyms {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = append(b, `{"text":`...)
		b = d.appendText(b, m.Span)
		b = append(b, `,"start":`...)
		b = appendInt(b, cps[2*mi])
		b = append(b, `,"end":`...)
		b = appendInt(b, cps[2*mi+1])
		b = append(b, `,"sentence":`...)
		b = appendInt(b, m.Sentence)
		switch m.Via {
		case ViaLexicon:
			b = append(b, `,"via":"lexicon"}`...)
		case ViaAlias:
			b = append(b, `,"via":"alias"}`...)
		case ViaDemonym:
			b = append(b, `,"via":"demonym"}`...)
		case ViaMetonym:
			b = append(b, `,"via":"metonym"}`...)
		case ViaPattern:
			b = append(b, `,"via":"pattern"}`...)
		case ViaCoref:
			b = append(b, `,"via":"coref"}`...)
		default:
			b = append(b, `,"via":`...)
			b = appendJSONString(b, string(m.Via))
			b = append(b, '}')
		}
	}
	return b
}

// hasDemonym reports whether one of the mentions ms is a demonym.
func (d *Doc) hasDemonym(ms []int) bool {
	for _, mi := range ms {
		if d.Mentions[mi].Via == ViaDemonym {
			return true
		}
	}
	return false
}

// appendType appends the JSON string of an entity type: the types of the
// output as constants, any other through appendJSONString.
func appendType(b []byte, t EntityType) []byte {
	switch t {
	case lexicon.Person:
		return append(b, `"PERSON"`...)
	case lexicon.Organization:
		return append(b, `"ORGANIZATION"`...)
	case lexicon.Location:
		return append(b, `"LOCATION"`...)
	case lexicon.Country:
		return append(b, `"COUNTRY"`...)
	case lexicon.Base:
		return append(b, `"BASE"`...)
	}
	return appendJSONString(b, string(t))
}

// appendInt appends the decimal digits of i, as strconv.AppendInt does:
// those of 0 to 9999 (offsets, sentence and entity numbers) straight into b,
// two at a time from digitPairs.
func appendInt(b []byte, i int) []byte {
	switch u := uint(i); {
	case u < 10:
		return append(b, byte('0'+u))
	case u < 100:
		return append(b, digitPairs[2*u], digitPairs[2*u+1])
	case u < 1000:
		q := u / 100
		r := 2 * (u - 100*q)
		return append(b, byte('0'+q), digitPairs[r], digitPairs[r+1])
	case u < 10000:
		q := u / 100
		r := 2 * (u - 100*q)
		return append(b, digitPairs[2*q], digitPairs[2*q+1], digitPairs[r], digitPairs[r+1])
	}
	return strconv.AppendInt(b, int64(i), 10)
}

// digitPairs holds the two digits of 00 to 99.
const digitPairs = "00010203040506070809" + "10111213141516171819" + "20212223242526272829" + "30313233343536373839" +
	"40414243444546474849" + "50515253545556575859" + "60616263646566676869" + "70717273747576777879" +
	"80818283848586878889" + "90919293949596979899"

// appendJSONString appends s as a JSON string the way encoding/json does
// without HTML escaping: \" \\ \b \f \n \r \t, other control bytes as
// \u00XX, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight plain ASCII bytes at a time: no control byte, quote,
		// backslash nor byte above 0x7f.
		for i+8 <= len(s) && special8(load64(s, i)) == 0 { // plain ASCII
			i += 8
		}
		if i+8 > len(s) && len(s) >= 8 && special8(load64(s, len(s)-8)) == 0 {
			break // the last bytes are plain: the last eight are
		}
		if i >= len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = appendEscape(append(b, s[start:i]...), c)
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += n
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += n
			start = i
			continue
		}
		i += n
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendEscape appends the JSON escape of c, a control byte, a quote or a
// backslash.
func appendEscape(b []byte, c byte) []byte {
	switch c {
	case '\\', '"':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}

const hexDigits = "0123456789abcdef"

// appendText appends the text of span sp of d as a JSON string. In a text
// Extract has checked (valid UTF-8), the bytes above 0x7f need no decoding:
// only U+2028 and U+2029 (E2 80 A8, E2 80 A9) are escaped.
func (d *Doc) appendText(b []byte, sp Span) []byte {
	s := d.Slice(sp)
	if !d.valid {
		return appendJSONString(b, s)
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		for i+8 <= len(s) && specialValid8(load64(s, i)) == 0 { // no byte to escape
			i += 8
		}
		if j := sp.Start + i; i+8 > len(s) && j+8 <= len(d.Text) &&
			specialValid8(load64(d.Text, j))&lowBytes(len(s)-i) == 0 {
			// The last bytes, tested in the word of the text that starts
			// with them, the bytes past the span left out.
			break
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		switch {
		case c >= 0x20 && c != '"' && c != '\\' && c != 0xE2:
			i++
		case c == 0xE2:
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				b = append(b, s[start:i]...)
				b = append(b, '\\', 'u', '2', '0', '2', "89"[s[i+2]&1])
				start = i + 3
			}
			i += 3
		default: // a control byte, a quote, a backslash
			b = appendEscape(append(b, s[start:i]...), c)
			i++
			start = i
		}
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// specialValid8 returns the bytes of x (little-endian), eight bytes of valid
// UTF-8, that cannot be written as they are in a JSON string, their bit 7
// set: control bytes, quotes, backslashes and 0xE2 (the lead byte of U+2028
// and U+2029); and maybe bytes above the first of them (the word tests carry
// upwards): the bits below the lowest one set are exact.
func specialValid8(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q, bs, e2 := x^(ones*'"'), x^(ones*'\\'), x^(ones*0xE2) // a zero byte where x has a quote, a backslash, 0xE2
	return ((x-ones*0x20)&^x | (q-ones)&^q | (bs-ones)&^bs | (e2-ones)&^e2) & highs
}

// lowBytes returns the mask of the n low bytes of a uint64 (n <= 8).
func lowBytes(n int) uint64 { return 1<<(8*uint(n)) - 1 }

// special8 returns the bytes of x (little-endian) that a JSON string cannot
// hold as they are, or that are not ASCII, their bit 7 set: bytes below 0x20
// or above 0x7f, quotes, backslashes; and maybe bytes above the first of
// them. The word tests are the exact ones of "Bit Twiddling Hacks" (haszero,
// hasless).
func special8(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q, bs := x^(ones*'"'), x^(ones*'\\') // a zero byte where x has a quote, a backslash
	return (x | (q-ones)&^q | (bs-ones)&^bs | (x-ones*0x20)&^x) & highs
}

// WriteError writes the error record of a document that could not be
// processed: {"id": id, "error": msg}.
func WriteError(w io.Writer, id string, err error, pretty bool) error {
	return writeJSON(w, jsonError{ID: id, Error: err.Error()}, pretty)
}

func writeJSON(w io.Writer, v any, pretty bool) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if pretty {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(v)
}
