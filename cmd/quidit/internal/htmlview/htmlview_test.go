package htmlview

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/lexicon"
)

const referenceArticle = "../../../../testdata/russie-etats-unis-bases.txt"

var (
	xOnce sync.Once
	xErr  error
	xtor  *extract.Extractor
)

// extractText runs the default pipeline on text.
func extractText(t testing.TB, id, text string) *extract.Doc {
	t.Helper()
	xOnce.Do(func() {
		var lex *lexicon.Lexicon
		if lex, xErr = lexicon.Default(); xErr == nil {
			xtor, xErr = extract.New(lex)
		}
	})
	if xErr != nil {
		t.Fatal(xErr)
	}
	d, err := xtor.Extract(id, text)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func reference(t testing.TB) *extract.Doc {
	t.Helper()
	b, err := os.ReadFile(referenceArticle)
	if err != nil {
		t.Fatal(err)
	}
	return extractText(t, "russie-etats-unis-bases", string(b))
}

// hostileText is an article that would run script if written unescaped.
const hostileText = `Le <script>window.__pwned = 1</script> & <img src=x onerror="window.__pwned = 2"> ` +
	`Emmanuel Macron a déclaré : « <b>Bonjour</b> & au revoir </span></div> ». ` +
	"Mais le <style>body{display:none}</style> reste du texte &amp; &lt; <!-- commentaire -->."

// hostileDoc is a hand-made document whose id, types, names and kinds are
// all markup.
func hostileDoc() *extract.Doc {
	text := `<script>window.__pwned = 3</script> dit "oui" & 'non'`
	end := strings.Index(text, " dit")
	return &extract.Doc{
		ID:   `<script>window.__pwned = 4</script>&amp;`,
		Text: text,
		Mentions: []extract.Mention{
			{Span: extract.Span{Start: 0, End: end}, Type: `PERSON" onmouseover="window.__pwned = 5`, Entity: 0, Via: `"><script>`},
		},
		Entities: []extract.Entity{{Type: `PERSON" onmouseover="window.__pwned = 5`, Name: `"><img src=x onerror="window.__pwned = 6">`, Ref: `</td><script>x</script>`, Mentions: []int{0}}},
		Quotes: []extract.Quote{{Span: extract.Span{Start: end + len(` dit "`), End: end + len(` dit "oui`)}, Kind: `"><script>window.__pwned = 7</script>`,
			Speaker: 0, Who: extract.Span{Start: 0, End: end}, Cue: extract.Span{Start: end + 1, End: end + 4}}},
	}
}

const hostileError = `<script>window.__pwned = 8</script> & <b>bold</b>`

// tagRE matches the start of any element.
var tagRE = regexp.MustCompile(`(?i)<\s*/?\s*([a-z!][a-z0-9-]*)`)

// allowedTags are the elements a page may contain; anything else came from
// the input.
var allowedTags = map[string]bool{
	"!doctype": true, "html": true, "head": true, "meta": true, "title": true, "style": true, "body": true,
	"header": true, "main": true, "nav": true, "section": true, "span": true, "a": true, "ul": true, "ol": true,
	"li": true, "h1": true, "h2": true, "h3": true, "p": true, "div": true, "table": true, "thead": true,
	"tbody": true, "tr": true, "th": true, "td": true,
}

func TestEscaping(t *testing.T) {
	var buf bytes.Buffer
	hw := NewWriter(&buf)
	if err := hw.Add(extractText(t, "hostile <i>&</i>", hostileText)); err != nil {
		t.Fatal(err)
	}
	if err := hw.Add(hostileDoc()); err != nil {
		t.Fatal(err)
	}
	if err := hw.AddError(`<script>id</script>`, errors.New(hostileError)); err != nil {
		t.Fatal(err)
	}
	if err := hw.Close(); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, m := range tagRE.FindAllStringSubmatch(page, -1) {
		if !allowedTags[strings.ToLower(m[1])] {
			t.Errorf("page contains element %q from the input", m[0])
		}
	}
	for _, bad := range []string{`onerror="`, `onmouseover="`, "<script", "<img", "<b>", "<!--"} {
		if strings.Contains(strings.ToLower(page), strings.ToLower(bad)) {
			t.Errorf("page contains %q unescaped", bad)
		}
	}
	if n := strings.Count(page, "<style"); n != 1 {
		t.Errorf("page has %d <style> elements, want its own only", n)
	}
	// The articles show the input's text.
	var texts []string
	for _, m := range regexp.MustCompile(`(?s)<div class="article" lang="fr">(.*?)</div>`).FindAllStringSubmatch(page, -1) {
		sc, err := scanArticle(m[1])
		if err != nil {
			t.Fatalf("%v in\n%s", err, m[1])
		}
		texts = append(texts, sc.text)
	}
	if want := []string{hostileText, hostileDoc().Text}; !reflect.DeepEqual(texts, want) {
		t.Errorf("articles show\n%q\nwant\n%q", texts, want)
	}
	for _, want := range []string{
		"&lt;script&gt;window.__pwned = 4&lt;/script&gt;&amp;amp;",
		"Error: &lt;script&gt;window.__pwned = 8&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks the escaped text %q", want)
		}
	}
}

