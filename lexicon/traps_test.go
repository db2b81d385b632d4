package lexicon_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/lexicon"
)

type trapWant struct {
	Start, End int // byte offsets
	Type, ID   string
	Via        string
}

type trapCase struct {
	text string
	want []trapWant
}

// trapCases are names that are also common words or parts of other names:
// the matcher must find the name and only the name.
var trapCases = []trapCase{
	{"Paris a annoncé qu'il ne ferait plus de paris.", []trapWant{
		{0, 5, "LOCATION", "insee:75056", "lexicon"}, // Paris
	}},
	{"Il a fait des paris sur le match.", nil},
	{"Il habite à Tours depuis dix ans.", []trapWant{
		{13, 18, "LOCATION", "insee:37261", "lexicon"}, // Tours
	}},
	{"Les tours de Notre-Dame. Tours est en travaux.", nil},
	{"Il a mangé une orange à Orange.", []trapWant{
		{26, 32, "LOCATION", "insee:84087", "lexicon"}, // Orange
	}},
	{"Orange a annoncé ses résultats.", nil},
	{"Nice est une ville agréable.", nil},
	{"Elle vit près de Nice depuis 2010.", []trapWant{
		{18, 22, "LOCATION", "insee:06088", "lexicon"}, // Nice
	}},
	{"Marine Le Pen a visité la Marine nationale.", []trapWant{
		{0, 13, "PERSON", "marine-le-pen", "lexicon"},           // Marine Le Pen
		{27, 43, "ORGANIZATION", "marine-nationale", "lexicon"}, // Marine nationale
	}},
	{"Pierre Dupont a ramassé une pierre.", nil},
	{"Air France et France Télévisions, en France.", []trapWant{
		{0, 10, "ORGANIZATION", "air-france", "lexicon"},          // Air France
		{14, 34, "ORGANIZATION", "france-televisions", "lexicon"}, // France Télévisions
		{39, 45, "COUNTRY", "FR", "lexicon"},                      // France
	}},
	{"Le Tour de France passe par Troyes.", []trapWant{
		{28, 34, "LOCATION", "insee:10387", "lexicon"}, // Troyes
	}},
	{"Le Kremlin a démenti, selon la Maison-Blanche.", []trapWant{
		{3, 10, "ORGANIZATION", "kremlin", "lexicon"},         // Kremlin
		{32, 46, "ORGANIZATION", "maison-blanche", "lexicon"}, // Maison-Blanche
	}},
	{"Moscou a démenti. Il est arrivé à Moscou.", []trapWant{
		{0, 6, "COUNTRY", "RU", "metonym"},                 // Moscou: Russia
		{37, 43, "LOCATION", "geonames:524901", "lexicon"}, // à Moscou: the city
	}},
	{"Poutine et Zelenskyy ont parlé avec Xi Jinping.", []trapWant{
		{0, 7, "PERSON", "vladimir-poutine", "alias"},     // Poutine
		{11, 20, "PERSON", "volodymyr-zelensky", "alias"}, // Zelenskyy
		{37, 47, "PERSON", "xi-jinping", "lexicon"},       // Xi Jinping
	}},
	{"L'ONU et l'Otan, pas l'onu.", []trapWant{
		{2, 5, "ORGANIZATION", "onu", "alias"},    // ONU
		{11, 15, "ORGANIZATION", "otan", "alias"}, // Otan
	}},
	{"Des soldats russes aux USA et aux É.-U.", []trapWant{
		{12, 18, "COUNTRY", "RU", "demonym"}, // russes
		{23, 26, "COUNTRY", "US", "alias"},   // USA
		{34, 40, "COUNTRY", "US", "alias"},   // É.-U.
	}},
	{"Greg Van Avermaet devance Adam Yates.", nil},
	{"Sur Radio-Canada, la rencontre Biden-Poutine.", []trapWant{
		{31, 36, "PERSON", "joe-biden", "alias"},        // Biden
		{37, 44, "PERSON", "vladimir-poutine", "alias"}, // Poutine
	}},
	{"La 201e base militaire russe au Tadjikistan et la base aérienne de Kant.", []trapWant{
		{3, 28, "BASE", "201e-base-russe", "lexicon"}, // 201e base militaire russe
		{32, 43, "COUNTRY", "TJ", "lexicon"},          // Tadjikistan
		{50, 72, "BASE", "kant", "lexicon"},           // base aérienne de Kant
	}},
	{"La Vodafone Arena et l'ONU António Guterres.", []trapWant{
		{23, 26, "ORGANIZATION", "onu", "alias"},          // ONU, before a person's name
		{27, 44, "PERSON", "antonio-guterres", "lexicon"}, // António Guterres
	}},
	{"Le secrétaire général de l'OTSC est en Asie centrale.", []trapWant{
		{30, 34, "ORGANIZATION", "otsc", "alias"},  // OTSC
		{42, 55, "LOCATION", "m49-143", "lexicon"}, // Asie centrale
	}},
}

var (
	matcherOnce sync.Once
	matcher     *extract.Matcher
	matcherErr  error
)

