package extract

import "github.com/quidit/quidit/lexicon"

// Recognizer finds names the lexicon does not hold, from capitalisation and
// context.
type Recognizer struct {
	lex *lexicon.Lexicon
	m   *Matcher
}

// NewRecognizer returns a recognizer using lex's word lists through m.
func NewRecognizer(lex *lexicon.Lexicon, m *Matcher) *Recognizer {
	return &Recognizer{lex: lex, m: m}
}

// Recognize adds pattern mentions to d. (First version: a known first name
// followed by a capitalised word is a person.)
func (r *Recognizer) Recognize(d *Doc) {
	taken := make([]bool, len(d.Tokens))
	for _, m := range d.Mentions {
		for i := m.Tok; i < m.TokEnd; i++ {
			taken[i] = true
		}
	}
	for i := 0; i+1 < len(d.Tokens); i++ {
		a, b := &d.Tokens[i], &d.Tokens[i+1]
		if taken[i] || taken[i+1] || a.Kind != Word || b.Kind != Word || a.Sentence != b.Sentence || !a.Cap() || !b.Cap() {
			continue
		}
		g := r.m.FirstName(a.Key)
		if g == 0 {
			continue
		}
		m := Mention{Span: Span{a.Start, b.End}, Type: lexicon.Person, Via: ViaPattern, Sentence: a.Sentence, Tok: i, TokEnd: i + 2, Entity: -1}
		m.Name = d.Slice(m.Span)
		if g == 'm' || g == 'f' {
			m.Gender = g
		}
		d.Mentions = append(d.Mentions, m)
		taken[i], taken[i+1] = true, true
		i++
	}
}