func TestSelfContained(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, []*extract.Doc{reference(t)}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if !strings.Contains(page, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`) {
		t.Error("page lacks its Content-Security-Policy")
	}
	for _, bad := range []string{"http:", "https:", "file:", `"//`, " src=", "<link", "url(", "@import", "<script", "@font-face"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q: it must need nothing outside itself", bad)
		}
	}
	// Every link is to an anchor of the page.
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		if ids[m[1]] {
			t.Errorf("duplicate id %q", m[1])
		}
		ids[m[1]] = true
	}
	links := regexp.MustCompile(` href="([^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(links) == 0 {
		t.Fatal("no links")
	}
	for _, m := range links {
		if !strings.HasPrefix(m[1], "#") || !ids[m[1][1:]] {
			t.Errorf("link %q goes nowhere in the page", m[1])
		}
	}
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

var errFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriter(t *testing.T) {
	a := &extract.Doc{ID: "a.txt", Text: "Premier texte."}
	b := &extract.Doc{ID: "b.txt", Text: "Second texte."}
	type item struct {
		doc *extract.Doc
		err string // an error record when doc is nil
	}
	tests := []struct {
		name     string
		items    []item
		title    string
		sections []string // ids of the sections, in order
		toc      []string // hrefs of the table of contents, or nil for none
		contains []string
	}{
		{name: "no documents", title: "quidit: no documents", contains: []string{"No documents."}},
		{name: "one document", items: []item{{doc: a}}, title: "quidit: a.txt", sections: []string{"d1"}},
		{name: "one error record", items: []item{{err: "bad UTF-8"}}, title: "quidit: (no id)", sections: []string{"d1"},
			contains: []string{`<section class="doc error-record" id="d1">`, "Error: bad UTF-8"}},
		{name: "several documents and an error", items: []item{{doc: a}, {err: "too large"}, {doc: b}},
			title: "quidit: several documents", sections: []string{"d1", "d2", "d3"}, toc: []string{"#d1", "#d2", "#d3"},
			contains: []string{`<body class="multi">`, "<h2>3 documents</h2>", "Error: too large", `<span class="error">error</span>`}},
	}
	sectionRE := regexp.MustCompile(`<section class="doc[^"]*" id="([^"]+)"`)
	tocRE := regexp.MustCompile(`<li><a href="([^"]+)"`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			hw := NewWriter(&buf)
			for _, it := range tt.items {
				var err error
				if it.doc != nil {
					err = hw.Add(it.doc)
				} else {
					err = hw.AddError("", errors.New(it.err))
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			if len(tt.items) < 2 && buf.Len() > 0 {
				t.Errorf("wrote %d bytes before knowing the page has one document", buf.Len())
			}
			if err := hw.Close(); err != nil {
				t.Fatal(err)
			}
			if err := hw.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
			if err := hw.Add(a); err == nil {
				t.Error("Add after Close succeeded")
			}
			page := buf.String()
			if !strings.HasPrefix(page, "<!DOCTYPE html>") || !strings.HasSuffix(page, "</html>\n") {
				t.Errorf("not one whole page:\n%s", page)
			}
			if n := strings.Count(page, "<html"); n != 1 {
				t.Errorf("%d <html> elements", n)
			}
			if !strings.Contains(page, "<title>"+tt.title+"</title>") {
				t.Errorf("title is not %q", tt.title)
			}
			var sections, toc []string
			for _, m := range sectionRE.FindAllStringSubmatch(page, -1) {
				sections = append(sections, m[1])
			}
			if navAt := strings.Index(page, `<nav class="toc"`); navAt >= 0 {
				for _, m := range tocRE.FindAllStringSubmatch(page[navAt:], -1) {
					toc = append(toc, m[1])
				}
			}
			if !reflect.DeepEqual(sections, tt.sections) {
				t.Errorf("sections %v, want %v", sections, tt.sections)
			}
			if !reflect.DeepEqual(toc, tt.toc) {
				t.Errorf("table of contents %v, want %v", toc, tt.toc)
			}
			for _, s := range tt.contains {
				if !strings.Contains(page, s) {
					t.Errorf("page lacks %q", s)
				}
			}
		})
	}
}

