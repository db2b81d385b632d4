package extract

import (
	"bytes"
	"encoding/json"
	"io"
	"unicode/utf8"
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
// once per document; conversions of increasing offsets are amortised O(1).
type Offsets struct {
	text         string
	byteAt, cpAt int
}

// NewOffsets returns a converter for text.
func NewOffsets(text string) *Offsets { return &Offsets{text: text} }

// Runes returns the code-point offset of byte offset b.
func (o *Offsets) Runes(b int) int {
	if b < o.byteAt {
		o.byteAt, o.cpAt = 0, 0
	}
	o.cpAt += utf8.RuneCountInString(o.text[o.byteAt:b])
	o.byteAt = b
	return o.cpAt
}

func (d *Doc) toJSON() *jsonDoc {
	off := NewOffsets(d.Text)
	out := &jsonDoc{ID: d.ID, Entities: []jsonEntity{}, Quotes: []jsonQuote{}}
	// Convert in increasing offset order: mentions are sorted, quotes are sorted.
	ments := make([]jsonMention, len(d.Mentions))
	for i, m := range d.Mentions {
		ments[i] = jsonMention{Text: d.Slice(m.Span), Start: off.Runes(m.Start), End: off.Runes(m.End), Sentence: m.Sentence, Via: string(m.Via)}
	}
	for i, e := range d.Entities {
		je := jsonEntity{ID: EntityID(i), Type: string(e.Type), Name: e.Name, Ref: e.Ref, Mentions: make([]jsonMention, 0, len(e.Mentions))}
		for _, mi := range e.Mentions {
			je.Mentions = append(je.Mentions, ments[mi])
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
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d.toJSON()); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// WriteJSON writes d as one line of JSON (or indented when pretty), followed by
// a newline.
func WriteJSON(w io.Writer, d *Doc, pretty bool) error {
	return writeJSON(w, d.toJSON(), pretty)
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