func defaultMatcher(t testing.TB) *extract.Matcher {
	matcherOnce.Do(func() {
		lex, err := lexicon.Default()
		if err != nil {
			matcherErr = err
			return
		}
		matcher = extract.NewMatcher(lex, extract.NewTokenizer())
	})
	if matcherErr != nil {
		t.Fatal(matcherErr)
	}
	return matcher
}

func match(m *extract.Matcher, text string) *extract.Doc {
	d := &extract.Doc{ID: "t", Text: text}
	extract.NewSegmenter().Segment(d)
	extract.NewTokenizer().Tokenize(d)
	m.Match(d)
	return d
}

func TestTraps(t *testing.T) {
	m := defaultMatcher(t)
	for _, c := range trapCases {
		d := match(m, c.text)
		var got []trapWant
		for _, mm := range d.Mentions {
			id := ""
			if mm.Entry != nil {
				id = mm.Entry.ID
			}
			got = append(got, trapWant{mm.Start, mm.End, string(mm.Type), id, string(mm.Via)})
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%q:\n got  %v\n want %v", c.text, spans(c.text, got), spans(c.text, c.want))
		}
	}
}

func spans(text string, ws []trapWant) string {
	var b strings.Builder
	for _, w := range ws {
		fmt.Fprintf(&b, "[%d:%d %q %s %s %s] ", w.Start, w.End, text[w.Start:w.End], w.Type, w.ID, w.Via)
	}
	return b.String()
}

// TestDefaultCovers checks entries every newsroom needs, by type and ID.
func TestDefaultCovers(t *testing.T) {
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []struct {
		t  lexicon.Type
		id string
	}{
		{lexicon.Country, "RU"}, {lexicon.Country, "US"}, {lexicon.Country, "TJ"}, {lexicon.Country, "KG"},
		{lexicon.Country, "AF"}, {lexicon.Country, "FR"}, {lexicon.Country, "CN"}, {lexicon.Location, "m49-143"},
		{lexicon.Location, "indo-pacifique"}, {lexicon.Location, "geonames:2660646"}, {lexicon.Location, "geonames:658225"},
		{lexicon.Person, "vladimir-poutine"}, {lexicon.Person, "joe-biden"}, {lexicon.Person, "mark-milley"},
		{lexicon.Person, "valeri-guerassimov"}, {lexicon.Organization, "wall-street-journal"}, {lexicon.Organization, "aukus"},
		{lexicon.Organization, "conseil-securite-nationale-us"}, {lexicon.Organization, "teria-news"},
		{lexicon.Title, "m"}, {lexicon.Title, "mme"}, {lexicon.Title, "president"}, {lexicon.Title, "chef-etat-major"},
		{lexicon.FirstName, "mark"}, {lexicon.FirstName, "joe"}, {lexicon.SpeechVerb, "affirmer"},
		{lexicon.SpeechVerb, "qualifier"}, {lexicon.SpeechVerb, "declarer"}, {lexicon.SpeechVerb, "marteler"},
		{lexicon.SpeechVerb, "nier"}, {lexicon.SpeechVerb, "dementir"},
	} {
		if lex.Lookup(k.t, k.id) == nil {
			t.Errorf("default lexicon lacks %s %s", k.t, k.id)
		}
	}
	st := lex.Stats()
	if st[lexicon.Country] < 249 {
		t.Errorf("%d countries, want every ISO 3166-1 entry (249)", st[lexicon.Country])
	}
}

// TestSpeechVerbForms checks single-word conjugated forms of speech verbs.
func TestSpeechVerbForms(t *testing.T) {
	m := defaultMatcher(t)
	tok := extract.NewTokenizer()
	for _, c := range []struct{ form, lemma string }{
		{"déclaré", "déclarer"}, {"déclare", "déclarer"}, {"affirment", "affirmer"}, {"martèle", "marteler"},
		{"niait", "nier"}, {"démenti", "démentir"}, {"qualifie", "qualifier"}, {"a", ""}, {"maison", ""},
	} {
		toks := tok.Append(nil, c.form, extract.Span{Start: 0, End: len(c.form)})
		n, lemma := m.SpeechVerb(toks)
		if lemma != c.lemma || (lemma != "" && n != 1) {
			t.Errorf("SpeechVerb(%q) = %d, %q; want 1, %q", c.form, n, lemma, c.lemma)
		}
	}
}

// TestFirstNamesAndTitles checks genders of first names and titles.
func TestFirstNamesAndTitles(t *testing.T) {
	m := defaultMatcher(t)
	for _, c := range []struct {
		name string
		g    byte
	}{{"Emmanuel", 'm'}, {"Marine", 'f'}, {"Dominique", 'x'}, {"Pierre", 'm'}, {"Kremlin", 0}} {
		if g := m.FirstName(lexicon.Fold(c.name)); g != c.g {
			t.Errorf("FirstName(%q) = %q, want %q", c.name, g, c.g)
		}
	}
	tok := extract.NewTokenizer()
	for _, c := range []struct{ text, id, gender string }{
		{"Mme", "mme", "f"}, {"présidente", "presidente", "f"}, {"ministre", "ministre", "x"},
		{"chef d'état-major", "chef-etat-major", "x"}, {"général", "general", "m"},
	} {
		toks := tok.Append(nil, c.text, extract.Span{Start: 0, End: len(c.text)})
		n, e := m.Title(toks)
		if e == nil || n != len(toks) || e.ID != c.id || e.Attr("gender") != c.gender {
			t.Errorf("Title(%q) = %d, %v; want %s gender=%s", c.text, n, e, c.id, c.gender)
		}
	}
}

