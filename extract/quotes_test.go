package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/quidit/quidit/lexicon"
)

// testLexiconTSV adds to the default lexicon a few people and the speech
// verbs the quote tests use, so that the tests do not depend on the size of
// the generated speech-verb list.
const testLexiconTSV = `PERSON	test-marie-curie	Marie Curie	Curie	gender=f
PERSON	test-paul-durand	Paul Durand	Durand	gender=m
ORGANIZATION	test-le-monde	Le Monde		kind=media
SPEECHVERB	test-declarer	déclarer	déclare|déclarent|a déclaré|déclaré|ont déclaré	
SPEECHVERB	test-ajouter	ajouter	ajoute|a ajouté|ajouté|ajoutant	
SPEECHVERB	test-affirmer	affirmer	affirme|affirment|a affirmé|affirmé|ont affirmé	
SPEECHVERB	test-estimer	estimer	estime|estiment|a estimé|estimé|estimant	
SPEECHVERB	test-qualifier	qualifier	qualifie|a qualifié|qualifié	
SPEECHVERB	test-dire	dire	dit|a dit|disent	
SPEECHVERB	test-decrire	décrire	décrit|a décrit	
SPEECHVERB	test-indiquer	indiquer	indique|a indiqué	
SPEECHVERB	test-noter	noter	note|notez|a noté	
`

var (
	testQFOnce sync.Once
	testQFLex  *lexicon.Lexicon
	testQFErr  error
)

