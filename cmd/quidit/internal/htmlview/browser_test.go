package htmlview

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/quidit/quidit/extract"
)

// The browser tests render pages in headless Chromium. They look for the
// browser in $QUIDIT_CHROMIUM, then /usr/bin/chromium and the PATH, and skip
// when there is none, unless QUIDIT_REQUIRE_BROWSER=1 (set by .ci/run), when
// they fail. QUIDIT_SCREENSHOT=FILE also copies the reference article's
// screenshot to FILE (how docs/html-reference.png is made).

// chromium returns the browser's path, or skips or fails the test.
func chromium(t *testing.T) string {
	t.Helper()
	if c := os.Getenv("QUIDIT_CHROMIUM"); c != "" {
		if _, err := os.Stat(c); err != nil {
			t.Fatalf("QUIDIT_CHROMIUM: %v", err)
		}
		return c
	}
	candidates := []string{"/usr/bin/chromium"}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			candidates = append(candidates, p)
		}
	}
	for _, c := range candidates {
		if fi, err := os.Stat(c); err == nil && !fi.IsDir() {
			return c
		}
	}
	msg := "no Chromium found (set QUIDIT_CHROMIUM, or apt-get install chromium)"
	if os.Getenv("QUIDIT_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + "; QUIDIT_REQUIRE_BROWSER=1 requires it")
	}
	t.Skip(msg)
	return ""
}

// runChromium runs headless Chromium with a fresh profile on the page file
// and returns its standard output.
func runChromium(t *testing.T, bin, page string, args ...string) []byte {
	t.Helper()
	profile, err := os.MkdirTemp(t.TempDir(), "profile")
	if err != nil {
		t.Fatal(err)
	}
	all := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions",
		"--hide-scrollbars", "--user-data-dir=" + profile,
	}, args...)
	all = append(all, "file://"+page)
	// Not a speed target: a bound on a hung browser.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, all...)
	cmd.WaitDelay = 10 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", bin, strings.Join(all, " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
}

// probeJS reads what the browser shows: text contents, computed styles,
// generated content and boxes. The test appends it to a copy of the page
// (without the page's Content-Security-Policy, which forbids scripts) and
// reads its JSON from the dumped DOM.
const probeJS = `<script>
(function () {
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function joined(attr, id) { return all('[' + attr + '="' + id + '"]').map(function (e) { return e.textContent; }).join(''); }
  function shown(e) { var r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; }
  var out = {pwned: window.__pwned === undefined ? null : String(window.__pwned), title: document.title,
    legend: {}, articles: [], rows: [], errors: all('.error-record').map(function (e) { return e.textContent; }),
    toc: all('nav.toc li a').map(function (a) { return a.getAttribute('href'); })};
  all('.legend .m').forEach(function (e) { out.legend[e.dataset.type] = getComputedStyle(e).backgroundColor; });
  all('.article').forEach(function (art) {
    var a = {text: art.textContent, mentions: [], quotes: []};
    all('.m[id]', art).forEach(function (e) {
      var lbl = art.querySelector('.lbl[data-for="' + e.id + '"]');
      a.mentions.push({id: e.id, text: joined('data-m', e.id), type: e.dataset.type, title: e.title,
        bg: getComputedStyle(e).backgroundColor,
        label: lbl ? getComputedStyle(lbl, '::after').content : '', labelShown: !!lbl && shown(lbl)});
    });
    all('.quote[id]', art).forEach(function (e) {
      var b = art.querySelector('.said-by[data-for="' + e.id + '"]');
      a.quotes.push({id: e.id, text: joined('data-q', e.id), bg: getComputedStyle(e).backgroundColor,
        speaker: b ? b.dataset.speaker : '', badge: b ? getComputedStyle(b, '::before').content : '',
        badgeShown: !!b && shown(b)});
    });
    out.articles.push(a);
  });
  all('table.quotes tbody tr').forEach(function (tr) {
    var c = tr.querySelectorAll('td');
    out.rows.push({speaker: c[1].textContent, kind: c[2].textContent, quote: c[3].textContent,
      href: c[3].querySelector('a').getAttribute('href'), cue: c[4].textContent});
  });
  var pre = document.createElement('pre');
  pre.id = 'quidit-probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>`

type probed struct {
	Pwned    *string
	Title    string
	Legend   map[string]string // type → background colour of its legend swatch
	Articles []struct {
		Text     string
		Mentions []struct {
			ID, Text, Type, Title, Bg, Label string
			LabelShown                       bool
		}
		Quotes []struct {
			ID, Text, Bg, Speaker, Badge string
			BadgeShown                   bool
		}
	}
	Rows   []struct{ Speaker, Kind, Quote, Href, Cue string }
	Errors []string
	TOC    []string
}

