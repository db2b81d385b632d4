package extract

import (
	"sort"
	"strings"

	"github.com/quidit/quidit/lexicon"
)

// Matcher finds lexicon forms in a document's tokens: the longest form that
// starts at a token wins. It is built once from a lexicon and then read-only.
type Matcher struct {
	root *trieNode
	tok  *Tokenizer

	firstNames map[string]byte   // Fold(first name) → 'm', 'f' or 'x'
	titles     *trieNode         // TITLE forms
	speech     map[string]string // Fold(speech verb form) → lemma (single-token forms)
	speechSeq  *trieNode         // multi-token speech verb forms ("a déclaré")
}

type trieNode struct {
	next map[string]*trieNode
	hits []hit
}

// hit is one form of one entry ending at a trie node.
type hit struct {
	entry *lexicon.Entry
	via   lexicon.Via
	caps  []bool // for each token of the form: must the text token be capitalised?
	rank  int    // lower is better
}

func (n *trieNode) child(k string) *trieNode {
	if n.next == nil {
		n.next = map[string]*trieNode{}
	}
	c := n.next[k]
	if c == nil {
		c = &trieNode{}
		n.next[k] = c
	}
	return c
}

var typeRank = map[lexicon.Type]int{lexicon.Person: 0, lexicon.Organization: 1, lexicon.Country: 2, lexicon.Base: 3, lexicon.Location: 4}
var viaRank = map[lexicon.Via]int{lexicon.ViaName: 0, lexicon.ViaAlias: 1, lexicon.ViaDemonym: 2, lexicon.ViaMetonym: 3}

// NewMatcher builds the matcher of lex, tokenizing forms with tok.
func NewMatcher(lex *lexicon.Lexicon, tok *Tokenizer) *Matcher {
	m := &Matcher{root: &trieNode{}, tok: tok, firstNames: map[string]byte{}, titles: &trieNode{}, speech: map[string]string{}, speechSeq: &trieNode{}}
	var buf []Token
	for _, e := range lex.Entries() {
		switch {
		case e.Type.IsEntity():
			for _, f := range e.Forms {
				buf = m.addForm(m.root, buf, e, f)
			}
		case e.Type == lexicon.FirstName:
			g := e.Attr("gender")
			for _, f := range e.Forms {
				k := lexicon.Fold(f.Text)
				if old, ok := m.firstNames[k]; ok && old != gender(g) {
					m.firstNames[k] = 'x'
				} else {
					m.firstNames[k] = gender(g)
				}
			}
		case e.Type == lexicon.Title:
			for _, f := range e.Forms {
				buf = m.addForm(m.titles, buf, e, f)
			}
		case e.Type == lexicon.SpeechVerb:
			for _, f := range e.Forms {
				buf = buf[:0]
				buf = tok.Append(buf, f.Text, Span{0, len(f.Text)})
				if len(buf) == 1 {
					m.speech[buf[0].Key] = e.Name
				} else {
					buf = m.addForm(m.speechSeq, buf[:0], e, f)
				}
			}
		}
	}
	sortHits(m.root)
	return m
}

func gender(g string) byte {
	switch g {
	case "m", "f":
		return g[0]
	}
	return 'x'
}

// leading lower-case articles are context, not part of a name: "le Kremlin" is
// stored as "Kremlin".
var articles = []string{"le ", "la ", "les ", "l'", "l’"}

func (m *Matcher) addForm(root *trieNode, buf []Token, e *lexicon.Entry, f lexicon.Form) []Token {
	text := f.Text
	for _, a := range articles {
		if strings.HasPrefix(text, a) && len(text) > len(a) {
			text = strings.TrimSpace(text[len(a):])
			break
		}
	}
	buf = m.tok.Append(buf[:0], text, Span{0, len(text)})
	if len(buf) == 0 {
		return buf
	}
	n := root
	caps := make([]bool, len(buf))
	for i := range buf {
		n = n.child(buf[i].Key)
		caps[i] = buf[i].Cap()
	}
	h := hit{entry: e, via: f.Via, caps: caps, rank: typeRank[e.Type]*10 + viaRank[f.Via]}
	for _, o := range n.hits {
		if o.entry == e {
			return buf // the same entry twice under one key: keep the first
		}
	}
	n.hits = append(n.hits, h)
	return buf
}

func sortHits(n *trieNode) {
	sort.SliceStable(n.hits, func(i, j int) bool { return n.hits[i].rank < n.hits[j].rank })
	for _, c := range n.next {
		sortHits(c)
	}
}

// capsOK reports whether the text tokens satisfy the form's capitalisation.
func capsOK(toks []Token, caps []bool) bool {
	for i, c := range caps {
		if c && !toks[i].Cap() {
			return false
		}
	}
	return true
}