func testQuoteExtractor(t testing.TB) *Extractor {
	t.Helper()
	testQFOnce.Do(func() {
		def, err := lexicon.Default()
		if err != nil {
			testQFErr = err
			return
		}
		es, err := lexicon.Parse(strings.NewReader(testLexiconTSV), "quotes_test")
		if err != nil {
			testQFErr = err
			return
		}
		testQFLex = def.Clone()
		testQFLex.Add(es...)
	})
	if testQFErr != nil {
		t.Fatal(testQFErr)
	}
	x, err := New(testQFLex)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// wantQuote describes an expected quote by the text of its spans; the test
// turns each into byte offsets (the n-th occurrence, counting from 1, after
// the quote's own start for Who and Cue when they follow it) and checks them.
type wantQuote struct {
	kind    QuoteKind
	text    string // the quote span
	who     string // "" for NoSpan
	cue     string // "" for NoSpan
	speaker string // the entity's name, "" for -1
}

// quoteSpanOf returns the span of the nth occurrence of s in text, or NoSpan.
func quoteSpanOf(text, s string, n int) Span {
	if s == "" {
		return NoSpan
	}
	off := 0
	for k := 0; k < n; k++ {
		i := strings.Index(text[off:], s)
		if i < 0 {
			return Span{-2, -2}
		}
		if k == n-1 {
			return Span{off + i, off + i + len(s)}
		}
		off += i + len(s)
	}
	return Span{-2, -2}
}

func checkSpan(t *testing.T, what string, text string, got, want Span) {
	t.Helper()
	if got != want {
		gs, ws := "?", "?"
		if got.Valid() && got.End <= len(text) {
			gs = text[got.Start:got.End]
		}
		if want.Valid() && want.End <= len(text) {
			ws = text[want.Start:want.End]
		}
		t.Errorf("%s: got %v %q, want %v %q", what, got, gs, want, ws)
	}
}

func TestQuotes(t *testing.T) {
	x := testQuoteExtractor(t)
	tests := []struct {
		name string
		text string
		want []wantQuote
	}{
		{"colon introduction", "Marie Curie a déclaré : « Nous avons gagné. »",
			[]wantQuote{{Direct, "Nous avons gagné.", "Marie Curie", "a déclaré", "Marie Curie"}}},
		{"verb and name after", "« Nous avons gagné », a déclaré Marie Curie.",
			[]wantQuote{{Direct, "Nous avons gagné", "Marie Curie", "a déclaré", "Marie Curie"}}},
		{"inverted pronoun after", "Marie Curie était à Paris. « Nous avons gagné », a-t-elle ajouté.",
			[]wantQuote{{Direct, "Nous avons gagné", "elle", "a-t-elle ajouté", "Marie Curie"}}},
		{"pronoun of the right gender", "Marie Curie a vu Paul Durand. « Nous avons gagné », a-t-il ajouté.",
			[]wantQuote{{Direct, "Nous avons gagné", "il", "a-t-il ajouté", "Paul Durand"}}},
		{"role after the verb", "« La situation est grave », estime la ministre.",
			[]wantQuote{{Direct, "La situation est grave", "la ministre", "estime", ""}}},
		{"dash signature", "« Le monde devient un endroit plus sûr. » — Paul Durand",
			[]wantQuote{{Direct, "Le monde devient un endroit plus sûr.", "Paul Durand", "—", "Paul Durand"}}},
		{"name alone on the next line", "« Le monde devient un endroit plus sûr. »\nMark Milley\nLa suite.",
			[]wantQuote{{Direct, "Le monde devient un endroit plus sûr.", "Mark Milley", "", "Mark Milley"}}},
		{"partial quote", "Mark Milley a toutefois qualifié la rencontre de « productive ».",
			[]wantQuote{{Partial, "productive", "Mark Milley", "a toutefois qualifié", "Mark Milley"}}},
		{"indirect", "Le Wall Street Journal affirme que les bases seront utilisées.",
			[]wantQuote{{Indirect, "les bases seront utilisées", "Wall Street Journal", "affirme", "Wall Street Journal"}}},
		{"selon at the head", "Selon le Wall Street Journal, les bases seront utilisées.",
			[]wantQuote{{AccordingTo, "les bases seront utilisées", "le Wall Street Journal", "Selon", "Wall Street Journal"}}},
		{"selon at the end", "Les bases seront utilisées selon le WSJ.",
			[]wantQuote{{AccordingTo, "Les bases seront utilisées", "le WSJ", "selon", "Wall Street Journal"}}},
		{"d'après", "D’après Paul Durand, la rencontre a eu lieu.",
			[]wantQuote{{AccordingTo, "la rencontre a eu lieu", "Paul Durand", "D’après", "Paul Durand"}}},
		{"selon before a quote", "Selon Paul Durand, « la rencontre a eu lieu ».",
			[]wantQuote{{Partial, "la rencontre a eu lieu", "Paul Durand", "Selon", "Paul Durand"}}},
		{"pour X comma quote", "Pour Paul Durand, « la rencontre a eu lieu ».",
			[]wantQuote{{Partial, "la rencontre a eu lieu", "Paul Durand", "Pour", "Paul Durand"}}},
		{"aux yeux de", "Aux yeux de Paul Durand, la rencontre était utile.",
			[]wantQuote{{AccordingTo, "la rencontre était utile", "Paul Durand", "Aux yeux de", "Paul Durand"}}},
		{"de source diplomatique", "La rencontre aura lieu jeudi, de source diplomatique.",
			[]wantQuote{{AccordingTo, "La rencontre aura lieu jeudi", "source diplomatique", "de source", ""}}},
		{"role to the person it names", "Le ministre de l’Intérieur, Paul Durand, était à Lyon. « Nous agirons vite », a déclaré le ministre.",
			[]wantQuote{{Direct, "Nous agirons vite", "le ministre", "a déclaré", "Paul Durand"}}},
		{"country as speaker", "La Russie a qualifié ce transfert d’« inacceptable ».",
			[]wantQuote{{Partial, "inacceptable", "Russie", "a qualifié", "Russie"}}},
		{"comme l'a confirmé X", "« Une opération a été menée ce matin », comme l’a confirmé le procureur de Reims.",
			[]wantQuote{{Direct, "Une opération a été menée ce matin", "le procureur de Reims", "comme l’a confirmé", ""}}},
		{"selon as an incise after the subject", "Le bilan, selon la préfecture, fait état d’un mort.",
			[]wantQuote{{AccordingTo, "Le bilan, selon la préfecture, fait état d’un mort", "la préfecture", "selon", ""}}},
		{"selon X, apposition, statement", "Selon Paul Durand, un professeur de Lyon, la planète est gelée.",
			[]wantQuote{{AccordingTo, "la planète est gelée", "Paul Durand", "Selon", "Paul Durand"}}},
		{"pour l'occasion is no source", "Pour l’occasion, Paul Durand a chanté une chanson.", nil},
		{"imperative is no speech", "Notez que la rencontre a eu lieu.", nil},
		{"spokesman of an entity", "Le porte-parole du Kremlin indique que la rencontre a eu lieu.",
			[]wantQuote{{Indirect, "la rencontre a eu lieu", "Le porte-parole du Kremlin", "indique", ""}}},
		{"reflexive speech verb and its link", "Paul Durand s’est dit « scandalisé ». Le moniteur, qualifié d’« expérimenté », est mort.",
			[]wantQuote{
				{Partial, "scandalisé", "Paul Durand", "s’est dit", "Paul Durand"},
				{Partial, "expérimenté", "", "qualifié d’", ""},
			}},
		{"pour le moment is no source", "Pour le moment, la Russie n’a pas réagi.", nil},
		{"metonymy", "Moscou estime que l’offre est sérieuse.",
			[]wantQuote{{Indirect, "l’offre est sérieuse", "Moscou", "estime", "Russie"}}},
		{"unnamed group", "« C’était un carnage sur le trottoir », ont affirmé des témoins.",
			[]wantQuote{{Direct, "C’était un carnage sur le trottoir", "des témoins", "ont affirmé", ""}}},
		{"ce dernier", "Sergueï Guérassimov a rencontré Mark Milley. Ce dernier a déclaré : « Tout va bien. »",
			[]wantQuote{{Direct, "Tout va bien.", "Ce dernier", "a déclaré", "Mark Milley"}}},
		{"pronoun subject and colon", "Mark Milley était à Helsinki. Il a déclaré : « Tout va bien. »",
			[]wantQuote{{Direct, "Tout va bien.", "Il", "a déclaré", "Mark Milley"}}},
		{"pronoun for an unnamed group", "« C’était un carnage », ont affirmé des témoins. « Tout a brûlé », ont-ils ajouté.",
			[]wantQuote{
				{Direct, "C’était un carnage", "des témoins", "ont affirmé", ""},
				{Direct, "Tout a brûlé", "des témoins", "ont-ils ajouté", ""},
			}},
		{"incise inside the marks", "« Nous avons gagné, a déclaré Marie Curie, et nous gagnerons encore. »",
			[]wantQuote{{Direct, "Nous avons gagné, a déclaré Marie Curie, et nous gagnerons encore.", "Marie Curie", "a déclaré", "Marie Curie"}}},
		{"continuation over paragraphs", "Paul Durand a déclaré : « Le premier point est clair.\n« Le second aussi. »\nFin.",
			[]wantQuote{{Direct, "Le premier point est clair.\n« Le second aussi.", "Paul Durand", "a déclaré", "Paul Durand"}}},
		{"nested curly quotes", "Paul Durand a déclaré : « Le mot “paix” est vide. »",
			[]wantQuote{{Direct, "Le mot “paix” est vide.", "Paul Durand", "a déclaré", "Paul Durand"}}},
		{"straight quotes", "\"C'est fini\", a déclaré Marie Curie.",
			[]wantQuote{{Direct, "C'est fini", "Marie Curie", "a déclaré", "Marie Curie"}}},
		{"passive with agent", "Le père est décrit comme « un gars équilibré » par Paul Durand.",
			[]wantQuote{{Partial, "un gars équilibré", "Paul Durand", "est décrit comme", "Paul Durand"}}},
		{"two quotes one cue", "« Fillon en prison » et « Fillon, rends l’argent », ont affirmé des témoins.",
			[]wantQuote{
				{Direct, "Fillon en prison", "des témoins", "ont affirmé", ""},
				{Direct, "Fillon, rends l’argent", "des témoins", "ont affirmé", ""},
			}},
		{"dialogue turn with an inverted incise", "Paul Durand entra.\n— Tiens, dit-il, nous avons eu la même idée.\n",
			[]wantQuote{{Direct, "Tiens, dit-il, nous avons eu la même idée.", "il", "dit-il", "Paul Durand"}}},
		{"dialogue turn with a trailing incise", "Paul Durand entra.\n— Elle ! dit Marie Curie.\n",
			[]wantQuote{{Direct, "Elle !", "Marie Curie", "dit", "Marie Curie"}}},
		{"signature line is no dialogue", "« Nous avons gagné. »\n— Paul Durand, président du club\n",
			[]wantQuote{{Direct, "Nous avons gagné.", "Paul Durand", "", "Paul Durand"}}},
		{"negation", "Mark Milley n’a pas déclaré que les bases seront utilisées.", nil},
		{"il faut que", "Il faut que les bases soient utilisées.", nil},
		{"title of a programme", "Il était l’invité de l’émission « Le Grand Journal » hier.", nil},
		{"name in marks", "Il est surnommé « Monsieur Paul » par ses amis.", nil},
		{"named group", "Le groupe « Tahrir al-Cham » est né.", nil},
		{"charge", "Il a été placé en garde à vue pour « violences volontaires ».", nil},
		{"stray opening mark", "« Un guillemet jamais fermé.\nMarie Curie a déclaré que tout va bien.",
			[]wantQuote{{Indirect, "tout va bien", "Marie Curie", "a déclaré", "Marie Curie"}}},
		{"stray closing mark", "Il est parti » hier. Marie Curie a déclaré que tout va bien.",
			[]wantQuote{{Indirect, "tout va bien", "Marie Curie", "a déclaré", "Marie Curie"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := x.Extract("t", tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Quotes) != len(tt.want) {
				for _, q := range d.Quotes {
					t.Logf("got %s %q who=%v cue=%v", q.Kind, d.Slice(q.Span), q.Who, q.Cue)
				}
				t.Fatalf("got %d quotes, want %d", len(d.Quotes), len(tt.want))
			}
			seen := map[string]int{}
			for i, w := range tt.want {
				q := d.Quotes[i]
				seen[w.text]++
				qs := quoteSpanOf(tt.text, w.text, seen[w.text])
				checkSpan(t, "quote", tt.text, q.Span, qs)
				if q.Kind != w.kind {
					t.Errorf("quote %d: kind %s, want %s", i, q.Kind, w.kind)
				}
				checkSpan(t, "who", tt.text, q.Who, nearestSpan(tt.text, w.who, qs))
				checkSpan(t, "cue", tt.text, q.Cue, nearestSpan(tt.text, w.cue, qs))
				got := ""
				if q.Speaker >= 0 {
					got = d.Entities[q.Speaker].Name
				}
				if got != w.speaker {
					t.Errorf("quote %d: speaker %q, want %q", i, got, w.speaker)
				}
			}
		})
	}
}

// nearestSpan returns the occurrence of s outside the quote span q that is
// nearest to q (speakers and cues sit just before or just after the quote).
func nearestSpan(text, s string, q Span) Span {
	if s == "" {
		return NoSpan
	}
	best, bestD := Span{-2, -2}, 1<<30
	for off := 0; ; {
		i := strings.Index(text[off:], s)
		if i < 0 {
			break
		}
		sp := Span{off + i, off + i + len(s)}
		off = sp.End
		d := 0
		switch {
		case sp.End <= q.Start:
			d = q.Start - sp.End
		case sp.Start >= q.End:
			d = sp.Start - q.End
		default:
			d = 0 // inside the quote (an incise)
		}
		if d < bestD {
			best, bestD = sp, d
		}
	}
	return best
}

func TestFindMarks(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // inner texts of the top-level pairs
	}{
		{"guillemets", "a « b » c « d »", []string{" b ", " d "}},
		{"nested", "« a “b” c »", []string{" a “b” c "}},
		{"single nested", "« a ‹b› c »", []string{" a ‹b› c "}},
		{"straight", `il dit "oui" puis "non".`, []string{"oui", "non"}},
		{"straight glued", `fin."Le début", a-t-il dit.`, []string{"Le début"}},
		{"inches are stray", `un écran de 15" et "bonjour"`, []string{"bonjour"}},
		{"stray straight opener", `un "stray puis il dit "bonjour" hier`, []string{"bonjour"}},
		{"french spacing", `il dit " bonjour " hier`, []string{" bonjour "}},
		{"unclosed dropped at paragraph end", "« a b\nc » d « e »", []string{" e "}},
		{"paragraph continuation", "« a\n« b »", []string{" a\n« b "}},
		{"stray closer", "a » b « c »", []string{" c "}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range findMarks(tt.text, nil) {
				if p.Depth > 0 {
					continue
				}
				if !p.Open.Valid() || p.Close.End > len(tt.text) || p.Open.End > p.Close.Start {
					t.Fatalf("bad pair %+v", p)
				}
				got = append(got, tt.text[p.Open.End:p.Close.Start])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// BenchmarkQuoteFinder measures the quote stage alone on the reference
// article (the earlier stages run once, outside the loop).
func BenchmarkQuoteFinder(b *testing.B) {
	x := testQuoteExtractor(b)
	text, err := os.ReadFile("../testdata/russie-etats-unis-bases.txt")
	if err != nil {
		b.Fatal(err)
	}
	d, err := x.Extract("bench", string(text))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		x.quotes.Find(d)
	}
}

// BenchmarkQuoteFinderCorpus measures the quote stage alone on the first 500
// articles of OrangeSum (skipped when the shared data is absent), with the
// default lexicon: bytes are the articles' text.
func BenchmarkQuoteFinderCorpus(b *testing.B) {
	x, docs, size := corpusDocs(b)
	measureStage(b, size, func() {
		for _, d := range docs {
			x.quotes.Find(d)
		}
	})
}

// BenchmarkGrouperCorpus measures the grouping of mentions into entities
// alone, as BenchmarkQuoteFinderCorpus does the quote stage: each loop
// gives every document back the mentions the recogniser left (copied) and
// groups them.
func BenchmarkGrouperCorpus(b *testing.B) {
	x, docs, size := corpusDocs(b)
	before := make([][]Mention, len(docs))
	for i, d := range docs {
		d.Mentions, d.Entities, d.Quotes = d.Mentions[:0], nil, nil
		x.matcher.Match(d)
		x.recognizer.Recognize(d)
		before[i] = slices.Clone(d.Mentions)
	}
	measureStage(b, size, func() {
		for i, d := range docs {
			d.Mentions = append(d.Mentions[:0], before[i]...)
			x.grouper.Group(d)
		}
	})
}

// corpusDocs returns an extractor with the default lexicon and the first
// 500 articles of OrangeSum extracted by it, with their size in bytes; it
// skips b when the shared data is absent.
func corpusDocs(b *testing.B) (*Extractor, []*Doc, int) {
	f, err := os.Open("../../shared/data/orangesum/articles.jsonl.gz")
	if err != nil {
		b.Skip(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	lex, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	x, err := New(lex)
	if err != nil {
		b.Fatal(err)
	}
	var docs []*Doc
	size := 0
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() && len(docs) < 500 {
		var r struct{ Article string }
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		d, err := x.Extract("", r.Article)
		if err != nil {
			continue
		}
		docs = append(docs, d)
		size += len(r.Article)
	}
	return x, docs, size
}

// measureStage runs loop as the body of b, over size bytes, and reports
// MB/cpu-s beside the usual figures.
func measureStage(b *testing.B, size int, loop func()) {
	b.SetBytes(int64(size))
	b.ReportAllocs()
	start := processCPU()
	for b.Loop() {
		loop()
	}
	if used := processCPU() - start; start > 0 && used > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/used.Seconds(), "MB/cpu-s")
	}
}

// processCPU returns the CPU time the process has used (user and system), or
// 0 when unknown: on a busy machine it measures the work better than the
// wall clock.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