func TestWriterErrorIsSticky(t *testing.T) {
	d := &extract.Doc{ID: "a", Text: strings.Repeat("texte ", 1000)}
	hw := NewWriter(&failWriter{n: 100})
	if err := hw.Add(d); err != nil {
		t.Fatalf("first Add wrote: %v", err)
	}
	if err := hw.Add(d); !errors.Is(err, errFull) {
		t.Errorf("second Add: %v, want %v", err, errFull)
	}
	if err := hw.AddError("x", errors.New("y")); !errors.Is(err, errFull) {
		t.Errorf("AddError: %v, want %v", err, errFull)
	}
	if err := hw.Close(); !errors.Is(err, errFull) {
		t.Errorf("Close: %v, want %v", err, errFull)
	}
	if err := NewWriter(&bytes.Buffer{}).Add(nil); err == nil {
		t.Error("Add(nil) succeeded")
	}
}

func TestTables(t *testing.T) {
	text := "Selon le WSJ, Joe Biden a affirmé que le Wall Street Journal se trompe. « Non » , dit Biden. Il ajoute « " +
		strings.Repeat("très ", 40) + "long »."
	idx := func(s string, k int) extract.Span { // the k-th occurrence of s
		i := -1
		for ; k >= 0; k-- {
			i += 1 + strings.Index(text[i+1:], s)
		}
		return extract.Span{Start: i, End: i + len(s)}
	}
	long := idx("très", 0)
	long.End = strings.Index(text, " long") + len(" long")
	d := &extract.Doc{ID: "t", Text: text,
		Mentions: []extract.Mention{
			{Span: idx("WSJ", 0), Type: "ORGANIZATION", Entity: 1},
			{Span: idx("Joe Biden", 0), Type: "PERSON", Entity: 0},
			{Span: idx("Wall Street Journal", 0), Type: "ORGANIZATION", Entity: 1},
			{Span: idx("Biden", 1), Type: "PERSON", Entity: 0},
		},
		Entities: []extract.Entity{
			{Type: "PERSON", Name: "Joe Biden", Mentions: []int{1, 3}},
			{Type: "ORGANIZATION", Name: "Wall Street Journal", Ref: "wsj", Mentions: []int{0, 2, 99}},
		},
		Quotes: []extract.Quote{
			{Span: extract.Span{Start: idx("le Wall", 0).Start, End: idx(" se trompe", 0).End}, Kind: extract.Indirect, Speaker: 0,
				Who: idx("Joe Biden", 0), Cue: idx("a affirmé", 0)},
			{Span: idx("Non", 0), Kind: extract.Direct, Speaker: -1, Who: idx("Biden", 1), Cue: idx("dit", 0)},
			{Span: long, Kind: extract.Direct, Speaker: -1, Who: extract.NoSpan, Cue: extract.NoSpan},
		},
	}
	v := (&docRender{d: d, n: 2}).view()
	wantQuotes := []quoteRow{
		{N: 1, Href: "#d2-q1", Speaker: "Joe Biden", SpeakerHref: "#d2-E1", Kind: "indirect",
			Text: "le Wall Street Journal se trompe", Full: "le Wall Street Journal se trompe", Cue: "a affirmé"},
		{N: 2, Href: "#d2-q2", Speaker: "Biden", SpeakerClass: "unlinked", Kind: "direct", Text: "Non", Full: "Non", Cue: "dit"},
		{N: 3, Href: "#d2-q3", Speaker: unknownSpeaker, SpeakerClass: "unknown", Kind: "direct",
			Text: strings.TrimSpace(strings.Repeat("très ", 28)) + "…", Full: strings.Repeat("très ", 40) + "long"},
	}
	if !reflect.DeepEqual(v.Quotes, wantQuotes) {
		t.Errorf("quotes\n got %+v\nwant %+v", v.Quotes, wantQuotes)
	}
	wantEntities := []entityRow{
		{ID: "E1", Anchor: "d2-E1", Type: "PERSON", Class: "t-person", Label: "PER", Name: "Joe Biden", Count: 2,
			Forms: []form{{"Joe Biden", 1, "#d2-m2"}, {"Biden", 1, "#d2-m4"}}},
		{ID: "E2", Anchor: "d2-E2", Type: "ORGANIZATION", Class: "t-organization", Label: "ORG", Name: "Wall Street Journal", Ref: "wsj", Count: 3,
			Forms: []form{{"WSJ", 1, "#d2-m1"}, {"Wall Street Journal", 1, "#d2-m3"}}},
	}
	if !reflect.DeepEqual(v.Entities, wantEntities) {
		t.Errorf("entities\n got %+v\nwant %+v", v.Entities, wantEntities)
	}
	// Forms are counted.
	d.Mentions[2].Span = idx("WSJ", 0)
	v = (&docRender{d: d, n: 2}).view()
	if got := v.Entities[1].Forms; !reflect.DeepEqual(got, []form{{"WSJ", 2, "#d2-m1"}}) {
		t.Errorf("forms of a repeated mention: %+v", got)
	}
}

func TestWriteDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	docs := []*extract.Doc{
		{ID: "articles/b.txt", Text: "Un."},
		{ID: "b.txt", Text: "Deux."},
		{ID: "B", Text: "Trois."},
		{ID: "index", Text: "Quatre."},
		{ID: "../../etc/passwd", Text: "Cinq."},
		{ID: "", Text: "Six."},
		{ID: "<é>", Text: "Sept."},
		nil,
	}
	if err := WriteDir(dir, docs); err != nil {
		t.Fatal(err)
	}
	want := []string{"b.html", "b-2.html", "B-3.html", "index-2.html", "passwd.html", "doc.html", "doc-2.html", "index.html"}
	var got []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		got = append(got, e.Name())
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			t.Errorf("missing %s in %v", w, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("files %v, want %v", got, want)
	}
	index, err := os.ReadFile(filepath.Join(dir, IndexFile))
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	for _, m := range regexp.MustCompile(`<td><a href="([^"]+)">`).FindAllStringSubmatch(string(index), -1) {
		links = append(links, m[1])
	}
	if !reflect.DeepEqual(links, want[:7]) {
		t.Errorf("index links %v, want %v", links, want[:7])
	}
	if !strings.Contains(string(index), `<td class="error">no document</td>`) || !strings.Contains(string(index), "8 documents") {
		t.Errorf("index lacks the error record or the count:\n%s", index)
	}
	page, err := os.ReadFile(filepath.Join(dir, "passwd.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`<a class="back" href="index.html">`, `<h2 class="doc-id">../../etc/passwd</h2>`, `<section class="doc" id="d5">`} {
		if !strings.Contains(string(page), s) {
			t.Errorf("passwd.html lacks %q", s)
		}
	}
}

func TestFileSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"russie-etats-unis-bases.txt", "russie-etats-unis-bases"},
		{"dir/sub/a b c.txt", "a-b-c"},
		{`C:\x\y.html`, "y"},
		{"..", "doc"},
		{".hidden", "hidden"},
		{"x.tar.gz", "x.tar"},
		{"Genève été", "Gen-ve-t"},
		{"dir/", "dir"},
		{strings.Repeat("a", 200), strings.Repeat("a", 80)},
	}
	for _, tt := range tests {
		if got := fileSafe(tt.in); got != tt.want {
			t.Errorf("fileSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTitle(t *testing.T) {
	title := &extract.Doc{Text: "Joe Biden : « Non »",
		Mentions: []extract.Mention{{Span: sp(0, len("Joe Biden")), Type: "PERSON", Entity: 0}},
		Entities: []extract.Entity{{Type: "PERSON", Name: "Joe Biden", Mentions: []int{0}}},
		Quotes:   []extract.Quote{{Span: sp(len("Joe Biden : « "), len("Joe Biden : « Non")), Kind: extract.Direct, Speaker: 0, Who: sp(0, len("Joe Biden"))}},
	}
	body := &extract.Doc{ID: "t", Text: "Biden parle.",
		Mentions: []extract.Mention{{Span: sp(0, len("Biden")), Type: "PERSON", Entity: 0}},
		Entities: []extract.Entity{{Type: "PERSON", Name: "Joe Biden", Mentions: []int{0}}},
	}
	var buf bytes.Buffer
	hw := NewWriter(&buf)
	if err := hw.AddTitled(body, title); err != nil {
		t.Fatal(err)
	}
	if err := hw.Close(); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	m := regexp.MustCompile(`<div class="headline" lang="fr">(.*)</div>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no headline in\n%s", page)
	}
	got, err := scanArticle(m[1])
	if err != nil {
		t.Fatal(err)
	}
	wantPieces := map[string][]extract.Span{
		"m:d1-title-m1":   {sp(0, len("Joe Biden"))},
		"who:d1-title-q1": {sp(0, len("Joe Biden"))},
		"q:d1-title-q1":   {title.Quotes[0].Span},
	}
	if got.text != title.Text || !reflect.DeepEqual(got.pieces, wantPieces) {
		t.Errorf("headline %q %v, want %q %v", got.text, got.pieces, title.Text, wantPieces)
	}
	if a := got.attrs["badge:d1-title-q1"]; a["data-speaker"] != "Joe Biden" || a["href"] != "" || a["class"] != "said-by" {
		t.Errorf("title quote badge %v, want Joe Biden without a link (the title's entities have no rows)", a)
	}
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		if ids[m[1]] {
			t.Errorf("duplicate id %q", m[1])
		}
		ids[m[1]] = true
	}
	for _, m := range regexp.MustCompile(` href="#([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if !ids[m[1]] {
			t.Errorf("link #%s goes nowhere", m[1])
		}
	}
	if !ids["d1-m1"] || !ids["d1-title-m1"] {
		t.Errorf("mention ids of the text and the title: %v", ids)
	}
}
