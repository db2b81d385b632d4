package htmlview

import (
	"html/template"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quidit/quidit/extract"
)

// unknownSpeaker is shown for a quote whose speaker the text does not name.
const unknownSpeaker = "speaker unknown"

// quoteRunes is the length of a quote in the "who said what" table, in
// characters, before it is shortened.
const quoteRunes = 140

// docRender renders document d, the n-th of its page: ids are prefixed "dN-",
// or "dN-title-" for the title of document n (sub = "-title"), whose entities
// have no rows to link to.
type docRender struct {
	d     *extract.Doc
	n     int
	sub   string
	title *extract.Doc // the analysed title of d, or nil
}

func docAnchor(n int) string { return "d" + strconv.Itoa(n) }

func (r *docRender) anchor() string         { return docAnchor(r.n) }
func (r *docRender) prefix() string         { return r.anchor() + r.sub }
func (r *docRender) quoteID(i int) string   { return r.prefix() + "-q" + strconv.Itoa(i+1) }
func (r *docRender) mentionID(i int) string { return r.prefix() + "-m" + strconv.Itoa(i+1) }

// entityID is the anchor of entity e's row; its suffix is the entity's id in
// the JSON output (E1, E2, …).
func (r *docRender) entityID(e int) string { return r.prefix() + "-" + extract.EntityID(e) }

func (r *docRender) validEntity(e int) bool { return e >= 0 && e < len(r.d.Entities) }

// linked reports whether entity e has a row in the page to link to.
func (r *docRender) linked(e int) bool { return r.sub == "" && r.validEntity(e) }

func (r *docRender) entityOf(m extract.Mention) int {
	if r.validEntity(m.Entity) {
		return m.Entity
	}
	return -1
}

// canonical returns the canonical name of the entity m names.
func (r *docRender) canonical(m extract.Mention) string {
	if e := r.entityOf(m); e >= 0 && r.d.Entities[e].Name != "" {
		return r.d.Entities[e].Name
	}
	if m.Name != "" {
		return m.Name
	}
	if validSpan(r.d.Text, m.Span) {
		return r.d.Slice(m.Span)
	}
	return "?"
}

// speakerName returns the name of quote i's speaker: the entity's canonical
// name, else the words naming the speaker, else unknownSpeaker.
func (r *docRender) speakerName(i int) string {
	q := r.d.Quotes[i]
	if r.validEntity(q.Speaker) && r.d.Entities[q.Speaker].Name != "" {
		return r.d.Entities[q.Speaker].Name
	}
	if q.Who.Len() > 0 && validSpan(r.d.Text, q.Who) {
		return oneLine(r.d.Slice(q.Who))
	}
	return unknownSpeaker
}

// docView is what the section template shows of a document.
type docView struct {
	Anchor   string
	ID       string
	Title    template.HTML // the analysed title, or ""
	Article  template.HTML
	Mentions int
	Quotes   []quoteRow
	Entities []entityRow
}

type quoteRow struct {
	N            int
	Href         string // the quote in the text
	Speaker      string
	SpeakerHref  string // the speaker's entity row, or ""
	SpeakerClass string // "", "unknown" or "unlinked"
	Kind         string
	Text, Full   string // shortened and whole
	Cue          string
}

type entityRow struct {
	ID     string // E1, …
	Anchor string
	Type   string
	Class  string
	Label  string
	Name   string
	Ref    string
	Count  int
	Forms  []form
}

type form struct {
	Text string
	N    int
	Href string // its first mention
}

func (r *docRender) view() docView {
	d := r.d
	v := docView{Anchor: r.anchor(), ID: d.ID, Article: r.articleHTML(), Mentions: len(d.Mentions)}
	if r.title != nil {
		v.Title = (&docRender{d: r.title, n: r.n, sub: "-title"}).articleHTML()
	}
	for i, q := range d.Quotes {
		row := quoteRow{N: i + 1, Href: "#" + r.quoteID(i), Speaker: r.speakerName(i), Kind: string(q.Kind)}
		switch {
		case r.validEntity(q.Speaker):
			row.SpeakerHref = "#" + r.entityID(q.Speaker)
		case row.Speaker == unknownSpeaker:
			row.SpeakerClass = "unknown"
		default:
			row.SpeakerClass = "unlinked"
		}
		if validSpan(d.Text, q.Span) {
			row.Full = oneLine(d.Slice(q.Span))
			row.Text = shorten(row.Full, quoteRunes)
		}
		if q.Cue.Len() > 0 && validSpan(d.Text, q.Cue) {
			row.Cue = oneLine(d.Slice(q.Cue))
		}
		v.Quotes = append(v.Quotes, row)
	}
	for i, e := range d.Entities {
		row := entityRow{ID: extract.EntityID(i), Anchor: r.entityID(i), Type: string(e.Type),
			Class: "t-" + classSafe(string(e.Type)), Label: typeLabel(e.Type), Name: e.Name, Ref: e.Ref, Count: len(e.Mentions)}
		seen := map[string]int{}
		for _, mi := range e.Mentions {
			if mi < 0 || mi >= len(d.Mentions) || !validSpan(d.Text, d.Mentions[mi].Span) {
				continue
			}
			t := oneLine(d.Slice(d.Mentions[mi].Span))
			if k, ok := seen[t]; ok {
				row.Forms[k].N++
				continue
			}
			seen[t] = len(row.Forms)
			row.Forms = append(row.Forms, form{Text: t, N: 1, Href: "#" + r.mentionID(mi)})
		}
		v.Entities = append(v.Entities, row)
	}
	return v
}

// oneLine replaces runs of white space in s by one space.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, func(c rune) bool { return c != ' ' && unicode.IsSpace(c) }) && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// shorten cuts s to at most n characters, at a word boundary when one is near,
// and adds "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut, k := 0, 0
	for i := range s {
		if k == n {
			cut = i
			break
		}
		k++
	}
	t := s[:cut]
	if j := strings.LastIndexByte(t, ' '); j > len(t)/2 {
		t = t[:j]
	}
	return strings.TrimRight(t, " ,;:") + "…"
}
