// Package lexicon holds quidit's gazetteers: entries (people, countries, places,
// organisations, military bases) and word lists (first names, titles, speech
// verbs), their plain-text TSV format, and the default lexicon embedded in the
// binary.
//
// # Format
//
// A lexicon file is UTF-8 text, one entry per line, five tab-separated columns:
//
//	TYPE	ID	NAME	FORMS	ATTRS
//
// TYPE is one of the entity types (PERSON, COUNTRY, LOCATION, ORGANIZATION,
// BASE), a word-list type (FIRSTNAME, TITLE, SPEECHVERB) or EVENT (names of
// events, matched only to keep their words from being read as other names:
// "France" in "Tour de France"). ID is the entry's reference: an ISO 3166
// code (countries: alpha-2, former countries: alpha-3, subdivisions: the
// 3166-2 code), "geonames:ID", "insee:CODE", "m49-CODE" (world regions), an
// airfield ident, or a slug of our own; it is unique within its TYPE. NAME is the canonical name. FORMS lists
// the other ways the entry is written, separated by "|"; a form may carry a
// prefix saying how it names the entry: "demonym:" (russe, américaines) or
// "metonym:" (le Kremlin, Washington); a form without prefix is an alias. ATTRS
// is a list of key=value pairs separated by ";" (gender=f;country=RU). Empty
// columns are written "-" or left empty. Lines starting with "#" and blank
// lines are ignored.
//
// A form written with capitals matches only text written with the same capitals
// (or in all capitals); a form written in lower case matches whatever the case.
// A word of a form written in capitals (ONU, RN) matches only a word in
// capitals, and a short word in capitals in the text (ITU) only such a form.
// Accents are not significant: "Etats-Unis" matches "États-Unis".
//
// Other context rules of the matcher: after a preposition of place, a place
// is preferred to a metonym, person or organisation written the same way ("à
// Moscou" is the city, "Moscou a démenti" Russia); a one-word name of
// anything but a person is not matched next to a first name ("Adam Yates",
// "Greg Van Avermaet"), nor before a capitalised word that is not a first
// name ("Vodafone Arena"); a person's one-word alias after another first name
// is someone else ("Michelle Obama").
//
// Attributes the matcher reads (others are information: country, role, kind,
// gender, iso3, icao, operator, dep …):
//
//   - common=F1|F2: one-word forms of the entry that are also common words or
//     first names (Orange, Tours, Nice). Such a form matches only when it is
//     not the first word of its sentence and, for a LOCATION or BASE of fewer
//     than 200,000 inhabitants (attr pop) or a metonym, only right after a
//     preposition of place (à, de, d', en, dans, vers …).
//   - pop=N: population of a place; among places written the same way,
//     French ones (country=FR) come first, then the most populous.
//
// The generator (lexicon/gen) writes common= for the embedded lexicon; files
// given with --lexicon may write it too.
package lexicon

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
)

// Type is the kind of a lexicon entry.
type Type string

// Entity types: these entries become entities in the output.
const (
	Person       Type = "PERSON"
	Country      Type = "COUNTRY"
	Location     Type = "LOCATION"
	Organization Type = "ORGANIZATION"
	Base         Type = "BASE"
)

// Word-list types: these entries help recognition and attribution.
const (
	FirstName  Type = "FIRSTNAME"  // NAME is a first name; attr gender=m|f|x
	Title      Type = "TITLE"      // NAME is a title or role (M., ministre); attrs gender, kind
	SpeechVerb Type = "SPEECHVERB" // NAME is a lemma; FORMS its conjugated forms
	// Event names (Tour de France, Coupe du monde) are matched like entity
	// names but make no mention: they keep their words from being read as
	// other names ("France" in "Tour de France").
	Event Type = "EVENT"
)

// Types lists every valid type, entity types first.
var Types = []Type{Person, Country, Location, Organization, Base, FirstName, Title, SpeechVerb, Event}

