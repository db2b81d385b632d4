package extract_test

import (
	"fmt"
	"os"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/lexicon"
)

// Example shows the library: build an Extractor once (it is safe for
// concurrent use), extract documents, read entities and quotes as byte spans
// of the text, or write the JSON contract.
func Example() {
	lex, err := lexicon.Default()
	if err != nil {
		panic(err)
	}
	x, err := extract.New(lex)
	if err != nil {
		panic(err)
	}
	text := "Le Wall Street Journal (WSJ) affirme que Moscou a fait une offre. " +
		"Mark Milley a qualifié la rencontre de « productive »."
	d, err := x.Extract("example", text)
	if err != nil {
		panic(err)
	}
	for _, e := range d.Entities {
		fmt.Printf("%s %s:", e.Type, e.Name)
		for _, mi := range e.Mentions {
			m := d.Mentions[mi]
			fmt.Printf(" %q(%s)", d.Slice(m.Span), m.Via)
		}
		fmt.Println()
	}
	for _, q := range d.Quotes {
		speaker := "?"
		if q.Speaker >= 0 {
			speaker = d.Entities[q.Speaker].Name
		}
		fmt.Printf("%s by %s, cue %q: %q\n", q.Kind, speaker, d.Slice(q.Cue), d.Slice(q.Span))
	}
	if err := extract.WriteJSON(os.Stdout, d, false); err != nil {
		panic(err)
	}
	// Output:
	// ORGANIZATION Wall Street Journal: "Wall Street Journal"(lexicon) "WSJ"(alias)
	// COUNTRY Russie: "Moscou"(metonym)
	// PERSON Mark Milley: "Mark Milley"(lexicon)
	// indirect by Wall Street Journal, cue "affirme": "Moscou a fait une offre"
	// partial by Mark Milley, cue "a qualifié": "productive"
	// {"id":"example","entities":[{"id":"E1","type":"ORGANIZATION","name":"Wall Street Journal","ref":"wall-street-journal","mentions":[{"text":"Wall Street Journal","start":3,"end":22,"sentence":0,"via":"lexicon"},{"text":"WSJ","start":24,"end":27,"sentence":0,"via":"alias"}]},{"id":"E2","type":"COUNTRY","name":"Russie","ref":"RU","mentions":[{"text":"Moscou","start":41,"end":47,"sentence":0,"via":"metonym"}]},{"id":"E3","type":"PERSON","name":"Mark Milley","ref":"mark-milley","mentions":[{"text":"Mark Milley","start":66,"end":77,"sentence":1,"via":"lexicon"}]}],"quotes":[{"text":"Moscou a fait une offre","start":41,"end":64,"kind":"indirect","speaker":"E1","speaker_text":"Wall Street Journal","cue":"affirme"},{"text":"productive","start":107,"end":117,"kind":"partial","speaker":"E3","speaker_text":"Mark Milley","cue":"a qualifié"}]}
}