// longest returns the length in tokens of the longest form of trie root that
// starts at toks[0] and the best hit for it, or 0.
func longest(root *trieNode, toks []Token) (int, *hit) {
	n, best, bestLen := root, (*hit)(nil), 0
	for i := range toks {
		n = n.next[toks[i].Key]
		if n == nil {
			break
		}
		for j := range n.hits {
			if capsOK(toks[:i+1], n.hits[j].caps) {
				best, bestLen = &n.hits[j], i+1
				break
			}
		}
	}
	return bestLen, best
}

// Match adds a mention for every lexicon form found in d's tokens, sentence by
// sentence, longest match first.
func (m *Matcher) Match(d *Doc) {
	toks := d.Tokens
	for i := 0; i < len(toks); {
		end := i + 1
		for end < len(toks) && toks[end].Sentence == toks[i].Sentence {
			end++
		}
		for ; i < end; i++ {
			if n, h := longest(m.root, toks[i:end]); n > 0 {
				d.Mentions = append(d.Mentions, newMention(d, i, i+n, h))
				i += n - 1
				continue
			}
			if toks[i].Kind == Word && strings.Contains(toks[i].Norm, "-") {
				d.Mentions = m.matchParts(d, i, d.Mentions)
			}
		}
	}
}

// matchParts matches the parts of a hyphenated token: "Biden-Poutine" names
// two people.
func (m *Matcher) matchParts(d *Doc, i int, out []Mention) []Mention {
	t := d.Tokens[i]
	text := d.Slice(t.Span)
	var parts []Mention
	off := 0
	for off <= len(text) {
		j := strings.IndexByte(text[off:], '-')
		end := len(text)
		if j >= 0 {
			end = off + j
		}
		part := text[off:end]
		if part != "" {
			pt := Token{Span: Span{t.Start + off, t.Start + end}, Kind: Word, Sentence: t.Sentence, Norm: Normalize(part)}
			pt.Key = lexicon.Fold(pt.Norm)
			if n, h := longest(m.root, []Token{pt}); n == 1 {
				mm := newMention(d, i, i+1, h)
				mm.Span = pt.Span
				parts = append(parts, mm)
			}
		}
		if j < 0 {
			break
		}
		off = end + 1
	}
	return append(out, parts...)
}

func newMention(d *Doc, a, b int, h *hit) Mention {
	via := ViaAlias
	switch h.via {
	case lexicon.ViaName:
		via = ViaLexicon
	case lexicon.ViaDemonym:
		via = ViaDemonym
	case lexicon.ViaMetonym:
		via = ViaMetonym
	}
	m := Mention{
		Span:     Span{d.Tokens[a].Start, d.Tokens[b-1].End},
		Type:     h.entry.Type,
		Via:      via,
		Entry:    h.entry,
		Sentence: d.Tokens[a].Sentence,
		Tok:      a,
		TokEnd:   b,
		Entity:   -1,
		Name:     h.entry.Name,
	}
	if g := h.entry.Attr("gender"); g == "m" || g == "f" {
		m.Gender = g[0]
	}
	return m
}

// FirstName returns the gender of a known first name ('m', 'f', 'x') or 0.
func (m *Matcher) FirstName(key string) byte { return m.firstNames[key] }

// Title returns the length in tokens of the title or role starting at toks[0]
// and its entry, or 0 and nil.
func (m *Matcher) Title(toks []Token) (int, *lexicon.Entry) {
	n, h := longest(m.titles, toks)
	if h == nil {
		return 0, nil
	}
	return n, h.entry
}

// SpeechVerb returns the length in tokens of the speech-verb form starting at
// toks[0] and its lemma, or 0 and "".
func (m *Matcher) SpeechVerb(toks []Token) (int, string) {
	if n, h := longest(m.speechSeq, toks); h != nil {
		return n, h.entry.Name
	}
	if len(toks) > 0 {
		if l, ok := m.speech[toks[0].Key]; ok {
			return 1, l
		}
	}
	return 0, ""
}

// Candidate is a lexicon entry a form can name, for `quidit lexicon lookup`.
type Candidate struct {
	Entry *lexicon.Entry
	Via   lexicon.Via
	Caps  []bool // which tokens of the form must be capitalised
}

// Lookup returns the entries the whole of text can name, best first, whatever
// the case rules; with exact, only those whose capitalisation text satisfies.
func (m *Matcher) Lookup(text string, exact bool) []Candidate {
	toks := m.tok.Append(nil, text, Span{0, len(text)})
	n := m.root
	for _, t := range toks {
		if n = n.next[t.Key]; n == nil {
			return nil
		}
	}
	var out []Candidate
	for _, h := range n.hits {
		if exact && !capsOK(toks, h.caps) {
			continue
		}
		out = append(out, Candidate{h.entry, h.via, h.caps})
	}
	return out
}