// IsEntity reports whether entries of type t name entities.
func (t Type) IsEntity() bool {
	switch t {
	case Person, Country, Location, Organization, Base:
		return true
	}
	return false
}

func (t Type) valid() bool {
	for _, v := range Types {
		if t == v {
			return true
		}
	}
	return false
}

// Via says how a form names its entry.
type Via string

// Ways a form can name an entry.
const (
	ViaName    Via = "lexicon" // the canonical name
	ViaAlias   Via = "alias"   // another name
	ViaDemonym Via = "demonym" // an inhabitant or adjective: russe → Russie
	ViaMetonym Via = "metonym" // a capital or seat of power: le Kremlin → Russie
)

// Form is one way of writing an entry.
type Form struct {
	Text string
	Via  Via
}

// Entry is one line of a lexicon file.
type Entry struct {
	Type   Type
	ID     string
	Name   string
	Forms  []Form            // the name first (Via == ViaName), then the FORMS column
	Attrs  map[string]string // shared by entries of a file with the same ATTRS: read only
	Source string            // "file:line" it was read from
}

// Attr returns the value of attribute k, or "".
func (e *Entry) Attr(k string) string { return e.Attrs[k] }

// Key identifies an entry: its type and ID.
func (e *Entry) Key() string { return string(e.Type) + "\t" + e.ID }

// Lexicon is a set of entries, at most one per (type, id). Build it with Add
// and treat it as read-only once shared.
type Lexicon struct {
	entries []*Entry
	index   map[key]int // type and ID → position in entries
}

// key identifies an entry in an index without building a string.
type key struct {
	t  Type
	id string
}

// New returns an empty lexicon.
func New() *Lexicon { return &Lexicon{index: map[key]int{}} }

// Add adds entries; an entry with the type and ID of an existing one replaces it.
func (l *Lexicon) Add(es ...*Entry) {
	if len(l.index) == 0 && len(es) > 8 {
		l.index = make(map[key]int, len(es))
	}
	for _, e := range es {
		k := key{e.Type, e.ID}
		if i, ok := l.index[k]; ok {
			l.entries[i] = e
			continue
		}
		l.index[k] = len(l.entries)
		l.entries = append(l.entries, e)
	}
}

// Entries returns the entries in the order they were added.
func (l *Lexicon) Entries() []*Entry { return l.entries }

// Lookup returns the entry of type t with the given id, or nil.
func (l *Lexicon) Lookup(t Type, id string) *Entry {
	if i, ok := l.index[key{t, id}]; ok {
		return l.entries[i]
	}
	return nil
}

// Stats returns the number of entries of each type.
func (l *Lexicon) Stats() map[Type]int {
	m := map[Type]int{}
	for _, e := range l.entries {
		m[e.Type]++
	}
	return m
}

// ParseError is a problem at a line of a lexicon file.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// ErrorList collects parse errors; Err is nil when the list is empty.
type ErrorList []*ParseError

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Err returns l as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Parse reads entries in the lexicon format from r; name is used in errors and
// in Entry.Source. Every malformed line is reported; no line is skipped silently.
func Parse(r io.Reader, name string) ([]*Entry, error) {
	var (
		out  []*Entry
		errs ErrorList
		seen map[key]int
	)
	if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok { // size the lists: about 60 bytes a line
		if fi, err := st.Stat(); err == nil && fi.Size() > 0 {
			out = make([]*Entry, 0, fi.Size()/60)
			seen = make(map[key]int, fi.Size()/60)
		}
	}
	if seen == nil {
		seen = map[key]int{}
	}
	attrCache := map[string]map[string]string{} // ATTRS column → its map, shared by the entries that have it
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		e, msg := parseLine(line, attrCache)
		if msg != "" {
			errs = append(errs, &ParseError{name, n, msg})
			continue
		}
		e.Source = name + ":" + strconv.Itoa(n)
		k := key{e.Type, e.ID}
		if prev, ok := seen[k]; ok {
			errs = append(errs, &ParseError{name, n, fmt.Sprintf("duplicate %s id %q (first at line %d)", e.Type, e.ID, prev)})
			continue
		}
		seen[k] = n
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, &ParseError{name, n + 1, err.Error()})
	}
	return out, errs.Err()
}

