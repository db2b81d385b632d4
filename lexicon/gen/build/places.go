package build

import (
	"strconv"
	"strings"

	"github.com/quidit/quidit/lexicon"
)

// compass lists the subdivision names that are points of the compass: "le
// Nord" is a direction more often than a region of Burkina Faso.
var compass = map[string]bool{"nord": true, "sud": true, "est": true, "ouest": true, "centre": true, "nord-est": true,
	"nord-ouest": true, "sud-est": true, "sud-ouest": true, "centre-nord": true, "centre-sud": true, "centre-est": true,
	"centre-ouest": true, "extreme-nord": true, "littoral": true}

// ForeignMin is the population under which a city GeoNames gives no French
// name for is left out: such towns are rarely news in French, and their names
// are often surnames (Murray, Matthews) or words. The few that matter are
// curated.
const ForeignMin = 100000

// CommuneMin is the population from which a French commune is in the
// lexicon: smaller communes are mostly homonyms of common words or surnames.
const CommuneMin = 5000

// regions adds the world regions of UN M49 with their CLDR French names
// (Afrique, Asie centrale, Europe de l'Est …), except "Monde".
func (g *gen) regions() error {
	rows, err := readTSV(g.src("cldr", "territories.fr.tsv"))
	if err != nil {
		return err
	}
	for _, r := range rows {
		code := r["code"]
		if _, err := strconv.Atoi(code); err != nil || code == "001" {
			continue
		}
		e := newEntry(lexicon.Location, "m49-"+code, r["name_fr"])
		setAttr(e, "kind", "region")
		g.add(e)
	}
	return nil
}

// subdivisions adds the ISO 3166-2 subdivisions (states, provinces,
// régions, départements, oblasts …) with their French names.
func (g *gen) subdivisions() error {
	rows, err := readTSV(g.src("iso-codes", "iso_3166-2.fr.tsv"))
	if err != nil {
		return err
	}
	for _, r := range rows {
		name := r["name_fr"]
		if name == "" {
			name = r["name"]
		}
		if strings.Contains(name, ", ") || strings.ContainsAny(name, "[]") {
			continue
		}
		parts := splitParen(name)
		if lowerFirst(parts[0]) == parts[0] || compass[lexicon.Fold(parts[0])] {
			continue // "commune", "région autonome", "Nord": not names on their own
		}
		e := newEntry(lexicon.Location, r["code"], parts[0])
		addNameAliases(e, parts[1:])
		if r["name"] != name && !strings.Contains(r["name"], ", ") {
			addNameAliases(e, splitParen(r["name"]))
		}
		country, _, _ := strings.Cut(r["code"], "-")
		setAttr(e, "country", country)
		setAttr(e, "kind", "subdivision")
		setAttr(e, "subtype", strings.ToLower(r["type"]))
		g.add(e)
	}
	return nil
}

// cities adds the GeoNames cities (≥ 15,000 inhabitants) that have a French
// name or ForeignMin inhabitants (ID "geonames:ID") and the French communes of at least CommuneMin
// inhabitants (ID "insee:CODE"); a GeoNames city that is such a commune is merged
// into it.
func (g *gen) cities() error {
	communes, err := readTSV(g.src("etalab-decoupage", "communes.tsv"))
	if err != nil {
		return err
	}
	byName := map[string]*lexicon.Entry{} // Fold(name) → commune entry, the most populous
	pops := map[*lexicon.Entry]int{}
	for _, r := range communes {
		pop, _ := strconv.Atoi(r["population"])
		if r["type"] != "commune-actuelle" || pop < CommuneMin {
			continue
		}
		e := newEntry(lexicon.Location, "insee:"+r["code"], r["nom"])
		setAttr(e, "kind", "city")
		setAttr(e, "country", "FR")
		setAttr(e, "dep", r["departement"])
		setAttr(e, "pop", r["population"])
		g.add(e)
		k := lexicon.Fold(e.Name)
		if o := byName[k]; o == nil || pop > pops[o] {
			byName[k] = e
			pops[e] = pop
		}
	}
	rows, err := readTSV(g.src("geonames-ubports", "geonames_cities_fr.tsv"))
	if err != nil {
		return err
	}
	for _, r := range rows {
		name := r["name_fr"]
		if name == "" {
			name = r["name"]
		}
		if r["country_code"] == "FR" {
			if c := byName[lexicon.Fold(name)]; c != nil {
				setAttr(c, "geonames", r["geonameid"])
				addForm(c, r["name"], lexicon.ViaAlias)
				continue
			}
		}
		if pop, _ := strconv.Atoi(r["population"]); r["name_fr"] == "" && pop < ForeignMin {
			continue // curated if need be (Kant, lexicon/curated/regions.tsv)
		}
		e := newEntry(lexicon.Location, "geonames:"+r["geonameid"], strings.TrimSuffix(name, " D.C."))
		addForm(e, r["name"], lexicon.ViaAlias)
		setAttr(e, "kind", "city")
		setAttr(e, "country", r["country_code"])
		setAttr(e, "pop", r["population"])
		g.add(e)
	}
	return nil
}

// addNameAliases adds as aliases of e those of parts that are names: parts
// that do not start with a lower-case letter.
func addNameAliases(e *lexicon.Entry, parts []string) {
	for _, p := range parts {
		if lowerFirst(p) != p {
			addForm(e, p, lexicon.ViaAlias)
		}
	}
}

// contracted gives each place, party and medium whose name begins with the
// article Le or Les the form without it, as it is written after à and de:
// "du Caire", "au Mans", "des Républicains", "au Parisien" (WiNER-fr
// annotates Caire, Mans, Républicains, Parisien). A form that is a common
// word (Monde) gets the common-word guard like any other.
func (g *gen) contracted() error {
	first := map[string]bool{}
	for _, e := range g.entries {
		if e.Type == lexicon.FirstName {
			first[lexicon.Fold(e.Name)] = true
		}
	}
	for _, e := range g.entries {
		switch {
		case e.Type == lexicon.Location:
		case e.Type == lexicon.Organization && e.Attr("kind") == "party":
		case e.Type == lexicon.Organization && e.Attr("kind") == "media":
		default:
			continue
		}
		for _, f := range e.Forms {
			if f.Via != lexicon.ViaName && f.Via != lexicon.ViaAlias {
				continue
			}
			for _, a := range []string{"Le ", "Les "} {
				rest := strings.TrimPrefix(f.Text, a)
				if k := lexicon.Fold(rest); first[k] || g.persons[k] {
					continue // Le François, Le Robert: without the article, a person's name
				}
				if rest != f.Text && rest != "" && lowerFirst(rest) != rest {
					addForm(e, rest, lexicon.ViaAlias)
				}
			}
		}
	}
	return nil
}
