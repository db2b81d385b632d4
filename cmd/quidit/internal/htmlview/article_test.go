package htmlview

import (
	"fmt"
	"html"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quidit/quidit/extract"
)

// scanned is what scanArticle recovers from an article's HTML: the text, and
// for every element the byte offsets into that text it covers.
type scanned struct {
	text   string
	pieces map[string][]extract.Span // "m:d1-m1", "q:d1-q1", "who:d1-q1", "cue:d1-q1": one span per element
	at     map[string]int            // "badge:d1-q1", "lbl:d1-m1", "anchor:d1-q1": where the element is
	ids    map[string]int            // id attribute → offset of its element
	attrs  map[string]map[string]string
}

// scanArticle parses the HTML that articleHTML writes (only <span>, <a> and
// escaped text) and checks that its tags nest.
func scanArticle(s string) (*scanned, error) {
	out := &scanned{pieces: map[string][]extract.Span{}, at: map[string]int{}, ids: map[string]int{}, attrs: map[string]map[string]string{}}
	type open struct {
		key   string
		start int
		tag   string
	}
	var text strings.Builder
	var stack []open
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			i = len(s)
		}
		if strings.ContainsAny(s[:i], `>"`) {
			return nil, fmt.Errorf("unescaped character in text %q", s[:i])
		}
		text.WriteString(html.UnescapeString(s[:i]))
		s = s[i:]
		if s == "" {
			break
		}
		j := strings.IndexByte(s, '>')
		if j < 0 {
			return nil, fmt.Errorf("unterminated tag %q", s)
		}
		tag := s[1:j]
		s = s[j+1:]
		if strings.HasPrefix(tag, "/") {
			if len(stack) == 0 || stack[len(stack)-1].tag != tag[1:] {
				return nil, fmt.Errorf("</%s> does not close the open element", tag[1:])
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if o.key != "" {
				out.pieces[o.key] = append(out.pieces[o.key], extract.Span{Start: o.start, End: text.Len()})
			}
			continue
		}
		name, attrs, err := parseTag(tag)
		if err != nil {
			return nil, err
		}
		pos := text.Len()
		if id := attrs["id"]; id != "" {
			if _, dup := out.ids[id]; dup {
				return nil, fmt.Errorf("duplicate id %q", id)
			}
			out.ids[id] = pos
			out.attrs[id] = attrs
		}
		key := ""
		switch {
		case attrs["data-m"] != "":
			key = "m:" + attrs["data-m"]
		case attrs["data-q"] != "" && attrs["class"] != "quote empty":
			key = "q:" + attrs["data-q"]
		case attrs["data-q"] != "":
			out.at["anchor:"+attrs["data-q"]] = pos
		case attrs["data-who"] != "":
			key = "who:" + attrs["data-who"]
		case attrs["data-cue"] != "":
			key = "cue:" + attrs["data-cue"]
		case strings.HasPrefix(attrs["class"], "said-by"):
			out.at["badge:"+attrs["data-for"]] = pos
			out.attrs["badge:"+attrs["data-for"]] = attrs
		case attrs["class"] == "lbl":
			out.at["lbl:"+attrs["data-for"]] = pos
			out.attrs["lbl:"+attrs["data-for"]] = attrs
		}
		stack = append(stack, open{key, pos, name})
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("%d elements left open", len(stack))
	}
	out.text = text.String()
	return out, nil
}

// parseTag splits `span class="x" id="y"` into its name and attributes.
func parseTag(tag string) (string, map[string]string, error) {
	name, rest, _ := strings.Cut(tag, " ")
	attrs := map[string]string{}
	for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
		k, v, ok := strings.Cut(rest, `="`)
		if !ok {
			return "", nil, fmt.Errorf("bad attributes %q", rest)
		}
		end := strings.IndexByte(v, '"')
		if end < 0 {
			return "", nil, fmt.Errorf("unterminated attribute %q", rest)
		}
		if strings.ContainsAny(v[:end], "<>") {
			return "", nil, fmt.Errorf("unescaped attribute value %q", v[:end])
		}
		attrs[k] = html.UnescapeString(v[:end])
		rest = v[end+1:]
	}
	return name, attrs, nil
}

