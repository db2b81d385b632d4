package build

import (
	"bufio"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/quidit/quidit/lexicon"
)

// countries builds a COUNTRY entry for every ISO 3166-1 code (names from
// world-countries, iso-codes, CLDR and i18n-iso-countries; demonyms from
// world-countries, i18n-nationality and Prolex; capitals from GeoNames as
// metonyms), and one for every former country of ISO 3166-3.
func (g *gen) countries() error {
	iso, err := readTSV(g.src("iso-codes", "iso_3166-1.fr.tsv"))
	if err != nil {
		return err
	}
	cldr, err := readTSV(g.src("cldr", "territories.fr.tsv"))
	if err != nil {
		return err
	}
	wc, err := readTSV(g.src("world-countries", "countries.fr.tsv"))
	if err != nil {
		return err
	}
	i18n, err := readTSV(g.src("i18n-iso-countries", "fr.tsv"))
	if err != nil {
		return err
	}
	nat, err := readTSV(g.src("i18n-nationality", "fr.tsv"))
	if err != nil {
		return err
	}
	cl := map[string]string{}
	for _, r := range cldr {
		cl[r["code"]] = r["name_fr"]
	}
	wcBy := map[string]map[string]string{}
	for _, r := range wc {
		wcBy[r["cca2"]] = r
	}
	i18nBy := map[string]string{}
	for _, r := range i18n {
		i18nBy[r["alpha2"]] = r["name_fr"]
	}
	natBy := map[string]string{}
	for _, r := range nat {
		natBy[r["alpha2"]] = r["nationality_fr_m"]
	}
	caps, err := g.capitals(wc)
	if err != nil {
		return err
	}

	// Demonyms: form → countries claiming it. A form claimed by several
	// countries goes to the only independent one, or to none.
	claims := map[string]map[string]bool{}
	claim := func(form, code string) {
		form = clean(strings.ToLower(form))
		if form == "" || strings.Contains(form, " ") {
			return
		}
		if claims[form] == nil {
			claims[form] = map[string]bool{}
		}
		claims[form][code] = true
	}
	lemmaOf := map[string]string{} // Fold(demonym lemma) → code, for Prolex
	for _, r := range wc {
		code := r["cca2"]
		for _, d := range []string{r["demonym_fr_m"], r["demonym_fr_f"]} {
			if d == "" {
				continue
			}
			claim(d, code)
			claim(plural(d), code)
		}
	}
	for _, r := range nat {
		if d := r["nationality_fr_m"]; d != "" {
			claim(d, r["alpha2"])
			claim(plural(d), r["alpha2"])
		}
	}
	for form, cs := range claims {
		if len(cs) == 1 {
			for c := range cs {
				lemmaOf[lexicon.Fold(form)] = c
			}
		}
	}
	// Prolex: fully inflected country adjectives, re-keyed through the lemma
	// (its Iso tags are unreliable).
	if err := readDelaf(g.src("prolex-unitex", "Prolex-PaysCapitales.dic.utf8"), func(form, lemma, cat string) {
		if !strings.HasPrefix(cat, "A+Toponyme+Pays") {
			return
		}
		if c, ok := lemmaOf[lexicon.Fold(lemma)]; ok {
			claim(form, c)
		}
	}); err != nil {
		return err
	}
	independent := map[string]bool{}
	for _, r := range wc {
		independent[r["cca2"]] = r["independent"] == "True"
	}
	demonyms := map[string][]string{}
	for _, form := range sortedKeys(claims) {
		cs := claims[form]
		var ind []string
		for c := range cs {
			if len(cs) == 1 || independent[c] {
				ind = append(ind, c)
			}
		}
		if len(ind) == 1 {
			demonyms[ind[0]] = append(demonyms[ind[0]], form)
		}
	}

	for _, r := range iso {
		code := r["alpha_2"]
		w := wcBy[code]
		var names []string
		for _, n := range []string{w["name_fr_common"], r["common_name_fr"], i18nBy[code], cl[code], cl[code+"-alt-short"], cl[code+"-alt-variant"], r["name_fr"], r["official_name_fr"], w["name_fr_official"]} {
			if n == "" || strings.Contains(n, ", ") {
				continue // ISO's inverted names: "Russie, Fédération de"
			}
			if ps := splitParen(n); len(ps) == 2 && strings.Contains(ps[1], ".") {
				continue // "Congo (Rép. dém.)": the short part names another country
			}
			names = append(names, splitParen(n)...)
		}
		name := ""
		for _, n := range names {
			if !strings.ContainsAny(n, ".()") {
				name = n
				break
			}
		}
		if name == "" {
			continue
		}
		e := newEntry(lexicon.Country, code, name)
		for _, n := range names {
			if strings.HasPrefix(n, "Les ") || strings.HasPrefix(n, "R.A.S.") {
				continue // "Les états-unis d'Amérique", "R.A.S. chinoise de Hong Kong"
			}
			addForm(e, n, lexicon.ViaAlias)
		}
		for _, a := range strings.Split(w["altSpellings"], "|") {
			if len(a) >= 3 && a == strings.ToUpper(a) && isLatinUpper(a) {
				addForm(e, a, lexicon.ViaAlias) // USA, DRC
			}
		}
		for _, d := range demonyms[code] {
			addForm(e, d, lexicon.ViaDemonym)
		}
		if c := caps[code]; c != "" {
			addForm(e, c, lexicon.ViaMetonym)
		}
		setAttr(e, "iso3", r["alpha_3"])
		if w != nil && w["independent"] != "True" {
			setAttr(e, "kind", "territory")
		}
		g.add(e)
	}

	former, err := readTSV(g.src("iso-codes", "iso_3166-3.fr.tsv"))
	if err != nil {
		return err
	}
	for _, r := range former {
		parts := strings.Split(r["name_fr"], ", ")
		if parts[0] == "" || r["name_fr"] == r["name"] {
			continue // no French name
		}
		e := newEntry(lexicon.Country, r["alpha_3"], parts[0])
		for _, p := range parts[1:] {
			if !strings.ContainsAny(p, "()") && !strings.HasSuffix(p, " de") && !strings.HasSuffix(p, " du") &&
				!strings.HasSuffix(p, " des") && !strings.HasSuffix(p, "'") {
				addForm(e, p, lexicon.ViaAlias) // not "République de" (Haute-Volta, République de)
			}
		}
		setAttr(e, "kind", "former")
		setAttr(e, "until", strings.SplitN(r["withdrawal_date"], "-", 2)[0])
		g.add(e)
	}
	return nil
}

