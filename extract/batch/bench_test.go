package batch_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jdkato/prose/v2"

	"github.com/quidit/quidit/extract/batch"
)

// The full-pipeline benchmarks run on the first benchDocs articles of
// OrangeSum (../shared/data/orangesum/articles.jsonl.gz; skipped when absent):
// JSONL decoding, extraction and JSON encoding, output discarded. The bytes
// per second count the article texts (the "article" field; titles are left
// out so that prose/v2 gets the same text). Besides MB/s (wall clock), they
// report MB/cpu-s, text per second of CPU time used by the whole process:
// on a busy machine it still measures the work one document costs.
const (
	benchCorpus = "../../../shared/data/orangesum/articles.jsonl.gz"
	benchDocs   = 500
)

// benchSample returns the sample's JSONL lines and texts, read once.
var benchSample = func() func(b *testing.B) (jsonl []byte, texts []string, size int64) {
	var jsonl []byte
	var texts []string
	var size int64
	return func(b *testing.B) ([]byte, []string, int64) {
		if jsonl != nil {
			return jsonl, texts, size
		}
		f, err := os.Open(benchCorpus)
		if err != nil {
			b.Skipf("no corpus: %v", err)
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			b.Fatal(err)
		}
		o := benchOptions()
		sc := bufio.NewScanner(zr)
		sc.Buffer(nil, 1<<26)
		var buf bytes.Buffer
		for sc.Scan() && len(texts) < benchDocs {
			rec := batch.DecodeJSONL(sc.Bytes(), "", o)
			if rec.Err != nil {
				continue
			}
			buf.Write(sc.Bytes())
			buf.WriteByte('\n')
			texts = append(texts, rec.Text)
			size += int64(len(rec.Text))
		}
		jsonl = buf.Bytes()
		return jsonl, texts, size
	}
}()

func benchOptions() *batch.Options {
	o := batch.DefaultOptions()
	o.JSONL = true
	o.TextField = "article"
	o.TitleField = ""
	return &o
}

// BenchmarkPipeline runs the whole pipeline (JSONL in, JSON out) with 1 and
// 2 workers, the way quidit --jsonl does.
func BenchmarkPipeline(b *testing.B) {
	jsonl, _, size := benchSample(b)
	x := extractor(b)
	o := benchOptions()
	for _, workers := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(workers), func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				rd, err := batch.NewReader(bytes.NewReader(jsonl), "sample", o)
				if err != nil {
					b.Fatal(err)
				}
				recs := func(yield func(batch.Record) bool) {
					for {
						r, ok := rd.Next()
						if !ok || !yield(r) {
							return
						}
					}
				}
				var failed atomic.Int64
				err = batch.Ordered(recs, workers, batch.Window(workers), func(r batch.Record) []byte {
					res := batch.Process(x, r)
					if res.Failed() {
						failed.Add(1)
					}
					line := res.Line(false)
					res.Release()
					return line
				}, func(line []byte) error {
					_, err := io.Discard.Write(line)
					batch.FreeLine(line)
					return err
				})
				if err != nil || failed.Load() > 0 {
					b.Fatalf("error %v, %d failed records", err, failed.Load())
				}
			}
			reportCPU(b, size, cpu)
		})
	}
}

// BenchmarkProse runs prose/v2 on the same texts, tokenizing and segmenting
// only (no tagging, no entity extraction): a lower bound of what prose
// costs, to compare with BenchmarkPipeline/workers=1.
func BenchmarkProse(b *testing.B) {
	_, texts, size := benchSample(b)
	b.SetBytes(size)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		for _, t := range texts {
			if _, err := prose.NewDocument(t, prose.WithTagging(false), prose.WithExtraction(false)); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCPU(b, size, cpu)
}

// reportCPU reports MB/cpu-s: size bytes per loop over the CPU time used
// since start.
func reportCPU(b *testing.B, size int64, start time.Duration) {
	if used := cpuTime() - start; start > 0 && used > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/used.Seconds(), "MB/cpu-s")
	}
}