func sp(s, e int) extract.Span { return extract.Span{Start: s, End: e} }

// at returns the byte offset of the first occurrence of sub in s, for
// readable test tables.
func at(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		panic(sub + " not in " + s)
	}
	return i
}

func TestArticleHTML(t *testing.T) {
	const quoted = "Le président a déclaré : « Paris restera fidèle » hier."
	const crossing = "Il cite « le New York » Times et part."
	const nasty = `<b>x</b> & "y" <script>z</script>`
	const utf = "Genève, été."
	p := at(quoted, "Paris")
	q0, q1 := at(quoted, "Paris"), at(quoted, " »")
	type want struct {
		pieces map[string][]extract.Span
		at     map[string]int
		attrs  map[string]map[string]string // id or point key → attributes checked
	}
	tests := []struct {
		name     string
		text     string
		mentions []extract.Mention
		entities []extract.Entity
		quotes   []extract.Quote
		want     want
	}{
		{
			name: "plain text",
			text: "Rien à signaler.\nDeux lignes.",
			want: want{pieces: map[string][]extract.Span{}, at: map[string]int{}},
		},
		{
			name: "mention inside a quote, badge after the closing mark",
			text: quoted,
			mentions: []extract.Mention{
				{Span: sp(at(quoted, "président"), at(quoted, "président")+len("président")), Type: "PERSON", Entity: 0, Via: extract.ViaPattern},
				{Span: sp(p, p+len("Paris")), Type: "LOCATION", Entity: 1},
			},
			entities: []extract.Entity{{Type: "PERSON", Name: "Emmanuel Macron"}, {Type: "LOCATION", Name: "Paris"}},
			quotes: []extract.Quote{{Span: sp(q0, q1), Kind: extract.Direct, Speaker: 0,
				Who: sp(at(quoted, "Le président"), at(quoted, " a déclaré")), Cue: sp(at(quoted, "déclaré"), at(quoted, " :"))}},
			want: want{
				pieces: map[string][]extract.Span{
					"m:d1-m1":   {sp(at(quoted, "président"), at(quoted, " a déclaré"))},
					"m:d1-m2":   {sp(p, p+len("Paris"))},
					"q:d1-q1":   {sp(q0, q1)},
					"who:d1-q1": {sp(at(quoted, "Le président"), at(quoted, " a déclaré"))},
					"cue:d1-q1": {sp(at(quoted, "déclaré"), at(quoted, " :"))},
				},
				at: map[string]int{
					"badge:d1-q1": at(quoted, " hier"),
					"lbl:d1-m1":   at(quoted, " a déclaré"),
					"lbl:d1-m2":   p + len("Paris"),
				},
				attrs: map[string]map[string]string{
					"badge:d1-q1": {"data-speaker": "Emmanuel Macron", "href": "#d1-E1"},
					"d1-m1":       {"title": "Emmanuel Macron — PERSON, pattern", "data-type": "PERSON", "data-entity": "d1-E1", "class": "m t-person"},
					"lbl:d1-m2":   {"data-label": "LOC"},
				},
			},
		},
		{
			name: "mention crossing the end of a quote is split, id on the first piece",
			text: crossing,
			mentions: []extract.Mention{
				{Span: sp(at(crossing, "New York"), at(crossing, " et")), Type: "ORGANIZATION", Entity: -1, Name: "New York Times"},
			},
			quotes: []extract.Quote{{Span: sp(at(crossing, "le New"), at(crossing, " »")), Kind: extract.Partial, Speaker: -1, Who: extract.NoSpan, Cue: extract.NoSpan}},
			want: want{
				pieces: map[string][]extract.Span{
					"m:d1-m1": {sp(at(crossing, "New York"), at(crossing, " »")), sp(at(crossing, " »"), at(crossing, " et"))},
					"q:d1-q1": {sp(at(crossing, "le New"), at(crossing, " »"))},
				},
				at: map[string]int{
					"badge:d1-q1": at(crossing, " Times"), // after the closing mark, inside the mention
					"lbl:d1-m1":   at(crossing, " et"),
				},
				attrs: map[string]map[string]string{
					"d1-m1":       {"title": "New York Times — ORGANIZATION"},
					"badge:d1-q1": {"data-speaker": unknownSpeaker, "class": "said-by unknown"},
				},
			},
		},
		{
			name:     "quote starting inside a mention is split at the mention's end",
			text:     "AB CD",
			mentions: []extract.Mention{{Span: sp(0, 2), Type: "PERSON", Entity: -1}},
			quotes:   []extract.Quote{{Span: sp(1, 4), Kind: extract.Indirect, Speaker: -1, Who: sp(3, 5)}},
			want: want{
				pieces: map[string][]extract.Span{
					"m:d1-m1":   {sp(0, 2)},
					"q:d1-q1":   {sp(1, 2), sp(2, 4)},
					"who:d1-q1": {sp(3, 4), sp(4, 5)},
				},
				at: map[string]int{"badge:d1-q1": 4, "lbl:d1-m1": 2},
				attrs: map[string]map[string]string{
					"badge:d1-q1": {"data-speaker": "CD", "class": "said-by unlinked"},
				},
			},
		},
		{
			name: "adjacent mentions and a mention equal to the speaker words",
			text: "Biden-Poutine parle.",
			mentions: []extract.Mention{
				{Span: sp(0, 5), Type: "PERSON", Entity: 0},
				{Span: sp(6, 13), Type: "PERSON", Entity: 1},
			},
			entities: []extract.Entity{{Type: "PERSON", Name: "Joe Biden"}, {Type: "PERSON", Name: "Vladimir Poutine"}},
			quotes:   []extract.Quote{{Span: sp(14, 20), Kind: extract.Indirect, Speaker: 1, Who: sp(6, 13), Cue: sp(14, 19)}},
			want: want{
				pieces: map[string][]extract.Span{
					"m:d1-m1":   {sp(0, 5)},
					"m:d1-m2":   {sp(6, 13)},
					"who:d1-q1": {sp(6, 13)},
					"q:d1-q1":   {sp(14, 20)},
					"cue:d1-q1": {sp(14, 19)},
				},
				at:    map[string]int{"badge:d1-q1": 20, "lbl:d1-m1": 5, "lbl:d1-m2": 13},
				attrs: map[string]map[string]string{"badge:d1-q1": {"data-speaker": "Vladimir Poutine", "href": "#d1-E2"}},
			},
		},
		{
			name: "markup in the text is escaped, offsets kept",
			text: nasty,
			mentions: []extract.Mention{
				{Span: sp(at(nasty, "<script>"), at(nasty, "z")), Type: `ORG"><script>`, Entity: 0},
			},
			entities: []extract.Entity{{Type: `ORG"><script>`, Name: `"><script>alert(1)</script>`}},
			quotes:   []extract.Quote{{Span: sp(0, at(nasty, " &")), Kind: `"><i>`, Speaker: 0}},
			want: want{
				pieces: map[string][]extract.Span{
					"m:d1-m1": {sp(at(nasty, "<script>"), at(nasty, "z"))},
					"q:d1-q1": {sp(0, at(nasty, " &"))},
				},
				at: map[string]int{"badge:d1-q1": at(nasty, " &"), "lbl:d1-m1": at(nasty, "z")},
				attrs: map[string]map[string]string{
					"d1-m1":       {"class": "m t-org---script-", "data-type": `ORG"><script>`},
					"badge:d1-q1": {"data-speaker": `"><script>alert(1)</script>`},
					"d1-q1":       {"class": "quote q----i-"},
				},
			},
		},
		{
			name: "bad spans are ignored: out of range, reversed, inside a character, bad indexes",
			text: utf,
			mentions: []extract.Mention{
				{Span: sp(0, 99), Type: "LOCATION", Entity: 0},
				{Span: sp(5, 3), Type: "LOCATION", Entity: 0},
				{Span: sp(0, 4), Type: "LOCATION", Entity: 0}, // "Gen" + half of è
				{Span: sp(-1, 2), Type: "LOCATION", Entity: 0},
				{Span: sp(0, len("Genève")), Type: "LOCATION", Entity: 7}, // entity out of range
			},
			quotes: []extract.Quote{
				{Span: sp(9, 11), Kind: extract.Direct, Speaker: 42, Who: sp(100, 200), Cue: sp(3, 100)},
				{Span: sp(50, 60), Kind: extract.Direct, Speaker: -1},
			},
			want: want{
				pieces: map[string][]extract.Span{
					"m:d1-m5": {sp(0, len("Genève"))},
					"q:d1-q1": {sp(9, 11)},
				},
				at: map[string]int{"badge:d1-q1": 11, "lbl:d1-m5": len("Genève")},
				attrs: map[string]map[string]string{
					"d1-m5":       {"title": "Genève — LOCATION"},
					"badge:d1-q1": {"data-speaker": unknownSpeaker},
				},
			},
		},
		{
			name:   "an empty quote keeps an anchor and a badge",
			text:   "« » dit-il.",
			quotes: []extract.Quote{{Span: sp(len("« "), len("« ")), Kind: extract.Direct, Speaker: -1}},
			want: want{
				pieces: map[string][]extract.Span{},
				at:     map[string]int{"anchor:d1-q1": len("« "), "badge:d1-q1": len("« »")},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &extract.Doc{ID: "t", Text: tt.text, Mentions: tt.mentions, Entities: tt.entities, Quotes: tt.quotes}
			r := &docRender{d: d, n: 1}
			got, err := scanArticle(string(r.articleHTML()))
			if err != nil {
				t.Fatalf("%v in\n%s", err, r.articleHTML())
			}
			if got.text != tt.text {
				t.Errorf("text = %q, want %q", got.text, tt.text)
			}
			if !reflect.DeepEqual(got.pieces, tt.want.pieces) {
				t.Errorf("pieces = %v, want %v", got.pieces, tt.want.pieces)
			}
			if !reflect.DeepEqual(got.at, tt.want.at) {
				t.Errorf("points = %v, want %v", got.at, tt.want.at)
			}
			for key, want := range tt.want.attrs {
				for k, v := range want {
					if g := got.attrs[key][k]; g != v {
						t.Errorf("%s %s = %q, want %q", key, k, g, v)
					}
				}
			}
			// The id of a split element is on its first piece.
			for key, ps := range got.pieces {
				if key[0] == 'm' || key[0] == 'q' {
					id := key[strings.IndexByte(key, ':')+1:]
					if off, ok := got.ids[id]; !ok || off != ps[0].Start {
						t.Errorf("id %s at %d (present %v), want at %d", id, off, ok, ps[0].Start)
					}
				}
			}
		})
	}
}