var probeRE = regexp.MustCompile(`(?s)<pre id="quidit-probe">(.*?)</pre>`)

// probe writes page with the probe script to dir, renders it and returns
// what the probe saw.
func probe(t *testing.T, bin, dir string, page []byte) *probed {
	t.Helper()
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy"[^>]*>\n?`)
	if !csp.Match(page) {
		t.Fatal("page has no Content-Security-Policy")
	}
	p := csp.ReplaceAll(page, nil)
	i := bytes.LastIndex(p, []byte("</body>"))
	if i < 0 {
		t.Fatal("page has no </body>")
	}
	p = append(p[:i:i], append([]byte(probeJS), p[i:]...)...)
	file := filepath.Join(dir, "probe.html")
	if err := os.WriteFile(file, p, 0o644); err != nil {
		t.Fatal(err)
	}
	dom := runChromium(t, bin, file, "--dump-dom")
	m := probeRE.FindSubmatch(dom)
	if m == nil {
		t.Fatalf("the probe did not run; dumped DOM:\n%.2000s", dom)
	}
	var out probed
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &out); err != nil {
		t.Fatalf("probe output: %v\n%s", err, m[1])
	}
	return &out
}

// TestBrowser renders the reference article's page in Chromium and checks
// what a reviewer sees: the Milley quote with its speaker beside it, the WSJ
// highlighted as an organisation, every mention coloured as its type in the
// legend, and the text unchanged. It saves a screenshot of the page.
func TestBrowser(t *testing.T) {
	bin := chromium(t)
	d := reference(t)
	dir := t.TempDir()
	var page bytes.Buffer
	if err := Write(&page, []*extract.Doc{d}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "russie-etats-unis-bases.html")
	if err := os.WriteFile(file, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got := probe(t, bin, dir, page.Bytes())
	if got.Pwned != nil {
		t.Errorf("a script ran: %s", *got.Pwned)
	}
	if len(got.Articles) != 1 {
		t.Fatalf("%d articles shown, want 1", len(got.Articles))
	}
	art := got.Articles[0]
	if art.Text != d.Text {
		t.Errorf("the article shows a text other than the input")
	}
	for _, typ := range []string{"PERSON", "COUNTRY", "LOCATION", "ORGANIZATION", "BASE"} {
		if c := got.Legend[typ]; c == "" || c == "rgba(0, 0, 0, 0)" {
			t.Errorf("legend colour of %s: %q", typ, c)
		}
	}
	if got.Legend["ORGANIZATION"] == got.Legend["PERSON"] || got.Legend["ORGANIZATION"] == got.Legend["COUNTRY"] {
		t.Errorf("organisations look like persons or countries: %v", got.Legend)
	}

	// Every mention is coloured as its type in the legend, with its label shown.
	for _, m := range art.Mentions {
		if c, ok := got.Legend[m.Type]; ok && m.Bg != c {
			t.Errorf("mention %s %q (%s) has colour %s, legend %s", m.ID, m.Text, m.Type, m.Bg, c)
		}
		if !m.LabelShown {
			t.Errorf("mention %s %q shows no type label", m.ID, m.Text)
		}
	}

	// The WSJ is highlighted as an organisation, its canonical name on hover.
	wsj := 0
	for _, m := range art.Mentions {
		if m.Text != "WSJ" {
			continue
		}
		wsj++
		if m.Type != "ORGANIZATION" || m.Bg != got.Legend["ORGANIZATION"] {
			t.Errorf("WSJ (%s) is highlighted as %s in %s, want ORGANIZATION in %s", m.ID, m.Type, m.Bg, got.Legend["ORGANIZATION"])
		}
		if !strings.Contains(m.Label, "ORG") {
			t.Errorf("WSJ (%s) is labelled %s, want ORG", m.ID, m.Label)
		}
		if !strings.HasPrefix(m.Title, "Wall Street Journal") {
			t.Errorf("WSJ (%s) shows %q on hover, want the canonical name Wall Street Journal", m.ID, m.Title)
		}
	}
	if wsj == 0 {
		t.Error("WSJ is not highlighted")
	}

	// The Milley quote is shown with its speaker beside it, and in the table.
	const milley = "Quand les leaders militaires de deux puissances communiquent, le monde devient un endroit plus sûr."
	found := false
	for _, q := range art.Quotes {
		if !strings.Contains(q.Text, "Quand les leaders militaires") {
			continue
		}
		found = true
		if q.Text != milley {
			t.Errorf("Milley quote %s shows %q, want %q", q.ID, q.Text, milley)
		}
		if q.Bg == "" || q.Bg == "rgba(0, 0, 0, 0)" {
			t.Errorf("Milley quote %s is not highlighted", q.ID)
		}
		if q.Speaker != "Mark Milley" || !strings.Contains(q.Badge, "Mark Milley") || !q.BadgeShown {
			t.Errorf("Milley quote %s is shown with speaker %q (badge %s, shown %v), want Mark Milley", q.ID, q.Speaker, q.Badge, q.BadgeShown)
		}
		row := false
		for _, r := range got.Rows {
			if r.Href == "#"+q.ID {
				row = true
				if r.Speaker != "Mark Milley" {
					t.Errorf("who said what: quote %s said by %q, want Mark Milley", q.ID, r.Speaker)
				}
			}
		}
		if !row {
			t.Errorf("who said what has no row linking to %s", q.ID)
		}
	}
	if !found {
		t.Errorf("the Milley quote « %s » is not marked as a quote", milley)
	}
	if len(got.Rows) != len(d.Quotes) {
		t.Errorf("who said what has %d rows, want %d", len(got.Rows), len(d.Quotes))
	}

	// A screenshot of the page as it is, Content-Security-Policy included.
	shot := filepath.Join(dir, "reference.png")
	runChromium(t, bin, file, "--screenshot="+shot, "--window-size=1280,2000")
	checkScreenshot(t, shot, 1280, 2000)
	t.Logf("screenshot: %s", shot)
	if dst := os.Getenv("QUIDIT_SCREENSHOT"); dst != "" {
		b, err := os.ReadFile(shot)
		if err == nil {
			err = os.WriteFile(dst, b, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("copied to %s", dst)
	}
}

// checkScreenshot checks that file is a w×h PNG showing something.
func checkScreenshot(t *testing.T, file string, w, h int) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Errorf("screenshot is %dx%d, want %dx%d", b.Dx(), b.Dy(), w, h)
	}
	colours := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y && len(colours) < 16; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
		}
	}
	if len(colours) < 16 {
		t.Errorf("screenshot shows %d colours: blank?", len(colours))
	}
}

