package extract

import "github.com/quidit/quidit/lexicon"

// QuoteFinder finds quotes and reported speech and attributes them to speakers.
type QuoteFinder struct {
	lex *lexicon.Lexicon
	m   *Matcher
}

// NewQuoteFinder returns a QuoteFinder using lex's speech verbs through m.
func NewQuoteFinder(lex *lexicon.Lexicon, m *Matcher) *QuoteFinder {
	return &QuoteFinder{lex: lex, m: m}
}

// Find sets d.Quotes. (First version: text between « and ».)
func (q *QuoteFinder) Find(d *Doc) {
	open := -1
	for i, t := range d.Tokens {
		switch t.Kind {
		case OpenQuote:
			open = i
		case CloseQuote:
			if open >= 0 && i > open+1 {
				s := Span{d.Tokens[open+1].Start, d.Tokens[i-1].End}
				d.Quotes = append(d.Quotes, Quote{Span: s, Kind: Direct, Speaker: -1, Who: NoSpan, Cue: NoSpan})
			}
			open = -1
		}
	}
}
