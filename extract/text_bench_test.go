//go:build unix

package extract_test

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"go/build"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jdkato/prose/v2"
	"gopkg.in/neurosnap/sentences.v1"

	"github.com/quidit/quidit/extract"
)

// The text-layer benchmarks read the first newsArticles non-empty articles of
// OrangeSum (French news, 2011–2020) and compare quidit's segmenter and
// tokenizer with prose/v2 v2.0.0 (English-trained: its NewDocument segments
// with an English Punkt model and tokenizes without offsets) and with the
// French Punkt model shipped in gopkg.in/neurosnap/sentences.v1
// (data/french.json, read from the module cache).
//
//	go test ./extract -run '^$' -bench 'Text' -benchmem
//
// BenchmarkTextRatios reports quidit's speed as a multiple of prose's, both
// measured in the same run. Every benchmark also reports MB/cpu-s, text per
// second of CPU time used by the process: on a busy machine wall-clock MB/s
// vary with the load, CPU time much less.

const newsArticles = 500

var news struct {
	once  sync.Once
	texts []string
	bytes int64
	err   error
}

// newsPaths are where the OrangeSum articles are: ../shared from the
// repository root, or the workplace's copy.
var newsPaths = []string{"../../shared/data/orangesum/articles.jsonl.gz", "/work/shared/data/orangesum/articles.jsonl.gz"}

func loadNews(b *testing.B) []string {
	b.Helper()
	news.once.Do(func() {
		var f *os.File
		for _, p := range newsPaths {
			if f, news.err = os.Open(p); news.err == nil {
				break
			}
		}
		if news.err != nil {
			return
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			news.err = err
			return
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() && len(news.texts) < newsArticles {
			var rec struct{ Article, Text string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				news.err = err
				return
			}
			t := rec.Article
			if t == "" {
				t = rec.Text
			}
			if t != "" {
				news.texts = append(news.texts, t)
				news.bytes += int64(len(t))
			}
		}
		news.err = sc.Err()
	})
	if news.err != nil || len(news.texts) == 0 {
		b.Skipf("OrangeSum articles not available: %v", news.err)
	}
	return news.texts
}

var punkt struct {
	once sync.Once
	tok  *sentences.DefaultSentenceTokenizer
	err  error
}

// frenchPunkt loads the French Punkt model of sentences.v1 from the module
// cache, or skips.
func frenchPunkt(b *testing.B) *sentences.DefaultSentenceTokenizer {
	b.Helper()
	punkt.once.Do(func() {
		cache := os.Getenv("GOMODCACHE")
		if cache == "" {
			cache = filepath.Join(build.Default.GOPATH, "pkg", "mod")
		}
		files, _ := filepath.Glob(filepath.Join(cache, "gopkg.in", "neurosnap", "sentences.v1@*", "data", "french.json"))
		if len(files) == 0 {
			punkt.err = os.ErrNotExist
			return
		}
		sort.Strings(files)
		data, err := os.ReadFile(files[len(files)-1])
		if err != nil {
			punkt.err = err
			return
		}
		st, err := sentences.LoadTraining(data)
		if err != nil {
			punkt.err = err
			return
		}
		punkt.tok = sentences.NewSentenceTokenizer(st)
	})
	if punkt.err != nil {
		b.Skipf("French Punkt model not found in the module cache: %v", punkt.err)
	}
	return punkt.tok
}

// cpuTime returns the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs loop as the body of b with b.SetBytes(size) and reports
// MB/cpu-s beside the usual figures.
func measure(b *testing.B, size int64, loop func()) {
	b.SetBytes(size)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		loop()
	}
	if used := cpuTime() - start; start > 0 && used > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/used.Seconds(), "MB/cpu-s")
	}
}

func quiditSegmentTokenize(seg *extract.Segmenter, tz *extract.Tokenizer, text string) int {
	d := &extract.Doc{Text: text}
	seg.Segment(d)
	tz.Tokenize(d)
	return len(d.Tokens)
}

func proseDocument(b *testing.B, text string) int {
	doc, err := prose.NewDocument(text, prose.WithTagging(false), prose.WithExtraction(false))
	if err != nil {
		b.Fatal(err)
	}
	return len(doc.Tokens()) + len(doc.Sentences())
}