// TestLoadRejectsMalformed checks that a bad user file is an error naming its
// file, line and reason, and that a good one overrides the default.
func TestLoadRejectsMalformed(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.tsv")
	os.WriteFile(bad, []byte("# people\nPERSON\tx\tX\t-\tgender=m\nPERSONNE\ty\tY\t-\t-\nPERSON\tz\tZ\t-\tgender=q\nPERSON\tx\tX2\t-\t-\n"), 0o644)
	_, err := lexicon.Load(true, bad)
	if err == nil {
		t.Fatal("Load accepted a malformed file")
	}
	for _, want := range []string{bad + ":3: unknown type", bad + ":4: gender", bad + ":5: duplicate PERSON id"} {
		found := false
		for _, e := range err.(lexicon.ErrorList) {
			if strings.HasPrefix(e.Error(), want) {
				found = true
			}
		}
		if !found {
			t.Errorf("error %v does not report %q", err, want)
		}
	}
	good := filepath.Join(dir, "good.tsv")
	os.WriteFile(good, []byte("PERSON\tvladimir-poutine\tV. Poutine\tPoutine\tgender=m\nORGANIZATION\tteria\tTeria\t-\t-\n"), 0o644)
	lex, err := lexicon.Load(false, good)
	if err != nil {
		t.Fatal(err)
	}
	if e := lex.Lookup(lexicon.Person, "vladimir-poutine"); e == nil || e.Name != "V. Poutine" {
		t.Errorf("user entry does not override the default: %v", e)
	}
	if d, _ := lexicon.Default(); d.Lookup(lexicon.Person, "vladimir-poutine").Name != "Vladimir Poutine" {
		t.Error("loading a user file changed the shared default lexicon")
	}
	lex, err = lexicon.Load(true, good)
	if err != nil || len(lex.Entries()) != 2 {
		t.Errorf("--no-default-lexicon: %d entries, err %v; want 2", len(lex.Entries()), err)
	}
}

// BenchmarkLoadDefault measures parsing the embedded lexicon's files and
// building its matcher, as a process does once at start (target: < 100 ms,
// < 150 MB of heap). heap-MB is the live heap the lexicon and matcher hold;
// cpu-ms/op the processor time of a load, GC included, which a busy machine
// does not inflate as it does ns/op.
func BenchmarkLoadDefault(b *testing.B) {
	files, _ := filepath.Glob("data/*.tsv")
	b.ReportAllocs()
	var (
		lex *lexicon.Lexicon
		err error
		r0  syscall.Rusage
		r1  syscall.Rusage
	)
	syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
	for i := 0; i < b.N; i++ {
		lex, err = lexicon.Load(true, files...)
		if err != nil {
			b.Fatal(err)
		}
		extract.NewMatcher(lex, extract.NewTokenizer())
	}
	b.StopTimer()
	// CPU time of the process (all threads, GC included) per load: unlike
	// ns/op, it does not grow when the machine is busy.
	syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
	cpu := time.Duration(r1.Utime.Nano() + r1.Stime.Nano() - r0.Utime.Nano() - r0.Stime.Nano())
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	var before, after runtime.MemStats
	lex = nil
	runtime.GC()
	runtime.ReadMemStats(&before)
	lex, _ = lexicon.Load(true, files...)
	m := extract.NewMatcher(lex, extract.NewTokenizer())
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(m)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
}

// TestMatcherWordListsOnly is the regression test of a matcher built from a
// lexicon with no entity (--no-default-lexicon and a first-name file).
func TestMatcherWordListsOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "names.tsv")
	os.WriteFile(path, []byte("FIRSTNAME\tzoe\tZoé\t-\tgender=f\n"), 0o644)
	lex, err := lexicon.Load(true, path)
	if err != nil {
		t.Fatal(err)
	}
	m := extract.NewMatcher(lex, extract.NewTokenizer())
	if d := match(m, "Zoé Durand est venue."); len(d.Mentions) != 0 {
		t.Errorf("mentions %v, want none", d.Mentions)
	}
	if g := m.FirstName(lexicon.Fold("Zoé")); g != 'f' {
		t.Errorf("FirstName(Zoé) = %q, want 'f'", g)
	}
}

// TestMatcherShared runs one matcher from several goroutines: it is built
// once and read-only (run with -race to check).
func TestMatcherShared(t *testing.T) {
	m := defaultMatcher(t)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, c := range trapCases {
				if d := match(m, c.text); len(d.Mentions) != len(c.want) {
					t.Errorf("%q: %d mentions, want %d", c.text, len(d.Mentions), len(c.want))
				}
			}
		}()
	}
	wg.Wait()
}
