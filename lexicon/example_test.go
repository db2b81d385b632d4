package lexicon_test

import (
	"fmt"
	"strings"

	"github.com/quidit/quidit/lexicon"
)

// A lexicon file: one entry a line, TYPE ID NAME FORMS ATTRS.
func ExampleParse() {
	src := "# my people\n" +
		"PERSON\tvladimir-poutine\tVladimir Poutine\tPoutine|Putin\tgender=m;country=RU\n" +
		"COUNTRY\tRU\tRussie\tdemonym:russe|metonym:Moscou\t-\n"
	es, err := lexicon.Parse(strings.NewReader(src), "people.tsv")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range es {
		fmt.Println(e.Type, e.ID, e.Name, e.Attr("gender"), e.Source)
		for _, f := range e.Forms {
			fmt.Printf("  %s (%s)\n", f.Text, f.Via)
		}
	}
	_, err = lexicon.Parse(strings.NewReader("PERSONNE\tx\tX\t-\t-\n"), "bad.tsv")
	fmt.Println(err)
	// Output:
	// PERSON vladimir-poutine Vladimir Poutine m people.tsv:2
	//   Vladimir Poutine (lexicon)
	//   Poutine (alias)
	//   Putin (alias)
	// COUNTRY RU Russie  people.tsv:3
	//   Russie (lexicon)
	//   russe (demonym)
	//   Moscou (metonym)
	// bad.tsv:1: unknown type "PERSONNE" (want one of PERSON, COUNTRY, LOCATION, ORGANIZATION, BASE, FIRSTNAME, TITLE, SPEECHVERB, EVENT)
}