// TestBrowserEscaping renders hostile documents and an error record on one
// page: no script runs, the markup shows as text, the table of contents lists
// all three.
func TestBrowserEscaping(t *testing.T) {
	bin := chromium(t)
	hostile := extractText(t, "hostile <i>&amp;</i>", hostileText)
	var page bytes.Buffer
	hw := NewWriter(&page)
	if err := hw.Add(hostile); err != nil {
		t.Fatal(err)
	}
	if err := hw.Add(hostileDoc()); err != nil {
		t.Fatal(err)
	}
	if err := hw.AddError("<script>window.__pwned = 9</script>", errors.New(hostileError)); err != nil {
		t.Fatal(err)
	}
	if err := hw.Close(); err != nil {
		t.Fatal(err)
	}
	got := probe(t, bin, t.TempDir(), page.Bytes())
	if got.Pwned != nil {
		t.Errorf("a script from the input ran: window.__pwned = %s", *got.Pwned)
	}
	if got.Title != "quidit: several documents" {
		t.Errorf("title %q", got.Title)
	}
	if len(got.Articles) != 2 || got.Articles[0].Text != hostileText || got.Articles[1].Text != hostileDoc().Text {
		t.Errorf("articles show %+v, want the input texts", got.Articles)
	}
	if len(got.Errors) != 1 || !strings.Contains(got.Errors[0], "<script>window.__pwned = 9</script>") || !strings.Contains(got.Errors[0], hostileError) {
		t.Errorf("error record shows %q, want its id and error as text", got.Errors)
	}
	if want := []string{"#d1", "#d2", "#d3"}; strings.Join(got.TOC, " ") != strings.Join(want, " ") {
		t.Errorf("table of contents %v, want %v", got.TOC, want)
	}
	if len(got.Articles) == 2 {
		qs := got.Articles[1].Quotes
		if len(qs) != 1 || qs[0].Speaker != `"><img src=x onerror="window.__pwned = 6">` || !strings.Contains(qs[0].Badge, `onerror`) {
			t.Errorf("hostile speaker name not shown as text: %+v", qs)
		}
	}
}