func BenchmarkText(b *testing.B) {
	texts := loadNews(b)
	seg, tz, st := extract.NewSegmenter(), extract.NewTokenizer(), extract.NewStemmer()
	b.Run("quidit-segment+tokenize", func(b *testing.B) {
		measure(b, news.bytes, func() {
			for _, t := range texts {
				quiditSegmentTokenize(seg, tz, t)
			}
		})
	})
	b.Run("quidit-segment+tokenize+stem", func(b *testing.B) {
		measure(b, news.bytes, func() {
			for _, t := range texts {
				d := &extract.Doc{Text: t}
				seg.Segment(d)
				tz.Tokenize(d)
				st.Stem(d)
			}
		})
	})
	b.Run("quidit-segment", func(b *testing.B) {
		d := &extract.Doc{}
		measure(b, news.bytes, func() {
			for _, t := range texts {
				d.Text = t
				seg.Segment(d)
			}
		})
	})
	b.Run("prose-v2-segment+tokenize", func(b *testing.B) {
		measure(b, news.bytes, func() {
			for _, t := range texts {
				proseDocument(b, t)
			}
		})
	})
	b.Run("punkt-french-segment", func(b *testing.B) {
		pt := frenchPunkt(b)
		measure(b, news.bytes, func() {
			for _, t := range texts {
				pt.Tokenize(t)
			}
		})
	})
}

// BenchmarkTextStages times each stage of the text layer alone on the
// same articles, the stages before it run once outside the timing, as the
// pipeline runs them on documents it reuses (Doc.Release): segment,
// tokenize (on the sentences found) and match (the lexicon matcher, with
// the look-up of every token key in its vocabulary).
//
//	go test ./extract -run '^$' -bench 'TextStages' -benchmem
func BenchmarkTextStages(b *testing.B) {
	texts := loadNews(b)
	x := defaultExtractor(b)
	seg, tz, m := extract.NewSegmenter(), extract.NewTokenizer(), x.Matcher()
	docs := make([]*extract.Doc, len(texts))
	for i, t := range texts {
		docs[i] = &extract.Doc{Text: t}
		seg.Segment(docs[i])
		tz.Tokenize(docs[i])
	}
	b.Run("segment", func(b *testing.B) {
		measure(b, news.bytes, func() {
			for _, d := range docs {
				seg.Segment(d)
			}
		})
	})
	b.Run("tokenize", func(b *testing.B) {
		measure(b, news.bytes, func() {
			for _, d := range docs {
				tz.Tokenize(d)
			}
		})
	})
	b.Run("match", func(b *testing.B) {
		measure(b, news.bytes, func() {
			for _, d := range docs {
				d.Mentions = d.Mentions[:0]
				m.Match(d)
			}
		})
	})
}

// BenchmarkTextRatios times quidit and the others on the same articles in
// the same loop and reports quidit's speed as a multiple of theirs
// (x-prose: prose time / quidit time for segment+tokenize; x-punkt-fr:
// Punkt French segmentation time / quidit segmentation time).
func BenchmarkTextRatios(b *testing.B) {
	texts := loadNews(b)
	pt := frenchPunkt(b)
	seg, tz := extract.NewSegmenter(), extract.NewTokenizer()
	var quidit, proseT, segT, punktT time.Duration
	d := &extract.Doc{}
	for b.Loop() {
		for _, t := range texts {
			t0 := time.Now()
			quiditSegmentTokenize(seg, tz, t)
			t1 := time.Now()
			proseDocument(b, t)
			t2 := time.Now()
			d.Text = t
			seg.Segment(d)
			t3 := time.Now()
			pt.Tokenize(t)
			t4 := time.Now()
			quidit += t1.Sub(t0)
			proseT += t2.Sub(t1)
			segT += t3.Sub(t2)
			punktT += t4.Sub(t3)
		}
	}
	mb := float64(news.bytes) * float64(b.N) / 1e6
	b.ReportMetric(mb/quidit.Seconds(), "quidit-MB/s")
	b.ReportMetric(mb/proseT.Seconds(), "prose-MB/s")
	b.ReportMetric(mb/segT.Seconds(), "quidit-seg-MB/s")
	b.ReportMetric(mb/punktT.Seconds(), "punkt-fr-seg-MB/s")
	b.ReportMetric(proseT.Seconds()/quidit.Seconds(), "x-prose")
	b.ReportMetric(punktT.Seconds()/segT.Seconds(), "x-punkt-fr")
}