func isLatinUpper(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// capitals maps a country code to the French name of its capital, found in
// GeoNames by its English name (world-countries). Brussels is left out: it
// names the European Union more often than Belgium.
func (g *gen) capitals(wc []map[string]string) (map[string]string, error) {
	rows, err := readTSV(g.src("geonames-ubports", "geonames_cities_fr.tsv"))
	if err != nil {
		return nil, err
	}
	type city struct {
		name string
		pop  int
	}
	best := map[string]city{} // country\tEnglish name → French name of the most populous match
	for _, r := range rows {
		pop, _ := strconv.Atoi(r["population"])
		k := r["country_code"] + "\t" + r["name"]
		if c, ok := best[k]; !ok || pop > c.pop {
			n := r["name_fr"]
			if n == "" {
				n = r["name"]
			}
			best[k] = city{n, pop}
		}
	}
	out := map[string]string{}
	for _, r := range wc {
		code, capEN := r["cca2"], r["capital_en"]
		if code == "BE" || capEN == "" {
			continue
		}
		capEN = strings.TrimSuffix(capEN, " D.C.")
		if c, ok := best[code+"\t"+capEN]; ok {
			out[code] = strings.TrimSuffix(c.name, " D.C.")
		}
	}
	return out, nil
}

// readDelaf calls fn for each line "form,lemma.CATEGORY:inflections" of a
// DELAF dictionary; an empty lemma is the form itself.
func readDelaf(path string, fn func(form, lemma, cat string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimRight(sc.Text(), "\r")
		form, lemma, cat, ok := splitDelaf(l)
		if ok {
			fn(form, lemma, cat)
		}
	}
	return sc.Err()
}

// splitDelaf splits a DELAF line; "\," and "\." are escaped characters.
func splitDelaf(l string) (form, lemma, cat string, ok bool) {
	l = strings.TrimPrefix(l, "\ufeff")
	comma := -1
	for i := 0; i < len(l); i++ {
		if l[i] == '\\' {
			i++
			continue
		}
		if l[i] == ',' {
			comma = i
			break
		}
	}
	if comma < 0 {
		return "", "", "", false
	}
	dot := -1
	for i := comma + 1; i < len(l); i++ {
		if l[i] == '\\' {
			i++
			continue
		}
		if l[i] == '.' {
			dot = i
			break
		}
	}
	if dot < 0 {
		return "", "", "", false
	}
	unesc := strings.NewReplacer(`\,`, ",", `\.`, ".", `\-`, "-", `\\`, `\`)
	form = strings.TrimSpace(unesc.Replace(l[:comma]))
	lemma = strings.TrimSpace(unesc.Replace(l[comma+1 : dot]))
	if lemma == "" {
		lemma = form
	}
	cat = strings.TrimPrefix(l[dot+1:], "N+PR+")
	cat = strings.TrimPrefix(cat, "DetZ+")
	cat = strings.TrimPrefix(cat, "N+")
	return form, lemma, cat, true
}

// delafGenders returns the genders of a DELAF inflection list (":ms:fs").
func delafGenders(cat string) (m, f bool) {
	_, infl, _ := strings.Cut(cat, ":")
	for _, x := range strings.Split(infl, ":") {
		if strings.HasPrefix(x, "m") {
			m = true
		}
		if strings.HasPrefix(x, "f") {
			f = true
		}
	}
	return
}

var _ = sort.Strings
