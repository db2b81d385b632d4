package build

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/quidit/quidit/lexicon"
)

// BigCity is the population from which a city whose name is also a first
// name or surname is matched without a preposition of place before it.
const BigCity = 200000

// loadWordSets reads the word sets the ambiguity guard needs (common words
// from hunspell-fr, stopwords, first names and surnames) and the curated
// entries.
func (g *gen) loadWordSets() error {
	g.common, g.persons, g.stop, g.extraCom = map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	g.firstSet = map[string]bool{}
	g.prnGender = map[string]string{}
	g.titrGender = map[string]string{}
	f, err := os.Open(g.src("hunspell-fr", "fr.dic"))
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		stem, tags, _ := strings.Cut(l, "/")
		if i := strings.IndexAny(stem, " \t"); i >= 0 {
			stem, tags = stem[:i], stem[i:]
		}
		if stem == "" {
			continue
		}
		switch {
		case strings.Contains(tags, "po:prn"):
			g.persons[lexicon.Fold(stem)] = true
			g.firstSet[lexicon.Fold(stem)] = true
			g.prnGender[stem] = hunspellGender(tags)
		case strings.Contains(tags, "po:patr"):
			g.persons[lexicon.Fold(stem)] = true
		case strings.Contains(tags, "po:titr"):
			g.titrGender[stem] = hunspellGender(tags)
		case lowerFirst(stem) == stem && !strings.Contains(tags, "po:npr"):
			k := lexicon.Fold(stem)
			g.common[k] = true
			g.common[plural(k)] = true
			if strings.Contains(tags, "F.") || strings.Contains(tags, "po:adj") {
				g.common[k+"e"] = true
				g.common[k+"es"] = true
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	stops, err := readLines(g.src("stopwords-fr", "stopwords-fr.txt"))
	if err != nil {
		return err
	}
	for _, w := range stops {
		g.stop[lexicon.Fold(w)] = true
	}
	extra, err := readLines(filepath.Join(g.cfg.Curated, "common.txt"))
	if err != nil {
		return err
	}
	for _, w := range extra {
		g.extraCom[lexicon.Fold(w)] = true
	}
	return g.loadCurated()
}

func hunspellGender(tags string) string {
	switch {
	case strings.Contains(tags, "is:mas"):
		return "m"
	case strings.Contains(tags, "is:fem"):
		return "f"
	}
	return "x"
}

// loadCurated parses lexicon/curated/*.tsv (the lexicon format) and indexes
// their forms, so that generated entries naming the same thing merge into
// the curated ones.
func (g *gen) loadCurated() error {
	paths, err := filepath.Glob(filepath.Join(g.cfg.Curated, "*.tsv"))
	if err != nil {
		return err
	}
	sort.Strings(paths)
	g.curForm = map[string]string{}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		es, err := lexicon.Parse(f, "lexicon/curated/"+filepath.Base(p))
		f.Close()
		if err != nil {
			return err
		}
		for _, e := range es { // Parse shares equal attribute maps; these get edited
			if e.Attrs != nil {
				m := make(map[string]string, len(e.Attrs))
				for k, v := range e.Attrs {
					m[k] = v
				}
				e.Attrs = m
			}
		}
		g.cur = append(g.cur, es...)
	}
	for _, e := range g.cur {
		for _, f := range e.Forms {
			if f.Via == lexicon.ViaName || f.Via == lexicon.ViaAlias {
				k := string(e.Type) + "\t" + lexicon.Fold(f.Text)
				if _, ok := g.curForm[k]; !ok {
					g.curForm[k] = e.ID
				}
			}
		}
	}
	return nil
}

// curated adds the curated entries; one with the type and ID of a generated
// entry is merged into it: its name becomes the name (the old one an alias),
// its forms are added, its attrs win.
func (g *gen) curated() error {
	for _, c := range g.cur {
		c.Source = ""
		old := g.byKey[c.Key()]
		if old == nil {
			g.add(c)
			continue
		}
		if old.Name != c.Name {
			oldName := old.Name
			old.Name = c.Name
			forms := []lexicon.Form{{Text: c.Name, Via: lexicon.ViaName}}
			for _, f := range old.Forms {
				if f.Text == c.Name {
					continue
				}
				if f.Text == oldName && f.Via == lexicon.ViaName {
					f.Via = lexicon.ViaAlias
				}
				forms = append(forms, f)
			}
			old.Forms = forms
		}
		for _, f := range c.Forms[1:] {
			addForm(old, f.Text, f.Via)
		}
		for _, k := range sortedKeys(c.Attrs) {
			setAttr(old, k, c.Attrs[k])
		}
	}
	return nil
}

// firstNames adds the first names of hunspell-fr and Unitex, and those of the
// curated people, with their gender; a name given as both masculine and
// feminine is "x".
func (g *gen) firstNames() error {
	genders := map[string]map[string]bool{} // name → genders
	note := func(name, gd string) {
		name = clean(name)
		if name == "" || lowerFirst(name) == name {
			return
		}
		if genders[name] == nil {
			genders[name] = map[string]bool{}
		}
		genders[name][gd] = true
	}
	for n, gd := range g.prnGender {
		note(n, gd)
	}
	for _, file := range []string{"prenom-s.dic.txt", "prenom-c.dic.txt"} {
		err := readDelaf(g.src("unitex-prenoms", file), func(form, _, cat string) {
			m, f := delafGenders(cat)
			g.persons[lexicon.Fold(form)] = true
			g.firstSet[lexicon.Fold(form)] = true
			if m {
				note(form, "m")
			}
			if f {
				note(form, "f")
			}
		})
		if err != nil {
			return err
		}
	}
	// The given names of the curated people (Volodymyr, Kamala, Narendra),
	// except where the family name comes first (China, Korea).
	for _, e := range g.cur {
		if e.Type != lexicon.Person || e.Attr("gender") == "" || e.Attr("gender") == "x" {
			continue
		}
		switch e.Attr("country") {
		case "CN", "KR", "KP", "TW", "VN":
			continue
		}
		first, _, ok := strings.Cut(e.Name, " ")
		if ok && lowerFirst(first) != first && strings.ToUpper(first) != first && !g.common[lexicon.Fold(first)] { // not Islam
			note(first, e.Attr("gender"))
		}
	}
	bySlug := map[string]*lexicon.Entry{}
	for _, n := range sortedKeys(genders) {
		gs := genders[n]
		gd := "x"
		switch {
		case gs["x"] || gs["m"] && gs["f"]:
		case gs["m"]:
			gd = "m"
		case gs["f"]:
			gd = "f"
		}
		id := slug(n)
		if id == "" {
			continue
		}
		if e := bySlug[id]; e != nil { // Anaïs and Anais
			addForm(e, n, lexicon.ViaAlias)
			if e.Attr("gender") != gd {
				setAttr(e, "gender", "x")
			}
			continue
		}
		e := newEntry(lexicon.FirstName, id, n)
		setAttr(e, "gender", gd)
		bySlug[id] = e
		g.add(e)
	}
	return nil
}

// titles adds the honorifics of hunspell-fr (Dr, Mgr, Pr …) and the
// professions of Unitex, one entry per gender (journaliste is "x"). The
// curated roles (lexicon/curated/titles.tsv) come on top.
func (g *gen) titles() error {
	curatedForms := map[string]bool{}
	for _, e := range g.cur {
		if e.Type == lexicon.Title {
			for _, f := range e.Forms {
				curatedForms[lexicon.Fold(f.Text)] = true
			}
		}
	}
	for _, n := range sortedKeys(g.titrGender) {
		if curatedForms[lexicon.Fold(n)] || lowerFirst(n) == n && len(n) > 4 {
			continue // monsieur, madame, professeur… are curated or professions
		}
		e := newEntry(lexicon.Title, "hon-"+slug(n), n)
		setAttr(e, "gender", g.titrGender[n])
		setAttr(e, "kind", "honorific")
		g.add(e)
	}
	type prof struct{ m, f []string }
	profs := map[string]*prof{}
	err := readDelaf(g.src("unitex-prenoms", "profession.dic.txt"), func(form, lemma, cat string) {
		if strings.Contains(form, " ") && !strings.Contains(lemma, " ") {
			return
		}
		p := profs[lemma]
		if p == nil {
			p = &prof{}
			profs[lemma] = p
		}
		m, f := delafGenders(cat)
		if m {
			p.m = append(p.m, form)
		}
		if f {
			p.f = append(p.f, form)
		}
	})
	if err != nil {
		return err
	}
	for _, lemma := range sortedKeys(profs) {
		if curatedForms[lexicon.Fold(lemma)] {
			continue
		}
		p := profs[lemma]
		sort.Strings(p.m)
		sort.Strings(p.f)
		same := strings.Join(p.m, "|") == strings.Join(p.f, "|")
		if same {
			e := newEntry(lexicon.Title, slug(lemma), lemma)
			for _, f := range p.m {
				addForm(e, f, lexicon.ViaAlias)
			}
			setAttr(e, "gender", "x")
			setAttr(e, "kind", "profession")
			g.add(e)
			continue
		}
		if len(p.m) > 0 {
			e := newEntry(lexicon.Title, slug(lemma), p.m[0])
			if containsStr(p.m, lemma) {
				e = newEntry(lexicon.Title, slug(lemma), lemma)
			}
			for _, f := range p.m {
				addForm(e, f, lexicon.ViaAlias)
			}
			setAttr(e, "gender", "m")
			setAttr(e, "kind", "profession")
			g.add(e)
		}
		if len(p.f) > 0 {
			name := p.f[0]
			for _, f := range p.f { // the singular: the shortest
				if len(f) < len(name) {
					name = f
				}
			}
			e := newEntry(lexicon.Title, slug(lemma)+"-f", name)
			for _, f := range p.f {
				addForm(e, f, lexicon.ViaAlias)
			}
			setAttr(e, "gender", "f")
			setAttr(e, "kind", "profession")
			g.add(e)
		}
	}
	return nil
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// speechVerbs gives every SPEECHVERB lemma (the Gender Gap Tracker's list
// plus the curated ones, minus the excluded) all its single-word conjugated
// forms from the Lefff tables: finite forms, participles, imperatives; not
// the infinitive.
func (g *gen) speechVerbs() error {
	data, err := os.ReadFile(g.src("french-verbs-lefff", "conjugations.json"))
	if err != nil {
		return err
	}
	var conj map[string]map[string][]string
	if err := json.Unmarshal(data, &conj); err != nil {
		return fmt.Errorf("french-verbs-lefff: %v", err)
	}
	lemmas, err := readLines(g.src("gendergaptracker-fr", "quote_verb_lemmas.derived.txt"))
	if err != nil {
		return err
	}
	excl, err := g.exclusions()
	if err != nil {
		return err
	}
	for _, l := range lemmas {
		if excl[string(lexicon.SpeechVerb)+"\t"+slug(l)] {
			continue
		}
		if g.byKey[string(lexicon.SpeechVerb)+"\t"+slug(l)] == nil {
			e := newEntry(lexicon.SpeechVerb, slug(l), l)
			setAttr(e, "kind", "say")
			g.add(e)
		}
	}
	for _, e := range g.entries {
		if e.Type != lexicon.SpeechVerb {
			continue
		}
		c, ok := conj[e.Name]
		if !ok {
			return fmt.Errorf("speech verb %q (%s) has no conjugation table in french-verbs-lefff", e.Name, e.ID)
		}
		for _, tense := range []string{"P", "I", "J", "F", "C", "S", "T", "Y", "K", "G"} {
			for _, f := range c[tense] {
				if f != "NA" && f != "" && !strings.Contains(f, " ") {
					addForm(e, f, lexicon.ViaAlias)
				}
			}
		}
		if e.Attr("kind") == "" {
			setAttr(e, "kind", "say")
		}
	}
	return nil
}

// exclusions reads lexicon/curated/exclude.txt: "TYPE ID [FORM]" lines
// dropping a whole entry, or one of its forms.
func (g *gen) exclusions() (map[string]bool, error) {
	lines, err := readLines(filepath.Join(g.cfg.Curated, "exclude.txt"))
	if err != nil {
		return nil, err
	}
	m := map[string]bool{}
	for i, l := range lines {
		cols := strings.Split(l, "\t")
		if len(cols) < 2 || len(cols) > 3 {
			return nil, fmt.Errorf("lexicon/curated/exclude.txt: line %q (%d): want TYPE<tab>ID[<tab>FORM]", l, i+1)
		}
		m[strings.Join(cols, "\t")] = true
	}
	return m, nil
}

// exclude drops the entries and forms listed in lexicon/curated/exclude.txt.
func (g *gen) exclude() error {
	excl, err := g.exclusions()
	if err != nil {
		return err
	}
	g.dropped = map[string]bool{}
	for _, e := range g.entries {
		if excl[e.Key()] {
			g.dropped[e.Key()] = true
			continue
		}
		forms := e.Forms[:1]
		for _, f := range e.Forms[1:] {
			if !excl[e.Key()+"\t"+f.Text] {
				forms = append(forms, f)
			}
		}
		e.Forms = forms
	}
	return nil
}

// guard marks with attr common=F1|F2 the one-word capitalised forms of
// entity entries that are also common French words (Orange, Tours, Marine),
// stopwords or forms curated as such (Nice), and, for places and bases,
// first names or surnames (except in cities of BigCity inhabitants or more).
// The matcher wants them capitalised, not first in their
// sentence, and for places after a preposition of place. Country names and
// people are guarded only when curated as common words (Dominique, Maurice).
func (g *gen) guard() error {
	for _, e := range g.entries {
		if !e.Type.IsEntity() {
			continue
		}
		big := false
		if p, err := strconv.Atoi(e.Attr("pop")); err == nil && p >= BigCity {
			big = true
		}
		var com []string
		for _, f := range e.Forms {
			t := f.Text
			for _, a := range []string{"le ", "la ", "les ", "l'"} {
				t = strings.TrimPrefix(t, a)
			}
			if strings.ContainsAny(t, " .'") || lowerFirst(t) == t {
				continue
			}
			k := lexicon.Fold(t)
			acronym := strings.ToUpper(t) == t // ONU, BRICS: all capitals tell them from words
			hit := g.extraCom[k] || !acronym && len([]rune(k)) <= 2
			if e.Type == lexicon.Country && f.Via != lexicon.ViaMetonym || e.Type == lexicon.Person {
				// country names and people: only the curated list (Dominique,
				// Maurice); "Poutine" starts many a sentence.
			} else if !big && !acronym {
				hit = hit || g.stop[k]
				hit = hit || g.common[k] && !(e.Type == lexicon.Location && e.Attr("kind") == "subdivision")
				if (e.Type == lexicon.Location || e.Type == lexicon.Base) && f.Via != lexicon.ViaMetonym && g.persons[k] {
					hit = true
				}
			}
			if hit && !containsStr(com, t) {
				com = append(com, t)
			}
		}
		if len(com) > 0 {
			setAttr(e, "common", strings.Join(com, "|"))
		} else if e.Attrs != nil {
			delete(e.Attrs, "common")
		}
	}
	return nil
}