// TestProseOnFrench records what prose/v2 v2.0.0 does with French text, the
// reason quidit has its own segmenter and tokenizer, and checks that quidit
// gets each case right. The prose column is asserted too, so the record
// stays true for the pinned version.
func TestProseOnFrench(t *testing.T) {
	seg, tz := extract.NewSegmenter(), extract.NewTokenizer()
	tokCases := []struct {
		in    string
		prose []string // prose's tokens: no offsets, ’ rewritten to '
		want  []tok    // quidit's tokens
	}{
		// prose keeps the elision glued and rewrites the apostrophe: the
		// text "l'Afghanistan" does not occur in the document.
		{"l’Afghanistan", []string{"l'Afghanistan"},
			[]tok{{0, 4, extract.Elision, "l’"}, {4, 15, extract.Word, "Afghanistan"}}},
		// prose keeps the inversion whole: the verb "a" is lost.
		{"a-t-il", []string{"a-t-il"},
			[]tok{{0, 1, extract.Word, "a"}, {1, 6, extract.Word, "-t-il"}}},
		// prose splits French thousands, with a space or an NBSP.
		{"17 000 soldats", []string{"17", "000", "soldats"},
			[]tok{{0, 6, extract.Number, "17 000"}, {7, 14, extract.Word, "soldats"}}},
		{"17\u00a0000 soldats", []string{"17", "000", "soldats"},
			[]tok{{0, 7, extract.Number, "17\u00a0000"}, {8, 15, extract.Word, "soldats"}}},
		// prose splits the honorific from its dot.
		{"Selon M. Macron", []string{"Selon", "M", ".", "Macron"},
			[]tok{{0, 5, extract.Word, "Selon"}, {6, 8, extract.Word, "M."}, {9, 15, extract.Word, "Macron"}}},
	}
	for _, c := range tokCases {
		doc, err := prose.NewDocument(c.in, prose.WithTagging(false), prose.WithExtraction(false))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, tk := range doc.Tokens() {
			got = append(got, tk.Text)
		}
		if !equalStrings(got, c.prose) {
			t.Errorf("prose tokens of %q: %q, recorded %q", c.in, got, c.prose)
		}
		toks := tz.Append(nil, c.in, extract.Span{Start: 0, End: len(c.in)})
		if len(toks) != len(c.want) {
			t.Errorf("%q: %d tokens, want %d", c.in, len(toks), len(c.want))
			continue
		}
		for i, w := range c.want {
			checkSpan(t, w.text, c.in, toks[i].Span, w.start, w.end, w.text)
			if toks[i].Kind != w.kind {
				t.Errorf("%q: kind %v, want %v", w.text, toks[i].Kind, w.kind)
			}
		}
	}

	segCases := []struct {
		in    string
		prose []string // prose's sentences (trimmed text, no offsets)
		want  []string // quidit's sentences
	}{
		// English Punkt: "MM." and "Mgr." (and "Mme.", "Pr.") end a sentence.
		{"Le Dr. Martin et MM. Dupont et Durand.", []string{"Le Dr. Martin et MM.", "Dupont et Durand."},
			[]string{"Le Dr. Martin et MM. Dupont et Durand."}},
		{"Il a vu Mgr. Aupetit hier.", []string{"Il a vu Mgr.", "Aupetit hier."},
			[]string{"Il a vu Mgr. Aupetit hier."}},
		// "etc." inside a sentence ends it.
		{"Des chats, etc. et des chiens.", []string{"Des chats, etc.", "et des chiens."},
			[]string{"Des chats, etc. et des chiens."}},
		// a question inside « » ends the sentence and the » starts the next.
		{"« Pourquoi ? » a-t-il demandé.", []string{"« Pourquoi ?", "» a-t-il demandé."},
			[]string{"« Pourquoi ? » a-t-il demandé."}},
		// the closing » goes with the name on the next line, and the line
		// break does not end the sentence.
		{"« Quand le monde devient plus sûr. »\nMark Milley", []string{"« Quand le monde devient plus sûr.", "»\nMark Milley"},
			[]string{"« Quand le monde devient plus sûr. »", "Mark Milley"}},
	}
	for _, c := range segCases {
		doc, err := prose.NewDocument(c.in, prose.WithTagging(false), prose.WithExtraction(false))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range doc.Sentences() {
			got = append(got, s.Text)
		}
		if !equalStrings(got, c.prose) {
			t.Errorf("prose sentences of %q: %q, recorded %q", c.in, got, c.prose)
		}
		d := &extract.Doc{Text: c.in}
		seg.Segment(d)
		got = got[:0]
		for _, s := range d.Sentences {
			got = append(got, d.Slice(s))
		}
		if !equalStrings(got, c.want) {
			t.Errorf("sentences of %q: %q, want %q", c.in, got, c.want)
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
