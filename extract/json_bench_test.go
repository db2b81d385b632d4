//go:build unix

package extract_test

import (
	"io"
	"testing"

	"github.com/quidit/quidit/extract"
)

// BenchmarkJSON writes the JSON of the OrangeSum articles of the text-layer
// benchmarks (see loadNews), extracted once beforehand: code-point offsets
// and string escaping. The bytes per second count the article texts.
//
//	go test ./extract -run '^$' -bench 'JSON$'
func BenchmarkJSON(b *testing.B) {
	texts := loadNews(b)
	x := defaultExtractor(b)
	docs := make([]*extract.Doc, len(texts))
	for i, t := range texts {
		d, err := x.Extract("news", t)
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = d
	}
	measure(b, news.bytes, func() {
		for _, d := range docs {
			if err := extract.WriteJSON(io.Discard, d, false); err != nil {
				b.Fatal(err)
			}
		}
	})
}
