package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/quidit/quidit/extract"
)

// Pred is one document of quidit's output, as the JSON contract writes it
// (offsets in code points). Fields the scorers do not use are left out.
type Pred struct {
	ID       ID           `json:"id"`
	Entities []PredEntity `json:"entities"`
	Quotes   []PredQuote  `json:"quotes"`
}

// PredEntity is an entity of a Pred.
type PredEntity struct {
	ID       string        `json:"id"`
	Type     string        `json:"type"`
	Name     string        `json:"name"`
	Mentions []PredMention `json:"mentions"`
	Demonyms []PredMention `json:"demonyms"` // russe → Russie: not names, listed apart from Mentions
}

// PredMention is a mention of a PredEntity.
type PredMention struct {
	Text  string `json:"text"`
	Start int    `json:"start"` // code points
	End   int    `json:"end"`   // code points
	Via   string `json:"via"`   // how it was found: lexicon, alias, demonym, metonym, pattern, coref
}

// WithoutVia returns p without the mentions found in one of the ways vias
// (PredMention.Via). Entities keep their place, possibly with no mention.
func (p Pred) WithoutVia(vias ...string) Pred {
	out := p
	out.Entities = make([]PredEntity, len(p.Entities))
	for i, e := range p.Entities {
		out.Entities[i] = e
		out.Entities[i].Mentions = nil
		for _, m := range e.Mentions {
			if !slices.Contains(vias, m.Via) {
				out.Entities[i].Mentions = append(out.Entities[i].Mentions, m)
			}
		}
	}
	return out
}

// WithDemonyms returns p with the demonyms of each entity counted among its
// mentions (as quidit wrote them before demonyms had a list of their own).
func (p Pred) WithDemonyms() Pred {
	out := p
	out.Entities = make([]PredEntity, len(p.Entities))
	for i, e := range p.Entities {
		out.Entities[i] = e
		out.Entities[i].Mentions = append(slices.Clip(e.Mentions), e.Demonyms...)
		out.Entities[i].Demonyms = nil
	}
	return out
}

// PredQuote is a quote of a Pred.
type PredQuote struct {
	Text        string  `json:"text"`
	Start       int     `json:"start"` // code points
	End         int     `json:"end"`   // code points
	Kind        string  `json:"kind"`
	Speaker     *string `json:"speaker"` // entity id, or nil
	SpeakerText *string `json:"speaker_text"`
	Cue         *string `json:"cue"`
}

// ID is a document id. In JSON it may be a string or a number (kept as
// written), as Python's str() of the value would give.
type ID string

// UnmarshalJSON accepts a string, a number or null ("None", as in Python).
func (id *ID) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*id = ID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err == nil {
		*id = ID(n.String())
		return nil
	}
	if string(b) == "null" {
		*id = "None"
		return nil
	}
	return fmt.Errorf("id: want a string or a number, got %s", b)
}

// FromDoc returns d as the scorers see it: encoded in the output contract
// and read back.
func FromDoc(d *extract.Doc) (Pred, error) {
	var p Pred
	b, err := d.MarshalJSON()
	if err != nil {
		return p, err
	}
	err = json.Unmarshal(b, &p)
	return p, err
}

// Preds maps document ids to predictions.
type Preds map[ID]Pred

// ReadPreds reads quidit JSONL output: one document a line. A line that is
// not JSON (blank lines included) is counted in bad and skipped; of two lines
// with the same id the last one wins.
func ReadPreds(r io.Reader) (preds Preds, bad int, err error) {
	preds = Preds{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	for sc.Scan() {
		var p Pred
		if json.Unmarshal(sc.Bytes(), &p) != nil {
			bad++
			continue
		}
		preds[p.ID] = p
	}
	return preds, bad, sc.Err()
}

// Quote kinds scored as quotes.
func scoredKind(k string) bool { return k == "direct" || k == "partial" }

func (p *Pred) entity(id *string) *PredEntity {
	if id == nil {
		return nil
	}
	for i := len(p.Entities) - 1; i >= 0; i-- { // the last one, as a Python dict keeps
		if p.Entities[i].ID == *id {
			return &p.Entities[i]
		}
	}
	return nil
}
