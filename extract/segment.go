package extract

import "strings"

// Segmenter splits a document into sentences.
type Segmenter struct{}

// NewSegmenter returns a sentence segmenter for French news text.
func NewSegmenter() *Segmenter { return &Segmenter{} }

// Segment sets d.Sentences. (First version: lines and final punctuation.)
func (s *Segmenter) Segment(d *Doc) {
	d.Sentences = d.Sentences[:0]
	text := d.Text
	start := 0
	flush := func(end int) {
		a, b := start, end
		for a < b && strings.ContainsRune(" \t\r\n\u00a0", rune(text[a])) {
			a++
		}
		for b > a && strings.ContainsRune(" \t\r\n", rune(text[b-1])) {
			b--
		}
		if b > a {
			d.Sentences = append(d.Sentences, Span{a, b})
		}
		start = end
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			flush(i)
		case '.', '!', '?':
			if i+1 < len(text) && text[i+1] == ' ' && i+2 < len(text) && text[i+2] >= 'A' && text[i+2] <= 'Z' {
				flush(i + 1)
			}
		}
	}
	flush(len(text))
}
