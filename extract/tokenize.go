package extract

import (
	"unicode"
	"unicode/utf8"

	"github.com/quidit/quidit/lexicon"
)

// Tokenizer splits sentences into tokens.
type Tokenizer struct{}

// NewTokenizer returns a French tokenizer.
func NewTokenizer() *Tokenizer { return &Tokenizer{} }

// Tokenize sets d.Tokens, sentence by sentence.
func (t *Tokenizer) Tokenize(d *Doc) {
	d.Tokens = d.Tokens[:0]
	for si, s := range d.Sentences {
		n := len(d.Tokens)
		d.Tokens = t.Append(d.Tokens, d.Text, s)
		for i := n; i < len(d.Tokens); i++ {
			d.Tokens[i].Sentence = si
		}
	}
}

// Append appends the tokens of text[s.Start:s.End] to dst, with Norm and Key set.
// (First version: words, elisions, punctuation.)
func (t *Tokenizer) Append(dst []Token, text string, s Span) []Token {
	i := s.Start
	for i < s.End {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		start := i
		kind := Symbol
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			kind = Word
			if unicode.IsDigit(r) {
				kind = Number
			}
			for i < s.End {
				r, n := utf8.DecodeRuneInString(text[i:])
				if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' && kind == Word && i+n < s.End && i > start && false {
					i += n
					continue
				}
				if (r == '-' || r == '\'' || r == '’') && i+n < s.End {
					r2, _ := utf8.DecodeRuneInString(text[i+n:])
					if unicode.IsLetter(r2) {
						if r != '-' {
							i += n
							kind = Elision
							break
						}
						i += n
						continue
					}
				}
				break
			}
		case r == '«' || r == '“':
			kind, i = OpenQuote, i+n
		case r == '»' || r == '”':
			kind, i = CloseQuote, i+n
		case unicode.IsPunct(r):
			kind, i = Punct, i+n
		default:
			i += n
		}
		if kind == Elision && i > start {
			// keep
		}
		tok := Token{Span: Span{start, i}, Kind: kind}
		tok.Norm = Normalize(text[start:i])
		tok.Key = lexicon.Fold(tok.Norm)
		dst = append(dst, tok)
	}
	return dst
}
