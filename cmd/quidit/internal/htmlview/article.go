package htmlview

import (
	"html/template"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/quidit/quidit/extract"
)

// Layer kinds, in nesting order: at equal spans a quote encloses the words
// naming its speaker, which enclose a mention, which encloses a cue.
const (
	kindQuote = iota
	kindWho
	kindMention
	kindCue
)

// layer is one highlighted span of the article: a quote, a mention, or the
// speaker or cue words of a quote.
type layer struct {
	extract.Span
	kind int
	idx  int // index into Doc.Quotes or Doc.Mentions
}

// point is something inserted between two characters of the text: the badge
// naming a quote's speaker, the label of a mention's type, the anchor of an
// empty quote.
type point struct {
	at    int // byte offset into Doc.Text
	order int // among points at the same offset
	html  string
}

// validSpan reports whether s is a range of whole characters of text.
func validSpan(text string, s extract.Span) bool {
	if s.Start < 0 || s.End < s.Start || s.End > len(text) {
		return false
	}
	return boundary(text, s.Start) && boundary(text, s.End)
}

func boundary(text string, i int) bool { return i == len(text) || utf8.RuneStart(text[i]) }

// articleHTML renders the text of d with every layer highlighted. The layers
// may nest or cross: the text is cut at every start and end, and an element
// that crosses the end of an enclosing one is closed and reopened (only its
// first piece carries its id). The text content of the result, ignoring CSS
// generated content, is exactly d.Text (but for NUL, which HTML cannot hold:
// it shows as U+FFFD). Spans that are not ranges of whole
// characters of d.Text are ignored.
func (r *docRender) articleHTML() template.HTML {
	d := r.d
	text := d.Text
	var layers []layer
	var points []point
	for i, q := range d.Quotes {
		if !validSpan(text, q.Span) {
			continue
		}
		if q.Len() > 0 {
			layers = append(layers, layer{q.Span, kindQuote, i})
		} else {
			points = append(points, point{q.Start, 0, `<span class="quote empty" id="` + r.quoteID(i) + `" data-q="` + r.quoteID(i) + `"></span>`})
		}
		points = append(points, point{badgeAt(text, q.End), 2, r.badge(i)})
		if q.Who.Len() > 0 && validSpan(text, q.Who) {
			layers = append(layers, layer{q.Who, kindWho, i})
		}
		if q.Cue.Len() > 0 && validSpan(text, q.Cue) {
			layers = append(layers, layer{q.Cue, kindCue, i})
		}
	}
	// A little space after each line break (the article keeps the text's
	// line breaks, white-space: pre-wrap).
	for i := strings.IndexByte(text, '\n'); i >= 0 && i+1 < len(text); {
		points = append(points, point{i + 1, -1, `<span class="gap"></span>`})
		j := strings.IndexByte(text[i+1:], '\n')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	for i, m := range d.Mentions {
		if m.Len() == 0 || !validSpan(text, m.Span) {
			continue
		}
		layers = append(layers, layer{m.Span, kindMention, i})
	}
	sort.SliceStable(layers, func(i, j int) bool {
		a, b := layers[i], layers[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		return a.kind < b.kind
	})

	// Every offset where something opens, closes or is inserted.
	cuts := []int{0, len(text)}
	for _, l := range layers {
		cuts = append(cuts, l.Start, l.End)
	}
	for _, p := range points {
		cuts = append(cuts, p.at)
	}
	sort.Ints(cuts)
	cuts = dedup(cuts)
	sort.SliceStable(points, func(i, j int) bool {
		if points[i].at != points[j].at {
			return points[i].at < points[j].at
		}
		return points[i].order < points[j].order
	})

	var b strings.Builder
	b.Grow(len(text) * 2)
	var stack []layer
	next := 0 // next layer to open
	pt := 0   // next point to insert
	for ci, at := range cuts {
		// Close the layers ending here, and the ones above them, reopening
		// the latter.
		low := -1
		for i, l := range stack {
			if l.End == at {
				low = i
				break
			}
		}
		if low >= 0 {
			var reopen []layer
			for i := len(stack) - 1; i >= low; i-- {
				l := stack[i]
				if l.End == at {
					r.closeLayer(&b, l)
				} else {
					b.WriteString("</span>")
					reopen = append(reopen, l)
				}
			}
			stack = stack[:low]
			for i := len(reopen) - 1; i >= 0; i-- {
				r.openLayer(&b, reopen[i], false)
				stack = append(stack, reopen[i])
			}
		}
		for pt < len(points) && points[pt].at == at {
			b.WriteString(points[pt].html)
			pt++
		}
		for next < len(layers) && layers[next].Start == at {
			l := layers[next]
			r.openLayer(&b, l, true)
			stack = append(stack, l)
			next++
		}
		if ci+1 < len(cuts) {
			b.WriteString(template.HTMLEscapeString(text[at:cuts[ci+1]]))
		}
	}
	return template.HTML(b.String())
}

func dedup(s []int) []int {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// badgeAt returns where the speaker badge of a quote ending at end goes:
// after the closing quotation mark when one follows (possibly after spaces).
func badgeAt(text string, end int) int {
	i := end
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch r {
		case ' ', '\u00a0', '\u202f', '\u2009':
			i += n
			continue
		case '»', '”', '›', '"', '“':
			return i + n
		}
		break
	}
	return end
}

// openLayer writes the start tag of a piece of l; first says whether it is
// the first piece, which carries the id.
func (r *docRender) openLayer(b *strings.Builder, l layer, first bool) {
	d := r.d
	switch l.kind {
	case kindQuote:
		q := d.Quotes[l.idx]
		id := r.quoteID(l.idx)
		b.WriteString(`<span class="quote q-` + classSafe(string(q.Kind)) + `" data-q="` + id + `"`)
		if first {
			b.WriteString(` id="` + id + `"`)
		}
		b.WriteString(` title="`)
		title := "quote " + strconv.Itoa(l.idx+1) + " (" + string(q.Kind) + ")"
		if who := r.speakerName(l.idx); who == unknownSpeaker {
			title += ", " + who
		} else {
			title += ", said by " + who
		}
		b.WriteString(template.HTMLEscapeString(title))
		b.WriteString(`">`)
	case kindWho:
		b.WriteString(`<span class="who" data-who="` + r.quoteID(l.idx) + `">`)
	case kindCue:
		b.WriteString(`<span class="cue" data-cue="` + r.quoteID(l.idx) + `">`)
	case kindMention:
		m := d.Mentions[l.idx]
		id := r.mentionID(l.idx)
		b.WriteString(`<span class="m t-` + classSafe(string(m.Type)) + `" data-m="` + id + `" data-type="`)
		b.WriteString(template.HTMLEscapeString(string(m.Type)))
		b.WriteString(`"`)
		if first {
			b.WriteString(` id="` + id + `"`)
		}
		if r.linked(m.Entity) {
			b.WriteString(` data-entity="` + r.entityID(m.Entity) + `"`)
		}
		b.WriteString(` title="`)
		title := r.canonical(m) + " — " + string(m.Type)
		if m.Via != "" {
			title += ", " + string(m.Via)
		}
		b.WriteString(template.HTMLEscapeString(title))
		b.WriteString(`">`)
	}
}

// closeLayer writes the end of the last piece of l, with the type label of a
// mention.
func (r *docRender) closeLayer(b *strings.Builder, l layer) {
	if l.kind == kindMention {
		m := r.d.Mentions[l.idx]
		b.WriteString(`<span class="lbl" data-for="` + r.mentionID(l.idx) + `" data-label="`)
		b.WriteString(template.HTMLEscapeString(typeLabel(m.Type)))
		b.WriteString(`"></span>`)
	}
	b.WriteString("</span>")
}

// badge returns the element naming the speaker of quote i. Its text is CSS
// generated content (data-speaker), so the article's text stays the input's.
func (r *docRender) badge(i int) string {
	q := r.d.Quotes[i]
	id := r.quoteID(i)
	name, class := r.speakerName(i), "said-by"
	switch {
	case r.linked(q.Speaker):
		return `<a class="said-by" href="#` + r.entityID(q.Speaker) + `" data-for="` + id + `" data-speaker="` +
			template.HTMLEscapeString(name) + `"></a>`
	case r.validEntity(q.Speaker):
	case name == unknownSpeaker:
		class += " unknown"
	default:
		class += " unlinked"
	}
	return `<span class="` + class + `" data-for="` + id + `" data-speaker="` + template.HTMLEscapeString(name) + `"></span>`
}

// classSafe maps s to a CSS class fragment: lower-case ASCII letters, digits
// and hyphens.
func classSafe(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteRune(c)
		default:
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}