func empty(s string) bool { return s == "" || s == "-" }

func parseLine(line string, attrCache map[string]map[string]string) (*Entry, string) {
	var cols [5]string
	n := 0
	for rest := line; ; n++ {
		c, r, more := strings.Cut(rest, "\t")
		if n < len(cols) {
			cols[n] = c
		}
		if !more {
			n++
			break
		}
		rest = r
	}
	if n < 3 || n > 5 {
		return nil, fmt.Sprintf("want 5 tab-separated columns (TYPE ID NAME FORMS ATTRS), got %d", n)
	}
	t := Type(strings.TrimSpace(cols[0]))
	if !t.valid() {
		return nil, fmt.Sprintf("unknown type %q (want one of %s)", cols[0], typeList())
	}
	id, name := strings.TrimSpace(cols[1]), strings.TrimSpace(cols[2])
	if empty(id) {
		return nil, "empty ID"
	}
	if empty(name) {
		return nil, "empty NAME"
	}
	e := &Entry{Type: t, ID: id, Name: name}
	if !empty(cols[3]) {
		e.Forms = make([]Form, 1, 2+strings.Count(cols[3], "|"))
		e.Forms[0] = Form{name, ViaName}
		for _, f := range strings.Split(cols[3], "|") {
			f = strings.TrimSpace(f)
			via := ViaAlias
			if p, rest, ok := strings.Cut(f, ":"); ok && (p == "demonym" || p == "metonym" || p == "alias") {
				via, f = Via(p), strings.TrimSpace(rest)
			}
			if f == "" {
				return nil, "empty form in FORMS"
			}
			e.Forms = append(e.Forms, Form{f, via})
		}
	} else {
		e.Forms = []Form{{name, ViaName}}
	}
	if m, ok := attrCache[cols[4]]; ok && !empty(cols[4]) {
		e.Attrs = m
	} else if !empty(cols[4]) {
		e.Attrs = make(map[string]string, 1+strings.Count(cols[4], ";"))
		for _, kv := range strings.Split(cols[4], ";") {
			kv = strings.TrimSpace(kv)
			if kv == "" {
				continue
			}
			k, v, ok := strings.Cut(kv, "=")
			if !ok || strings.TrimSpace(k) == "" {
				return nil, fmt.Sprintf("attribute %q is not key=value", kv)
			}
			e.Attrs[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
		if len(cols[4]) <= 24 { // gender=f, kind=say: worth sharing
			attrCache[cols[4]] = e.Attrs
		}
	}
	if g := e.Attrs["gender"]; g != "" && g != "m" && g != "f" && g != "x" {
		return nil, fmt.Sprintf("gender %q is not m, f or x", g)
	}
	return e, ""
}

func typeList() string {
	s := make([]string, len(Types))
	for i, t := range Types {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// LoadFile parses the lexicon file at path.
func LoadFile(path string) ([]*Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f, path)
}

// Write writes entries in the lexicon format, one per line.
func Write(w io.Writer, es []*Entry) error {
	bw := bufio.NewWriter(w)
	for _, e := range es {
		var forms []string
		for _, f := range e.Forms[1:] {
			if f.Via == ViaAlias {
				forms = append(forms, f.Text)
			} else {
				forms = append(forms, string(f.Via)+":"+f.Text)
			}
		}
		keys := make([]string, 0, len(e.Attrs))
		for k := range e.Attrs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		attrs := make([]string, len(keys))
		for i, k := range keys {
			attrs[i] = k + "=" + e.Attrs[k]
		}
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%s\n", e.Type, e.ID, e.Name, strings.Join(forms, "|"), strings.Join(attrs, ";"))
	}
	return bw.Flush()
}