func TestBadgeAt(t *testing.T) {
	tests := []struct {
		text string
		end  int
		want int
	}{
		{"« oui » dit-il", len("« oui"), len("« oui »")},
		{"« oui\u202f» dit-il", len("« oui"), len("« oui\u202f»")},
		{"“yes”, he said", len("“yes"), len("“yes”")},
		{"il affirme que tout va bien. Puis", len("il affirme que tout va bien"), len("il affirme que tout va bien")},
		{"« oui", len("« oui"), len("« oui")},
		{"« oui   ", len("« oui"), len("« oui")},
	}
	for _, tt := range tests {
		if got := badgeAt(tt.text, tt.end); got != tt.want {
			t.Errorf("badgeAt(%q, %d) = %d, want %d", tt.text, tt.end, got, tt.want)
		}
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"court", 10, "court"},
		{"exactement dix", 14, "exactement dix"},
		{"un deux trois quatre cinq", 12, "un deux…"},
		{"éééééééééé", 4, "éééé…"},
		{"motsansespacetreslong", 8, "motsanse…"},
	}
	for _, tt := range tests {
		if got := shorten(tt.in, tt.n); got != tt.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

// FuzzArticleHTML renders arbitrary spans over arbitrary text: the HTML must
// nest, show exactly the text, and each valid mention and quote must cover
// exactly its span, in contiguous pieces.
func FuzzArticleHTML(f *testing.F) {
	f.Add("Le président a déclaré : « Paris restera fidèle » hier.", []byte{3, 12, 26, 31, 26, 49, 0, 12, 13, 22})
	f.Add("AB CD", []byte{0, 2, 1, 4, 3, 5})
	f.Add("<b>&amp;</b>\n« é »", []byte{0, 3, 1, 200, 14, 15, 9, 9})
	f.Fuzz(func(t *testing.T, text string, spans []byte) {
		if !utf8.ValidString(text) {
			return
		}
		span := func(i int) extract.Span {
			return extract.Span{Start: int(int8(spans[i])), End: int(int8(spans[i+1]))}
		}
		d := &extract.Doc{Text: text, Entities: []extract.Entity{{Type: "PERSON", Name: "X"}}}
		for i := 0; i+1 < len(spans); i += 2 {
			switch (i / 2) % 4 {
			case 0, 2:
				d.Mentions = append(d.Mentions, extract.Mention{Span: span(i), Type: "PERSON", Entity: i%3 - 1})
			case 1:
				q := extract.Quote{Span: span(i), Kind: extract.Direct, Speaker: i%3 - 1, Who: extract.NoSpan, Cue: extract.NoSpan}
				if i+3 < len(spans) {
					q.Who = span(i + 2)
				}
				d.Quotes = append(d.Quotes, q)
			case 3:
				if len(d.Quotes) > 0 {
					d.Quotes[len(d.Quotes)-1].Cue = span(i)
				}
			}
		}
		r := &docRender{d: d, n: 1}
		got, err := scanArticle(string(r.articleHTML()))
		if err != nil {
			t.Fatalf("%v in\n%s", err, r.articleHTML())
		}
		// HTML has no NUL: the escaper writes U+FFFD (the extractor rejects NUL anyway).
		if want := strings.ReplaceAll(text, "\x00", "\uFFFD"); got.text != want {
			t.Fatalf("text %q, want %q", got.text, want)
		}
		if strings.Contains(text, "\x00") {
			return // each NUL became three bytes: the pieces' offsets are not the text's
		}
		check := func(key string, s extract.Span) {
			ps := got.pieces[key]
			if s.Len() == 0 || !validSpan(text, s) {
				if len(ps) > 0 {
					t.Errorf("%s: invalid span %v rendered as %v", key, s, ps)
				}
				return
			}
			if len(ps) == 0 || ps[0].Start != s.Start || ps[len(ps)-1].End != s.End {
				t.Fatalf("%s: span %v rendered as %v", key, s, ps)
			}
			for k := 1; k < len(ps); k++ {
				if ps[k].Start != ps[k-1].End {
					t.Fatalf("%s: pieces %v not contiguous", key, ps)
				}
			}
		}
		for i, m := range d.Mentions {
			check("m:"+r.mentionID(i), m.Span)
		}
		for i, q := range d.Quotes {
			check("q:"+r.quoteID(i), q.Span)
		}
	})
}

func BenchmarkWrite(b *testing.B) {
	d := reference(b)
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := Write(io.Discard, []*extract.Doc{d}); err != nil {
			b.Fatal(err)
		}
	}
}
